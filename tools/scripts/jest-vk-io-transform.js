// vk-io (CommonJS) loads node-fetch 3, which is ESM only, with import(): Jest's CommonJS runtime
// cannot run that. Under Jest only, vk-io's import('node-fetch') gets Node's own fetch instead
// (jest-node-fetch-shim.js); the built server runs vk-io untouched.
const shim = require.resolve('./jest-node-fetch-shim.js');

module.exports = {
  process(source) {
    return { code: source.split("import('node-fetch')").join(`Promise.resolve(require(${JSON.stringify(shim)}))`) };
  },
  getCacheKey(source) {
    return require('node:crypto').createHash('sha256').update('vk-io-node-fetch-1').update(source).digest('hex');
  },
};

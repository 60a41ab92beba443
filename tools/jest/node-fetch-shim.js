// vk-io (CommonJS) loads node-fetch 3 (ESM only) with import(), which Jest's CommonJS runtime
// cannot do: under Jest, vk-io is transformed (import() becomes require()) and gets Node's own fetch.
module.exports = { __esModule: true, default: (...args) => globalThis.fetch(...args) };

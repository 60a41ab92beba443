// What vk-io gets for node-fetch under Jest (see jest-vk-io-transform.js): Node's fetch, minus the
// node-fetch-only options it passes (a Connection header, stream bodies without `duplex`).
module.exports = {
  __esModule: true,
  default: async (url, init = {}) => {
    // node-fetch refuses an agent of the other protocol (vk-io's default is https): so does this.
    const protocol = new URL(String(url)).protocol;
    if (init.agent?.protocol && init.agent.protocol !== protocol) throw new TypeError(`Protocol "${protocol}" not supported. Expected "${init.agent.protocol}"`);
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'connection'));
    const body = init.body;
    const streamed = body != null && typeof body === 'object' && typeof body[Symbol.asyncIterator] === 'function' && !Buffer.isBuffer(body);
    return globalThis.fetch(url, { method: init.method, headers, body, signal: init.signal, redirect: init.redirect, ...(streamed ? { duplex: 'half' } : {}) });
  },
};

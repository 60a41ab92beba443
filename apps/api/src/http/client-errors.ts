import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** What Node's HTTP parser refuses before any handler runs, as status and message. */
function clientErrorStatus(code: string | undefined): [number, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW': return [431, 'Request headers (or URL) too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT': return [408, 'Request timed out'];
    default: return [400, 'Malformed HTTP request'];
  }
}

/**
 * Node answers a request its parser refuses (a 10,000-character URL, a broken header) with a
 * bare status line; ours say what was wrong in the API's `{statusCode, message}` like every other error.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [statusCode, message] = clientErrorStatus(err.code);
    const body = JSON.stringify({ statusCode, message });
    socket.end(`HTTP/1.1 ${statusCode} ${message}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

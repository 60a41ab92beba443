import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { BadRequestException, Logger, NotFoundException, UnsupportedMediaTypeException } from '@nestjs/common';
import getRawBody from 'raw-body';
import type { WebhookAck } from '@parley/channels-core';
import { errorBody, errorHeaders } from '../http/http-exception.filter';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../http/request-body';
import type { WebhookHttpRequest, WebhookIntake } from './webhook-intake.service';

/**
 * `POST /webhooks/:provider/:inboxId` and `…/status` (CONTRACT.md), with or without a query string;
 * `GET /webhooks/:provider/:inboxId?…`, a provider's subscription check (Meta's hub.challenge).
 */
const ROUTE = /^\/webhooks\/([^/?#]+)\/([^/?#]+)(\/status)?\/?(?:[?#].*)?$/;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Provider webhooks are served straight off the HTTP server, ahead of Express and Nest's router,
 * guards, interceptors and body parsers: at thousands of webhooks a second that machinery was a
 * quarter of each one's CPU, and a webhook needs none of it (no session, no user; the signature is
 * the authentication). The rules stay the API's: the same body limit (413), JSON or form bodies,
 * errors as `{statusCode, message}`. Every other request goes on to Express as before.
 */
export function serveWebhooksFirst(server: Server, intake: WebhookIntake, bodyLimit: string): void {
  const rest = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const logger = new Logger('webhooks');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const route = req.method === 'POST' || req.method === 'GET' ? ROUTE.exec(req.url ?? '') : null;
    if (!route) {
      for (const listener of rest) listener.call(server, req, res);
      return;
    }
    handle(intake, bodyLimit, req, route).then(
      (ack) => reply(res, ack),
      (err: unknown) => {
        // Whatever of the body was not read yet is drained, so the connection stays usable.
        req.resume();
        const body = errorBody(err, logger);
        if (res.headersSent) return void res.destroy();
        // A 503 (database or Redis down) carries Retry-After: the provider retries, nothing is lost.
        send(res, body.statusCode, 'application/json; charset=utf-8', JSON.stringify(body), errorHeaders(body));
      },
    );
  });
}

async function handle(intake: WebhookIntake, bodyLimit: string, req: IncomingMessage, route: RegExpExecArray): Promise<WebhookAck | undefined> {
  let provider: string;
  let inboxId: string;
  try {
    provider = decodeURIComponent(route[1]);
    inboxId = decodeURIComponent(route[2]);
  } catch {
    throw new BadRequestException('Malformed URL');
  }
  if (req.method === 'GET') {
    if (route[3]) throw new NotFoundException('Unknown webhook');
    req.resume();
    return intake.challenge(provider, inboxId, new URL(req.url ?? '/', 'http://parley').searchParams);
  }
  const http = await readRequest(req, bodyLimit);
  return route[3] ? intake.status(provider, inboxId, http) : intake.inbound(provider, inboxId, http);
}

/** The body as body-parser would give it: JSON or a form parsed, anything else left to the adapter (undefined). */
export async function readRequest(req: IncomingMessage, bodyLimit: string): Promise<WebhookHttpRequest> {
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.split(';')[0].trim().toLowerCase();
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw new UnsupportedMediaTypeException(`Unsupported content encoding "${encoding}"`);
  const charset = /;\s*charset\s*=\s*"?([^";]+)/i.exec(contentType)?.[1].toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new UnsupportedMediaTypeException(`Unsupported charset "${charset}"`);
  const rawBody = await getRawBody(req, { length: req.headers['content-length'], limit: bodyLimit });
  let body: unknown;
  if (type === 'application/json' || type.endsWith('+json')) {
    if (jsonDepthExceeds(rawBody)) throw new BadRequestException(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    try {
      body = rawBody.length === 0 ? {} : JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new BadRequestException('Malformed request body');
    }
  } else if (type === 'application/x-www-form-urlencoded') {
    body = { ...parseForm(rawBody.toString('utf8')) };
  }
  return { url: req.url ?? '/', headers: req.headers, body, rawBody };
}

function reply(res: ServerResponse, ack: WebhookAck | undefined): void {
  if (!ack) {
    res.writeHead(204);
    res.end();
    return;
  }
  const type = ack.contentType ? (/charset=/i.test(ack.contentType) ? ack.contentType : `${ack.contentType}; charset=utf-8`) : 'text/plain; charset=utf-8';
  send(res, ack.status, type, ack.body ?? '');
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

/**
 * Nest's Express adapter, with the HTTP server creating requests and responses that are Express's
 * from birth.
 *
 * Express gives every request its own methods by changing the prototype of Node's `req` and `res`
 * (`Object.setPrototypeOf(req, app.request)` in `app.handle`). In V8 that change made a large share
 * of every request's objects, down to the rows read from the database, survive young-generation
 * collections: about 17 % of all the api allocated was promoted, and each scavenge took 2.5–4 ms
 * instead of 0.3 ms, on every route (`/health` included). A page of the timeline that a scavenge
 * fell on took twice as long. Here Node's server builds `req` and `res` from constructors whose
 * prototypes already are `app.request` and `app.response`, so Express's `setPrototypeOf` finds the
 * prototype in place and changes nothing (the approach discussed in expressjs/express#5998).
 */
export class ParleyExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    const app = this.getInstance<Express>();
    const classes = { IncomingMessage: requestClass(app.request), ServerResponse: responseClass(app.response) };
    this.httpServer = options?.httpsOptions ? https.createServer({ ...options.httpsOptions, ...classes }, app) : http.createServer(classes, app);
    if (options?.forceCloseConnections) {
      // The base class's own bookkeeping of open sockets, which close() cuts (private in its typings).
      const track = (this as unknown as { trackOpenConnections?: () => void }).trackOpenConnections;
      if (typeof track !== 'function') throw new Error('ExpressAdapter.trackOpenConnections is gone: check forceCloseConnections after the @nestjs/platform-express upgrade');
      track.call(this);
    }
  }
}

/** A constructor Node's server can call with `new`, building an IncomingMessage whose prototype is `proto`. */
export function requestClass(proto: object): typeof http.IncomingMessage {
  function ExpressRequest(this: http.IncomingMessage, socket: Socket): void {
    http.IncomingMessage.call(this, socket);
  }
  ExpressRequest.prototype = proto;
  return ExpressRequest as unknown as typeof http.IncomingMessage;
}

/** The same for ServerResponse. */
export function responseClass(proto: object): typeof http.ServerResponse {
  function ExpressResponse(this: http.ServerResponse, req: http.IncomingMessage, options?: object): void {
    (http.ServerResponse as unknown as (this: http.ServerResponse, req: http.IncomingMessage, options?: object) => void).call(this, req, options);
  }
  ExpressResponse.prototype = proto;
  return ExpressResponse as unknown as typeof http.ServerResponse;
}

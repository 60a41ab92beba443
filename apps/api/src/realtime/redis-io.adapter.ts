import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { socketIoKey, tolerateLostPublishes } from '@parley/runtime';
import { ownEchoSkippingParser } from './own-echo-parser';

/** socket.io across api nodes: a broadcast on one node reaches sockets connected to the others. */
export class RedisIoAdapter extends IoAdapter {
  private pub: Redis | null = null;
  private sub: Redis | null = null;
  private readonly parser = ownEchoSkippingParser();

  constructor(app: INestApplicationContext, private readonly redisUrl: string) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, options);
    if (!this.pub) {
      // Auto-pipelining: the broadcasts of one group commit (several per message) leave in one write.
      this.pub = new Redis(this.redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
      this.sub = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
      // Reconnects are automatic; an error event must not crash the process meanwhile.
      this.pub.on('error', () => undefined);
      this.sub.on('error', () => undefined);
      tolerateLostPublishes(this.pub);
    }
    server.adapter(createAdapter(this.pub, this.sub!, { key: socketIoKey(), parser: this.parser }));
    return server;
  }

  /**
   * Nest closes every namespace's server concurrently, and each redis-adapter unsubscribes
   * without awaiting; the clients are shared, so they quit only once all namespaces are closed.
   */
  async dispose(): Promise<void> {
    const clients = [this.pub, this.sub];
    this.pub = this.sub = null;
    await Promise.all(clients.map((c) => c?.quit().catch(() => undefined)));
  }
}

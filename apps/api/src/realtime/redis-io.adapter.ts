import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/** socket.io across api nodes: a broadcast on one node reaches sockets connected to the others. */
export class RedisIoAdapter extends IoAdapter {
  private pub: Redis | null = null;
  private sub: Redis | null = null;

  constructor(app: INestApplicationContext, private readonly redisUrl: string) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, options);
    if (!this.pub) {
      this.pub = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
      this.sub = this.pub.duplicate();
    }
    server.adapter(createAdapter(this.pub, this.sub!));
    return server;
  }

  async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all([this.pub?.quit(), this.sub?.quit()].map((p) => p?.catch(() => undefined)));
    this.pub = this.sub = null;
  }
}

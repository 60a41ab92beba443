import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { RealtimePublisher } from '@parley/channels-core';
import { CONFIG, type ParleyConfig } from './config';

export const AGENTS_ROOM = 'agents';
/** The room of one agent's sockets (every tab and device), joined on connection by AgentSockets. */
export const agentRoom = (userId: string) => `agent:${userId}`;

/**
 * The Redis channel prefix of socket.io's adapter and emitter: under the deployment's key prefix
 * (`PARLEY_QUEUE_PREFIX`, as the queues and rate limits), so two deployments or two test runs on
 * one Redis never receive each other's broadcasts. The api's adapter and the worker's emitter must agree.
 */
export function socketIoKey(env: NodeJS.ProcessEnv = process.env): string {
  return `${env.PARLEY_QUEUE_PREFIX ?? 'parley'}:socket.io`;
}

/**
 * socket.io's Redis adapter and emitter publish without handling the promise, so a broadcast racing
 * shutdown or a Redis restart would surface as an unhandled rejection ("Connection is closed").
 * A lost broadcast is harmless (consoles refetch on reconnect); a crashed process is not.
 */
export function tolerateLostPublishes(client: Redis): void {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  client.publish = ((...args: unknown[]) => publish(...args).catch(() => 0)) as Redis['publish'];
}

/**
 * The RealtimePublisher of every process. An api process attaches its socket.io server (whose
 * Redis adapter reaches the other nodes); a worker-only process publishes through a Redis emitter.
 */
@Injectable()
export class RealtimeHub implements RealtimePublisher, OnApplicationShutdown {
  private server: Server | null = null;
  private emitter: Emitter | null = null;
  private redis: Redis | null = null;
  private closed = false;

  constructor(@Inject(CONFIG) private readonly config: ParleyConfig) {}

  attach(server: Server): void {
    this.server = server;
  }

  toAgents(event: string, payload: unknown): void {
    this.target()?.of('/agents').to(AGENTS_ROOM).emit(event, payload);
  }

  toAgent(userId: string, event: string, payload: unknown): void {
    this.target()?.of('/agents').to(agentRoom(userId)).emit(event, payload);
  }

  toWidgetRoom(room: string, event: string, payload: unknown): void {
    this.target()?.of('/widget').to(room).emit(event, payload);
  }

  private target(): Pick<Server, 'of'> | Pick<Emitter, 'of'> | null {
    // Once shutting down, the Redis clients behind both paths are closing: drop late emits
    // (consoles refetch on reconnect) rather than publish on a closed connection.
    if (this.closed) return null;
    if (this.server) return this.server;
    if (!this.emitter && this.config.redisUrl) {
      this.redis = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
      this.redis.on('error', () => undefined);
      tolerateLostPublishes(this.redis);
      this.emitter = new Emitter(this.redis, { key: socketIoKey() });
    }
    return this.emitter;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.redis?.quit().catch(() => undefined);
  }
}

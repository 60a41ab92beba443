import type { Redis } from 'ioredis';
import { socketIoKey, tolerateLostPublishes } from './realtime.hub';

describe('tolerateLostPublishes', () => {
  it('turns a publish on a closed connection into "no subscriber reached" instead of a rejection', async () => {
    const client = { publish: jest.fn().mockRejectedValue(new Error('Connection is closed.')) };
    tolerateLostPublishes(client as unknown as Redis);
    await expect(client.publish('socket.io#/agents#', 'payload')).resolves.toBe(0);
  });

  it('passes successful publishes through with their arguments', async () => {
    const publish = jest.fn().mockResolvedValue(3);
    const client = { publish };
    tolerateLostPublishes(client as unknown as Redis);
    await expect(client.publish('channel', 'message')).resolves.toBe(3);
    expect(publish).toHaveBeenCalledWith('channel', 'message');
  });
});

describe('socketIoKey', () => {
  it('puts socket.io broadcasts under the deployment key prefix', () => {
    expect(socketIoKey({ PARLEY_QUEUE_PREFIX: 'parley-test-1' })).toBe('parley-test-1:socket.io');
    expect(socketIoKey({ PARLEY_QUEUE_PREFIX: 'parley-test-2' })).not.toBe(socketIoKey({ PARLEY_QUEUE_PREFIX: 'parley-test-1' }));
    expect(socketIoKey({})).toBe('parley:socket.io');
  });
});

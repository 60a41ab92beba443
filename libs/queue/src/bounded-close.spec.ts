import { closeWithin } from './bounded-close';

describe('closeWithin', () => {
  it('closes gracefully when the close finishes in time', async () => {
    const disconnect = jest.fn(async () => undefined);
    expect(await closeWithin({ close: async () => undefined, disconnect }, 1000)).toBe(true);
    expect(disconnect).not.toHaveBeenCalled();
  });

  it('drops the connections of a close that never finishes, and says so', async () => {
    const disconnect = jest.fn(async () => undefined);
    const onTimeout = jest.fn();
    const hung = { close: () => new Promise<void>(() => undefined), disconnect };
    expect(await closeWithin(hung, 20, onTimeout)).toBe(false);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(disconnect).toHaveBeenCalledTimes(1);
  });

  it('does not wait for a disconnect that hangs as well', async () => {
    const hung = { close: () => new Promise<void>(() => undefined), disconnect: () => new Promise<void>(() => undefined) };
    expect(await closeWithin(hung, 20)).toBe(false);
  });

  it('counts a close that fails as finished: shutdown goes on', async () => {
    const disconnect = jest.fn(async () => undefined);
    expect(await closeWithin({ close: async () => { throw new Error('Connection is closed.'); }, disconnect }, 1000)).toBe(true);
    expect(disconnect).not.toHaveBeenCalled();
  });
});

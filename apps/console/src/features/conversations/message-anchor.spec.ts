import { anchorStep } from './message-anchor';

const idle = { loading: false, loadingOlder: false, olderCursor: null };

describe('opening a conversation at a message', () => {
  it('scrolls to the message once a page holding it is read', () => {
    expect(anchorStep(['m1', 'm2'], 'm1', { ...idle, olderCursor: 'c' })).toBe('found');
  });

  it('reads older pages until the message is there, waiting for each', () => {
    expect(anchorStep(['m5', 'm6'], 'm1', { ...idle, olderCursor: 'c' })).toBe('loadOlder');
    expect(anchorStep(['m5', 'm6'], 'm1', { ...idle, olderCursor: 'c', loadingOlder: true })).toBe('wait');
    expect(anchorStep([], 'm1', { ...idle, loading: true })).toBe('wait');
  });

  it('gives up when every page is read and the message is not among them', () => {
    expect(anchorStep(['m5', 'm6'], 'm1', idle)).toBe('missing');
  });
});

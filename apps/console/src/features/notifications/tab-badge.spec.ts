import { badgeText, titleWithCount } from './tab-badge';

describe('the tab title', () => {
  it('puts the unread count in front', () => {
    expect(titleWithCount('Parley', 3)).toBe('(3) Parley');
  });

  it('replaces an earlier count rather than stacking them, and drops it at zero', () => {
    expect(titleWithCount('(3) Parley', 4)).toBe('(4) Parley');
    expect(titleWithCount('(4) Parley', 0)).toBe('Parley');
  });

  it('caps the count at 99+', () => {
    expect(titleWithCount('Parley', 250)).toBe('(99+) Parley');
    expect(badgeText(250)).toBe('99+');
  });
});

import { avatarHue, initials } from './avatar-initials';

describe('initials', () => {
  it('takes the first and last word', () => {
    expect(initials('Anna Maria Smith')).toBe('AS');
    expect(initials('Ольга Петрова')).toBe('ОП');
  });

  it('copes with addresses, phone numbers and blanks', () => {
    expect(initials('john.doe@example.com')).toBe('JD');
    expect(initials('+15550001111')).toBe('?');
    expect(initials('')).toBe('?');
  });
});

describe('avatarHue', () => {
  it('is stable and within the colour wheel', () => {
    expect(avatarHue('cust-1')).toBe(avatarHue('cust-1'));
    expect(avatarHue('cust-1')).toBeGreaterThanOrEqual(0);
    expect(avatarHue('cust-1')).toBeLessThan(360);
  });
});

import { hasRole } from './roles';

describe('role ranking', () => {
  it('lets a higher role do what a lower one may', () => {
    expect(hasRole('admin', 'agent')).toBe(true);
    expect(hasRole('supervisor', 'supervisor')).toBe(true);
  });

  it('refuses a lower role', () => {
    expect(hasRole('agent', 'supervisor')).toBe(false);
    expect(hasRole('supervisor', 'admin')).toBe(false);
  });
});

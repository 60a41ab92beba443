import { PASSWORD_MAX_BYTES, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts a long uncommon password, Cyrillic included', () => {
    expect(passwordProblem('correct-horse-battery')).toBeNull();
    expect(passwordProblem('пароль-для-анны')).toBeNull();
  });

  it('refuses passwords shorter than ten characters', () => {
    expect(passwordProblem('x7#kQ2!a')).toMatch(/at least 10 characters/);
  });

  it('refuses blank passwords, however long', () => {
    expect(passwordProblem(' '.repeat(8))).toMatch(/blank/);
    expect(passwordProblem(' \t'.repeat(20))).toMatch(/blank/);
  });

  it('refuses passwords from the shipped list of common ones, regardless of case', () => {
    expect(passwordProblem('1234567890')).toMatch(/too common/);
    expect(passwordProblem('Password123')).toMatch(/too common/);
    expect(passwordProblem('qwertyuiop')).toMatch(/too common/);
  });

  it('refuses what bcrypt would silently cut at 72 bytes instead of truncating it', () => {
    expect(passwordProblem('a'.repeat(PASSWORD_MAX_BYTES))).toBeNull();
    expect(passwordProblem('a'.repeat(PASSWORD_MAX_BYTES + 1))).toMatch(/at most 72 bytes/);
    // 37 Cyrillic letters are 74 bytes in UTF-8.
    expect(passwordProblem('щ'.repeat(37))).toMatch(/at most 72 bytes/);
  });

  it('refuses a NUL character', () => {
    expect(passwordProblem('пароль\u0000-агента-42')).toMatch(/NUL/);
  });

  it('uses the deny-list it is given', () => {
    expect(passwordProblem('parley-support-2026', new Set(['parley-support-2026']))).toMatch(/too common/);
  });
});

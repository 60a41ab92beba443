export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads only the first 72 bytes: a longer password would be silently cut, so it is refused. */
export const PASSWORD_MAX_BYTES = 72;

let shipped: ReadonlySet<string> | null = null;

/** The ~49,000 most common leaked passwords shipped with zxcvbn-ts, lower-cased; built on first use. */
export function commonPasswords(): ReadonlySet<string> {
  // Required lazily: the package decompresses all its dictionaries on load (~50 ms), which only the
  // processes that set passwords should pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  shipped ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return shipped;
}

/**
 * Why a password may not be set, or null when it may. Length counts characters (an emoji is one),
 * the upper bound counts UTF-8 bytes because that is what bcrypt hashes.
 */
export function passwordProblem(password: string, denyList: ReadonlySet<string> = commonPasswords()): string | null {
  if (!password.trim()) return 'Password must not be blank';
  // bcrypt implementations disagree on what follows a NUL byte; none should have to decide.
  if (password.includes('\0')) return 'Password must not contain NUL characters';
  if ([...password].length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return `Password must be at most ${PASSWORD_MAX_BYTES} bytes long (fewer characters outside Latin script)`;
  if (denyList.has(password.toLowerCase()) || denyList.has(password.trim().toLowerCase())) return 'Password is too common: choose one that is not on lists of leaked passwords';
  return null;
}

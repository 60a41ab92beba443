const SECRET_KEY = /token|secret|password|passwd|^pass$|authorization|api[-_]?key|signature|cookie/i;

/** A payload as admins may see it: the values of secret-looking keys masked, at any depth. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) && v !== null && v !== '' ? '[redacted]' : redactSecrets(v, depth + 1)]),
  );
}

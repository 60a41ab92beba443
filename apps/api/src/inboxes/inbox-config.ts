/** Config keys that hold credentials: stored as given, returned masked. */
const SECRET_KEYS = new Set(['authToken', 'botToken', 'secretToken', 'pass', 'password', 'apiKey']);

const MASK = '••••';

export function maskSecrets(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    if (SECRET_KEYS.has(key) && typeof value === 'string') out[key] = value ? `${MASK}${value.slice(-4)}` : '';
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = maskSecrets(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

/** Applies a config patch; a secret that comes back still masked keeps its stored value. */
export function mergeConfig(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (SECRET_KEYS.has(key) && typeof value === 'string' && value.startsWith(MASK)) continue;
    const prev = stored?.[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && prev && typeof prev === 'object') {
      out[key] = mergeConfig(prev as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      out[key] = value;
    }
  }
  return out;
}

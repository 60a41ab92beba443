// Config keys that hold credentials: sealed at rest by the inbox entity, returned masked here.
import { SECRET_CONFIG_KEYS as SECRET_KEYS } from '@parley/persistence';

const MASK = '••••';
/**
 * Below this length a secret is a password, not a random token: its tail would give away too much
 * of it, so it comes back as the bare mask.
 */
const SHOW_TAIL_FROM_LENGTH = 16;

export function maskSecrets(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    if (SECRET_KEYS.has(key) && typeof value === 'string') out[key] = maskSecret(value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = maskSecrets(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

function maskSecret(value: string): string {
  if (!value) return '';
  return value.length >= SHOW_TAIL_FROM_LENGTH ? `${MASK}${value.slice(-4)}` : MASK;
}

/**
 * Applies a config patch. A secret left blank or sent back still masked keeps its stored value
 * (the console never has it to send); `null` removes a key, so an optional setting (an
 * `apiBaseUrl`, the whole `imap` block, an SMTP password) can be cleared.
 */
export function mergeConfig(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (SECRET_KEYS.has(key) && typeof value === 'string' && (value.trim() === '' || value.startsWith(MASK))) continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    const prev = stored?.[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && prev && typeof prev === 'object' && !Array.isArray(prev)) {
      out[key] = mergeConfig(prev as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Why a config's `templates` cannot be stored, or null. The channel adapter checks each template's
 * shape; what it cannot see is two rows with one ContentSid, which would make the agent's picker
 * (and the send-time lookup by id) ambiguous.
 */
export function templateListProblem(config: Record<string, unknown>): string | null {
  if (!Array.isArray(config?.templates)) return null;
  const seen = new Map<string, number>();
  for (const [index, template] of (config.templates as unknown[]).entries()) {
    const id = typeof (template as { id?: unknown })?.id === 'string' ? ((template as { id: string }).id).trim() : '';
    if (!id) continue;
    const first = seen.get(id);
    if (first !== undefined) return `templates[${index}].id ${id} is already used by templates[${first}]: each template needs its own ContentSid`;
    seen.set(id, index);
  }
  return null;
}

// Edits to a customer's attributes and tags, computed in full before a PATCH so the api receives
// the complete new value (a removed key is simply absent).

export type Attributes = Record<string, unknown>;

export function normalizeAttributeKey(key: string): string {
  return key.trim();
}

export function setAttribute(attributes: Attributes, key: string, value: string, previousKey?: string): Attributes {
  const name = normalizeAttributeKey(key);
  if (!name) return attributes;
  const next: Attributes = {};
  // Renaming keeps the attribute where it was in the list.
  for (const [k, v] of Object.entries(attributes)) {
    if (k === previousKey && previousKey !== name) next[name] = value;
    else if (k !== name) next[k] = v;
    else next[k] = value;
  }
  if (!(name in next)) next[name] = value;
  return next;
}

export function removeAttribute(attributes: Attributes, key: string): Attributes {
  const next = { ...attributes };
  delete next[key];
  return next;
}

/** Non-string attribute values (numbers, flags, objects from integrations) shown as text. */
export function attributeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function normalizeTag(tag: string): string {
  return tag.trim().replace(/\s+/g, '-').toLowerCase();
}

export function addTag(tags: readonly string[], tag: string): string[] {
  const name = normalizeTag(tag);
  if (!name || tags.some((t) => t.toLowerCase() === name)) return [...tags];
  return [...tags, name];
}

export function removeTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => t !== tag);
}

/** Empty form fields clear the value rather than storing "". */
export function contactPatch(
  current: { name: string | null; email: string | null; phone: string | null },
  form: { name: string; email: string; phone: string },
): Partial<Record<'name' | 'email' | 'phone', string | null>> {
  const patch: Partial<Record<'name' | 'email' | 'phone', string | null>> = {};
  for (const field of ['name', 'email', 'phone'] as const) {
    const value = form[field].trim() || null;
    if (value !== (current[field] ?? null)) patch[field] = value;
  }
  return patch;
}

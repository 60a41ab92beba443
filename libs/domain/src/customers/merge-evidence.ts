import { nameKey } from './search-folding';
import { toE164 } from './phone-numbers';

/** What two customers' own records have in common (pre-chat evidence is added by the use case). */
export interface FactEvidence {
  kind: 'same_email' | 'same_phone' | 'same_name';
  /** The shared value as each record holds it, e.g. ["8 916 123-45-67", "+79161234567"]. */
  values: string[];
}

export interface CustomerFacts {
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The channels the customer was reached on. */
  channels: string[];
}

/**
 * Why two customers look like one person. The same name counts only between customers reached on
 * different channels: two web chat visitors called "Мария Иванова" are most likely two people.
 */
export function mergeEvidence(a: CustomerFacts, b: CustomerFacts, region?: string): FactEvidence[] {
  const evidence: FactEvidence[] = [];
  if (a.email && b.email && a.email.trim().toLowerCase() === b.email.trim().toLowerCase()) {
    evidence.push({ kind: 'same_email', values: [a.email, b.email] });
  }
  const phoneA = toE164(a.phone, region);
  if (phoneA && a.phone && b.phone && phoneA === toE164(b.phone, region)) evidence.push({ kind: 'same_phone', values: [a.phone, b.phone] });
  const nameA = nameKey(a.name);
  const otherChannel = a.channels.some((c) => !b.channels.includes(c)) || b.channels.some((c) => !a.channels.includes(c));
  if (nameA && a.name && b.name && nameA === nameKey(b.name) && otherChannel) evidence.push({ kind: 'same_name', values: [a.name, b.name] });
  return evidence;
}

/** Evidence lists combined without repeating a kind (a later pre-chat submission adds to a suggestion). */
export function combineEvidence<E extends { kind: string }>(stored: E[], added: E[]): E[] {
  const out = [...stored];
  for (const e of added) if (!out.some((s) => s.kind === e.kind)) out.push(e);
  return out;
}

/** A pair of customers stored one way round, so (a, b) and (b, a) are one suggestion. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

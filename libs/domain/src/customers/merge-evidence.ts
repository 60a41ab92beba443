import type { MergeEvidence } from '@parley/contracts';
import { nameKey } from './search-folding';
import { toE164 } from './phone-numbers';

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
export function mergeEvidence(a: CustomerFacts, b: CustomerFacts, region?: string): MergeEvidence[] {
  const evidence: MergeEvidence[] = [];
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
export function combineEvidence(stored: MergeEvidence[], added: MergeEvidence[]): MergeEvidence[] {
  const out = [...stored];
  for (const e of added) if (!out.some((s) => s.kind === e.kind)) out.push(e);
  return out;
}

/** A pair of customers stored one way round, so (a, b) and (b, a) are one suggestion. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

/**
 * The placeholders a canned response may hold, as Chatwoot and Zendesk macros write them:
 * `{{customer.first_name}}`, `{{agent.name}}`, `{{customer.attributes.plan}}`. Spaces inside the
 * braces are allowed (`{{ agent.name }}`); anything else between double braces is a mistake the
 * author hears about when saving, so no unknown placeholder can reach a customer.
 */
export const CANNED_VARIABLES = [
  'customer.first_name',
  'customer.name',
  'customer.email',
  'customer.phone',
  'agent.name',
  'conversation.id',
] as const;

export type CannedVariable = (typeof CANNED_VARIABLES)[number];

/** Prefix of a custom attribute's placeholder; the key after it is the attribute's name. */
export const ATTRIBUTE_PREFIX = 'customer.attributes.';

/** What fills the placeholders for one conversation; null or blank: no value. */
export interface CannedValues {
  customer: { name: string | null; email: string | null; phone: string | null; attributes: Record<string, unknown> };
  agent: { name: string | null };
  conversation: { id: string };
}

export interface RenderedTemplate {
  /** The text with every known value in place; a placeholder without a value stays as written. */
  text: string;
  /** Placeholders without a value, once each, in order of appearance (`customer.first_name`). */
  missing: string[];
}

// Anything between double braces, so a misspelt name is caught rather than sent.
const PLACEHOLDER = /{{([^{}]*)}}/g;
const ATTRIBUTE_KEY = /^[\p{L}\p{N}_-]{1,64}$/u;

/** The placeholder's name as written (`{{ Agent.Name }}` → `agent.name`; an attribute key keeps its case). */
export function variableName(inner: string): string {
  const trimmed = inner.trim();
  const lower = trimmed.toLowerCase();
  return lower.startsWith(ATTRIBUTE_PREFIX) ? ATTRIBUTE_PREFIX + trimmed.slice(ATTRIBUTE_PREFIX.length) : lower;
}

export function isKnownVariable(name: string): boolean {
  if ((CANNED_VARIABLES as readonly string[]).includes(name)) return true;
  return name.startsWith(ATTRIBUTE_PREFIX) && ATTRIBUTE_KEY.test(name.slice(ATTRIBUTE_PREFIX.length));
}

/** Every placeholder of a text, as written between the braces, once each. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Placeholders a text may not hold (`{{customer.surname}}`, `{{}}`), as written: empty when it is fine. */
export function unknownVariables(text: string): string[] {
  return placeholdersOf(text).filter((inner) => !isKnownVariable(variableName(inner))).map((inner) => inner.trim());
}

/** Placeholders still in a text about to be sent: an agent must fill or remove them first. */
export function unresolvedPlaceholders(text: string): string[] {
  return placeholdersOf(text).map((inner) => inner.trim());
}

/** The customer's first name: the first word of their name ("Анна Петрова" → "Анна"). */
export function firstName(name: string | null | undefined): string | null {
  return (name ?? '').trim().split(/\s+/)[0] || null;
}

function valueOf(name: string, values: CannedValues): string | null {
  const text = (v: unknown) => (v === null || v === undefined || typeof v === 'object' ? null : String(v).trim() || null);
  if (name.startsWith(ATTRIBUTE_PREFIX)) return text(values.customer.attributes[name.slice(ATTRIBUTE_PREFIX.length)]);
  switch (name as CannedVariable) {
    case 'customer.first_name': return firstName(values.customer.name);
    case 'customer.name': return text(values.customer.name);
    case 'customer.email': return text(values.customer.email);
    case 'customer.phone': return text(values.customer.phone);
    case 'agent.name': return text(values.agent.name);
    case 'conversation.id': return text(values.conversation.id);
  }
  return null;
}

/**
 * Fills the placeholders. One without a value (a customer with no name yet) is left as written
 * and reported in `missing`: the console shows it and blocks sending until the agent fills it.
 */
export function renderCannedText(text: string, values: CannedValues): RenderedTemplate {
  const missing: string[] = [];
  const rendered = text.replace(PLACEHOLDER, (whole, inner: string) => {
    const name = variableName(inner);
    const value = isKnownVariable(name) ? valueOf(name, values) : null;
    if (value !== null) return value;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: rendered, missing };
}

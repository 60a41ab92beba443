/**
 * The WhatsApp template editor's rules: approved Twilio Content templates as the inbox config holds
 * them (`config.templates`, checked again by the twilio adapter and the inboxes api).
 */

/** One row of the editor, as typed. */
export interface TemplateRow {
  /** The ContentSid, HX followed by 32 hex characters. */
  id: string;
  name: string;
  /** The approved text with its {{1}}, {{2}} placeholders. */
  body: string;
}

/** What the api stores: libs/channels/twilio's WhatsAppTemplate. */
export interface TemplateConfig {
  id: string;
  name: string;
  variables: string[];
  body?: string;
}

export type TemplateProblem = 'idMissing' | 'idFormat' | 'idDuplicate';

/** The same pattern as the twilio adapter's check, so the console refuses what the api would. */
export const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

/** The same placeholder syntax the agent's picker fills in (`{{1}}`, `{{ 2 }}`). */
const PLACEHOLDER = /{{\s*(\w+)\s*}}/g;

export function emptyTemplateRow(): TemplateRow {
  return { id: '', name: '', body: '' };
}

/** The placeholder keys of a body, each once, in order of first use: "Hi {{1}}, {{2}}, {{1}}" → ["1", "2"]. */
export function placeholdersOf(body: string): string[] {
  const keys: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) if (!keys.includes(match[1])) keys.push(match[1]);
  return keys;
}

/** The rows of the editor for a stored config (anything malformed is shown as it is, to be fixed). */
export function templateRowsOf(config: Record<string, unknown> | undefined): TemplateRow[] {
  const raw = Array.isArray(config?.templates) ? (config!.templates as unknown[]) : [];
  return raw.map((t) => {
    const item = (t ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : '');
    return { id: text('id'), name: text('name'), body: text('body') };
  });
}

/**
 * The problem of each row, by index (absent when the row is fine). Only the first row holding an
 * id is fine when two share it: the second is the one to change.
 */
export function templateProblems(rows: readonly TemplateRow[]): Record<number, TemplateProblem> {
  const problems: Record<number, TemplateProblem> = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const id = row.id.trim();
    if (!id) problems[index] = 'idMissing';
    else if (!CONTENT_SID.test(id)) problems[index] = 'idFormat';
    else if (seen.has(id)) problems[index] = 'idDuplicate';
    seen.add(id);
  });
  return problems;
}

/** The `templates` the api expects: trimmed, variables taken from the body, blank name and body left out. */
export function buildTemplatesConfig(rows: readonly TemplateRow[]): TemplateConfig[] {
  return rows.map((row) => {
    const id = row.id.trim();
    const name = row.name.trim();
    const body = row.body.trim();
    return { id, name: name || id, variables: placeholdersOf(body), ...(body ? { body } : {}) };
  });
}

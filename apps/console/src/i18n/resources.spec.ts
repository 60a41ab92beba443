import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from './en.json';
import ru from './ru.json';

type Tree = { [key: string]: string | Tree };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** Plural forms differ per language (English one/other, Russian one/few/many/other). */
const baseKeys = (tree: Tree) => new Set([...leaves(tree).keys()].map((k) => k.replace(PLURAL_SUFFIX, '')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('translations', () => {
  const enKeys = baseKeys(en as Tree);
  const ruKeys = baseKeys(ru as Tree);

  it('has the same keys in English and Russian', () => {
    expect([...ruKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !ruKeys.has(k))).toEqual([]);
  });

  it('has every Russian plural form where English has plurals', () => {
    const ruLeaves = leaves(ru as Tree);
    const plurals = [...leaves(en as Tree).keys()].filter((k) => k.endsWith('_other')).map((k) => k.replace(/_other$/, ''));
    for (const key of plurals) {
      for (const form of ['one', 'few', 'many', 'other']) expect(ruLeaves.has(`${key}_${form}`)).toBe(true);
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const ruLeaves = leaves(ru as Tree);
    const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const [key, value] of leaves(en as Tree)) {
      const translated = ruLeaves.get(key) ?? ruLeaves.get(key.replace(/_one$/, '_few'));
      if (translated !== undefined) expect({ key, vars: placeholders(translated) }).toEqual({ key, vars: placeholders(value) });
    }
  });

  it('defines every literal key the components ask for', () => {
    const srcRoot = join(__dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(srcRoot)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]);
      for (const match of text.matchAll(/key: '([a-z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('covers every value of the enums rendered through dynamic keys', () => {
    const families: Record<string, string[]> = {
      status: ['open', 'pending', 'snoozed', 'resolved'],
      statusTab: ['open', 'pending', 'snoozed', 'resolved'],
      channel: ['webchat', 'email', 'sms', 'whatsapp', 'telegram'],
      delivery: ['pending', 'queued', 'sent', 'delivered', 'read', 'undelivered', 'failed'],
      role: ['agent', 'supervisor', 'admin'],
      priority: ['low', 'normal', 'high', 'urgent'],
      snooze: ['oneHour', 'tomorrow', 'nextWeek'],
      'list.scope': ['mine', 'unassigned', 'all'],
      shortcuts: ['nextConversation', 'previousConversation', 'focusReply', 'toggleNote', 'resolve', 'assignToMe', 'escape', 'toggleHelp'],
      presence: ['online', 'away', 'offline'],
      'teams.strategy': ['round_robin', 'least_busy', 'skills'],
      'sla.tone': ['ok', 'warning', 'breached', 'paused', 'none'],
      'sla.metric': ['first_response', 'next_response', 'resolution', 'negative_reply'],
      'sla.units': ['d', 'h', 'm', 's'],
      'supervisor.empty': ['atRisk', 'breached', 'negative', 'teams'],
    };
    for (const [family, values] of Object.entries(families)) {
      for (const value of values) expect(enKeys.has(`${family}.${value}`) || `${family}.${value}`).toBe(true);
    }
  });
});

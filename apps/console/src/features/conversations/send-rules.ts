import type { Channel, ConversationDto, CustomerDto, InboxDto } from '@parley/contracts';

/** An approved WhatsApp template as configured on the inbox (`config.templates`). */
export interface TemplateOption {
  id: string;
  name: string;
  /** Placeholder keys: "1", "2" for {{1}}, {{2}}. */
  variables: string[];
  body?: string;
}

export interface SendRules {
  /** The customer's identity on this channel replied STOP: nothing may be sent. */
  optedOut: boolean;
  unreachable: boolean;
  /** WhatsApp only: more than 24 hours since the customer last wrote, templates only. */
  windowClosed: boolean;
  templates: TemplateOption[];
  /** Messenger and Instagram: where the conversation stands in Meta's messaging window; null elsewhere. */
  metaWindow: MetaWindow | null;
}

/**
 * Meta's window (the api's rule: libs/domain meta-window): free replies for 24 hours after the
 * customer's last message, then a person's reply with the HUMAN_AGENT tag up to 7 days, then nothing.
 */
export interface MetaWindow {
  state: 'open' | 'humanAgent' | 'closed';
  /** When the current state ends (ISO); null once closed. */
  until: string | null;
}

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const META_CHANNELS: readonly Channel[] = ['messenger', 'instagram'];

/** What the api will refuse for this conversation, known ahead so the composer can say so. */
export function sendRules(
  conversation: Pick<ConversationDto, 'channel' | 'lastInboundAt'>,
  customer: Pick<CustomerDto, 'identities'> | null,
  inbox: Pick<InboxDto, 'config'> | null,
  now: number,
): SendRules {
  const identity = newestIdentity(customer, conversation.channel);
  const whatsapp = conversation.channel === 'whatsapp';
  const last = conversation.lastInboundAt ? Date.parse(conversation.lastInboundAt) : NaN;
  return {
    optedOut: !!identity?.optedOut,
    unreachable: !!identity?.unreachable,
    windowClosed: whatsapp && !(now - last < WHATSAPP_WINDOW_MS),
    templates: whatsapp ? templatesOf(inbox?.config) : [],
    metaWindow: META_CHANNELS.includes(conversation.channel) ? metaWindow(last, now) : null,
  };
}

export function metaWindow(lastInboundAt: number, now: number): MetaWindow {
  const since = now - lastInboundAt;
  if (since < WHATSAPP_WINDOW_MS) return { state: 'open', until: new Date(lastInboundAt + WHATSAPP_WINDOW_MS).toISOString() };
  if (since < HUMAN_AGENT_WINDOW_MS) return { state: 'humanAgent', until: new Date(lastInboundAt + HUMAN_AGENT_WINDOW_MS).toISOString() };
  // Also when the customer never wrote (NaN): Meta lets a page answer people only.
  return { state: 'closed', until: null };
}

/** Free text cannot go out now (the reply box is blocked; notes still go). */
export function replyBlocked(rules: SendRules | null, humanAgent: boolean): boolean {
  if (!rules) return false;
  if (rules.optedOut || rules.unreachable || rules.windowClosed) return true;
  if (rules.metaWindow?.state === 'closed') return true;
  return rules.metaWindow?.state === 'humanAgent' && !humanAgent;
}

function newestIdentity(customer: Pick<CustomerDto, 'identities'> | null, channel: Channel) {
  const mine = (customer?.identities ?? []).filter((i) => i.channel === channel);
  return mine.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}

export function templatesOf(config: Record<string, unknown> | undefined): TemplateOption[] {
  const raw = Array.isArray(config?.templates) ? (config!.templates as unknown[]) : [];
  return raw.flatMap((t) => {
    const item = t as Partial<TemplateOption>;
    if (typeof item?.id !== 'string') return [];
    return [{ id: item.id, name: typeof item.name === 'string' ? item.name : item.id, variables: Array.isArray(item.variables) ? item.variables.map(String) : [], body: item.body }];
  });
}

/** The template's text with its variables filled in (what the timeline shows); blanks stay {{n}}. */
export function renderTemplate(template: TemplateOption, values: Record<string, string>): string {
  if (!template.body) return template.variables.length ? `${template.name}: ${template.variables.map((k) => values[k] || `{{${k}}}`).join(', ')}` : template.name;
  return template.body.replace(/{{\s*(\w+)\s*}}/g, (whole, key: string) => values[key]?.trim() || whole);
}

import type { IdentityDto } from '@parley/contracts';
import { renderTemplate, replyBlocked, sendRules } from './send-rules';

const now = Date.parse('2025-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();
const identity = (channel: IdentityDto['channel'], optedOut: boolean, createdAt = hoursAgo(100)): IdentityDto => ({
  id: `${channel}-${createdAt}`, channel, externalId: '+79161234567', displayName: null, optedOut, unreachable: false, metadata: null, createdAt,
});
const shipped = { id: 'HX1', name: 'Order shipped', variables: ['1', '2'], body: 'Hi {{1}}, order {{2}} is on its way.' };

describe('send rules', () => {
  it("blocks sending to an identity that opted out on this conversation's channel only", () => {
    const customer = { identities: [identity('sms', true), identity('whatsapp', false)] };
    expect(sendRules({ channel: 'sms', lastInboundAt: hoursAgo(1) }, customer, null, now).optedOut).toBe(true);
    expect(sendRules({ channel: 'whatsapp', lastInboundAt: hoursAgo(1) }, customer, null, now).optedOut).toBe(false);
  });

  it('closes the WhatsApp window 24 hours after the customer last wrote, and offers the inbox templates', () => {
    const inbox = { config: { templates: [shipped, { name: 'broken' }] } };
    expect(sendRules({ channel: 'whatsapp', lastInboundAt: hoursAgo(23) }, null, inbox, now)).toMatchObject({ windowClosed: false, templates: [shipped] });
    expect(sendRules({ channel: 'whatsapp', lastInboundAt: hoursAgo(25) }, null, inbox, now).windowClosed).toBe(true);
    expect(sendRules({ channel: 'whatsapp', lastInboundAt: null }, null, inbox, now).windowClosed).toBe(true);
    expect(sendRules({ channel: 'sms', lastInboundAt: hoursAgo(25) }, null, inbox, now)).toMatchObject({ windowClosed: false, templates: [] });
  });

  it("follows Meta's window on Messenger and Instagram: free for 24 hours, HUMAN_AGENT up to 7 days, then nothing", () => {
    const window = (channel: 'messenger' | 'instagram', lastInboundAt: string | null) => sendRules({ channel, lastInboundAt }, null, null, now).metaWindow;
    expect(window('messenger', hoursAgo(23))).toEqual({ state: 'open', until: new Date(now + 3_600_000).toISOString() });
    expect(window('instagram', hoursAgo(25))).toEqual({ state: 'humanAgent', until: new Date(now + (7 * 24 - 25) * 3_600_000).toISOString() });
    expect(window('messenger', hoursAgo(7 * 24 - 1))?.state).toBe('humanAgent');
    expect(window('messenger', hoursAgo(7 * 24))).toEqual({ state: 'closed', until: null });
    expect(window('instagram', null)?.state).toBe('closed');
    expect(sendRules({ channel: 'messenger', lastInboundAt: hoursAgo(25) }, null, null, now).windowClosed).toBe(false);
    expect(sendRules({ channel: 'whatsapp', lastInboundAt: hoursAgo(1) }, null, null, now).metaWindow).toBeNull();
  });

  it('blocks a Meta reply past 24 hours until the agent sends it as a human agent, and always past 7 days', () => {
    const rules = (h: number) => sendRules({ channel: 'messenger', lastInboundAt: hoursAgo(h) }, null, null, now);
    expect(replyBlocked(rules(2), false)).toBe(false);
    expect(replyBlocked(rules(30), false)).toBe(true);
    expect(replyBlocked(rules(30), true)).toBe(false);
    expect(replyBlocked(rules(8 * 24), true)).toBe(true);
    const optedOut = sendRules({ channel: 'messenger', lastInboundAt: hoursAgo(2) }, { identities: [identity('messenger', true)] }, null, now);
    expect(replyBlocked(optedOut, true)).toBe(true);
    expect(replyBlocked(null, false)).toBe(false);
  });

  it('renders a template with its variables, keeping blanks visible', () => {
    expect(renderTemplate(shipped, { 1: 'Ivan', 2: 'A-1001' })).toBe('Hi Ivan, order A-1001 is on its way.');
    expect(renderTemplate(shipped, { 1: 'Ivan' })).toBe('Hi Ivan, order {{2}} is on its way.');
    expect(renderTemplate({ id: 'HX2', name: 'Reminder', variables: ['1'] }, { 1: 'Ivan' })).toBe('Reminder: Ivan');
  });
});

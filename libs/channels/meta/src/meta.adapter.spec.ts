import { GraphError, sendError } from './meta-graph';
import { MessengerAdapter, InstagramAdapter } from './meta.adapter';
import { normalizeMetaConfig, readMetaConfig } from './meta-config';

const store = { save: async () => { throw new Error('not used'); } };
const options = { publicUrl: 'https://parley.example', maxMediaBytes: 1024 };
const config = { pageId: '1001', pageAccessToken: 'EAAB-token', appSecret: 'app-secret', verifyToken: 'проверка' };
const inbox = { id: 'inbox-1', channel: 'messenger' as const, config };

describe('Meta adapters', () => {
  it('answer the hub.challenge only with the inbox\'s verify token', () => {
    const adapter = new MessengerAdapter(store, options);
    const query = (token: string, mode = 'subscribe') => new URLSearchParams({ 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': '1158201444' });
    expect(adapter.challenge(query('проверка'), inbox)).toEqual({ status: 200, contentType: 'text/plain', body: '1158201444' });
    expect(adapter.challenge(query('wrong'), inbox)).toBeNull();
    expect(adapter.challenge(query('проверка', 'unsubscribe'), inbox)).toBeNull();
    expect(adapter.challenge(new URLSearchParams(), { ...inbox, config: {} })).toBeNull();
  });

  it('refuse a reply outside the 24-hour window unless it is a human agent\'s within 7 days', () => {
    const adapter = new InstagramAdapter(store, options);
    const now = new Date('2026-01-10T12:00:00Z');
    const ctx = (hours: number, metadata: Record<string, unknown> | null = null) => ({ lastInboundAt: new Date(now.getTime() - hours * 3_600_000), identity: null, metadata, now });
    expect(adapter.checkSendable(ctx(3))).toBeNull();
    expect(adapter.checkSendable(ctx(30))).toMatch(/^Outside the 24-hour messaging window on Instagram/);
    expect(adapter.checkSendable(ctx(30, { messageTag: 'HUMAN_AGENT' }))).toBeNull();
    expect(adapter.checkSendable(ctx(24 * 8, { messageTag: 'HUMAN_AGENT' }))).toMatch(/7-day window/);
  });

  it('check the settings with messages an admin can act on, and make up a verify token when left blank', () => {
    expect(() => readMetaConfig({ ...config, pageId: 'my page' }, 'messenger')).toThrow(/pageId is required/);
    expect(() => readMetaConfig(config, 'instagram')).toThrow(/instagramAccountId is required/);
    expect(() => readMetaConfig({ ...config, apiBaseUrl: 'ftp://x' }, 'messenger')).toThrow(/apiBaseUrl/);
    expect(() => readMetaConfig({ ...config, apiVersion: '21' }, 'messenger')).toThrow(/apiVersion/);
    expect(readMetaConfig(config, 'messenger')).toMatchObject({ apiBaseUrl: 'https://graph.facebook.com', apiVersion: 'v21.0' });
    expect(normalizeMetaConfig({ ...config, verifyToken: '' }, 'messenger').verifyToken).toMatch(/^[\w-]{20,}$/);
  });

  it('turn Send API errors into the delivery pipeline\'s verdicts', () => {
    const err = (status: number, code: number | null, subcode: number | null = null) => sendError(new GraphError('msg', status, code, subcode, null), 'Messenger');
    expect(err(400, 10, 2018278)).toMatchObject({ permanent: true, code: 'outside_window' });
    expect(err(400, 551, 1545041)).toMatchObject({ permanent: true, identityUpdate: { unreachable: true } });
    expect(err(401, 190)).toMatchObject({ permanent: true, code: 'unauthorized' });
    expect(err(400, 613)).toMatchObject({ notSent: true });
    expect(err(503, null)).not.toHaveProperty('notSent');
    expect(err(503, null)).not.toHaveProperty('permanent');
    const timeout = new Error('The operation was aborted due to timeout');
    expect(sendError(timeout, 'Messenger')).toBe(timeout);
  });
});

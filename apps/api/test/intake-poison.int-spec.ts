import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { InboundMessage } from '@parley/channels-core';
import { IngestService } from '@parley/conversations';
import { MessageEntity } from '@parley/persistence';
import { api, useRunningApp } from './harness';

const POISON = '☠';

/**
 * One message the database refuses must not take the others stored with it: on PostgreSQL the
 * group commit writes up to a hundred messages in one statement, and a refused batch is split until
 * only the bad message fails. The refusal is real: a constraint that passes validation's checks
 * (as a value PostgreSQL refuses for a reason nobody foresaw would).
 */
describe('intake: a poison message among good ones', () => {
  const t = useRunningApp();
  const run = randomBytes(3).toString('hex');

  beforeAll(async () => {
    const db = t.app.app.get(DataSource);
    if (db.options.type === 'postgres') {
      await db.query(`ALTER TABLE "messages" ADD CONSTRAINT "test_no_poison" CHECK ("content" NOT LIKE '%${POISON}%') NOT VALID`);
    } else {
      await db.query(`CREATE TRIGGER "test_no_poison" BEFORE INSERT ON "messages" WHEN NEW."content" LIKE '%${POISON}%' BEGIN SELECT RAISE(ABORT, 'poison message'); END`);
    }
  });

  it('stores the 100 good messages and fails only the poison one', async () => {
    const ingest = t.app.app.get(IngestService);
    const inboxId = (await api(t.url, 'GET', '/api/inboxes', undefined, t.token)).body.find((i: { channel: string }) => i.channel === 'webchat').id;
    const message = (sender: number, n: number, content: string): InboundMessage => ({
      inboxId,
      channel: 'webchat',
      providerMessageId: `poison-${run}-${sender}-${n}`,
      sender: { externalId: `poison-visitor-${run}-${sender}` },
      content,
    });
    // Known senders with open conversations: their next messages take the batched path.
    for (let sender = 0; sender <= 100; sender++) await ingest.ingest(message(sender, 0, `Здравствуйте, я посетитель ${sender}`));

    const settled = await Promise.allSettled([
      ...Array.from({ length: 100 }, (_, sender) => ingest.ingest(message(sender, 1, `Где мой заказ? (${sender})`))),
      ingest.ingest(message(100, 1, `Яд ${POISON} в сообщении`)),
    ]);

    const failed = settled.map((s, i) => (s.status === 'rejected' ? i : null)).filter((i) => i !== null);
    expect(failed).toEqual([100]);
    const stored = await t.app.app.get(DataSource).getRepository(MessageEntity).find({ where: { inboxId }, select: { content: true, providerMessageId: true } });
    const secondMessages = stored.filter((m) => m.providerMessageId?.startsWith(`poison-${run}-`) && m.providerMessageId.endsWith('-1'));
    expect(secondMessages).toHaveLength(100);
    expect(secondMessages.some((m) => m.content.includes(POISON))).toBe(false);
  });
});

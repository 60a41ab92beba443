import { ConflictException, NotFoundException } from '@nestjs/common';
import type { RealtimePublisher } from '@parley/channels-core';
import { LABEL_EVENTS } from '@parley/contracts';
import { LabelsService } from './labels.service';
import { InMemoryLabelsRepository } from './testing/in-memory-labels.repository';

function setup() {
  const repo = new InMemoryLabelsRepository();
  const events: { event: string; payload: any }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void events.push({ event, payload }) } as unknown as RealtimePublisher;
  return { repo, events, labels: new LabelsService(repo, realtime) };
}

describe('LabelsService on an in-memory repository', () => {
  it('creates a label with both names and a lower-case colour, and tells the consoles', async () => {
    const { labels, events } = setup();
    const refund = await labels.create({ nameEn: ' Refund ', nameRu: 'Возврат', colour: '#E5484D' });
    expect(refund).toMatchObject({ nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d', slug: 'refund' });
    expect(await labels.list()).toEqual([refund]);
    expect(events).toEqual([{ event: LABEL_EVENTS.saved, payload: refund }]);
  });

  it('names a label in both languages from the one name given', async () => {
    const { labels } = setup();
    expect(await labels.create({ nameRu: 'Жалоба', colour: '#ffb224' })).toMatchObject({ nameEn: 'Жалоба', nameRu: 'Жалоба', slug: 'zhaloba' });
  });

  it('refuses a bad colour and a missing name with a 400 and stores nothing', async () => {
    const { labels, repo } = setup();
    await expect(labels.create({ nameRu: 'Возврат', colour: 'red' })).rejects.toThrow('colour: "red" is not a #rrggbb colour');
    await expect(labels.create({ nameEn: ' ', nameRu: '', colour: '#e5484d' })).rejects.toThrow('A label needs a name in English or in Russian');
    await expect(labels.create({ nameRu: 'Ё'.repeat(51), colour: '#e5484d' })).rejects.toThrow('at most 50 characters');
    expect(repo.labels.size).toBe(0);
  });

  it('refuses a name another label has, whatever its case and ё, in either language', async () => {
    const { labels } = setup();
    await labels.create({ nameEn: 'Delivery', nameRu: 'Ещё доставка', colour: '#0090ff' });
    const again = labels.create({ nameEn: 'Shipping', nameRu: 'ЕЩЕ ДОСТАВКА', colour: '#0090ff' });
    await expect(again).rejects.toBeInstanceOf(ConflictException);
    await expect(labels.create({ nameEn: 'delivery', nameRu: 'Доставка', colour: '#0090ff' })).rejects.toThrow('A label named "delivery" already exists');
  });

  it('updates only what is sent, keeps its own name free, and 404s an unknown id', async () => {
    const { labels } = setup();
    const vip = await labels.create({ nameEn: 'VIP', nameRu: 'VIP', colour: '#30a46c' });
    const other = await labels.create({ nameEn: 'Spam', nameRu: 'Спам', colour: '#8e8c99' });
    const recoloured = await labels.update(vip.id, { colour: '#FFB224', nameEn: 'vip' });
    expect(recoloured).toMatchObject({ id: vip.id, nameEn: 'vip', nameRu: 'VIP', colour: '#ffb224' });
    await expect(labels.update(other.id, { nameRu: 'vip' })).rejects.toBeInstanceOf(ConflictException);
    await expect(labels.update('0190aaaa-0000-7000-8000-000000000000', { colour: '#000000' })).rejects.toBeInstanceOf(NotFoundException);
  });

  it('deletes a label from every conversation and tells the consoles', async () => {
    const { labels, repo, events } = setup();
    const spam = await labels.create({ nameEn: 'Spam', nameRu: 'Спам', colour: '#8e8c99' });
    repo.rows.push({ conversationId: 'c-1', labelId: spam.id, addedBy: null, addedAt: new Date() });
    await labels.remove(spam.id);
    expect([repo.labels.size, repo.rows]).toEqual([0, []]);
    expect(events.at(-1)).toEqual({ event: LABEL_EVENTS.deleted, payload: { id: spam.id } });
    await expect(labels.remove(spam.id)).rejects.toBeInstanceOf(NotFoundException);
  });
});

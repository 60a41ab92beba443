import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { CANNED_EVENTS } from '@parley/contracts';
import { admin, agata, boris, cannedSetup } from './canned-test-setup';

const delivery = { shortcode: 'Доставка', title: 'Срок доставки', variants: { ru: 'Здравствуйте, {{customer.first_name}}! Доставим завтра.', en: 'Hi {{customer.first_name}}, it ships tomorrow.' } };

describe('CannedResponsesService on an in-memory repository', () => {
  it('lets an agent create a personal response, stored with a folded shortcode, and tells the consoles', async () => {
    const { responses, events } = cannedSetup();
    const mine = await responses.create(agata, { ...delivery, attachmentIds: ['f-1'] });
    expect(mine).toMatchObject({ shortcode: 'доставка', scope: 'personal', ownerId: agata.id, teamId: null, editable: true, attachments: [{ id: 'f-1', fileName: 'тарифы.pdf' }] });
    expect(events).toEqual([{ event: CANNED_EVENTS.changed, payload: { id: mine.id } }]);
  });

  it('lists what each may use: their own, their teams\', shared; an admin every team\'s', async () => {
    const { responses } = cannedSetup();
    const own = await responses.create(agata, delivery);
    const team = await responses.create(admin, { ...delivery, scope: 'team', teamId: 'Доставка' });
    const shared = await responses.create(admin, { ...delivery, shortcode: 'привет', scope: 'shared' });
    const ids = async (actor: typeof agata) => (await responses.list(actor)).map((r) => r.id).sort();
    expect(await ids(agata)).toEqual([own.id, team.id, shared.id].sort());
    expect(await ids(boris)).toEqual([shared.id]);
    expect(await ids(admin)).toEqual([team.id, shared.id].sort());
    expect((await responses.list(agata)).find((r) => r.id === team.id)?.editable).toBe(false);
  });

  it('keeps team and shared responses to admins and personal ones to their owner', async () => {
    const { responses } = cannedSetup();
    await expect(responses.create(agata, { ...delivery, scope: 'shared' })).rejects.toBeInstanceOf(ForbiddenException);
    await expect(responses.create(agata, { ...delivery, scope: 'team', teamId: 't-delivery' })).rejects.toBeInstanceOf(ForbiddenException);
    const shared = await responses.create(admin, { ...delivery, scope: 'shared' });
    await expect(responses.update(agata, shared.id, { title: 'Моё' })).rejects.toBeInstanceOf(ForbiddenException);
    await expect(responses.remove(boris, shared.id)).rejects.toBeInstanceOf(ForbiddenException);
    const own = await responses.create(agata, delivery);
    await expect(responses.update(boris, own.id, { title: 'Чужое' })).rejects.toBeInstanceOf(NotFoundException);
    await expect(responses.update(agata, own.id, { scope: 'shared' })).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('refuses an unknown placeholder at save time, naming it', async () => {
    const { responses, repo } = cannedSetup();
    const bad = responses.create(agata, { ...delivery, variants: { ru: 'Привет, {{customer.surname}}' } });
    await expect(bad).rejects.toThrow('Unknown variable in the Russian text: {{customer.surname}}');
    await expect(responses.create(agata, { ...delivery, shortcode: 'два слова' })).rejects.toBeInstanceOf(BadRequestException);
    await expect(responses.create(agata, { ...delivery, variants: { ru: ' ', en: '' } })).rejects.toThrow('needs its text in English or in Russian');
    await expect(responses.create(agata, { ...delivery, attachmentIds: ['f-404'] })).rejects.toThrow('Unknown attachment');
    await expect(responses.create(admin, { ...delivery, scope: 'team', teamId: 'Склад' })).rejects.toThrow('Team Склад not found');
    expect(repo.rows.size).toBe(0);
  });

  it('keeps a shortcode unique within its scope only', async () => {
    const { responses } = cannedSetup();
    await responses.create(agata, delivery);
    await expect(responses.create(agata, { ...delivery, shortcode: 'ДОСТАВКА' })).rejects.toBeInstanceOf(ConflictException);
    await expect(responses.create(boris, delivery)).resolves.toMatchObject({ ownerId: boris.id });
    await expect(responses.create(admin, { ...delivery, scope: 'shared' })).resolves.toMatchObject({ scope: 'shared' });
  });

  it('updates only what is sent and deletes, 404 for an unknown id', async () => {
    const { responses, repo } = cannedSetup();
    const own = await responses.create(agata, delivery);
    const changed = await responses.update(agata, own.id, { variants: { ru: 'Доставим послезавтра' } });
    expect(changed).toMatchObject({ shortcode: 'доставка', title: 'Срок доставки', variants: { ru: 'Доставим послезавтра' } });
    await responses.remove(agata, own.id);
    expect(repo.rows.size).toBe(0);
    await expect(responses.remove(agata, own.id)).rejects.toBeInstanceOf(NotFoundException);
  });
});

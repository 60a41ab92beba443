import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { newId } from '@parley/domain';
import { SavedViewsService, type Viewer } from './saved-views.service';
import { InMemorySavedViewRepository } from './testing/in-memory-saved-view.repository';

const SUPPORT = newId();
const SALES = newId();
const anna: Viewer = { id: newId(), role: 'agent' };
const boris: Viewer = { id: newId(), role: 'agent' };
const vera: Viewer = { id: newId(), role: 'agent' };
const admin: Viewer = { id: newId(), role: 'admin' };

function setup() {
  const repo = new InMemorySavedViewRepository();
  repo.members.set(SUPPORT, [anna.id, boris.id]);
  repo.members.set(SALES, [vera.id]);
  return { repo, views: new SavedViewsService(repo) };
}

describe('SavedViewsService', () => {
  it('saves a personal view with its validated filter, placed after the owner’s others', async () => {
    const { views } = setup();
    await views.create({ kind: 'conversations', name: 'Открытые', filters: { status: 'open' } }, anna);
    const urgent = await views.create({ kind: 'conversations', name: ' Мои срочные ', filters: { assigneeId: 'me', priority: 'urgent' } }, anna);
    expect(urgent).toMatchObject({ name: 'Мои срочные', teamId: null, position: 1, editable: true, filters: { assigneeId: 'me', priority: 'urgent' } });
  });

  it('shows personal views to their owner only, shared ones to the team, every shared one to an admin', async () => {
    const { views } = setup();
    await views.create({ kind: 'conversations', name: 'Личное Анны', filters: {} }, anna);
    await views.create({ kind: 'conversations', name: 'Поддержка', filters: { teamId: SUPPORT }, teamId: SUPPORT }, anna);
    await views.create({ kind: 'customers', name: 'Продажи: VIP', filters: { tag: 'VIP' }, teamId: SALES }, vera);
    const names = async (v: Viewer) => (await views.list(v)).map((view) => view.name);
    expect(await names(anna)).toEqual(['Личное Анны', 'Поддержка']);
    expect(await names(boris)).toEqual(['Поддержка']);
    expect(await names(vera)).toEqual(['Продажи: VIP']);
    expect((await names(admin)).sort()).toEqual(['Поддержка', 'Продажи: VIP']);
  });

  it('lets the owner or an admin change or delete a view, refuses a teammate (403)', async () => {
    const { views } = setup();
    const shared = await views.create({ kind: 'conversations', name: 'Поддержка', filters: {}, teamId: SUPPORT }, anna);
    expect((await views.list(boris))[0].editable).toBe(false);
    await expect(views.update(shared.id, { name: 'Чужое' }, boris)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(views.delete(shared.id, boris)).rejects.toBeInstanceOf(ForbiddenException);
    expect(await views.update(shared.id, { name: 'Поддержка: все' }, admin)).toMatchObject({ name: 'Поддержка: все' });
    await views.delete(shared.id, anna);
    expect(await views.list(anna)).toEqual([]);
  });

  it('answers 404 for an unknown view and for someone else’s personal one', async () => {
    const { views } = setup();
    const mine = await views.create({ kind: 'conversations', name: 'Личное', filters: {} }, anna);
    await expect(views.get(newId(), anna)).rejects.toBeInstanceOf(NotFoundException);
    await expect(views.get(mine.id, boris)).rejects.toBeInstanceOf(NotFoundException);
    await expect(views.delete(mine.id, vera)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('refuses a bad filter with every message, and an unknown kind or empty name', async () => {
    const { views } = setup();
    const bad = views.create({ kind: 'conversations', name: 'Плохой', filters: { status: 'закрыт', colour: 'red' } as never }, anna);
    await expect(bad).rejects.toBeInstanceOf(BadRequestException);
    await expect(bad).rejects.toMatchObject({ response: { message: expect.arrayContaining(['filters.colour is not a known filter']) } });
    await expect(views.create({ kind: 'tickets' as never, name: 'x', filters: {} }, anna)).rejects.toBeInstanceOf(BadRequestException);
    await expect(views.create({ kind: 'conversations', name: '   ', filters: {} }, anna)).rejects.toBeInstanceOf(BadRequestException);
  });

  it('shares only with a team the owner belongs to; an unknown team is a bad request', async () => {
    const { views } = setup();
    await expect(views.create({ kind: 'conversations', name: 'Чужая команда', filters: {}, teamId: SALES }, anna)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(views.create({ kind: 'conversations', name: 'Нет команды', filters: {}, teamId: newId() }, anna)).rejects.toBeInstanceOf(BadRequestException);
    expect(await views.create({ kind: 'conversations', name: 'Админ делится', filters: {}, teamId: SALES }, admin)).toMatchObject({ teamId: SALES });
  });

  it('validates a changed filter against the view’s kind', async () => {
    const { views } = setup();
    const segment = await views.create({ kind: 'customers', name: 'Москва', filters: { attribute: { key: 'город', value: 'Москва' } } }, anna);
    await expect(views.update(segment.id, { filters: { status: 'open' } }, anna)).rejects.toBeInstanceOf(BadRequestException);
    expect(await views.update(segment.id, { filters: { tag: 'постоянный' } }, anna)).toMatchObject({ filters: { tag: 'постоянный' } });
  });
});

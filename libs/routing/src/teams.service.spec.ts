import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import type { RealtimePublisher } from '@parley/channels-core';
import { newId } from '@parley/domain';
import type { UserEntity } from '@parley/persistence';
import { InMemoryTeamsRepository } from './testing/in-memory-teams.repository';
import { TeamsService } from './teams.service';

const t0 = new Date('2026-12-01T10:00:00Z');

function setup() {
  const repo = new InMemoryTeamsRepository();
  const user = (name: string, email: string): string => {
    const id = newId();
    repo.userRows.set(id, { id, name, email, role: 'agent', createdAt: t0, disabledAt: null, locale: null } as UserEntity);
    return id;
  };
  const olga = user('Ольга Смирнова', 'olga@example.ru');
  const dmitry = user('Дмитрий Орлов', 'dmitry@example.ru');
  const events: { event: string; payload: unknown }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void events.push({ event, payload }) } as unknown as RealtimePublisher;
  return { repo, teams: new TeamsService(repo, realtime), olga, dmitry, events };
}

describe('TeamsService on an in-memory repository', () => {
  it('creates a team with a trimmed name, round-robin and sticky by default, and its members', async () => {
    const { repo, teams, olga, dmitry } = setup();
    const team = await teams.create({ name: '  Возвраты  ', memberIds: [olga, dmitry, olga] });
    expect(team).toMatchObject({ name: 'Возвраты', strategy: 'round_robin', sticky: true, overflowTeamId: null, leadId: null });
    expect(team.memberIds.sort()).toEqual([olga, dmitry].sort());
    expect((await teams.list()).map((t) => t.name)).toEqual(['Возвраты']);
    // A member without a profile gets one: offline, chosen by nobody, so the first tab brings them online.
    expect(repo.profileRows.get(olga)).toMatchObject({ status: 'offline', autoAway: true, capacity: 10, load: 0, skills: [] });
  });

  it('refuses a team without a name, or with members that are not users', async () => {
    const { repo, teams, olga } = setup();
    await expect(teams.create({ name: '   ' })).rejects.toThrow(BadRequestException);
    await expect(teams.create({ name: 'Доставка', memberIds: [olga, 'кто-то'] })).rejects.toThrow('Unknown agent id: кто-то');
    expect(repo.teamRows.size).toBe(0);
  });

  it('updates the settings it is given and replaces the members when a list comes', async () => {
    const { teams, olga, dmitry } = setup();
    const support = await teams.create({ name: 'Поддержка', memberIds: [olga] });
    const refunds = await teams.create({ name: 'Возвраты' });
    const updated = await teams.update(refunds.id, { strategy: 'least_busy', overflowTeamId: support.id, overflowAfterMinutes: 15, leadId: dmitry, memberIds: [dmitry] });
    expect(updated).toMatchObject({ name: 'Возвраты', strategy: 'least_busy', sticky: true, overflowTeamId: support.id, overflowAfterMinutes: 15, leadId: dmitry, memberIds: [dmitry] });
    const renamed = await teams.update(refunds.id, { name: 'Возвраты и обмен' });
    expect(renamed).toMatchObject({ name: 'Возвраты и обмен', strategy: 'least_busy', memberIds: [dmitry] });
    expect((await teams.get(support.id)).memberIds).toEqual([olga]);
  });

  it.each([
    ['a team overflowing into itself', (self: string) => ({ overflowTeamId: self, overflowAfterMinutes: 5 }), 'A team cannot overflow into itself'],
    ['an unknown overflow team', () => ({ overflowTeamId: newId(), overflowAfterMinutes: 5 }), 'Unknown overflow team'],
    ['an overflow without its minutes', (_: string, other: string) => ({ overflowTeamId: other }), 'Overflow needs both'],
    ['minutes beyond a week', (_: string, other: string) => ({ overflowTeamId: other, overflowAfterMinutes: 10081 }), 'overflowAfterMinutes must be an integer 1…10080'],
    ['an unknown SLA policy', () => ({ slaPolicyId: newId() }), 'Unknown SLA policy'],
    ['a lead that is not a user id', () => ({ leadId: 'Ольга' }), 'Unknown team lead Ольга'],
    ['an unknown strategy', () => ({ strategy: 'random' as never }), 'strategy must be one of'],
  ])('refuses %s', async (_case, input, message) => {
    const { teams } = setup();
    const team = await teams.create({ name: 'Поддержка' });
    const other = await teams.create({ name: 'Возвраты' });
    await expect(teams.update(team.id, input(team.id, other.id))).rejects.toThrow(message);
    expect(await teams.get(team.id)).toMatchObject({ overflowTeamId: null, slaPolicyId: null, leadId: null, strategy: 'round_robin' });
  });

  it('accepts a known SLA policy and clears the overflow with both fields', async () => {
    const { repo, teams } = setup();
    repo.slaPolicies.add('policy-1');
    const other = await teams.create({ name: 'Возвраты' });
    const team = await teams.create({ name: 'Поддержка', slaPolicyId: 'policy-1', overflowTeamId: other.id, overflowAfterMinutes: 30 });
    expect(await teams.update(team.id, { overflowTeamId: null, overflowAfterMinutes: null })).toMatchObject({ slaPolicyId: 'policy-1', overflowTeamId: null, overflowAfterMinutes: null });
  });

  it('adds a member once and removes them', async () => {
    const { repo, teams, olga } = setup();
    const team = await teams.create({ name: 'Поддержка' });
    await teams.addMember(team.id, olga);
    expect((await teams.addMember(team.id, olga)).memberIds).toEqual([olga]);
    expect(await teams.teamIdsOf(olga)).toEqual([team.id]);
    expect(repo.profileRows.has(olga)).toBe(true);
    expect((await teams.removeMember(team.id, olga)).memberIds).toEqual([]);
    await expect(teams.addMember(team.id, newId())).rejects.toThrow('Unknown agent id');
    await expect(teams.addMember(newId(), olga)).rejects.toThrow(NotFoundException);
  });

  it('keeps a team that still has unresolved conversations', async () => {
    const { repo, teams } = setup();
    const team = await teams.create({ name: 'Поддержка' });
    repo.conversations.push({ id: 'c1', teamId: team.id, status: 'pending' }, { id: 'c2', teamId: team.id, status: 'resolved' });
    await expect(teams.remove(team.id)).rejects.toThrow(new ConflictException('Team Поддержка still has 1 unresolved conversation; transfer or resolve them first'));
    expect(repo.teamRows.has(team.id)).toBe(true);
  });

  it('removes a team with its rules, XLA targets and members; teams overflowing into it stop overflowing', async () => {
    const { repo, teams, olga } = setup();
    const team = await teams.create({ name: 'Поддержка', memberIds: [olga] });
    const refunds = await teams.create({ name: 'Возвраты', overflowTeamId: team.id, overflowAfterMinutes: 10 });
    repo.rules.push({ id: 'r1', teamId: team.id }, { id: 'r2', teamId: refunds.id });
    repo.xlaPolicies.push({ id: 'x1', teamId: team.id });
    await teams.remove(team.id);
    await expect(teams.get(team.id)).rejects.toThrow(NotFoundException);
    expect(repo.rules).toEqual([{ id: 'r2', teamId: refunds.id }]);
    expect(repo.xlaPolicies).toEqual([]);
    expect(await teams.teamIdsOf(olga)).toEqual([]);
    expect(await teams.get(refunds.id)).toMatchObject({ overflowTeamId: null, overflowAfterMinutes: null });
  });
});

describe('TeamsService agents on an in-memory repository', () => {
  it('lists every user by name with a profile and their teams', async () => {
    const { teams, olga, dmitry } = setup();
    const team = await teams.create({ name: 'Поддержка', memberIds: [olga] });
    const agents = await teams.agents();
    expect(agents.map((a) => [a.name, a.status, a.teamIds])).toEqual([['Дмитрий Орлов', 'offline', []], ['Ольга Смирнова', 'offline', [team.id]]]);
    expect(agents.find((a) => a.id === dmitry)).toMatchObject({ autoAway: true, capacity: 10, load: 0 });
  });

  it('sets capacity and normalised skills, and tells the consoles', async () => {
    const { teams, olga, events } = setup();
    const agent = await teams.updateAgent(olga, { capacity: 4, skills: [' Lang:RU ', 'tag:возврат', 'lang:ru', ''] });
    expect(agent).toMatchObject({ capacity: 4, skills: ['lang:ru', 'tag:возврат'] });
    expect(events).toEqual([{ event: 'presence.updated', payload: { id: olga, status: 'offline', autoAway: true, load: 0, capacity: 4 } }]);
  });

  it('refuses a capacity out of range and skills routing never asks for', async () => {
    const { teams, olga, events } = setup();
    await expect(teams.updateAgent(olga, { capacity: -1 })).rejects.toThrow('capacity must be an integer 0…1000');
    await expect(teams.updateAgent(olga, { skills: ['русский язык'] })).rejects.toThrow('got русский язык');
    await expect(teams.agent(newId())).rejects.toThrow(NotFoundException);
    expect((await teams.agent(olga)).capacity).toBe(10);
    expect(events).toEqual([]);
  });
});

import { BadRequestException } from '@nestjs/common';
import type { RealtimePublisher } from '@parley/channels-core';
import type { AgentStatus } from '@parley/contracts';
import { newId } from '@parley/domain';
import type { UserEntity } from '@parley/persistence';
import { PresenceService, SOCKET_STALE_MS } from './presence.service';
import { InMemoryPresenceRepository } from './testing/in-memory-presence.repository';
import { InMemoryTeamsRepository } from './testing/in-memory-teams.repository';
import { TeamsService } from './teams.service';

const t0 = new Date('2026-12-01T10:00:00Z');

function setup() {
  const teamsRepo = new InMemoryTeamsRepository();
  // One agent_profiles table behind both ports.
  const repo = new InMemoryPresenceRepository(teamsRepo.profileRows);
  const anna = newId();
  teamsRepo.userRows.set(anna, { id: anna, name: 'Анна Кузнецова', email: 'anna@example.ru', role: 'agent', createdAt: t0 } as UserEntity);
  const announced: { id: string; status: AgentStatus; autoAway: boolean }[] = [];
  const realtime = { toAgents: (_event: string, payload: { id: string; status: AgentStatus; autoAway: boolean }) => void announced.push(payload) } as unknown as RealtimePublisher;
  const presence = new PresenceService(repo, new TeamsService(teamsRepo, realtime), realtime);
  const status = () => { const p = teamsRepo.profileRows.get(anna); return p && { status: p.status, autoAway: p.autoAway }; };
  return { repo, presence, anna, announced, status };
}

describe('PresenceService on an in-memory repository', () => {
  it('brings a new agent online with their first console tab', async () => {
    const { presence, anna, announced, status } = setup();
    expect(await presence.socketConnected(anna, 'tab-1')).toBe(true);
    expect(status()).toEqual({ status: 'online', autoAway: false });
    expect(announced.map((e) => e.status)).toEqual(['online']);
    expect(await presence.socketConnected(anna, 'tab-2')).toBe(false);
  });

  it('sets the status the agent chose and tells the consoles', async () => {
    const { presence, anna, announced, status } = setup();
    const agent = await presence.setStatus(anna, 'away');
    expect(agent).toMatchObject({ id: anna, status: 'away', autoAway: false });
    expect(status()).toEqual({ status: 'away', autoAway: false });
    expect(announced).toEqual([expect.objectContaining({ id: anna, status: 'away', autoAway: false })]);
  });

  it('refuses a status that does not exist', async () => {
    const { presence, anna, status } = setup();
    await expect(presence.setStatus(anna, 'на обеде' as AgentStatus)).rejects.toThrow(BadRequestException);
    expect(status()).toBeUndefined();
  });

  it('keeps a status the agent chose when a tab opens', async () => {
    const { presence, anna, status } = setup();
    await presence.setStatus(anna, 'away');
    expect(await presence.socketConnected(anna, 'tab-1')).toBe(false);
    expect(status()).toEqual({ status: 'away', autoAway: false });
  });

  it('sends an online agent away automatically when the last tab closes, and back with the next', async () => {
    const { presence, anna, status } = setup();
    await presence.socketConnected(anna, 'tab-1');
    await presence.socketConnected(anna, 'tab-2');
    await presence.socketDisconnected('tab-1');
    expect(status()).toEqual({ status: 'online', autoAway: false });
    await presence.socketDisconnected('tab-2');
    expect(status()).toEqual({ status: 'away', autoAway: true });
    await presence.socketDisconnected('tab-2');
    expect(await presence.socketConnected(anna, 'tab-3')).toBe(true);
    expect(status()).toEqual({ status: 'online', autoAway: false });
  });

  it('sweeps tabs a node stopped refreshing and sends their agent away', async () => {
    const { repo, presence, anna, status, announced } = setup();
    await presence.socketConnected(anna, 'tab-1');
    repo.sockets.get('tab-1')!.lastSeenAt = new Date(Date.now() - 2 * SOCKET_STALE_MS);
    expect(await presence.sweepStale()).toBe(1);
    expect(repo.sockets.size).toBe(0);
    expect(status()).toEqual({ status: 'away', autoAway: true });
    expect(announced.map((e) => e.status)).toEqual(['online', 'away']);
    expect(await presence.sweepStale()).toBe(0);
  });

  it('keeps a tab the heartbeat refreshed, and its agent online', async () => {
    const { repo, presence, anna, status } = setup();
    await presence.socketConnected(anna, 'tab-1');
    await presence.socketConnected(anna, 'tab-2');
    for (const tab of repo.sockets.values()) tab.lastSeenAt = new Date(Date.now() - 2 * SOCKET_STALE_MS);
    await presence.heartbeat(['tab-2']);
    expect(await presence.sweepStale()).toBe(1);
    expect([...repo.sockets.keys()]).toEqual(['tab-2']);
    expect(status()).toEqual({ status: 'online', autoAway: false });
  });
});

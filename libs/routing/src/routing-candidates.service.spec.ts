import type { AgentProfileEntity } from '@parley/persistence';
import { RoutingCandidatesService } from './routing-candidates.service';
import { InMemoryRoutingRepository } from './testing/in-memory-routing.repository';

const t0 = new Date('2026-12-01T10:00:00Z');

function setup() {
  const repo = new InMemoryRoutingRepository();
  const agent = (id: string, teamId: string, extra: Partial<AgentProfileEntity> = {}) => {
    repo.members.push({ teamId, agentId: id });
    repo.profiles.set(id, { userId: id, status: 'online', autoAway: false, capacity: 5, load: 0, skills: [], lastAssignedAt: null, updatedAt: t0, ...extra });
  };
  agent('anna', 'support', { skills: ['lang:ru', 'tag:доставка'], load: 2, lastAssignedAt: t0 });
  agent('boris', 'support', { status: 'away' });
  agent('vera', 'refunds');
  return { repo, candidates: new RoutingCandidatesService(repo) };
}

describe('RoutingCandidatesService on an in-memory repository', () => {
  afterEach(() => jest.restoreAllMocks());

  it('offers the team\'s online members with their capacity, load, skills and last assignment', async () => {
    const { candidates } = setup();
    expect(await candidates.candidates('support')).toEqual([
      { id: 'anna', online: true, capacity: 5, load: 2, skills: ['lang:ru', 'tag:доставка'], lastAssignedAt: t0.getTime() },
    ]);
    expect((await candidates.candidates('refunds')).map((c) => c.id)).toEqual(['vera']);
  });

  it('serves a team from the cache until it is forgotten', async () => {
    const { repo, candidates } = setup();
    await candidates.candidates('support');
    repo.profiles.get('boris')!.status = 'online';
    expect((await candidates.candidates('support')).map((c) => c.id)).toEqual(['anna']);
    candidates.forgetTeam('refunds');
    expect((await candidates.candidates('support')).map((c) => c.id)).toEqual(['anna']);
    candidates.forgetTeam('support');
    expect((await candidates.candidates('support')).map((c) => c.id)).toEqual(['anna', 'boris']);
    repo.profiles.get('anna')!.status = 'offline';
    candidates.forgetCandidates();
    expect((await candidates.candidates('support')).map((c) => c.id)).toEqual(['boris']);
  });

  it('serves an expired list once more while it reads the team again', async () => {
    const { repo, candidates } = setup();
    const now = jest.spyOn(Date, 'now').mockReturnValue(t0.getTime());
    await candidates.candidates('support');
    repo.profiles.get('boris')!.status = 'online';
    const read = jest.spyOn(repo, 'onlineCandidates');
    now.mockReturnValue(t0.getTime() + 5_000);
    expect((await candidates.candidates('support')).map((c) => c.id)).toEqual(['anna']);
    // The background read settles within the same turn of the event loop (the fake does no I/O).
    await new Promise((resolve) => setImmediate(resolve));
    expect((await candidates.candidates('support')).map((c) => c.id)).toEqual(['anna', 'boris']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads a list that expired long ago before answering', async () => {
    const { repo, candidates } = setup();
    const now = jest.spyOn(Date, 'now').mockReturnValue(t0.getTime());
    await candidates.candidates('support');
    repo.profiles.get('anna')!.status = 'offline';
    now.mockReturnValue(t0.getTime() + 60_000);
    expect(await candidates.candidates('support')).toEqual([]);
  });
});

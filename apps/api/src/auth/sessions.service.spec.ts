import { createHash } from 'node:crypto';
import type { UserEntity } from '@parley/persistence';
import type { ParleyConfig } from '@parley/runtime';
import { AgentSockets } from './agent-sockets';
import { SessionsService } from './sessions.service';
import { InMemorySessionRepository } from './testing/in-memory-session.repository';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

const OLGA: UserEntity = {
  id: '0190b7a4-1111-7000-8000-000000000001', name: 'Ольга Смирнова', email: 'olga@parley.test', passwordHash: 'x', role: 'agent',
  createdAt: new Date('2026-01-10T09:00:00Z'), disabledAt: null, locale: 'ru',
};

function setup() {
  const repo = new InMemorySessionRepository();
  repo.users.set(OLGA.id, { ...OLGA });
  const sockets = new AgentSockets();
  const ended = { sessions: [] as string[], users: [] as string[] };
  sockets.endSession = (id) => void ended.sessions.push(id);
  sockets.endUser = (id) => void ended.users.push(id);
  const service = new SessionsService(repo, { sessionTtlSeconds: 3600 } as ParleyConfig, sockets);
  return { repo, service, ended };
}

describe('SessionsService', () => {
  it('stores only the hash of a new refresh token, and the browser it was signed in from', async () => {
    const { repo, service } = setup();
    const { sessionId, refreshToken } = await service.start(OLGA.id, { ip: '203.0.113.7', userAgent: 'Яндекс Браузер' });

    expect(refreshToken.startsWith(`${sessionId}.`)).toBe(true);
    expect(repo.sessions.get(sessionId)).toMatchObject({ userId: OLGA.id, tokenHash: hash(refreshToken), ip: '203.0.113.7', userAgent: 'Яндекс Браузер', revokedAt: null });
    expect(JSON.stringify([...repo.sessions.values()])).not.toContain(refreshToken);
  });

  it('rotates the refresh token on every refresh, keeping the replaced one as the previous', async () => {
    const { repo, service } = setup();
    const { sessionId, refreshToken } = await service.start(OLGA.id, {});

    const refreshed = await service.refresh(refreshToken);
    expect(refreshed.user).toMatchObject({ id: OLGA.id, name: 'Ольга Смирнова', role: 'agent', locale: 'ru', sessionId });
    expect(refreshed.refreshToken).not.toBe(refreshToken);
    expect(repo.sessions.get(sessionId)).toMatchObject({ tokenHash: hash(refreshed.refreshToken!), previousTokenHash: hash(refreshToken) });
  });

  it('lets a second tab present the just-replaced token without rotating again', async () => {
    const { repo, service } = setup();
    const { sessionId, refreshToken } = await service.start(OLGA.id, {});
    const first = await service.refresh(refreshToken);

    const second = await service.refresh(refreshToken);
    expect(second).toMatchObject({ user: { id: OLGA.id }, refreshToken: null });
    expect(repo.sessions.get(sessionId)).toMatchObject({ tokenHash: hash(first.refreshToken!), revokedAt: null });
  });

  it('revokes the whole session when a replaced token comes back after the grace for tabs', async () => {
    const { repo, service, ended } = setup();
    const { sessionId, refreshToken } = await service.start(OLGA.id, {});
    const rotated = await service.refresh(refreshToken);
    repo.sessions.get(sessionId)!.rotatedAt = new Date(Date.now() - 60_000);

    await expect(service.refresh(refreshToken)).rejects.toThrow('used from elsewhere');
    expect(repo.sessions.get(sessionId)?.revokedAt).toBeInstanceOf(Date);
    expect(ended.sessions).toEqual([sessionId]);
    await expect(service.refresh(rotated.refreshToken!)).rejects.toThrow('Signed out');
  });

  it('gives no new token to the loser of two refreshes racing with the same token', async () => {
    const { repo, service } = setup();
    const { sessionId, refreshToken } = await service.start(OLGA.id, {});
    const original = repo.rotate.bind(repo);
    // The other refresh rotates between this one's read and its conditional update.
    repo.rotate = async (id, presented, rotation) => {
      await original(id, presented, { ...rotation, tokenHash: hash('the-other-tab') });
      return original(id, presented, rotation);
    };

    expect(await service.refresh(refreshToken)).toMatchObject({ user: { id: OLGA.id }, refreshToken: null });
    expect(repo.sessions.get(sessionId)?.tokenHash).toBe(hash('the-other-tab'));
  });

  it('refuses to refresh the session of a disabled user', async () => {
    const { repo, service } = setup();
    const { refreshToken } = await service.start(OLGA.id, {});
    repo.users.get(OLGA.id)!.disabledAt = new Date();
    await expect(service.refresh(refreshToken)).rejects.toThrow('This account is disabled');
  });

  it('signs out by the current or the just-replaced token, and ignores a token of nothing', async () => {
    const { repo, service } = setup();
    const a = await service.start(OLGA.id, {});
    const b = await service.start(OLGA.id, {});
    await service.refresh(b.refreshToken);

    await service.endByToken('not-a-token');
    await service.endByToken(a.refreshToken);
    await service.endByToken(b.refreshToken);
    expect([...repo.sessions.values()].map((s) => !!s.revokedAt)).toEqual([true, true]);
  });

  it('revokes every live session of a user at once, counting them, and closes their sockets', async () => {
    const { repo, service, ended } = setup();
    const a = await service.start(OLGA.id, {});
    await service.start(OLGA.id, {});
    await service.revoke(a.sessionId);

    expect(await service.revokeAll(OLGA.id)).toBe(1);
    expect([...repo.sessions.values()].every((s) => s.revokedAt)).toBe(true);
    expect(ended.users).toEqual([OLGA.id]);
    await expect(service.principal(a.sessionId, OLGA.id)).rejects.toThrow('Signed out');
  });

  it('clears the user\'s ended sessions at the next sign-in', async () => {
    const { repo, service } = setup();
    const revoked = await service.start(OLGA.id, {});
    const expired = await service.start(OLGA.id, {});
    const live = await service.start(OLGA.id, {});
    await service.revoke(revoked.sessionId);
    repo.sessions.get(expired.sessionId)!.expiresAt = new Date(Date.now() - 1000);

    const next = await service.start(OLGA.id, {});
    expect([...repo.sessions.keys()].sort()).toEqual([live.sessionId, next.sessionId].sort());
  });

  it('refuses an access token whose session belongs to someone else', async () => {
    const { service } = setup();
    const { sessionId } = await service.start(OLGA.id, {});
    await expect(service.principal(sessionId, '0190b7a4-2222-7000-8000-000000000002')).rejects.toThrow('Signed out');
    expect(await service.principal(sessionId, OLGA.id)).toMatchObject({ email: 'olga@parley.test', sessionId });
  });
});

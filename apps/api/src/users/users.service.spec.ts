import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import type { ParleyConfig } from '@parley/runtime';
import { AgentSockets } from '../auth/agent-sockets';
import { SessionsService } from '../auth/sessions.service';
import { InMemorySessionRepository } from '../auth/testing/in-memory-session.repository';
import { InMemoryUserRepository } from './testing/in-memory-user.repository';
import { UsersService } from './users.service';

const PASSWORD = 'Снег-над-Волгой-2026';

function setup(config: Partial<ParleyConfig> = {}) {
  const users = new InMemoryUserRepository();
  const sessionRows = new InMemorySessionRepository(users.users);
  const cfg = { sessionTtlSeconds: 3600, adminEmail: 'admin@parley.test', adminPassword: undefined, ...config } as ParleyConfig;
  const sessions = new SessionsService(sessionRows, cfg, new AgentSockets());
  return { users, sessionRows, sessions, service: new UsersService(users, cfg, sessions) };
}

describe('UsersService', () => {
  describe('create', () => {
    it('stores a new agent with a trimmed name, a lower-case email and a bcrypt hash of the password', async () => {
      const { users, service } = setup();
      const dto = await service.create({ name: '  Анна Петрова ', email: ' Anna.Petrova@Parley.TEST ', password: PASSWORD, role: 'agent' });

      expect(dto).toEqual({ id: expect.any(String), name: 'Анна Петрова', email: 'anna.petrova@parley.test', role: 'agent' });
      const stored = users.users.get(dto.id)!;
      expect(stored.passwordHash).not.toContain(PASSWORD);
      expect(await bcrypt.compare(PASSWORD, stored.passwordHash)).toBe(true);
    });

    it('refuses a second user with the same email, whatever its case', async () => {
      const { service } = setup();
      await service.create({ name: 'Анна', email: 'anna@parley.test', password: PASSWORD, role: 'agent' });
      await expect(service.create({ name: 'Другая Анна', email: 'ANNA@parley.test', password: PASSWORD, role: 'supervisor' })).rejects.toThrow(ConflictException);
    });

    it('refuses a password that is too short', async () => {
      const { users, service } = setup();
      await expect(service.create({ name: 'Борис', email: 'boris@parley.test', password: 'короткий', role: 'agent' })).rejects.toThrow(BadRequestException);
      expect(users.users.size).toBe(0);
    });

    it('lists users by name', async () => {
      const { service } = setup();
      await service.create({ name: 'Яна', email: 'yana@parley.test', password: PASSWORD, role: 'agent' });
      await service.create({ name: 'Борис', email: 'boris@parley.test', password: PASSWORD, role: 'agent' });
      await service.create({ name: 'Анна', email: 'anna@parley.test', password: PASSWORD, role: 'agent' });
      expect((await service.list()).map((u) => u.name)).toEqual(['Анна', 'Борис', 'Яна']);
    });

    it('creates the first admin on first start, and nobody on the next', async () => {
      const { users, service } = setup({ adminPassword: PASSWORD });
      await service.onApplicationBootstrap();
      await service.onApplicationBootstrap();
      expect([...users.users.values()].map((u) => [u.email, u.role])).toEqual([['admin@parley.test', 'admin']]);
      expect(service.adminPasswordAtStart).toEqual({ kind: 'from-env' });
    });
  });

  describe('roles', () => {
    it('changes another user\'s role, which their next request sees without signing in again', async () => {
      const { service, sessions } = setup();
      const admin = await service.create({ name: 'Админ', email: 'admin@parley.test', password: PASSWORD, role: 'admin' });
      const agent = await service.create({ name: 'Ольга', email: 'olga@parley.test', password: PASSWORD, role: 'agent' });
      const { sessionId } = await sessions.start(agent.id, {});
      expect((await sessions.principal(sessionId, agent.id)).role).toBe('agent');

      expect(await service.update(agent.id, { role: 'supervisor' }, admin.id)).toMatchObject({ role: 'supervisor' });
      expect((await sessions.principal(sessionId, agent.id)).role).toBe('supervisor');
    });

    it('does not let an admin change their own role or disable themselves', async () => {
      const { users, service } = setup();
      const admin = await service.create({ name: 'Админ', email: 'admin@parley.test', password: PASSWORD, role: 'admin' });
      await expect(service.update(admin.id, { role: 'agent' }, admin.id)).rejects.toThrow(ConflictException);
      await expect(service.update(admin.id, { disabled: true }, admin.id)).rejects.toThrow(ConflictException);
      expect(users.users.get(admin.id)).toMatchObject({ role: 'admin', disabledAt: null });
    });

    it('ends every session of a user who is disabled', async () => {
      const { service, sessions, sessionRows } = setup();
      const admin = await service.create({ name: 'Админ', email: 'admin@parley.test', password: PASSWORD, role: 'admin' });
      const agent = await service.create({ name: 'Ольга', email: 'olga@parley.test', password: PASSWORD, role: 'agent' });
      const first = await sessions.start(agent.id, { userAgent: 'Firefox' });
      await sessions.start(agent.id, { userAgent: 'Safari' });

      expect(await service.update(agent.id, { disabled: true }, admin.id)).toMatchObject({ disabled: true });
      expect([...sessionRows.sessions.values()].every((s) => s.revokedAt)).toBe(true);
      await expect(sessions.principal(first.sessionId, agent.id)).rejects.toThrow('Signed out');
    });

    it('answers 404 for an unknown user', async () => {
      const { service } = setup();
      await expect(service.update('0190b7a4-0000-7000-8000-000000000000', { name: 'Никто' }, 'admin')).rejects.toThrow(NotFoundException);
    });
  });

  describe('locale', () => {
    it('keeps the console language a user chose, and clears it with null', async () => {
      const { users, service } = setup();
      const user = await service.create({ name: 'Ирина', email: 'irina@parley.test', password: PASSWORD, role: 'agent' });

      expect(await service.setLocale(user.id, 'ru')).toMatchObject({ locale: 'ru' });
      expect(users.users.get(user.id)?.locale).toBe('ru');
      expect(await service.setLocale(user.id, null)).not.toHaveProperty('locale');
      expect(users.users.get(user.id)?.locale).toBeNull();
    });

    it('is what the user\'s next request sees, the cached principal notwithstanding', async () => {
      const { service, sessions } = setup();
      const user = await service.create({ name: 'Ирина', email: 'irina@parley.test', password: PASSWORD, role: 'agent' });
      const { sessionId } = await sessions.start(user.id, {});
      expect((await sessions.principal(sessionId, user.id)).locale).toBeNull();

      await service.setLocale(user.id, 'ru');
      expect((await sessions.principal(sessionId, user.id)).locale).toBe('ru');
    });
  });
});

import { startupBanner, startupFacts, type StartupInfo } from './startup-banner';

const info = (over: Partial<StartupInfo> = {}): StartupInfo => ({
  publicUrl: 'http://localhost:3000',
  adminEmail: 'администратор@parley.local',
  adminPassword: { kind: 'unchanged' },
  demo: true,
  emulators: { twilio: 'http://127.0.0.1:3210', email: 'http://127.0.0.1:3212' },
  ...over,
});

describe('startupBanner', () => {
  it('frames the address, the admin login, the demo links and the API docs, one per line', () => {
    const lines = startupBanner(info());
    expect(lines[0]).toMatch(/^┌─+┐$/);
    expect(lines[lines.length - 1]).toMatch(/^└─+┘$/);
    // Every line of the frame is as wide as the others, so the box closes.
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    const body = lines.slice(1, -1).map((l) => l.slice(2, -2).trimEnd());
    expect(body).toEqual([
      'Parley is ready',
      '',
      'console          http://localhost:3000/',
      'admin            администратор@parley.local',
      'password         unchanged since first start',
      'web chat demo    http://localhost:3000/demo',
      'twilio emulator  http://127.0.0.1:3210',
      'email emulator   http://127.0.0.1:3212',
      'API docs         http://localhost:3000/api/docs',
    ]);
  });

  it('shows a generated password once, and only says where a chosen one comes from', () => {
    expect(startupBanner(info({ adminPassword: { kind: 'generated', password: 'Zq8-пароль-x1' } })).join('\n')).toMatch(/password\s+Zq8-пароль-x1 {3}\(shown once/);
    const chosen = startupBanner(info({ adminPassword: { kind: 'from-env' } })).join('\n');
    expect(chosen).toMatch(/password\s+as set in ADMIN_PASSWORD/);
  });

  it('leaves the demo links out when demo mode is off', () => {
    const text = startupBanner(info({ demo: false })).join('\n');
    expect(text).not.toMatch(/demo|emulator/);
    expect(text).toContain('http://localhost:3000/api/docs');
  });

  it('never puts the password into the structured form', () => {
    const facts = startupFacts(info({ adminPassword: { kind: 'generated', password: 'Zq8-пароль-x1' } }));
    expect(JSON.stringify(facts)).not.toContain('Zq8-пароль-x1');
    expect(facts).toMatchObject({ console: 'http://localhost:3000/', admin: 'администратор@parley.local', adminPassword: 'generated' });
  });
});

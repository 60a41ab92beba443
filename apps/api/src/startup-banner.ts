/** How the first admin's password is known, as start-up tells the person who started Parley. */
export type AdminPasswordAtStart = { kind: 'generated'; password: string } | { kind: 'from-env' } | { kind: 'unchanged' };

export interface StartupInfo {
  publicUrl: string;
  adminEmail: string;
  adminPassword: AdminPasswordAtStart;
  /** The demo shop and the channel emulators (name → page) when demo mode is on. */
  demo: boolean;
  emulators: Record<string, string>;
}

const PASSWORD: Record<AdminPasswordAtStart['kind'], string> = {
  generated: '',
  'from-env': 'as set in ADMIN_PASSWORD',
  unchanged: 'unchanged since first start',
};

function rows(info: StartupInfo): [string, string][] {
  const admin: [string, string][] = [['admin', info.adminEmail]];
  if (info.adminPassword.kind === 'generated') {
    admin.push(['password', `${info.adminPassword.password}   (shown once: note it now; ADMIN_PASSWORD chooses it)`]);
  } else {
    admin.push(['password', PASSWORD[info.adminPassword.kind]]);
  }
  const demo: [string, string][] = info.demo
    ? [['web chat demo', `${info.publicUrl}/demo`], ...Object.entries(info.emulators).map(([name, url]): [string, string] => [`${name} emulator`, url])]
    : [];
  return [['console', `${info.publicUrl}/`], ...admin, ...demo, ['API docs', `${info.publicUrl}/api/docs`]];
}

/**
 * The last thing start-up prints, framed so it stands out from the log above it: where to go, how
 * to sign in, what to try.
 */
export function startupBanner(info: StartupInfo): string[] {
  const table = rows(info);
  const labelWidth = Math.max(...table.map(([label]) => label.length));
  const lines = ['Parley is ready', '', ...table.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value}`)];
  const width = Math.max(...lines.map((l) => l.length));
  return [`┌${'─'.repeat(width + 2)}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${'─'.repeat(width + 2)}┘`];
}

/** The same facts as one structured entry for a log collector; never the password. */
export function startupFacts(info: StartupInfo): Record<string, unknown> {
  return {
    console: `${info.publicUrl}/`,
    admin: info.adminEmail,
    adminPassword: info.adminPassword.kind,
    ...(info.demo ? { demo: `${info.publicUrl}/demo`, emulators: info.emulators } : {}),
    docs: `${info.publicUrl}/api/docs`,
  };
}

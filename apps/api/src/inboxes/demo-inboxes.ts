import type { Channel } from '@parley/contracts';

/**
 * Inboxes `npm start` creates in demo mode, pointed at the channel emulators it runs beside the
 * api (PARLEY_DEMO_EMULATORS = {"twilio":"http://127.0.0.1:3210",…}). Fixed ids make seeding
 * idempotent across restarts and nodes. Each channel adds its entry.
 */
export interface DemoInbox {
  id: string;
  name: string;
  channel: Channel;
  /** Which emulator it needs (a key of PARLEY_DEMO_EMULATORS). */
  emulator: string;
  config(emulatorUrl: string, publicUrl: string): Record<string, unknown>;
}

export const DEMO_INBOXES: DemoInbox[] = [];

export function demoEmulators(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  try {
    return env.PARLEY_DEMO_EMULATORS ? JSON.parse(env.PARLEY_DEMO_EMULATORS) : {};
  } catch {
    return {};
  }
}

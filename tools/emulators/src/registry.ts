import type { EmulatorFactory } from './emulator';

/**
 * The emulators `npm start` runs in demo mode, by name, with their default ports. Each channel's
 * emulator adds itself here.
 */
export const EMULATORS: Record<string, { port: number; start: EmulatorFactory }> = {};

import type { EmulatorFactory } from './emulator';
import { startTwilioEmulator } from './twilio/twilio-emulator';
import { startTelegramEmulator } from './telegram/telegram.emulator';
import { startEmailEmulator } from './email/email.emulator';
import { startViberEmulator } from './viber/viber.emulator';
import { startMetaEmulator } from './meta/meta-emulator';
import { startVkEmulator } from './vk/vk.emulator';

/**
 * The emulators `npm start` runs in demo mode, by name, with their default ports. Each channel's
 * emulator adds itself here.
 */
export const EMULATORS: Record<string, { port: number; start: EmulatorFactory }> = {
  twilio: { port: 3210, start: startTwilioEmulator },
  telegram: { port: 3211, start: startTelegramEmulator },
  email: { port: 3212, start: startEmailEmulator },
  viber: { port: 3213, start: startViberEmulator },
  vk: { port: 3214, start: startVkEmulator },
  meta: { port: 3215, start: startMetaEmulator },
};

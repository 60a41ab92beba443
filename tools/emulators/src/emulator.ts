/** A stand-in for a provider Parley cannot reach from here (Twilio, the Telegram Bot API, mail). */
export interface RunningEmulator {
  name: string;
  /** Where the real SDK is pointed (an inbox's apiBaseUrl, or smtp/imap host:port). */
  url: string;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Where the emulator delivers webhooks (Parley's PUBLIC_URL). */
  parleyUrl: string;
}

export type EmulatorFactory = (options: EmulatorOptions) => Promise<RunningEmulator>;

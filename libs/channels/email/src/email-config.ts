/** An email inbox's settings (CONTRACT.md): where it receives, and how it sends. */
export interface EmailInboxConfig {
  /** The inbox address customers write to, lowercased: support@shop.example. */
  address: string;
  smtp: { host: string; port: number; secure: boolean; user?: string; pass?: string };
  /** Polled by the worker when set; otherwise mail arrives through the SMTP listener. */
  imap?: { host: string; port: number; secure: boolean; user: string; pass: string; mailbox?: string };
  /** Display name on sent mail ("Shop support"); defaults to the agent's name. */
  fromName?: string;
  /** Appended below every reply after the "-- " delimiter; `{agent}` becomes the agent's name. */
  signature?: string;
}

const ADDRESS = /^[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:]+$/;

export const isEmailAddress = (value: unknown): value is string => typeof value === 'string' && value.length <= 254 && ADDRESS.test(value);

/** Checks the stored or submitted settings; throws with the reason the admin sees (400). */
export function parseEmailConfig(raw: Record<string, unknown>): EmailInboxConfig {
  const address = typeof raw.address === 'string' ? raw.address.trim().toLowerCase() : '';
  if (!isEmailAddress(address)) throw new Error('address must be an email address');
  if (address.split('@')[0].includes('+')) throw new Error('address must not contain "+": plus addresses carry conversation tokens');
  const smtp = object(raw.smtp, 'smtp');
  const config: EmailInboxConfig = {
    address,
    smtp: {
      host: text(smtp.host, 'smtp.host'),
      port: port(smtp.port, 'smtp.port'),
      secure: smtp.secure === true,
      ...(optionalText(smtp.user) ? { user: optionalText(smtp.user) } : {}),
      ...(optionalText(smtp.pass) ? { pass: optionalText(smtp.pass) } : {}),
    },
  };
  if (raw.imap !== undefined && raw.imap !== null) {
    const imap = object(raw.imap, 'imap');
    config.imap = {
      host: text(imap.host, 'imap.host'),
      port: port(imap.port, 'imap.port'),
      secure: imap.secure === true,
      user: text(imap.user, 'imap.user'),
      pass: text(imap.pass, 'imap.pass'),
      ...(optionalText(imap.mailbox) ? { mailbox: optionalText(imap.mailbox) } : {}),
    };
  }
  if (optionalText(raw.fromName)) config.fromName = optionalText(raw.fromName)!.slice(0, 100);
  if (optionalText(raw.signature)) config.signature = String(raw.signature).slice(0, 2000);
  return config;
}

function object(value: unknown, name: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new Error(`${name} is required`);
  return value.trim();
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function port(value: unknown, name: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number`);
  return n;
}

import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { TwilioInboxConfig } from './twilio-inbox-config';

/**
 * Sends the SDK's requests to the inbox's `apiBaseUrl` (the emulator, a regional edge, a
 * recording proxy) instead of `https://<product>.twilio.com`, keeping path and query. The SDK
 * has `edge`/`region` options, but they can only name Twilio's own hosts.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: URL) {
    super({ keepAlive: true, timeout: 15_000 });
  }

  request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rebase(opts.uri, this.base) });
  }
}

export function rebase(uri: string, base: URL): string {
  const target = new URL(uri);
  if (!/(^|\.)twilio\.com$/.test(target.hostname)) return uri;
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${target.pathname}${target.search}`;
}

/** One SDK client per set of credentials, so connections are kept alive between sends. */
export class TwilioClients {
  private readonly clients = new Map<string, twilio.Twilio>();

  get(config: Pick<TwilioInboxConfig, 'accountSid' | 'authToken' | 'apiBaseUrl'>): twilio.Twilio {
    const key = `${config.accountSid}\n${config.authToken}\n${config.apiBaseUrl}`;
    let client = this.clients.get(key);
    if (!client) {
      // A changed token leaves the old client behind; inboxes are few, so a crude cap suffices.
      if (this.clients.size >= 200) this.clients.clear();
      client = twilio(config.accountSid, config.authToken, { httpClient: new RebasedRequestClient(new URL(config.apiBaseUrl)) });
      this.clients.set(key, client);
    }
    return client;
  }
}

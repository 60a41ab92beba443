/** What a channel says about the sender with a message (Telegram sends it with every one). */
export interface SenderFacts {
  identityUpdate?: { optedOut?: boolean; unreachable?: boolean; metadata?: Record<string, any> };
  customerFill?: { name?: string | null; email?: string | null; phone?: string | null; attributes?: Record<string, any> };
}

export interface IdentityState {
  optedOut?: boolean | null;
  unreachable?: boolean | null;
  metadata?: Record<string, any> | null;
}

export interface CustomerState {
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes?: Record<string, any> | null;
}

export interface IdentityChanges {
  optedOut?: boolean;
  unreachable?: boolean;
  metadata?: Record<string, any>;
}

export interface CustomerChanges {
  name?: string;
  email?: string;
  emailSource?: 'channel';
  phone?: string;
  phoneSource?: 'channel';
  attributes?: Record<string, any>;
}

export interface SenderUpdates {
  identity?: IdentityChanges;
  customer?: CustomerChanges;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What the message changes on the sender's identity (opt-out, reachability, channel details) and
 * fills in on the customer. Only what differs, so a message that changes nothing writes nothing;
 * a channel never overwrites what the customer already has (an agent may have set it).
 */
export function senderUpdates(inbound: SenderFacts, customer: CustomerState, identity: IdentityState): SenderUpdates {
  const out: SenderUpdates = {};
  const iu = inbound.identityUpdate;
  if (iu) {
    const changes: IdentityChanges = {};
    if (iu.optedOut !== undefined && iu.optedOut !== !!identity.optedOut) changes.optedOut = iu.optedOut;
    if (iu.unreachable !== undefined && iu.unreachable !== !!identity.unreachable) changes.unreachable = iu.unreachable;
    if (iu.metadata && Object.entries(iu.metadata).some(([k, v]) => !sameJson(identity.metadata?.[k], v))) {
      changes.metadata = { ...(identity.metadata ?? {}), ...iu.metadata };
    }
    if (Object.keys(changes).length) out.identity = changes;
  }
  const fill = inbound.customerFill;
  if (fill) {
    const changes: CustomerChanges = {};
    if (fill.name?.trim() && !customer.name) changes.name = fill.name.trim();
    if (fill.email && !customer.email) Object.assign(changes, { email: fill.email.toLowerCase(), emailSource: 'channel' });
    if (fill.phone && !customer.phone) Object.assign(changes, { phone: fill.phone, phoneSource: 'channel' });
    if (fill.attributes) {
      const missing = Object.entries(fill.attributes).filter(([k]) => !(k in (customer.attributes ?? {})));
      if (missing.length) changes.attributes = { ...(customer.attributes ?? {}), ...Object.fromEntries(missing) };
    }
    if (Object.keys(changes).length) out.customer = changes;
  }
  return out;
}

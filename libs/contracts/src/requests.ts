import type { Channel, ConversationStatus, Role } from './index';
import type { Priority } from './routing-sla';

// Request bodies and queries of the REST api, as its controllers validate them
// (apps/api/src/*/*.controller.ts); the console builds its requests from these.

/** GET /api/conversations */
export interface ConversationListQuery {
  status?: ConversationStatus;
  inboxId?: string | null;
  /** a user id, `me` or `none` (unassigned) */
  assigneeId?: string | null;
  teamId?: string | null;
  /** label ids, repeated or comma-separated: conversations carrying all of them */
  label?: string | null;
  priority?: Priority | null;
  /** `me`: conversations I follow as a collaborator */
  following?: 'me' | null;
  cursor?: string | null;
  limit?: number;
}

/** PATCH /api/customers/:id: absent fields stay, null clears name, email or phone. */
export interface UpdateCustomerDto {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  attributes?: Record<string, unknown>;
  tags?: string[];
}

/** POST /api/customers/:id/events: a CRM event on the customer's timeline. */
export interface NewTimelineEventDto {
  type: string;
  title: string;
  occurredAt?: string;
  data?: Record<string, unknown>;
}

/** POST /api/users */
export interface CreateUserDto {
  name: string;
  email: string;
  password: string;
  role: Role;
}

/** POST /api/inboxes */
export interface CreateInboxDto {
  name: string;
  channel: Channel;
  config?: Record<string, unknown>;
}

/** PATCH /api/inboxes/:id */
export interface UpdateInboxDto {
  name?: string;
  /** Merged into the stored config: blank secrets keep theirs, null removes a key. */
  config?: Record<string, unknown>;
}

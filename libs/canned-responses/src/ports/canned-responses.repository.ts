import type { AttachmentDto, Channel } from '@parley/contracts';
import type { CannedResponseEntity } from '@parley/persistence';

/** What rendering a response for one conversation needs to know of it. */
export interface CannedRenderContext {
  conversation: { id: string; channel: Channel; lastInboundAt: Date | null };
  customer: { name: string | null; email: string | null; phone: string | null; attributes: Record<string, unknown> };
  /** The customer's last message in this conversation, for their language. */
  lastCustomerWords: string | null;
  /** The inbox's approved WhatsApp templates (WhatsApp inboxes only). */
  templates: { id: string; name: string }[];
}

/** Canned responses and the little they read of teams, attachments and conversations. */
export interface CannedResponsesRepository {
  /** Responses under these scope keys (every team's too with `allTeams`), by shortcode. */
  list(scopeKeys: string[], allTeams: boolean): Promise<CannedResponseEntity[]>;
  get(id: string): Promise<CannedResponseEntity | null>;
  byShortcode(scopeKey: string, shortcode: string): Promise<CannedResponseEntity | null>;
  /** False when the scope already has the shortcode (the unique index refused it). */
  insert(row: CannedResponseEntity): Promise<boolean>;
  /** False as insert. */
  update(id: string, changes: Partial<CannedResponseEntity>): Promise<boolean>;
  delete(id: string): Promise<void>;
  /** The teams a user is a member of. */
  teamIdsOf(userId: string): Promise<string[]>;
  teams(): Promise<{ id: string; name: string }[]>;
  /** The uploaded attachments among these ids, in their order; unknown ids are left out. */
  attachments(ids: string[]): Promise<AttachmentDto[]>;
  renderContext(conversationId: string): Promise<CannedRenderContext | null>;
}

export const CANNED_RESPONSES_REPOSITORY = Symbol('CANNED_RESPONSES_REPOSITORY');

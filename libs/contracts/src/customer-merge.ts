import type { CustomerDto } from './index';

/**
 * Identity linking and merging (issue 14). Safe evidence links a sender to a customer at once
 * (a channel identity or a verified address); anything weaker becomes a suggestion an agent
 * reviews, never a silent merge.
 */
export type MergeEvidenceKind =
  /** Both records hold the same email address (case-insensitively). */
  | 'same_email'
  /** Both hold the same phone number once written in E.164 ("8 916 123-45-67" = "+79161234567"). */
  | 'same_phone'
  /** The same full name on customers reached on different channels. */
  | 'same_name'
  /** A web chat visitor typed, unverified, an email address another customer holds. */
  | 'prechat_email'
  /** A web chat visitor typed, unverified, a phone number another customer holds. */
  | 'prechat_phone';

export interface MergeEvidence {
  kind: MergeEvidenceKind;
  /** The shared value as each record holds it, e.g. ["8 916 123-45-67", "+79161234567"]. */
  values: string[];
}

/** Two live customers that look like one person. `customer` is the older record: the one to keep by default. */
export interface MergeSuggestionDto {
  id: string;
  customer: CustomerDto;
  duplicate: CustomerDto;
  evidence: MergeEvidence[];
  createdAt: string;
}

export interface CustomerFootprint {
  conversations: number;
  timelineEvents: number;
  channels: string[];
}

/** What `POST /api/customers/:id/merge` would produce, before it is confirmed. */
export interface MergePreviewDto {
  target: CustomerDto;
  source: CustomerDto;
  /** The surviving record's fields after the merge (target's values win, source fills blanks, tags and attributes combined). */
  result: Pick<CustomerDto, 'name' | 'email' | 'phone' | 'tags' | 'attributes'>;
  targetFootprint: CustomerFootprint;
  sourceFootprint: CustomerFootprint;
}

/** One merge, as the customer's history and the undo button see it. */
export interface CustomerMergeDto {
  id: string;
  targetCustomerId: string;
  sourceCustomerId: string;
  actorName: string;
  mergedAt: string;
  /** Until when `POST /api/customers/merges/:id/undo` restores both records; null once undone or expired. */
  undoableUntil: string | null;
  undoneAt: string | null;
}

/** `POST /api/customers/:id/merge` answers with the surviving customer and the merge record (for Undo). */
export interface MergeResultDto extends CustomerDto {
  merge: CustomerMergeDto;
}

/**
 * Endpoints (all under the agent's bearer token):
 * - GET  /api/customers/merge-suggestions?customerId=&limit=  → MergeSuggestionDto[] (open ones, newest first)
 * - POST /api/customers/merge-suggestions/:id/dismiss         → 204 (never suggested again for the same pair)
 * - GET  /api/customers/:id/merge-preview?sourceCustomerId=   → MergePreviewDto
 * - POST /api/customers/:id/merge { sourceCustomerId }         → MergeResultDto (existing route, extended answer)
 * - GET  /api/customers/:id/merges                            → CustomerMergeDto[]
 * - POST /api/customers/merges/:mergeId/undo                  → CustomerDto (the restored source), 409 after the grace period
 * Socket (`/agents`): `merge_suggestion.created` (MergeSuggestionDto), `customer.merged` (CustomerMergeDto).
 */
export const MERGE_EVENTS = {
  suggestionCreated: 'merge_suggestion.created',
  customerMerged: 'customer.merged',
} as const;

/** Widget identity verification: the site signs the logged-in user's identifier with the inbox's secret. */
export interface WidgetIdentityPayload {
  identifier: string;
  /** hex HMAC-SHA256(inbox identity secret, identifier), computed by the site's server. */
  identifierHash: string;
  email?: string;
  name?: string;
  phone?: string;
}

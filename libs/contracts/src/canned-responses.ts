// Canned responses (issue 17, item 1): saved answers an agent inserts with `/shortcode` in the reply box.
import type { AttachmentDto } from './index';

/** personal: its owner's; team: that team's members'; shared: everyone's. */
export type CannedScope = 'personal' | 'team' | 'shared';
export const CANNED_SCOPES: readonly CannedScope[] = ['personal', 'team', 'shared'];

export type CannedLanguage = 'en' | 'ru';

/** GET /api/canned-responses, and the answer to every change. */
export interface CannedResponseDto {
  id: string;
  /** Lower case, letters (any script), digits, `-`, `_`; unique within its scope (owner, team or shared). */
  shortcode: string;
  title: string;
  scope: CannedScope;
  ownerId: string | null;
  teamId: string | null;
  /** At least one of the two, each with `{{…}}` placeholders. */
  variants: Partial<Record<CannedLanguage, string>>;
  attachments: AttachmentDto[];
  /** The approved WhatsApp template offered instead outside the 24-hour window. */
  whatsappTemplate: string | null;
  /** Whether the asking user may change or delete it. */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/canned-responses; PATCH takes any part of it. */
export interface CannedResponseInputDto {
  shortcode: string;
  title: string;
  /** Default `personal`. `team` needs `teamId`. */
  scope?: CannedScope;
  teamId?: string | null;
  variants: Partial<Record<CannedLanguage, string | null>>;
  /** Ids from POST /api/attachments. */
  attachmentIds?: string[];
  whatsappTemplate?: string | null;
}

/** How the rendered text fits the conversation's channel. */
export interface CannedFitnessDto {
  /** SMS: how many parts the text is billed as (more than one: it does not fit one SMS). */
  smsSegments?: number;
  /** Longer than the channel takes in one message (SMS/WhatsApp 1,600, Telegram 4,096 characters). */
  tooLong?: boolean;
  maxLength?: number;
  /** WhatsApp: the customer last wrote more than 24 hours ago, free text cannot be sent. */
  whatsappWindowClosed?: boolean;
  /** With whatsappWindowClosed: the inbox's approved template this response offers instead (null: none). */
  template?: { id: string; name: string } | null;
}

/** POST /api/canned-responses/:id/render {conversationId, language?} */
export interface RenderedCannedResponseDto {
  text: string;
  language: CannedLanguage;
  /** Placeholders without a value for this conversation (`customer.first_name`): left in `text` as written, to fill in. */
  missing: string[];
  fitness: CannedFitnessDto;
  attachments: AttachmentDto[];
}

/** GET /api/canned-responses/context/:conversationId: what the reply box's list orders by. */
export interface CannedContextDto {
  /** The customer's language (their profile's `language`/`locale`, else their last words), null: unknown. */
  language: CannedLanguage | null;
}

/** POST /api/canned-responses/import: rows that failed are listed, the others are imported. */
export interface CannedImportResultDto {
  created: number;
  updated: number;
  /** `row`: the line in the file (the header is line 1). */
  errors: { row: number; shortcode: string | null; message: string }[];
}

/** On `/agents` after any change (no content: a personal response is its owner's business): re-read the list. */
export const CANNED_EVENTS = { changed: 'canned_response.changed' } as const;

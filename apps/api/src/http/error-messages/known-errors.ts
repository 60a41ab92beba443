import type { ErrorCode } from './error-catalogue';

export interface ErrorIdentity {
  code: ErrorCode;
  params: Record<string, unknown>;
}

type Pattern = [RegExp, ErrorCode, ...string[]];

/**
 * The English messages thrown across the capability libs, recognized by their wording so that
 * each keeps a stable code and speaks Russian without every throw site knowing about languages.
 * Capture groups fill the named params in order; a message not listed keeps its English text.
 */
const PATTERNS: Pattern[] = [
  [/^Malformed id: (.*)$/s, 'invalid_id', 'value'],
  [/^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+)$/, 'route_not_found', 'method', 'path'],
  [/^Customer (\S+) not found$/, 'customer_not_found', 'id'],
  [/^Customer (\S+) was merged into (\S+)$/, 'customer_merged_away', 'id', 'into'],
  [/^Customer (\S+) was itself merged into (\S+)$/, 'customer_merged_away', 'id', 'into'],
  [/^Customer (\S+) was already merged into (\S+)$/, 'customer_merged_away', 'id', 'into'],
  [/^email: "(.*)" is not an email address$/s, 'customer_email_invalid', 'value'],
  [/^phone: "(.*)" is not a valid phone number/s, 'customer_phone_invalid', 'value'],
  [/^Merge (\S+) not found$/, 'merge_not_found', 'id'],
  [/^Merge suggestion (\S+) not found$/, 'merge_suggestion_not_found', 'id'],
  [/^This merge was already undone$/, 'merge_already_undone'],
  [/^This merge can no longer be undone: the (\d+) minute grace period is over$/, 'merge_undo_expired', 'minutes'],
  [/^The surviving customer was merged again since/, 'merge_undo_blocked'],
  [/^A customer cannot be merged into itself$/, 'merge_into_itself'],
  [/^Conversation (\S+) not found$/, 'conversation_not_found', 'id'],
  [/^Team (\S+) not found$/, 'team_not_found', 'id'],
  [/^View (\S+) not found$/, 'view_not_found', 'id'],
  [/^Bulk operation (\S+) not found$/, 'bulk_operation_not_found', 'id'],
  [/^Rule (\S+) not found$/, 'rule_not_found', 'id'],
  [/^Inbox (\S+) not found$/, 'inbox_not_found', 'id'],
  [/^Unknown inbox$/, 'unknown_inbox'],
  [/^Agent (\S+) not found$/, 'agent_not_found', 'id'],
  [/^No user (\S+)$/, 'user_not_found', 'id'],
  [/^SLA policy (\S+) not found$/, 'sla_policy_not_found', 'id'],
  [/^XLA policy (\S+) not found$/, 'xla_policy_not_found', 'id'],
  [/^Calendar (\S+) not found$/, 'calendar_not_found', 'id'],
  [/^Recovery (\S+) not found$/, 'recovery_not_found', 'id'],
  [/^Unknown attachment$/, 'attachment_not_found'],
  [/^Unknown dead letter$/, 'dead_letter_not_found'],
  [/^Label (\S+) not found$/, 'label_not_found', 'id'],
  [/^A label named "(.*)" already exists$/s, 'label_name_taken', 'name'],
  [/^A label needs a name in English or in Russian$/, 'label_name_required'],
  [/^A label name must be at most (\d+) characters long$/, 'label_name_too_long', 'count'],
  [/^colour: "(.*)" is not a #rrggbb colour$/s, 'label_colour_invalid', 'value'],
  [/^Canned response (\S+) not found$/, 'canned_not_found', 'id'],
  [/^Fill in or remove (.*) before sending$/s, 'reply_placeholders_unfilled', 'names'],
  [/^Outside the 24-hour messaging window on (\S+) \((?:the customer last wrote (\d+) hours ago|the customer has not written yet)\): free-form replies are not allowed/, 'meta_window_closed', 'channel', 'hours'],
  [/^Outside the 7-day window of the HUMAN_AGENT tag on (\S+) \((?:the customer last wrote (\d+) hours ago|the customer has not written yet)\)/, 'meta_tag_window_closed', 'channel', 'hours'],
  [/^Viber does not deliver files of this type: "(.*)"$/s, 'viber_file_type_refused', 'name'],
  [/^Viber takes files of up to 50 MB: "(.*)" is ([\d.]+) MB$/s, 'viber_file_too_large', 'name', 'size'],
  [/^Shortcode "(.*)" is not valid: use up to (\d+) letters, digits, - or _$/s, 'canned_shortcode_invalid', 'value', 'max'],
  [/^The shortcode "(.*)" is already used in this scope$/s, 'canned_shortcode_taken', 'value'],
  [/^A canned response needs a title$/, 'canned_title_required'],
  [/^A canned response needs its text in English or in Russian$/, 'canned_text_required'],
  [/^Unknown variable in the English text: (.*)\. Use (.*)$/s, 'canned_unknown_variable_en', 'names', 'known'],
  [/^Unknown variable in the Russian text: (.*)\. Use (.*)$/s, 'canned_unknown_variable_ru', 'names', 'known'],
  [/^Only admins change team and shared canned responses$/, 'canned_admins_only'],
  [/^You can change only your own personal canned responses$/, 'canned_owner_only'],
  [/^Macro run (\S+) not found$/, 'macro_run_not_found', 'id'],
  [/^Macro (\S+) not found$/, 'macro_not_found', 'id'],
  [/^Macro "(.*)" cannot run: (.*)$/s, 'macro_cannot_run', 'name', 'reasons'],
  [/^A macro needs a name$/, 'macro_name_required'],
  [/^A macro name must be at most (\d+) characters long$/, 'macro_name_too_long', 'count'],
  [/^A macro either snoozes or resolves, not both$/, 'macro_snooze_or_resolve'],
  [/^A team macro needs teamId$/, 'macro_team_required'],
  [/^Only admins change team and shared macros$/, 'macro_admins_only'],
  [/^You can change only your own personal macros$/, 'macro_owner_only'],
  [/^You have no macro run to undo$/, 'macro_no_run'],
  [/^The last run of "(.*)" was already undone$/s, 'macro_already_undone', 'name'],
  [/^The run of "(.*)" is still going on: undo it when it ends$/s, 'macro_run_in_progress', 'name'],
  [/^Missing bearer token$/, 'auth_missing_token'],
  [/^Invalid or expired token$/, 'auth_invalid_token'],
  [/^Signed out: sign in again$/, 'auth_signed_out'],
  [/^Wrong email or password$/, 'auth_wrong_credentials'],
  [/^This account is disabled$/, 'auth_account_disabled'],
  [/^This sign-in was used from elsewhere/, 'auth_session_reused'],
  [/^This link has expired or is not signed/, 'auth_link_expired'],
  [/^This needs the (\S+) role$/, 'auth_role_required', 'role'],
  [/^Only an admin may end another user's sessions$/, 'auth_admin_only_sessions'],
  [/^You cannot disable yourself or change your own role$/, 'auth_self_change'],
  [/^Too many sign-in attempts: try again in (\d+) s$/, 'rate_limited_sign_in', 'seconds'],
  [/^Password must not be blank$/, 'password_blank'],
  [/^Password must not contain NUL characters$/, 'password_nul'],
  [/^Password must be at least (\d+) characters long$/, 'password_too_short', 'count'],
  [/^Password must be at most (\d+) bytes long/, 'password_too_long', 'count'],
  [/^Password is too common/, 'password_too_common'],
  [/^A user with email (.+) already exists$/s, 'user_email_taken', 'email'],
  [/^The conversation changed meanwhile; try again$/, 'conversation_changed'],
  [/^Conflicts with an existing record$/, 'record_conflict'],
  [/^Refers to a record that does not exist$/, 'record_missing'],
  [/^A value is missing, out of range or malformed$/, 'value_invalid'],
  [/^(\S+) contains a NUL byte or an unpaired surrogate, which cannot be stored$/, 'text_unstorable', 'field'],
  [/^JSON nested deeper than (\d+) levels$/, 'json_too_deep', 'depth'],
  [/^Malformed request body$/, 'body_malformed'],
  [/^Request body too large$/, 'payload_too_large'],
  [/^Temporarily unavailable, please retry$/, 'unavailable'],
  [/^Internal server error$/, 'internal'],
  [/^Invalid cursor$/, 'invalid_cursor'],
  [/^q must not be empty$/, 'search_query_empty'],
  [/^q must be at most (\d+) characters$/, 'search_query_too_long', 'max'],
  [/^limit must be between 1 and (\d+)$/, 'search_limit_invalid', 'max'],
  [/^The cursor belongs to another type or sort order$/, 'search_cursor_mismatch'],
  [/^from must be before to$/, 'search_range_invalid'],
];

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
  413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'unprocessable', 429: 'too_many_requests', 503: 'unavailable',
};

/** The code (and values) of a known English message; null when the wording is not in the catalogue. */
export function recognizeMessage(message: string): ErrorIdentity | null {
  for (const [pattern, code, ...names] of PATTERNS) {
    const m = pattern.exec(message);
    if (!m) continue;
    const params: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const value = m[i + 1];
      params[name] = name === 'count' ? Number(value) : value;
    });
    return { code, params };
  }
  return null;
}

/** A code for any status, so every error body carries one. */
export function codeForStatus(statusCode: number): string {
  return BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'internal' : `http_${statusCode}`);
}

import type { InboxDto } from '@parley/contracts';
import { http } from '../../api/http-client';

export interface InboxPatch {
  name?: string;
  /** Merged into the stored config: blank secrets keep theirs, null removes a key. */
  config?: Record<string, unknown>;
}

export const inboxAdminApi = {
  updateInbox: (inboxId: string, patch: InboxPatch) => http.patch<InboxDto>(`/api/inboxes/${encodeURIComponent(inboxId)}`, patch),
};

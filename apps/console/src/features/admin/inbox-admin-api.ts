import type { InboxDto, UpdateInboxDto } from '@parley/contracts';
import { http } from '../../api/http-client';

export const inboxAdminApi = {
  updateInbox: (inboxId: string, patch: UpdateInboxDto) => http.patch<InboxDto>(`/api/inboxes/${encodeURIComponent(inboxId)}`, patch),
};

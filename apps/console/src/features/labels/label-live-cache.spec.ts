import { QueryClient } from '@tanstack/react-query';
import type { ConversationDto, ConversationLabelDto, LabelDto, Page } from '@parley/contracts';
import type { Pages } from '../../api/page-merge';
import { applyAgentEvent } from '../../app/live-cache';
import { queryKeys } from '../../app/query-keys';
import { DEFAULT_FILTER } from '../conversations/conversation-filter';
import { conversationRows } from '../conversations/conversation-list-rules';

const ME = 'agent-1';
const at = (n: number) => new Date(Date.UTC(2026, 11, 1, 12, n)).toISOString();
const refund: ConversationLabelDto = { id: 'l-1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' };
const refundLabel: LabelDto = { ...refund, slug: 'refund', createdAt: at(0), updatedAt: at(0) };

const conversation = (id: string, minute: number, labels?: ConversationLabelDto[]): ConversationDto =>
  ({ id, customerId: `cust-${id}`, status: 'open', inboxId: 'i-1', assigneeId: null, lastMessageAt: at(minute), updatedAt: at(minute), unreadCount: 0, ...(labels ? { labels } : {}) }) as ConversationDto;

function client(items: ConversationDto[], filter = DEFAULT_FILTER) {
  const c = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
  c.setQueryData<Pages<ConversationDto>>(queryKeys.conversationList(filter, ME), { pages: [{ items, nextCursor: null } as Page<ConversationDto>], pageParams: [null] });
  for (const item of items) c.setQueryData(queryKeys.conversation(item.id), item);
  c.setQueryData<LabelDto[]>(queryKeys.labels, [refundLabel]);
  return c;
}

const rows = (c: QueryClient, filter = DEFAULT_FILTER) => conversationRows(c.getQueryData<Pages<ConversationDto>>(queryKeys.conversationList(filter, ME)));

describe('live cache: labels', () => {
  it('keeps the chips when a conversation update for a new message leaves the labels out', () => {
    const c = client([conversation('a', 1, [refund])]);
    applyAgentEvent(c, 'conversation.updated', conversation('a', 5));
    expect(rows(c)[0]).toMatchObject({ lastMessageAt: at(5), labels: [refund] });
    expect(c.getQueryData<ConversationDto>(queryKeys.conversation('a'))!.labels).toEqual([refund]);
  });

  it('takes the labels an update carries, even none', () => {
    const c = client([conversation('a', 1, [refund])]);
    applyAgentEvent(c, 'conversation.updated', conversation('a', 2, []));
    expect(rows(c)[0].labels).toEqual([]);
  });

  it('drops a conversation from a label-filtered list when its label is removed', () => {
    const filter = { ...DEFAULT_FILTER, labelId: 'l-1' };
    const c = client([conversation('a', 1, [refund]), conversation('b', 2, [refund])], filter);
    applyAgentEvent(c, 'conversation.updated', conversation('a', 3, []));
    expect(rows(c, filter).map((r) => r.id)).toEqual(['b']);
  });

  it("follows an admin's rename and deletion everywhere the label shows", () => {
    const c = client([conversation('a', 1, [refund])]);
    applyAgentEvent(c, 'label.saved', { ...refundLabel, nameRu: 'Возврат денег', colour: '#6e56cf' });
    expect(rows(c)[0].labels).toEqual([{ ...refund, nameRu: 'Возврат денег', colour: '#6e56cf' }]);
    expect(c.getQueryData<LabelDto[]>(queryKeys.labels)![0].nameRu).toBe('Возврат денег');
    applyAgentEvent(c, 'label.deleted', { id: 'l-1' });
    expect(rows(c)[0].labels).toEqual([]);
    expect(c.getQueryData<ConversationDto>(queryKeys.conversation('a'))!.labels).toEqual([]);
    expect(c.getQueryData<LabelDto[]>(queryKeys.labels)).toEqual([]);
  });
});

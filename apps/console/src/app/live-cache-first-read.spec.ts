import { QueryClient, QueryObserver } from '@tanstack/react-query';
import type { ConversationDto } from '@parley/contracts';
import type { Pages } from '../api/page-merge';
import { DEFAULT_FILTER } from '../features/conversations/conversation-filter';
import { conversationRows } from '../features/conversations/conversation-list-rules';
import { applyAgentEvent } from './live-cache';
import { queryKeys } from './query-keys';

// A live event that arrives while a query's first read is still on its way must not be lost to
// that older answer (there is no data yet to write the event into).

const ME = 'agent-1';
const newClient = () => new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
const minute = (n: number) => new Date(Date.UTC(2024, 0, 1, 12, n)).toISOString();
const conversation = (id: string, at: number): ConversationDto => ({
  id, customerId: `cust-${id}`, inboxId: 'inbox-1', channel: 'webchat', status: 'open', priority: 'normal', assigneeId: null, teamId: null,
  unreadCount: 0, lastMessageAt: minute(at), lastMessagePreview: `сообщение ${id}`, createdAt: minute(at), updatedAt: minute(at),
}) as unknown as ConversationDto;
const pages = (items: ConversationDto[]): Pages<ConversationDto> => ({ pages: [{ items, nextCursor: null }], pageParams: [null] });
const ids = (client: QueryClient) => conversationRows(client.getQueryData<Pages<ConversationDto>>(queryKeys.conversationList(DEFAULT_FILTER, ME))).map((c) => c.id);

async function waitFor(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('live cache: a query on its first read', () => {
  it('reads a list again when a conversation arrives while its first page is still being read', async () => {
    const client = newClient();
    const key = queryKeys.conversationList(DEFAULT_FILTER, ME);
    // The server's answers: the first read was taken before conversation c existed.
    const answers = [pages([conversation('a', 5)]), pages([conversation('c', 9), conversation('a', 5)])];
    let release!: () => void;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const observer = new QueryObserver(client, {
      queryKey: key,
      queryFn: async () => {
        const n = reads++;
        if (n === 0) await firstHeld;
        return answers[Math.min(n, 1)];
      },
    });
    const seen: string[][] = [];
    const stop = observer.subscribe((result) => result.data && seen.push(conversationRows(result.data as Pages<ConversationDto>).map((c) => c.id)));
    applyAgentEvent(client, 'conversation.created', conversation('c', 9));
    release();
    await waitFor(() => ids(client).includes('c'));
    stop();
    expect(ids(client)).toEqual(['c', 'a']);
    expect(reads).toBe(2);
  });
});

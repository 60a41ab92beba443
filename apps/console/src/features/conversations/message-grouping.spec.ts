import type { MessageDto } from '@parley/contracts';
import { startsGroup } from './message-grouping';

const msg = (over: Partial<MessageDto>): MessageDto =>
  ({
    id: 'm',
    direction: 'inbound',
    private: false,
    authorType: 'customer',
    authorId: null,
    authorName: 'Anna',
    createdAt: '2024-01-01T12:00:00Z',
    ...over,
  }) as MessageDto;

describe('startsGroup', () => {
  it('groups a quick follow-up from the same customer', () => {
    expect(startsGroup(msg({}), msg({ createdAt: '2024-01-01T12:01:00Z' }))).toBe(false);
  });

  it('starts a new group after a pause, on a reply, on a note or with another agent', () => {
    const first = msg({});
    expect(startsGroup(undefined, first)).toBe(true);
    expect(startsGroup(first, msg({ createdAt: '2024-01-01T12:06:00Z' }))).toBe(true);
    expect(startsGroup(first, msg({ direction: 'outbound', authorType: 'agent', authorId: 'u1' }))).toBe(true);
    const reply = msg({ direction: 'outbound', authorType: 'agent', authorId: 'u1', authorName: 'Olga' });
    expect(startsGroup(reply, { ...reply, private: true })).toBe(true);
    expect(startsGroup(reply, { ...reply, authorId: 'u2', authorName: 'Ivan' })).toBe(true);
  });
});

import type { EntityManager } from 'typeorm';
import type { MessageDto } from '@parley/contracts';
import { ConversationHooks, type InboundClaim, type InboundClaimContext } from '@parley/conversations';
import type { SurveyAnswersService } from './survey-answers.service';
import { SurveyConversationHooks } from './survey-conversation-hooks';

const em = {} as EntityManager;
const ctx = (customerId: string, content: string): InboundClaimContext => ({
  customerId, customerName: 'Ольга', inbound: { inboxId: 'inbox-1', content } as InboundClaimContext['inbound'],
});

function wire() {
  const hooks = new ConversationHooks();
  const followedUp: string[] = [];
  const answers = {
    // Only Ольга has a survey waiting; her "5" is the score.
    mayClaim: async (_: EntityManager, ctxs: InboundClaimContext[]) => ctxs.map((c) => c.customerId === 'olga'),
    claimAnswer: async (_: EntityManager, c: InboundClaimContext): Promise<InboundClaim | null> =>
      c.customerId === 'olga' && c.inbound.content === '5' ? { conversationId: 'conv-1', hook: 'surveys', data: { surveyId: 's-1', action: 'scored' } } : null,
    afterAnswer: async (claim: InboundClaim, message: MessageDto) => void followedUp.push(`${claim.data.surveyId}:${message.id}`),
  } as unknown as SurveyAnswersService;
  new SurveyConversationHooks(hooks, answers).onModuleInit();
  return { hooks, followedUp };
}

describe('SurveyConversationHooks', () => {
  it('lets the answers service claim a customer\'s score and follow it up after the commit', async () => {
    const { hooks, followedUp } = wire();
    expect(await hooks.mayClaimMany(em, [ctx('olga', '5'), ctx('dmitry', 'Где мой заказ?')])).toEqual([true, false]);
    const claim = await hooks.claimInbound(em, ctx('olga', '5'));
    expect(claim).toEqual({ conversationId: 'conv-1', hook: 'surveys', data: { surveyId: 's-1', action: 'scored' } });
    expect(await hooks.claimInbound(em, ctx('olga', 'Спасибо, всё отлично'))).toBeNull();
    await hooks.claimed(claim!, { id: 'msg-1' } as MessageDto);
    expect(followedUp).toEqual(['s-1:msg-1']);
  });
});

import * as contracts from '@parley/contracts';
import * as domain from '@parley/domain';

// The domain keeps its own vocabulary instead of importing contracts (see boundary-rules.cjs).
// These checks keep the two equal: the type ones fail `npm run typecheck`, the rest fail here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameConversationStatus: Same<domain.ConversationStatus, contracts.ConversationStatus> = true;
const sameDeliveryStatus: Same<domain.DeliveryStatus, contracts.DeliveryStatus> = true;
const sameWeeklyInterval: Same<domain.WeeklyInterval, contracts.WeeklyInterval> = true;
const samePriority: Same<domain.Priority, contracts.Priority> = true;
const sameRoutingStrategy: Same<domain.RoutingStrategy, contracts.RoutingStrategy> = true;
const sameSentiment: Same<domain.Sentiment, contracts.Sentiment> = true;
const sameWidgetAvailability: Same<domain.WidgetAvailability, contracts.WidgetAvailability> = true;
const sameSurveyType: Same<domain.SurveyType, contracts.SurveyType> = true;
const sameSlaState: Same<domain.SlaState, contracts.SlaState> = true;
const sameViewChannel: Same<domain.ViewChannel, contracts.Channel> = true;
const sameBulkAction: Same<domain.BulkAction, contracts.BulkAction> = true;
const sameMacroAction: Same<domain.MacroAction, contracts.MacroAction> = true;
const factEvidenceIsMergeEvidence: Same<domain.FactEvidence['kind'] | contracts.MergeEvidenceKind, contracts.MergeEvidenceKind> = true;

const DELIVERY: contracts.DeliveryStatus[] = ['pending', 'queued', 'sent', 'delivered', 'read', 'undelivered', 'failed'];

describe('domain and contracts vocabulary', () => {
  it('names the same conversation states', () => {
    expect([sameConversationStatus, sameDeliveryStatus, factEvidenceIsMergeEvidence]).toEqual([true, true, true]);
    expect([sameWeeklyInterval, samePriority, sameRoutingStrategy, sameSentiment, sameWidgetAvailability, sameSurveyType]).toEqual([true, true, true, true, true, true]);
    expect([...domain.CONVERSATION_STATUSES].sort()).toEqual(['open', 'pending', 'resolved', 'snoozed']);
    expect([sameSlaState, sameViewChannel, sameBulkAction, sameMacroAction]).toEqual([true, true, true, true]);
    expect([...domain.IRREVERSIBLE_ACTIONS].sort()).toEqual([...contracts.IRREVERSIBLE_MACRO_ACTIONS].sort());
  });

  it('orders delivery reports the same way on the server and in the console', () => {
    for (const current of DELIVERY) {
      for (const next of DELIVERY) {
        expect([current, next, domain.advancesDelivery(current, next)]).toEqual([current, next, contracts.advancesDelivery(current, next)]);
      }
    }
    expect(domain.advancesDelivery('delivered', 'sent')).toBe(false);
    expect(domain.advancesDelivery('sent', 'read')).toBe(true);
  });

  it('finds merge evidence the contracts can carry', () => {
    const evidence: contracts.MergeEvidence[] = domain.mergeEvidence(
      { name: 'Мария Иванова', email: 'maria@example.ru', phone: '8 916 123-45-67', channels: ['telegram'] },
      { name: 'мария иванова', email: 'Maria@Example.ru', phone: '+79161234567', channels: ['email'] },
      'RU',
    );
    expect(evidence.map((e) => e.kind)).toEqual(['same_email', 'same_phone', 'same_name']);
  });
});

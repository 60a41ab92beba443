import type { TimelineEventDto } from '@parley/contracts';
import { crmDetails, crmEventType, summarizeTimelineEvent } from './timeline-event-view';

const event = (over: Partial<TimelineEventDto>): TimelineEventDto => ({
  id: 'e1',
  type: 'message',
  occurredAt: '2024-01-01T00:00:00Z',
  customerId: 'cust-1',
  ...over,
});

describe('summarizeTimelineEvent', () => {
  it('tells inbound from outbound messages and keeps the text as the body', () => {
    expect(summarizeTimelineEvent(event({ direction: 'inbound', content: 'Where is my order?' }))).toEqual({
      key: 'timeline.messageInbound',
      values: { author: '' },
      body: 'Where is my order?',
    });
    expect(summarizeTimelineEvent(event({ direction: 'outbound', authorName: 'Olga' })).key).toBe(
      'timeline.messageOutbound',
    );
  });

  it('reads the new status and the assignee from the event data', () => {
    expect(summarizeTimelineEvent(event({ type: 'status_changed', data: { from: 'open', to: 'resolved' } }))).toMatchObject({
      key: 'timeline.statusChangedTo',
      values: { status: 'resolved' },
    });
    expect(summarizeTimelineEvent(event({ type: 'assigned', title: 'Olga', data: { assigneeId: 'u1', teamId: null } }))).toMatchObject({
      key: 'timeline.assignedTo',
      values: { assignee: 'Olga' },
    });
    expect(summarizeTimelineEvent(event({ type: 'assigned', title: null, data: { assigneeId: null, teamId: null } })).key).toBe(
      'timeline.unassigned',
    );
  });

  it('shows CRM events with their title and simple details', () => {
    const summary = summarizeTimelineEvent(
      event({ type: 'crm_event', title: 'Order #1042 paid', data: { eventType: 'payment', amount: 49.9, currency: 'EUR', items: [1] } }),
    );
    expect(summary).toEqual({
      key: 'timeline.crmEvent',
      values: { title: 'Order #1042 paid' },
      body: 'amount: 49.9\ncurrency: EUR',
    });
  });

  it('reads the CRM event type the api keeps in the data', () => {
    expect(crmEventType(event({ type: 'crm_event', data: { eventType: 'order' } }))).toBe('order');
    expect(crmEventType(event({ type: 'message' }))).toBeNull();
  });

  it('names the merged customer', () => {
    expect(summarizeTimelineEvent(event({ type: 'customer_merged', title: 'Anna', data: { sourceCustomerId: 'c2' } })).values).toEqual({
      name: 'Anna',
    });
  });

  it('has no details for an empty payload', () => {
    expect(crmDetails({})).toBeNull();
    expect(crmDetails(null)).toBeNull();
  });
});

describe('merge events on the timeline', () => {
  it('names the record a merge folded in, and the one an undo split off again', () => {
    const merged = summarizeTimelineEvent(event({ type: 'customer_merged', title: 'Мария Иванова', data: { sourceCustomerId: 'c2' } }));
    expect(merged).toEqual({ key: 'timeline.customerMerged', values: { name: 'Мария Иванова' }, body: null });
    const unmerged = summarizeTimelineEvent(
      event({ type: 'customer_unmerged', title: null, data: { sourceName: 'Мария', sourceCustomerId: 'c2' } }),
    );
    expect(unmerged).toEqual({ key: 'merge.timelineUnmerged', values: { name: 'Мария' }, body: null });
  });
});

import { metaSendPolicy } from './meta-window';

describe('Meta messaging window', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  it('answers freely for 24 hours, and sends no tag then even when one is asked for', () => {
    expect(metaSendPolicy(hoursAgo(23.9), now, undefined, 'Messenger')).toEqual({ messagingType: 'RESPONSE', tag: null });
    expect(metaSendPolicy(hoursAgo(2), now, 'HUMAN_AGENT', 'Messenger')).toEqual({ messagingType: 'RESPONSE', tag: null });
  });

  it('refuses a free-form reply after 24 hours, naming the HUMAN_AGENT way out', () => {
    const policy = metaSendPolicy(hoursAgo(30), now, undefined, 'Instagram');
    expect(policy).toEqual({ refused: expect.stringMatching(/^Outside the 24-hour messaging window on Instagram \(the customer last wrote 30 hours ago\).*HUMAN_AGENT/) });
    expect(metaSendPolicy(null, now, undefined, 'Messenger')).toEqual({ refused: expect.stringContaining('has not written yet') });
  });

  it('lets a HUMAN_AGENT reply through for 7 days, not after, and knows no other tag', () => {
    expect(metaSendPolicy(hoursAgo(6 * 24), now, 'HUMAN_AGENT', 'Messenger')).toEqual({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(metaSendPolicy(hoursAgo(8 * 24), now, 'HUMAN_AGENT', 'Messenger')).toEqual({ refused: expect.stringMatching(/^Outside the 7-day window of the HUMAN_AGENT tag on Messenger \(the customer last wrote 192 hours ago\)/) });
    expect(metaSendPolicy(hoursAgo(30), now, 'CONFIRMED_EVENT_UPDATE', 'Messenger')).toHaveProperty('refused');
  });
});

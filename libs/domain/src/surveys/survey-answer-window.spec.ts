import { expectedAnswer } from './survey-answer-window';

describe('how long a survey waits for its answers', () => {
  const sentAt = new Date('2026-03-02T10:00:00Z');
  const answeredAt = new Date('2026-03-02T10:05:00Z');
  const hours = (h: number, from = answeredAt) => new Date(from.getTime() + h * 3_600_000);

  it('takes a score for three days after the question', () => {
    expect(expectedAnswer({ state: 'sent', sentAt, answeredAt: null, commentWindowHours: 24 }, hours(71, sentAt))).toBe('score');
    expect(expectedAnswer({ state: 'sent', sentAt, answeredAt: null, commentWindowHours: 24 }, hours(73, sentAt))).toBe('expired');
  });

  it('takes the "why?" comment only within the configured hours after the score', () => {
    const waiting = { state: 'awaiting_comment', sentAt, answeredAt, commentWindowHours: 24 };
    expect(expectedAnswer(waiting, hours(23.9))).toBe('comment');
    expect(expectedAnswer(waiting, hours(24.1))).toBe('expired');
    expect(expectedAnswer({ ...waiting, commentWindowHours: 2 }, hours(3))).toBe('expired');
    expect(expectedAnswer({ ...waiting, commentWindowHours: 72 }, hours(48))).toBe('comment');
  });

  it('waits for nothing once the survey is completed, left or unsubscribed', () => {
    for (const state of ['completed', 'left', 'unsubscribed', 'skipped']) {
      expect(expectedAnswer({ state, sentAt, answeredAt, commentWindowHours: 24 }, hours(1))).toBeNull();
    }
  });
});

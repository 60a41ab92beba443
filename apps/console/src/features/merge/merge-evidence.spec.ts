import type { Channel, CustomerDto } from '@parley/contracts';
import { channelsOf, describeEvidence, joinWords, spellings } from './merge-evidence';

const reachedOn = (...channels: Channel[]): Pick<CustomerDto, 'identities'> => ({
  identities: channels.map((channel, i) => ({
    id: `i${i}`,
    channel,
    externalId: `${channel}-${i}`,
    displayName: 'Мария Иванова',
    optedOut: false,
    unreachable: false,
    metadata: null,
    createdAt: '2026-12-01T10:00:00Z',
  })),
});

describe('describeEvidence', () => {
  it('shows a shared email as the address', () => {
    expect(describeEvidence({ kind: 'same_email', values: ['maria@example.com', 'maria@example.com'] }, reachedOn('email'), reachedOn('webchat'))).toEqual({
      key: 'merge.evidence.sameEmail',
      value: 'maria@example.com',
      channels: [],
    });
  });

  it('shows both spellings of a phone written differently', () => {
    expect(describeEvidence({ kind: 'same_phone', values: ['8 916 123-45-67', '+79161234567'] }, reachedOn('sms'), reachedOn('webchat'))).toMatchObject({
      key: 'merge.evidence.samePhone',
      value: '8 916 123-45-67 = +79161234567',
    });
  });

  it('names the channels two records with the same name were reached on', () => {
    expect(describeEvidence({ kind: 'same_name', values: ['Мария Иванова'] }, reachedOn('telegram'), reachedOn('email', 'telegram'))).toEqual({
      key: 'merge.evidence.sameName',
      value: 'Мария Иванова',
      channels: ['telegram', 'email'],
    });
    expect(describeEvidence({ kind: 'same_name', values: ['Мария Иванова'] }, reachedOn(), reachedOn()).key).toBe('merge.evidence.sameNameOnly');
  });

  it('says a pre-chat address or phone was typed, not verified', () => {
    expect(describeEvidence({ kind: 'prechat_email', values: ['maria@example.com'] }, reachedOn('email'), reachedOn('webchat')).key).toBe(
      'merge.evidence.prechatEmail',
    );
    expect(describeEvidence({ kind: 'prechat_phone', values: ['+79161234567'] }, reachedOn('sms'), reachedOn('webchat')).key).toBe(
      'merge.evidence.prechatPhone',
    );
  });

  it('still shows the values of a kind the console does not know yet', () => {
    const unknown = { kind: 'same_passport', values: ['4510 123456'] } as unknown as Parameters<typeof describeEvidence>[0];
    expect(describeEvidence(unknown, reachedOn(), reachedOn())).toEqual({ key: 'merge.evidence.other', value: '4510 123456', channels: [] });
  });
});

describe('spellings', () => {
  it('keeps each distinct spelling once, trimmed, in order', () => {
    expect(spellings([' +79161234567', '8 916 123-45-67', '+79161234567', ''])).toBe('+79161234567 = 8 916 123-45-67');
  });
});

describe('channelsOf', () => {
  it('lists each channel once across both records', () => {
    expect(channelsOf(reachedOn('webchat', 'email'), reachedOn('email', 'sms'))).toEqual(['webchat', 'email', 'sms']);
  });
});

describe('joinWords', () => {
  it('joins channel names the way each language does', () => {
    expect(joinWords(['Telegram', 'Email'], 'en')).toBe('Telegram and Email');
    expect(joinWords(['Telegram', 'Эл. почта'], 'ru')).toBe('Telegram и Эл. почта');
  });
});

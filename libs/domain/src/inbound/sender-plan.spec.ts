import { introducesSender, planSenderUpdate } from './sender-plan';

const now = new Date('2026-12-01T10:00:00Z');
const customer = { id: 'c-1', name: null, email: null, phone: null, attributes: { город: 'Казань' } };
const identity = { id: 'i-1', optedOut: true, unreachable: false, metadata: { languageCode: 'ru' } };

describe('what an identity-only update (no message) writes', () => {
  it('clears an opt-out and fills the blanks of the customer, and nothing else', () => {
    const plan = planSenderUpdate({
      inbound: { identityUpdate: { optedOut: false, metadata: { country: 'RU' } }, customerFill: { name: 'Ольга Смирнова', attributes: { язык: 'ru', город: 'Москва' } } },
      customer, identity, now,
    });
    expect(plan).toEqual({
      identityUpdate: { id: 'i-1', set: { optedOut: false, metadata: { languageCode: 'ru', country: 'RU' } } },
      customerUpdate: { id: 'c-1', set: { name: 'Ольга Смирнова', attributes: { город: 'Казань', язык: 'ru' }, updatedAt: now }, fillIn: ['attributes'] },
    });
  });

  it('writes nothing when the event repeats what is known (a redelivered subscription)', () => {
    const known = { ...customer, name: 'Ольга' };
    const plan = planSenderUpdate({ inbound: { identityUpdate: { optedOut: true, metadata: { languageCode: 'ru' } }, customerFill: { name: 'Оля' } }, customer: known, identity, now });
    expect(plan).toEqual({ identityUpdate: null, customerUpdate: null });
  });

  it('introduces an unknown sender only when it tells something about them', () => {
    expect(introducesSender({ customerFill: { name: 'Ольга' } })).toBe(true);
    expect(introducesSender({ customerFill: { attributes: { viberContext: 'акция-весна' } } })).toBe(true);
    expect(introducesSender({ customerFill: { name: '   ', phone: null } })).toBe(false);
    expect(introducesSender({ identityUpdate: { optedOut: true, metadata: { optedOutAt: now.toISOString() } } })).toBe(false);
  });
});

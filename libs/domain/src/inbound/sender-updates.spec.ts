import { senderUpdates } from './sender-updates';

const customer = { name: null, email: null, phone: null, attributes: { город: 'Казань' } };
const identity = { optedOut: false, unreachable: false, metadata: { username: 'maria_k' } };

describe('what an inbound message changes on its sender', () => {
  it('changes nothing when the channel repeats what is known', () => {
    expect(senderUpdates({ identityUpdate: { optedOut: false, metadata: { username: 'maria_k' } } }, customer, identity)).toEqual({});
    expect(senderUpdates({}, customer, identity)).toEqual({});
  });

  it('records an opt-out and new channel details over the old ones', () => {
    const updates = senderUpdates({ identityUpdate: { optedOut: true, metadata: { language: 'ru' } } }, customer, identity);
    expect(updates).toEqual({ identity: { optedOut: true, metadata: { username: 'maria_k', language: 'ru' } } });
  });

  it('fills in the customer contact details the channel knows, marked as from the channel', () => {
    const updates = senderUpdates({ customerFill: { name: '  Мария Иванова ', email: 'Maria@Example.RU', phone: '+79161234567' } }, customer, identity);
    expect(updates.customer).toEqual({ name: 'Мария Иванова', email: 'maria@example.ru', emailSource: 'channel', phone: '+79161234567', phoneSource: 'channel' });
  });

  it('never overwrites what the customer already has', () => {
    const known = { name: 'Мария', email: 'maria@example.ru', phone: '+79161234567', attributes: { город: 'Казань' } };
    const updates = senderUpdates({ customerFill: { name: 'Маша', email: 'other@example.ru', phone: '+79990000000', attributes: { город: 'Москва' } } }, known, identity);
    expect(updates).toEqual({});
  });

  it('adds only the attributes the customer is missing', () => {
    const updates = senderUpdates({ customerFill: { attributes: { город: 'Москва', тариф: 'Премиум' } } }, customer, identity);
    expect(updates.customer).toEqual({ attributes: { город: 'Казань', тариф: 'Премиум' } });
  });
});

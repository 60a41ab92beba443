import { advancesDelivery } from './delivery-status';

describe('delivery status order', () => {
  it('moves forward through queued, sent, delivered and read', () => {
    expect(advancesDelivery('pending', 'queued')).toBe(true);
    expect(advancesDelivery('sent', 'delivered')).toBe(true);
    expect(advancesDelivery('delivered', 'read')).toBe(true);
  });

  it('ignores a late report that would move it back', () => {
    expect(advancesDelivery('delivered', 'sent')).toBe(false);
    expect(advancesDelivery('read', 'delivered')).toBe(false);
  });

  it('lets a failure land after sent but keeps it final', () => {
    expect(advancesDelivery('sent', 'undelivered')).toBe(true);
    expect(advancesDelivery('failed', 'delivered')).toBe(false);
  });
});

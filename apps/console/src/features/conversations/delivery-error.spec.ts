import { twilioErrorCode } from './delivery-error';

describe('Twilio delivery error codes', () => {
  it('reads the code of a status callback or of a refused send', () => {
    expect(twilioErrorCode({ channel: 'sms', metadata: { errorCode: '30007' }, deliveryError: 'Blocked by carrier filtering (Twilio 30007)' })).toBe('30007');
    expect(twilioErrorCode({ channel: 'whatsapp', metadata: null, deliveryError: 'The recipient opted out (Twilio 21610)' })).toBe('21610');
  });

  it('has none for other channels or other errors', () => {
    expect(twilioErrorCode({ channel: 'telegram', metadata: { errorCode: '403' }, deliveryError: 'blocked' })).toBeNull();
    expect(twilioErrorCode({ channel: 'sms', metadata: null, deliveryError: 'socket hang up' })).toBeNull();
  });
});

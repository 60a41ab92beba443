import twilio from 'twilio';
import { twilioSignature } from './twilio-signature';

describe('emulator webhook signatures', () => {
  it('are accepted by the twilio SDK, and only for the same token, URL and parameters', () => {
    const url = 'https://parley.example.test/webhooks/twilio/inbox-1';
    const params = { MessageSid: 'SM1', From: '+79161234567', Body: 'Привет, где мой заказ?', To: '+15005550006' };
    const signature = twilioSignature('token-1', url, params);
    expect(twilio.validateRequest('token-1', signature, url, params)).toBe(true);
    expect(twilio.validateRequest('token-2', signature, url, params)).toBe(false);
    expect(twilio.validateRequest('token-1', signature, url + '/status', params)).toBe(false);
    expect(twilio.validateRequest('token-1', signature, url, { ...params, Body: 'changed' })).toBe(false);
  });

  it("match Twilio's published example", () => {
    // The request-validation test vector of Twilio's helper libraries (e.g. twilio-php RequestValidatorTest).
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });
});

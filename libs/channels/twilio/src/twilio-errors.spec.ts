import { describeTwilioError, isTransientStatus, twilioErrorText } from './twilio-errors';

describe('Twilio errors in plain words', () => {
  it('explains the codes agents meet most', () => {
    expect(describeTwilioError(21610)).toMatch(/opted out/);
    expect(describeTwilioError('30007')).toMatch(/carrier filtering/);
    expect(describeTwilioError('30003')).toMatch(/unreachable/);
    expect(describeTwilioError('30005')).toMatch(/Unknown number/);
    expect(describeTwilioError('21211')).toMatch(/not valid/);
    expect(describeTwilioError('63016')).toMatch(/24-hour window/);
  });

  it("falls back to Twilio's own message for an unknown code, and names the code", () => {
    expect(twilioErrorText('99999', 'Something odd')).toBe('Something odd (Twilio 99999)');
    expect(twilioErrorText('21610')).toMatch(/^The recipient opted out.*\(Twilio 21610\)$/);
    expect(describeTwilioError(null)).toBeNull();
  });

  it('retries only provider outages and rate limits', () => {
    expect([500, 502, 503, 429].every(isTransientStatus)).toBe(true);
    expect([400, 401, 404].some(isTransientStatus)).toBe(false);
  });
});

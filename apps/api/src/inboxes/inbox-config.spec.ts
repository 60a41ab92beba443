import { maskSecrets, mergeConfig } from './inbox-config';

describe('inbox config secrets', () => {
  it('never returns a secret in clear, even nested', () => {
    const masked = maskSecrets({ accountSid: 'AC1', authToken: 'supersecret1234', smtp: { host: 'mx', pass: 'hunter22' } });
    expect(JSON.stringify(masked)).not.toContain('supersecret');
    expect(JSON.stringify(masked)).not.toContain('hunter');
    expect(masked).toMatchObject({ accountSid: 'AC1', authToken: '••••1234', smtp: { host: 'mx', pass: '••••er22' } });
  });

  it('keeps the stored secret when the masked value is sent back', () => {
    const stored = { authToken: 'supersecret1234', from: '+1' };
    expect(mergeConfig(stored, { authToken: '••••1234', from: '+2' })).toEqual({ authToken: 'supersecret1234', from: '+2' });
    expect(mergeConfig(stored, { authToken: 'new-token' })).toMatchObject({ authToken: 'new-token' });
  });
});

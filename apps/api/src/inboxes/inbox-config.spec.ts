import { maskSecrets, mergeConfig, templateListProblem } from './inbox-config';

describe('inbox config secrets', () => {
  it('never returns a secret in clear, even nested', () => {
    const masked = maskSecrets({ accountSid: 'AC1', authToken: 'supersecret12345678', smtp: { host: 'mx', pass: 'hunter22' } });
    expect(JSON.stringify(masked)).not.toContain('supersecret');
    expect(JSON.stringify(masked)).not.toContain('hunter');
    expect(masked).toMatchObject({ accountSid: 'AC1', authToken: '••••5678', smtp: { host: 'mx', pass: '••••' } });
  });

  it('gives away no part of a short password', () => {
    expect(maskSecrets({ pass: 'hunter22', botToken: '' })).toEqual({ pass: '••••', botToken: '' });
  });

  it('keeps the stored secret when the masked value is sent back', () => {
    const stored = { authToken: 'supersecret1234', from: '+1' };
    expect(mergeConfig(stored, { authToken: '••••1234', from: '+2' })).toEqual({ authToken: 'supersecret1234', from: '+2' });
    expect(mergeConfig(stored, { authToken: 'new-token' })).toMatchObject({ authToken: 'new-token' });
  });

  it('keeps the stored secret when it is left blank, also inside a nested block', () => {
    const stored = { authToken: 'supersecret1234', smtp: { host: 'mx', pass: 'hunter22' } };
    expect(mergeConfig(stored, { authToken: '', smtp: { host: 'mx2', pass: '  ' } })).toEqual({
      authToken: 'supersecret1234',
      smtp: { host: 'mx2', pass: 'hunter22' },
    });
  });

  it('removes a key sent as null and replaces lists whole', () => {
    const stored = { from: '+1', apiBaseUrl: 'http://emulator', imap: { host: 'imap', pass: 'p' }, templates: [{ id: 'HX1' }, { id: 'HX2' }] };
    expect(mergeConfig(stored, { apiBaseUrl: null, imap: null, templates: [{ id: 'HX3' }] })).toEqual({ from: '+1', templates: [{ id: 'HX3' }] });
  });
});

describe('templateListProblem', () => {
  it('refuses two templates with one ContentSid and names both rows', () => {
    const id = 'HX11111111111111111111111111111111';
    expect(templateListProblem({ templates: [{ id }, { id: 'HX22222222222222222222222222222222' }, { id: ` ${id}` }] })).toBe(
      `templates[2].id ${id} is already used by templates[0]: each template needs its own ContentSid`,
    );
  });

  it('accepts distinct ids and configs without templates', () => {
    expect(templateListProblem({ templates: [{ id: 'HXa' }, { id: 'HXb' }] })).toBeNull();
    expect(templateListProblem({ from: '+1' })).toBeNull();
  });
});

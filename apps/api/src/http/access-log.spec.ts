import { redactRequest, redactUrl } from './access-log';

describe('access log redaction', () => {
  it('hides survey answer tokens and attachment ids with their signatures', () => {
    expect(redactUrl('/surveys/answer/eyJzIjoiYWJjIn0.c2ln?score=5')).toBe('/surveys/answer/[Redacted]?score=5');
    expect(redactUrl('/surveys/answer/eyJz/comment')).toBe('/surveys/answer/[Redacted]/comment');
    expect(redactUrl('/attachments/0c9d3f2e-1111-4a5b-8c9d-000000000000?exp=1796285874&sig=abc')).toBe('/attachments/[Redacted]?exp=1796285874&sig=[Redacted]');
  });

  it('hides tokens in the query string, whatever their case or escaping', () => {
    expect(redactUrl('/api/customers?query=%D0%9C%D0%B0%D1%80%D0%B8%D1%8F&token=s3cr3t&visitorToken=v1&%74oken=x')).toBe(
      '/api/customers?query=%D0%9C%D0%B0%D1%80%D0%B8%D1%8F&token=[Redacted]&visitorToken=[Redacted]&%74oken=[Redacted]',
    );
    expect(redactUrl('/api/inboxes')).toBe('/api/inboxes');
  });

  it('redacts the parsed query and drops route parameters that repeat a capability path', () => {
    const serialized = redactRequest({
      url: '/surveys/answer/tok123?token=a', query: { token: 'a', score: '5' }, params: { token: 'tok123' }, method: 'GET',
    });
    expect(serialized).toEqual({ url: '/surveys/answer/[Redacted]?token=[Redacted]', query: { token: '[Redacted]', score: '5' }, params: undefined, method: 'GET' });
    expect(JSON.stringify(serialized)).not.toContain('tok123');
  });
});

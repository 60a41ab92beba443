import { templateProblem } from './twilio-inbox-config';

describe('WhatsApp templates', () => {
  const shipped = { id: 'HX' + 'a'.repeat(32), name: 'Order shipped', variables: ['1', '2'] };

  it("accepts a configured template with every variable filled in", () => {
    expect(templateProblem({ id: shipped.id, variables: { 1: 'Ivan', 2: 'A-100' } }, [shipped])).toBeNull();
  });

  it('names the missing variables and refuses templates the inbox does not have', () => {
    expect(templateProblem({ id: shipped.id, variables: { 1: 'Ivan' } }, [shipped])).toBe('Fill in the template variables: {{2}}');
    expect(templateProblem({ id: 'HX' + 'b'.repeat(32), variables: {} }, [shipped])).toMatch(/^Unknown template/);
    expect(templateProblem({ id: 'hello', variables: {} }, [])).toMatch(/ContentSid/);
  });
});

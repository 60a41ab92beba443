import { addTag, attributeText, contactPatch, removeAttribute, removeTag, setAttribute } from './customer-edits';

describe('attribute edits', () => {
  it('adds, edits and removes attributes', () => {
    const added = setAttribute({ plan: 'pro' }, ' company ', 'Acme');
    expect(added).toEqual({ plan: 'pro', company: 'Acme' });
    expect(setAttribute(added, 'plan', 'enterprise')).toEqual({ plan: 'enterprise', company: 'Acme' });
    expect(removeAttribute(added, 'plan')).toEqual({ company: 'Acme' });
  });

  it('renames a key in place', () => {
    const renamed = setAttribute({ a: '1', plan: 'pro', z: '2' }, 'tier', 'pro', 'plan');
    expect(Object.keys(renamed)).toEqual(['a', 'tier', 'z']);
  });

  it('ignores an empty key', () => {
    expect(setAttribute({ a: '1' }, '  ', 'x')).toEqual({ a: '1' });
  });

  it('shows non-string values as text', () => {
    expect(attributeText(42)).toBe('42');
    expect(attributeText(true)).toBe('true');
    expect(attributeText({ city: 'Riga' })).toBe('{"city":"Riga"}');
    expect(attributeText(null)).toBe('');
  });
});

describe('tag edits', () => {
  it('adds a normalized tag once', () => {
    expect(addTag(['vip'], ' Key Account ')).toEqual(['vip', 'key-account']);
    expect(addTag(['vip'], 'VIP')).toEqual(['vip']);
    expect(addTag(['vip'], '   ')).toEqual(['vip']);
  });

  it('removes a tag', () => {
    expect(removeTag(['vip', 'churn-risk'], 'vip')).toEqual(['churn-risk']);
  });
});

describe('contactPatch', () => {
  it('sends only changed fields and clears emptied ones', () => {
    expect(
      contactPatch({ name: 'Anna', email: 'anna@example.com', phone: null }, { name: 'Anna K', email: ' ', phone: '' }),
    ).toEqual({ name: 'Anna K', email: null });
  });
});

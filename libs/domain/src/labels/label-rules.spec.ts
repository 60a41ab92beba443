import { cleanLabelName, LABEL_NAME_MAX, labelColour, labelNameKey, labelNames, labelNamesCollide, labelSlug } from './label-rules';

describe('label rules', () => {
  it('keeps a #rrggbb colour in lower case and refuses every other form', () => {
    expect(labelColour('#E5484D')).toBe('#e5484d');
    expect(labelColour(' #00aa11 ')).toBe('#00aa11');
    for (const bad of ['red', '#abc', '#12345g', 'e5484d', 'rgb(1,2,3)', '', null, undefined, '#e5484d00']) expect(labelColour(bad)).toBeNull();
  });

  it('trims and collapses the spaces of a name', () => {
    expect(cleanLabelName('  Возврат   денег \n')).toBe('Возврат денег');
  });

  it('fills a blank name from the other language and refuses two blanks', () => {
    expect(labelNames({ nameEn: 'Refund', nameRu: 'Возврат' })).toEqual({ ok: true, value: { nameEn: 'Refund', nameRu: 'Возврат' } });
    expect(labelNames({ nameRu: 'Возврат' })).toEqual({ ok: true, value: { nameEn: 'Возврат', nameRu: 'Возврат' } });
    expect(labelNames({ nameEn: '  ', nameRu: '' })).toEqual({ ok: false, problem: 'name_required' });
  });

  it('counts characters, not UTF-16 units or bytes, against the length limit', () => {
    expect(labelNames({ nameRu: 'ё'.repeat(LABEL_NAME_MAX) }).ok).toBe(true);
    expect(labelNames({ nameRu: 'ё'.repeat(LABEL_NAME_MAX + 1) })).toEqual({ ok: false, problem: 'name_too_long' });
  });

  it('folds case and ё in the uniqueness key', () => {
    expect(labelNameKey('Ещё раз')).toBe(labelNameKey('ЕЩЕ  РАЗ'));
    expect(labelNamesCollide({ nameEn: 'Refund', nameRu: 'Возврат' }, { nameEn: 'Return', nameRu: 'ВОЗВРАТ' })).toBe(true);
    expect(labelNamesCollide({ nameEn: 'Refund', nameRu: 'Возврат' }, { nameEn: 'Delivery', nameRu: 'Доставка' })).toBe(false);
  });

  it('makes a Latin slug, transliterating Cyrillic', () => {
    expect(labelSlug({ nameEn: 'VIP client!', nameRu: 'VIP' })).toBe('vip-client');
    expect(labelSlug({ nameEn: 'Возврат', nameRu: 'Возврат' })).toBe('vozvrat');
    expect(labelSlug({ nameEn: 'Щёлк', nameRu: 'Щёлк' })).toBe('shchelk');
    expect(labelSlug({ nameEn: '!!!', nameRu: '!!!' })).toBe('label');
  });
});

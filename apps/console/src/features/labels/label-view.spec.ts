import type { ConversationDto, LabelDto } from '@parley/contracts';
import { addableLabels, chipTextColour, isHexColour, keepingLabels, labelName, withLabelDeleted, withLabelSaved } from './label-view';

const label = (id: string, nameEn: string, nameRu: string, colour = '#e5484d'): LabelDto =>
  ({ id, nameEn, nameRu, colour, slug: id, createdAt: '2026-12-01T10:00:00Z', updatedAt: '2026-12-01T10:00:00Z' });
const refund = label('l-1', 'Refund', 'Возврат');
const vip = label('l-2', 'VIP', 'ВИП', '#ffb224');
const conversation = (labels?: ConversationDto['labels']) => ({ id: 'c-1', labels }) as ConversationDto;

describe('label view rules', () => {
  it('names a label in the console language', () => {
    expect([labelName(refund, 'ru'), labelName(refund, 'ru-RU'), labelName(refund, 'en')]).toEqual(['Возврат', 'Возврат', 'Refund']);
  });

  it('accepts #rrggbb colours only', () => {
    expect([isHexColour('#E5484D'), isHexColour('#abc'), isHexColour('red')]).toEqual([true, false, false]);
  });

  it('writes white on dark chips and dark on light ones', () => {
    expect(chipTextColour('#1c2024')).toBe('#ffffff');
    expect(chipTextColour('#6e56cf')).toBe('#ffffff');
    expect(chipTextColour('#ffb224')).toBe('#1c2024');
    expect(chipTextColour('not a colour')).toBe('#1c2024');
  });

  it('offers the labels not on the conversation, sorted in the console language', () => {
    expect(addableLabels([vip, refund], [refund], 'ru').map((l) => l.id)).toEqual(['l-2']);
    expect(addableLabels([vip, refund], [], 'ru').map((l) => l.nameRu)).toEqual(['ВИП', 'Возврат']);
  });

  it('follows a renamed label and drops a deleted one', () => {
    const on = conversation([{ id: 'l-1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' }]);
    expect(withLabelSaved(on, { ...refund, nameRu: 'Возврат денег' }).labels).toEqual([{ id: 'l-1', nameEn: 'Refund', nameRu: 'Возврат денег', colour: '#e5484d' }]);
    expect(withLabelSaved(on, vip)).toBe(on);
    expect(withLabelDeleted(on, 'l-1').labels).toEqual([]);
  });

  it('keeps the shown labels when a live event leaves them out', () => {
    const shown = conversation([{ id: 'l-1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' }]);
    expect(keepingLabels(conversation(undefined), shown).labels).toEqual(shown.labels);
    expect(keepingLabels(conversation([]), shown).labels).toEqual([]);
    expect(keepingLabels(conversation(undefined), undefined).labels).toBeUndefined();
  });
});

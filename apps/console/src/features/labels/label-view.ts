import type { ConversationDto, ConversationLabelDto, LabelDto } from '@parley/contracts';

/** The colours the admin form offers first; any #rrggbb may be typed instead. */
export const LABEL_PALETTE = ['#e5484d', '#f76b15', '#ffb224', '#30a46c', '#12a594', '#0090ff', '#6e56cf', '#d6409f', '#8e8c99', '#1c2024'] as const;

export const isHexColour = (value: string): boolean => /^#[0-9a-fA-F]{6}$/.test(value.trim());

/** The label's name in the console's language. */
export function labelName(label: Pick<ConversationLabelDto, 'nameEn' | 'nameRu'>, language: string): string {
  return language.startsWith('ru') ? label.nameRu : label.nameEn;
}

/** Dark or light text, whichever reads better on the chip's colour (WCAG relative luminance). */
export function chipTextColour(colour: string): '#1c2024' | '#ffffff' {
  if (!isHexColour(colour)) return '#1c2024';
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(colour.trim().slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white (1.05 / (L + 0.05)) beats contrast with near-black above this luminance.
  return luminance > 0.179 ? '#1c2024' : '#ffffff';
}

/** The labels a conversation can still take, in the console's language's order. */
export function addableLabels(all: readonly LabelDto[], on: readonly ConversationLabelDto[], language: string): LabelDto[] {
  const present = new Set(on.map((l) => l.id));
  return all.filter((l) => !present.has(l.id)).sort((a, b) => labelName(a, language).localeCompare(labelName(b, language), language));
}

/** A label renamed or recoloured: the chips that show it follow. */
export function withLabelSaved(conversation: ConversationDto, label: LabelDto): ConversationDto {
  if (!conversation.labels?.some((l) => l.id === label.id)) return conversation;
  const { id, nameEn, nameRu, colour } = label;
  return { ...conversation, labels: conversation.labels.map((l) => (l.id === id ? { id, nameEn, nameRu, colour } : l)) };
}

/** A label deleted: it goes from every conversation. */
export function withLabelDeleted(conversation: ConversationDto, labelId: string): ConversationDto {
  if (!conversation.labels?.some((l) => l.id === labelId)) return conversation;
  return { ...conversation, labels: conversation.labels.filter((l) => l.id !== labelId) };
}

/**
 * A live conversation event without labels (sent for a new message) leaves them as they were:
 * the incoming copy takes the labels of the copy already shown.
 */
export function keepingLabels(incoming: ConversationDto, current: ConversationDto | undefined): ConversationDto {
  return incoming.labels || !current?.labels ? incoming : { ...incoming, labels: current.labels };
}

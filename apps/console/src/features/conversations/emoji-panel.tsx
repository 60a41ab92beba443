import EmojiPicker, { EmojiStyle, type PickerLabels } from 'emoji-picker-react';
import { useTranslation } from 'react-i18next';

// Loaded only when the agent first opens the picker (emoji-button.tsx imports this file lazily), so
// the emoji data never weighs on the console's first load. Native emoji: the operating system draws
// them, nothing is fetched from a CDN.

const loadRussian = () => import('emoji-picker-react/data/emojis-ru');

export default function EmojiPanel({ onPick }: { onPick(emoji: string): void }) {
  const { t, i18n } = useTranslation();
  const labels: Partial<PickerLabels> = {
    searchPlaceholder: t('emoji.search'),
    searchLabel: t('emoji.search'),
    searchClear: t('emoji.clear'),
    searchResultsNone: t('emoji.none'),
    searchResultsOne: t('emoji.one'),
    searchResultsMany: t('emoji.many'),
    categoryNavigation: t('emoji.categories'),
    loading: t('common.loading'),
    loadingError: t('emoji.loadFailed'),
    retryLoading: t('emoji.retry'),
  };
  return (
    <EmojiPicker
      emojiStyle={EmojiStyle.NATIVE}
      emojiData={i18n.resolvedLanguage === 'ru' ? loadRussian : undefined}
      labels={labels}
      previewConfig={{ showPreview: false }}
      skinTonesDisabled
      width={320}
      height={360}
      onEmojiClick={(data) => onPick(data.emoji)}
    />
  );
}

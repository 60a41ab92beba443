import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addTag, removeTag } from './customer-edits';

export function TagEditor({ tags, onChange }: { tags: string[]; onChange(tags: string[]): Promise<void> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState(false);

  const save = async (next: string[]) => {
    setError(false);
    try {
      await onChange(next);
    } catch {
      setError(true);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = addTag(tags, draft);
    setDraft('');
    if (next.length !== tags.length) void save(next);
  };

  return (
    <div className="tags" data-testid="customer-tags">
      {tags.map((tag) => (
        <span className="tag-chip" key={tag} data-testid="tag-chip">
          {tag}
          <button className="tag-chip__remove" aria-label={t('customer.removeTag', { tag })} onClick={() => void save(removeTag(tags, tag))}>
            ×
          </button>
        </span>
      ))}
      <form onSubmit={submit} className="tags__form">
        <input
          className="tags__input"
          value={draft}
          placeholder={t('customer.addTag')}
          aria-label={t('customer.addTag')}
          data-testid="tag-input"
          onChange={(e) => setDraft(e.target.value)}
        />
      </form>
      {error && <span className="form-error small">{t('customer.saveFailed')}</span>}
    </div>
  );
}

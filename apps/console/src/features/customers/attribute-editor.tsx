import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attributeText, removeAttribute, setAttribute, type Attributes } from './customer-edits';
import { InlineField } from './inline-field';

export function AttributeEditor({ attributes, onChange }: { attributes: Attributes; onChange(attributes: Attributes): Promise<void> }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState(false);

  const save = async (next: Attributes) => {
    setError(false);
    try {
      await onChange(next);
    } catch (err) {
      setError(true);
      throw err;
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!key.trim()) return;
    save(setAttribute(attributes, key, value))
      .then(() => {
        setKey('');
        setValue('');
      })
      .catch(() => undefined);
  };

  const entries = Object.entries(attributes);
  return (
    <div className="attributes" data-testid="customer-attributes">
      {entries.length === 0 && <p className="muted small">{t('customer.noAttributes')}</p>}
      <dl className="attribute-list">
        {entries.map(([name, raw]) => (
          <div className="attribute" key={name} data-attribute={name}>
            <dt title={name}>{name}</dt>
            <dd>
              <InlineField
                value={attributeText(raw)}
                label={name}
                onCommit={(next) => save(setAttribute(attributes, name, next))}
              />
              <button
                className="icon-button icon-button--small"
                aria-label={t('customer.removeAttribute', { name })}
                title={t('customer.removeAttribute', { name })}
                onClick={() => void save(removeAttribute(attributes, name)).catch(() => undefined)}
              >
                ×
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <form className="attribute-form" onSubmit={add}>
        <input
          value={key}
          placeholder={t('customer.attributeKey')}
          aria-label={t('customer.attributeKey')}
          data-testid="attribute-key"
          onChange={(e) => setKey(e.target.value)}
        />
        <input
          value={value}
          placeholder={t('customer.attributeValue')}
          aria-label={t('customer.attributeValue')}
          data-testid="attribute-value"
          onChange={(e) => setValue(e.target.value)}
        />
        <button className="button button--small" type="submit" disabled={!key.trim()} data-testid="attribute-add">
          {t('common.add')}
        </button>
      </form>
      {error && <span className="form-error small">{t('customer.saveFailed')}</span>}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { emptyTemplateRow, placeholdersOf, type TemplateProblem, type TemplateRow } from './whatsapp-templates';

/**
 * The approved WhatsApp templates of an inbox: what agents can send once the 24-hour window has
 * closed. Each row is a Twilio Content template; its variables are the body's {{n}} placeholders.
 */
export function WhatsAppTemplateEditor({
  rows,
  problems,
  showBlank,
  onChange,
}: {
  rows: TemplateRow[];
  problems: Record<number, TemplateProblem>;
  /** Also say so when an id is still blank (after a save was tried), not only when one is wrong. */
  showBlank: boolean;
  onChange(rows: TemplateRow[]): void;
}) {
  const { t } = useTranslation();
  // The texts show Twilio's own {{1}} syntax: hand it back to i18next as a value, not a gap to fill.
  const literal = { 1: '{{1}}', 2: '{{2}}' };
  const update = (index: number, patch: Partial<TemplateRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <fieldset className="template-editor" data-testid="template-editor">
      <legend className="template-editor__title">{t('admin.templates.title')}</legend>
      <p className="muted small template-editor__hint">{t('admin.templates.hint', literal)}</p>
      {rows.length === 0 && <p className="muted small">{t('admin.templates.empty')}</p>}
      <ol className="template-editor__list">
        {rows.map((row, index) => {
          const problem = problems[index] === 'idMissing' && !showBlank ? undefined : problems[index];
          const variables = placeholdersOf(row.body);
          const errorId = `template-${index}-error`;
          return (
            <li key={index} className="template-editor__row" data-testid="template-row">
              <label className="field">
                <span className="field__label">
                  {t('admin.templates.id')}
                  <span className="required" aria-hidden="true"> *</span>
                </span>
                <input
                  className="template-editor__sid"
                  value={row.id}
                  placeholder="HX…"
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? errorId : undefined}
                  onChange={(e) => update(index, { id: e.target.value })}
                  data-testid="template-id"
                />
              </label>
              <label className="field">
                <span className="field__label">{t('admin.templates.name')}</span>
                <input value={row.name} placeholder={t('admin.templates.namePlaceholder')} onChange={(e) => update(index, { name: e.target.value })} data-testid="template-name" />
              </label>
              <label className="field template-editor__body">
                <span className="field__label">{t('admin.templates.body')}</span>
                <textarea rows={2} value={row.body} placeholder={t('admin.templates.bodyPlaceholder', literal)} onChange={(e) => update(index, { body: e.target.value })} data-testid="template-body" />
              </label>
              <div className="template-editor__footer">
                <span className="small muted" data-testid="template-variables">
                  {t('admin.templates.variables')}:{' '}
                  {variables.length ? (
                    variables.map((key) => (
                      <code key={key} className="template-editor__variable">{`{{${key}}}`}</code>
                    ))
                  ) : (
                    <span>{t('admin.templates.noVariables')}</span>
                  )}
                </span>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                  data-testid="template-remove"
                >
                  {t('admin.templates.remove')}
                </button>
              </div>
              {problem && (
                <p className="form-error small template-editor__error" id={errorId} data-testid="template-error">
                  {t(`admin.templates.problem.${problem}`)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--small" onClick={() => onChange([...rows, emptyTemplateRow()])} data-testid="template-add">
        {t('admin.templates.add')}
      </button>
    </fieldset>
  );
}

import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedLanguage, CannedResponseDto, CannedResponseInputDto, CannedScope, TeamDto } from '@parley/contracts';
import { cannedApi } from './canned-api';

/** The placeholders a response may hold (the server refuses any other `{{…}}`). */
export const CANNED_VARIABLES = ['customer.first_name', 'customer.name', 'customer.email', 'customer.phone', 'agent.name', 'conversation.id'] as const;

const SAMPLE: Record<string, string> = {
  'customer.first_name': 'Анна', 'customer.name': 'Анна Смирнова', 'customer.email': 'anna@example.ru',
  'customer.phone': '+7 916 123-45-67', 'agent.name': 'Агата', 'conversation.id': '0190…',
};

/** The text as a customer named Анна would read it; attributes show as their key. */
export function previewCanned(text: string): string {
  return text.replace(/{{([^{}]*)}}/g, (whole, inner: string) => {
    const name = inner.trim();
    if (SAMPLE[name.toLowerCase()]) return SAMPLE[name.toLowerCase()];
    return name.startsWith('customer.attributes.') ? `‹${name.slice('customer.attributes.'.length)}›` : whole;
  });
}

interface Props {
  response?: CannedResponseDto;
  isAdmin: boolean;
  teams: TeamDto[];
  onSave(input: CannedResponseInputDto): Promise<void>;
  onCancel(): void;
}

/** Create or edit a response: shortcode, title, scope, both language variants with a variable helper and a preview. */
export function CannedForm({ response, isAdmin, teams, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [shortcode, setShortcode] = useState(response?.shortcode ?? '');
  const [title, setTitle] = useState(response?.title ?? '');
  const [scope, setScope] = useState<CannedScope>(response?.scope ?? 'personal');
  const [teamId, setTeamId] = useState(response?.teamId ?? teams[0]?.id ?? '');
  const [variants, setVariants] = useState<Record<CannedLanguage, string>>({ ru: response?.variants.ru ?? '', en: response?.variants.en ?? '' });
  const [template, setTemplate] = useState(response?.whatsappTemplate ?? '');
  const [attachments, setAttachments] = useState(response?.attachments ?? []);
  const [focused, setFocused] = useState<CannedLanguage>('ru');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const areas = { ru: useRef<HTMLTextAreaElement>(null), en: useRef<HTMLTextAreaElement>(null) };
  const preview = useMemo(() => previewCanned(variants[focused] || variants.ru || variants.en), [variants, focused]);

  const insertVariable = (name: string) => {
    const area = areas[focused].current;
    const value = variants[focused];
    const at = area?.selectionStart ?? value.length;
    const token = `{{${name}}}`;
    setVariants({ ...variants, [focused]: value.slice(0, at) + token + value.slice(area?.selectionEnd ?? at) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const attach = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError(null);
    try {
      const uploaded = await cannedApi.upload(file);
      setAttachments((current) => [...current, uploaded]);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave({
        shortcode, title, scope, teamId: scope === 'team' ? teamId : null, variants: { ru: variants.ru, en: variants.en },
        whatsappTemplate: template || null, attachmentIds: attachments.flatMap((a) => a.id ?? []),
      });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="canned-form" onSubmit={(e) => void submit(e)} data-testid="canned-form">
      <div className="canned-form__row">
        <label className="field">
          <span className="field__label">{t('canned.shortcode')}</span>
          <input className="input" value={shortcode} onChange={(e) => setShortcode(e.target.value)} placeholder="доставка" data-testid="canned-shortcode" required />
        </label>
        <label className="field">
          <span className="field__label">{t('canned.titleField')}</span>
          <input className="input" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="canned-title" required />
        </label>
        <label className="field">
          <span className="field__label">{t('canned.scope')}</span>
          <select className="select" value={scope} onChange={(e) => setScope(e.target.value as CannedScope)} data-testid="canned-scope">
            <option value="personal">{t('canned.scopes.personal')}</option>
            {isAdmin && <option value="team">{t('canned.scopes.team')}</option>}
            {isAdmin && <option value="shared">{t('canned.scopes.shared')}</option>}
          </select>
        </label>
        {scope === 'team' && (
          <label className="field">
            <span className="field__label">{t('canned.team')}</span>
            <select className="select" value={teamId} onChange={(e) => setTeamId(e.target.value)} data-testid="canned-team">
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="canned-form__vars" role="group" aria-label={t('canned.insertVariable')}>
        <span className="muted small">{t('canned.insertVariable')}</span>
        {CANNED_VARIABLES.map((name) => (
          <button key={name} type="button" className="button button--small button--ghost" onClick={() => insertVariable(name)} data-testid={`canned-var-${name}`}>
            {`{{${name}}}`}
          </button>
        ))}
        <span className="muted small">{t('canned.attributeHint', { example: '{{customer.attributes.key}}' })}</span>
      </div>
      <div className="canned-form__row">
        {(['ru', 'en'] as const).map((language) => (
          <label key={language} className="field">
            <span className="field__label">{t(`canned.text.${language}`)}</span>
            <textarea
              ref={areas[language]}
              className="input"
              value={variants[language]}
              onFocus={() => setFocused(language)}
              onChange={(e) => setVariants({ ...variants, [language]: e.target.value })}
              data-testid={`canned-text-${language}`}
            />
          </label>
        ))}
      </div>
      <label className="field">
        <span className="field__label">{t('canned.whatsappTemplate')}</span>
        <input className="input" value={template} onChange={(e) => setTemplate(e.target.value)} data-testid="canned-template" />
      </label>
      <label className="field">
        <span className="field__label">{t('canned.attachments')}</span>
        <input type="file" onChange={(e) => void attach(e.target)} data-testid="canned-file" />
      </label>
      {attachments.length > 0 && (
        <div className="canned-notices">
          {attachments.map((a) => (
            <span key={a.id} className="canned-chip canned-chip--file">
              📎 {a.fileName ?? a.contentType}
              <button type="button" className="canned-chip__remove" aria-label={t('canned.removeAttachment', { name: a.fileName ?? a.contentType })} onClick={() => setAttachments(attachments.filter((x) => x.id !== a.id))}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      <div>
        <span className="field__label">{t('canned.preview')}</span>
        <p className="canned-form__preview" data-testid="canned-preview">
          {preview}
        </p>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="canned-form-error">
          {error}
        </p>
      )}
      <div className="canned-page__bar">
        <button type="submit" className="button button--primary" disabled={saving} data-testid="canned-save">
          {t('canned.save')}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

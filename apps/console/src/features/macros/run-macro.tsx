import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { BulkOperationDto, MacroDto, MacroPreviewDto, MacroRunDto, MacroUndoResultDto } from '@parley/contracts';
import { describeAction, problemText } from './macro-text';
import { macrosApi, macrosQuery, type MacroTarget } from './macros-api';
import { useMacroChoices } from './use-macro-names';
import './macros.css';

interface RunMacroProps {
  target: MacroTarget;
  /** A selection's run goes on in the background: its bulk operation, for the progress bar. */
  onBulkStarted?(operation: BulkOperationDto): void;
}

/** "Run macro": pick one (key `m` opens it), see what it will do, run it, and undo the run. */
export function RunMacro({ target, onBulkStarted }: RunMacroProps) {
  const { t } = useTranslation();
  const macros = useQuery(macrosQuery).data ?? [];
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<MacroDto | null>(null);
  const [ran, setRan] = useState<MacroRunDto | null>(null);

  return (
    <div className="run-macro">
      <button className="button" data-macro-trigger data-testid="macro-run-button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {t('macros.run')} ▾
      </button>
      {open && (
        <div className="run-macro__menu" role="menu" data-testid="macro-menu">
          {macros.length === 0 && <p className="muted small">{t('macros.none')}</p>}
          {macros.map((m, i) => (
            <button key={m.id} role="menuitem" className="run-macro__item" autoFocus={i === 0} data-testid="macro-menu-item" onClick={() => { setChosen(m); setOpen(false); }}>
              {m.name}
            </button>
          ))}
        </div>
      )}
      {chosen && (
        <MacroPreviewDialog
          macro={chosen}
          target={target}
          onClose={() => setChosen(null)}
          onRan={(run, operation) => {
            setChosen(null);
            setRan(run);
            if (operation) onBulkStarted?.(operation);
          }}
        />
      )}
      {ran && <MacroUndoBar run={ran} onDismiss={() => setRan(null)} />}
    </div>
  );
}

interface DialogProps {
  macro: MacroDto;
  target: MacroTarget;
  onClose(): void;
  onRan(run: MacroRunDto, operation?: BulkOperationDto): void;
}

/** What each action will do on each conversation (the first 20 of a selection), with every reason it cannot, before anything runs. */
function MacroPreviewDialog({ macro, target, onClose, onRan }: DialogProps) {
  const { t } = useTranslation();
  const choices = useMacroChoices();
  const [preview, setPreview] = useState<MacroPreviewDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const single = 'conversationId' in target;

  // The same selection, whatever object the parent built this render.
  const targetKey = JSON.stringify(target);
  useEffect(() => {
    macrosApi.preview(macro.id, JSON.parse(targetKey) as MacroTarget).then(setPreview, (err) => setError((err as Error).message));
  }, [macro.id, targetKey]);

  const blocked = !preview || preview.problems.length > 0 || (single && !preview.conversations[0]?.ok);
  const irreversible = preview?.conversations[0]?.actions.filter((a) => a.irreversible).map((a) => t(`macros.types.${a.type}`)) ?? [];

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await macrosApi.run(macro.id, target);
      onRan(result.run, result.operation);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div className="dialog macro-preview" role="dialog" aria-modal="true" aria-labelledby="macro-preview-title" data-testid="macro-preview" onClick={(e) => e.stopPropagation()}>
        <div className="dialog__header">
          <h2 id="macro-preview-title">{t('macros.previewTitle', { name: macro.name })}</h2>
          <button className="icon-button" onClick={onClose} aria-label={t('common.close')}>×</button>
        </div>
        {!preview && !error && <p className="muted">{t('common.loading')}</p>}
        {preview && !single && <p className="muted">{t('macros.previewSelection', { shown: preview.conversations.length, total: preview.total })}</p>}
        {preview?.conversations.map((c) => (
          <section key={c.conversationId} className="macro-preview__conversation" data-testid="macro-preview-conversation" data-ok={String(c.ok)}>
            {!single && <h3>{c.customerName ?? t('customer.anonymous')}</h3>}
            <ol>
              {c.actions.map((a) => (
                <li key={a.action} className={a.changes ? '' : 'muted'} data-testid="macro-preview-action">
                  {describeAction(macro.actions[a.action], choices.names, macro.refs[a.action], t)}
                  {!a.changes && <span className="small"> — {t('macros.nothingToChange')}</span>}
                  {a.text && <blockquote className="macro-preview__text" data-testid="macro-preview-text">{a.text}</blockquote>}
                  {a.problems.map((p) => <p key={p.code} className="form-error small" data-testid="macro-preview-problem">{problemText(p, t)}</p>)}
                </li>
              ))}
            </ol>
          </section>
        ))}
        {irreversible.length > 0 && <p className="muted small" data-testid="macro-irreversible">{t('macros.irreversible', { actions: irreversible.join(', ') })}</p>}
        {preview && blocked && <p className="form-error" role="alert">{t('macros.blocked')}</p>}
        {error && <p className="form-error" role="alert" data-testid="macro-run-error">{error}</p>}
        <div className="dialog__footer">
          <button className="button button--primary" disabled={blocked || busy} onClick={() => void run()} data-testid="macro-run-confirm">
            {single ? t('macros.runNow') : t('macros.runOnSelection', { count: preview?.total ?? 0 })}
          </button>
          <button className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </div>
    </div>
  );
}

/** After a run: what it did, and one Undo (messages and surveys stay sent, and it says so). */
function MacroUndoBar({ run, onDismiss }: { run: MacroRunDto; onDismiss(): void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<MacroUndoResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const undo = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await macrosApi.undo());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const irreversible = (result?.irreversible ?? run.irreversible).map((type) => t(`macros.types.${type}`)).join(', ');

  return (
    <div className="macro-undo" role="status" data-testid="macro-undo-bar">
      <span>{result ? t('macros.undone', { name: run.macroName }) : t(run.bulkOperationId ? 'macros.startedBulk' : 'macros.applied', { name: run.macroName })}</span>
      {!result && <button className="button button--small" disabled={busy} onClick={() => void undo()} data-testid="macro-undo">{t('macros.undo')}</button>}
      {result && irreversible && <span className="muted small" data-testid="macro-undo-irreversible">{t('macros.stillSent', { actions: irreversible })}</span>}
      {result?.kept.map((k) => <span key={k} className="muted small">{t('macros.kept', { what: k.replace(/^[^:]+: /, '') })}</span>)}
      {error && <span className="form-error small" role="alert">{error}</span>}
      <button className="icon-button icon-button--small" onClick={onDismiss} aria-label={t('common.close')}>×</button>
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MacroDto } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { useCurrentUser } from '../auth/auth-context';
import { MacroForm } from './macro-form';
import { describeAction, problemText } from './macro-text';
import { macrosApi, macrosQuery } from './macros-api';
import { useMacroChoices } from './use-macro-names';
import './macros.css';

const NONE: MacroDto[] = [];

/** Every agent's page of macros: theirs to write, their teams' and shared ones to run (admins write those too). */
export function MacrosPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isAdmin = user.role === 'admin';
  const client = useQueryClient();
  const list = useQuery(macrosQuery);
  const macros = list.data ?? NONE;
  const choices = useMacroChoices();
  const [editing, setEditing] = useState<'new' | MacroDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.macros });

  const save = async (work: () => Promise<unknown>) => {
    await work();
    await refresh();
    setEditing(null);
  };

  const remove = async (macro: MacroDto) => {
    if (!window.confirm(t('macros.deleteConfirm', { name: macro.name }))) return;
    setError(null);
    try {
      await macrosApi.remove(macro.id);
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <main className="macros-page" data-testid="macros-page">
      <h1>{t('macros.pageTitle')}</h1>
      <p className="muted">{t('macros.pageHint')}</p>
      <div className="macros-page__bar">
        <button className="button button--primary" onClick={() => setEditing((e) => (e === 'new' ? null : 'new'))} data-testid="macro-new">
          {editing === 'new' ? t('common.cancel') : t('macros.new')}
        </button>
      </div>
      {editing === 'new' && <MacroForm isAdmin={isAdmin} choices={choices} onCancel={() => setEditing(null)} onSave={(input) => save(() => macrosApi.create(input))} />}
      {(error ?? list.error?.message) && <p className="form-error" role="alert">{error ?? list.error?.message}</p>}
      {list.isPending && <p className="muted">{t('common.loading')}</p>}
      {!list.isPending && macros.length === 0 && <p className="muted">{t('macros.none')}</p>}
      <ul className="macro-list">
        {macros.map((m) =>
          editing !== 'new' && editing?.id === m.id ? (
            <li key={m.id}>
              <MacroForm macro={m} isAdmin={isAdmin} choices={choices} onCancel={() => setEditing(null)} onSave={(input) => save(() => macrosApi.update(m.id, input))} />
            </li>
          ) : (
            <li key={m.id} className="macro-list__item" data-testid="macro-row" data-name={m.name}>
              <div className="macro-list__head">
                <strong>{m.name}</strong>
                <span className="muted small">{m.scope === 'team' ? `${t('canned.scopes.team')}: ${choices.names.team(m.teamId ?? '') ?? ''}` : t(`canned.scopes.${m.scope}`)}</span>
                {m.editable && (
                  <span className="macro-list__buttons">
                    <button className="button button--small" onClick={() => setEditing(m)} data-testid="macro-edit">{t('canned.edit')}</button>
                    <button className="button button--small button--ghost" onClick={() => void remove(m)} data-testid="macro-delete">{t('canned.delete')}</button>
                  </span>
                )}
              </div>
              <ol className="macro-list__actions">
                {m.actions.map((a, i) => <li key={i}>{describeAction(a, choices.names, m.refs[i], t)}</li>)}
              </ol>
              {m.problems.map((p) => <p key={`${p.action}-${p.code}`} className="form-error small" data-testid="macro-problem">{problemText(p, t)}</p>)}
            </li>
          ),
        )}
      </ul>
    </main>
  );
}

import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CannedImportResultDto, CannedResponseDto, TeamDto } from '@parley/contracts';
import { http } from '../../api/http-client';
import { queryKeys } from '../../app/query-keys';
import { useCurrentUser } from '../auth/auth-context';
import { cannedApi, cannedResponsesQuery } from './canned-api';
import { CannedForm } from './canned-form';
import { cannedSearchIndex, searchCanned } from './canned-search';
import './canned.css';

const NONE: CannedResponseDto[] = [];
const NO_TEAMS: TeamDto[] = [];

/** Every agent's page of canned responses: theirs to write, their teams' and shared ones to read (admins write those too). */
export function CannedResponsesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isAdmin = user.role === 'admin';
  const client = useQueryClient();
  const list = useQuery(cannedResponsesQuery);
  const teams = useQuery({ queryKey: queryKeys.cannedTeams, queryFn: () => http.get<TeamDto[]>('/api/teams'), enabled: isAdmin }).data ?? NO_TEAMS;
  const responses = list.data ?? NONE;
  const index = useMemo(() => cannedSearchIndex(responses), [responses]);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => (query.trim() ? searchCanned(index, query, null, 200).map((m) => m.response) : responses), [index, query, responses]);
  const [editing, setEditing] = useState<'new' | CannedResponseDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<CannedImportResultDto | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const teamName = (id: string | null) => teams.find((team) => team.id === id)?.name ?? '';
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.cannedResponses });

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const remove = (response: CannedResponseDto) => {
    if (window.confirm(t('canned.deleteConfirm', { shortcode: response.shortcode }))) void run(() => cannedApi.remove(response.id));
  };

  const exportCsv = () =>
    void run(async () => {
      const text = await cannedApi.exportCsv();
      // The BOM lets spreadsheet programs read the Cyrillic as UTF-8.
      const url = URL.createObjectURL(new Blob([`\ufeff${text.replace(/^\ufeff/, '')}`], { type: 'text/csv;charset=utf-8' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: 'canned-responses.csv' });
      link.click();
      URL.revokeObjectURL(url);
    });

  const importCsv = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void run(async () => setImported(await cannedApi.importCsv(await file.text())));
  };

  return (
    <main className="canned-page" data-testid="canned-page">
      <h1>{t('canned.pageTitle')}</h1>
      <p className="muted">{t('canned.pageHint')}</p>
      <div className="canned-page__bar">
        <input className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('canned.search')} aria-label={t('canned.search')} data-testid="canned-search" />
        <button className="button button--primary" onClick={() => setEditing((e) => (e === 'new' ? null : 'new'))} data-testid="canned-new">
          {editing === 'new' ? t('common.cancel') : t('canned.new')}
        </button>
        <button className="button" onClick={exportCsv} data-testid="canned-export">
          {t('canned.export')}
        </button>
        <button className="button" onClick={() => fileInput.current?.click()} data-testid="canned-import">
          {t('canned.import')}
        </button>
        <input ref={fileInput} type="file" accept=".csv,text/csv" hidden onChange={importCsv} data-testid="canned-import-file" />
      </div>
      {imported && (
        <div className="canned-import-result" role="status" data-testid="canned-import-result">
          <p>{t('canned.imported', { created: imported.created, updated: imported.updated, failed: imported.errors.length })}</p>
          {imported.errors.length > 0 && (
            <ul className="canned-import-errors">
              {imported.errors.map((e) => (
                <li key={e.row}>{t('canned.importRowError', { row: e.row, shortcode: e.shortcode ?? '—', message: e.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {editing === 'new' && (
        <CannedForm isAdmin={isAdmin} teams={teams} onCancel={() => setEditing(null)} onSave={async (input) => {
          await cannedApi.create(input);
          await refresh();
          setEditing(null);
        }} />
      )}
      {(error ?? list.error?.message) && <p className="form-error" role="alert">{error ?? list.error?.message}</p>}
      {list.isPending && <p className="muted">{t('common.loading')}</p>}
      {!list.isPending && responses.length === 0 && <p className="muted">{t('canned.none')}</p>}
      <table className="canned-table">
        <tbody>
          {shown.map((r) =>
            editing !== 'new' && editing?.id === r.id ? (
              <tr key={r.id}>
                <td colSpan={4}>
                  <CannedForm response={r} isAdmin={isAdmin} teams={teams} onCancel={() => setEditing(null)} onSave={async (input) => {
                    await cannedApi.update(r.id, input);
                    await refresh();
                    setEditing(null);
                  }} />
                </td>
              </tr>
            ) : (
              <tr key={r.id} data-testid="canned-row" data-shortcode={r.shortcode}>
                <td>
                  <code>/{r.shortcode}</code>
                  <div>{r.title}</div>
                </td>
                <td className="muted small">{r.scope === 'team' ? `${t('canned.scopes.team')}: ${teamName(r.teamId)}` : t(`canned.scopes.${r.scope}`)}</td>
                <td className="canned-table__text">
                  {r.variants.ru && <div>RU: {r.variants.ru}</div>}
                  {r.variants.en && <div>EN: {r.variants.en}</div>}
                </td>
                <td>
                  {r.editable && (
                    <>
                      <button className="button button--small" onClick={() => setEditing(r)} data-testid="canned-edit">
                        {t('canned.edit')}
                      </button>
                      <button className="button button--small button--ghost" onClick={() => remove(r)} data-testid="canned-delete">
                        {t('canned.delete')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </main>
  );
}

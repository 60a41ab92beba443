import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type UserDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { Avatar } from '../../app/avatar';
import { userSaved } from '../../app/live-cache';
import { usersQuery } from '../conversations/use-directory';
import { useCurrentUser } from '../auth/auth-context';

export function UserAdmin() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(usersQuery);
  const users = query.data ?? null;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? query.error?.message ?? null;
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const me = useCurrentUser();

  const replace = (updated: UserDto) => userSaved(queryClient, updated);
  // Disabling also ends the user's sessions and open tabs on the server.
  const toggleDisabled = (user: UserDto) => {
    setError(null);
    parleyApi
      .setUserDisabled(user.id, !user.disabled)
      .then(replace)
      .catch((err: Error) => setError(err.message));
  };
  const revokeSessions = (user: UserDto) => {
    setError(null);
    parleyApi
      .revokeSessions(user.id)
      .then(({ revoked }) => setNotice(t('admin.sessionsRevoked', { count: revoked })))
      .catch((err: Error) => setError(err.message));
  };

  return (
    <section className="card" data-testid="admin-users">
      <div className="card__header">
        <h2>{t('admin.users')}</h2>
        <button className="button button--primary button--small" onClick={() => setCreating((c) => !c)} data-testid="user-create-open">
          {creating ? t('common.cancel') : t('admin.newUser')}
        </button>
      </div>
      {creating && (
        <UserForm
          onCreated={(user) => {
            userSaved(queryClient, user);
            setCreating(false);
          }}
        />
      )}
      {error && <p className="form-error">{error}</p>}
      {notice && (
        <p className="notice" data-testid="user-notice">
          {notice}
        </p>
      )}
      {!users && !error && <p className="muted">{t('common.loading')}</p>}
      <table className="table">
        <thead>
          <tr>
            <th>{t('admin.userName')}</th>
            <th>{t('admin.email')}</th>
            <th>{t('admin.role')}</th>
            <th>{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users?.map((user) => (
            <tr key={user.id} data-testid="user-row" data-disabled={user.disabled ? 'true' : undefined}>
              <td>
                <span className="user-cell">
                  <Avatar name={user.name} seed={user.id} size="sm" />
                  {user.name}
                </span>
              </td>
              <td>{user.email}</td>
              <td>
                <span className="role-pill">{t(`role.${user.role}`)}</span>
                {user.disabled && (
                  <span className="role-pill" data-testid="user-disabled">
                    {t('admin.disabled')}
                  </span>
                )}
              </td>
              <td>
                {user.id !== me.id && (
                  <span className="user-cell">
                    <button className="button button--small" onClick={() => toggleDisabled(user)} data-testid="user-toggle-disabled">
                      {user.disabled ? t('admin.enableUser') : t('admin.disableUser')}
                    </button>
                    <button className="button button--small button--ghost" onClick={() => revokeSessions(user)} data-testid="user-revoke-sessions">
                      {t('admin.revokeSessions')}
                    </button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function UserForm({ onCreated }: { onCreated(user: UserDto): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      onCreated(await parleyApi.createUser({ name: name.trim(), email: email.trim(), password, role }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="admin-form" onSubmit={submit} data-testid="user-form">
      <label className="field">
        <span className="field__label">{t('admin.userName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus data-testid="user-name" />
      </label>
      <label className="field">
        <span className="field__label">{t('admin.email')}</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required data-testid="user-email" />
      </label>
      <label className="field">
        <span className="field__label">{t('admin.password')}</span>
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={10}
          data-testid="user-password"
        />
        <span className="muted">{t('admin.passwordHint')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('admin.role')}</span>
        <select className="select" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="user-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="form-error">{error}</p>}
      <button className="button button--primary" type="submit" disabled={saving || !name.trim() || !email.trim() || !password} data-testid="user-submit">
        {t('admin.createUser')}
      </button>
    </form>
  );
}

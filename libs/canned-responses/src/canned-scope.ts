import type { CannedScope, Role } from '@parley/contracts';
import type { CannedResponseEntity } from '@parley/persistence';

/** The user a use case acts for. */
export interface CannedActor {
  id: string;
  name: string;
  role: Role;
}

/** The key a shortcode is unique within: everyone's, one owner's or one team's. */
export function scopeKey(scope: CannedScope, ownerId: string | null, teamId: string | null): string {
  if (scope === 'shared') return 'shared';
  return scope === 'team' ? `team:${teamId}` : `personal:${ownerId}`;
}

/** Agents edit their own personal responses; team and shared ones are the admins'. */
export function mayEdit(actor: CannedActor, row: Pick<CannedResponseEntity, 'scope' | 'ownerId'>): boolean {
  return row.scope === 'personal' ? row.ownerId === actor.id : actor.role === 'admin';
}

/** Whether the actor sees a response: their own, their teams' (every team's for an admin), shared ones. */
export function mayUse(actor: CannedActor, teamIds: string[], row: Pick<CannedResponseEntity, 'scope' | 'ownerId' | 'teamId'>): boolean {
  if (row.scope === 'shared') return true;
  if (row.scope === 'personal') return row.ownerId === actor.id;
  return actor.role === 'admin' || teamIds.includes(row.teamId ?? '');
}

import { useTranslation } from 'react-i18next';
import type { SupervisorQueueDto, SupervisorQueueRow, SupervisorWaitingGroup } from '@parley/contracts';
import { ChannelBadge } from '../../app/channel-badge';
import { routePath } from '../../app/console-route';
import { useDueText, useFormatDuration } from '../sla/sla-store';
import { NoRoutingRuleWarning } from '../teams/no-routing-rule-warning';
import './supervisor.css';

interface Props {
  queue: SupervisorQueueDto;
  now: number;
  onOpen(conversationId: string): void;
}

/** Per team, the conversations nobody has taken yet: who (named as everywhere), how long, and the SLA state; each opens in the inbox. */
export function WaitingByTeam({ queue, now, onOpen }: Props) {
  const { t } = useTranslation();
  const format = useFormatDuration();
  const since = (iso: string | null) => (iso ? format(Math.max(0, now - Date.parse(iso))) : '—');
  return (
    <ul className="ops-list ops-list--static" data-testid="supervisor-teams">
      {queue.teams.length === 0 && <li className="ops-list__empty muted">{t('supervisor.empty.teams')}</li>}
      {queue.teams.map((team) => (
        <li key={team.teamId} className="ops-list__stacked waiting-team" data-testid="supervisor-team" data-team-id={team.teamId}>
          <strong>{team.name}</strong>
          <span className="muted small">
            {t('supervisor.waitingCount', { count: team.waiting })}
            {team.waiting > 0 && team.longestWaitSince && ` · ${t('supervisor.longestShort', { time: since(team.longestWaitSince) })}`}
            {` · ${t('details.queue.members', { count: team.memberCount })}`}
            {team.csatTargetPercent !== null &&
              ` · ${team.csatPercent === null
                ? t('supervisor.csatNoData', { target: team.csatTargetPercent })
                : t('supervisor.csat', { value: team.csatPercent, target: team.csatTargetPercent })}`}
          </span>
          {team.memberCount > 0 && !team.hasRoutingRule && <NoRoutingRuleWarning teamId={team.teamId} />}
          <WaitingList group={team} now={now} onOpen={onOpen} />
        </li>
      ))}
      {queue.noTeam.waiting > 0 && (
        <li className="ops-list__stacked waiting-team" data-testid="supervisor-team" data-team-id="none">
          <strong>{t('details.queue.noTeam')}</strong>
          <span className="muted small">{t('supervisor.waitingCount', { count: queue.noTeam.waiting })} · {t('details.queue.noTeamHint')}</span>
          <WaitingList group={queue.noTeam} now={now} onOpen={onOpen} />
        </li>
      )}
    </ul>
  );
}

function WaitingList({ group, now, onOpen }: { group: SupervisorWaitingGroup; now: number; onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  if (!group.waiting) return null;
  const more = group.waiting - group.conversations.length;
  return (
    <ul className="waiting-list" aria-label={t('details.queue.waitingList')}>
      {group.conversations.map((row) => <WaitingRow key={row.conversationId} row={row} now={now} onOpen={onOpen} />)}
      {more > 0 && <li className="muted small">{t('details.queue.more', { count: more })}</li>}
    </ul>
  );
}

function WaitingRow({ row, now, onOpen }: { row: SupervisorQueueRow; now: number; onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const format = useFormatDuration();
  const dueText = useDueText();
  const dueAt = row.breached && row.missedDueAt ? row.missedDueAt : row.nextDueAt;
  const tone = row.breached || (dueAt && Date.parse(dueAt) <= now) ? 'breached' : dueAt ? 'ok' : null;
  return (
    <li data-testid="waiting-conversation" data-conversation-id={row.conversationId}>
      <a
        className="waiting-list__link"
        href={routePath({ view: 'inbox', conversationId: row.conversationId })}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          onOpen(row.conversationId);
        }}
      >
        <span className="grow">{row.customerName ?? t('customer.anonymous')}</span>
      </a>
      <ChannelBadge channel={row.channel} showLabel={false} />
      <span className="muted small">{t('details.queue.waitingFor', { time: format(Math.max(0, now - Date.parse(row.waitingSince))) })}</span>
      {tone && dueAt && (
        <span className={`sla-countdown sla-countdown--${tone}`} data-testid="sla-countdown" data-tone={tone}>{dueText(Date.parse(dueAt), now)}</span>
      )}
    </li>
  );
}

import { useTranslation } from 'react-i18next';
import type { XlaPolicyDto } from '@parley/contracts';
import { routingApi } from '../sla/routing-api';
import '../sla/sla.css';
import { Section } from './admin-section';
import { AgentRow } from './agent-row';
import { BusinessCalendarForm } from './business-calendar-form';
import { BusinessCalendarList } from './business-calendar-list';
import { ChannelWeightsForm } from './channel-weights-form';
import { RoutingRuleForm } from './routing-rule-form';
import { RoutingRuleList } from './routing-rule-list';
import { SlaPolicyForm } from './sla-policy-form';
import { SlaPolicyList } from './sla-policy-list';
import { TeamForm } from './team-form';
import { TeamList } from './team-list';
import { useTeamsAdmin } from './use-teams-admin';
import { XlaPolicyForm } from './xla-policy-form';
import { XlaPolicyList } from './xla-policy-list';

/** Supervisor and admin screens: teams and members, agents' capacity and skills, rules, SLA/XLA policies, calendars. */
export function TeamsAdminPage() {
  const { t } = useTranslation();
  const { data, error, editing, save, edit, remove } = useTeamsAdmin();

  if (!data) return <main className="ops-page">{error ? <p className="form-error">{error}</p> : <p className="muted">{t('common.loading')}</p>}</main>;
  const editedTeam = data.teams.find((x) => x.id === editing.team) ?? null;
  const editedRule = data.rules.find((x) => x.id === editing.rule) ?? null;
  const editedPolicy = data.policies.find((x) => x.id === editing.policy) ?? null;
  const editedCalendar = data.calendars.find((x) => x.id === editing.calendar) ?? null;
  const editedXla = data.xla.find((x) => x.id === editing.xla) ?? null;
  const xlaScope = (x: XlaPolicyDto) => (x.teamId ? data.teams.find((team) => team.id === x.teamId)?.name ?? '—' : t('teams.xlaDefault'));

  return (
    <main className="ops-page" data-testid="teams-admin-page">
      <h1>{t('teams.title')}</h1>
      <p className="ops-page__lead muted">{t('teams.lead')}</p>
      {error && <p className="form-error" role="alert" data-testid="teams-error">{error}</p>}
      <div className="ops-grid">
        <Section title={t('teams.teams')} hint={t('teams.teamsHint')}>
          <TeamForm
            key={editedTeam?.id ?? 'new'}
            initial={editedTeam}
            agents={data.agents}
            teams={data.teams}
            policies={data.policies}
            onSubmit={(body) => save(editedTeam ? routingApi.updateTeam(editedTeam.id, body) : routingApi.createTeam(body))}
            onDone={() => edit('team', undefined)}
          />
          <TeamList
            teams={data.teams}
            agents={data.agents}
            rules={data.rules}
            policies={data.policies}
            editingId={editedTeam?.id}
            onEdit={(id) => edit('team', id)}
            onDelete={(team) => remove('team', team.id, t('teams.confirmDeleteTeam', { name: team.name }), () => routingApi.deleteTeam(team.id))}
          />
        </Section>

        <Section title={t('teams.agents')} hint={t('teams.agentsHint')}>
          <ul className="ops-list ops-list--static">
            {data.agents.map((a) => <AgentRow key={a.id} agent={a} onSave={(body) => save(routingApi.updateAgent(a.id, body))} />)}
          </ul>
          <ChannelWeightsForm weights={data.weights} onSubmit={(body) => save(routingApi.saveSettings(body))} />
        </Section>

        <Section title={t('teams.rules')} hint={t('teams.rulesHint')}>
          <RoutingRuleForm
            key={editedRule?.id ?? 'new'}
            initial={editedRule}
            teams={data.teams}
            inboxes={data.inboxes}
            onSubmit={(body) => save(editedRule ? routingApi.updateRule(editedRule.id, body) : routingApi.addRule(body))}
            onDone={() => edit('rule', undefined)}
          />
          <RoutingRuleList
            rules={data.rules}
            teams={data.teams}
            inboxes={data.inboxes}
            editingId={editedRule?.id}
            onEdit={(id) => edit('rule', id)}
            onDelete={(rule) => remove('rule', rule.id, t('teams.confirmDeleteRule'), () => routingApi.deleteRule(rule.id))}
          />
        </Section>

        <Section title={t('teams.policies')} hint={t('teams.policiesHint')}>
          <SlaPolicyForm
            key={editedPolicy?.id ?? 'new'}
            initial={editedPolicy}
            calendars={data.calendars}
            onSubmit={(body) => save(editedPolicy ? routingApi.updatePolicy(editedPolicy.id, body) : routingApi.createPolicy(body))}
            onDone={() => edit('policy', undefined)}
          />
          <SlaPolicyList
            policies={data.policies}
            calendars={data.calendars}
            editingId={editedPolicy?.id}
            onEdit={(id) => edit('policy', id)}
            onDelete={(p) => remove('policy', p.id, t('teams.confirmDeletePolicy', { name: p.name }), () => routingApi.deletePolicy(p.id))}
          />
        </Section>

        <Section title={t('teams.calendars')} hint={t('teams.calendarsHint')}>
          <BusinessCalendarForm
            key={editedCalendar?.id ?? 'new'}
            initial={editedCalendar}
            onSubmit={(body) => save(editedCalendar ? routingApi.updateCalendar(editedCalendar.id, body) : routingApi.createCalendar(body))}
            onDone={() => edit('calendar', undefined)}
          />
          <BusinessCalendarList
            calendars={data.calendars}
            editingId={editedCalendar?.id}
            onEdit={(id) => edit('calendar', id)}
            onDelete={(c) => remove('calendar', c.id, t('teams.confirmDeleteCalendar', { name: c.name }), () => routingApi.deleteCalendar(c.id))}
          />
        </Section>

        <Section title={t('teams.xla')} hint={t('teams.xlaHint')}>
          <XlaPolicyForm
            key={editedXla?.id ?? 'new'}
            initial={editedXla}
            teams={data.teams}
            existing={data.xla}
            onSubmit={(body) => save(routingApi.saveXlaPolicy(body))}
            onDone={() => edit('xla', undefined)}
          />
          <XlaPolicyList
            policies={data.xla}
            scope={xlaScope}
            editingId={editedXla?.id}
            onEdit={(id) => edit('xla', id)}
            onDelete={(x) => remove('xla', x.id, t('teams.confirmDeleteXla', { name: xlaScope(x) }), () => routingApi.deleteXlaPolicy(x.id))}
          />
        </Section>
      </div>
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROUTING_STRATEGIES, type AgentDto, type RoutingStrategy, type SlaPolicyDto, type TeamDto } from '@parley/contracts';
import { EditingBanner, FormFooter, type FormProps } from './editor-form';
import { TeamMembersField } from './team-members-field';
import { parseWhole } from './teams-form-rules';
import { useFormStatus } from './use-form-status';

export function TeamForm({ initial, agents, teams, policies, onSubmit, onDone }: FormProps<TeamDto, Partial<TeamDto>> & { agents: AgentDto[]; teams: TeamDto[]; policies: SlaPolicyDto[] }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [name, setName] = useState(initial?.name ?? '');
  const [strategy, setStrategy] = useState<RoutingStrategy>(initial?.strategy ?? 'round_robin');
  const [sticky, setSticky] = useState(initial?.sticky ?? true);
  const [members, setMembers] = useState<string[]>(initial?.memberIds ?? []);
  const [leadId, setLeadId] = useState(initial?.leadId ?? '');
  const [overflowTeamId, setOverflowTeamId] = useState(initial?.overflowTeamId ?? '');
  const [overflowAfter, setOverflowAfter] = useState(initial?.overflowAfterMinutes ? String(initial.overflowAfterMinutes) : '');
  const [slaPolicyId, setSlaPolicyId] = useState(initial?.slaPolicyId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return form.fail(t('teams.errors.nameRequired'));
    const minutes = overflowAfter.trim() === '' ? null : parseWhole(overflowAfter, 1, 10080);
    if (minutes === undefined) return form.fail(t('teams.errors.whole', { field: t('teams.overflowAfter'), min: 1, max: 10080 }));
    if (!!overflowTeamId !== (minutes !== null)) return form.fail(t('teams.errors.overflowPair'));
    const body = {
      name: name.trim(), strategy, sticky, memberIds: members, leadId: leadId || null, overflowTeamId: overflowTeamId || null, overflowAfterMinutes: minutes,
      slaPolicyId: slaPolicyId || null,
    };
    void form.submit(onSubmit(body)).then((ok) => {
      if (!ok) return;
      if (initial) return onDone();
      setName('');
      setMembers([]);
      setLeadId('');
      setOverflowTeamId('');
      setOverflowAfter('');
    });
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="team-form">
      {initial && <EditingBanner text={t('teams.editingTeam', { name: initial.name })} />}
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('teams.teamPlaceholder')} data-testid="team-name" /></label>
      <label className="field">
        <span className="field__label">{t('teams.strategyLabel')}</span>
        <select className="select" value={strategy} onChange={(e) => setStrategy(e.target.value as RoutingStrategy)} data-testid="team-strategy">
          {ROUTING_STRATEGIES.map((s) => <option key={s} value={s}>{t(`teams.strategy.${s}`)}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.leadLabel')}</span>
        <select className="select" value={leadId} onChange={(e) => setLeadId(e.target.value)} data-testid="team-lead">
          <option value="">{t('teams.noLead')}</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.policy')}</span>
        <select className="select" value={slaPolicyId} onChange={(e) => setSlaPolicyId(e.target.value)} data-testid="team-policy">
          <option value="">{t('teams.defaultPolicy')}</option>
          {policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.overflowTeam')}</span>
        <select className="select" value={overflowTeamId} onChange={(e) => setOverflowTeamId(e.target.value)} data-testid="team-overflow-team">
          <option value="">{t('teams.noOverflow')}</option>
          {teams.filter((x) => x.id !== initial?.id).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.overflowAfter')}</span><input inputMode="numeric" value={overflowAfter} onChange={(e) => setOverflowAfter(e.target.value)} data-testid="team-overflow-after" /></label>
      <label className="checklist__item admin-form__wide"><input type="checkbox" checked={sticky} onChange={(e) => setSticky(e.target.checked)} data-testid="team-sticky" />{t('teams.sticky')}</label>
      <TeamMembersField agents={agents} members={members} onChange={setMembers} />
      <FormFooter editing={!!initial} createLabel={t('teams.create')} testId="team" onCancel={onDone} status={form.status} />
    </form>
  );
}

import { useTranslation } from 'react-i18next';
import type { AgentDto } from '@parley/contracts';

/** The team's members: one checkbox per agent, with the capacity and skills routing weighs. */
export function TeamMembersField({ agents, members, onChange }: { agents: AgentDto[]; members: string[]; onChange: (change: (members: string[]) => string[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field checklist admin-form__wide">
      <legend className="field__label">{t('teams.members')}</legend>
      {agents.map((a) => (
        <label key={a.id} className="checklist__item member-option">
          <input
            type="checkbox"
            checked={members.includes(a.id)}
            onChange={(e) => onChange((m) => (e.target.checked ? [...m, a.id] : m.filter((x) => x !== a.id)))}
            data-testid="team-member"
            data-agent-id={a.id}
          />
          <span>{a.name}</span>
          <span className="muted small">{t('teams.memberInfo', { capacity: a.capacity, skills: a.skills.length ? a.skills.join(', ') : t('teams.noSkills') })}</span>
        </label>
      ))}
      <p className="muted small">{t('teams.membersHint')}</p>
    </fieldset>
  );
}

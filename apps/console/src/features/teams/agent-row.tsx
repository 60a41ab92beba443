import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentDto } from '@parley/contracts';
import { FormStatus, type Submit } from './editor-form';
import { parseWhole } from './teams-form-rules';
import { useFormStatus } from './use-form-status';

/** One agent's presence and load, with the capacity and skills routing uses, saved on their own. */
export function AgentRow({ agent, onSave }: { agent: AgentDto; onSave: Submit<{ capacity: number; skills: string[] }> }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [skills, setSkills] = useState(agent.skills.join(', '));
  const save = () => {
    const value = parseWhole(capacity, 0, 1000);
    if (value === undefined || value === null) return form.fail(t('teams.errors.whole', { field: t('teams.capacity'), min: 0, max: 1000 }));
    void form.submit(onSave({ capacity: value, skills: skills.split(',').map((s) => s.trim()).filter(Boolean) }));
  };
  return (
    <li className="agent-row" data-testid="agent-row">
      <div className="agent-row__who">
        <span className={`presence-dot presence-dot--${agent.status}`} aria-hidden="true" />
        <strong>{agent.name}</strong>
        <span className="muted small">
          {t(`presence.${agent.status}`)} · {t('teams.loadOf', { load: agent.load, capacity: agent.capacity })}
        </span>
      </div>
      <div className="agent-row__edit">
        <label className="field">
          <span className="field__label">{t('teams.capacity')}</span>
          <input inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.target.value)} data-testid="agent-capacity" />
        </label>
        <label className="field agent-row__skills">
          <span className="field__label">{t('teams.skills')}</span>
          <input value={skills} onChange={(e) => setSkills(e.target.value)} placeholder="lang:ru, channel:email, tag:vip" data-testid="agent-skills" />
        </label>
        <button className="button button--small" onClick={save} data-testid="agent-save">{t('teams.save')}</button>
      </div>
      <FormStatus status={form.status} />
    </li>
  );
}

import { useTranslation } from 'react-i18next';
import './no-routing-rule-warning.css';

/**
 * Routing only sends a team what a rule names it for: a team with members and no rule waits for
 * nothing, so say so where teams are shown. `onAddRule` defaults to going to the rule form.
 */
export function NoRoutingRuleWarning({ teamId, onAddRule }: { teamId: string; onAddRule?(): void }) {
  const { t } = useTranslation();
  const add = onAddRule ?? (() => goToRuleForm(teamId));
  return (
    <div className="no-rule-warning" role="note" data-testid="no-routing-rule" data-team-id={teamId}>
      <span aria-hidden="true">⚠</span>
      <span className="grow">{t('details.noRule.text')}</span>
      <a
        href={`/teams#rules-${teamId}`}
        className="no-rule-warning__add"
        data-testid="no-routing-rule-add"
        onClick={(e) => {
          e.preventDefault();
          add();
        }}
      >
        {t('details.noRule.add')}
      </a>
    </div>
  );
}

/**
 * The rule form lives on the Teams page: go there (the console's router follows history), then
 * bring its team picker into view with this team chosen.
 */
function goToRuleForm(teamId: string): void {
  if (window.location.pathname !== '/teams') {
    window.history.pushState(null, '', '/teams');
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
  const pick = (tries: number) => {
    const select = document.querySelector<HTMLSelectElement>('[data-testid="rule-team"]');
    if (!select) {
      if (tries > 0) requestAnimationFrame(() => pick(tries - 1));
      return;
    }
    // A controlled <select>: set the value through the native setter so React sees the change.
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, teamId);
    select.dispatchEvent(new Event('change', { bubbles: true }));
    select.scrollIntoView({ block: 'center' });
    select.focus();
  };
  pick(120);
}

import type { BusinessCalendarEntity, SlaPolicyEntity } from '@parley/persistence';
import type { SlaPoliciesRepository, SlaPoliciesUnitOfWork } from '../ports/sla-policies.repository';

const copy = <T>(row: T): T => ({ ...row });
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Calendars and SLA policies in memory, for unit specs; a failed transaction leaves nothing behind. */
export class InMemorySlaPoliciesRepository implements SlaPoliciesRepository {
  calendarRows = new Map<string, BusinessCalendarEntity>();
  policyRows = new Map<string, SlaPolicyEntity>();
  /** Team id → its SLA policy id. */
  teamPolicies = new Map<string, string | null>();

  async transaction<T>(work: (tx: SlaPoliciesUnitOfWork) => Promise<T>): Promise<T> {
    const saved = { policies: new Map([...this.policyRows].map(([id, p]) => [id, copy(p)])), teams: new Map(this.teamPolicies) };
    try {
      return await work({
        clearDefault: async () => {
          for (const p of this.policyRows.values()) if (p.isDefault) p.isDefault = false;
        },
        savePolicy: async (row) => void this.policyRows.set(row.id, copy(row)),
        detachTeams: async (policyId) => {
          for (const [team, policy] of this.teamPolicies) if (policy === policyId) this.teamPolicies.set(team, null);
        },
        deletePolicy: async (id) => void this.policyRows.delete(id),
      });
    } catch (err) {
      this.policyRows = saved.policies;
      this.teamPolicies = saved.teams;
      throw err;
    }
  }

  async calendars() { return [...this.calendarRows.values()].sort(byName).map(copy); }
  async calendar(id: string) { const c = this.calendarRows.get(id); return c ? copy(c) : null; }
  async calendarExists(id: string) { return this.calendarRows.has(id); }
  async saveCalendar(row: BusinessCalendarEntity) { this.calendarRows.set(row.id, copy(row)); }
  async deleteCalendar(id: string) { this.calendarRows.delete(id); }
  async calendarInUse(id: string) { return [...this.policyRows.values()].some((p) => p.calendarId === id); }
  async policies() { return [...this.policyRows.values()].sort(byName).map(copy); }
  async policy(id: string) { const p = this.policyRows.get(id); return p ? copy(p) : null; }
}

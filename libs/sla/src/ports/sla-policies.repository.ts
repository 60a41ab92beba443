import type { BusinessCalendarEntity, SlaPolicyEntity } from '@parley/persistence';

/** A policy change is written in one transaction: the default moves, teams let go of a removed policy. */
export interface SlaPoliciesUnitOfWork {
  /** Takes the default flag from every policy that has it. */
  clearDefault(): Promise<void>;
  savePolicy(row: SlaPolicyEntity): Promise<void>;
  /** Teams under this policy fall back to the default one. */
  detachTeams(policyId: string): Promise<void>;
  deletePolicy(id: string): Promise<void>;
}

/** What the business-calendar and SLA-policy settings read and write. */
export interface SlaPoliciesRepository {
  transaction<T>(work: (tx: SlaPoliciesUnitOfWork) => Promise<T>): Promise<T>;
  /** By name. */
  calendars(): Promise<BusinessCalendarEntity[]>;
  calendar(id: string): Promise<BusinessCalendarEntity | null>;
  calendarExists(id: string): Promise<boolean>;
  saveCalendar(row: BusinessCalendarEntity): Promise<void>;
  deleteCalendar(id: string): Promise<void>;
  /** Whether a policy counts its time in this calendar. */
  calendarInUse(id: string): Promise<boolean>;
  /** By name. */
  policies(): Promise<SlaPolicyEntity[]>;
  policy(id: string): Promise<SlaPolicyEntity | null>;
}

export const SLA_POLICIES_REPOSITORY = Symbol('SLA_POLICIES_REPOSITORY');

import type { RealtimePublisher } from '@parley/channels-core';
import type { BulkOperationsService } from '@parley/conversations';
import { MacroApplier } from './macro-applier.service';
import { MacroChecks } from './macro-checks.service';
import { MacroRunsService } from './macro-runs.service';
import { MacrosService } from './macros.service';
import type { MacroActor } from './ports/macro-targets.port';
import { FakeMacroTargets } from './testing/fake-macro-targets';
import { InMemoryMacrosRepository } from './testing/in-memory-macros.repository';

export const admin: MacroActor = { id: '0193aaaa-0000-7000-8000-000000000001', name: 'Админ Иванов', role: 'admin' };
export const agata: MacroActor = { id: '0193aaaa-0000-7000-8000-000000000002', name: 'Ёлкина Агата', role: 'agent' };
export const boris: MacroActor = { id: '0193aaaa-0000-7000-8000-000000000003', name: 'Борис Котов', role: 'agent' };
export const REFUND = '0193bbbb-0000-7000-8000-000000000001';
export const VIP = '0193bbbb-0000-7000-8000-000000000002';
export const ASK = '0193cccc-0000-7000-8000-000000000001';
export const BY_NAME = '0193cccc-0000-7000-8000-000000000002';
export const C1 = '0193dddd-0000-7000-8000-000000000001';
export const C2 = '0193dddd-0000-7000-8000-000000000002';

/** The macro services on in-memory fakes: two labels, two canned responses, two open conversations (the second customer unnamed). */
export function macroSetup() {
  const repo = new InMemoryMacrosRepository();
  const targets = new FakeMacroTargets();
  for (const u of [admin, agata, boris]) repo.users.set(u.id, { ...u });
  targets.agents.set(boris.id, boris.name);
  targets.labels.set(REFUND, 'Refund / Возврат');
  targets.labels.set(VIP, 'VIP');
  targets.canned.set(ASK, { title: 'Номер заказа', text: 'Подскажите номер заказа, {{customer.first_name}}. {{agent.name}}' });
  targets.canned.set(BY_NAME, { title: 'Кратко', text: 'Проверим. {{agent.name}}', maxLength: 10 });
  const open = { status: 'open' as const, snoozedUntil: null, assigneeId: null, teamId: null, priority: 'normal' as const, labelIds: [] as string[] };
  targets.stored.set(C1, { id: C1, customerName: 'Анна Смирнова', customer: { name: 'Анна Смирнова', email: null, phone: null, attributes: {} }, ...open });
  targets.stored.set(C2, { id: C2, customerName: null, customer: { name: null, email: null, phone: null, attributes: {} }, ...open, labelIds: [] });
  const events: string[] = [];
  const realtime = { toAgents: (event: string) => void events.push(event) } as unknown as RealtimePublisher;
  const started: unknown[] = [];
  const bulk = { start: async (...args: unknown[]) => { started.push(args); return { id: 'op-1', state: 'queued', total: 2 }; } } as unknown as BulkOperationsService;
  const checks = new MacroChecks(targets);
  const macros = new MacrosService(repo, targets, checks, realtime);
  const applier = new MacroApplier(repo, targets, checks);
  return { repo, targets, events, started, macros, applier, runs: new MacroRunsService(repo, targets, macros, checks, applier, bulk) };
}

import type { RealtimePublisher } from '@parley/channels-core';
import { CannedCsvService } from './canned-csv.service';
import { CannedRenderService } from './canned-render.service';
import { CannedResponsesService } from './canned-responses.service';
import type { CannedActor } from './canned-scope';
import { InMemoryCannedResponsesRepository } from './testing/in-memory-canned-responses.repository';

export const admin: CannedActor = { id: 'u-admin', name: 'Админ Иванов', role: 'admin' };
export const agata: CannedActor = { id: 'u-agata', name: 'Ёлкина Агата', role: 'agent' };
export const boris: CannedActor = { id: 'u-boris', name: 'Борис Котов', role: 'agent' };

/** The services on an in-memory repository with one team (Агата in it, Борис not) and an uploaded file. */
export function cannedSetup() {
  const repo = new InMemoryCannedResponsesRepository();
  repo.teamsById.set('t-delivery', { id: 't-delivery', name: 'Доставка', members: [agata.id] });
  repo.files.set('f-1', { id: 'f-1', url: '/attachments/f-1', contentType: 'application/pdf', fileName: 'тарифы.pdf', size: 10 });
  const events: { event: string; payload: unknown }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void events.push({ event, payload }) } as unknown as RealtimePublisher;
  const responses = new CannedResponsesService(repo, realtime);
  return { repo, events, responses, renderer: new CannedRenderService(repo, responses), csv: new CannedCsvService(responses) };
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RoutingCandidate } from '@parley/domain';
import { ROUTING_REPOSITORY, type RoutingRepository } from './ports/routing.repository';

/**
 * A team's online members are read at most this often per process. A stale entry only costs a
 * retry: the claim re-checks status and load under the agent's row lock.
 */
const CANDIDATES_TTL_MS = 2_000;

/** Who routing may pick in a team: its online members with their capacity, load and skills, cached per process. */
@Injectable()
export class RoutingCandidatesService {
  private readonly logger = new Logger(RoutingCandidatesService.name);
  private readonly cache = new Map<string, { at: number; list: RoutingCandidate[] }>();
  private readonly refreshing = new Set<string>();

  constructor(@Inject(ROUTING_REPOSITORY) private readonly repo: RoutingRepository) {}

  /** Served from the cache; an expired entry is served once more while it is read again in the background. */
  async candidates(teamId: string): Promise<RoutingCandidate[]> {
    const hit = this.cache.get(teamId);
    if (hit && Date.now() - hit.at < CANDIDATES_TTL_MS) return hit.list;
    if (hit && Date.now() - hit.at < 15 * CANDIDATES_TTL_MS) {
      if (!this.refreshing.has(teamId)) {
        this.refreshing.add(teamId);
        void this.readCandidates(teamId)
          .catch((err) => this.logger.warn(`team ${teamId} candidates: ${err.message}`))
          .finally(() => this.refreshing.delete(teamId));
      }
      return hit.list;
    }
    return this.readCandidates(teamId);
  }

  /** Full or gone since the list was read: the list is stale, read it again next time. */
  forgetTeam(teamId: string): void {
    this.cache.delete(teamId);
  }

  /** Presence or capacity changed: read the team lists again. */
  forgetCandidates(): void {
    this.cache.clear();
  }

  private async readCandidates(teamId: string): Promise<RoutingCandidate[]> {
    const list = await this.repo.onlineCandidates(teamId);
    this.cache.set(teamId, { at: Date.now(), list });
    return list;
  }
}

import type { Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { WidgetAvailability } from '@parley/contracts';
import { WIDGET_EVENTS } from '@parley/contracts';
import type { WidgetAvailabilityRepository } from './ports/widget-availability.repository';
import { WidgetAvailabilityService } from './widget-availability.service';

/** Every widget socket of an inbox, on this node: they all show the same availability. */
export const inboxRoom = (inboxId: string): string => `widget-inbox:${inboxId}`;
const ROOM_PREFIX = inboxRoom('');

/**
 * Availability changes when an agent's presence changes (on any api node, or in the worker) and
 * when business hours open or close, which no event marks. So each node looks again, every few
 * seconds, at the inboxes its own widgets show, and tells only its own sockets when the answer
 * changed: nothing to coordinate between nodes, and no message per presence change.
 */
export class WidgetAvailabilityWatch {
  private readonly service: WidgetAvailabilityService;
  private readonly lastSent = new Map<string, string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private running = false;

  constructor(repo: WidgetAvailabilityRepository, private readonly logger: Logger, private readonly intervalMs = Number(process.env.WIDGET_AVAILABILITY_POLL_MS) || 15_000) {
    this.service = new WidgetAvailabilityService(repo);
  }

  start(namespace: Namespace): void {
    this.timer = setInterval(() => void this.check(namespace), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** For a connecting widget's session; also the new baseline its inbox's changes are told against. */
  async current(inboxId: string): Promise<WidgetAvailability> {
    const availability = await this.service.forInbox(inboxId);
    this.lastSent.set(inboxId, JSON.stringify(availability));
    return availability;
  }

  private async check(namespace: Namespace): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const inboxIds = [...namespace.adapter.rooms.keys()].filter((room) => room.startsWith(ROOM_PREFIX)).map((room) => room.slice(ROOM_PREFIX.length));
      for (const inboxId of this.lastSent.keys()) if (!inboxIds.includes(inboxId)) this.lastSent.delete(inboxId);
      for (const inboxId of inboxIds) {
        const availability = await this.service.forInbox(inboxId);
        const serialized = JSON.stringify(stable(availability));
        if (stableOf(this.lastSent.get(inboxId)) === serialized) continue;
        this.lastSent.set(inboxId, JSON.stringify(availability));
        // `local`: every node watches its own sockets; a cluster-wide emit would reach each widget once per node.
        namespace.local.to(inboxRoom(inboxId)).emit(WIDGET_EVENTS.availability, availability);
      }
    } catch (err) {
      this.logger.warn(`widget availability check failed: ${String((err as Error)?.message ?? err)}`);
    } finally {
      this.running = false;
    }
  }
}

/** The minutes to go shrink every minute while away: only a change of state or opening time is news. */
function stable(a: WidgetAvailability): Omit<WidgetAvailability, 'expectedReplyMinutes'> & { expectedReplyMinutes?: number } {
  return a.state === 'away' ? { state: a.state, nextOpenAt: a.nextOpenAt, timezone: a.timezone } : a;
}

function stableOf(serialized: string | undefined): string | undefined {
  return serialized === undefined ? undefined : JSON.stringify(stable(JSON.parse(serialized) as WidgetAvailability));
}

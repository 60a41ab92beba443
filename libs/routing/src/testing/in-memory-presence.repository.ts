import type { AgentProfileEntity, AgentSocketEntity } from '@parley/persistence';
import type { PresenceRepository } from '../ports/presence.repository';

const copy = <T>(row: T): T => ({ ...row });

/** Presence's storage in memory, for unit specs: the status flips check their conditions as the UPDATEs' WHERE does. */
export class InMemoryPresenceRepository implements PresenceRepository {
  /** Shared with the teams fake when a spec wires both (the same `agent_profiles` table). */
  constructor(readonly profiles = new Map<string, AgentProfileEntity>(), readonly sockets = new Map<string, AgentSocketEntity>()) {}

  async profile(agentId: string) { const p = this.profiles.get(agentId); return p ? copy(p) : null; }
  async updateProfile(agentId: string, changes: Partial<AgentProfileEntity>) { const p = this.profiles.get(agentId); if (p) Object.assign(p, changes); }
  async insertSocket(socket: AgentSocketEntity) { if (!this.sockets.has(socket.socketId)) this.sockets.set(socket.socketId, copy(socket)); }
  async socket(socketId: string) { const s = this.sockets.get(socketId); return s ? copy(s) : null; }
  async deleteSockets(socketIds: string[]) { for (const id of socketIds) this.sockets.delete(id); }

  async touchSockets(socketIds: string[], at: Date) {
    for (const id of socketIds) { const s = this.sockets.get(id); if (s) s.lastSeenAt = at; }
  }

  async staleSockets(before: Date, limit: number) {
    return [...this.sockets.values()].filter((s) => s.lastSeenAt < before).slice(0, limit).map(copy);
  }

  async openTabs(agentId: string) { return [...this.sockets.values()].filter((s) => s.userId === agentId).length; }

  async backOnline(agentId: string, at: Date) {
    const p = this.profiles.get(agentId);
    if (!p || !p.autoAway || (p.status !== 'away' && p.status !== 'offline')) return false;
    Object.assign(p, { status: 'online', autoAway: false, updatedAt: at });
    return true;
  }

  async awayWithoutTabs(agentId: string, at: Date) {
    const p = this.profiles.get(agentId);
    if (!p || p.status !== 'online' || (await this.openTabs(agentId)) > 0) return false;
    Object.assign(p, { status: 'away', autoAway: true, updatedAt: at });
    return true;
  }
}

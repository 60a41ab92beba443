import type { AgentProfileEntity, AgentSocketEntity } from '@parley/persistence';

/** What presence reads and writes: the open console tabs (`agent_sockets`) and the agents' status. */
export interface PresenceRepository {
  profile(agentId: string): Promise<AgentProfileEntity | null>;
  updateProfile(agentId: string, changes: Partial<AgentProfileEntity>): Promise<void>;
  /** Records an open tab unless the socket has its row already. */
  insertSocket(socket: AgentSocketEntity): Promise<void>;
  socket(socketId: string): Promise<AgentSocketEntity | null>;
  deleteSockets(socketIds: string[]): Promise<void>;
  /** The node still holds these sockets: their rows are seen at `at`. */
  touchSockets(socketIds: string[], at: Date): Promise<void>;
  /** Up to `limit` tabs last seen before `before`. */
  staleSockets(before: Date, limit: number): Promise<AgentSocketEntity[]>;
  /** The agent's open tabs on every node. */
  openTabs(agentId: string): Promise<number>;
  /** Online again only if the agent was away or offline automatically (not by choice); whether it did. */
  backOnline(agentId: string, at: Date): Promise<boolean>;
  /** Away (automatic) only while the agent is online and has no tab on any node; whether it did. */
  awayWithoutTabs(agentId: string, at: Date): Promise<boolean>;
}

export const PRESENCE_REPOSITORY = Symbol('PRESENCE_REPOSITORY');

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, timestampType } from '../column-types';

/** One open console tab on any api node; nodes refresh `last_seen_at` so a crashed node's rows expire. */
@Entity('agent_sockets')
@Index('ix_agent_sockets_user', ['userId'])
@Index('ix_agent_sockets_seen', ['lastSeenAt'])
export class AgentSocketEntity {
  @PrimaryColumn('varchar', { name: 'socket_id', length: 64 })
  socketId: string;

  @Column(idColumn({ name: 'user_id' }))
  userId: string;

  @Column({ type: timestampType(), name: 'last_seen_at' })
  lastSeenAt: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Channel } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

/** How a customer is known on one channel; (channel, external id) names one person. */
@Entity('channel_identities')
@Index('uq_identities_channel_external', ['channel', 'externalId'], { unique: true })
export class ChannelIdentityEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Index('ix_identities_customer')
  @Column(idColumn({ name: 'customer_id' }))
  customerId: string;

  @Column('varchar', { length: 20 })
  channel: Channel;

  @Column('varchar', { name: 'external_id', length: 320 })
  externalId: string;

  @Column('varchar', { name: 'display_name', length: 200, nullable: true })
  displayName: string | null;

  @Column('boolean', { name: 'opted_out', default: false })
  optedOut: boolean;

  /** Channel-specific details (see the channel adapter that wrote them). */
  @Column({ type: jsonType(), nullable: true })
  metadata: Record<string, any> | null;

  /** We can no longer reach them here (the bot was blocked, the address bounces). */
  @Column('boolean', { default: false })
  unreachable: boolean;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Channel } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';
import { inboxConfigTransformer } from '../secret-columns';

@Entity('inboxes')
export class InboxEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { length: 20 })
  channel: Channel;

  /** Channel settings; their secrets are sealed at rest and never serialized to clients unmasked. */
  @Column({ type: jsonType(), transformer: inboxConfigTransformer })
  config: Record<string, any>;

  @Index('uq_inboxes_website_token', { unique: true })
  @Column('varchar', { name: 'website_token', length: 64, nullable: true })
  websiteToken: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

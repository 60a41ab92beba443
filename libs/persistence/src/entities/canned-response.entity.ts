import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CannedLanguage, CannedScope } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

/**
 * A canned response. `scope_key` names whose it is in one value (`shared`, `personal:<owner id>`,
 * `team:<team id>`): the shortcode is unique within it, and "what may I use" is one `IN` over it.
 * Shortcodes are stored folded (lower case in every script) by the domain rules, so a plain unique
 * index holds on SQLite too.
 */
@Entity('canned_responses')
@Index('ux_canned_responses_scope_shortcode', ['scopeKey', 'shortcode'], { unique: true })
export class CannedResponseEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 64 })
  shortcode: string;

  @Column('varchar', { length: 200 })
  title: string;

  @Column('varchar', { length: 16 })
  scope: CannedScope;

  @Column('varchar', { name: 'scope_key', length: 48 })
  scopeKey: string;

  /** Who wrote it; a personal response's owner. */
  @Column(idColumn({ name: 'owner_id', nullable: true }))
  ownerId: string | null;

  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  @Column({ type: jsonType() })
  variants: Partial<Record<CannedLanguage, string>>;

  /** Ids of uploaded attachments (POST /api/attachments), in order. */
  @Column({ type: jsonType() })
  attachments: string[];

  @Column('varchar', { name: 'whatsapp_template', length: 200, nullable: true })
  whatsappTemplate: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

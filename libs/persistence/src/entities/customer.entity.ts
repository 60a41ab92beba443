import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonType, timestampType } from '../column-types';

export type ContactSource = 'agent' | 'verified' | 'channel' | 'prechat';

/** Sources that prove an address belongs to the customer: a new sender from it joins them. */
export const PROVEN_SOURCES: readonly ContactSource[] = ['agent', 'verified', 'channel'];

export const isProvenSource = (source: string | null | undefined): boolean => !!source && (PROVEN_SOURCES as readonly string[]).includes(source);

@Entity('customers')
@Index('ix_customers_email', ['email'])
@Index('ix_customers_phone', ['phone'])
@Index('ix_customers_updated', ['updatedAt', 'id'])
export class CustomerEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 200, nullable: true })
  name: string | null;

  /** Lower-cased by every writer: new senders are matched on it by equality (ix_customers_email). */
  @Column('varchar', { length: 320, nullable: true })
  email: string | null;

  @Column('varchar', { length: 32, nullable: true })
  phone: string | null;

  /**
   * Where the email came from: agent | verified | channel | prechat (null: unknown, from before
   * sources were kept). Only agent, verified and channel let a new sender join this customer.
   */
  @Column('varchar', { name: 'email_source', length: 16, nullable: true })
  emailSource?: ContactSource | null;

  /** Where the phone (E.164) came from, with the same meaning as emailSource. */
  @Column('varchar', { name: 'phone_source', length: 16, nullable: true })
  phoneSource?: ContactSource | null;

  @Column({ type: jsonType() })
  attributes: Record<string, any>;

  @Column({ type: jsonType() })
  tags: string[];

  /** After a merge the source row stays as a pointer so old links and ids keep resolving. */
  @Column(idColumn({ name: 'merged_into_id', nullable: true }))
  mergedIntoId: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

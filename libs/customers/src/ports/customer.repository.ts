import type { Channel, CustomerSort, CustomerTagDto, MergeEvidence } from '@parley/contracts';
import type { CustomerFilter } from '@parley/domain';
import type {
  ChannelIdentityEntity, CustomerEntity, CustomerMergeEntity, Keyset, MergeMoved, MergeSuggestionEntity, TimelineEventEntity,
} from '@parley/persistence';
import type { DirectoryKey } from '../customer-directory';
import type { NewTimelineEvent } from '../timeline.service';

/** A search as the use case means it: the folded text (foldForSearch), and the phone forms a phone-like query also matches. */
export interface CustomerQuery {
  folded: string;
  /** The query in E.164, when it looks like a phone number. */
  phone: string | null;
  /** Its digits alone, when it looks like a phone number. */
  digits: string | null;
}

/** Which customers a directory lists, and in which order from where. */
export interface CustomerListing {
  sort: CustomerSort;
  /** Customers with an identity on this channel. */
  channel?: Channel;
  /** Customers carrying this tag. */
  tag?: string;
  /** The key of the previous page's last row. */
  after: DirectoryKey | null;
}

export interface CustomerListRow {
  customer: CustomerEntity;
  key: DirectoryKey;
}

/** An identity found with its customer in one round trip (the customer may be a merge pointer). */
export interface IdentityWithCustomer {
  identity: ChannelIdentityEntity;
  customer: CustomerEntity | null;
}

/**
 * One transaction of the customers capability: identity resolution, merge suggestions, merge and
 * undo. Rows written here commit together or not at all.
 */
export interface CustomerUnitOfWork {
  customer(id: string): Promise<CustomerEntity | null>;
  /** Both customers, in id order; on PostgreSQL locked FOR UPDATE until the transaction ends. */
  lockCustomers(ids: string[]): Promise<CustomerEntity[]>;
  insertCustomer(row: CustomerEntity): Promise<void>;
  updateCustomer(id: string, changes: Partial<CustomerEntity>): Promise<void>;
  deleteCustomer(id: string): Promise<void>;
  /** The source's attributes and tags joined into the target's inside the database (customer-json.ts). */
  mergeFieldsInto(targetId: string, sourceId: string): Promise<void>;
  /** Live (not merged) customers holding this email on their record. */
  customersWithEmail(email: string): Promise<CustomerEntity[]>;
  customersWithPhone(phone: string): Promise<CustomerEntity[]>;
  /** Email identities whose address is this one, in any case. */
  emailSenders(email: string): Promise<ChannelIdentityEntity[]>;
  /** SMS, WhatsApp and Viber identities of this E.164 number. */
  phoneIdentities(phone: string): Promise<ChannelIdentityEntity[]>;
  identity(channel: Channel, externalId: string): Promise<ChannelIdentityEntity | null>;
  identityWithCustomer(channel: Channel, externalId: string): Promise<IdentityWithCustomer | null>;
  /** The oldest identity of this external id on one of `channels`. */
  firstIdentityOn(channels: Channel[], externalId: string): Promise<ChannelIdentityEntity | null>;
  /** Inserts unless (channel, external id) is taken: the unique key lets one of two racing writers win. */
  insertIdentityUnlessTaken(row: ChannelIdentityEntity): Promise<void>;
  channelsOf(customerId: string): Promise<Channel[]>;
  /** Live customers whose folded name is `key`, other than `exceptId`, oldest first. */
  namesakes(key: string, exceptId: string, limit: number): Promise<CustomerEntity[]>;
  suggestion(customerAId: string, customerBId: string): Promise<MergeSuggestionEntity | null>;
  updateSuggestionEvidence(id: string, evidence: MergeEvidence[]): Promise<void>;
  /** Inserts unless the pair has one: the unique pair index keeps one when two nodes suggest it at once. */
  insertSuggestionUnlessTaken(row: MergeSuggestionEntity): Promise<void>;
  /** The pair's open suggestion becomes `merged`. */
  settleSuggestion(customerAId: string, customerBId: string): Promise<void>;
  /** What the source owns that a merge moves: its identities, conversations, and timeline events outside those. */
  ownedBy(sourceId: string): Promise<MergeMoved>;
  /** Every identity, conversation, message and timeline event of the source now names the target. */
  moveAll(sourceId: string, targetId: string): Promise<void>;
  /** Exactly the rows a merge moved (and messages and events of its conversations) go back, while the target still holds them. */
  moveBack(moved: MergeMoved, targetId: string, sourceId: string): Promise<void>;
  merge(id: string): Promise<CustomerMergeEntity | null>;
  insertMerge(row: CustomerMergeEntity): Promise<void>;
  updateMerge(id: string, changes: Partial<CustomerMergeEntity>): Promise<void>;
  appendTimeline(event: NewTimelineEvent): Promise<TimelineEventEntity>;
  /** Runs `work` once the transaction has committed (never after a rollback); at once outside a transaction. */
  afterCommit(work: () => Promise<void>): void;
}

/**
 * A transaction another capability already holds (ingest's, the web chat gateway's): customers'
 * rows join it. Opaque to the use cases; the TypeORM repository knows it as its EntityManager.
 */
export type HeldTransaction = object;

/** What the customers capability's use cases read and write. */
export interface CustomerRepository {
  transaction<T>(work: (tx: CustomerUnitOfWork) => Promise<T>): Promise<T>;
  /** The unit of work of a transaction the caller holds. */
  join(held: HeldTransaction): CustomerUnitOfWork;
  customer(id: string): Promise<CustomerEntity | null>;
  customers(ids: string[]): Promise<CustomerEntity[]>;
  updateCustomer(id: string, changes: Partial<CustomerEntity>): Promise<void>;
  /** Identities of these customers, oldest first. */
  identitiesOf(customerIds: string[]): Promise<ChannelIdentityEntity[]>;
  /** Live customers matching the query (all of them without one) and the listing's filters, in its sort, after its key. */
  search(query: CustomerQuery | null, listing: CustomerListing, take: number): Promise<CustomerListRow[]>;
  /** When each of these customers' conversations last had a message (absent: never). */
  lastContacts(customerIds: string[]): Promise<Map<string, Date>>;
  /** The tags live customers carry, most carried first. */
  tags(take: number): Promise<CustomerTagDto[]>;
  /** Live customers in a segment, newest update first, after the keyset. */
  segment(filter: CustomerFilter, after: Keyset | null, take: number): Promise<CustomerEntity[]>;
  countSegment(filter: CustomerFilter): Promise<number>;
  /** The phone region configured on the inbox of the customer's latest conversation. */
  lastInboxPhoneRegion(customerId: string): Promise<string | undefined>;
  channelsOf(customerId: string): Promise<Channel[]>;
  countConversations(customerId: string): Promise<number>;
  countTimelineEvents(customerId: string): Promise<number>;
  /** Merges into or out of the customer, newest first. */
  mergesOf(customerId: string, take: number): Promise<CustomerMergeEntity[]>;
  /** Open suggestions (naming the customer, when given), newest first. */
  openSuggestions(customerId: string | undefined, take: number): Promise<MergeSuggestionEntity[]>;
  /** Whether there was such a suggestion. */
  dismissSuggestion(id: string): Promise<boolean>;
  /** The customer's timeline, newest first (ties by id), before the keyset. */
  timeline(customerId: string, before: Keyset | null, take: number): Promise<TimelineEventEntity[]>;
}

export const CUSTOMER_REPOSITORY = Symbol('CUSTOMER_REPOSITORY');

import type { Provider } from '@nestjs/common';
import { INGEST_REPOSITORY } from '../ports/ingest.repository';
import { INGEST_READS } from './ingest-reads';
import { INGEST_WRITER } from './ingest-writer';
import { MessageEdits } from './message-edit';
import { PhoneLink } from './phone-link';
import { SenderOnly } from './sender-only';
import { StoreOne } from './store-one';
import { IngestStorage } from './typeorm-ingest-storage';

/**
 * The ingest ports, all from the one IngestStorage of this process (see typeorm-ingest-storage.ts),
 * and the one-by-one pipeline's parts that IngestService composes.
 */
export const INGEST_PROVIDERS: Provider[] = [
  IngestStorage,
  StoreOne,
  MessageEdits,
  PhoneLink,
  SenderOnly,
  { provide: INGEST_WRITER, inject: [IngestStorage], useFactory: (s: IngestStorage) => s.writer },
  { provide: INGEST_READS, inject: [IngestStorage], useFactory: (s: IngestStorage) => s.reads },
  { provide: INGEST_REPOSITORY, inject: [IngestStorage], useFactory: (s: IngestStorage) => s.repository },
];

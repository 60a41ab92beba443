import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { ConversationsModule } from '../conversations.module';
import { BULK_OPERATION_REPOSITORY } from '../ports/bulk-operation.repository';
import { CONVERSATION_REPOSITORY } from '../ports/conversation.repository';
import { TypeOrmConversationRepository } from '../typeorm-conversation.repository';
import { BulkOperationRunner } from './bulk-operation.runner';
import { BulkOperationsService } from './bulk-operations.service';
import { TypeOrmBulkOperationRepository } from './typeorm-bulk-operation.repository';

/**
 * Bulk operations, apart from ConversationsModule: their label actions need the CONVERSATION_LABELLER,
 * which the composition builds over the labels capability, and labels itself is composed over
 * ConversationsModule; a macro's run likewise needs the BULK_MACRO_APPLIER, built over the macros
 * capability. Call forRoot once and share the result, so the api and the worker of one process
 * (PARLEY_ROLE=all) share one instance.
 */
@Module({})
export class BulkOperationsModule {
  static forRoot(labeller: { imports: ModuleMetadata['imports']; provider: Provider }, macros?: { imports: ModuleMetadata['imports']; provider: Provider }): DynamicModule {
    return {
      module: BulkOperationsModule,
      imports: [ConversationsModule, ...(labeller.imports ?? []), ...(macros?.imports ?? [])],
      providers: [
        { provide: BULK_OPERATION_REPOSITORY, useClass: TypeOrmBulkOperationRepository },
        // ConversationsModule keeps its repository to itself; this one is stateless, a second instance costs nothing.
        { provide: CONVERSATION_REPOSITORY, useClass: TypeOrmConversationRepository },
        labeller.provider,
        ...(macros ? [macros.provider] : []),
        BulkOperationsService,
        BulkOperationRunner,
      ],
      exports: [BulkOperationsService, BulkOperationRunner],
    };
  }
}

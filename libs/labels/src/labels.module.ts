import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { CustomersModule } from '@parley/customers';
import { ConversationLabelsService } from './conversation-labels.service';
import { LabelsService } from './labels.service';
import { LABELS_REPOSITORY } from './ports/labels.repository';
import { TypeOrmLabelsRepository } from './typeorm-labels.repository';

/**
 * Labels on conversations. The app hands in the CONVERSATION_VIEW provider (and the modules it
 * needs), so this capability answers with the conversation as agents see it without importing
 * the conversations lib.
 */
@Module({})
export class LabelsModule {
  static forRoot(conversationView: { imports: ModuleMetadata['imports']; provider: Provider }): DynamicModule {
    return {
      module: LabelsModule,
      imports: [CustomersModule, ...(conversationView.imports ?? [])],
      providers: [{ provide: LABELS_REPOSITORY, useClass: TypeOrmLabelsRepository }, conversationView.provider, LabelsService, ConversationLabelsService],
      exports: [LabelsService, ConversationLabelsService],
    };
  }
}

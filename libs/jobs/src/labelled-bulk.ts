import { type Actor, BulkOperationsModule, CONVERSATION_LABELLER, type ConversationLabeller, ConversationsModule, ConversationsService } from '@parley/conversations';
import { CONVERSATION_VIEW, ConversationLabelsService, LabelsModule, LabelsService } from '@parley/labels';
import { MacroApplyModule, MacrosModule } from '@parley/macros';

/** Bulk label actions go through the labels capability's own add/remove: the event and broadcast one label change gets. */
export class LabelsConversationLabeller implements ConversationLabeller {
  constructor(private readonly labels: LabelsService, private readonly conversationLabels: ConversationLabelsService) {}

  /** Admins define a handful of labels: the list is the lookup. */
  async labelExists(labelId: string): Promise<boolean> {
    return (await this.labels.list()).some((label) => label.id === labelId);
  }

  async add(conversationId: string, labelId: string, actor: Actor): Promise<void> {
    await this.conversationLabels.add(conversationId, labelId, actor);
  }

  async remove(conversationId: string, labelId: string, actor: Actor): Promise<void> {
    await this.conversationLabels.remove(conversationId, labelId, actor);
  }
}

/**
 * Labels, answering with the conversation as agents see it. One module object for the api and the
 * worker: Nest tells dynamic modules apart by reference, and PARLEY_ROLE=all runs both in one process.
 */
export const CONVERSATION_LABELS_MODULE = LabelsModule.forRoot({
  imports: [ConversationsModule],
  provider: { provide: CONVERSATION_VIEW, useFactory: (c: ConversationsService) => ({ get: (id: string) => c.get(id) }), inject: [ConversationsService] },
});

/** Applying macros (over the labels above); the bulk runner applies a macro's run through it. */
export const MACRO_APPLY_MODULE = MacroApplyModule.forRoot(CONVERSATION_LABELS_MODULE);

/** Bulk operations with their label and macro actions; shared by the api (requests) and the worker (the runner) as above. */
export const LABELLED_BULK_MODULE = BulkOperationsModule.forRoot({
  imports: [CONVERSATION_LABELS_MODULE],
  provider: {
    provide: CONVERSATION_LABELLER,
    useFactory: (labels: LabelsService, conversationLabels: ConversationLabelsService) => new LabelsConversationLabeller(labels, conversationLabels),
    inject: [LabelsService, ConversationLabelsService],
  },
}, MacroApplyModule.bulkApplier(MACRO_APPLY_MODULE));

/** Macros for the api: CRUD, previews, runs (a selection's through the bulk operations above) and undo. */
export const MACROS_MODULE = MacrosModule.forRoot(MACRO_APPLY_MODULE, LABELLED_BULK_MODULE);

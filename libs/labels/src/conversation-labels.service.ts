import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AGENT_EVENTS, type ConversationDto, type MacroRef, type TimelineEventType } from '@parley/contracts';
import { REALTIME, type RealtimePublisher } from '@parley/channels-core';
import { toTimelineDto } from '@parley/customers';
import type { TimelineEventEntity } from '@parley/persistence';
import { labelTimelineData, labelTitle } from './label.mapper';
import { CONVERSATION_VIEW, type ConversationView } from './ports/conversation-view.port';
import { LABELS_REPOSITORY, type LabelsRepository, type LabelsUnitOfWork } from './ports/labels.repository';

export interface LabelActor {
  id: string;
  name: string;
  /** A macro's change: the timeline event names it (`data.macro`). */
  macro?: MacroRef;
}

/**
 * Agents add and remove labels on a conversation. Each change is an event on the customer's
 * timeline and a `conversation.updated` to every console; asking again for what is already so
 * changes nothing and answers the conversation as it is.
 */
@Injectable()
export class ConversationLabelsService {
  constructor(
    @Inject(LABELS_REPOSITORY) private readonly repo: LabelsRepository,
    @Inject(CONVERSATION_VIEW) private readonly conversations: ConversationView,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  add(conversationId: string, labelId: string, actor: LabelActor): Promise<ConversationDto> {
    return this.change(conversationId, labelId, actor, 'label_added', (tx, at) => tx.attach({ conversationId, labelId, addedBy: actor.id, addedAt: at }));
  }

  remove(conversationId: string, labelId: string, actor: LabelActor): Promise<ConversationDto> {
    return this.change(conversationId, labelId, actor, 'label_removed', (tx) => tx.detach(conversationId, labelId));
  }

  private async change(
    conversationId: string,
    labelId: string,
    actor: LabelActor,
    type: Extract<TimelineEventType, 'label_added' | 'label_removed'>,
    write: (tx: LabelsUnitOfWork, at: Date) => Promise<boolean>,
  ): Promise<ConversationDto> {
    const now = new Date();
    const event = await this.repo.transaction(async (tx): Promise<TimelineEventEntity | null> => {
      const conversation = await tx.conversation(conversationId);
      if (!conversation) throw new NotFoundException(`Conversation ${conversationId} not found`);
      const label = await tx.label(labelId);
      if (!label) throw new NotFoundException(`Label ${labelId} not found`);
      if (!(await write(tx, now))) return null;
      await tx.touchConversation(conversationId, now);
      return tx.appendTimeline({
        customerId: conversation.customerId,
        type,
        occurredAt: now,
        channel: conversation.channel,
        conversationId,
        title: labelTitle(label),
        authorName: actor.name,
        data: { ...labelTimelineData(label), ...(actor.macro ? { macro: actor.macro } : {}) },
      });
    });
    const dto = await this.conversations.get(conversationId);
    if (event) {
      this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, dto);
      this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
    }
    return dto;
  }
}

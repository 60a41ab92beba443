import { Inject, Injectable } from '@nestjs/common';
import type { WidgetMessage, WidgetSurveyEvent } from '@parley/contracts';
import {
  ChannelAdapter, InboxRef, OutboundMessage, REALTIME, RealtimePublisher, SendResult, WIDGET_PUSH_EVENTS, widgetRoom,
} from '@parley/channels-core';
import { webchatLimitsProblem } from './webchat-limits';

/** Web chat: the "provider" is our own socket.io namespace, so sending is a room emit. */
@Injectable()
export class WebchatAdapter implements ChannelAdapter {
  readonly channel = 'webchat' as const;

  constructor(@Inject(REALTIME) private readonly realtime: RealtimePublisher) {}

  /** The only settings of a web chat inbox are its abuse limits (`webchat-limits.ts`). */
  async configure(inbox: InboxRef): Promise<void> {
    const problem = webchatLimitsProblem(inbox.config);
    if (problem) throw new Error(problem);
  }

  async send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult> {
    const payload: WidgetMessage = {
      id: message.messageId,
      clientMessageId: null,
      direction: 'outbound',
      content: message.content,
      authorName: message.authorName,
      ...(message.attachments.length ? { attachments: message.attachments } : {}),
      createdAt: message.createdAt.toISOString(),
    };
    this.realtime.toWidgetRoom(widgetRoom(inbox.id, message.customerId), WIDGET_PUSH_EVENTS.messageNew, payload);
    const buttons = message.metadata?.survey ? message.metadata.buttons : null;
    if (Array.isArray(buttons)) {
      const options = buttons.map((b: { text?: unknown }) => String(b?.text ?? '')).filter(Boolean).slice(0, 11);
      const survey: WidgetSurveyEvent = { messageId: message.messageId, options };
      this.realtime.toWidgetRoom(widgetRoom(inbox.id, message.customerId), WIDGET_PUSH_EVENTS.survey, survey);
    }
    // The visitor's widget keeps history and dedupes by id, so "sent" is final for this channel.
    return { providerMessageId: message.messageId, status: 'sent' };
  }
}

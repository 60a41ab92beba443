import type { Sentiment } from '../sentiment/sentiment-analyzer';
import { dispatchFact } from './domain-event-listener';

/** Sentiment of a customer's message as the sentiment listener stored it. */
export interface MessageSentimentFact {
  conversationId: string;
  label: Sentiment;
  score: number;
  language: string;
}

/** By message id: the inbound messages of the dispatch the sentiment listener analysed. */
export const MESSAGE_SENTIMENTS = dispatchFact<ReadonlyMap<string, MessageSentimentFact>>('message-sentiments');

/** What routing did with a conversation after a customer's message. */
export interface RoutingOutcomeFact {
  /** Routing assigned an agent just now. */
  assigned: boolean;
  /** The conversation as routing last read it (null: gone), to spare the next listener a read. */
  conversation?: { id: string; status: string; firstResponseAt: Date | null; assigneeId: string | null } | null;
}

/** By conversation id: set by the routing listener for `message.received`. */
export const ROUTING_OUTCOMES = dispatchFact<ReadonlyMap<string, RoutingOutcomeFact>>('routing-outcomes');

/** The listeners other listeners name in `after` (a name no listener registers is ignored, so spell it once). */
export const LISTENER_NAMES = { sentiment: 'sentiment', routing: 'routing', sla: 'sla', xla: 'xla', surveys: 'surveys', notifications: 'notifications' } as const;

import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MessageDto } from '@parley/contracts';
import type { InboundMessage } from '@parley/channels-core';

/** An inbound message that answers something Parley asked (a survey): it must not reopen anything. */
export interface InboundClaim {
  /** The conversation the message is stored in, whatever its status; it stays as it is. */
  conversationId: string;
  /** Who claimed it, handed back to that hook after commit. */
  hook: string;
  data: Record<string, unknown>;
}

export interface InboundClaimContext {
  inbound: InboundMessage;
  customerId: string;
  customerName: string | null;
}

/**
 * What capabilities built on conversations (surveys) plug into the ingest transaction,
 * channel-agnostic and without the pipeline knowing them: they register here when their module
 * starts. Reactions after commit are domain event listeners (@parley/domain), not hooks.
 */
export interface ConversationHook {
  name: string;
  /**
   * Inside the ingest transaction, after identity resolution: return a claim to store the message
   * in that conversation without reopening it and without the inbound follow-up (routing, SLA).
   */
  claimInbound?(em: EntityManager, ctx: InboundClaimContext): Promise<InboundClaim | null>;
  /**
   * Read-only: for each message, whether `claimInbound` could act on it (one query for a batch).
   * Without it a hook is taken to maybe claim every message, and ingest takes its transactional path.
   */
  mayClaim?(em: EntityManager, ctxs: InboundClaimContext[]): Promise<boolean[]>;
  /** After the claimed message is committed. */
  claimed?(claim: InboundClaim, message: MessageDto): Promise<void>;
}

@Injectable()
export class ConversationHooks {
  private readonly logger = new Logger('conversation-hooks');
  private readonly hooks = new Map<string, ConversationHook>();

  register(hook: ConversationHook): void {
    this.hooks.set(hook.name, hook);
  }

  async claimInbound(em: EntityManager, ctx: InboundClaimContext): Promise<InboundClaim | null> {
    for (const hook of this.hooks.values()) {
      const claim = await hook.claimInbound?.(em, ctx);
      if (claim) return claim;
    }
    return null;
  }

  /** Whether any hook might claim the message (see `ConversationHook.mayClaim`). */
  async mayClaim(em: EntityManager, ctx: InboundClaimContext): Promise<boolean> {
    return (await this.mayClaimMany(em, [ctx]))[0];
  }

  /** `mayClaim` for each message of a batch (group commit). */
  async mayClaimMany(em: EntityManager, ctxs: InboundClaimContext[]): Promise<boolean[]> {
    const out = ctxs.map(() => false);
    for (const hook of this.hooks.values()) {
      if (!hook.claimInbound) continue;
      const open = ctxs.map((_, i) => i).filter((i) => !out[i]);
      if (open.length === 0) break;
      const answers = hook.mayClaim ? await hook.mayClaim(em, open.map((i) => ctxs[i])) : open.map(() => true);
      open.forEach((i, n) => (out[i] = answers[n]));
    }
    return out;
  }

  /** After-commit work must not fail the message that is already stored. */
  async claimed(claim: InboundClaim, message: MessageDto): Promise<void> {
    try {
      await this.hooks.get(claim.hook)?.claimed?.(claim, message);
    } catch (err) {
      this.logger.error(`${claim.hook} after claim: ${err}`);
    }
  }
}

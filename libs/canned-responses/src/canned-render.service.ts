import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CannedContextDto, CannedLanguage, RenderedCannedResponseDto } from '@parley/contracts';
import { cannedLanguageOf, chooseVariant, customerLanguage, renderCannedText } from '@parley/domain';
import type { CannedActor } from './canned-scope';
import { CannedResponsesService } from './canned-responses.service';
import { channelFitness } from './channel-fitness';
import { CANNED_RESPONSES_REPOSITORY, type CannedRenderContext, type CannedResponsesRepository } from './ports/canned-responses.repository';

/**
 * A response made ready for one conversation: the variant in the customer's language, the
 * placeholders filled (those without a value listed as missing, never silently dropped) and how
 * the text fits the channel.
 */
@Injectable()
export class CannedRenderService {
  constructor(
    @Inject(CANNED_RESPONSES_REPOSITORY) private readonly repo: CannedResponsesRepository,
    private readonly responses: CannedResponsesService,
  ) {}

  async context(conversationId: string): Promise<CannedContextDto> {
    return { language: languageOf(await this.conversation(conversationId)) };
  }

  /** `language` picks a variant; absent, the customer's is taken (the other one when the response lacks it). */
  async render(actor: CannedActor, id: string, conversationId: string, language?: string | null, now = new Date()): Promise<RenderedCannedResponseDto> {
    const wanted = language ? cannedLanguageOf(language) : null;
    if (language && !wanted) throw new BadRequestException(`language: "${language}" is not one of ru, en`);
    const response = await this.responses.usable(actor, id);
    const context = await this.conversation(conversationId);
    const variant = chooseVariant(response.variants, wanted ?? languageOf(context));
    const rendered = renderCannedText(variant.text, {
      customer: context.customer,
      agent: { name: actor.name },
      conversation: { id: context.conversation.id },
    });
    return {
      text: rendered.text,
      language: variant.language,
      missing: rendered.missing,
      fitness: channelFitness(rendered.text, context, response.whatsappTemplate, now),
      attachments: await this.repo.attachments(response.attachments),
    };
  }

  private async conversation(conversationId: string): Promise<CannedRenderContext> {
    const context = await this.repo.renderContext(conversationId);
    if (!context) throw new NotFoundException(`Conversation ${conversationId} not found`);
    return context;
  }
}

function languageOf(context: CannedRenderContext): CannedLanguage | null {
  return customerLanguage({ attributes: context.customer.attributes, lastWords: context.lastCustomerWords });
}

import { BadRequestException, Controller, ForbiddenException, HttpException, Inject, Logger, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ChannelAdapter, InboundRequest, InboxRef, WebhookAck } from '@parley/channels-core';
import { isId } from '@parley/domain';
import { ChannelRegistry, IngestService, OutboundService } from '@parley/conversations';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { Public } from '../auth/auth.decorators';
import { InboxesService } from '../inboxes/inboxes.service';

/**
 * Providers → Parley, one controller for every channel: find the inbox, let its adapter verify
 * the signature and parse the payload, queue (or, for `ingestInline` adapters, store) what it found
 * durably, and only then acknowledge.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks')
export class WebhooksController {
  private readonly logger = new Logger(WebhooksController.name);

  constructor(
    @Inject(CONFIG) private readonly config: ParleyConfig,
    private readonly inboxes: InboxesService,
    private readonly channels: ChannelRegistry,
    private readonly ingest: IngestService,
    private readonly outbound: OutboundService,
  ) {}

  @Post(':provider/:inboxId')
  async inbound(@Param('provider') provider: string, @Param('inboxId') inboxId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { adapter, inbox, request } = await this.verified(provider, inboxId, req);
    if (!adapter.parse) throw new NotFoundException(`The ${provider} webhook takes no messages`);
    const messages = await this.safely(() => adapter.parse!(request, inbox));
    for (const message of messages) {
      if (adapter.ingestInline) await this.ingest.ingest(message);
      else await this.ingest.enqueue(message);
    }
    this.reply(res, adapter.acknowledge?.());
  }

  @Post(':provider/:inboxId/status')
  async status(@Param('provider') provider: string, @Param('inboxId') inboxId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { adapter, inbox, request } = await this.verified(provider, inboxId, req);
    if (!adapter.parseStatus) throw new NotFoundException(`The ${provider} webhook takes no status reports`);
    const updates = await this.safely(() => adapter.parseStatus!(request, inbox));
    for (const update of updates) await this.outbound.receiveDeliveryStatus(inbox.id, update);
    this.reply(res, adapter.acknowledge?.());
  }

  private async verified(provider: string, inboxId: string, req: Request): Promise<{ adapter: ChannelAdapter; inbox: InboxRef; request: InboundRequest }> {
    if (!isId(inboxId)) throw new NotFoundException('Unknown inbox');
    const entity = await this.inboxes.forWebhook(inboxId);
    const adapter = entity ? this.channels.find(entity.channel) : undefined;
    if (!entity || !adapter || adapter.provider !== provider) throw new NotFoundException('Unknown inbox');
    const inbox: InboxRef = { id: entity.id, channel: entity.channel, config: entity.config };
    const request: InboundRequest = {
      // Signatures cover the URL the provider called, which behind a proxy is PUBLIC_URL's.
      url: this.config.publicUrl + req.originalUrl,
      headers: req.headers,
      body: req.body,
      rawBody: (req as Request & { rawBody?: Buffer }).rawBody,
    };
    if (!adapter.verify || !(await adapter.verify(request, inbox))) {
      this.logger.warn({ provider, inboxId }, 'webhook rejected: bad or missing signature');
      throw new ForbiddenException('Invalid webhook signature');
    }
    return { adapter, inbox, request };
  }

  /** A payload the adapter cannot read is the sender's fault: 400 with the reason, not a 500. */
  private async safely<T>(work: () => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof HttpException) throw err;
      throw new BadRequestException(`Malformed payload: ${err.message}`);
    }
  }

  private reply(res: Response, ack: WebhookAck | undefined): void {
    if (!ack) {
      res.status(204).end();
      return;
    }
    res.status(ack.status);
    if (ack.contentType) res.type(ack.contentType);
    res.send(ack.body ?? '');
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { useAttachmentLinkKeys } from '@parley/persistence';
import { SecretsService } from './secrets.service';

/** Gives the attachment link signer its keys at start, in the api and the worker alike (both sign links). */
@Injectable()
export class AttachmentLinkKey implements OnModuleInit {
  constructor(private readonly secrets: SecretsService) {}

  async onModuleInit(): Promise<void> {
    useAttachmentLinkKeys(await this.secrets.tokenKeys(), await this.secrets.visitorSecret());
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { useAttachmentLinkSecret } from '@parley/persistence';
import { SecretsService } from './secrets.service';

/** Gives the attachment link signer its key at start, in the api and the worker alike (both sign links). */
@Injectable()
export class AttachmentLinkKey implements OnModuleInit {
  constructor(private readonly secrets: SecretsService) {}

  async onModuleInit(): Promise<void> {
    useAttachmentLinkSecret(await this.secrets.visitorSecret());
  }
}

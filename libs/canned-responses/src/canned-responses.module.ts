import { Module } from '@nestjs/common';
import { CannedCsvService } from './canned-csv.service';
import { CannedRenderService } from './canned-render.service';
import { CannedResponsesService } from './canned-responses.service';
import { CANNED_RESPONSES_REPOSITORY } from './ports/canned-responses.repository';
import { TypeOrmCannedResponsesRepository } from './typeorm-canned-responses.repository';

/** Canned responses: the agents' saved answers, rendered for a conversation, imported and exported as CSV. */
@Module({
  providers: [
    { provide: CANNED_RESPONSES_REPOSITORY, useClass: TypeOrmCannedResponsesRepository },
    CannedResponsesService, CannedRenderService, CannedCsvService,
  ],
  exports: [CannedResponsesService, CannedRenderService, CannedCsvService],
})
export class CannedResponsesModule {}

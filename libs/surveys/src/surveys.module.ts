import { Module } from '@nestjs/common';
import { SlaModule } from '@parley/sla';
import { SurveysProcessor } from './surveys.processor';
import { SurveysService } from './surveys.service';

/** Surveys after resolution. Every process that ingests or resolves needs it (its hooks). */
@Module({
  imports: [SlaModule],
  providers: [SurveysService],
  exports: [SurveysService],
})
export class SurveysModule {}

/** What processes with the worker role add: sending surveys and handling answers. */
@Module({
  imports: [SurveysModule],
  providers: [SurveysProcessor],
})
export class SurveysWorkerModule {}

import { type DynamicModule, Module } from '@nestjs/common';
import { BULK_MACRO_APPLIER } from '@parley/conversations';
import { CannedResponsesModule } from '@parley/canned-responses';
import { ConversationsModule } from '@parley/conversations';
import { SurveysModule } from '@parley/surveys';
import { MacroApplier } from './macro-applier.service';
import { MacroBulkApplier } from './macro-bulk-applier';
import { MacroChecks } from './macro-checks.service';
import { MacroRunsService } from './macro-runs.service';
import { MacrosService } from './macros.service';
import { NestMacroTargets } from './nest-macro-targets';
import { MACROS_REPOSITORY } from './ports/macros.repository';
import { MACRO_TARGETS } from './ports/macro-targets.port';
import { TypeOrmMacrosRepository } from './typeorm-macros.repository';

type ModuleRef = DynamicModule;

/**
 * Applying macros to conversations (checks, the applier, the bulk runner's BULK_MACRO_APPLIER), over
 * the labels module the composition built. Kept apart from MacrosModule, which starts bulk runs:
 * the bulk operations module needs this one, and MacrosModule needs the bulk operations.
 */
@Module({})
export class MacroApplyModule {
  static forRoot(labels: ModuleRef): DynamicModule {
    return {
      module: MacroApplyModule,
      imports: [ConversationsModule, labels, CannedResponsesModule, SurveysModule],
      providers: [
        { provide: MACROS_REPOSITORY, useClass: TypeOrmMacrosRepository },
        { provide: MACRO_TARGETS, useClass: NestMacroTargets },
        MacroChecks, MacroApplier, MacroBulkApplier,
      ],
      exports: [MACROS_REPOSITORY, MACRO_TARGETS, MacroChecks, MacroApplier, MacroBulkApplier],
    };
  }

  /** The BulkOperationsModule.forRoot option that lets its runner apply macros. */
  static bulkApplier(apply: DynamicModule) {
    return { imports: [apply], provider: { provide: BULK_MACRO_APPLIER, useExisting: MacroBulkApplier } };
  }
}

/** Macros: CRUD, previews, runs and their undo; `apply` from MacroApplyModule.forRoot, `bulk` the composed bulk operations module. */
@Module({})
export class MacrosModule {
  static forRoot(apply: DynamicModule, bulk: DynamicModule): DynamicModule {
    return {
      module: MacrosModule,
      imports: [apply, bulk],
      providers: [MacrosService, MacroRunsService],
      exports: [MacrosService, MacroRunsService],
    };
  }
}

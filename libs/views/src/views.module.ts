import { Module } from '@nestjs/common';
import { SAVED_VIEW_REPOSITORY } from './ports/saved-view.repository';
import { SavedViewsService } from './saved-views.service';
import { TypeOrmSavedViewRepository } from './typeorm-saved-view.repository';

/**
 * Saved views: named filters over conversations or customers. It keeps the views and who may see
 * them; counting and listing their matches is the conversations' and customers' (composed in the api).
 */
@Module({
  providers: [SavedViewsService, { provide: SAVED_VIEW_REPOSITORY, useClass: TypeOrmSavedViewRepository }],
  exports: [SavedViewsService],
})
export class ViewsModule {}

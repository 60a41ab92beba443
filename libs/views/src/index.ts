export * from './views.module';
export * from './saved-views.service';
export * from './ports/saved-view.repository';

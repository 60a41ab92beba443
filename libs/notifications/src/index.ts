export * from './notifications.module';
export * from './notification-centre.service';
export * from './collaborators.service';
export * from './notify.service';
export * from './notification.listener';

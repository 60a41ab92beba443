export * from './routing.module';
export * from './routing.service';
export * from './assignment.service';
export * from './presence.service';
export * from './teams.service';
export * from './routing-settings.service';
export * from './routing-strategy';
export * from './sentiment/sentiment-analyzer';

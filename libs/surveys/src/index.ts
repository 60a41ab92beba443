export * from './surveys.module';
export * from './surveys.service';
export * from './survey-scoring';
export * from './survey-answer-parser';
export * from './survey-texts';
export * from './survey-link-token';
export * from './survey-report';
export * from './survey-answer-window';

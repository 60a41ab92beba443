export * from './survey-scoring';
export * from './survey-answer-parser';
export * from './survey-answer-window';
export * from './survey-texts';
export * from './survey-report';

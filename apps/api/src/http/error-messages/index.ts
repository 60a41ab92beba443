export { errorLanguageOf, errorText, ERROR_LANGUAGES, type ErrorCode, type ErrorLanguage } from './error-catalogue';
export { codeForStatus, recognizeMessage } from './known-errors';
export { LocalizedException } from './localized-exception';
export { issueText, validationExceptionFactory, ValidationFailedException, validationIssues, type ValidationIssue } from './validation-errors';
export { localizedMessage } from './localized-message';

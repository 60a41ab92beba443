import { errorText, hasErrorText, type ErrorLanguage } from './error-catalogue';
import { codeForStatus, recognizeMessage } from './known-errors';
import { LocalizedException } from './localized-exception';
import { issueText, ValidationFailedException } from './validation-errors';

/**
 * The code and the message of an error in the language asked for. `english` is the message as
 * thrown (or as the filter worded it); an English request gets exactly that, so the API answers
 * as before, plus a code.
 */
export function localizedMessage(err: unknown, statusCode: number, english: string, language: ErrorLanguage): { code: string; message: string } {
  if (err instanceof ValidationFailedException) {
    return { code: 'validation_failed', message: err.issues.map((i) => issueText(i, language)).join('; ') };
  }
  const known = err instanceof LocalizedException ? { code: err.code, params: err.params } : recognizeMessage(english);
  if (!known) return { code: codeForStatus(statusCode), message: english };
  const key = `errors.${known.code}`;
  const message = language === 'en' || !hasErrorText(key, language) ? english : errorText(language, key, known.params);
  return { code: known.code, message };
}

import { BadRequestException } from '@nestjs/common';
import { getMetadataStorage, type ValidationError } from 'class-validator';
import { errorText, hasErrorText, type ErrorLanguage } from './error-catalogue';

/** One failed constraint of one field, as class-validator reported it plus the constraint's arguments. */
export interface ValidationIssue {
  /** Dotted path from the body's root: `limits.messagesPerMinute`. */
  field: string;
  constraint: string;
  args: unknown[];
  /** class-validator's (or the decorator's own) English sentence, as Nest has always answered it. */
  english: string;
}

/** The ValidationPipe's exceptionFactory: the same 400 as Nest's own, with the issues kept for translation. */
export class ValidationFailedException extends BadRequestException {
  constructor(readonly issues: ValidationIssue[]) {
    super({ statusCode: 400, message: issues.map((i) => i.english), error: 'Bad Request' });
  }
}

/** Nest's own factory caps its messages; this one replaces it, so it caps them too (100,000 unknown fields are one short answer). */
const MAX_ISSUES = 20;
const OMITTED: ValidationIssue = { field: '', constraint: 'omitted', args: [], english: 'Further validation errors were omitted' };

export function validationExceptionFactory(errors: ValidationError[]): ValidationFailedException {
  const issues = validationIssues(errors);
  return new ValidationFailedException(issues.length > MAX_ISSUES ? [...issues.slice(0, MAX_ISSUES), OMITTED] : issues);
}

export function validationIssues(errors: ValidationError[], parent = ''): ValidationIssue[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      constraint,
      args: constraintArgs(error.target, error.property, constraint),
      // Nest prefixes a nested field's message with its parent's path; so do we.
      english: parent ? `${parent}.${message}` : message,
    }));
    return [...own, ...validationIssues(error.children ?? [], field)];
  });
}

/** The decorator's arguments (200 of @MaxLength(200)), read from class-validator's metadata of the DTO class. */
function constraintArgs(target: object | undefined, property: string, constraint: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && m.name === constraint);
  return metadata?.constraints ?? [];
}

/** One issue as a sentence naming the field: English as class-validator says it, Russian from the catalogue. */
export function issueText(issue: ValidationIssue, language: ErrorLanguage): string {
  if (language === 'en') return issue.english;
  const [first] = issue.args;
  const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : value && typeof value === 'object' ? Object.values(value).join(', ') : String(value ?? ''));
  const params: Record<string, unknown> = { field: issue.field };
  switch (issue.constraint) {
    case 'maxLength':
    case 'minLength':
    case 'arrayMaxSize':
    case 'arrayMinSize':
      params.count = Number(first);
      break;
    case 'min':
    case 'max':
      params.limit = first;
      break;
    case 'isIn':
      params.values = list(first);
      break;
    case 'isEnum':
      params.values = list(issue.args[1] ?? first);
      break;
  }
  const key = hasErrorText(`validation.${issue.constraint}`, language) ? `validation.${issue.constraint}` : 'validation.unknown';
  return errorText(language, key, params);
}

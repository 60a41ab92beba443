import { isEmail, registerDecorator, ValidationOptions } from 'class-validator';

// PostgreSQL refuses NUL in text, and validator's isEmail throws on a lone surrogate (encodeURI):
// both were 500s. Checked first, inside the one validator, so nothing else sees such a string.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (value: unknown): value is string => typeof value === 'string' && !value.includes('\0') && !LONE_SURROGATE.test(value);

function textRule(name: string, message: string, check: (value: string) => boolean) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} ${message}`, ...options },
      validator: { validate: (value: unknown) => isStorableText(value) && check(value) },
    });
}

/** A string without NUL characters or broken UTF-16 (lone surrogates). */
export const IsStorableText = textRule('isStorableText', 'must be text without NUL characters or broken Unicode', () => true);

/** An email address; NUL characters and lone surrogates are refused rather than crashing the check. */
export const IsEmailAddress = textRule('isEmailAddress', 'must be an email', (value) => isEmail(value));

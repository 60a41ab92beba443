import { BadRequestException } from '@nestjs/common';
import { CANNED_VARIABLES, SHORTCODE_MAX, type CannedCheck, type CannedProblem } from '@parley/domain';

const LANGUAGE_NAMES = { en: 'English', ru: 'Russian' } as const;

/** The sentence an author reads for a refused response (the api's catalogue gives it in Russian too). */
export function problemMessage(p: CannedProblem): string {
  switch (p.problem) {
    case 'shortcode_invalid':
      return `Shortcode "${p.value}" is not valid: use up to ${SHORTCODE_MAX} letters, digits, - or _`;
    case 'title_required':
      return 'A canned response needs a title';
    case 'title_too_long':
      return `A canned response title must be at most ${p.max} characters long`;
    case 'text_required':
      return 'A canned response needs its text in English or in Russian';
    case 'text_too_long':
      return `The ${LANGUAGE_NAMES[p.language]} text must be at most ${p.max} characters long`;
    case 'unknown_variable':
      return `Unknown variable in the ${LANGUAGE_NAMES[p.language]} text: ${p.names.map((n) => `{{${n}}}`).join(', ')}. `
        + `Use ${[...CANNED_VARIABLES, 'customer.attributes.<key>'].map((n) => `{{${n}}}`).join(', ')}`;
  }
}

/** The checked value, or a 400 saying what is wrong. */
export function checked<T>(check: CannedCheck<T>): T {
  if (check.ok) return check.value;
  throw new BadRequestException(problemMessage(check));
}

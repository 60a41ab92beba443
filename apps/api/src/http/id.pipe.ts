import { HttpStatus, Injectable, PipeTransform } from '@nestjs/common';
import { isId } from '@parley/domain';
import { LocalizedException } from './error-messages';

/** Path ids are UUIDs; anything else is a 400 before it reaches a query. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (!isId(value)) throw new LocalizedException(HttpStatus.BAD_REQUEST, 'invalid_id', { value: String(value).slice(0, 60) });
    return value.toLowerCase();
  }
}

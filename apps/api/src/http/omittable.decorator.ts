import { ValidateIf } from 'class-validator';

/**
 * An optional field that may be left out but not sent as `null`: unlike `@IsOptional()`, which
 * skips validation for null too, a null here is validated (and refused by the field's type check)
 * instead of reaching a NOT NULL column or a `.trim()` as a 500. Fields where null means "clear"
 * keep `@IsOptional()` and say so with `nullable: true` in their API property.
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

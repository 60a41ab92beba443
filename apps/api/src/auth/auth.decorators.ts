import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role, UserLocale } from '@parley/contracts';

export const IS_PUBLIC = 'parley:public';
export const REQUIRED_ROLE = 'parley:role';

/** Routes outside the /api guard: login, health, webhooks (which verify signatures instead). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Least role a route needs; roles rank agent < supervisor < admin. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export interface AuthUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale?: UserLocale | null;
  /** The sign-in the access token belongs to. */
  sessionId?: string;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);

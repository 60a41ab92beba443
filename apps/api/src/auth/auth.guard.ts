import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@parley/contracts';
import { IS_PUBLIC, REQUIRED_ROLE } from './auth.decorators';
import { AuthService } from './auth.service';
import { hasRole } from './roles';

/** Global guard: every route needs a valid token and the agent role at least, unless @Public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    req.user = await this.auth.verify(token);
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'agent';
    if (!hasRole(req.user.role, required)) throw new ForbiddenException(`This needs the ${required} role`);
    return true;
  }
}

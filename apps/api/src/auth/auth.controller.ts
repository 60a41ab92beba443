import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import type { Request, Response } from 'express';
import type { LoginResponse, UserDto } from '@parley/contracts';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { AuthUser, CurrentUser, Public } from './auth.decorators';
import { AuthService, SignedIn, userDto } from './auth.service';
import { TooManyAttemptsException } from './login-attempts';
import { IsEmailAddress } from './text-fields';
import { clearRefreshCookie, refreshCookie, setRefreshCookie } from './refresh-cookie';
import { SessionsService } from './sessions.service';
import { hasRole } from './roles';

class LoginBody {
  @ApiProperty() @IsEmailAddress() @MaxLength(320) email: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}

class RevokeAllBody {
  @ApiPropertyOptional({ description: 'Another user (admin only); default: yourself' }) @ValidateIf((_, v) => v !== undefined) @IsUUID() userId?: string;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly sessions: SessionsService, @Inject(CONFIG) private readonly config: ParleyConfig) {}

  /** Also sets the refresh token as an HttpOnly cookie scoped to /api/auth. */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginBody, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    try {
      const signedIn = await this.auth.login(body.email, body.password, { ip: req.ip, userAgent: req.get('user-agent') });
      return this.respond(req, res, signedIn);
    } catch (err) {
      if (err instanceof TooManyAttemptsException) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  }

  /** A fresh access token for the refresh cookie, which is rotated. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    try {
      return this.respond(req, res, await this.auth.refresh(refreshCookie(req)));
    } catch (err) {
      if (err instanceof UnauthorizedException) clearRefreshCookie(req, res, this.config);
      throw err;
    }
  }

  /** Ends this sign-in (the cookie's session, and the bearer token's if one is sent). */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.endByToken(refreshCookie(req));
    const bearer = req.get('authorization');
    if (bearer?.startsWith('Bearer ')) {
      const user = await this.auth.verify(bearer.slice(7).trim()).catch(() => null);
      if (user?.sessionId) await this.sessions.revoke(user.sessionId);
    }
    clearRefreshCookie(req, res, this.config);
  }

  /** Signs out everywhere: every session of yourself, or (admin) of another user. */
  @ApiBearerAuth()
  @Post('sessions/revoke-all')
  @HttpCode(200)
  async revokeAll(@Body() body: RevokeAllBody, @CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ revoked: number }> {
    const target = body.userId ?? user.id;
    if (target !== user.id && !hasRole(user.role, 'admin')) throw new ForbiddenException('Only an admin may end another user\'s sessions');
    const revoked = await this.sessions.revokeAll(target);
    if (target === user.id) clearRefreshCookie(req, res, this.config);
    return { revoked };
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): UserDto {
    return userDto(user);
  }

  private respond(req: Request, res: Response, signedIn: SignedIn): LoginResponse {
    if (signedIn.refreshToken) setRefreshCookie(req, res, this.config, signedIn.refreshToken);
    // Not Cache-Control-able by proxies: the body holds a bearer token.
    res.setHeader('Cache-Control', 'no-store');
    return { accessToken: signedIn.accessToken, user: signedIn.user };
  }
}

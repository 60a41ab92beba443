import type { CookieOptions, Request, Response } from 'express';
import type { ParleyConfig } from '@parley/runtime';

export const REFRESH_COOKIE = 'parley_refresh';

// HttpOnly: page scripts (an XSS) never see it; SameSite=Strict: no other site can make the browser
// send it; the path keeps it off every request but sign-in's own.
function options(req: Request, config: ParleyConfig): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/api/auth', secure: req.secure || config.publicUrl.startsWith('https:') };
}

export function setRefreshCookie(req: Request, res: Response, config: ParleyConfig, token: string): void {
  res.cookie(REFRESH_COOKIE, token, { ...options(req, config), maxAge: config.sessionTtlSeconds * 1000 });
}

export function clearRefreshCookie(req: Request, res: Response, config: ParleyConfig): void {
  res.clearCookie(REFRESH_COOKIE, options(req, config));
}

export const refreshCookie = (req: Request): string | undefined => {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' ? value : undefined;
};

import { createHmac, timingSafeEqual } from 'node:crypto';

/** Email score links: `<base64url(surveyId.expiresAtMs)>.<hmac>`; the score is the customer's choice in the query. */
export function signSurveyLink(secret: string, surveyId: string, expiresAt: Date): string {
  const body = Buffer.from(`${surveyId}.${expiresAt.getTime()}`).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The survey id of a genuine, unexpired link; null for anything forged, altered or expired. */
export function verifySurveyLink(secret: string, token: string, now = new Date()): string | null {
  const [body, sig, extra] = String(token ?? '').split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [surveyId, exp] = Buffer.from(body, 'base64url').toString('utf8').split('.');
  if (!surveyId || !/^\d+$/.test(exp ?? '') || Number(exp) <= now.getTime()) return null;
  return surveyId;
}

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`survey-link\n${body}`).digest('base64url');

import { createHmac } from 'node:crypto';
import { safeEqual, signToken, verifyToken, type TokenKeyRing } from '@parley/domain';

/**
 * Email and SMS score links carry a signed token (`@parley/domain` tokens, purpose `survey-link`)
 * whose payload is the survey id, expiring with the link; the score is the customer's choice in the query.
 */
const PURPOSE = 'survey-link';

/** The token ring, and the secret of links sent before it (still in customers' mail and SMS until they expire). */
export interface SurveyLinkKeys {
  ring: TokenKeyRing;
  legacySecret: string;
}

export function signSurveyLink(ring: TokenKeyRing, surveyId: string, expiresAt: Date): string {
  return signToken(ring, PURPOSE, surveyId, { expiresAt });
}

/** The survey id of a genuine, unexpired link; null for anything forged, altered or expired. */
export function verifySurveyLink(keys: SurveyLinkKeys, token: string, now = new Date()): string | null {
  return verifyToken(keys.ring, PURPOSE, token, now)?.payload ?? verifyLegacySurveyLink(keys.legacySecret, token, now);
}

/**
 * Links sent before the signed-token format: `<base64url(surveyId.expiresAtMs)>.<HMAC-SHA256>`. They
 * expire 14 days after sending, after which this (and the survey_link_secret setting) can go.
 */
function verifyLegacySurveyLink(secret: string, token: string, now: Date): string | null {
  const [body, sig, extra] = String(token ?? '').split('.');
  if (!body || !sig || extra !== undefined || !safeEqual(sig, legacyMac(secret, body))) return null;
  const [surveyId, exp] = Buffer.from(body, 'base64url').toString('utf8').split('.');
  if (!surveyId || !/^\d+$/.test(exp ?? '') || Number(exp) <= now.getTime()) return null;
  return surveyId;
}

/** A link in the legacy format, as sent before the signed-token format: for tests of old links only. */
export function signLegacySurveyLink(secret: string, surveyId: string, expiresAt: Date): string {
  const body = Buffer.from(`${surveyId}.${expiresAt.getTime()}`).toString('base64url');
  return `${body}.${legacyMac(secret, body)}`;
}

const legacyMac = (secret: string, body: string) => createHmac('sha256', secret).update(`survey-link\n${body}`).digest('base64url');

import { signToken, TokenKeyRing } from '@parley/domain';
import { signLegacySurveyLink, signSurveyLink, verifySurveyLink } from './survey-link-token';

const ring = new TokenKeyRing([{ id: 'k2', secret: 'ключ-ссылок-на-опросы-второй-32-символа' }, { id: 'k1', secret: 'ключ-ссылок-на-опросы-первый-32-символа' }]);
const keys = { ring, legacySecret: 's3cret' };
const SURVEY = '0195f3a3-0000-7000-8000-000000000042';

describe('signed survey links', () => {
  const future = new Date(Date.now() + 86_400_000);

  it('accepts its own unexpired link', () => {
    const token = signSurveyLink(ring, SURVEY, future);
    expect(token.startsWith('k2.')).toBe(true);
    expect(verifySurveyLink(keys, token)).toBe(SURVEY);
  });

  it('rejects a forged, altered, expired or visitor token', () => {
    const token = signSurveyLink(ring, SURVEY, future);
    expect(verifySurveyLink({ ring: new TokenKeyRing([{ id: 'k2', secret: 'другой ключ' }]), legacySecret: 'other' }, token)).toBeNull();
    const [kid, , exp, mac] = token.split('.');
    expect(verifySurveyLink(keys, [kid, Buffer.from('survey-2').toString('base64url'), exp, mac].join('.'))).toBeNull();
    expect(verifySurveyLink(keys, signSurveyLink(ring, SURVEY, new Date(Date.now() - 1000)))).toBeNull();
    expect(verifySurveyLink(keys, signToken(ring, 'visitor', SURVEY))).toBeNull();
    expect(verifySurveyLink(keys, 'garbage')).toBeNull();
  });

  it('still accepts an unexpired link sent before the signed-token format, and only that', () => {
    const legacy = signLegacySurveyLink('s3cret', SURVEY, future);
    expect(verifySurveyLink(keys, legacy)).toBe(SURVEY);
    expect(verifySurveyLink({ ...keys, legacySecret: 'other' }, legacy)).toBeNull();
    const altered = `${Buffer.from(`survey-2.${future.getTime()}`).toString('base64url')}.${legacy.split('.')[1]}`;
    expect(verifySurveyLink(keys, altered)).toBeNull();
    expect(verifySurveyLink(keys, signLegacySurveyLink('s3cret', SURVEY, new Date(Date.now() - 1000)))).toBeNull();
  });
});

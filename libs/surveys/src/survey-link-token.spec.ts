import { signSurveyLink, verifySurveyLink } from './survey-link-token';

describe('signed survey links', () => {
  const future = new Date(Date.now() + 86_400_000);

  it('accepts its own unexpired link', () => {
    expect(verifySurveyLink('s3cret', signSurveyLink('s3cret', 'survey-1', future))).toBe('survey-1');
  });

  it('rejects a forged, altered or expired link', () => {
    const token = signSurveyLink('s3cret', 'survey-1', future);
    expect(verifySurveyLink('other', token)).toBeNull();
    const altered = `${Buffer.from(`survey-2.${future.getTime()}`).toString('base64url')}.${token.split('.')[1]}`;
    expect(verifySurveyLink('s3cret', altered)).toBeNull();
    expect(verifySurveyLink('s3cret', signSurveyLink('s3cret', 'survey-1', new Date(Date.now() - 1000)))).toBeNull();
    expect(verifySurveyLink('s3cret', 'garbage')).toBeNull();
  });
});

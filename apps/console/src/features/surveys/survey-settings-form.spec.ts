import { toForm, toInput, unknownPlaceholders } from './survey-settings-form';

describe('the survey settings form', () => {
  const scope = { scope: 'team' as const, scopeId: 'team-1' };

  it('starts with no survey and the usual limits when nothing is set', () => {
    expect(toForm(null)).toMatchObject({ choice: 'none', delayMinutes: '0', throttleDays: '30', commentWindowHours: '24' });
  });

  it('turns the form into the API body, keeping only the texts that were written', () => {
    const form = toForm({ id: 's', ...scope, enabled: true, type: 'nps', delayMinutes: 15, throttleDays: 7, commentWindowHours: 48, texts: { ru: { why: 'Почему?' } } });
    form.texts.en.question = ' Hi {{name}}, from {min} to {max}? ';
    expect(toInput(form, scope)).toEqual({
      errors: null,
      input: { ...scope, enabled: true, type: 'nps', delayMinutes: 15, throttleDays: 7, commentWindowHours: 48, texts: { en: { question: 'Hi {{name}}, from {min} to {max}?' }, ru: { why: 'Почему?' } } },
    });
  });

  it('keeps the survey type when the survey is switched off', () => {
    const form = { ...toForm(null), choice: 'none' as const };
    expect(toInput(form, scope, 'ces').input).toMatchObject({ enabled: false, type: 'ces' });
  });

  it('points at each bad field', () => {
    const form = { ...toForm(null), delayMinutes: '-1', throttleDays: '2.5', commentWindowHours: '0' };
    form.texts.ru.question = 'Привет, {nmae}!';
    expect(toInput(form, scope).errors).toEqual({
      delayMinutes: 'surveySettings.errors.delayMinutes',
      throttleDays: 'surveySettings.errors.throttleDays',
      commentWindowHours: 'surveySettings.errors.commentWindowHours',
      'ru.question': 'surveySettings.errors.placeholder',
    });
    expect(unknownPlaceholders('{name} {{name}} {max} {nmae} {{ foo }}')).toEqual(['{nmae}', '{{ foo }}']);
  });
});

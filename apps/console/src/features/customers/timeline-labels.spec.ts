import i18next, { type TFunction } from 'i18next';
import type { TimelineEventDto, TimelineEventType } from '@parley/contracts';
import en from '../../i18n/en.json';
import ru from '../../i18n/ru.json';
import { timelineLabel } from './timeline-event-view';

/** One realistic event per type; `satisfies` makes a new TimelineEventType fail to compile until it is added here. */
const SAMPLES = {
  message: { direction: 'inbound', content: 'Где мой заказ?', authorName: 'Мария' },
  note: { content: 'Перезвонить завтра', authorName: 'Ольга' },
  conversation_opened: { channel: 'webchat' },
  status_changed: { title: 'resolved', authorName: 'Ольга', data: { from: 'open', to: 'resolved' } },
  assigned: { title: 'Ольга', data: { assigneeId: 'u1', teamId: null } },
  crm_event: { title: 'Заказ №1042 оплачен', data: { eventType: 'payment', amount: 4990 } },
  customer_merged: { title: 'Анна', data: { sourceCustomerId: 'c2' } },
  customer_unmerged: { title: 'Анна', data: { sourceCustomerId: 'c2' } },
  transferred: { authorName: 'Ольга', data: { from: { teamId: 't1', agentId: null }, to: { teamId: 't2', agentId: null }, note: 'Вопрос по оплате' } },
  sla_breached: { title: 'first_response', data: { metric: 'first_response', targetSeconds: 300 } },
  xla_breached: { title: 'repeat_contact', data: { kind: 'repeat_contact', withinDays: 7 } },
  survey_sent: { content: 'Как вы оцените нашу помощь?', data: { surveyId: 's1', surveyType: 'csat' } },
  survey_answered: { data: { surveyId: 's1', surveyType: 'csat', score: 4, max: 5 } },
  label_added: { title: 'Refund / Возврат', authorName: 'Ольга', data: { labelId: 'l1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' } },
  label_removed: { title: 'Refund / Возврат', data: { labelId: 'l1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' } },
  priority_changed: { title: 'urgent', authorName: 'Ольга', data: { from: 'normal', to: 'urgent' } },
} satisfies Record<TimelineEventType, Partial<TimelineEventDto>>;

const event = (type: TimelineEventType, over: Partial<TimelineEventDto>): TimelineEventDto => ({
  id: `e-${type}`, type, occurredAt: '2026-12-01T10:00:00Z', customerId: 'c1', ...over,
});

async function translator(lng: 'en' | 'ru'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { en: { translation: en }, ru: { translation: ru } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  return instance.t;
}

describe('timeline labels', () => {
  let t: Record<'en' | 'ru', TFunction>;
  beforeAll(async () => {
    t = { en: await translator('en'), ru: await translator('ru') };
  });

  const types = Object.keys(SAMPLES) as TimelineEventType[];

  it.each(types)('says %s in words in English and in Russian', (type) => {
    const e = event(type, SAMPLES[type]);
    for (const lng of ['en', 'ru'] as const) {
      const label = timelineLabel(e, t[lng]);
      expect(label.trim()).not.toBe('');
      expect(label).not.toContain(type);
      // No raw codes (survey_sent, first_response) and no untranslated keys (timeline.surveySent).
      expect(label).not.toMatch(/[a-z]+_[a-z]+|timeline\.|\{\{/);
    }
    if (type !== 'crm_event') expect(timelineLabel(e, t.ru)).not.toBe(timelineLabel(e, t.en));
  });

  it('names the survey and its score', () => {
    const sent = event('survey_sent', SAMPLES.survey_sent);
    const answered = event('survey_answered', SAMPLES.survey_answered);
    expect(timelineLabel(sent, t.en)).toBe('CSAT survey sent');
    expect(timelineLabel(sent, t.ru)).toBe('Отправлен опрос CSAT');
    expect(timelineLabel(answered, t.en)).toBe('Survey answered: 4 of 5');
    expect(timelineLabel(answered, t.ru)).toBe('Ответ на опрос: 4 из 5');
  });

  it('reads the scale of an older answer from its survey type', () => {
    const nps = event('survey_answered', { title: 'NPS 9/10', data: { surveyType: 'nps', score: 9 } });
    expect(timelineLabel(nps, t.ru)).toBe('Ответ на опрос: 9 из 10');
  });

  it('names the label in the console language, and who added it', () => {
    expect(timelineLabel(event('label_added', SAMPLES.label_added), t.ru, 'ru')).toBe('Добавлена метка «Возврат» — Ольга');
    expect(timelineLabel(event('label_added', SAMPLES.label_added), t.en, 'en')).toBe('Label “Refund” added by Ольга');
    expect(timelineLabel(event('label_removed', SAMPLES.label_removed), t.ru, 'ru')).toBe('Снята метка «Возврат»');
  });

  it('says what was breached', () => {
    expect(timelineLabel(event('sla_breached', SAMPLES.sla_breached), t.ru)).toBe('Нарушен SLA: первый ответ');
    expect(timelineLabel(event('xla_breached', SAMPLES.xla_breached), t.en)).toBe('Experience target missed: the customer came back with the same issue');
  });
});

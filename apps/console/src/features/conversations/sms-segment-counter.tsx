import { useTranslation } from 'react-i18next';
import { countSmsSegments, TWILIO_MAX_BODY as MAX_BODY, type Channel } from '@parley/contracts';

/** Under the composer: how many SMS the reply costs (SMS), or how much room is left (WhatsApp). */
export function SmsSegmentCounter({ channel, text }: { channel: Channel; text: string }) {
  const { t } = useTranslation();
  if (channel !== 'sms' && channel !== 'whatsapp') return null;
  const over = text.length > MAX_BODY;
  if (channel === 'whatsapp') {
    return (
      <span className={`sms-counter ${over ? 'is-over' : ''}`} data-testid="sms-counter">
        {t('composer.characters', { length: text.length, max: MAX_BODY })}
      </span>
    );
  }
  const count = countSmsSegments(text);
  return (
    <span
      className={`sms-counter ${over ? 'is-over' : ''}`}
      data-testid="sms-counter"
      data-segments={count.segments}
      title={t(count.encoding === 'UCS-2' ? 'composer.ucs2Hint' : 'composer.gsmHint')}
    >
      {t('composer.smsSegments', { segments: count.segments, remaining: count.remaining, encoding: count.encoding })}
    </span>
  );
}

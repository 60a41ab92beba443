import { countSmsSegments, TWILIO_MAX_BODY, type CannedFitnessDto, type Channel } from '@parley/contracts';
import { insideWhatsAppWindow } from '@parley/domain';
import type { CannedRenderContext } from './ports/canned-responses.repository';

/** What one message on a channel holds, in characters; email and web chat take any canned response. */
const MAX_LENGTH: Partial<Record<Channel, number>> = {
  sms: TWILIO_MAX_BODY,
  whatsapp: TWILIO_MAX_BODY,
  // https://core.telegram.org/bots/api#sendmessage
  telegram: 4096,
};

/**
 * How a rendered text fits the conversation's channel: SMS parts, a text over the channel's size,
 * and on WhatsApp the 24-hour window (with the template this response offers outside it).
 */
export function channelFitness(text: string, context: CannedRenderContext, whatsappTemplate: string | null, now: Date): CannedFitnessDto {
  const { channel, lastInboundAt } = context.conversation;
  const fitness: CannedFitnessDto = {};
  const max = MAX_LENGTH[channel];
  if (max !== undefined) {
    fitness.maxLength = max;
    fitness.tooLong = [...text].length > max;
  }
  if (channel === 'sms') fitness.smsSegments = countSmsSegments(text).segments;
  if (channel === 'whatsapp') {
    fitness.whatsappWindowClosed = !insideWhatsAppWindow(lastInboundAt, now);
    if (fitness.whatsappWindowClosed) fitness.template = offeredTemplate(whatsappTemplate, context.templates);
  }
  return fitness;
}

/** The inbox's template the response names (by id or name, any case); null when the inbox has none such. */
function offeredTemplate(wanted: string | null, templates: CannedRenderContext['templates']): CannedFitnessDto['template'] {
  if (!wanted) return null;
  const key = wanted.trim().toLowerCase();
  const found = templates.find((t) => t.id.toLowerCase() === key || t.name.trim().toLowerCase() === key);
  return found ? { id: found.id, name: found.name } : null;
}

export type OptKeyword = 'stop' | 'start' | 'help';

/**
 * Whole-message keywords. The English ones are Twilio's default Advanced Opt-Out list, so our
 * record agrees with what Twilio enforces (https://help.twilio.com/articles/223134027); the
 * Russian ones Twilio does not know, so only Parley honours them. Words that also mean something
 * else in a support chat ("отмена" — cancel my order) are deliberately left out.
 */
const KEYWORDS: Record<string, OptKeyword> = {
  STOP: 'stop',
  STOPALL: 'stop',
  UNSUBSCRIBE: 'stop',
  CANCEL: 'stop',
  END: 'stop',
  QUIT: 'stop',
  OPTOUT: 'stop',
  REVOKE: 'stop',
  СТОП: 'stop',
  ОТПИСАТЬСЯ: 'stop',
  ОТПИСКА: 'stop',
  START: 'start',
  UNSTOP: 'start',
  YES: 'start',
  СТАРТ: 'start',
  ПОДПИСАТЬСЯ: 'start',
  HELP: 'help',
  INFO: 'help',
  ПОМОЩЬ: 'help',
  СПРАВКА: 'help',
};

const LONGEST = Math.max(...Object.keys(KEYWORDS).map((k) => k.length));
const TRAILING = /[\s.!?]/;

/** The keyword a message consists of (case, spaces and trailing punctuation ignored), if any. */
export function optKeyword(body: string | null | undefined): OptKeyword | null {
  if (!body || body.length > 40) return null;
  // Every inbound SMS passes here: anything longer than a keyword is turned away before any
  // case folding.
  const trimmed = body.trim();
  let end = trimmed.length;
  while (end > 0 && TRAILING.test(trimmed[end - 1])) end--;
  if (end === 0 || end > LONGEST) return null;
  const word = trimmed.slice(0, end).toUpperCase().replace(/Ё/g, 'Е');
  return KEYWORDS[word] ?? null;
}

/** Twilio's own verdict (OptOutType, sent when Advanced Opt-Out is on) wins over ours. */
export function optKeywordOf(params: { OptOutType?: string; Body?: string }): OptKeyword | null {
  const twilio = params.OptOutType?.toLowerCase();
  if (twilio === 'stop' || twilio === 'start' || twilio === 'help') return twilio;
  return optKeyword(params.Body);
}

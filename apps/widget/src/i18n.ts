// A two-language dictionary kept in the bundle on purpose: i18next would cost more than the
// whole widget UI. `ru` is typed against `en`, so a missing translation fails the type check.

export type Locale = 'en' | 'ru';

const en = {
  title: 'Chat with us',
  subtitle: 'Online — we usually reply within a few minutes',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unread: 'New messages: {count}',
  messages: 'Messages',
  empty: 'Ask us anything, we are happy to help.',
  placeholder: 'Type a message…',
  send: 'Send',
  sending: 'Sending…',
  notSent: 'Not sent',
  retry: 'Retry',
  agent: 'Support',
  typingNamed: '{name} is typing…',
  typingAnonymous: 'Support is typing…',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  offline: 'You are offline. Messages will be sent when the connection is back.',
  unavailable: 'Chat is unavailable right now. Please try again later.',
  error: 'Something went wrong. Please try again.',
  prechatTitle: 'Before we start',
  prechatIntro: 'Leave your name and email so we can get back to you. This is optional.',
  name: 'Name',
  email: 'Email',
  invalidEmail: 'Please enter a valid email address.',
  startChat: 'Start chat',
  skip: 'Skip',
  onlineWithin: 'Online — we usually reply within ~{time}',
  awayBack: "We're away — back {when} ({timezone})",
  awayReply: "We're away — we'll reply within ~{time}",
  agentsOffline: "All agents are offline — leave a message, we'll reply by email or here",
  whenToday: 'today at {time}',
  whenTomorrow: 'tomorrow at {time}',
  whenDay0: 'on Sunday at {time}',
  whenDay1: 'on Monday at {time}',
  whenDay2: 'on Tuesday at {time}',
  whenDay3: 'on Wednesday at {time}',
  whenDay4: 'on Thursday at {time}',
  whenDay5: 'on Friday at {time}',
  whenDay6: 'on Saturday at {time}',
  minutes: '{count} min',
  hours: '{count} h',
  seen: 'Seen',
  attachment: 'Attachment',
} as const;

export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;

const ru: Dictionary = {
  title: 'Напишите нам',
  subtitle: 'В сети — обычно отвечаем в течение нескольких минут',
  openChat: 'Открыть чат',
  closeChat: 'Закрыть чат',
  unread: 'Новых сообщений: {count}',
  messages: 'Сообщения',
  empty: 'Задайте любой вопрос, мы с радостью поможем.',
  placeholder: 'Введите сообщение…',
  send: 'Отправить',
  sending: 'Отправляется…',
  notSent: 'Не отправлено',
  retry: 'Повторить',
  agent: 'Поддержка',
  typingNamed: '{name} печатает…',
  typingAnonymous: 'Поддержка печатает…',
  connecting: 'Подключение…',
  reconnecting: 'Связь потеряна. Переподключаемся…',
  offline: 'Нет соединения. Сообщения отправятся, когда связь восстановится.',
  unavailable: 'Чат сейчас недоступен. Попробуйте позже.',
  error: 'Что-то пошло не так. Попробуйте ещё раз.',
  prechatTitle: 'Перед началом',
  prechatIntro: 'Оставьте имя и email, чтобы мы могли ответить. Это необязательно.',
  name: 'Имя',
  email: 'Email',
  invalidEmail: 'Введите корректный email.',
  startChat: 'Начать чат',
  skip: 'Пропустить',
  onlineWithin: 'В сети — обычно отвечаем в течение ~{time}',
  awayBack: 'Сейчас нас нет — вернёмся {when} ({timezone})',
  awayReply: 'Сейчас нас нет — ответим в течение ~{time}',
  agentsOffline: 'Все операторы не в сети — оставьте сообщение, мы ответим по email или здесь',
  whenToday: 'сегодня в {time}',
  whenTomorrow: 'завтра в {time}',
  whenDay0: 'в воскресенье в {time}',
  whenDay1: 'в понедельник в {time}',
  whenDay2: 'во вторник в {time}',
  whenDay3: 'в среду в {time}',
  whenDay4: 'в четверг в {time}',
  whenDay5: 'в пятницу в {time}',
  whenDay6: 'в субботу в {time}',
  minutes: '{count} мин',
  hours: '{count} ч',
  seen: 'Просмотрено',
  attachment: 'Вложение',
};

export const DICTIONARIES: Record<Locale, Dictionary> = { en, ru };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** An explicit choice (init option, data-locale) wins; otherwise the browser language decides. */
export function pickLocale(explicit: string | null | undefined, browserLanguage: string | null | undefined): Locale {
  return matchLocale(explicit) ?? (matchLocale(browserLanguage) === 'ru' ? 'ru' : 'en');
}

function matchLocale(tag: string | null | undefined): Locale | null {
  const normalized = (tag ?? '').trim().toLowerCase();
  if (normalized.startsWith('ru')) return 'ru';
  if (normalized.startsWith('en')) return 'en';
  return null;
}

export function createTranslator(locale: Locale): Translate {
  const dictionary = DICTIONARIES[locale];
  return (key, vars) =>
    dictionary[key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      vars && name in vars ? String(vars[name]) : placeholder,
    );
}

import 'reflect-metadata';
import { ConflictException, HttpStatus, NotFoundException, UnprocessableEntityException, UnauthorizedException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { errorLanguageOf, issueText, LocalizedException, localizedMessage, validationExceptionFactory } from './index';

class Limits {
  @IsInt() @Min(1) @Max(1000) messagesPerMinute: number;
}

class InboxBody {
  @IsString() @MaxLength(200) name: string;
  @IsEmail() email: string;
  @IsIn(['webchat', 'email']) channel: string;
  @IsOptional() @ArrayMaxSize(3) tags?: string[];
  @IsOptional() @ValidateNested() @Type(() => Limits) limits?: Limits;
}

function validationError(body: Record<string, unknown>) {
  const errors = validateSync(plainToInstance(InboxBody, body), { whitelist: true, forbidNonWhitelisted: true });
  return validationExceptionFactory(errors);
}

const say = (err: unknown, status: number, english: string, lang: 'ru' | 'en') => localizedMessage(err, status, english, lang);

describe('error messages', () => {
  const valid = { name: 'Магазин', email: 'shop@example.com', channel: 'webchat' };

  it('words every failed constraint in Russian with its arguments, naming the field', () => {
    const err = validationError({ ...valid, name: 'Я'.repeat(201), email: 'не почта', channel: 'fax', tags: ['а', 'б', 'в', 'г'], colour: 'red', limits: { messagesPerMinute: 0 } });
    const ru = err.issues.map((i) => issueText(i, 'ru'));
    expect(ru).toEqual(expect.arrayContaining([
      'Поле «name» должно быть не длиннее 200 символов',
      'Поле «email» должно быть адресом электронной почты',
      'Поле «channel» должно быть одним из значений: webchat, email',
      'В поле «tags» должно быть не больше 3 элементов',
      'Поле «colour» не предусмотрено',
      'Поле «limits.messagesPerMinute» должно быть не меньше 1',
    ]));
    expect(ru).toHaveLength(6);
  });

  it('keeps class-validator English for English readers, as Nest answered before', () => {
    const err = validationError({ ...valid, name: 5, colour: 'red' });
    expect(err.getResponse()).toMatchObject({ statusCode: 400, message: expect.arrayContaining(['property colour should not exist', 'name must be a string']) });
    expect(say(err, 400, '', 'en')).toEqual({ code: 'validation_failed', message: expect.stringContaining('property colour should not exist') });
    expect(say(err, 400, '', 'ru').message).toMatch(/Поле «colour» не предусмотрено/);
  });

  it('uses the Russian plural forms', () => {
    const one = validationError({ ...valid, limits: { messagesPerMinute: 1001 } });
    expect(issueText(one.issues[0], 'ru')).toBe('Поле «limits.messagesPerMinute» должно быть не больше 1000');
    expect(say(new LocalizedException(HttpStatus.BAD_REQUEST, 'password_too_short', { count: 10 }), 400, '', 'ru').message).toBe('Пароль должен быть не короче 10 символов');
    expect(say(new LocalizedException(HttpStatus.BAD_REQUEST, 'password_too_short', { count: 21 }), 400, '', 'ru').message).toBe('Пароль должен быть не короче 21 символа');
  });

  it('recognizes the common English messages thrown across the libs and keeps a stable code', () => {
    const id = '0b5f7c1e-3d6a-4a44-9b1e-2f0c9d8e7a61';
    expect(say(new NotFoundException(`Conversation ${id} not found`), 404, `Conversation ${id} not found`, 'ru')).toEqual({ code: 'conversation_not_found', message: `Диалог ${id} не найден` });
    expect(say(new NotFoundException(`Conversation ${id} not found`), 404, `Conversation ${id} not found`, 'en')).toEqual({ code: 'conversation_not_found', message: `Conversation ${id} not found` });
    expect(say(new UnauthorizedException('Wrong email or password'), 401, 'Wrong email or password', 'ru')).toEqual({ code: 'auth_wrong_credentials', message: 'Неверный email или пароль' });
    expect(say(null, 429, 'Too many sign-in attempts: try again in 30 s', 'ru')).toEqual({ code: 'rate_limited_sign_in', message: 'Слишком много попыток входа: повторите через 30 с' });
    expect(say(null, 400, 'Password is too common: choose one that is not on lists of leaked passwords', 'ru').code).toBe('password_too_common');
    expect(say(new ConflictException('A user with email olga@example.com already exists'), 409, 'A user with email olga@example.com already exists', 'ru').message)
      .toBe('Пользователь с email olga@example.com уже существует');
  });

  it('words the Viber file refusals in Russian and English', () => {
    const big = 'Viber takes files of up to 50 MB: "архив.zip" is 61.0 MB';
    expect(say(new UnprocessableEntityException(big), 422, big, 'ru')).toEqual({ code: 'viber_file_too_large', message: 'Viber принимает файлы до 50 МБ, а «архив.zip» — 61.0 МБ' });
    expect(say(new UnprocessableEntityException(big), 422, big, 'en')).toEqual({ code: 'viber_file_too_large', message: big });
    const exe = 'Viber does not deliver files of this type: "setup.exe"';
    expect(say(new UnprocessableEntityException(exe), 422, exe, 'ru')).toEqual({ code: 'viber_file_type_refused', message: 'Viber не доставляет файлы такого типа: «setup.exe»' });
  });

  it('words the customer panel and merge refusals in Russian', () => {
    const phone = 'phone: "не телефон" is not a valid phone number (write it with the country code, e.g. +7 916 123-45-67)';
    expect(say(null, 400, phone, 'ru')).toEqual({
      code: 'customer_phone_invalid',
      message: 'phone: «не телефон» — неверный номер телефона (укажите его с кодом страны, например +7 916 123-45-67)',
    });
    expect(say(null, 400, phone, 'en')).toEqual({ code: 'customer_phone_invalid', message: phone });
    expect(say(null, 400, 'A customer cannot be merged into itself', 'ru')).toEqual({ code: 'merge_into_itself', message: 'Клиента нельзя объединить с самим собой' });
    expect(say(null, 409, 'This merge can no longer be undone: the 60 minute grace period is over', 'ru').message)
      .toBe('Это объединение больше нельзя отменить: 60 мин. на отмену истекли');
    expect(say(null, 409, 'Customer c1 was itself merged into c2', 'ru').code).toBe('customer_merged_away');
  });

  it('keeps an unknown message in English with a code from its status', () => {
    expect(say(new ConflictException('Something rare'), 409, 'Something rare', 'ru')).toEqual({ code: 'conflict', message: 'Something rare' });
    expect(say(null, 418, 'I am a teapot', 'ru')).toEqual({ code: 'http_418', message: 'I am a teapot' });
  });

  it('reads Russian from ru and ru-RU, and English from anything else', () => {
    expect(errorLanguageOf('ru-RU')).toBe('ru');
    expect(errorLanguageOf('RU')).toBe('ru');
    expect(errorLanguageOf('rue')).toBe('en');
    expect(errorLanguageOf(undefined)).toBe('en');
    expect(errorLanguageOf('de')).toBe('en');
  });
});

describe('a flood of bad fields', () => {
  it('answers the first twenty and says the rest were left out', () => {
    const flood = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`поле${i}`, i]));
    const err = validationError({ name: 'Магазин', email: 'shop@example.com', channel: 'webchat', ...flood });
    expect(err.issues).toHaveLength(21);
    expect(issueText(err.issues[20], 'ru')).toBe('Остальные ошибки проверки опущены');
    expect(issueText(err.issues[20], 'en')).toBe('Further validation errors were omitted');
  });

  it('speaks Russian for the Messenger and Instagram window refusals, naming the channel', () => {
    const english = "Outside the 24-hour messaging window on Instagram (the customer last wrote 30 hours ago): free-form replies are not allowed. Within 7 days, send it as a human agent's reply (HUMAN_AGENT tag).";
    const err = new Error(english);
    expect(say(err, 422, english, 'en')).toEqual({ code: 'meta_window_closed', message: english });
    expect(say(err, 422, english, 'ru')).toEqual({ code: 'meta_window_closed', message: expect.stringMatching(/^Прошло больше 24 часов с последнего сообщения клиента в Instagram/) });
    const tag = 'Outside the 7-day window of the HUMAN_AGENT tag on Messenger (the customer has not written yet): the message cannot be sent.';
    expect(say(new Error(tag), 422, tag, 'ru')).toEqual({ code: 'meta_tag_window_closed', message: expect.stringContaining('7 дней') });
  });
});

import { optKeyword, optKeywordOf } from './opt-out-keywords';

describe('opt-out keywords', () => {
  it('recognises STOP, START and HELP in English and Russian, whatever the case', () => {
    expect(optKeyword('STOP')).toBe('stop');
    expect(optKeyword('  stop. ')).toBe('stop');
    expect(optKeyword('Unsubscribe')).toBe('stop');
    expect(optKeyword('СТОП')).toBe('stop');
    expect(optKeyword('стоп!')).toBe('stop');
    expect(optKeyword('Stop !?\n')).toBe('stop');
    expect(optKeyword('ПОДПИСАТЬСЯ')).toBe('start');
    expect(optKeyword('Отписаться')).toBe('stop');
    expect(optKeyword('start')).toBe('start');
    expect(optKeyword('Старт')).toBe('start');
    expect(optKeyword('help')).toBe('help');
    expect(optKeyword('Помощь')).toBe('help');
  });

  it('leaves ordinary messages alone, even when they contain a keyword', () => {
    expect(optKeyword('Please stop sending me the wrong size')).toBeNull();
    expect(optKeyword('Отмена')).toBeNull();
    expect(optKeyword('')).toBeNull();
    expect(optKeyword(' ?! ')).toBeNull();
    expect(optKeyword('stop stop')).toBeNull();
    expect(optKeyword(undefined)).toBeNull();
  });

  it("prefers Twilio's OptOutType when it is present", () => {
    expect(optKeywordOf({ OptOutType: 'STOP', Body: 'arret' })).toBe('stop');
    expect(optKeywordOf({ Body: 'СТОП' })).toBe('stop');
  });
});

import { parse } from 'csv-parse/sync';
import { admin, agata, cannedSetup } from './canned-test-setup';

describe('CannedCsvService', () => {
  it('exports and imports back Cyrillic, quotes, commas and line breaks unchanged', async () => {
    const { responses, csv } = cannedSetup();
    await responses.create(admin, { shortcode: 'доставка', title: 'Доставка, «срочно»', scope: 'shared', variants: { ru: 'Привет, "друг"!\nДоставим завтра.', en: 'Hi, "friend"' } });
    await responses.create(admin, { shortcode: 'склад', title: 'Склад', scope: 'team', teamId: 't-delivery', variants: { ru: 'Уточню на складе' } });
    const file = await csv.exportCsv(admin);
    expect(file.startsWith('\ufeffshortcode,title,scope,en,ru,team\r\n')).toBe(true);
    expect(parse(file, { bom: true, columns: true })).toEqual([
      { shortcode: 'доставка', title: 'Доставка, «срочно»', scope: 'shared', en: 'Hi, "friend"', ru: 'Привет, "друг"!\nДоставим завтра.', team: '' },
      { shortcode: 'склад', title: 'Склад', scope: 'team', en: '', ru: 'Уточню на складе', team: 'Доставка' },
    ]);

    const other = cannedSetup();
    expect(await other.csv.importCsv(admin, file)).toEqual({ created: 2, updated: 0, errors: [] });
    expect(await other.csv.exportCsv(admin)).toBe(file);
    expect(await other.csv.importCsv(admin, file)).toEqual({ created: 0, updated: 2, errors: [] });
  });

  it('imports the good rows and reports each bad one with its row number', async () => {
    const { csv, repo, events } = cannedSetup();
    const file = [
      'shortcode,title,scope,en,ru',
      'привет,Приветствие,personal,,"Здравствуйте, {{customer.first_name}}!"',
      'два слова,Плохой код,personal,,Текст',
      'общий,Общий,shared,,Только для админов',
      'пусто,Без текста,personal,,',
      'имя,Неизвестная переменная,personal,,{{customer.surname}}',
    ].join('\n');
    const result = await csv.importCsv(agata, file);
    expect(result.created).toBe(1);
    expect(result.errors.map((e) => [e.row, e.shortcode])).toEqual([[3, 'два слова'], [4, 'общий'], [5, 'пусто'], [6, 'имя']]);
    expect(result.errors[1].message).toBe('Only admins change team and shared canned responses');
    expect(result.errors[3].message).toContain('{{customer.surname}}');
    expect([...repo.rows.values()].map((r) => r.shortcode)).toEqual(['привет']);
    expect(events).toHaveLength(1);
  });

  it('refuses a file that is not CSV or lacks a column, importing nothing', async () => {
    const { csv, repo } = cannedSetup();
    await expect(csv.importCsv(agata, 'shortcode,title,scope,en,ru\n"привет,Незакрытая кавычка')).rejects.toThrow(/not valid CSV/);
    await expect(csv.importCsv(agata, 'shortcode,title\nпривет,Привет')).rejects.toThrow('missing: scope, en, ru');
    expect(repo.rows.size).toBe(0);
  });
});

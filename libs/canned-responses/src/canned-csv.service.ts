import { BadRequestException, HttpException, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CannedImportResultDto, CannedResponseInputDto, CannedScope } from '@parley/contracts';
import { cleanShortcode } from '@parley/domain';
import type { CannedActor } from './canned-scope';
import { CannedResponsesService } from './canned-responses.service';

/** The columns of the file; `team` (a team's name or id) is needed by team rows only. */
export const CSV_COLUMNS = ['shortcode', 'title', 'scope', 'en', 'ru', 'team'] as const;
const REQUIRED = ['shortcode', 'title', 'scope', 'en', 'ru'];
export const MAX_IMPORT_ROWS = 5000;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

/**
 * Canned responses as CSV (RFC 4180, UTF-8; a byte order mark is tolerated). Import is row by row:
 * a row that fails is reported with its number and reason, the others are imported; a row whose
 * shortcode its scope already has updates that response (so an exported file imports back as is).
 */
@Injectable()
export class CannedCsvService {
  constructor(private readonly responses: CannedResponsesService) {}

  async exportCsv(actor: CannedActor): Promise<string> {
    const [rows, teams] = await Promise.all([this.responses.list(actor), this.responses.teamNames()]);
    const records = rows.map((r) => ({
      shortcode: r.shortcode, title: r.title, scope: r.scope, en: r.variants.en ?? '', ru: r.variants.ru ?? '',
      team: r.teamId ? teams.get(r.teamId) ?? r.teamId : '',
    }));
    // The BOM makes spreadsheet programs read the file as UTF-8 (Cyrillic intact).
    return '\ufeff' + stringify(records, { header: true, columns: [...CSV_COLUMNS], record_delimiter: '\r\n' });
  }

  async importCsv(actor: CannedActor, text: string): Promise<CannedImportResultDto> {
    const records = parseRows(text);
    const existing = await this.responses.list(actor);
    const result: CannedImportResultDto = { created: 0, updated: 0, errors: [] };
    for (const [i, row] of records.entries()) {
      const number = i + 2;
      try {
        const input = await this.input(row);
        const shortcode = cleanShortcode(input.shortcode);
        const teamId = input.teamId ?? null;
        const same = shortcode.ok
          ? existing.find((r) => r.shortcode === shortcode.value && r.scope === input.scope && (r.scope !== 'personal' || r.ownerId === actor.id) && (r.scope !== 'team' || r.teamId === teamId))
          : undefined;
        if (same) {
          await this.responses.update(actor, same.id, { title: input.title, variants: input.variants }, false);
          result.updated++;
        } else {
          existing.push(await this.responses.create(actor, input, false));
          result.created++;
        }
      } catch (err) {
        if (!(err instanceof HttpException)) throw err;
        result.errors.push({ row: number, shortcode: row.shortcode?.trim() || null, message: messageOf(err) });
      }
    }
    if (result.created || result.updated) this.responses.announce();
    return result;
  }

  private async input(row: CsvRow): Promise<CannedResponseInputDto> {
    const scope = (row.scope?.trim().toLowerCase() || 'personal') as CannedScope;
    let teamId: string | null = null;
    if (scope === 'team') {
      if (!row.team?.trim()) throw new BadRequestException('A team row needs the team column (the team\'s name)');
      teamId = await this.responses.teamNamed(row.team);
      if (!teamId) throw new BadRequestException(`Team ${row.team.trim()} not found`);
    }
    return { shortcode: row.shortcode ?? '', title: row.title ?? '', scope, teamId, variants: { en: row.en ?? null, ru: row.ru ?? null } };
  }
}

function parseRows(text: string): CsvRow[] {
  let rows: CsvRow[];
  try {
    rows = parse(text, { bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new BadRequestException(`The file is not valid CSV (line ${e.lines ?? '?'}): ${e.message ?? 'unreadable'}`);
  }
  const header = rows.length ? Object.keys(rows[0]) : headerOf(text);
  const absent = REQUIRED.filter((c) => !header.includes(c));
  if (absent.length) throw new BadRequestException(`The CSV file needs the columns ${REQUIRED.join(',')}; missing: ${absent.join(', ')}`);
  if (rows.length > MAX_IMPORT_ROWS) throw new BadRequestException(`A CSV file takes at most ${MAX_IMPORT_ROWS} responses`);
  return rows;
}

function headerOf(text: string): string[] {
  return text.replace(/^\ufeff/, '').split(/\r?\n/)[0].split(',').map((h) => h.trim().toLowerCase());
}

function messageOf(err: HttpException): string {
  const body = err.getResponse();
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? err.message);
}

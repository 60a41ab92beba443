import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { SurveySettingsInput } from '@parley/contracts';
import type { InboxEntity } from '@parley/persistence';
import { SurveySettingsService } from './survey-settings.service';
import { InMemorySurveySettingsRepository } from './testing/in-memory-survey-settings.repository';

const INBOX = '0195f3a3-0000-7000-8000-0000000000a1';
const OTHER_INBOX = '0195f3a3-0000-7000-8000-0000000000a2';
const TEAM = '0195f3a3-0000-7000-8000-0000000000b1';

function setup() {
  const repo = new InMemorySurveySettingsRepository();
  repo.inboxes.set(INBOX, { id: INBOX, name: 'Поддержка магазина', config: { brandName: '  Цветочная лавка  ', fromName: 'Лавка' } } as unknown as InboxEntity);
  repo.inboxes.set(OTHER_INBOX, { id: OTHER_INBOX, name: 'Доставка', config: { fromName: 'Служба доставки' } } as unknown as InboxEntity);
  repo.teams.add(TEAM);
  return { repo, settings: new SurveySettingsService(repo) };
}

const input = (over: Partial<SurveySettingsInput> = {}): SurveySettingsInput =>
  ({ scope: 'inbox', scopeId: INBOX, enabled: true, type: 'csat', delayMinutes: 30, throttleDays: 30, texts: {}, ...over }) as SurveySettingsInput;

describe('SurveySettingsService', () => {
  it('refuses settings that would make a broken survey, and stores nothing', async () => {
    const { settings, repo } = setup();
    const refused = [
      input({ scope: 'customer' as never }),
      input({ type: 'stars' as never }),
      input({ delayMinutes: -1 }),
      input({ delayMinutes: 10_081 }),
      input({ throttleDays: 1.5 }),
      input({ commentWindowHours: 0 }),
      input({ commentWindowHours: 169 }),
      input({ texts: { ru: { question: 'Как вам {nmae}?' } } }),
      input({ scopeId: 'не-uuid' }),
      input({ scope: 'team', scopeId: OTHER_INBOX }),
    ];
    for (const bad of refused) await expect(settings.saveSettings(bad)).rejects.toBeInstanceOf(BadRequestException);
    expect(repo.rows.size).toBe(0);
  });

  it('saves an inbox setting with its texts trimmed and the empty or unknown ones dropped', async () => {
    const { settings } = setup();
    const saved = await settings.saveSettings(input({
      texts: { ru: { question: '  {name}, оцените, пожалуйста, нашу работу от {min} до {max}  ', why: '   ' }, en: { thanks: '' } },
    }));
    expect(saved).toMatchObject({ scope: 'inbox', scopeId: INBOX, enabled: true, type: 'csat', delayMinutes: 30, throttleDays: 30, commentWindowHours: 24 });
    expect(saved.texts).toEqual({ ru: { question: '{name}, оцените, пожалуйста, нашу работу от {min} до {max}' } });
    expect(await settings.listSettings()).toEqual([saved]);
  });

  it('keeps one setting per inbox: saving again changes it in place', async () => {
    const { settings, repo } = setup();
    const first = await settings.saveSettings(input());
    const second = await settings.saveSettings(input({ type: 'nps', delayMinutes: 0, enabled: false }));
    expect(second.id).toBe(first.id);
    expect(repo.rows.size).toBe(1);
    expect(await settings.listSettings()).toEqual([expect.objectContaining({ type: 'nps', delayMinutes: 0, enabled: false })]);
  });

  it("lets a team's setting win over its inbox's, and an inbox without one sends none", async () => {
    const { settings } = setup();
    await settings.saveSettings(input({ type: 'csat' }));
    await settings.saveSettings(input({ scope: 'team', scopeId: TEAM, type: 'nps' }));
    expect((await settings.settingsFor({ teamId: TEAM, inboxId: INBOX }))?.type).toBe('nps');
    expect((await settings.settingsFor({ teamId: null, inboxId: INBOX }))?.type).toBe('csat');
    expect(await settings.settingsFor({ teamId: null, inboxId: OTHER_INBOX })).toBeNull();
    expect((await settings.listSettings()).map((s) => s.scope)).toEqual(['inbox', 'team']);
  });

  it('deletes a setting, and says so when there was none', async () => {
    const { settings } = setup();
    await settings.saveSettings(input({ scope: 'team', scopeId: TEAM }));
    await settings.deleteSettings('team', TEAM);
    expect(await settings.listSettings()).toEqual([]);
    await expect(settings.deleteSettings('team', TEAM)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('speaks in the brand of the inbox: its brand name, else its sender name, else its name', async () => {
    const { settings, repo } = setup();
    expect(await settings.brandOf(INBOX)).toBe('Цветочная лавка');
    expect(await settings.brandOf(OTHER_INBOX)).toBe('Служба доставки');
    repo.inboxes.set(OTHER_INBOX, { id: OTHER_INBOX, name: 'Доставка', config: { fromName: '  ' } } as unknown as InboxEntity);
    expect(await settings.brandOf(OTHER_INBOX)).toBe('Доставка');
    expect(await settings.brandOf('0195f3a3-0000-7000-8000-0000000000ff')).toBe('');
  });
});

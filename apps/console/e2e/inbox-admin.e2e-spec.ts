import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ConversationEntity } from '@parley/persistence';
import { api } from '../../api/test/harness';
import { inboundMessage, SHIPPED_TEMPLATE, useTwilioSuite, WHATSAPP_NUMBER } from '../../api/test/twilio-fixture';
import { launchChromium, openConsole, waitForCount } from './browser';

const DELAYED = { id: 'HX2222222222222222222222222222abcd', name: 'Delivery delayed', body: 'Sorry {{1}}, parcel {{2}} now arrives on {{3}}.' };
const AGENT = { name: 'Nina', email: 'nina@parley.test', password: 'nina-password' };

describe('inbox settings in the admin console, in Chromium', () => {
  const t = useTwilioSuite();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    const res = await api(t.url, 'POST', '/api/users', { ...AGENT, role: 'agent' }, t.token);
    if (res.status !== 201) throw new Error(`agent not created: ${res.status}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const openWhatsAppSettings = async (admin: Page) => {
    const row = admin.locator(`[data-testid="inbox-row"][data-inbox-id="${t.whatsapp.id}"]`);
    await row.getByTestId('inbox-edit-open').click();
    await row.getByTestId('inbox-edit-form').waitFor();
    return row;
  };

  it('lets an admin add a WhatsApp template that an agent outside the 24-hour window can then send', async () => {
    const admin = await openConsole(browser, t.url);
    await admin.getByTestId('nav-admin').click();
    let row = await openWhatsAppSettings(admin);

    // The stored auth token is never put back in the form.
    const token = row.getByTestId('inbox-edit-config-authToken');
    expect(await token.inputValue()).toBe('');
    expect(await token.getAttribute('placeholder')).toBe('Set — leave blank to keep');
    expect(await row.getByTestId('template-id').inputValue()).toBe(SHIPPED_TEMPLATE.id);

    await row.getByTestId('template-add').click();
    const added = row.getByTestId('template-row').nth(1);
    await added.getByTestId('template-id').fill('HX1234');
    expect(await added.getByTestId('template-error').textContent()).toMatch(/HX followed by 32 hex characters/);
    await added.getByTestId('template-id').fill(SHIPPED_TEMPLATE.id);
    expect(await added.getByTestId('template-error').textContent()).toBe('This Content SID is already used by another template above.');
    await added.getByTestId('template-id').fill(DELAYED.id);
    expect(await added.getByTestId('template-error').count()).toBe(0);
    await added.getByTestId('template-name').fill(DELAYED.name);
    await added.getByTestId('template-body').fill(DELAYED.body);
    expect(await added.getByTestId('template-variables').textContent()).toBe('Variables: {{1}}{{2}}{{3}}');

    // What only the server can tell (Twilio's number rules) comes back in its own words.
    await row.getByTestId('inbox-edit-config-from').fill('call me');
    await row.getByTestId('inbox-edit-submit').click();
    await row.getByTestId('inbox-edit-error').waitFor();
    expect(await row.getByTestId('inbox-edit-error').textContent()).toBe('The whatsapp settings were refused: from must be a phone number (call me is not)');

    await row.getByTestId('inbox-edit-config-from').fill(WHATSAPP_NUMBER);
    await row.getByTestId('inbox-edit-submit').click();
    await row.getByTestId('inbox-template-count').waitFor();
    expect(await row.getByTestId('inbox-template-count').textContent()).toBe(' · 2 templates');

    await admin.reload();
    row = await openWhatsAppSettings(admin);
    expect(await waitForCount(row.getByTestId('template-row'), 2)).toBe(2);
    const reloaded = row.getByTestId('template-row').nth(1);
    expect(await reloaded.getByTestId('template-id').inputValue()).toBe(DELAYED.id);
    expect(await reloaded.getByTestId('template-name').inputValue()).toBe(DELAYED.name);
    expect(await reloaded.getByTestId('template-body').inputValue()).toBe(DELAYED.body);
    expect(await token.inputValue()).toBe('');

    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79992000031', profileName: 'Pavel', body: 'Where is parcel 77?' });
    const inbound = await inboundMessage(t, t.whatsapp, 'Where is parcel 77?');
    await t.app.app.get(DataSource).getRepository(ConversationEntity).update({ id: inbound.conversationId }, { lastInboundAt: new Date(Date.now() - 30 * 3600 * 1000) });

    const agent = await openConsole(browser, t.url, { email: AGENT.email, password: AGENT.password });
    await agent.getByTestId('conversation-item').filter({ hasText: 'Where is parcel 77?' }).click();
    await agent.getByTestId('whatsapp-window-notice').waitFor();
    const picker = agent.getByTestId('template-picker');
    await picker.locator('select').selectOption({ label: DELAYED.name });
    await picker.getByTestId('template-variable-1').fill('Pavel');
    await picker.getByTestId('template-variable-2').fill('77');
    await picker.getByTestId('template-variable-3').fill('Friday');
    await picker.getByTestId('template-send').click();

    const sent = agent.getByTestId('message').filter({ hasText: 'Sorry Pavel, parcel 77 now arrives on Friday.' });
    await sent.locator('[data-testid="delivery-status"][data-status="read"]').waitFor();
    const [twilioMessage] = t.emulator.list({ direction: 'outbound-api', to: 'whatsapp:+79992000031' });
    expect(twilioMessage).toMatchObject({ contentSid: DELAYED.id, contentVariables: '{"1":"Pavel","2":"77","3":"Friday"}' });
  });
});

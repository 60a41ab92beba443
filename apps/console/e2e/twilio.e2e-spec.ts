import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ConversationEntity } from '@parley/persistence';
import { TEST_NUMBERS } from '../../../tools/emulators/src/twilio/twilio-emulator';
import { inboundMessage, SHIPPED_TEMPLATE, SMS_NUMBER, useTwilioSuite, WHATSAPP_NUMBER } from '../../api/test/twilio-fixture';
import { launchChromium, openConsole } from './browser';

describe('SMS and WhatsApp conversations in the agent console, in Chromium', () => {
  const t = useTwilioSuite();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const agentConsole = (): Promise<Page> => openConsole(browser, t.url);

  it('counts SMS segments while the agent types and blocks replies once the customer texts СТОП', async () => {
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79992000001', body: 'Когда доставка?' });
    await inboundMessage(t, t.sms, 'Когда доставка?');
    const agent = await agentConsole();
    await agent.getByTestId('conversation-item').filter({ hasText: 'Когда доставка?' }).click();

    await agent.getByTestId('reply-input').fill('Your order ships today');
    expect(await agent.getByTestId('sms-counter').textContent()).toBe('1 SMS · 138 left · GSM-7');
    await agent.getByTestId('reply-input').fill('Заказ отправлен сегодня, ждите курьера завтра с 10 до 14, он позвонит!!');
    expect(await agent.getByTestId('sms-counter').textContent()).toBe('2 SMS · 63 left · UCS-2');

    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79992000001', body: 'СТОП' });
    await agent.getByTestId('opted-out-notice').waitFor();
    expect(await agent.getByTestId('opted-out-notice').textContent()).toMatch(/opted out of SMS/);
    expect(await agent.getByTestId('reply-send').isDisabled()).toBe(true);
    await agent.getByTestId('identity-list').getByText('Opted out').waitFor();
  });

  it("shows a carrier's refusal in plain words on the message", async () => {
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: TEST_NUMBERS.carrierFiltered, body: 'Send me the code' });
    await inboundMessage(t, t.sms, 'Send me the code');
    const agent = await agentConsole();
    await agent.getByTestId('conversation-item').filter({ hasText: 'Send me the code' }).click();
    await agent.getByTestId('reply-input').fill('Your code is 4321');
    await agent.getByTestId('reply-send').click();
    const status = agent.getByTestId('message').filter({ hasText: 'Your code is 4321' }).locator('[data-testid="delivery-status"][data-status="undelivered"]');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Not delivered: Blocked by carrier filtering .*\(Twilio 30007\)/);
  });

  it("refuses free text outside WhatsApp's 24-hour window and sends an approved template instead", async () => {
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79992000002', profileName: 'Ivan', body: 'Is my order ready?' });
    const inbound = await inboundMessage(t, t.whatsapp, 'Is my order ready?');
    await t.app.app.get(DataSource).getRepository(ConversationEntity).update({ id: inbound.conversationId }, { lastInboundAt: new Date(Date.now() - 26 * 3600 * 1000) });

    const agent = await agentConsole();
    await agent.getByTestId('conversation-item').filter({ hasText: 'Is my order ready?' }).click();
    await agent.getByTestId('whatsapp-window-notice').waitFor();
    await agent.getByTestId('reply-input').fill('Any news?');
    expect(await agent.getByTestId('reply-send').isDisabled()).toBe(true);

    await agent.getByTestId('template-variable-1').fill('Ivan');
    await agent.getByTestId('template-variable-2').fill('A-1001');
    await agent.getByTestId('template-send').click();
    const sent = agent.getByTestId('message').filter({ hasText: 'Hi Ivan, order A-1001 is on its way.' });
    await sent.locator('[data-testid="delivery-status"][data-status="read"]').waitFor();
    const [twilioMessage] = t.emulator.list({ direction: 'outbound-api', to: 'whatsapp:+79992000002' });
    expect(twilioMessage).toMatchObject({ contentSid: SHIPPED_TEMPLATE.id, contentVariables: '{"1":"Ivan","2":"A-1001"}' });
  });
});

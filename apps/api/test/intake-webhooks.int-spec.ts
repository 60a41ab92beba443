import type { NewJob } from '@parley/queue';
import { JOB_QUEUE, type JobQueue } from '@parley/queue';
import { twilioSignature } from '../../../tools/emulators/src/twilio/twilio-signature';
import { inboundMessage, PUBLIC_URL, SMS_NUMBER, useTwilioSuite } from './twilio-fixture';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Validate before acknowledging: a webhook is answered 200 only for a message that can be stored
 * (NUL bytes stripped on the way), and 400 with the reason, queueing nothing, for one that cannot.
 */
describe('intake: provider webhooks are validated before they are acknowledged', () => {
  const t = useTwilioSuite();
  let sid = 0;
  const nextSid = () => `SM${String(++sid).padStart(8, '0')}${'f'.repeat(24)}`;

  const signedForm = (params: Record<string, string>) => {
    const path = `/webhooks/twilio/${t.sms.id}`;
    return fetch(t.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(t.account.authToken, PUBLIC_URL + path, params) },
      body: new URLSearchParams(params).toString(),
    }).then(async (r) => ({ status: r.status, text: await r.text() }));
  };
  const sms = (over: Record<string, string>) => ({ MessageSid: nextSid(), AccountSid: t.account.accountSid, From: '+79990001001', To: SMS_NUMBER, Body: 'Здравствуйте', NumMedia: '0', ...over });

  /** Every job the app queues from now on (BullMQ or the embedded queue alike). */
  function queuedJobs(): NewJob[] {
    const queue = t.app.app.get<JobQueue>(JOB_QUEUE);
    const jobs: NewJob[] = [];
    const addMany = queue.addMany.bind(queue);
    jest.spyOn(queue, 'addMany').mockImplementation((name, batch) => {
      if (name === 'inbound') jobs.push(...batch);
      return addMany(name, batch);
    });
    return jobs;
  }

  afterEach(() => jest.restoreAllMocks());

  it('stores a signed SMS whose Body holds a NUL byte, without the NUL', async () => {
    const answer = await signedForm(sms({ Body: 'Где\u0000 мой заказ №\u000010482?' }));
    expect(answer).toEqual({ status: 200, text: EMPTY_TWIML });
    const stored = await inboundMessage(t, t.sms, 'Где мой заказ №10482?');
    expect(stored).toMatchObject({ direction: 'inbound', channel: 'sms', deliveryStatus: 'delivered' });
  });

  it('refuses a From of 5,000 characters with 400 and the reason, and queues nothing', async () => {
    const jobs = queuedJobs();
    const answer = await signedForm(sms({ From: '7'.repeat(5000), Body: 'отправитель длиннее столбца' }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ statusCode: 400, message: 'Message refused: the sender id is longer than 320 characters' });
    expect(jobs).toEqual([]);
  });

  it('refuses a MessageSid of 5,000 characters with 400 and the reason, and queues nothing', async () => {
    const jobs = queuedJobs();
    const answer = await signedForm(sms({ MessageSid: 'SM' + 'a'.repeat(4998), Body: 'идентификатор длиннее столбца' }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ statusCode: 400, message: 'Message refused: the provider message id is longer than 255 characters' });
    expect(jobs).toEqual([]);
    // The channel keeps working for everyone else.
    expect((await signedForm(sms({ Body: 'А это сообщение дойдёт' }))).status).toBe(200);
    await inboundMessage(t, t.sms, 'А это сообщение дойдёт');
  });
});

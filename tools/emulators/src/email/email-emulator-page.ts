/**
 * The emulator's "customer's mail client": write to a Parley inbox, read and answer its replies.
 * Its script runs in an IIFE so no name of it lands on `window` (`status` is a window property).
 */
export const EMAIL_EMULATOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Email emulator · a customer's mailbox</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #f4f4f5; color: #18181b; }
  h1 { font-size: 18px; margin: 0; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  .layout { display: grid; grid-template-columns: minmax(280px, 380px) 1fr; gap: 16px; padding: 16px; max-width: 1200px; margin: 0 auto; }
  @media (max-width: 760px) { .layout { grid-template-columns: minmax(0, 1fr); padding: 10px; } }
  section { min-width: 0; background: #fff; border: 1px solid #e4e4e7; border-radius: 14px; padding: 14px; }
  header { padding: 16px 16px 0; max-width: 1200px; margin: 0 auto; }
  header p { color: #52525b; margin: 4px 0 0; font-size: 13px; }
  form { display: grid; gap: 8px; }
  label { display: grid; gap: 2px; font-size: 12px; color: #52525b; }
  input, textarea, button { font: inherit; }
  input, textarea { padding: 6px 8px; border: 1px solid #d4d4d8; border-radius: 8px; }
  textarea { min-height: 110px; resize: vertical; }
  button { border: 0; background: #2563eb; color: #fff; border-radius: 999px; padding: 7px 16px; font-weight: 600; cursor: pointer; justify-self: start; }
  button.secondary { background: #e4e4e7; color: #18181b; }
  #status { font-size: 12px; color: #52525b; min-height: 1em; }
  .mail { border-top: 1px solid #e4e4e7; padding: 10px 0; }
  .mail:first-child { border-top: 0; }
  .mail summary { cursor: pointer; list-style: none; }
  .mail .subject { font-weight: 600; }
  .mail .meta { font-size: 12px; color: #71717a; overflow-wrap: anywhere; }
  .mail pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border: 1px solid #e4e4e7; border-radius: 8px; padding: 8px; font: 13px/1.4 ui-monospace, monospace; max-height: 320px; overflow: auto; }
  .empty { color: #71717a; }
  .send-row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .send-row input[type=file] { flex: 1 1 180px; min-width: 0; border: 0; padding: 0; }
</style>
</head>
<body>
<header>
  <h1><span data-t="title">✉️ A customer's mailbox</span> <small style="font-weight:normal;color:#71717a" data-t="subtitle">(email emulator)</small></h1>
  <p data-t="intro">Mail written here goes to Parley's inbound SMTP listener as if a customer sent it; Parley's replies land on the right (this emulator is the demo inbox's SMTP server). Recipients reject-…@, defer-…@ and bounce-…@ fail like real ones.</p>
</header>
<div class="layout">
  <section>
    <h2 data-t="write">Write to support</h2>
    <form id="compose">
      <label><span data-t="from">From</span> <input name="from" data-testid="emu-from" value="maria.petrova@example.com" required /></label>
      <label><span data-t="name">Your name</span> <input name="name" data-testid="emu-name" value="Мария Петрова" /></label>
      <label><span data-t="to">To</span> <input name="to" data-testid="emu-to" value="__DEFAULT_TO__" required /></label>
      <label>CC <input name="cc" placeholder="colleague@example.com" /></label>
      <label><span data-t="subject">Subject</span> <input name="subject" data-testid="emu-subject" /></label>
      <label><span data-t="message">Message</span> <textarea name="text" data-testid="emu-text" required></textarea></label>
      <div class="send-row">
        <label><span data-t="attachment">Attachment</span> <input type="file" name="file" data-testid="emu-file" /></label>
        <button type="submit" data-testid="emu-send" data-t="send">Send</button>
      </div>
      <div id="status" data-testid="emu-status" role="status"></div>
    </form>
  </section>
  <section>
    <h2><span data-t="inbox">Mail from Parley</span> <button type="button" class="secondary" id="clear" data-t="clear">Clear</button></h2>
    <div id="mails" data-testid="emu-thread"></div>
  </section>
</div>
<script>
(() => {
  'use strict';
  const TEXTS = {
    en: {
      title: "✉️ A customer's mailbox", subtitle: '(email emulator)', write: 'Write to support', from: 'From', name: 'Your name', to: 'To', subject: 'Subject',
      message: 'Message', attachment: 'Attachment', send: 'Send', inbox: 'Mail from Parley', clear: 'Clear',
      intro: "Mail written here goes to Parley's inbound SMTP listener as if a customer sent it; Parley's replies land on the right (this emulator is the demo inbox's SMTP server). Recipients reject-…@, defer-…@ and bounce-…@ fail like real ones.",
      empty: 'Nothing yet: reply to a conversation in the console.', noSubject: '(no subject)', replyAs: 'Reply as the customer', reply: 'Reply', thanks: 'Thank you!',
      sending: 'Sending…', sent: 'Sent {id}', notSent: 'Not sent: {e}', replied: 'Replied {id}', replyFailed: 'Reply failed: {e}',
      defaultSubject: 'Where is my order?', defaultText: 'Hello! I ordered a kettle last week and it has not arrived yet.',
    },
    ru: {
      title: '✉️ Почта клиента', subtitle: '(эмулятор почты)', write: 'Написать в поддержку', from: 'От', name: 'Ваше имя', to: 'Кому', subject: 'Тема',
      message: 'Сообщение', attachment: 'Вложение', send: 'Отправить', inbox: 'Письма от Parley', clear: 'Очистить',
      intro: 'Письмо отсюда попадает на входящий SMTP Parley, как будто его отправил клиент; ответы Parley появляются справа (этот эмулятор — SMTP-сервер демо-ящика). Адреса reject-…@, defer-…@ и bounce-…@ отказывают как настоящие.',
      empty: 'Пока пусто: ответьте на обращение в консоли.', noSubject: '(без темы)', replyAs: 'Ответить от имени клиента', reply: 'Ответить', thanks: 'Спасибо!',
      sending: 'Отправляем…', sent: 'Отправлено {id}', notSent: 'Не отправлено: {e}', replied: 'Ответ отправлен {id}', replyFailed: 'Ответ не отправлен: {e}',
      defaultSubject: 'Где мой заказ?', defaultText: 'Здравствуйте! Я заказала чайник на прошлой неделе, а он до сих пор не пришёл.',
    },
  };
  const lang = /^ru/i.test(navigator.language || '') ? 'ru' : 'en';
  const t = (key, vars = {}) => String(TEXTS[lang][key]).replace(/\\{(\\w+)\\}/g, (_, k) => (vars[k] ?? ''));
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  const $ = (s) => document.querySelector(s);
  $('#compose').elements.subject.value = t('defaultSubject');
  $('#compose').elements.text.value = t('defaultText');
  const say = (text) => ($('#status').textContent = text);
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const post = async (url, body) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const data = await res.json();
    if (!res.ok) throw new Error(data.message || 'HTTP ' + res.status);
    return data;
  };
  $('#compose').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    const body = { from: f.get('from'), name: f.get('name'), to: f.get('to'), subject: f.get('subject'), text: f.get('text') };
    if (f.get('cc')) body.cc = String(f.get('cc')).split(',').map((s) => s.trim()).filter(Boolean);
    const file = f.get('file');
    if (file && file.size) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      body.attachments = [{ filename: file.name, contentType: file.type || 'application/octet-stream', base64: btoa(bin) }];
    }
    say(t('sending'));
    try {
      const r = await post('/api/send', body);
      say(t('sent', { id: r.messageId }));
      e.target.elements.file.value = '';
    } catch (err) {
      say(t('notSent', { e: err.message }));
    }
  });
  $('#clear').addEventListener('click', async () => {
    await fetch('/api/mail', { method: 'DELETE' });
    render([]);
  });
  let shown = null;
  function render(mails) {
    const key = mails.map((m) => m.id).join(',');
    if (key === shown) return;
    shown = key;
    $('#mails').innerHTML = mails.length
      ? mails.map((m, i) => '<div class="mail" data-testid="emu-message" data-direction="received"><details' + (i === 0 ? ' open' : '') + '><summary><div class="subject">' + esc(m.subject || t('noSubject')) + '</div><div class="meta">' + esc(m.from) + ' → ' + esc(m.to.join(', ')) + (m.cc.length ? ' · cc ' + esc(m.cc.join(', ')) : '') + ' · ' + esc(new Date(m.receivedAt).toLocaleString()) + (m.attachments.length ? ' · 📎 ' + esc(m.attachments.map((a) => a.fileName || a.contentType).join(', ')) : '') + '</div></summary><pre>' + esc(m.text) + '</pre><form class="reply" data-id="' + esc(m.id) + '"><label>' + esc(t('replyAs')) + ' <textarea name="text" required>' + esc(t('thanks')) + '</textarea></label><button type="submit">' + esc(t('reply')) + '</button> <a href="/api/mail/' + esc(m.id) + '/raw" target="_blank" rel="noopener">raw</a></form></details></div>').join('')
      : '<p class="empty">' + esc(t('empty')) + '</p>';
  }
  document.addEventListener('submit', async (e) => {
    if (!e.target.classList.contains('reply')) return;
    e.preventDefault();
    const id = e.target.dataset.id;
    try {
      const r = await post('/api/mail/' + encodeURIComponent(id) + '/reply', { text: new FormData(e.target).get('text') });
      say(t('replied', { id: r.messageId }));
    } catch (err) {
      say(t('replyFailed', { e: err.message }));
    }
  });
  async function poll() {
    try {
      render(await (await fetch('/api/mail')).json());
    } catch {}
    setTimeout(poll, 1500);
  }
  poll();
})();
</script>
</body>
</html>
`;

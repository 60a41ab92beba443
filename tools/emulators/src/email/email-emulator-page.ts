/** The emulator's "customer's mail client": write to a Parley inbox, read and answer its replies. */
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
  @media (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
  section { background: #fff; border: 1px solid #e4e4e7; border-radius: 14px; padding: 14px; }
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
  .mail .meta { font-size: 12px; color: #71717a; }
  .mail pre { white-space: pre-wrap; word-wrap: break-word; background: #fafafa; border: 1px solid #e4e4e7; border-radius: 8px; padding: 8px; font: 13px/1.4 ui-monospace, monospace; max-height: 320px; overflow: auto; }
  .empty { color: #71717a; }
</style>
</head>
<body>
<header>
  <h1>✉️ A customer's mailbox <small style="font-weight:normal;color:#71717a">(email emulator)</small></h1>
  <p>Mail written here goes to Parley's inbound SMTP listener as if a customer sent it; Parley's replies land on the right (this emulator is the demo inbox's SMTP server). Recipients <code>reject-…@</code>, <code>defer-…@</code> and <code>bounce-…@</code> fail like real ones.</p>
</header>
<div class="layout">
  <section>
    <h2>Write to support</h2>
    <form id="compose">
      <label>From <input name="from" value="maria.petrova@example.com" required /></label>
      <label>Your name <input name="name" value="Мария Петрова" /></label>
      <label>To <input name="to" value="__DEFAULT_TO__" required /></label>
      <label>CC <input name="cc" placeholder="colleague@example.com" /></label>
      <label>Subject <input name="subject" value="Where is my order?" /></label>
      <label>Message <textarea name="text" required>Hello! I ordered a kettle last week and it has not arrived yet.</textarea></label>
      <label>Attachment <input type="file" name="file" /></label>
      <button type="submit">Send</button>
      <div id="status" role="status"></div>
    </form>
  </section>
  <section>
    <h2>Mail from Parley <button type="button" class="secondary" id="clear">Clear</button></h2>
    <div id="mails"><p class="empty">Nothing yet: reply to a conversation in the console.</p></div>
  </section>
</div>
<script>
  const $ = (s) => document.querySelector(s);
  const status = (t) => ($('#status').textContent = t);
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
    status('Sending…');
    try {
      const r = await post('/api/send', body);
      status('Sent ' + r.messageId + ': ' + r.response);
    } catch (err) {
      status('Not sent: ' + err.message);
    }
  });
  $('#clear').addEventListener('click', async () => {
    await fetch('/api/mail', { method: 'DELETE' });
    render([]);
  });
  let shown = '';
  function render(mails) {
    const key = mails.map((m) => m.id).join(',');
    if (key === shown) return;
    shown = key;
    $('#mails').innerHTML = mails.length
      ? mails.map((m) => '<div class="mail"><details><summary><div class="subject">' + esc(m.subject || '(no subject)') + '</div><div class="meta">' + esc(m.from) + ' → ' + esc(m.to.join(', ')) + (m.cc.length ? ' · cc ' + esc(m.cc.join(', ')) : '') + ' · ' + esc(new Date(m.receivedAt).toLocaleString()) + (m.attachments.length ? ' · 📎 ' + esc(m.attachments.map((a) => a.fileName || a.contentType).join(', ')) : '') + '</div></summary><pre>' + esc(m.text) + '</pre><form class="reply" data-id="' + esc(m.id) + '"><label>Reply as the customer <textarea name="text" required>Thank you!</textarea></label><button type="submit">Reply</button> <a href="/api/mail/' + esc(m.id) + '/raw" target="_blank" rel="noopener">raw</a></form></details></div>').join('')
      : '<p class="empty">Nothing yet: reply to a conversation in the console.</p>';
  }
  document.addEventListener('submit', async (e) => {
    if (!e.target.classList.contains('reply')) return;
    e.preventDefault();
    const id = e.target.dataset.id;
    try {
      const r = await post('/api/mail/' + encodeURIComponent(id) + '/reply', { text: new FormData(e.target).get('text') });
      status('Replied ' + r.messageId);
    } catch (err) {
      status('Reply failed: ' + err.message);
    }
  });
  async function poll() {
    try {
      render(await (await fetch('/api/mail')).json());
    } catch {}
    setTimeout(poll, 2000);
  }
  poll();
</script>
</body>
</html>
`;

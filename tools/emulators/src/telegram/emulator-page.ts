/**
 * The emulator's page at `/`: pick a bot, be a Telegram user, write, send files, share a location
 * or your phone, edit, press the bot's buttons, block the bot. Talks to `/_emulator/*`.
 */
export const EMULATOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Telegram emulator · Parley</title>
<style>
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #e6ebee; color: #111; }
  header { background: #517da2; color: #fff; padding: 10px 16px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 16px; margin: 0 12px 0 0; }
  header label { font-size: 13px; display: flex; gap: 6px; align-items: center; }
  header input, header select { font: inherit; padding: 3px 6px; border-radius: 4px; border: 0; }
  header input[type=number] { width: 110px; }
  main { max-width: 720px; margin: 0 auto; padding: 12px; }
  #log { display: flex; flex-direction: column; gap: 6px; min-height: 50vh; padding-bottom: 12px; }
  .msg { max-width: 75%; padding: 6px 10px; border-radius: 10px; background: #fff; white-space: pre-wrap; word-wrap: break-word; box-shadow: 0 1px 1px rgba(0,0,0,.1); }
  .msg.me { align-self: flex-end; background: #effdde; }
  .msg small { display: block; color: #6b8; font-size: 11px; margin-top: 2px; }
  .msg .kb { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
  .msg .kb div { display: flex; gap: 4px; }
  .msg .kb button, .msg .kb a { flex: 1; font: inherit; font-size: 13px; padding: 4px 8px; border: 0; border-radius: 6px; background: #e3eef7; color: #2a5885; cursor: pointer; text-align: center; text-decoration: none; }
  .msg .edit { font-size: 11px; color: #2a5885; cursor: pointer; background: none; border: 0; padding: 0; margin-left: 6px; }
  form { display: flex; gap: 6px; position: sticky; bottom: 0; background: #e6ebee; padding: 8px 0; flex-wrap: wrap; }
  form textarea { flex: 1 1 300px; font: inherit; padding: 8px; border-radius: 8px; border: 1px solid #c8d2d8; min-height: 40px; }
  form button, .tools button { font: inherit; padding: 6px 12px; border-radius: 8px; border: 0; background: #517da2; color: #fff; cursor: pointer; }
  .tools { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
  .tools button { background: #fff; color: #2a5885; border: 1px solid #c8d2d8; }
  .banner { padding: 8px 12px; border-radius: 8px; background: #fff3cd; margin: 8px 0; }
  .muted { color: #667; font-size: 13px; }
</style>
</head>
<body>
<header>
  <h1>Telegram emulator</h1>
  <label>Bot <select id="bot"></select></label>
  <label>Your user id <input id="uid" type="number" min="1" /></label>
  <label>Name <input id="uname" /></label>
</header>
<main>
  <p class="muted" id="hint">Messages go to the Parley inbox of the selected bot; agents' replies appear here.</p>
  <div id="status"></div>
  <div id="log" aria-live="polite"></div>
  <div class="tools">
    <button type="button" id="file">📎 Photo or file</button>
    <button type="button" id="loc">📍 Location</button>
    <button type="button" id="phone">📞 Share my phone</button>
    <button type="button" id="start">🔗 /start with a payload</button>
    <button type="button" id="block">🚫 Block the bot</button>
    <input type="file" id="picker" hidden />
  </div>
  <form id="compose">
    <textarea id="text" placeholder="Write a message…" aria-label="Message"></textarea>
    <button>Send</button>
  </form>
</main>
<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const uid = $('uid'), uname = $('uname'), botSel = $('bot'), log = $('log'), status = $('status');
  uid.value = localStorage.getItem('tg-emu-uid') || String(100000 + Math.floor(Math.random() * 800000));
  uname.value = localStorage.getItem('tg-emu-name') || 'Alex';
  uid.onchange = () => { localStorage.setItem('tg-emu-uid', uid.value); refresh(); };
  uname.onchange = () => localStorage.setItem('tg-emu-name', uname.value);
  let blocked = false, lastSig = '';

  const api = async (path, body) => {
    const res = await fetch('/_emulator/' + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined);
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || res.statusText);
    return data;
  };
  const userPath = (action) => 'bots/' + botSel.value + '/users/' + uid.value + '/' + action;
  const user = () => ({ first_name: uname.value || 'Alex' });
  const say = (text) => { status.textContent = text; status.className = text ? 'banner' : ''; };

  async function loadBots() {
    const bots = await api('bots');
    const current = botSel.value;
    botSel.replaceChildren(...bots.map((b) => {
      const o = document.createElement('option');
      o.value = b.id; o.textContent = '@' + b.username + ' (' + b.mode + ')';
      return o;
    }));
    if (bots.some((b) => String(b.id) === current)) botSel.value = current;
    $('hint').textContent = bots.length ? 'Messages go to the Parley inbox of the selected bot; agents\\' replies appear here.'
      : 'No bot yet: create a Telegram inbox in Parley with apiBaseUrl ' + location.origin + ' (the demo does it for you).';
  }

  function render(chat) {
    blocked = chat.blocked;
    $('block').textContent = blocked ? '✅ Unblock the bot' : '🚫 Block the bot';
    const sig = JSON.stringify(chat.messages);
    if (sig === lastSig) return;
    lastSig = sig;
    log.replaceChildren(...chat.messages.map(({ fromBot, message: m }) => {
      const el = document.createElement('div');
      el.className = 'msg' + (fromBot ? '' : ' me');
      const kind = m.photo ? '🖼 photo' : m.document ? '📄 ' + (m.document.file_name || 'file') : m.voice ? '🎤 voice' : m.video_note ? '📹 video note'
        : m.sticker ? 'sticker ' + (m.sticker.emoji || '') : m.location ? '📍 ' + m.location.latitude + ', ' + m.location.longitude
        : m.contact ? '📞 ' + m.contact.phone_number : '';
      el.textContent = [kind, m.text ?? m.caption ?? ''].filter(Boolean).join('\\n');
      const meta = document.createElement('small');
      meta.textContent = new Date(m.date * 1000).toLocaleTimeString() + (m.edit_date ? ' · edited' : '');
      if (!fromBot && m.text !== undefined) {
        const edit = document.createElement('button');
        edit.className = 'edit'; edit.textContent = 'edit';
        edit.onclick = async () => {
          const text = prompt('Edit message', m.text);
          if (text != null && text.trim()) await act(() => api(userPath('edit'), { message_id: m.message_id, text, user: user() }));
        };
        meta.append(edit);
      }
      el.append(meta);
      const rows = m.reply_markup && m.reply_markup.inline_keyboard;
      if (rows) {
        const kb = document.createElement('div');
        kb.className = 'kb';
        for (const row of rows) {
          const r = document.createElement('div');
          for (const b of row) {
            let btn;
            if (b.url) { btn = document.createElement('a'); btn.href = b.url; btn.target = '_blank'; btn.rel = 'noopener noreferrer'; }
            else { btn = document.createElement('button'); btn.type = 'button'; btn.onclick = () => act(() => api(userPath('press'), { message_id: m.message_id, data: b.callback_data, user: user() })); }
            btn.textContent = b.text;
            r.append(btn);
          }
          kb.append(r);
        }
        el.append(kb);
      }
      return el;
    }));
    window.scrollTo(0, document.body.scrollHeight);
  }

  async function refresh() {
    if (!botSel.value) return;
    try { render(await api(userPath('chat'))); } catch (e) { say(e.message); }
  }

  async function act(work) {
    try {
      const r = await work();
      say(r && r.deliveredStatus && r.deliveredStatus >= 300 ? 'Parley answered ' + r.deliveredStatus + ' (Telegram will retry)' : '');
    } catch (e) { say(e.message); }
    await refresh();
  }

  $('compose').onsubmit = (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (!text.trim() || !botSel.value) return;
    $('text').value = '';
    act(() => api(userPath('send'), { text, user: user() }));
  };
  $('text').onkeydown = (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('compose').requestSubmit(); } };
  $('file').onclick = () => $('picker').click();
  $('picker').onchange = async () => {
    const f = $('picker').files[0];
    if (!f) return;
    const base64 = await new Promise((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result).split(',')[1]); r.readAsDataURL(f); });
    $('picker').value = '';
    const caption = $('text').value; $('text').value = '';
    act(() => api(userPath('send'), { file: { name: f.name, contentType: f.type || 'application/octet-stream', base64 }, caption, user: user() }));
  };
  $('loc').onclick = () => act(() => api(userPath('send'), { location: { latitude: 55.7558, longitude: 37.6173 }, user: user() }));
  $('phone').onclick = () => {
    const phone = prompt('Your phone number (international format)', '+14155550100');
    if (phone) act(() => api(userPath('send'), { contact: { phone_number: phone.replace(/^\\+/, '') }, user: user() }));
  };
  $('start').onclick = () => {
    const payload = prompt('Deep-link payload (t.me/bot?start=…)', 'order-1042');
    if (payload) act(() => api(userPath('send'), { text: '/start ' + payload, user: user() }));
  };
  $('block').onclick = () => act(() => api(userPath('block'), { blocked: !blocked }));
  botSel.onchange = () => { lastSig = ''; refresh(); };

  loadBots().then(refresh).catch((e) => say(e.message));
  setInterval(() => { loadBots().then(refresh).catch(() => undefined); }, 1500);
})();
</script>
</body>
</html>
`;

/**
 * The emulator's page at `/`: pick a community, be a VK user, write, send a photo or a file, press
 * the community's buttons, forbid or allow its messages, and play an admin answering from VK.
 * Russian or English after the browser's language (`?lang=ru|en` to choose). Talks to `/_emulator/*`.
 */
export const VK_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>VK emulator · Parley</title>
<style>
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #edeef0; color: #000; }
  header { background: #0077ff; color: #fff; padding: 10px 16px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 16px; margin: 0 12px 0 0; }
  header label { font-size: 13px; display: flex; gap: 6px; align-items: center; }
  header input, header select { font: inherit; padding: 3px 6px; border-radius: 4px; border: 0; max-width: 140px; }
  main { max-width: 720px; margin: 0 auto; padding: 12px; }
  #log { display: flex; flex-direction: column; gap: 6px; min-height: 50vh; padding-bottom: 12px; }
  .msg { max-width: 75%; padding: 6px 10px; border-radius: 12px; background: #fff; white-space: pre-wrap; word-wrap: break-word; }
  .msg.me { align-self: flex-end; background: #cce4ff; }
  .msg small { display: block; color: #818c99; font-size: 11px; margin-top: 2px; }
  .msg img { display: block; max-width: 200px; max-height: 200px; border-radius: 6px; margin-bottom: 4px; }
  .kb { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
  .kb div { display: flex; gap: 4px; flex-wrap: wrap; }
  .kb button, .kb a { flex: 1; font: inherit; font-size: 13px; padding: 4px 8px; border: 0; border-radius: 6px; background: #e5ebf1; color: #2a5885; cursor: pointer; text-align: center; text-decoration: none; }
  form { display: flex; gap: 6px; position: sticky; bottom: 0; background: #edeef0; padding: 8px 0; }
  form textarea { flex: 1 1 auto; min-width: 0; font: inherit; padding: 8px; border-radius: 8px; border: 1px solid #d3d9de; min-height: 40px; }
  button.main, .tools button { font: inherit; padding: 6px 12px; border-radius: 8px; border: 0; background: #0077ff; color: #fff; cursor: pointer; }
  .tools { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
  .tools button { background: #fff; color: #2a5885; border: 1px solid #d3d9de; }
  .muted { color: #656565; font-size: 13px; }
  .banner { padding: 8px 12px; border-radius: 8px; background: #fff3cd; margin: 8px 0; }
</style>
</head>
<body>
<header>
  <h1 data-t="title">VK emulator</h1>
  <label><span data-t="community">Community</span> <select id="community" data-testid="emu-community"></select></label>
  <label><span data-t="uid">Your VK id</span> <input id="uid" data-testid="emu-uid" type="number" min="1" /></label>
  <label><span data-t="name">Name</span> <input id="uname" data-testid="emu-name" /></label>
</header>
<main>
  <p class="muted" data-t="hint">Messages go to the Parley inbox of the selected community; agents' replies appear here.</p>
  <div id="status" role="status" data-testid="emu-status"></div>
  <div id="log" data-testid="emu-thread" aria-live="polite"></div>
  <div class="tools">
    <button type="button" id="file" data-t="file">📎 Photo or file</button>
    <button type="button" id="consent" data-testid="emu-consent"></button>
    <button type="button" id="admin" data-t="admin">🛡 Answer as a community admin</button>
    <input type="file" id="picker" data-testid="emu-file" hidden />
  </div>
  <form id="compose">
    <textarea id="text" data-testid="emu-text" aria-label="Message"></textarea>
    <button class="main" data-testid="emu-send" data-t="send">Send</button>
  </form>
</main>
<script>
const T = {
  en: { title: 'VK emulator', community: 'Community', uid: 'Your VK id', name: 'Name', hint: "Messages go to the Parley inbox of the selected community; agents' replies appear here.",
    file: '📎 Photo or file', admin: '🛡 Answer as a community admin', send: 'Send', placeholder: 'Write a message…', deny: '🔕 Forbid messages from the community',
    allow: '🔔 Allow messages from the community', denied: 'You forbade this community to write to you.', none: 'No community yet: create a VK inbox in Parley (the demo has one).',
    adminPrompt: 'The admin’s answer (it reaches Parley as message_reply):', failed: 'Not delivered to Parley yet: VK will retry.', you: 'you', community_: 'community', admin_: 'admin' },
  ru: { title: 'Эмулятор ВКонтакте', community: 'Сообщество', uid: 'Ваш id ВК', name: 'Имя', hint: 'Сообщения уходят во входящие Parley выбранного сообщества; ответы операторов появляются здесь.',
    file: '📎 Фото или файл', admin: '🛡 Ответить как админ сообщества', send: 'Отправить', placeholder: 'Напишите сообщение…', deny: '🔕 Запретить сообщения сообщества',
    allow: '🔔 Разрешить сообщения сообщества', denied: 'Вы запретили этому сообществу писать вам.', none: 'Сообществ пока нет: создайте в Parley входящие ВКонтакте (в демо они есть).',
    adminPrompt: 'Ответ админа (придёт в Parley как message_reply):', failed: 'Пока не доставлено в Parley: ВКонтакте повторит.', you: 'вы', community_: 'сообщество', admin_: 'админ' },
};
const q = new URLSearchParams(location.search);
const lang = (q.get('lang') || navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
const t = (k) => T[lang][k];
document.documentElement.lang = lang;
document.title = t('title') + ' · Parley';
document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
const $ = (id) => document.getElementById(id);
$('text').placeholder = t('placeholder');
$('uid').value = localStorage.getItem('vk-emu-uid') || String(100000 + Math.floor(Math.random() * 800000));
$('uname').value = localStorage.getItem('vk-emu-name') || (lang === 'ru' ? 'Ольга Петрова' : 'Olga Petrova');
let state = { allowed: true, messages: [] };
const who = () => { const [first_name, ...last] = $('uname').value.trim().split(/\\s+/); return { first_name: first_name || 'VK', last_name: last.join(' ') }; };
const at = (action) => '/_emulator/communities/' + $('community').value + '/users/' + $('uid').value + (action ? '/' + action : '');
async function post(action, body) {
  localStorage.setItem('vk-emu-uid', $('uid').value); localStorage.setItem('vk-emu-name', $('uname').value);
  const res = await fetch(at(action), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: who(), ...body }) });
  const data = await res.json().catch(() => ({}));
  $('status').textContent = !res.ok ? (data.error || res.statusText) : data.deliveredStatus === null ? t('failed') : '';
  await refresh();
}
async function loadCommunities() {
  const list = await (await fetch('/_emulator/communities')).json();
  const sel = $('community'); const current = sel.value;
  sel.innerHTML = '';
  for (const c of list) { const o = document.createElement('option'); o.value = c.id; o.textContent = c.name + ' (' + c.id + ')'; sel.append(o); }
  if (current) sel.value = current;
  $('status').textContent = list.length ? $('status').textContent : t('none');
}
function render() {
  const log = $('log'); log.innerHTML = '';
  if (!state.allowed) { const b = document.createElement('div'); b.className = 'banner'; b.textContent = t('denied'); log.append(b); }
  for (const m of state.messages) {
    const div = document.createElement('div'); div.className = 'msg' + (m.out ? '' : ' me'); div.dataset.testid = 'emu-message';
    for (const a of m.attachments || []) {
      const item = a.photo || a.doc; if (!item) continue;
      const url = a.photo ? (a.photo.sizes || []).slice(-1)[0]?.url || a.photo.url : a.doc.url;
      if (a.type === 'photo') { const img = document.createElement('img'); img.src = new URL(url, location.href).pathname; img.alt = ''; div.append(img); }
      else { const link = document.createElement('a'); link.href = new URL(url, location.href).pathname; link.textContent = '📄 ' + (a.doc.title || 'file'); link.target = '_blank'; div.append(link, document.createElement('br')); }
    }
    div.append(document.createTextNode(m.text || ''));
    if (m.keyboard && m.keyboard.buttons) {
      const kb = document.createElement('div'); kb.className = 'kb';
      for (const row of m.keyboard.buttons) {
        const r = document.createElement('div');
        for (const b of row) {
          if (b.action.type === 'open_link') { const a = document.createElement('a'); a.href = b.action.link; a.target = '_blank'; a.rel = 'noopener'; a.textContent = b.action.label; r.append(a); continue; }
          const btn = document.createElement('button'); btn.type = 'button'; btn.textContent = b.action.label;
          btn.onclick = () => post('press', { message_id: m.id, payload: b.action.payload });
          r.append(btn);
        }
        kb.append(r);
      }
      div.append(kb);
    }
    const small = document.createElement('small');
    small.textContent = new Date(m.date * 1000).toLocaleTimeString(lang) + ' · ' + (m.out ? (m.admin_author_id ? t('admin_') : t('community_')) : t('you'));
    div.append(small); log.append(div);
  }
  $('consent').textContent = state.allowed ? t('deny') : t('allow');
}
async function refresh() {
  if (!$('community').value) return;
  const res = await fetch(at('chat')); if (!res.ok) return;
  const data = await res.json();
  const changed = JSON.stringify(data.messages) !== JSON.stringify(state.messages) || data.user.allowed !== state.allowed;
  state = { allowed: data.user.allowed, messages: data.messages };
  if (changed) { render(); window.scrollTo(0, document.body.scrollHeight); }
}
$('compose').onsubmit = async (e) => { e.preventDefault(); const text = $('text').value; if (!text.trim()) return; $('text').value = ''; await post('send', { text }); };
$('text').onkeydown = (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('compose').requestSubmit(); } };
$('file').onclick = () => $('picker').click();
$('picker').onchange = async () => {
  const file = $('picker').files[0]; if (!file) return;
  const base64 = await new Promise((r) => { const fr = new FileReader(); fr.onload = () => r(String(fr.result).split(',')[1]); fr.readAsDataURL(file); });
  await post('send', { text: $('text').value, file: { name: file.name, contentType: file.type, base64 } }); $('text').value = ''; $('picker').value = '';
};
$('consent').onclick = () => post('allow', { allowed: !state.allowed });
$('admin').onclick = () => { const text = prompt(t('adminPrompt')); if (text) post('admin-reply', { text }); };
$('community').onchange = refresh;
loadCommunities().then(refresh);
setInterval(() => { loadCommunities(); refresh(); }, 1500);
</script>
</body>
</html>`;

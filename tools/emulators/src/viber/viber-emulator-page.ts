import { PAGE_BASICS_JS, PAGE_SENDING_JS } from '../kit/page-kit';

/**
 * The emulator's page at `/`: pick a bot, be a Viber user on a phone-sized screen: open the chat (the
 * bot's welcome message), write, send a photo or file, a location, your phone or a sticker, press the
 * bot's keyboard, unsubscribe. Talks to `/_emulator/*`; Russian or English after the browser.
 */
export const VIBER_EMULATOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Viber emulator · Parley</title>
<style>
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #f2f0fa; color: #111; }
  header { background: #7360f2; color: #fff; padding: 10px 16px; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 16px; margin: 0 10px 0 0; }
  header label { font-size: 13px; display: flex; gap: 6px; align-items: center; }
  header input, header select { font: inherit; padding: 3px 6px; border-radius: 4px; border: 0; max-width: 160px; }
  main { max-width: 720px; margin: 0 auto; padding: 12px; }
  #log { display: flex; flex-direction: column; gap: 6px; min-height: 45vh; padding-bottom: 12px; }
  .msg { max-width: 78%; padding: 6px 10px; border-radius: 12px; background: #fff; white-space: pre-wrap; word-wrap: break-word; box-shadow: 0 1px 1px rgba(0,0,0,.08); }
  .msg.me { align-self: flex-end; background: #e5defc; }
  .msg small { display: block; color: #887; font-size: 11px; margin-top: 2px; }
  .msg small.status-seen { color: #7360f2; }
  .msg img { display: block; max-width: 200px; max-height: 200px; border-radius: 8px; margin-bottom: 4px; }
  .msg a { color: #59267c; }
  #keyboard { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0; }
  #keyboard button, #keyboard a { font: inherit; font-size: 14px; padding: 8px 6px; border: 0; border-radius: 8px; background: #fff; color: #59267c; cursor: pointer; text-align: center; text-decoration: none; box-shadow: 0 1px 1px rgba(0,0,0,.1); box-sizing: border-box; }
  form { display: flex; gap: 6px; position: sticky; bottom: 0; background: #f2f0fa; padding: 8px 0; align-items: flex-end; }
  form textarea { flex: 1 1 auto; min-width: 0; font: inherit; padding: 8px; border-radius: 10px; border: 1px solid #d3cdee; min-height: 40px; }
  form button { flex: none; font: inherit; padding: 8px 14px; border-radius: 10px; border: 0; background: #7360f2; color: #fff; cursor: pointer; }
  .tools { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
  .tools button { font: inherit; font-size: 13px; padding: 6px 10px; border-radius: 10px; background: #fff; color: #59267c; border: 1px solid #d3cdee; cursor: pointer; }
  .banner { padding: 8px 12px; border-radius: 8px; background: #fff3cd; margin: 8px 0; }
  .muted { color: #667; font-size: 13px; }
</style>
</head>
<body>
<header>
  <h1 data-t="title">Viber emulator</h1>
  <label><span data-t="bot">Bot</span> <select id="bot" data-testid="emu-bot"></select></label>
  <label><span data-t="uid">Your Viber id</span> <input id="uid" data-testid="emu-uid" /></label>
  <label><span data-t="name">Name</span> <input id="uname" data-testid="emu-name" /></label>
</header>
<main>
  <p class="muted" id="hint"></p>
  <div id="status" data-testid="emu-status" role="status"></div>
  <div id="log" data-testid="emu-thread" aria-live="polite"></div>
  <div id="keyboard" data-testid="emu-keyboard"></div>
  <div class="tools">
    <button type="button" id="open" data-t="open">👋 Open the chat</button>
    <button type="button" id="file" data-t="file">📎 Photo or file</button>
    <button type="button" id="loc" data-t="loc">📍 Location</button>
    <button type="button" id="phone" data-t="phone">📞 Share my phone</button>
    <button type="button" id="sticker" data-t="sticker">🐻 Sticker</button>
    <button type="button" id="sub" data-testid="emu-subscription"></button>
    <input type="file" id="picker" data-testid="emu-file" hidden />
  </div>
  <form id="compose">
    <textarea id="text" data-testid="emu-text"></textarea>
    <button data-testid="emu-send" data-t="send">Send</button>
  </form>
</main>
<script>
(() => {
  const TEXTS = {
    en: {
      title: 'Viber emulator', bot: 'Bot', uid: 'Your Viber id', name: 'Name', open: '👋 Open the chat', file: '📎 Photo or file', loc: '📍 Location',
      phone: '📞 Share my phone', sticker: '🐻 Sticker', send: 'Send', placeholder: 'Write a message…', message: 'Message', subscribe: '🔔 Subscribe', unsubscribe: '🔕 Unsubscribe',
      hint: "You are a Viber user writing to the selected bot; its Parley inbox receives your messages, and agents' replies appear here.",
      noBot: 'No bot yet: create a Viber inbox in Parley with the API base URL {url}/pa (the demo does it for you).',
      noHook: 'This bot has no webhook: save its Viber inbox in Parley.', retry: 'Parley answered {s} (Viber will retry)',
      sticker0: 'sticker', file0: 'file', phonePrompt: 'Your phone number (international format)', unsubscribed: 'You unsubscribed: the bot cannot write to you until you write again.',
      status: { sent: 'sent', delivered: 'delivered', seen: 'seen', failed: 'not delivered' },
    },
    ru: {
      title: 'Эмулятор Viber', bot: 'Бот', uid: 'Ваш id в Viber', name: 'Имя', open: '👋 Открыть чат', file: '📎 Фото или файл', loc: '📍 Геопозиция',
      phone: '📞 Поделиться номером', sticker: '🐻 Стикер', send: 'Отправить', placeholder: 'Сообщение…', message: 'Сообщение', subscribe: '🔔 Подписаться', unsubscribe: '🔕 Отписаться',
      hint: 'Вы — пользователь Viber и пишете выбранному боту; его ящик в Parley получает ваши сообщения, ответы операторов появятся здесь.',
      noBot: 'Бота пока нет: создайте в Parley ящик Viber с базовым URL API {url}/pa (демо делает это само).',
      noHook: 'У бота нет вебхука: сохраните его ящик Viber в Parley.', retry: 'Parley ответил {s} (Viber повторит)',
      sticker0: 'стикер', file0: 'файл', phonePrompt: 'Ваш номер телефона (в международном формате)', unsubscribed: 'Вы отписались: бот не сможет писать вам, пока вы не напишете сами.',
      status: { sent: 'отправлено', delivered: 'доставлено', seen: 'просмотрено', failed: 'не доставлено' },
    },
  };
${PAGE_BASICS_JS}  const uid = $('uid'), uname = $('uname'), botSel = $('bot'), log = $('log'), status = $('status'), kb = $('keyboard');
  uid.value = localStorage.getItem('vb-emu-uid') || btoa(String(Math.random()).slice(2, 14)).replace(/[^A-Za-z0-9]/g, '') + '==';
  localStorage.setItem('vb-emu-uid', uid.value);
  uname.value = localStorage.getItem('vb-emu-name') || (lang === 'ru' ? 'Ольга' : 'Alex');
  uid.onchange = () => { localStorage.setItem('vb-emu-uid', uid.value); lastSig = ''; refresh(); };
  uname.onchange = () => localStorage.setItem('vb-emu-name', uname.value);
  let subscribed = false, lastSig = '';

  const userPath = (action) => 'bots/' + botSel.value + '/users/' + encodeURIComponent(uid.value) + '/' + action;
  const user = () => ({ name: uname.value || 'Alex', language: lang });

  async function loadBots() {
    const bots = await api('bots');
    const current = botSel.value;
    botSel.replaceChildren(...bots.map((b) => { const o = document.createElement('option'); o.value = b.index; o.textContent = b.name + ' (@' + b.uri + ')'; return o; }));
    if (bots.some((b) => String(b.index) === current)) botSel.value = current;
    $('hint').textContent = bots.length ? t('hint') : t('noBot', { url: location.origin });
  }

  function bubble(entry) {
    const m = entry.message;
    const el = document.createElement('div');
    el.className = 'msg' + (entry.fromBot ? '' : ' me');
    el.dataset.testid = 'emu-message';
    el.dataset.direction = entry.fromBot ? 'received' : 'sent';
    const src = m.shown || (m.type === 'picture' || m.type === 'sticker' ? m.media : null);
    if (src && (m.type === 'picture' || m.type === 'sticker')) {
      const img = document.createElement('img');
      img.src = src; img.alt = m.type === 'sticker' ? t('sticker0') : '';
      img.dataset.testid = 'emu-media';
      el.append(img);
    }
    const kind = m.type === 'file' ? '📄 ' + (m.file_name || t('file0')) : m.type === 'video' ? '🎬' : m.type === 'location' ? '📍 ' + m.location.lat + ', ' + m.location.lon
      : m.type === 'contact' ? '📞 ' + m.contact.phone_number : m.type === 'url' ? m.media : '';
    const text = [kind, m.text || ''].filter(Boolean).join('\\n');
    if (m.type === 'file' && m.shown) { const a = document.createElement('a'); a.href = m.shown; a.target = '_blank'; a.rel = 'noopener noreferrer'; a.textContent = text; el.append(a); }
    else el.append(text);
    const meta = document.createElement('small');
    // Viber's ticks: one when sent, two when delivered, two purple when seen.
    const ticks = { sent: '✓', delivered: '✓✓', seen: '✓✓', failed: '⚠' };
    meta.textContent = new Date(entry.at).toLocaleTimeString() + (entry.fromBot && entry.status ? ' · ' + ticks[entry.status] + ' ' + TEXTS[lang].status[entry.status] : '');
    if (entry.fromBot && entry.status) { el.dataset.status = entry.status; meta.className = 'status-' + entry.status; }
    el.append(meta);
    return el;
  }

  function keyboard(entries) {
    const last = [...entries].reverse().find((e) => e.fromBot);
    const buttons = (last && last.message.keyboard && last.message.keyboard.Buttons) || [];
    kb.replaceChildren(...buttons.map((b) => {
      let el;
      if (b.ActionType === 'open-url') { el = document.createElement('a'); el.href = b.ActionBody; el.target = '_blank'; el.rel = 'noopener noreferrer'; }
      else { el = document.createElement('button'); el.type = 'button'; el.onclick = () => act(() => api(userPath('send'), { text: b.ActionBody, user: user() })); }
      // Text may carry Viber's markup; the page shows it as plain text.
      const tmp = document.createElement('textarea'); tmp.innerHTML = b.Text || b.ActionBody; el.textContent = tmp.value;
      el.style.width = 'calc(' + (100 * (b.Columns || 6) / 6) + '% - 4px)';
      el.dataset.testid = 'emu-key';
      return el;
    }));
  }

  function render(chat) {
    subscribed = chat.subscribed;
    $('sub').textContent = subscribed ? t('unsubscribe') : t('subscribe');
    if (!chat.webhook) say(t('noHook'));
    const sig = JSON.stringify(chat.entries);
    if (sig === lastSig) return;
    lastSig = sig;
    log.replaceChildren(...chat.entries.map(bubble));
    keyboard(chat.entries);
    window.scrollTo(0, document.body.scrollHeight);
  }

  async function refresh() {
    if (!botSel.value) return;
    try { render(await api(userPath('chat') + '?read=' + (document.hidden ? '0' : '1'))); } catch (e) { say(e.message); }
  }

  async function act(work) {
    try {
      const r = await work();
      say(r && r.status && r.status >= 300 ? t('retry', { s: r.status }) : '');
    } catch (e) { say(e.message); }
    await refresh();
  }

${PAGE_SENDING_JS}  // ?context=… on this page's address plays a deep link (viber://pa?chatURI=…&context=…).
  $('open').onclick = () => act(() => api(userPath('open'), { user: user(), context: new URLSearchParams(location.search).get('context') || '' }));
  $('loc').onclick = () => act(() => api(userPath('send'), { location: { lat: 55.7558, lon: 37.6173 }, user: user() }));
  $('phone').onclick = () => {
    const phone = prompt(t('phonePrompt'), '+79161234567');
    if (phone) act(() => api(userPath('send'), { contact: { phone_number: phone, own: true }, user: user() }));
  };
  $('sticker').onclick = () => act(() => api(userPath('send'), { sticker: 40133, user: user() }));
  $('sub').onclick = () => act(async () => { const r = await api(userPath(subscribed ? 'unsubscribe' : 'subscribe'), { user: user() }); if (subscribed) say(t('unsubscribed')); return r; });
  botSel.onchange = () => { lastSig = ''; refresh(); };

  loadBots().then(refresh).catch((e) => say(e.message));
  setInterval(() => { loadBots().then(refresh).catch(() => undefined); }, 1500);
})();
</script>
</body>
</html>
`;

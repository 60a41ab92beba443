import { PAGE_BASICS_JS, PAGE_SENDING_JS } from '../kit/page-kit';

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
  form { display: flex; gap: 6px; position: sticky; bottom: 0; background: #e6ebee; padding: 8px 0; align-items: flex-end; }
  form textarea { flex: 1 1 auto; min-width: 0; font: inherit; padding: 8px; border-radius: 8px; border: 1px solid #c8d2d8; min-height: 40px; }
  form button { flex: none; }
  .msg img { display: block; max-width: 200px; max-height: 200px; border-radius: 6px; margin-bottom: 4px; }
  form button, .tools button { font: inherit; padding: 6px 12px; border-radius: 8px; border: 0; background: #517da2; color: #fff; cursor: pointer; }
  .tools { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
  .tools button { background: #fff; color: #2a5885; border: 1px solid #c8d2d8; }
  .banner { padding: 8px 12px; border-radius: 8px; background: #fff3cd; margin: 8px 0; }
  .muted { color: #667; font-size: 13px; }
</style>
</head>
<body>
<header>
  <h1 data-t="title">Telegram emulator</h1>
  <label><span data-t="bot">Bot</span> <select id="bot" data-testid="emu-bot"></select></label>
  <label><span data-t="uid">Your user id</span> <input id="uid" data-testid="emu-uid" type="number" min="1" /></label>
  <label><span data-t="name">Name</span> <input id="uname" data-testid="emu-name" /></label>
</header>
<main>
  <p class="muted" id="hint">Messages go to the Parley inbox of the selected bot; agents' replies appear here.</p>
  <div id="status" data-testid="emu-status" role="status"></div>
  <div id="log" data-testid="emu-thread" aria-live="polite"></div>
  <div class="tools">
    <button type="button" id="file" data-t="file">📎 Photo or file</button>
    <button type="button" id="loc" data-t="loc">📍 Location</button>
    <button type="button" id="phone" data-t="phone">📞 Share my phone</button>
    <button type="button" id="start" data-t="start">🔗 /start with a payload</button>
    <button type="button" id="block" data-t="block">🚫 Block the bot</button>
    <input type="file" id="picker" data-testid="emu-file" hidden />
  </div>
  <form id="compose">
    <textarea id="text" data-testid="emu-text" placeholder="Write a message…" aria-label="Message"></textarea>
    <button data-testid="emu-send" data-t="send">Send</button>
  </form>
</main>
<script>
(() => {
  const TEXTS = {
    en: {
      title: 'Telegram emulator', bot: 'Bot', uid: 'Your user id', name: 'Name', file: '📎 Photo or file', loc: '📍 Location', phone: '📞 Share my phone',
      start: '🔗 /start with a payload', block: '🚫 Block the bot', unblock: '✅ Unblock the bot', send: 'Send', placeholder: 'Write a message…', message: 'Message',
      hint: "Messages go to the Parley inbox of the selected bot; agents' replies appear here.",
      noBot: 'No bot yet: create a Telegram inbox in Parley with apiBaseUrl {url} (the demo does it for you).',
      photo: '🖼 photo', voice: '🎤 voice', videoNote: '📹 video note', sticker: 'sticker', file0: 'file', edited: 'edited', edit: 'edit', editPrompt: 'Edit message',
      retry: 'Parley answered {s} (Telegram will retry)', phonePrompt: 'Your phone number (international format)', payloadPrompt: 'Deep-link payload (t.me/bot?start=…)',
    },
    ru: {
      title: 'Эмулятор Telegram', bot: 'Бот', uid: 'Ваш id', name: 'Имя', file: '📎 Фото или файл', loc: '📍 Геопозиция', phone: '📞 Поделиться номером',
      start: '🔗 /start с параметром', block: '🚫 Заблокировать бота', unblock: '✅ Разблокировать бота', send: 'Отправить', placeholder: 'Сообщение…', message: 'Сообщение',
      hint: 'Сообщения уходят во входящий ящик Parley выбранного бота; ответы операторов появятся здесь.',
      noBot: 'Бота пока нет: создайте в Parley ящик Telegram с apiBaseUrl {url} (демо делает это само).',
      photo: '🖼 фото', voice: '🎤 голосовое', videoNote: '📹 видеосообщение', sticker: 'стикер', file0: 'файл', edited: 'изменено', edit: 'изменить', editPrompt: 'Изменить сообщение',
      retry: 'Parley ответил {s} (Telegram повторит)', phonePrompt: 'Ваш номер телефона (в международном формате)', payloadPrompt: 'Параметр ссылки (t.me/bot?start=…)',
    },
  };
${PAGE_BASICS_JS}  const uid = $('uid'), uname = $('uname'), botSel = $('bot'), log = $('log'), status = $('status');
  uid.value = localStorage.getItem('tg-emu-uid') || String(100000 + Math.floor(Math.random() * 800000));
  uname.value = localStorage.getItem('tg-emu-name') || 'Alex';
  uid.onchange = () => { localStorage.setItem('tg-emu-uid', uid.value); refresh(); };
  uname.onchange = () => localStorage.setItem('tg-emu-name', uname.value);
  let blocked = false, lastSig = '';

  const userPath = (action) => 'bots/' + botSel.value + '/users/' + uid.value + '/' + action;
  const user = () => ({ first_name: uname.value || 'Alex' });

  async function loadBots() {
    const bots = await api('bots');
    const current = botSel.value;
    botSel.replaceChildren(...bots.map((b) => {
      const o = document.createElement('option');
      o.value = b.id; o.textContent = '@' + b.username + ' (' + b.mode + ')';
      return o;
    }));
    if (bots.some((b) => String(b.id) === current)) botSel.value = current;
    $('hint').textContent = bots.length ? t('hint') : t('noBot', { url: location.origin });
  }

  function render(chat) {
    blocked = chat.blocked;
    $('block').textContent = blocked ? t('unblock') : t('block');
    const sig = JSON.stringify(chat.messages);
    if (sig === lastSig) return;
    lastSig = sig;
    log.replaceChildren(...chat.messages.map(({ fromBot, message: m }) => {
      const el = document.createElement('div');
      el.className = 'msg' + (fromBot ? '' : ' me');
      el.dataset.testid = 'emu-message';
      el.dataset.direction = fromBot ? 'received' : 'sent';
      if (m.photo && m.photo.length) {
        // The largest size, served by the Bot API's file endpoint like any getFile download.
        const img = document.createElement('img');
        img.src = '/_emulator/bots/' + botSel.value + '/files/' + encodeURIComponent(m.photo[m.photo.length - 1].file_id);
        img.alt = t('photo');
        img.dataset.testid = 'emu-media';
        el.append(img);
      }
      const kind = m.photo ? t('photo') : m.document ? '📄 ' + (m.document.file_name || t('file0')) : m.voice ? t('voice') : m.video_note ? t('videoNote')
        : m.sticker ? t('sticker') + ' ' + (m.sticker.emoji || '') : m.location ? '📍 ' + m.location.latitude + ', ' + m.location.longitude
        : m.contact ? '📞 ' + m.contact.phone_number : '';
      el.append([kind, m.text ?? m.caption ?? ''].filter(Boolean).join('\\n'));
      const meta = document.createElement('small');
      meta.textContent = new Date(m.date * 1000).toLocaleTimeString() + (m.edit_date ? ' · ' + t('edited') : '');
      if (!fromBot && m.text !== undefined) {
        const edit = document.createElement('button');
        edit.className = 'edit'; edit.textContent = t('edit');
        edit.onclick = async () => {
          const text = prompt(t('editPrompt'), m.text);
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
      say(r && r.deliveredStatus && r.deliveredStatus >= 300 ? t('retry', { s: r.deliveredStatus }) : '');
    } catch (e) { say(e.message); }
    await refresh();
  }

${PAGE_SENDING_JS}  $('loc').onclick = () => act(() => api(userPath('send'), { location: { latitude: 55.7558, longitude: 37.6173 }, user: user() }));
  $('phone').onclick = () => {
    const phone = prompt(t('phonePrompt'), '+14155550100');
    if (phone) act(() => api(userPath('send'), { contact: { phone_number: phone.replace(/^\\+/, '') }, user: user() }));
  };
  $('start').onclick = () => {
    const payload = prompt(t('payloadPrompt'), 'order-1042');
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

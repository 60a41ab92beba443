/**
 * The emulator's "customer's phone": send SMS/WhatsApp to a Parley inbox and see the replies.
 * The script runs inside an IIFE: a classic script's top-level `var status` is `window.status`,
 * which the browser turns into a string ("status is not a function").
 */
export const TWILIO_EMULATOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Twilio emulator · a customer's phone</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #f4f4f5; color: #18181b; }
  main { width: min(420px, calc(100% - 24px)); margin: 12px auto; background: #fff; border: 1px solid #e4e4e7; border-radius: 20px; overflow: hidden;
    display: flex; flex-direction: column; height: calc(100vh - 24px); height: calc(100dvh - 24px); max-height: 760px; min-height: 420px; }
  header { padding: 12px 14px; border-bottom: 1px solid #e4e4e7; display: grid; gap: 6px; flex: none; }
  header h1 { font-size: 16px; margin: 0; }
  label { display: grid; gap: 2px; font-size: 12px; color: #52525b; min-width: 0; }
  input, select, textarea, button { font: inherit; }
  input, select { padding: 6px 8px; border: 1px solid #d4d4d8; border-radius: 8px; min-width: 0; width: 100%; }
  .row { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
  #thread { flex: 1 1 auto; min-height: 0; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 6px; background: #fafafa; }
  .bubble { max-width: 80%; padding: 8px 10px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .mine { align-self: flex-end; background: #2563eb; color: #fff; border-bottom-right-radius: 4px; }
  .theirs { align-self: flex-start; background: #e4e4e7; border-bottom-left-radius: 4px; }
  .bubble img { display: block; max-width: 160px; max-height: 160px; border-radius: 8px; margin-top: 4px; }
  .meta { font-size: 11px; opacity: 0.75; margin-top: 2px; }
  form { border-top: 1px solid #e4e4e7; padding: 10px; display: grid; gap: 8px; flex: none; background: #fff; }
  textarea { resize: none; padding: 8px; border: 1px solid #d4d4d8; border-radius: 10px; width: 100%; }
  .send { display: flex; gap: 8px; align-items: center; }
  .send input[type=file] { flex: 1 1 auto; border: 0; padding: 0; font-size: 13px; }
  button { flex: none; border: 0; background: #16a34a; color: #fff; border-radius: 999px; padding: 8px 18px; font-weight: 600; cursor: pointer; }
  #status { font-size: 12px; color: #52525b; min-height: 1em; }
  .empty { color: #71717a; text-align: center; margin: auto; padding: 24px; }
</style>
</head>
<body>
<main>
  <header>
    <h1><span data-t="title">📱 A customer's phone</span> <small style="font-weight:normal;color:#71717a" data-t="subtitle">(Twilio emulator)</small></h1>
    <label><span data-t="to">Send to (a Parley inbox)</span>
      <select id="to" data-testid="emu-to"></select>
    </label>
    <div class="row">
      <label><span data-t="from">Your number</span> <input id="from" data-testid="emu-from" value="+79161234567" autocomplete="off" /></label>
      <label><span data-t="name">WhatsApp name</span> <input id="name" data-testid="emu-name" value="Иван" autocomplete="off" /></label>
    </div>
  </header>
  <div id="thread" data-testid="emu-thread" aria-live="polite"><p class="empty" data-t="empty">Nothing yet. Write below — try "СТОП" or "STOP" too.</p></div>
  <form id="compose">
    <textarea id="body" data-testid="emu-text" rows="2" placeholder="Привет! Где мой заказ?"></textarea>
    <div class="send">
      <input type="file" id="file" data-testid="emu-file" accept="image/*,application/pdf" />
      <button type="submit" data-testid="emu-send" data-t="send">Send</button>
    </div>
    <div id="status" data-testid="emu-status" role="status"></div>
  </form>
</main>
<script>
(function () {
  'use strict';
  var TEXTS = {
    en: {
      title: "📱 A customer's phone", subtitle: '(Twilio emulator)', to: 'Send to (a Parley inbox)', from: 'Your number', name: 'WhatsApp name',
      empty: 'Nothing yet. Write below — try "СТОП" or "STOP" too.', send: 'Send', sending: 'Sending…', failed: 'Not sent',
      noInbox: 'No inbox is connected yet: start Parley in demo mode (npm start) or create an SMS/WhatsApp inbox with this emulator as apiBaseUrl.',
      down: 'The emulator is not answering.', delivered: 'Delivered to Parley (HTTP {s})', refused: 'Parley answered HTTP {s}: {b}', attachment: 'attachment',
    },
    ru: {
      title: '📱 Телефон клиента', subtitle: '(эмулятор Twilio)', to: 'Кому (входящий ящик Parley)', from: 'Ваш номер', name: 'Имя в WhatsApp',
      empty: 'Пока пусто. Напишите ниже — попробуйте и «СТОП» или «STOP».', send: 'Отправить', sending: 'Отправляем…', failed: 'Не отправлено',
      noInbox: 'Ни один ящик ещё не подключён: запустите Parley в демо-режиме (npm start) или создайте ящик SMS/WhatsApp с этим эмулятором в apiBaseUrl.',
      down: 'Эмулятор не отвечает.', delivered: 'Доставлено в Parley (HTTP {s})', refused: 'Parley ответил HTTP {s}: {b}', attachment: 'вложение',
    },
  };
  var lang = /^ru/i.test(navigator.language || '') ? 'ru' : 'en';
  var t = function (key, vars) {
    return String(TEXTS[lang][key]).replace(/\\{(\\w)\\}/g, function (_, k) { return vars && vars[k] != null ? vars[k] : ''; });
  };
  document.documentElement.lang = lang;
  Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (el) { el.textContent = t(el.getAttribute('data-t')); });

  var $ = function (id) { return document.getElementById(id); };
  var bare = function (a) { return String(a || '').replace(/^whatsapp:/, ''); };
  var say = function (text) { $('status').textContent = text; };
  var shown = '';

  function loadNumbers() {
    fetch('/_emulator/numbers').then(function (r) { return r.json(); }).then(function (numbers) {
      var select = $('to');
      var current = select.value;
      select.innerHTML = '';
      numbers.forEach(function (n) {
        var o = document.createElement('option');
        o.value = n.phoneNumber;
        o.textContent = (n.channel === 'whatsapp' ? 'WhatsApp ' : 'SMS ') + bare(n.phoneNumber);
        select.appendChild(o);
      });
      if (current && numbers.some(function (n) { return n.phoneNumber === current; })) select.value = current;
      if (!numbers.length) say(t('noInbox'));
    }).catch(function () { say(t('down')); });
  }

  function render(messages) {
    var thread = $('thread');
    var me = bare($('from').value.trim());
    var inbox = bare($('to').value);
    var mine = messages.filter(function (m) {
      return (bare(m.from) === me && bare(m.to) === inbox) || (bare(m.to) === me && bare(m.from) === inbox);
    });
    var key = JSON.stringify(mine.map(function (m) { return [m.sid, m.status]; }));
    if (key === shown) return;
    shown = key;
    if (!mine.length) {
      thread.innerHTML = '';
      var empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = t('empty');
      thread.appendChild(empty);
      return;
    }
    var atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
    thread.innerHTML = '';
    mine.forEach(function (m) {
      var div = document.createElement('div');
      var out = m.direction === 'inbound';
      div.className = 'bubble ' + (out ? 'mine' : 'theirs');
      div.setAttribute('data-testid', 'emu-message');
      div.setAttribute('data-direction', out ? 'sent' : 'received');
      div.appendChild(document.createTextNode(m.body));
      (m.media || []).forEach(function (media) {
        if (/^image\\//.test(media.contentType || '') && media.url) {
          var img = document.createElement('img');
          img.src = media.url;
          img.alt = t('attachment');
          img.setAttribute('data-testid', 'emu-media');
          div.appendChild(img);
        } else {
          var note = document.createElement('div');
          note.setAttribute('data-testid', 'emu-media');
          note.textContent = '📎 ' + (media.contentType || t('attachment'));
          div.appendChild(note);
        }
      });
      var meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = new Date(m.date_created).toLocaleTimeString() + (out ? '' : ' · ' + m.status + (m.error_code ? ' (' + m.error_code + ')' : ''));
      div.appendChild(meta);
      thread.appendChild(div);
    });
    if (atBottom) thread.scrollTop = thread.scrollHeight;
  }

  function poll() {
    var me = bare($('from').value.trim());
    if (!me) return;
    fetch('/_emulator/messages?phone=' + encodeURIComponent(me)).then(function (r) { return r.json(); }).then(render).catch(function () {});
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      if (!file) return resolve([]);
      var reader = new FileReader();
      reader.onload = function () { resolve([{ contentType: file.type || 'application/octet-stream', data: String(reader.result).split(',')[1] }]); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(file);
    });
  }

  $('compose').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = $('body').value;
    var file = $('file').files[0];
    if (!body.trim() && !file) return;
    say(t('sending'));
    readFile(file).then(function (media) {
      return fetch('/_emulator/inbound', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: $('to').value, from: $('from').value.trim(), body: body, profileName: $('name').value, media: media }),
      });
    }).then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); }).then(function (res) {
      if (res[0] !== 200) return say(t('failed') + ': ' + (res[1].message || res[0]));
      say(res[1].status < 300 ? t('delivered', { s: res[1].status }) : t('refused', { s: res[1].status, b: res[1].body }));
      $('body').value = '';
      $('file').value = '';
      poll();
    }).catch(function (err) { say(t('failed') + ': ' + String(err)); });
  });
  $('body').addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('compose').requestSubmit(); }
  });
  $('to').addEventListener('change', poll);
  $('from').addEventListener('change', poll);
  loadNumbers();
  poll();
  setInterval(poll, 1500);
  setInterval(loadNumbers, 10000);
})();
</script>
</body>
</html>
`;

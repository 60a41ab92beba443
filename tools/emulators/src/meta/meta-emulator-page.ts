/**
 * The Meta emulator's "customer's phone": write to the demo Page on Messenger or to its Instagram
 * account, tap the quick replies the agent sends, react to a message, and watch sent → delivered → read.
 * Russian or English after the browser's language; built for a phone-sized screen.
 */
export const META_EMULATOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Meta emulator · Messenger and Instagram</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #f0f2f5; color: #050505; }
  main { width: min(420px, calc(100% - 24px)); margin: 12px auto; background: #fff; border: 1px solid #dadde1; border-radius: 20px; overflow: hidden;
    display: flex; flex-direction: column; height: calc(100dvh - 24px); max-height: 760px; min-height: 420px; }
  header { padding: 10px 14px; border-bottom: 1px solid #dadde1; display: grid; gap: 8px; flex: none; }
  header h1 { font-size: 16px; margin: 0; }
  .tabs { display: flex; gap: 6px; }
  .tabs button { flex: 1; border: 1px solid #dadde1; background: #fff; color: #050505; border-radius: 999px; padding: 6px; font-weight: 600; }
  .tabs button[aria-selected=true] { background: #0866ff; color: #fff; border-color: #0866ff; }
  .tabs button.ig[aria-selected=true] { background: linear-gradient(45deg, #f58529, #dd2a7b, #8134af); border-color: transparent; }
  label { display: grid; gap: 2px; font-size: 12px; color: #65676b; }
  input, textarea, button { font: inherit; }
  input { padding: 6px 8px; border: 1px solid #ccd0d5; border-radius: 8px; width: 100%; }
  #thread { flex: 1 1 auto; min-height: 0; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 6px; }
  .bubble { max-width: 80%; padding: 8px 12px; border-radius: 18px; white-space: pre-wrap; overflow-wrap: anywhere; position: relative; }
  .mine { align-self: flex-end; background: #0866ff; color: #fff; }
  .theirs { align-self: flex-start; background: #e4e6eb; }
  .bubble img { display: block; max-width: 180px; max-height: 180px; border-radius: 10px; margin-top: 4px; }
  .meta { font-size: 11px; opacity: .75; margin-top: 2px; }
  .quick { display: flex; flex-wrap: wrap; gap: 6px; align-self: flex-start; }
  .quick button, .react { border: 1px solid #0866ff; color: #0866ff; background: #fff; border-radius: 999px; padding: 4px 12px; cursor: pointer; }
  .react { border: 0; padding: 0 4px; font-size: 13px; }
  form { border-top: 1px solid #dadde1; padding: 10px; display: grid; gap: 8px; flex: none; }
  textarea { resize: none; padding: 8px; border: 1px solid #ccd0d5; border-radius: 12px; width: 100%; }
  .send { display: flex; gap: 8px; align-items: center; }
  .send input[type=file] { flex: 1 1 auto; border: 0; padding: 0; font-size: 13px; }
  .send button { border: 0; background: #0866ff; color: #fff; border-radius: 999px; padding: 8px 18px; font-weight: 600; cursor: pointer; }
  #status { font-size: 12px; color: #65676b; min-height: 1em; }
  .empty { color: #65676b; text-align: center; margin: auto; padding: 24px; }
</style>
</head>
<body>
<main>
  <header>
    <h1 data-t="title">💬 A customer on Messenger and Instagram</h1>
    <div class="tabs" role="tablist">
      <button type="button" role="tab" id="tab-messenger" data-testid="emu-tab-messenger" aria-selected="true">Messenger</button>
      <button type="button" role="tab" class="ig" id="tab-instagram" data-testid="emu-tab-instagram" aria-selected="false">Instagram</button>
    </div>
    <label><span data-t="name">Your name</span> <input id="name" data-testid="emu-name" value="Ольга Петрова" autocomplete="off" /></label>
    <div id="to" class="meta"></div>
  </header>
  <div id="thread" data-testid="emu-thread" aria-live="polite"></div>
  <form id="compose">
    <textarea id="body" data-testid="emu-text" rows="2" placeholder="Здравствуйте! Где мой заказ?"></textarea>
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
    en: { title: '💬 A customer on Messenger and Instagram', name: 'Your name', send: 'Send', sending: 'Sending…', empty: 'Nothing yet. Write to the shop below.',
      noInbox: 'No {c} inbox is connected yet: start Parley in demo mode (npm start) or create one with this emulator as apiBaseUrl.',
      down: 'The emulator is not answering.', delivered: 'Delivered to Parley (HTTP {s})', refused: 'Parley answered HTTP {s}: {b}',
      to: 'Writing to {n}', sent: 'sent', 'delivered-status': 'delivered', read: 'seen', react: 'React ❤️', attachment: 'attachment' },
    ru: { title: '💬 Клиент в Messenger и Instagram', name: 'Ваше имя', send: 'Отправить', sending: 'Отправляем…', empty: 'Пока пусто. Напишите магазину ниже.',
      noInbox: 'Ящик {c} ещё не подключён: запустите Parley в демо-режиме (npm start) или создайте ящик с этим эмулятором в apiBaseUrl.',
      down: 'Эмулятор не отвечает.', delivered: 'Доставлено в Parley (HTTP {s})', refused: 'Parley ответил HTTP {s}: {b}',
      to: 'Пишете: {n}', sent: 'отправлено', 'delivered-status': 'доставлено', read: 'просмотрено', react: 'Отреагировать ❤️', attachment: 'вложение' },
  };
  var lang = /^ru/i.test(navigator.language || '') ? 'ru' : 'en';
  var t = function (key, vars) { return String(TEXTS[lang][key]).replace(/\\{(\\w)\\}/g, function (_, k) { return vars && vars[k] != null ? vars[k] : ''; }); };
  document.documentElement.lang = lang;
  Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (el) { el.textContent = t(el.getAttribute('data-t')); });
  var $ = function (id) { return document.getElementById(id); };
  var say = function (text) { $('status').textContent = text; };
  var channel = 'messenger';
  var account = null;
  var shown = '';

  function loadAccounts() {
    return fetch('/_emulator/accounts').then(function (r) { return r.json(); }).then(function (accounts) {
      account = accounts.filter(function (a) { return a.channel === channel && a.connected; })[0] || null;
      $('to').textContent = account ? t('to', { n: account.name }) : '';
      if (!account) say(t('noInbox', { c: channel === 'instagram' ? 'Instagram' : 'Messenger' }));
    }).catch(function () { say(t('down')); });
  }

  function pick(next) {
    channel = next;
    $('tab-messenger').setAttribute('aria-selected', String(next === 'messenger'));
    $('tab-instagram').setAttribute('aria-selected', String(next === 'instagram'));
    shown = '';
    say('');
    loadAccounts().then(refresh);
  }
  $('tab-messenger').onclick = function () { pick('messenger'); };
  $('tab-instagram').onclick = function () { pick('instagram'); };

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.message || ('HTTP ' + r.status)); return j; });
    });
  }

  function report(result) { say(result.status === 200 ? t('delivered', { s: result.status }) : t('refused', { s: result.status, b: String(result.body || '').slice(0, 160) })); }

  function send(payload) {
    if (!account) return loadAccounts();
    say(t('sending'));
    payload.channel = channel;
    payload.businessId = account.businessId;
    payload.from = $('name').value.trim() || 'Customer';
    return post('/_emulator/inbound', payload).then(function (r) { report(r); refresh(); }).catch(function (e) { say(e.message); });
  }

  function render(messages) {
    var key = JSON.stringify(messages.map(function (m) { return [m.mid, m.status, m.reactions.length]; }));
    if (key === shown) return;
    shown = key;
    var thread = $('thread');
    thread.textContent = '';
    if (!messages.length) {
      var empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = t('empty');
      thread.appendChild(empty);
      return;
    }
    messages.forEach(function (m, i) {
      var b = document.createElement('div');
      b.className = 'bubble ' + (m.direction === 'in' ? 'mine' : 'theirs');
      b.setAttribute('data-testid', m.direction === 'in' ? 'emu-mine' : 'emu-reply');
      if (m.text) b.appendChild(document.createTextNode(m.text));
      m.attachments.forEach(function (a) {
        if (a.type === 'image') { var img = document.createElement('img'); img.src = a.url; img.alt = t('attachment'); b.appendChild(img); }
        else { var link = document.createElement('a'); link.href = a.url; link.textContent = '📎 ' + t('attachment'); link.target = '_blank'; b.appendChild(link); }
      });
      var meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = (m.direction === 'out' ? t(m.status === 'delivered' ? 'delivered-status' : m.status) : '') + (m.reactions.length ? ' ' + m.reactions.join('') : '');
      if (m.direction === 'out') {
        var react = document.createElement('button');
        react.type = 'button'; react.className = 'react'; react.textContent = '❤️'; react.title = t('react');
        react.setAttribute('data-testid', 'emu-react');
        react.onclick = function () { post('/_emulator/react', { mid: m.mid }).then(function (r) { report(r); refresh(); }).catch(function (e) { say(e.message); }); };
        meta.appendChild(react);
      }
      b.appendChild(meta);
      thread.appendChild(b);
      if (m.direction === 'out' && m.quickReplies.length && i === messages.length - 1) {
        var quick = document.createElement('div');
        quick.className = 'quick';
        m.quickReplies.forEach(function (q) {
          var button = document.createElement('button');
          button.type = 'button'; button.textContent = q.title; button.setAttribute('data-testid', 'emu-quick-reply');
          button.onclick = function () { send({ quickReply: q }); };
          quick.appendChild(button);
        });
        thread.appendChild(quick);
      }
    });
    thread.scrollTop = thread.scrollHeight;
  }

  function refresh() {
    if (!account) return;
    var q = '?channel=' + channel + '&businessId=' + encodeURIComponent(account.businessId) + '&name=' + encodeURIComponent($('name').value.trim());
    fetch('/_emulator/thread' + q).then(function (r) { return r.json(); }).then(function (r) { render(r.messages); }).catch(function () { say(t('down')); });
  }

  $('compose').onsubmit = function (event) {
    event.preventDefault();
    var text = $('body').value.trim();
    var file = $('file').files[0];
    if (!text && !file) return;
    var go = function (media) {
      send({ text: text, media: media }).then(function () { $('body').value = ''; $('file').value = ''; });
    };
    if (!file) return go([]);
    var reader = new FileReader();
    reader.onload = function () { go([{ contentType: file.type || 'application/octet-stream', data: String(reader.result).split(',')[1] }]); };
    reader.readAsDataURL(file);
  };
  $('body').addEventListener('keydown', function (e) { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('compose').requestSubmit(); } });
  $('name').addEventListener('change', function () { shown = ''; refresh(); });
  pick(/instagram/.test(location.hash) ? 'instagram' : 'messenger');
  setInterval(refresh, 1000);
  setInterval(loadAccounts, 5000);
})();
</script>
</body>
</html>
`;

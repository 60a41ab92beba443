/** The emulator's "customer's phone": send SMS/WhatsApp to a Parley inbox and see the replies. */
export const TWILIO_EMULATOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Twilio emulator · a customer's phone</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #f4f4f5; color: #18181b; display: grid; place-items: start center; min-height: 100vh; }
  main { width: min(420px, 100%); margin: 24px 12px; background: #fff; border: 1px solid #e4e4e7; border-radius: 20px; overflow: hidden; display: flex; flex-direction: column; height: calc(100vh - 48px); max-height: 760px; }
  header { padding: 14px 16px; border-bottom: 1px solid #e4e4e7; display: grid; gap: 8px; }
  header h1 { font-size: 16px; margin: 0; }
  label { display: grid; gap: 2px; font-size: 12px; color: #52525b; }
  input, select, textarea, button { font: inherit; }
  input, select { padding: 6px 8px; border: 1px solid #d4d4d8; border-radius: 8px; }
  .row { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
  #thread { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 6px; background: #fafafa; }
  .bubble { max-width: 80%; padding: 8px 10px; border-radius: 14px; white-space: pre-wrap; word-wrap: break-word; }
  .mine { align-self: flex-end; background: #2563eb; color: #fff; border-bottom-right-radius: 4px; }
  .theirs { align-self: flex-start; background: #e4e4e7; border-bottom-left-radius: 4px; }
  .meta { font-size: 11px; opacity: 0.75; margin-top: 2px; }
  form { border-top: 1px solid #e4e4e7; padding: 10px; display: grid; gap: 8px; }
  textarea { resize: none; padding: 8px; border: 1px solid #d4d4d8; border-radius: 10px; }
  .send { display: flex; gap: 8px; align-items: center; justify-content: space-between; }
  button { border: 0; background: #16a34a; color: #fff; border-radius: 999px; padding: 8px 18px; font-weight: 600; cursor: pointer; }
  #status { font-size: 12px; color: #52525b; }
  .empty { color: #71717a; text-align: center; margin: auto; padding: 24px; }
</style>
</head>
<body>
<main>
  <header>
    <h1>📱 A customer's phone <small style="font-weight:normal;color:#71717a">(Twilio emulator)</small></h1>
    <label>Send to (a Parley inbox)
      <select id="to"></select>
    </label>
    <div class="row">
      <label>Your number <input id="from" value="+79161234567" autocomplete="off" /></label>
      <label>WhatsApp name <input id="name" value="Иван" autocomplete="off" /></label>
    </div>
  </header>
  <div id="thread" aria-live="polite"><p class="empty">Nothing yet. Write below — try "СТОП" or "STOP" too.</p></div>
  <form id="compose">
    <textarea id="body" rows="2" placeholder="Привет! Где мой заказ?"></textarea>
    <div class="send">
      <input type="file" id="file" accept="image/*,application/pdf" />
      <button type="submit">Send</button>
    </div>
    <div id="status"></div>
  </form>
</main>
<script>
  var $ = function (id) { return document.getElementById(id); };
  var bare = function (a) { return String(a || '').replace(/^whatsapp:/, ''); };
  var status = function (t) { $('status').textContent = t; };

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
      if (current) select.value = current;
      if (!numbers.length) status('No inbox is connected yet: start Parley in demo mode (npm start) or create an SMS/WhatsApp inbox with this emulator as apiBaseUrl.');
    }).catch(function () { status('The emulator is not answering.'); });
  }

  function render(messages) {
    var thread = $('thread');
    var me = bare($('from').value.trim());
    var inbox = bare($('to').value);
    var mine = messages.filter(function (m) {
      return (bare(m.from) === me && bare(m.to) === inbox) || (bare(m.to) === me && bare(m.from) === inbox);
    });
    if (!mine.length) return;
    var atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
    thread.innerHTML = '';
    mine.forEach(function (m) {
      var div = document.createElement('div');
      var out = m.direction === 'inbound';
      div.className = 'bubble ' + (out ? 'mine' : 'theirs');
      div.textContent = m.body + (Number(m.num_media) ? '  📎×' + m.num_media : '');
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
    return new Promise(function (resolve) {
      if (!file) return resolve([]);
      var reader = new FileReader();
      reader.onload = function () { resolve([{ contentType: file.type || 'application/octet-stream', data: String(reader.result).split(',')[1] }]); };
      reader.readAsDataURL(file);
    });
  }

  $('compose').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = $('body').value;
    var file = $('file').files[0];
    if (!body.trim() && !file) return;
    status('Sending…');
    readFile(file).then(function (media) {
      return fetch('/_emulator/inbound', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: $('to').value, from: $('from').value.trim(), body: body, profileName: $('name').value, media: media }),
      });
    }).then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); }).then(function (res) {
      if (res[0] !== 200) return status(res[1].message || 'Failed');
      status(res[1].status < 300 ? 'Delivered to Parley (HTTP ' + res[1].status + ')' : 'Parley answered HTTP ' + res[1].status + ': ' + res[1].body);
      $('body').value = '';
      $('file').value = '';
      poll();
    }).catch(function (err) { status(String(err)); });
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
</script>
</body>
</html>
`;

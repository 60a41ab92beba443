/**
 * Script pieces the chat emulators' pages (Telegram, Viber) share, pasted into their inline
 * `<script>` inside the page's `(() => { … })()`. Each expects what its comment names to be there.
 */

/**
 * Needs `TEXTS = { en: {…}, ru: {…} }` above it and the elements #text, #hint, #status.
 * Defines `lang` (Russian or English after the browser's language), `t(key, vars)` (with `{name}`
 * placeholders), `$(id)`, `api(path, body?)` (GET, or POST JSON, to `/_emulator/`; throws the
 * emulator's error) and `say(text)` (the status banner); translates every `[data-t]` element.
 */
export const PAGE_BASICS_JS = `
  const lang = /^ru/i.test(navigator.language || '') ? 'ru' : 'en';
  const t = (key, vars = {}) => String(TEXTS[lang][key]).replace(/\\{(\\w+)\\}/g, (_, k) => (vars[k] ?? ''));
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  const $ = (id) => document.getElementById(id);
  $('text').placeholder = t('placeholder');
  $('text').setAttribute('aria-label', t('message'));
  $('hint').textContent = t('hint');
  const api = async (path, body) => {
    const res = await fetch('/_emulator/' + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined);
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || res.statusText);
    return data;
  };
  const say = (text) => { const status = $('status'); status.textContent = text; status.className = text ? 'banner' : ''; };
`;

/**
 * Needs `act(work)`, `userPath(action)`, `user()` and the select #bot, the form #compose with the
 * textarea #text, the button #file and the file input #picker. Sends what is written (Enter sends,
 * Shift+Enter breaks the line) and a picked file with what is written as its caption.
 */
export const PAGE_SENDING_JS = `
  $('compose').onsubmit = (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (!text.trim() || !$('bot').value) return;
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
`;

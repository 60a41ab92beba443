import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInboundEmail } from './inbound-email';
import { sanitizeEmailHtml } from './email-html';

describe('sanitizing customer HTML', () => {
  it('removes scripts, event handlers, javascript: links, frames, forms and style sheets', async () => {
    const { html } = await readInboundEmail(readFileSync(join(__dirname, 'fixtures', 'html-hostile.eml')));
    const safe = sanitizeEmailHtml(html!);
    expect(safe).toContain('<p>Hello <b>agent</b></p>');
    expect(safe).toContain('<a href="https://shop.example/track" target="_blank" rel="noopener noreferrer">track order</a>');
    for (const bad of ['<script', 'alert(', 'onload', 'onerror', 'javascript:', '<iframe', '<form', '<input', '<style', '<svg']) {
      expect(safe.toLowerCase()).not.toContain(bad);
    }
  });

  it('points cid: images at their stored attachment and drops unknown ones', () => {
    const urls = new Map([['abc@mail', '/attachments/11111111-2222-4333-8444-555555555555']]);
    const safe = sanitizeEmailHtml('<img src="cid:ABC@mail" alt="photo"><img src="cid:missing" alt="gone">', urls);
    expect(safe).toBe('<img src="/attachments/11111111-2222-4333-8444-555555555555" alt="photo" />');
  });

  it('keeps images with full URLs only: nothing loads from Parley\'s own origin by a relative path', () => {
    expect(sanitizeEmailHtml('<img src="x"><img src="/api/users"><img src="https://cdn.shop.example/logo.png">')).toBe('<img src="https://cdn.shop.example/logo.png" />');
  });

  it('keeps layout styles but not ones that load or run anything', () => {
    const safe = sanitizeEmailHtml('<p style="color: #333; font-weight: bold; background: url(https://t.example/p.gif); width: expression(alert(1))">x</p>');
    expect(safe).toBe('<p style="color:#333;font-weight:bold">x</p>');
  });
});

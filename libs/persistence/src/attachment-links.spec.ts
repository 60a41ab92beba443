import { createHmac, hkdfSync } from 'node:crypto';
import { TokenKeyRing } from '@parley/domain';
import { signAttachmentLinksIn, signAttachments, signAttachmentUrl, useAttachmentLinkKeys, verifyAttachmentLink } from './attachment-links';
import { sniffContentType } from './attachment-store';

const ID = '0c9d3f2e-1111-4a5b-8c9d-0123456789ab';
const NOW = Date.UTC(2026, 11, 3, 9, 0, 30);

describe('signed attachment links', () => {
  const OLD_KEY = { id: 'k1', secret: 'ключ-ссылок-на-файлы-первый-32-символа' };
  const ring = new TokenKeyRing([{ id: 'k2', secret: 'ключ-ссылок-на-файлы-второй-32-символа' }, OLD_KEY]);
  beforeEach(() => useAttachmentLinkKeys(ring, 'instance-secret-для-тестов'));

  const parts = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

  it('opens the file it was signed for until it expires', () => {
    const { exp, sig } = parts(signAttachmentUrl(ID, NOW, 3600));
    expect(verifyAttachmentLink(ID, exp, sig, NOW)).toBe(true);
    expect(verifyAttachmentLink(ID.toUpperCase(), exp, sig, NOW)).toBe(true);
    expect(verifyAttachmentLink(ID, exp, sig, Number(exp) * 1000 + 1)).toBe(false);
  });

  it('refuses another id, a moved expiry, a forged or missing signature', () => {
    const { exp, sig } = parts(signAttachmentUrl(ID, NOW, 3600));
    expect(verifyAttachmentLink('0c9d3f2e-1111-4a5b-8c9d-0123456789ac', exp, sig, NOW)).toBe(false);
    expect(verifyAttachmentLink(ID, String(Number(exp) + 300), sig, NOW)).toBe(false);
    expect(verifyAttachmentLink(ID, exp, sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A'), NOW)).toBe(false);
    expect(verifyAttachmentLink(ID, exp, undefined, NOW)).toBe(false);
    expect(verifyAttachmentLink(ID, ['1', '2'], sig, NOW)).toBe(false);
  });

  it('still opens a link signed by the previous key of the ring, until it expires', () => {
    useAttachmentLinkKeys(new TokenKeyRing([OLD_KEY]));
    const { exp, sig } = parts(signAttachmentUrl(ID, NOW, 3600));
    useAttachmentLinkKeys(ring);
    expect(sig.startsWith('k1.')).toBe(true);
    expect(verifyAttachmentLink(ID, exp, sig, NOW)).toBe(true);
    useAttachmentLinkKeys(new TokenKeyRing([ring.current]));
    expect(verifyAttachmentLink(ID, exp, sig, NOW)).toBe(false);
  });

  it('still opens an unexpired link in the legacy format (sig = HMAC over "id.exp" under the instance secret)', () => {
    const exp = String(NOW / 1000 + 600);
    const key = Buffer.from(hkdfSync('sha256', 'instance-secret-для-тестов', 'parley', 'attachment links v1', 32));
    const sig = createHmac('sha256', key).update(`${ID}.${exp}`).digest('base64url');
    expect(verifyAttachmentLink(ID, exp, sig, NOW)).toBe(true);
    expect(verifyAttachmentLink(ID, exp, sig, (NOW / 1000 + 601) * 1000)).toBe(false);
    expect(verifyAttachmentLink('0c9d3f2e-1111-4a5b-8c9d-0123456789ac', exp, sig, NOW)).toBe(false);
    useAttachmentLinkKeys(ring);
    expect(verifyAttachmentLink(ID, exp, sig, NOW)).toBe(false);
  });

  it('gives the same link within a step, so browsers can cache the image', () => {
    expect(signAttachmentUrl(ID, NOW)).toBe(signAttachmentUrl(ID, NOW + 60_000));
  });

  it('signs our links in DTOs and in stored HTML, leaving other URLs alone', () => {
    const [ours, theirs] = signAttachments([
      { url: `/attachments/${ID}`, contentType: 'image/png' },
      { url: 'https://cdn.example/фото.png', contentType: 'image/png' },
    ], NOW);
    expect(ours.url).toMatch(new RegExp(`^/attachments/${ID}\\?exp=\\d+&sig=k2\\.[\\w-]{24}$`));
    expect(theirs.url).toBe('https://cdn.example/фото.png');
    const html = signAttachmentLinksIn({ email: { html: `<p>Трещина на крышке</p><img src="/attachments/${ID}">` } }, NOW);
    expect(html.email.html).toContain(`src="${signAttachmentUrl(ID, NOW)}"`);
  });
});

describe('sniffContentType', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

  it('believes the bytes, not the claim', async () => {
    expect(await sniffContentType(png, 'text/html')).toBe('image/png');
    expect(await sniffContentType(Buffer.from('%PDF-1.4\n'), 'image/png')).toBe('application/pdf');
  });

  it('never lets an unproven image claim stand, and keeps text labels', async () => {
    expect(await sniffContentType(Buffer.from('<html><script>alert(1)</script>'), 'image/png')).toBe('application/octet-stream');
    expect(await sniffContentType(Buffer.from('Заказ 1042'), 'text/plain; charset=utf-8')).toBe('text/plain');
    expect(await sniffContentType(Buffer.from('x'), 'not a type')).toBe('application/octet-stream');
  });
});

import { safeAttachmentHref } from './attachment-link';

describe('safeAttachmentHref', () => {
  it('allows web links, absolute and relative', () => {
    expect(safeAttachmentHref('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png');
    expect(safeAttachmentHref('/api/attachments/1')).toBe('/api/attachments/1');
  });

  it('refuses script and data urls', () => {
    expect(safeAttachmentHref('javascript:alert(1)')).toBeNull();
    expect(safeAttachmentHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeAttachmentHref('data:text/html,<script>alert(1)</script>')).toBeNull();
  });
});

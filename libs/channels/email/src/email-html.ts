import sanitizeHtml from 'sanitize-html';

// Inline styles are kept for layout (mail HTML is styled inline), but only properties and values
// that cannot load anything or run anything: no url(), expression() or javascript:.
const SAFE_VALUE = [/^(?!.*(url|expression|javascript|@import|\\))[-#%,.()\w\s"'!/+]*$/i];
const STYLE_PROPERTIES = [
  'color', 'background-color', 'font', 'font-family', 'font-size', 'font-style', 'font-weight', 'line-height',
  'text-align', 'text-decoration', 'text-indent', 'text-transform', 'vertical-align', 'white-space', 'direction',
  'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border', 'border-top', 'border-right', 'border-bottom', 'border-left', 'border-color', 'border-style', 'border-width',
  'border-collapse', 'border-spacing', 'border-radius', 'width', 'max-width', 'min-width', 'height', 'list-style-type',
];

/**
 * Customer HTML, made safe to show: no scripts, event handlers, forms, frames, styles sheets or
 * javascript: links; `cid:` images point at their stored attachments (`inlineUrls`), links open in
 * a new tab. The console still shows the result in a sandboxed frame: two fences, not one.
 */
export function sanitizeEmailHtml(html: string, inlineUrls: ReadonlyMap<string, string> = new Map()): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'xml'],
    allowedAttributes: {
      '*': ['style', 'dir', 'lang', 'title', 'align'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color', 'face', 'size'],
      table: ['width', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
      td: ['colspan', 'rowspan', 'valign', 'width', 'bgcolor'],
      th: ['colspan', 'rowspan', 'valign', 'width', 'bgcolor'],
      ol: ['start', 'type'],
    },
    allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, SAFE_VALUE])) },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https', 'http', 'data'] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        // Relative sources would load from Parley's own origin: only full URLs and data images.
        if (!/^cid:/i.test(src)) return { tagName, attribs: /^(https?:|data:image\/)/i.test(src) ? attribs : {} };
        const url = inlineUrls.get(src.slice(4).replace(/^<|>$/g, '').toLowerCase());
        // An inline image we did not keep (too large, missing part) is left out.
        return { tagName, attribs: url ? { ...attribs, src: url } : {} };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }).trim();
}

/** Plain text as HTML (for outbound alternatives): escaped, line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Whether HTML has anything to read once tags are gone (a quote cut can leave only wrappers). */
export function hasVisibleText(html: string): boolean {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;|\s/g, '') !== '' || /<img\b/i.test(html);
}

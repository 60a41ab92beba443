/**
 * The document an email's HTML is shown in, as a sandboxed iframe's `srcdoc`. The HTML was
 * sanitized by the server already; this is the second fence: no scripts (the sandbox has no
 * allow-scripts, and the policy below allows none), nothing loaded from outside Parley (remote
 * images would tell a sender when the agent read the mail), links open in a new tab.
 */
export function emailFrameDocument(html: string, origin: string): string {
  const policy = `default-src 'none'; img-src ${origin} data:; style-src 'unsafe-inline'`;
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${policy}">` +
    '<base target="_blank">' +
    '<style>html,body{margin:0;padding:0}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;overflow-wrap:anywhere}' +
    'img{max-width:100%;height:auto}table{max-width:100%}blockquote{margin:0 0 0 .6em;padding-left:.6em;border-left:2px solid #d1d5db;color:#4b5563}</style>' +
    `</head><body>${html}</body></html>`
  );
}

/** What the email adapter stored in a message's metadata for the thread to show. */
export interface EmailView {
  subject: string | null;
  /** Sanitized HTML, with and without the quoted history. */
  html: string | null;
  visibleHtml: string | null;
  /** The whole text, when the content is only the new part. */
  fullText: string | null;
  skippedAttachments: string[];
}

export function emailView(metadata: Record<string, unknown> | null): EmailView {
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const skipped = Array.isArray(metadata?.skippedAttachments) ? metadata!.skippedAttachments : [];
  return {
    subject: text(metadata?.subject),
    html: text(metadata?.html),
    visibleHtml: text(metadata?.visibleHtml),
    fullText: text(metadata?.fullText),
    skippedAttachments: skipped.map((s: { fileName?: unknown; contentType?: unknown }) => String(s?.fileName ?? s?.contentType ?? '?')),
  };
}

import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '@parley/contracts';
import { emailFrameDocument, emailView } from './email-frame';
import './email-message.css';

/** Tallest an email is shown inline before it scrolls inside its frame. */
const MAX_FRAME_HEIGHT = 640;

/**
 * An email in the thread: its subject, its HTML in a sandboxed frame (or its text), and the quoted
 * history and signature collapsed behind a toggle.
 */
export function EmailMessageBody({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const [showQuoted, setShowQuoted] = useState(false);
  const view = useMemo(() => emailView(message.metadata), [message.metadata]);
  const hasQuote = view.html ? !!view.visibleHtml : !!view.fullText;
  const html = view.html && (showQuoted ? view.html : (view.visibleHtml ?? view.html));
  const text = showQuoted && view.fullText ? view.fullText : message.content;

  return (
    <div className="email-body" data-testid="email-body">
      {message.direction === 'inbound' && view.subject && <div className="email-body__subject">{view.subject}</div>}
      {html ? <EmailFrame html={html} title={t('conversation.emailFrame')} /> : text && <div className="message__content">{text}</div>}
      {hasQuote && (
        <button type="button" className="link-button email-body__toggle" aria-expanded={showQuoted} onClick={() => setShowQuoted((v) => !v)}>
          {showQuoted ? t('conversation.hideQuoted') : t('conversation.showQuoted')}
        </button>
      )}
      {view.skippedAttachments.length > 0 && (
        <div className="email-body__skipped">{t('conversation.attachmentsSkipped', { names: view.skippedAttachments.join(', ') })}</div>
      )}
    </div>
  );
}

function EmailFrame({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | undefined>(undefined);
  const srcDoc = useMemo(() => emailFrameDocument(html, window.location.origin), [html]);
  // allow-same-origin (without allow-scripts nothing can run in it) lets us measure the content.
  const fit = useCallback(() => {
    const doc = frame.current?.contentDocument;
    // The root element's box, not scrollHeight: that never drops below the frame's own height.
    if (doc?.documentElement) setHeight(Math.min(MAX_FRAME_HEIGHT, Math.ceil(doc.documentElement.getBoundingClientRect().height) + 2));
  }, []);
  return (
    <iframe
      ref={frame}
      className="email-body__frame"
      title={title}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      onLoad={fit}
      style={height ? { height } : undefined}
    />
  );
}

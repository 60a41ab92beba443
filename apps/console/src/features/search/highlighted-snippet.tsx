import { useMemo } from 'react';
import { parseSnippet } from './snippet-parser';

/** A search snippet as React text with <mark> around the matches (never as HTML). */
export function HighlightedSnippet({ snippet, className }: { snippet: string; className?: string }) {
  const parts = useMemo(() => parseSnippet(snippet), [snippet]);
  return (
    <span className={className} data-testid="search-snippet">
      {parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}

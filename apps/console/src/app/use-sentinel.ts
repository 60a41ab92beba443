import { useCallback, useEffect, useRef } from 'react';

/**
 * Infinite scroll: returns a ref for an element at the end of a list; `onVisible` runs whenever
 * that element scrolls into view while `enabled`.
 */
export function useSentinel(onVisible: () => void, enabled: boolean, rootMargin = '200px') {
  const callback = useRef(onVisible);
  useEffect(() => {
    callback.current = onVisible;
  });
  const observer = useRef<IntersectionObserver | null>(null);

  useEffect(() => () => observer.current?.disconnect(), []);

  return useCallback(
    (node: Element | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!node || !enabled || typeof IntersectionObserver === 'undefined') return;
      observer.current = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) callback.current();
        },
        { rootMargin },
      );
      observer.current.observe(node);
    },
    [enabled, rootMargin],
  );
}

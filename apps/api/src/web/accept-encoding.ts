export type ContentCoding = 'br' | 'gzip' | 'identity';

/**
 * The coding to send, given the request's Accept-Encoding and the precompressed files that exist.
 * Ours, not the client's, is the preference among acceptable codings (br beats gzip): browsers list
 * `gzip, deflate, br` with equal weights, so their order says nothing. A coding weighted q=0 is
 * refused; so is identity under `*;q=0` or `identity;q=0`, in which case null (406) comes back.
 */
export function pickEncoding(header: string | undefined, available: ReadonlySet<ContentCoding>): ContentCoding | null {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: ContentCoding): number => {
    const own = weights.get(coding === 'gzip' && !weights.has('gzip') ? 'x-gzip' : coding);
    if (own !== undefined) return own;
    const star = weights.get('*');
    if (star !== undefined) return star;
    // Identity is always acceptable unless refused; anything else only when asked for.
    return coding === 'identity' ? 1 : 0;
  };
  for (const coding of ['br', 'gzip'] as const) {
    if (available.has(coding) && weightOf(coding) > 0) return coding;
  }
  return weightOf('identity') > 0 ? 'identity' : null;
}

/** Whether an inbox setting is an absolute http(s) URL (a provider's API base, an avatar): what every adapter's config accepts. */
export function isHttpUrl(value: unknown): boolean {
  try {
    return /^https?:$/.test(new URL(String(value)).protocol);
  } catch {
    return false;
  }
}

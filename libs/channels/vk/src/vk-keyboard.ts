/**
 * The reply's `metadata.buttons` ([{text, data?, url?}]) → a VK keyboard (JSON for messages.send).
 * Callback buttons carry `{d: data, t: label}` in their payload, so a press (message_event) says
 * both what was chosen and how it read. Up to 10 buttons fit an inline keyboard under the message;
 * more (an NPS scale 0–10) go on a one-time keyboard below the input, as VK allows 40 there.
 */
export function vkKeyboard(buttons: unknown): string | null {
  if (!Array.isArray(buttons)) return null;
  const keys = buttons
    .filter((b): b is { text: string; data?: unknown; url?: unknown } => !!b && typeof b === 'object' && typeof b.text === 'string' && !!b.text.trim())
    .slice(0, 40)
    .map((b) => {
      const label = cut(b.text.trim(), 40);
      if (typeof b.url === 'string' && /^https?:\/\//.test(b.url)) return { action: { type: 'open_link', link: b.url, label } };
      const data = typeof b.data === 'string' && b.data ? b.data : label;
      return { action: { type: 'callback', label, payload: payloadOf(data, label) } };
    });
  if (keys.length === 0) return null;
  const inline = keys.length <= 10;
  const perRow = keys.every((k) => k.action.label.length <= 6) ? 5 : 1;
  const rows: (typeof keys)[] = [];
  for (let i = 0; i < keys.length; i += perRow) rows.push(keys.slice(i, i + perRow));
  return JSON.stringify(inline ? { inline: true, buttons: rows.slice(0, 6) } : { one_time: true, buttons: rows.slice(0, 10) });
}

/** VK limits a button's payload to 255 characters of JSON. */
function payloadOf(data: string, label: string): string {
  const full = JSON.stringify({ d: data, t: label });
  return full.length <= 255 ? full : JSON.stringify({ d: cut(data, 200) });
}

function cut(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}

/**
 * Reply buttons (`metadata.buttons` of an agent's reply: [{text, data?, url?}]) as a Viber keyboard
 * (https://developers.viber.com/docs/tools/keyboards/). A `reply` button sends its ActionBody back as
 * the customer's text message, so the ActionBody is the label the customer sees in their chat; the
 * label → data map travels in `tracking_data`, which Viber returns with the customer's reply.
 */
export interface ViberButton {
  Columns: number;
  Rows: number;
  ActionType: 'reply' | 'open-url';
  ActionBody: string;
  Text: string;
  TextSize: 'regular';
}

export interface ViberKeyboard {
  Type: 'keyboard';
  DefaultHeight: false;
  Buttons: ViberButton[];
}

/** send_message's tracking_data limit. */
const MAX_TRACKING = 4096;
const TRACKING_KEY = 'parley';

export function keyboardOf(buttons: unknown): { keyboard: ViberKeyboard; trackingData: string | null } | null {
  if (!Array.isArray(buttons)) return null;
  const valid = buttons.filter((b): b is { text: string; data?: unknown; url?: unknown } => !!b && typeof b === 'object' && typeof b.text === 'string' && !!b.text.trim());
  if (valid.length === 0) return null;
  // Short labels (a 0–10 rating) six to a row; longer ones a row each (6 columns is Viber's width).
  const short = valid.every((b) => [...b.text.trim()].length <= 6);
  const columns = short ? (valid.length <= 6 ? Math.max(1, Math.floor(6 / valid.length)) : 1) : 6;
  const data: Record<string, string> = {};
  const keys: ViberButton[] = valid.map((b) => {
    const text = b.text.trim().slice(0, 250);
    if (typeof b.url === 'string' && /^https?:\/\//i.test(b.url)) {
      return { Columns: columns, Rows: 1, ActionType: 'open-url', ActionBody: b.url, Text: escapeText(text), TextSize: 'regular' };
    }
    if (typeof b.data === 'string' && b.data && b.data !== text) data[text] = b.data;
    return { Columns: columns, Rows: 1, ActionType: 'reply', ActionBody: text, Text: escapeText(text), TextSize: 'regular' };
  });
  const tracking = Object.keys(data).length ? JSON.stringify({ [TRACKING_KEY]: { buttons: data } }) : null;
  return { keyboard: { Type: 'keyboard', DefaultHeight: false, Buttons: keys }, trackingData: tracking && tracking.length <= MAX_TRACKING ? tracking : null };
}

/** The data of the button whose label the customer sent, from the tracking_data of our last message. */
export function pressedButton(trackingData: unknown, text: unknown): string | null {
  if (typeof trackingData !== 'string' || typeof text !== 'string' || !trackingData.includes(TRACKING_KEY)) return null;
  try {
    const map = JSON.parse(trackingData)?.[TRACKING_KEY]?.buttons;
    const data = map && typeof map === 'object' ? map[text.trim()] : undefined;
    return typeof data === 'string' ? data : null;
  } catch {
    return null;
  }
}

/** Button Text takes Viber's HTML-like markup: a label is shown as written. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

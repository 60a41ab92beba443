// What the reply box takes when a file is pasted, dropped or picked: the server's limits (10 MB a
// file, MAX_ATTACHMENT_BYTES; ten files a reply) and the kinds of files customers can open. Checked
// before the upload, so the agent reads why at once, in their language (the caller words it).

export const MAX_REPLY_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_REPLY_FILES = 10;

export type ReplyFileProblem =
  | { kind: 'empty' }
  | { kind: 'tooLarge'; maxMb: number }
  | { kind: 'type' }
  | { kind: 'tooMany'; max: number };

export interface FileLike {
  name: string;
  size: number;
  type: string;
}

const TYPES = /^(image\/(png|jpeg|gif|webp|heic|heif|bmp)|audio\/[\w.+-]+|video\/(mp4|quicktime|webm|3gpp)|text\/(plain|csv)|application\/(pdf|zip|x-zip-compressed|msword|rtf|vnd\.ms-excel|vnd\.ms-powerpoint|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.oasis\.opendocument\.[\w.]+))$/i;
/** When the browser names no type (some OSes, some files), the extension decides. */
const EXTENSIONS = /\.(png|jpe?g|gif|webp|heic|heif|bmp|mp3|m4a|ogg|oga|opus|wav|mp4|mov|webm|3gp|txt|log|csv|pdf|zip|rtf|docx?|xlsx?|pptx?|odt|ods|odp)$/i;

/** Why the file cannot go with the reply (`attached`: files already with it), or null. */
export function replyFileProblem(file: FileLike, attached: number): ReplyFileProblem | null {
  if (attached >= MAX_REPLY_FILES) return { kind: 'tooMany', max: MAX_REPLY_FILES };
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > MAX_REPLY_FILE_BYTES) return { kind: 'tooLarge', maxMb: MAX_REPLY_FILE_BYTES / 1024 / 1024 };
  const allowed = file.type ? TYPES.test(file.type) : EXTENSIONS.test(file.name);
  return allowed ? null : { kind: 'type' };
}

/** Shown as a thumbnail before sending (what the browser can draw and the server serves inline). */
export const isPreviewableImage = (type: string): boolean => /^image\/(png|jpeg|gif|webp)$/i.test(type);

/**
 * A paste gives files to attach only when it brings no text: a screenshot or a copied file does;
 * text copied from an office document also carries a picture of itself, and the text wins.
 */
export function pastedFiles<T>(files: readonly T[], types: readonly string[]): T[] {
  return types.includes('text/plain') ? [] : [...files];
}

/** A pasted screenshot is called "image.png" by every browser: a name that says when it was taken. */
export function pastedFileName(name: string, type: string, now: Date): string {
  if (name && name !== 'image.png') return name;
  const extension = type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `screenshot-${stamp}.${extension}`;
}

export interface FormPart {
  name: string;
  fileName: string | null;
  contentType: string | null;
  data: Buffer;
}

/** A multipart/form-data body (what telegraf sends with a file) → its parts. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body.slice(start, start + 2).toString() === '--') break;
    if (body.slice(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // The part ends with the CRLF before the next delimiter.
    const part = body.slice(start, body.slice(next - 2, next).toString() === '\r\n' ? next - 2 : next);
    const split = part.indexOf('\r\n\r\n');
    const head = split < 0 ? part.toString() : part.slice(0, split).toString();
    const data = split < 0 ? Buffer.alloc(0) : part.slice(split + 4);
    const disposition = /content-disposition:\s*([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name) {
      parts.push({
        name,
        fileName: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
        contentType: /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim() ?? null,
        data,
      });
    }
    at = next;
  }
  return parts;
}

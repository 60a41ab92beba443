import type { AttachmentDto } from '@parley/contracts';

// What Viber's send_message takes (https://developers.viber.com/docs/api/rest-bot-api/#send-message):
// a picture is a JPEG, PNG or non-animated GIF of at most 1 MB (Viber's iOS limit; Android takes 3 MB);
// a video is an MPEG-4 (H.264) file of at most 26 MB, sent with its size; anything else is a file of at
// most 50 MB, never one of the executable types Viber refuses. A picture or video over its own limit
// still goes, as a file.
const MB = 1024 * 1024;
export const VIBER_LIMITS = { picture: 1 * MB, video: 26 * MB, file: 50 * MB } as const;

const PICTURE_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/gif']);
/** MP4 and its kin that carry H.264: .mp4, .m4v, .3gp (QuickTime .mov shares the container). */
const VIDEO_TYPES = new Set(['video/mp4', 'video/x-m4v', 'video/m4v', 'video/3gpp', 'video/quicktime']);
/** By file extension: what a browser uploads as application/octet-stream. */
const VIDEO_EXTENSIONS = new Set(['mp4', 'm4v', '3gp', 'mov']);

/** Viber's "forbidden file formats": executables and scripts of Windows, macOS and Java. */
const FORBIDDEN_EXTENSIONS = new Set([
  'asp', 'bat', 'cmd', 'com', 'cpl', 'dll', 'exe', 'gadget', 'hta', 'inf', 'ins', 'isp', 'jar', 'js', 'jse', 'lnk', 'msc', 'msi', 'msp', 'mst',
  'pif', 'ps1', 'reg', 'scr', 'sct', 'shb', 'shs', 'vb', 'vbe', 'vbs', 'ws', 'wsc', 'wsf', 'wsh', 'app', 'command', 'action', 'workflow',
]);

export type ViberFileKind = { type: 'picture' | 'video' | 'file' } | { refused: string };

const extensionOf = (name: string | undefined) => /\.([a-z0-9]{1,12})$/i.exec(name ?? '')?.[1]?.toLowerCase() ?? '';
const megabytes = (bytes: number) => (Math.ceil((bytes / MB) * 10) / 10).toFixed(1);

/** How one attachment goes to Viber, or why it cannot (an English reason the API words in Russian too). */
export function viberFileKind(a: Pick<AttachmentDto, 'contentType' | 'fileName' | 'size'>): ViberFileKind {
  const type = a.contentType.split(';')[0].trim().toLowerCase();
  const extension = extensionOf(a.fileName);
  const size = typeof a.size === 'number' && a.size > 0 ? a.size : 0;
  const name = (a.fileName ?? 'file').slice(0, 100);
  if (FORBIDDEN_EXTENSIONS.has(extension) || type === 'application/x-msdownload' || type === 'application/x-msdos-program') {
    return { refused: `Viber does not deliver files of this type: "${name}"` };
  }
  if (size > VIBER_LIMITS.file) return { refused: `Viber takes files of up to 50 MB: "${name}" is ${megabytes(size)} MB` };
  if (PICTURE_TYPES.has(type) && size <= VIBER_LIMITS.picture) return { type: 'picture' };
  const video = VIDEO_TYPES.has(type) || (type === 'application/octet-stream' && VIDEO_EXTENSIONS.has(extension));
  if (video && size <= VIBER_LIMITS.video) return { type: 'video' };
  return { type: 'file' };
}

/** The first reason one of these attachments cannot go to Viber, or null. */
export function viberFilesRefusal(attachments: readonly Pick<AttachmentDto, 'contentType' | 'fileName' | 'size'>[]): string | null {
  for (const a of attachments) {
    const kind = viberFileKind(a);
    if ('refused' in kind) return kind.refused;
  }
  return null;
}

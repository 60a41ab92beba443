import { VIBER_LIMITS, viberFileKind, viberFilesRefusal } from './viber-files';

const MB = 1024 * 1024;

describe('which Viber message type an outbound file becomes', () => {
  it('sends small JPEG, PNG and GIF images as pictures, bigger ones as files', () => {
    expect(viberFileKind({ contentType: 'image/jpeg', fileName: 'фото.jpg', size: 300_000 })).toEqual({ type: 'picture' });
    expect(viberFileKind({ contentType: 'image/gif', size: VIBER_LIMITS.picture })).toEqual({ type: 'picture' });
    expect(viberFileKind({ contentType: 'image/png', fileName: 'скан.png', size: 2 * MB })).toEqual({ type: 'file' });
    expect(viberFileKind({ contentType: 'image/webp', size: 10 })).toEqual({ type: 'file' });
  });

  it('recognises MP4, M4V, 3GP and QuickTime videos up to 26 MB, also by extension when the type is generic', () => {
    for (const contentType of ['video/mp4', 'video/x-m4v', 'video/3gpp', 'video/quicktime', 'video/mp4; codecs="avc1"']) {
      expect(viberFileKind({ contentType, fileName: 'ролик', size: 5 * MB })).toEqual({ type: 'video' });
    }
    expect(viberFileKind({ contentType: 'application/octet-stream', fileName: 'ролик.MOV', size: 5 * MB })).toEqual({ type: 'video' });
    expect(viberFileKind({ contentType: 'video/mp4', fileName: 'длинный.mp4', size: 30 * MB })).toEqual({ type: 'file' });
    expect(viberFileKind({ contentType: 'video/webm', fileName: 'clip.webm', size: MB })).toEqual({ type: 'file' });
  });

  it('refuses files over 50 MB and executables, naming the file', () => {
    expect(viberFileKind({ contentType: 'application/pdf', fileName: 'отчёт.pdf', size: VIBER_LIMITS.file })).toEqual({ type: 'file' });
    expect(viberFileKind({ contentType: 'application/zip', fileName: 'архив.zip', size: 61 * MB })).toEqual({ refused: 'Viber takes files of up to 50 MB: "архив.zip" is 61.0 MB' });
    expect(viberFileKind({ contentType: 'application/octet-stream', fileName: 'setup.EXE', size: 10 })).toEqual({ refused: 'Viber does not deliver files of this type: "setup.EXE"' });
    expect(viberFilesRefusal([{ contentType: 'image/png', size: 1 }, { contentType: 'text/plain', fileName: 'скрипт.vbs' }])).toContain('скрипт.vbs');
    expect(viberFilesRefusal([{ contentType: 'image/png', size: 1 }])).toBeNull();
  });
});

import { isPreviewableImage, MAX_REPLY_FILE_BYTES, pastedFileName, pastedFiles, replyFileProblem } from './reply-file-rules';

describe('files in the reply box', () => {
  it('takes images, documents and media the customer can open', () => {
    expect(replyFileProblem({ name: 'скриншот.png', size: 2048, type: 'image/png' }, 0)).toBeNull();
    expect(replyFileProblem({ name: 'счёт.pdf', size: 2048, type: 'application/pdf' }, 0)).toBeNull();
    expect(replyFileProblem({ name: 'отчёт.xlsx', size: 2048, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 0)).toBeNull();
    expect(replyFileProblem({ name: 'notes.txt', size: 10, type: '' }, 0)).toBeNull();
  });

  it('refuses programs, pages and unknown kinds', () => {
    expect(replyFileProblem({ name: 'setup.exe', size: 2048, type: 'application/x-msdownload' }, 0)).toEqual({ kind: 'type' });
    expect(replyFileProblem({ name: 'page.html', size: 2048, type: 'text/html' }, 0)).toEqual({ kind: 'type' });
    expect(replyFileProblem({ name: 'logo.svg', size: 2048, type: 'image/svg+xml' }, 0)).toEqual({ kind: 'type' });
    expect(replyFileProblem({ name: 'run.sh', size: 10, type: '' }, 0)).toEqual({ kind: 'type' });
  });

  it('refuses empty files, files over 10 MB and an eleventh file', () => {
    expect(replyFileProblem({ name: 'a.png', size: 0, type: 'image/png' }, 0)).toEqual({ kind: 'empty' });
    expect(replyFileProblem({ name: 'a.png', size: MAX_REPLY_FILE_BYTES, type: 'image/png' }, 0)).toBeNull();
    expect(replyFileProblem({ name: 'a.png', size: MAX_REPLY_FILE_BYTES + 1, type: 'image/png' }, 0)).toEqual({ kind: 'tooLarge', maxMb: 10 });
    expect(replyFileProblem({ name: 'a.png', size: 10, type: 'image/png' }, 10)).toEqual({ kind: 'tooMany', max: 10 });
  });

  it('previews only images the browser and the server show in place', () => {
    expect(isPreviewableImage('image/jpeg')).toBe(true);
    expect(isPreviewableImage('image/heic')).toBe(false);
    expect(isPreviewableImage('application/pdf')).toBe(false);
  });

  it('attaches pasted files only when the paste brings no text', () => {
    expect(pastedFiles(['shot'], ['Files'])).toEqual(['shot']);
    expect(pastedFiles(['picture of text'], ['text/plain', 'text/html', 'Files'])).toEqual([]);
  });

  it('names a pasted screenshot after the moment it was pasted', () => {
    const at = new Date('2026-12-01T10:20:30Z');
    expect(pastedFileName('image.png', 'image/png', at)).toBe('screenshot-20261201-102030.png');
    expect(pastedFileName('', 'image/jpeg', at)).toBe('screenshot-20261201-102030.jpg');
    expect(pastedFileName('договор.pdf', 'application/pdf', at)).toBe('договор.pdf');
  });
});

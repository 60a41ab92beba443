import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDto } from '@parley/contracts';
import { uploadAttachment } from '../../api/attachments-api';
import { isPreviewableImage, pastedFileName, replyFileProblem, type ReplyFileProblem } from './reply-file-rules';

export interface ReplyFile {
  key: string;
  name: string;
  size: number;
  type: string;
  /** A blob: URL of the file itself, for images. */
  previewUrl: string | null;
  state: 'uploading' | 'ready' | 'failed';
  attachment?: AttachmentDto;
  error?: string;
}

export interface ReplyFiles {
  files: ReplyFile[];
  /** Why the last files given could not go (one line each), until the next add or send. */
  rejections: string[];
  uploading: boolean;
  /** The uploaded files' ids, for the reply's attachmentIds. */
  ids: string[];
  add(files: File[], options?: { pasted?: boolean }): void;
  remove(key: string): void;
  dismissRejections(): void;
  reset(): void;
}

let seq = 0;

/**
 * Files pasted, dropped or picked into the reply box: checked (reply-file-rules.ts), uploaded at once
 * to POST /api/attachments, previewed, and sent as attachmentIds with the next reply. `alreadyAttached`:
 * files coming from elsewhere (a canned response's), which count towards the limit.
 */
export function useReplyFiles(alreadyAttached: number): ReplyFiles {
  const { t } = useTranslation();
  const [files, setFiles] = useState<ReplyFile[]>([]);
  const [rejections, setRejections] = useState<string[]>([]);
  const current = useRef(files);
  current.current = files;
  const alive = useRef(true);

  useEffect(
    () => () => {
      alive.current = false;
      for (const f of current.current) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
    },
    [],
  );

  const problemText = useCallback(
    (name: string, problem: ReplyFileProblem) =>
      problem.kind === 'tooLarge' ? t('replyFiles.tooLarge', { name, max: problem.maxMb })
      : problem.kind === 'tooMany' ? t('replyFiles.tooMany', { name, max: problem.max })
      : problem.kind === 'empty' ? t('replyFiles.empty', { name })
      : t('replyFiles.badType', { name }),
    [t],
  );

  const patch = (key: string, change: Partial<ReplyFile>) => {
    if (alive.current) setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...change } : f)));
  };

  const add = useCallback(
    (given: File[], options: { pasted?: boolean } = {}) => {
      const refused: string[] = [];
      const accepted: ReplyFile[] = [];
      let attached = alreadyAttached + current.current.length;
      for (const original of given) {
        const file = options.pasted ? new File([original], pastedFileName(original.name, original.type, new Date()), { type: original.type }) : original;
        const problem = replyFileProblem(file, attached);
        if (problem) {
          refused.push(problemText(file.name, problem));
          continue;
        }
        attached++;
        const entry: ReplyFile = {
          key: `f${++seq}`, name: file.name, size: file.size, type: file.type, state: 'uploading',
          previewUrl: isPreviewableImage(file.type) ? URL.createObjectURL(file) : null,
        };
        accepted.push(entry);
        uploadAttachment(file).then(
          (attachment) => patch(entry.key, { state: 'ready', attachment }),
          (err: Error) => patch(entry.key, { state: 'failed', error: err.message || t('replyFiles.uploadFailed', { name: file.name }) }),
        );
      }
      setRejections(refused);
      if (accepted.length) setFiles((list) => [...list, ...accepted]);
    },
    [alreadyAttached, problemText, t],
  );

  const remove = useCallback((key: string) => {
    setFiles((list) => {
      const gone = list.find((f) => f.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((f) => f.key !== key);
    });
  }, []);

  const reset = useCallback(() => {
    for (const f of current.current) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
    setFiles([]);
    setRejections([]);
  }, []);

  return {
    files,
    rejections,
    uploading: files.some((f) => f.state === 'uploading'),
    ids: files.flatMap((f) => (f.state === 'ready' && f.attachment?.id ? [f.attachment.id] : [])),
    add,
    remove,
    dismissRejections: useCallback(() => setRejections([]), []),
    reset,
  };
}

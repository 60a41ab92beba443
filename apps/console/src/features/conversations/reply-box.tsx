import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_EVENTS, type AgentTypingPayload, type Channel, type ReplyExtrasDto } from '@parley/contracts';
import { useAgentEmit } from '../../api/agent-socket';
import { opensEmojiPicker } from '../../app/keyboard-shortcuts';
import { useCurrentUser } from '../auth/auth-context';
import { CannedDraftNotices } from '../canned-responses/canned-draft-notices';
import { CannedPicker } from '../canned-responses/canned-picker';
import { unresolvedPlaceholders } from '../canned-responses/canned-trigger';
import { useCannedInsert } from '../canned-responses/use-canned-insert';
import { MentionPicker } from '../notifications/mention-picker';
import { useMentionInsert } from '../notifications/use-mention-insert';
import { useDirectory } from './use-directory';
import { ButtonsEditor } from './buttons-editor';
import { EmailReplyFields } from './email-reply-fields';
import { parseCc, replySubject, sendsOnEnter } from './email-reply-rules';
import { toReplyButtons, type ButtonDraft } from './reply-buttons';
import { SmsSegmentCounter } from './sms-segment-counter';
import { EmojiButton } from './emoji-button';
import { insertAtCaret } from './insert-at-caret';
import { pastedFiles } from './reply-file-rules';
import { ReplyFilesPreview } from './reply-files';
import { TypingSignal } from './typing-signal';
import { useReplyDraft } from './use-reply-draft';
import { useReplyFiles } from './use-reply-files';
import './conversation-extras.css';

interface ReplyBoxProps {
  conversationId: string;
  channel: Channel;
  noteMode: boolean;
  onNoteModeChange(on: boolean): void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onSend(content: string, isPrivate: boolean, extra?: ReplyExtrasDto): Promise<void>;
  /** The channel refuses free text now (opted out, WhatsApp window closed): notes still go. */
  replyBlocked?: boolean;
  /** Email conversations: the thread's subject, prefilled as "Re: …". */
  emailSubject?: string | null;
}

export function ReplyBox({ conversationId, channel, noteMode, onNoteModeChange, inputRef, onSend, replyBlocked, emailSubject }: ReplyBoxProps) {
  const { t } = useTranslation();
  const emit = useAgentEmit();
  const me = useCurrentUser();
  // Unsent text survives switching conversations and reloads, a reply and a note each their own.
  const [text, setText] = useReplyDraft(me.id, conversationId, noteMode ? 'note' : 'reply');
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [sending, setSending] = useState(false);
  // Quick-reply buttons: Telegram shows them as an inline keyboard under the reply.
  const [buttons, setButtons] = useState<ButtonDraft[]>([]);
  const withButtons = channel === 'telegram' && !noteMode;
  const [error, setError] = useState<string | null>(null);
  const isEmail = channel === 'email';
  const withEmailFields = isEmail && !noteMode;
  const [subject, setSubject] = useState(() => replySubject(emailSubject));
  const [cc, setCc] = useState('');
  const ccParsed = useMemo(() => parseCc(cc), [cc]);
  const ccInvalid = withEmailFields && ccParsed.invalid.length > 0;
  const emitRef = useRef(emit);
  emitRef.current = emit;

  const typing = useMemo(
    () =>
      new TypingSignal((isTyping) =>
        emitRef.current(AGENT_EVENTS.typing, { conversationId, isTyping } satisfies AgentTypingPayload),
      ),
    [conversationId],
  );
  useEffect(() => () => typing.stop(), [typing]);
  useEffect(() => {
    if (noteMode) typing.stop();
  }, [noteMode, typing]);

  const update = (value: string) => {
    setText(value);
    if (!noteMode && value) typing.keystroke();
    if (!value) typing.stop();
  };

  const canned = useCannedInsert({ conversationId, text, setText: update, inputRef });
  const files = useReplyFiles(canned.attachments.length);
  const hasContent = !!text.trim() || files.ids.length > 0;
  const mention = useMentionInsert({ enabled: noteMode, text, setText: update, inputRef, users: useDirectory().users });
  const unresolved = useMemo(() => unresolvedPlaceholders(text), [text]);

  const send = async () => {
    const content = text.trim();
    if (!(content || files.ids.length) || sending || (replyBlocked && !noteMode) || ccInvalid) return;
    if (files.uploading) {
      setError(t('replyFiles.waitUpload'));
      return;
    }
    // A customer must never get "{{customer.first_name}}": the agent fills it in first.
    if (unresolved.length) {
      setError(t('canned.unresolvedBlocked', { names: unresolved.map((n) => `{{${n}}}`).join(', ') }));
      return;
    }
    setSending(true);
    setError(null);
    typing.stop();
    // Clear at once so the agent can keep typing; put the text back if the api refuses it.
    update('');
    try {
      const replyButtons = withButtons ? toReplyButtons(buttons) : [];
      const extra: ReplyExtrasDto = {
        ...(replyButtons.length ? { buttons: replyButtons } : {}),
        ...(withEmailFields && subject.trim() ? { subject: subject.trim() } : {}),
        ...(withEmailFields && ccParsed.addresses.length ? { cc: ccParsed.addresses } : {}),
      };
      const attachmentIds = [...canned.attachments.flatMap((a) => a.id ?? []), ...files.ids];
      if (attachmentIds.length) extra.attachmentIds = attachmentIds;
      await onSend(content, noteMode, Object.keys(extra).length ? extra : undefined);
      canned.reset();
      files.reset();
      if (replyButtons.length) setButtons([]);
      // Copies are chosen per mail: the next reply does not silently copy them again.
      if (extra.cc) setCc('');
    } catch (err) {
      setText(textRef.current || content);
      setError((err as Error).message || t('errors.unexpected'));
    } finally {
      setSending(false);
    }
  };

  const textRef = useRef(text);
  textRef.current = text;

  const insertEmoji = useCallback(
    (emoji: string) => {
      const input = inputRef.current;
      const next = insertAtCaret(textRef.current, input?.selectionStart ?? textRef.current.length, input?.selectionEnd ?? textRef.current.length, emoji);
      update(next.text);
      setEmojiOpen(false);
      requestAnimationFrame(() => {
        input?.focus();
        input?.setSelectionRange(next.caret, next.caret);
      });
    },
    // update is recreated each render; it only closes over the stable setters and the note mode.
    [inputRef, noteMode],
  );

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const given = pastedFiles([...event.clipboardData.files], [...event.clipboardData.types]);
    if (!given.length) return;
    event.preventDefault();
    files.add(given, { pasted: true });
  };

  const dragHasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');
  const dropHandlers = {
    onDragOver: (event: DragEvent<HTMLDivElement>) => {
      if (!dragHasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: (event: DragEvent<HTMLDivElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (event: DragEvent<HTMLDivElement>) => {
      setDragging(false);
      if (!event.dataTransfer.files.length) return;
      event.preventDefault();
      files.add([...event.dataTransfer.files]);
      inputRef.current?.focus();
    },
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention.onKeyDown(event) || canned.onKeyDown(event)) return;
    if (opensEmojiPicker(event)) {
      event.preventDefault();
      setEmojiOpen((open) => !open);
      return;
    }
    const { key, shiftKey, ctrlKey, metaKey } = event;
    if (sendsOnEnter({ key, shiftKey, ctrlKey, metaKey, isComposing: event.nativeEvent.isComposing }, isEmail)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <div className={`reply ${noteMode ? 'reply--note' : ''} ${dragging ? 'reply--dragging' : ''}`} data-testid="reply-box" {...dropHandlers}>
      {dragging && (
        <div className="reply__drop" aria-hidden="true">
          {t('reply.dropHint')}
        </div>
      )}
      <div className="reply__toolbar">
        <button
          type="button"
          role="switch"
          aria-checked={noteMode}
          className="mode-switch"
          data-testid="note-toggle"
          title={t('reply.toggleHint')}
          onClick={() => {
            onNoteModeChange(!noteMode);
            inputRef.current?.focus();
          }}
        >
          <span className={`mode-switch__option ${noteMode ? '' : 'is-active'}`}>{t('reply.reply')}</span>
          <span className={`mode-switch__option ${noteMode ? 'is-active is-note' : ''}`}>{t('reply.privateNote')}</span>
        </button>
        <span className="reply__hint">{noteMode ? t('reply.noteHint') : t('reply.replyHint', { channel: t(`channel.${channel}`) })}</span>
      </div>
      {withEmailFields && (
        <EmailReplyFields subject={subject} cc={cc} invalidCc={ccParsed.invalid} onSubjectChange={setSubject} onCcChange={setCc} />
      )}
      <CannedPicker picker={canned.picker} />
      <MentionPicker mention={mention} />
      <textarea
        ref={inputRef}
        className="reply__input"
        data-testid="reply-input"
        rows={3}
        value={text}
        placeholder={noteMode ? t('reply.notePlaceholder') : t('reply.placeholder')}
        aria-label={noteMode ? t('reply.privateNote') : t('reply.reply')}
        onChange={(e) => {
          update(e.target.value);
          canned.onCaret(e.target);
          mention.onCaret(e.target);
        }}
        onSelect={(e) => {
          canned.onCaret(e.currentTarget);
          mention.onCaret(e.currentTarget);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => typing.stop()}
      />
      <ReplyFilesPreview files={files} />
      <CannedDraftNotices
        channel={channel}
        unresolved={unresolved}
        insertion={canned.insertion}
        attachments={canned.attachments}
        onRemoveAttachment={canned.removeAttachment}
      />
      {withButtons && <ButtonsEditor value={buttons} onChange={setButtons} />}
      <div className="reply__footer">
        <EmojiButton open={emojiOpen} onOpenChange={setEmojiOpen} onPick={insertEmoji} />
        <AttachButton onFiles={(picked) => files.add(picked)} />
        <span className="reply__keys muted small" data-testid="reply-keys">
          {isEmail ? t('composerEmail.keys') : t('reply.keys')}
        </span>
        {!noteMode && <SmsSegmentCounter channel={channel} text={text} />}
        {(error || canned.error) && (
          <span className="form-error" role="alert" data-testid="reply-error">
            {error ?? canned.error}
          </span>
        )}
        <button
          type="button"
          className={`button ${noteMode ? 'button--note' : 'button--primary'}`}
          data-testid="reply-send"
          disabled={!hasContent || sending || files.uploading || (!noteMode && !!replyBlocked) || ccInvalid}
          onClick={() => void send()}
        >
          {noteMode ? t('reply.addNote') : t('reply.send')}
        </button>
      </div>
    </div>
  );
}

/** A paperclip that opens the file chooser: the same files as a paste or a drop, for the mouse and the keyboard. */
function AttachButton({ onFiles }: { onFiles(files: File[]): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="icon-button reply__tool" data-testid="attach-button" title={t('reply.attach')} aria-label={t('reply.attach')} onClick={() => input.current?.click()}>
        <span aria-hidden="true">📎</span>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </>
  );
}

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

interface InlineFieldProps {
  value: string;
  placeholder?: string;
  label: string;
  type?: 'text' | 'email' | 'tel';
  testId?: string;
  onCommit(value: string): Promise<void> | void;
}

/** Looks like text, edits in place: Enter or leaving the field saves, Escape puts the old value back. */
export function InlineField({ value, placeholder, label, type = 'text', testId, onCommit }: InlineFieldProps) {
  const [draft, setDraft] = useState(value);
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  // Escape also blurs (global shortcut), and the blur must not save what Escape threw away.
  const discarded = useRef(false);

  useEffect(() => setDraft(value), [value]);

  const commit = async () => {
    if (discarded.current) {
      discarded.current = false;
      setDraft(value);
      return;
    }
    if (draft === value || saving) return;
    setSaving(true);
    setFailed(false);
    try {
      await onCommit(draft);
    } catch {
      setFailed(true);
      setDraft(value);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.currentTarget.blur();
    } else if (event.key === 'Escape') {
      discarded.current = true;
      setDraft(value);
      event.currentTarget.blur();
    }
  };

  return (
    <input
      className={`inline-field ${failed ? 'is-invalid' : ''} ${saving ? 'is-saving' : ''}`}
      type={type}
      value={draft}
      placeholder={placeholder}
      aria-label={label}
      aria-invalid={failed || undefined}
      data-testid={testId}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void commit()}
      onKeyDown={onKeyDown}
    />
  );
}

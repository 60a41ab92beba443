import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type FormOutcome = { kind: 'ok' | 'error'; text: string } | null;

/** One form's outcome, shown under its button: a localized check failed, the server said no, or it was saved. */
export function useFormStatus() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<FormOutcome>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  const fail = (text: string) => setStatus({ kind: 'error', text });
  /** Resolves true when saved. */
  const submit = (p: Promise<unknown>): Promise<boolean> => {
    setStatus(null);
    return p.then(
      () => {
        setStatus({ kind: 'ok', text: t('teams.saved') });
        clearTimeout(timer.current ?? undefined);
        timer.current = setTimeout(() => setStatus(null), 4000);
        return true;
      },
      (err: Error) => {
        setStatus({ kind: 'error', text: t('teams.saveFailed', { message: err.message }) });
        return false;
      },
    );
  };
  return { status, fail, submit };
}

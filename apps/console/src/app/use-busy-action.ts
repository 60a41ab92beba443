import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One action at a time from a bar of buttons: `busy` while it runs (buttons disabled), and its
 * failure as a message to show, cleared when the next one starts.
 */
export function useBusyAction(): { busy: boolean; error: string | null; run: (action: () => Promise<unknown>) => Promise<void> } {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message || t('errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

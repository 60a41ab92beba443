import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { USER_LOCALES, type UserDto, type UserLocale } from '@parley/contracts';
import { http } from '../api/http-client';
import { useAuth } from '../features/auth/auth-context';

/** The active UI language as an Intl locale. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? 'en';
}

const isUserLocale = (code: string): code is UserLocale => (USER_LOCALES as readonly string[]).includes(code);

/**
 * The language follows the user, not the browser: on sign-in the console switches to the one they
 * chose last (on any device), and a choice made while signed in is saved to their account.
 * Returns the setter for the language picker.
 */
export function useRememberedLanguage(): (code: string) => void {
  const { i18n } = useTranslation();
  const { user } = useAuth();
  const userId = user?.id;
  const saved = user?.locale ?? null;

  useEffect(() => {
    // Only at sign-in (a new user id): later the picker is the source of truth, so `saved` is left out.
    if (saved && saved !== i18n.resolvedLanguage) void i18n.changeLanguage(saved);
  }, [userId]);

  return useCallback(
    (code: string) => {
      void i18n.changeLanguage(code);
      // Kept locally either way; the account copy is what another browser gets.
      if (userId && isUserLocale(code)) void http.patch<UserDto>('/api/users/me', { locale: code }).catch(() => undefined);
    },
    [i18n, userId],
  );
}

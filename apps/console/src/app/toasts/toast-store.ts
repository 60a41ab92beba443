import { useSyncExternalStore } from 'react';

export type ToastTone = 'info' | 'warning' | 'danger';

export interface Toast {
  /** Same key, same toast: a repeat replaces it (and restarts its clock) instead of stacking. */
  key: string;
  tone: ToastTone;
  title: string;
  detail?: string | null;
  /** The conversation it is about: the toast names it (customer · channel) and opens it. */
  conversationId: string;
  /** How long it stays once nobody hovers or focuses it. */
  durationMs: number;
  /** Test hooks of the toast and its open button (`detractor-alert` / `detractor-open`…). */
  testId?: string;
  openTestId?: string;
}

/** Few at once: older ones give way, so toasts never grow down over the page. */
export const MAX_TOASTS = 3;

let toasts: readonly Toast[] = [];
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function showToast(toast: Toast): void {
  toasts = [toast, ...toasts.filter((x) => x.key !== toast.key)].slice(0, MAX_TOASTS);
  emit();
}

export function dismissToast(key: string): void {
  const next = toasts.filter((x) => x.key !== key);
  if (next.length === toasts.length) return;
  toasts = next;
  emit();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const toastList = (): readonly Toast[] => toasts;

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, toastList);
}

import { dismissToast, MAX_TOASTS, showToast, toastList, type Toast } from './toast-store';

const toast = (key: string, title = `Клиент ${key}`): Toast => ({ key, tone: 'warning', title, conversationId: `c-${key}`, durationMs: 8000 });

describe('toast store', () => {
  afterEach(() => toastList().forEach((x) => dismissToast(x.key)));

  it('shows the newest first and keeps only a few', () => {
    for (const key of ['1', '2', '3', '4']) showToast(toast(key));
    expect(toastList().map((x) => x.key)).toEqual(['4', '3', '2']);
    expect(toastList()).toHaveLength(MAX_TOASTS);
  });

  it('replaces a toast with the same key instead of stacking it', () => {
    showToast(toast('a', 'Срок скоро'));
    showToast(toast('b'));
    showToast(toast('a', 'Срок пропущен'));
    expect(toastList().map((x) => [x.key, x.title])).toEqual([['a', 'Срок пропущен'], ['b', 'Клиент b']]);
  });

  it('dismisses by key', () => {
    showToast(toast('x'));
    dismissToast('x');
    expect(toastList()).toEqual([]);
  });
});

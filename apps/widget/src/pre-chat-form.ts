import { h } from './dom';
import type { MessageKey, Translate } from './i18n';

/** The optional name/email form shown before the first message. */
export function buildPreChatForm(
  t: Translate,
  on: { skip(): void; submit(form: HTMLFormElement, buttons: HTMLButtonElement[]): void },
): HTMLFormElement {
  const form = h('form', 'pw-prechat', { 'data-testid': 'parley-prechat', novalidate: '', hidden: '' });
  const field = (label: MessageKey, name: string, type: string, autocomplete: string) => {
    const wrapper = h('label', 'pw-field', {}, t(label));
    wrapper.append(h('input', '', { name, type, autocomplete, 'data-testid': `parley-prechat-${name}` }));
    return wrapper;
  };
  const actions = h('div', 'pw-prechat-actions');
  const skip = h('button', 'pw-button', { type: 'button', 'data-variant': 'ghost', 'data-testid': 'parley-prechat-skip' }, t('skip'));
  const submit = h('button', 'pw-button', { type: 'submit', 'data-testid': 'parley-prechat-submit' }, t('startChat'));
  actions.append(skip, submit);
  form.append(
    h('p', 'pw-prechat-title', {}, t('prechatTitle')),
    h('p', 'pw-prechat-intro', {}, t('prechatIntro')),
    field('name', 'name', 'text', 'name'),
    field('email', 'email', 'email', 'email'),
    h('p', 'pw-prechat-error', { role: 'alert', hidden: '' }),
    actions,
  );
  skip.addEventListener('click', () => on.skip());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    on.submit(form, [skip, submit]);
  });
  return form;
}

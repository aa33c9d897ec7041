import { h, on } from './dom.js';

/**
 * Asks for the admin token. `onToken` checks it with the server; what it throws (a wrong token,
 * the server down) is shown under the field.
 */
export function loginView(onToken: (token: string) => Promise<void>, notice?: string): HTMLElement {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert' }, notice);
  const button = h('button', { type: 'submit', class: 'primary' }, 'Open the console');
  const form = h(
    'form',
    { class: 'card login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'DTM admin console'),
    h(
      'p',
      { class: 'muted' },
      'Enter the token set in DTM_ADMIN_TOKEN. It is kept in this tab only, and sent with every call.',
    ),
    h('label', { for: 'token' }, 'Admin token'),
    input,
    button,
    error,
  );
  on(form, 'submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    error.textContent = '';
    onToken(input.value.trim())
      .catch((problem: Error) => {
        error.textContent = problem.message;
        input.select();
      })
      .finally(() => (button.disabled = false));
  });
  queueMicrotask(() => input.focus());
  return form;
}

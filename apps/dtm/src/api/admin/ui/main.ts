import { AdminApi, Unauthorized } from './api.js';
import { transactionView } from './detail.js';
import { h, on, show } from './dom.js';
import { parseHash } from './hash.js';
import { listView } from './list.js';
import { loginView } from './login.js';
import type { AdminInfo } from './wire.js';

const app = document.getElementById('app')!;
const session = document.getElementById('session')!;
const api = new AdminApi(sessionStorage);

function signedOut(notice?: string) {
  api.signOut();
  show(session);
  show(app, loginView(signIn, notice));
}

async function signIn(token: string) {
  if (!token) throw new Error('Enter the token.');
  api.signIn(token);
  try {
    await showSession();
  } catch (problem) {
    api.signOut();
    throw problem;
  }
  await render();
}

async function showSession() {
  const info = await api.get<AdminInfo>('/info');
  show(
    session,
    h('span', { class: 'muted small' }, `DTM ${info.version} · retry every ${info.settings.retryInterval} s`),
    on(h('button', { type: 'button', class: 'link' }, 'Sign out'), 'click', () => signedOut('Signed out.')),
  );
}

async function render() {
  if (!api.signedIn) return signedOut();
  const view = parseHash(location.hash);
  app.setAttribute('aria-busy', 'true');
  try {
    show(
      app,
      view.name === 'transaction' ? await transactionView(api, view.gid, signedOut) : await listView(api, view.filters),
    );
  } catch (problem) {
    if (problem instanceof Unauthorized) return signedOut(problem.message);
    show(app, h('p', { class: 'card notice error', role: 'alert' }, (problem as Error).message));
  } finally {
    app.removeAttribute('aria-busy');
  }
}

window.addEventListener('hashchange', () => void render());
if (api.signedIn) {
  showSession().then(render, (problem: Error) =>
    problem instanceof Unauthorized
      ? signedOut(problem.message)
      : show(app, h('p', { class: 'notice error' }, problem.message)),
  );
} else {
  signedOut();
}

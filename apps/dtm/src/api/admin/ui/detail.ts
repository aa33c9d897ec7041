import { transactionPath, Unauthorized, type AdminApi } from './api.js';
import { opBadge, statusBadge, when } from './badges.js';
import { h, on, show, type Child } from './dom.js';
import { absolute, isFinished, seconds } from './format.js';
import { listHash } from './hash.js';
import { timelineOrder } from './timeline.js';
import type { AdminBranch, AdminDetail, AdminTransactionDetail } from './wire.js';

const field = (term: string, ...value: Child[]) => [h('dt', {}, term), h('dd', {}, ...value)];
const mono = (text: string) => (text ? h('code', {}, text) : h('span', { class: 'muted' }, '–'));
const stamp = (iso: string | null, now: string) =>
  iso ? [when(iso, now), h('span', { class: 'muted small' }, ` · ${absolute(iso)}`)] : [when(null, now)];

function fields(trans: AdminTransactionDetail, now: string) {
  const finished = isFinished(trans.status);
  return h(
    'dl',
    { class: 'card fields' },
    ...field('Status', statusBadge(trans.status)),
    ...field('Type', trans.transType, h('span', { class: 'muted' }, ` over ${trans.protocol}`)),
    ...field('Row id', mono(trans.id)),
    ...field('Created', ...stamp(trans.createTime, now)),
    ...field('Updated', ...stamp(trans.updateTime, now)),
    ...field('Finished', ...stamp(trans.finishTime, now)),
    ...field('Rolled back', ...stamp(trans.rollbackTime, now)),
    ...field(
      'Next retry',
      ...(finished
        ? [h('span', { class: 'muted' }, 'none: the transaction is finished')]
        : [
            ...stamp(trans.nextCronTime, now),
            h('span', { class: 'muted small' }, ` (every ${seconds(trans.nextCronInterval)})`),
          ]),
    ),
    ...field('Reason', trans.rollbackReason ? h('span', { class: 'reason-text' }, trans.rollbackReason) : mono('')),
    ...field('Options', mono(JSON.stringify(trans.options))),
    ...field(
      'Branch headers',
      trans.branchHeaders.length > 0
        ? h('span', {}, mono(trans.branchHeaders.join(', ')), h('span', { class: 'muted small' }, ' (values hidden)'))
        : mono(''),
    ),
    ...field('Custom data', mono(trans.customData)),
    ...(trans.queryPrepared ? field('Query prepared', mono(trans.queryPrepared)) : []),
    ...(trans.result ? field('Result', mono(trans.result)) : []),
    ...field('Cron owner', mono(trans.owner)),
  );
}

function event(branch: AdminBranch, trans: AdminTransactionDetail, now: string) {
  const failedHere = branch.status === 'failed' && trans.rollbackReason;
  const notRun = isFinished(trans.status) ? 'never ran' : 'not run yet';
  return h(
    'li',
    { class: `event status-${branch.status}` },
    h(
      'div',
      { class: 'when' },
      branch.finishTime ? stamp(branch.finishTime, now)[0] : h('span', { class: 'muted' }, notRun),
    ),
    h(
      'div',
      { class: 'what' },
      opBadge(branch.op),
      h('span', { class: 'branch-id' }, 'branch ', h('code', {}, branch.branchId)),
      statusBadge(branch.status),
    ),
    h(
      'div',
      { class: 'target' },
      branch.url ? h('code', {}, branch.url) : h('span', { class: 'muted' }, 'no-op (empty URL)'),
    ),
    failedHere ? h('div', { class: 'reason-text' }, trans.rollbackReason) : undefined,
    h(
      'div',
      { class: 'muted small' },
      `row ${branch.id} · payload ${branch.payloadBytes} B · created `,
      when(branch.createTime, now),
    ),
  );
}

function timeline(detail: AdminDetail) {
  const { branches, transaction, now } = detail;
  if (branches.length === 0) return h('p', { class: 'card empty' }, 'This transaction has no branches.');
  return h(
    'ol',
    { class: 'card timeline', 'aria-label': 'Branches' },
    ...timelineOrder(branches).map((branch) => event(branch, transaction, now)),
  );
}

/**
 * One transaction: its fields, its branches as a timeline, and the operator's two levers, which
 * answer with the transaction as it is afterwards.
 */
export async function transactionView(
  api: AdminApi,
  gid: string,
  signedOut: (message: string) => void,
): Promise<HTMLElement> {
  const section = h('section', { class: 'detail' });
  const notice = h('p', { class: 'notice', role: 'status' });

  const failed = (problem: unknown) => {
    if (problem instanceof Unauthorized) return signedOut(problem.message);
    notice.className = 'notice error';
    notice.textContent = (problem as Error).message;
  };
  const act = async (path: string, done: string) => {
    try {
      render(await api.post<AdminDetail>(`${transactionPath(gid)}/${path}`));
      notice.className = 'notice ok';
      notice.textContent = done;
    } catch (problem) {
      failed(problem);
    }
  };

  const render = (detail: AdminDetail) => {
    const { transaction: trans } = detail;
    const finished = isFinished(trans.status);
    const refresh = on(h('button', { type: 'button' }, 'Refresh'), 'click', () => {
      notice.textContent = '';
      api.get<AdminDetail>(transactionPath(gid)).then(render, failed);
    });
    const reset = on(
      h('button', { type: 'button', disabled: finished, title: 'Make the next retry due now' }, 'Reset next cron'),
      'click',
      () => void act('reset-next-cron', 'The next retry is now: the cron picks the transaction up at its next look.'),
    );
    const stop = on(
      h(
        'button',
        { type: 'button', class: 'danger', disabled: finished, title: 'Mark it failed without compensating' },
        'Force stop',
      ),
      'click',
      () => {
        if (confirm(`Force stop ${gid}? It becomes failed at once and no compensation runs.`)) {
          void act('force-stop', 'Force-stopped: the transaction is failed; no compensation ran.');
        }
      },
    );
    show(
      section,
      h('a', { href: listHash({}), class: 'back' }, '← All transactions'),
      h('div', { class: 'title' }, h('h1', { class: 'mono gid' }, trans.gid), statusBadge(trans.status)),
      h('div', { class: 'toolbar' }, refresh, reset, stop),
      notice,
      fields(trans, detail.now),
      h('h2', {}, 'Branches'),
      timeline(detail),
    );
  };

  render(await api.get<AdminDetail>(transactionPath(gid)));
  return section;
}

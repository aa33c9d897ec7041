import { addSeconds } from '../clock.js';
import type { TransRequest } from './request.js';
import { extDataFor } from './trace-context.js';
import { baseInterval } from './schedule.js';
import type { EngineSettings } from './settings.js';
import type { Branch, GlobalStatus, TransGlobal } from './types.js';

/** The global row a request creates, first due for the cron one base interval from now. */
export function newTransGlobal(
  request: TransRequest,
  status: GlobalStatus,
  now: Date,
  settings: EngineSettings,
): TransGlobal {
  const interval = baseInterval(request.options, settings);
  return {
    gid: request.gid,
    transType: request.transType,
    status,
    queryPrepared: request.queryPrepared,
    protocol: request.protocol,
    createTime: now,
    updateTime: now,
    options: request.options,
    customData: request.customData,
    nextCronInterval: interval,
    nextCronTime: addSeconds(now, interval),
    owner: '',
    extData: extDataFor(request.trace),
    result: '',
    rollbackReason: request.rollbackReason,
  };
}

/** `01`, `02`, … `99`, `100`: DTM's saga branch ids. */
export const stepBranchId = (index: number) => String(index + 1).padStart(2, '0');

/** Two rows per saga step, compensate before action; the engine relies on that order. */
export function sagaBranches(request: TransRequest, now: Date): Branch[] {
  return request.steps.flatMap((step, index) =>
    (['compensate', 'action'] as const).map((op) => ({
      gid: request.gid,
      url: step[op] ?? '',
      payload: request.payloads[index] ?? Buffer.alloc(0),
      branchId: stepBranchId(index),
      op,
      status: 'prepared' as const,
      createTime: now,
      updateTime: now,
    })),
  );
}

/** One row per msg step. */
export function msgBranches(request: TransRequest, now: Date): Branch[] {
  return request.steps.map((step, index) => ({
    gid: request.gid,
    url: step.action ?? '',
    payload: request.payloads[index] ?? Buffer.alloc(0),
    branchId: stepBranchId(index),
    op: 'action',
    status: 'prepared' as const,
    createTime: now,
    updateTime: now,
  }));
}

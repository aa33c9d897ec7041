// A one-step saga as the store receives it, for tests that write to the store directly.
import { newTransGlobal, sagaBranches } from '../../src/trans/new-trans.js';
import type { TransRequest } from '../../src/trans/request.js';
import { DEFAULT_SETTINGS } from '../../src/trans/settings.js';
import type { Branch } from '../../src/trans/types.js';

export const STORED_AT = new Date('2025-01-01T00:00:00Z');

/** The global row and branch rows of a submitted one-step saga whose action and compensation call `url`. */
export function storedSaga(gid: string, url = '') {
  const request: TransRequest = {
    gid,
    transType: 'saga',
    protocol: 'http',
    steps: [{ action: url, compensate: url }],
    payloads: [Buffer.from(gid)],
    customData: '',
    queryPrepared: '',
    rollbackReason: '',
    options: { concurrent: false },
  };
  return {
    trans: newTransGlobal(request, 'submitted', STORED_AT, DEFAULT_SETTINGS),
    branches: sagaBranches(request, STORED_AT),
  };
}

export const succeeded = (branch: Branch): Branch => ({
  ...branch,
  status: 'succeed',
  finishTime: STORED_AT,
  updateTime: STORED_AT,
});

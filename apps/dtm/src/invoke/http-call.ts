import type { BranchCall } from './call.js';
import { httpOutcome, type Outcome } from './outcome.js';

/** Reference §2.5: POST with the payload (GET when it is empty), the transaction named in the query. */
export async function callHttpBranch(call: BranchCall): Promise<Outcome> {
  const url = new URL(call.url);
  url.searchParams.set('gid', call.gid);
  url.searchParams.set('trans_type', call.transType);
  url.searchParams.set('branch_id', call.branchId);
  url.searchParams.set('op', call.op);
  const post = call.payload.length > 0 || call.transType === 'xa';
  try {
    const response = await fetch(url, {
      method: post ? 'POST' : 'GET',
      headers: { 'Content-Type': 'application/json', ...call.headers },
      body: post ? new Uint8Array(call.payload) : undefined,
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    return httpOutcome(response.status, await response.text());
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { result: 'ERROR', message: `${call.url}: ${(error as Error).message}${cause ? ` (${cause})` : ''}` };
  }
}

import type { DtmFailureError } from './dtm-errors.js';

/**
 * What a FAILURE answer to a submit means. DTM answers FAILURE in three different situations:
 * - `rolled-back`: an action failed (or the saga timed out); it is being or has been compensated;
 * - `unfinished`: with wait_result, the pass ended before the saga settled (a branch is being
 *   retried); it is still running and may yet succeed;
 * - `already-finished`: the gid was submitted before and the saga is `status` now.
 */
export type SubmitFailure =
  { kind: 'rolled-back'; reason: string } | { kind: 'unfinished' } | { kind: 'already-finished'; status: string };

const ALREADY = /current status '(\w+)', cannot/;
const UNFINISHED = 'wait result not return success';
// A branch failure as DTM records it: `url:<url> return failed: <branch message> FAILURE`.
const BRANCH_FAILED = /return failed: ([\s\S]*)$/;

const withoutFailureMarks = (text: string) => text.replace(/(\s*FAILURE)+\s*$/, '').trim();

/** Reads a submit's FAILURE (DTM's wording, which this server keeps). */
export function readSubmitFailure(error: DtmFailureError): SubmitFailure {
  const reply = error.reply;
  const already = ALREADY.exec(reply);
  if (already) return { kind: 'already-finished', status: already[1]! };
  if (reply.includes(UNFINISHED)) return { kind: 'unfinished' };
  const branch = BRANCH_FAILED.exec(reply);
  const reason = withoutFailureMarks(branch ? branch[1]! : reply);
  return { kind: 'rolled-back', reason: reason || 'the saga was rolled back' };
}

/** Everything the engine hands over to call one branch. */
export interface BranchCall {
  gid: string;
  transType: string;
  branchId: string;
  op: string;
  url: string;
  payload: Buffer;
  headers: Record<string, string>;
  timeoutMs: number;
}

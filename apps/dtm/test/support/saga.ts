// Saga bodies as DTM's Go HTTP client sends them (reference §1.5).
import { randomBytes } from 'node:crypto';

export const newTestGid = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

export const PAYLOAD = JSON.stringify({ amount: 30, trans_in_result: '', trans_out_Result: '', store: '' });

export function sagaBody(gid: string, busiUrl: string, extra: Record<string, unknown> = {}) {
  return {
    gid,
    trans_type: 'saga',
    concurrent: false,
    steps: [
      { action: `${busiUrl}/TransOut`, compensate: `${busiUrl}/TransOutRevert` },
      { action: `${busiUrl}/TransIn`, compensate: `${busiUrl}/TransInRevert` },
    ],
    payloads: [PAYLOAD, PAYLOAD],
    protocol: '',
    ...extra,
  };
}

export const concurrent = (orders: Record<string, number[]> = {}) => ({
  custom_data: JSON.stringify({ concurrent: true, orders }),
  concurrent: true,
});

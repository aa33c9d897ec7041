import { describe, expect, it } from 'vitest';
import { listeningInodes } from './listening-pid.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 31337 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0CEA 0100007F:D3A4 01 00000000:00000000 00:00000000 00000000   106        0 40001 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:0948 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 27001 1 0000000000000000 100 0 0 10 0
`;

describe('listeningInodes', () => {
  it('finds the socket listening on a port (3306 = 0x0CEA), not its connections', () => {
    expect(listeningInodes(TCP, 3306)).toEqual(['31337']);
    expect(listeningInodes(TCP, 2376)).toEqual(['27001']);
  });

  it('finds nothing for a port nobody listens on, or an empty table', () => {
    expect(listeningInodes(TCP, 8888)).toEqual([]);
    expect(listeningInodes('', 3306)).toEqual([]);
  });
});

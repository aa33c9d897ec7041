import { describe, expect, it } from 'vitest';
import { parseCpuTicks, parsePeakRssKb } from './proc.js';

// A real /proc/<pid>/stat line, with a process name holding a space and a parenthesis.
const STAT =
  '4236 (node (main) x) R 4177 4152 3572 0 -1 4194304 25183 0 0 0 1234 567 0 0 20 0 11 0 ' +
  '198042 11814899712 22379 18446744073709551615 1 1 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0';

const STATUS = `Name:\tnode
Umask:\t0022
State:\tR (running)
VmPeak:\t11537988 kB
VmSize:\t11537988 kB
VmHWM:\t   93516 kB
VmRSS:\t   89516 kB
Threads:\t11
`;

describe('/proc parsing', () => {
  it('adds utime and stime (fields 14 and 15), whatever the name holds', () => {
    expect(parseCpuTicks(STAT)).toBe(1234 + 567);
  });

  it('reads VmHWM as the peak resident set', () => {
    expect(parsePeakRssKb(STATUS)).toBe(93516);
  });

  it('refuses what is not a stat or status text', () => {
    expect(() => parseCpuTicks('1 (x) R')).toThrow(/unreadable/);
    expect(() => parsePeakRssKb('Name:\tkthreadd\n')).toThrow(/VmHWM/);
  });
});

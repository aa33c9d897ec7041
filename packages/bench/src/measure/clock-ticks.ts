import { execFileSync } from 'node:child_process';

/** `getconf CLK_TCK`: the unit of /proc CPU times (100 on Linux nearly everywhere). */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

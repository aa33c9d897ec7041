import { readFile } from 'node:fs/promises';

/** A process's CPU time so far (user + system, in clock ticks) and its peak resident set. */
export interface ProcessSample {
  cpuTicks: number;
  peakRssKb: number;
}

/** utime + stime (fields 14 and 15) of `/proc/<pid>/stat`; the name in field 2 may hold spaces and parentheses. */
export function parseCpuTicks(statText: string): number {
  const afterName = statText
    .slice(statText.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  // afterName[0] is field 3 (state), so field n is afterName[n - 3].
  const utime = Number(afterName[11]);
  const stime = Number(afterName[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unreadable /proc stat line');
  return utime + stime;
}

/** VmHWM (peak resident set, kB) of `/proc/<pid>/status`. */
export function parsePeakRssKb(statusText: string): number {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(statusText);
  if (!match) throw new Error('no VmHWM in /proc status');
  return Number(match[1]);
}

/** The process's sample, or undefined when it is gone (or not readable). */
export async function sampleProcess(pid: number): Promise<ProcessSample | undefined> {
  try {
    const [stat, status] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/status`, 'utf8'),
    ]);
    return { cpuTicks: parseCpuTicks(stat), peakRssKb: parsePeakRssKb(status) };
  } catch {
    return undefined;
  }
}

// supervisor's getProcessInfo struct and its `description` (rpcinterface.py _interpretProcessInfo).
import { processStateCode, type ProcessInfo } from '@tend/protocol';
import type { ManagedProcess } from '../../process/managed-process.js';

const INT_MAX = 2147483647;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// capped_int: XML-RPC ints are 32-bit, so timestamps saturate in 2038.
function cappedSeconds(epochMs: number): number {
  return Math.min(INT_MAX, Math.trunc(epochMs / 1000));
}

/** Python's str(timedelta) for whole seconds: `0:00:05`, `1 day, 0:00:05`, `3 days, 4:05:06`. */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.trunc(seconds));
  const days = Math.floor(s / 86400);
  const rest = s % 86400;
  const hms = `${Math.floor(rest / 3600)}:${String(Math.floor((rest % 3600) / 60)).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}`;
  return days === 0 ? hms : `${days} day${days === 1 ? '' : 's'}, ${hms}`;
}

/** strftime('%b %d %I:%M %p') in local time, C locale. */
export function formatStopTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const h12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getMonth()]} ${pad(d.getDate())} ${pad(h12)}:${pad(d.getMinutes())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
}

function describe(info: Omit<ProcessInfo, 'description'>): string {
  switch (info.statename) {
    case 'RUNNING':
      return `pid ${info.pid}, uptime ${formatUptime(info.now - info.start)}`;
    case 'FATAL':
    case 'BACKOFF':
      return info.spawnerr || `unknown error (try "tail ${info.name}")`;
    case 'STOPPED':
    case 'EXITED':
      return info.start ? formatStopTime(info.stop) : 'Not started';
    default:
      return '';
  }
}

export function processInfo(group: string, p: ManagedProcess, nowMs: number): ProcessInfo {
  const snap = p.snapshot;
  const { start, stop } = p.wallTimes;
  const paths = p.logPaths;
  // One object literal in supervisor's member order; description is filled in from it (no spread copy per process).
  const info: ProcessInfo = {
    name: p.config.name,
    group,
    start: cappedSeconds(start),
    stop: cappedSeconds(stop),
    now: cappedSeconds(nowMs),
    state: processStateCode[snap.state],
    statename: snap.state,
    spawnerr: snap.spawnErr ?? '',
    exitstatus: snap.exitStatus ?? 0,
    logfile: paths.stdout ?? '',
    stdout_logfile: paths.stdout ?? '',
    stderr_logfile: paths.stderr ?? '',
    pid: snap.pid,
    description: '',
  };
  info.description = describe(info);
  return info;
}

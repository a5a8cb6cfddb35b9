// The status view for a terminal: a cli-table3 table with coloured states, pid, uptime, restarts,
// and CPU % / RSS summed over each process tree. Stats come from tend.getProcessStats; against
// supervisord (no such method) those columns stay blank. Pure: values in, text out.
import Table from 'cli-table3';
import { makeNamespec } from '@tend/protocol';
import type { ProcessInfo, ProcessStats } from '@tend/protocol';
import { paint } from './colors.js';
import type { Style } from './colors.js';
import { formatBytes, formatTimedelta } from './duration.js';

export interface StatusRow {
  readonly info: ProcessInfo;
  readonly stats: ProcessStats | null;
  /** For EXITED: whether the exit status was one of the program's exitcodes (null: unknown). */
  readonly expectedExit: boolean | null;
}

export const TABLE_HEAD = ['NAME', 'STATE', 'PID', 'UPTIME', 'RESTARTS', 'CPU', 'RSS', 'DESCRIPTION'] as const;

// green RUNNING; yellow for the transitional states; red for FATAL, UNKNOWN and an unexpected
// exit; dim STOPPED and an expected exit.
export function stateStyle(row: StatusRow): Style | null {
  switch (row.info.statename) {
    case 'RUNNING': return 'green';
    case 'STARTING': case 'BACKOFF': case 'STOPPING': return 'yellow';
    case 'FATAL': case 'UNKNOWN': return 'red';
    case 'EXITED': return row.expectedExit === false || (row.expectedExit === null && row.info.exitstatus !== 0) ? 'red' : 'dim';
    case 'STOPPED': return 'dim';
    default: return null;
  }
}

function uptime(info: ProcessInfo): string {
  return info.statename === 'RUNNING' && info.start > 0 ? formatTimedelta(info.now - info.start) : '';
}

// The description repeats pid and uptime for RUNNING, which have their own columns here.
function description(info: ProcessInfo): string {
  return info.statename === 'RUNNING' ? '' : info.description;
}

export function renderStatusTable(rows: readonly StatusRow[], color: boolean): string {
  const table = new Table({
    head: TABLE_HEAD.map((h) => paint(h, 'bold', color)),
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact: true },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const row of rows) {
    const { info, stats } = row;
    table.push([
      makeNamespec(info.group, info.name),
      paint(info.statename, stateStyle(row), color),
      info.pid > 0 ? String(info.pid) : '',
      uptime(info),
      stats ? String(stats.restarts) : '',
      stats && info.pid > 0 ? `${stats.cpu_percent.toFixed(1)}%` : '',
      stats && info.pid > 0 ? formatBytes(stats.rss_bytes) : '',
      description(info),
    ]);
  }
  return table.toString();
}

// `tendd --check`: the resolved programs as a table, like `nginx -t` shows what it will run.
import Table from 'cli-table3';
import type { GroupConfig, LogFile, TendConfig } from '../config/types.js';

function logName(lf: LogFile): string {
  return lf.kind === 'none' ? 'NONE' : lf.kind === 'auto' ? 'AUTO' : lf.path;
}

// supervisor's make_namespec: `group:process`, or `process` when the two names are the same.
function namespec(group: GroupConfig, processName: string): string {
  return group.name === processName ? processName : `${group.name}:${processName}`;
}

const PLAIN_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
  'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

export function renderCheckReport(config: TendConfig): string {
  const table = new Table({
    head: ['PROCESS', 'COMMAND', 'PRIORITY', 'AUTOSTART', 'AUTORESTART', 'STDOUT LOG', 'STDERR LOG'],
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  let count = 0;
  for (const group of config.groups) {
    for (const p of group.processes) {
      count++;
      const stderr = p.redirectStderr ? '(to stdout)' : logName(p.stderr.logfile);
      table.push([namespec(group, p.name), p.command.replace(/\n/g, ' '), String(p.priority), String(p.autostart), p.autorestart, logName(p.stdout.logfile), stderr]);
    }
  }
  const lines = [`configuration file ${config.configFile} is valid`];
  if (config.files.length > 1) lines.push(`included: ${config.files.slice(1).join(', ')}`);
  lines.push(`${count} process${count === 1 ? '' : 'es'} in ${config.groups.length} group${config.groups.length === 1 ? '' : 's'}`);
  if (count > 0) lines.push('', table.toString().split('\n').map((l) => l.trimEnd()).join('\n'));
  return lines.join('\n') + '\n';
}

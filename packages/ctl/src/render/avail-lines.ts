// supervisorctl's avail line (_formatConfigInfo): '%-32s %-9s %-9s %s' % (namespec,
// 'in use'|'avail', 'auto'|'manual', '<group_prio>:<process_prio>').
import { makeNamespec, pyLjust } from '@tend/protocol';
import type { ConfigInfo } from '../wire.js';

export function renderAvailLine(info: Pick<ConfigInfo, 'group' | 'name' | 'inuse' | 'autostart' | 'group_prio' | 'process_prio'>): string {
  return [
    pyLjust(makeNamespec(info.group, info.name), 32),
    pyLjust(info.inuse ? 'in use' : 'avail', 9),
    pyLjust(info.autostart ? 'auto' : 'manual', 9),
    `${info.group_prio}:${info.process_prio}`,
  ].join(' ');
}

// The configuration methods: reloadConfig (reread), addProcessGroup, removeProcessGroup,
// getAllConfigInfo (supervisor rpcinterface.py, supervisord.py diff_to_active / add / remove).
import { FaultError, STOPPED_STATES } from '@tend/protocol';
import type { LogFile } from '../../config/types.js';
import { diffConfigs } from '../../supervisor/config-diff.js';
import { requireString, type HandlerContext } from './context.js';

function logName(lf: LogFile, activePath: string | null | undefined): string {
  if (lf.kind === 'none') return 'none';
  if (lf.kind === 'file') return lf.path;
  // An active group's AUTO log has its concrete temp file; a group not added yet says 'auto'.
  return activePath ?? 'auto';
}

export function configHandlers(ctx: HandlerContext): Array<[string, (params: readonly unknown[]) => unknown]> {
  const { supervisor, daemon } = ctx;
  return [
    ['supervisor.reloadConfig', () => {
      const r = daemon.reread();
      if (!r.ok) throw new FaultError('CANT_REREAD', r.error);
      const diff = diffConfigs(supervisor.groups.map((g) => g.config), r.groups);
      const names = (gs: readonly { name: string }[]): string[] => gs.map((g) => g.name);
      // removed keeps the order the groups were added in, as supervisord's dict does.
      return [[names(diff.added), names(diff.changed), names(diff.removed)]];
    }],
    ['supervisor.addProcessGroup', ([n]) => {
      const name = requireString(n, 'name');
      const config = daemon.lastGroups().find((g) => g.name === name);
      if (!config) throw new FaultError('BAD_NAME', name);
      if (!supervisor.addGroup(config)) throw new FaultError('ALREADY_ADDED', name);
      // supervisord starts autostart processes on its next tick; tend on the next turn of the event
      // loop, after the reply is on its way (an update adding 200 groups no longer waits for 200 spawns).
      setImmediate(() => void supervisor.autostartGroup(name));
      return true;
    }],
    ['supervisor.removeProcessGroup', ([n]) => {
      const name = requireString(n, 'name');
      const group = supervisor.group(name);
      if (!group) throw new FaultError('BAD_NAME', name);
      if (group.processes.some((p) => !STOPPED_STATES.includes(p.state) || p.snapshot.restartPending)) throw new FaultError('STILL_RUNNING', name);
      supervisor.removeGroup(name);
      return true;
    }],
    ['supervisor.getAllConfigInfo', () => {
      const rows = daemon.lastGroups().flatMap((g) => {
        const active = supervisor.group(g.name);
        return g.processes.map((p) => {
          const live = active?.find(p.name)?.logPaths;
          return {
            autostart: p.autostart, directory: p.directory ?? 'none', uid: p.uid ?? 'none', command: p.command,
            exitcodes: [...p.exitCodes], group: g.name, group_prio: g.priority, inuse: active !== undefined,
            killasgroup: p.killAsGroup, name: p.name, process_prio: p.priority, redirect_stderr: p.redirectStderr,
            startretries: p.startRetries, startsecs: p.startSecs, stdout_capture_maxbytes: p.stdout.captureMaxBytes,
            stdout_events_enabled: p.stdout.eventsEnabled, stdout_logfile: logName(p.stdout.logfile, live?.stdout),
            stdout_logfile_backups: p.stdout.backups, stdout_logfile_maxbytes: p.stdout.maxBytes, stdout_syslog: p.stdout.syslog,
            stopsignal: p.stopSignal, stopwaitsecs: p.stopWaitSecs, stderr_capture_maxbytes: p.stderr.captureMaxBytes,
            stderr_events_enabled: p.stderr.eventsEnabled, stderr_logfile: logName(p.stderr.logfile, live?.stderr),
            stderr_logfile_backups: p.stderr.backups, stderr_logfile_maxbytes: p.stderr.maxBytes, stderr_syslog: p.stderr.syslog,
            serverurl: p.serverUrl ?? 'none',
          };
        });
      });
      // Python's sort by name: code point order, stable.
      return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }],
  ];
}

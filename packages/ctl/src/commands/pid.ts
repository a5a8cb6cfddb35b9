// pid [name … | all] (spec §6.4): getPID for the daemon, getAllProcessInfo for `all`,
// getProcessInfo per name. An unknown name exits 1, a process that is not running (pid 0) 7.
import { Faults, makeNamespec, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { isFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { renderJson } from '../render/json.js';
import { upcheck } from '../upcheck.js';

type PidEntry = { readonly name: string; readonly pid: number } | { readonly name: string; readonly error: 'no such process' };

export const pid: Command = {
  name: 'pid',
  help: [
    'pid\t\t\tGet the PID of supervisord.',
    'pid <name>\t\tGet the PID of a single child process by name.',
    'pid all\t\t\tGet the PID of every child process, one per line.',
  ].join('\n'),
  async run(ctx, arg) {
    const api = ctx.supervisor();
    const up = await upcheck(ctx);
    if (!up.ok) return up.status;
    const names = pySplitWhitespace(arg);
    if (names.length === 0) {
      const daemonPid = await api.getPID();
      ctx.out.write(ctx.json ? renderJson({ pid: daemonPid }) : `${daemonPid}\n`);
      return ExitCode.SUCCESS;
    }
    if (names.includes('all')) {
      const infos = await api.getAllProcessInfo();
      if (ctx.json) ctx.out.write(renderJson({ processes: infos.map((i) => ({ name: makeNamespec(i.group, i.name), pid: i.pid })) }));
      else for (const info of infos) ctx.out.line(String(info.pid));
      return ExitCode.SUCCESS;
    }
    let status: number = ExitCode.SUCCESS;
    const entries: PidEntry[] = [];
    for (const name of names) {
      try {
        const info = await api.getProcessInfo(name);
        entries.push({ name, pid: info.pid });
        if (!ctx.json) ctx.out.line(String(info.pid));
        if (info.pid === 0) status = ExitCode.NOT_RUNNING;
      } catch (err) {
        if (!isFault(err, Faults.BAD_NAME)) throw err;
        status = ExitCode.GENERIC;
        entries.push({ name, error: 'no such process' });
        if (!ctx.json) ctx.out.line(`No such process ${name}`);
      }
    }
    if (ctx.json) ctx.out.write(renderJson({ processes: entries }));
    return status;
  },
};

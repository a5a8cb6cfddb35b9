// update [all | group …] (spec §6.4): reloadConfig; with group names, getAllProcessInfo to
// check them; then stop+remove each removed group, stop+remove+add each changed group, add each
// added group (restricted to the named groups). Added groups are started by the daemon.
import { Faults, pySplitWhitespace } from '@tend/protocol';
import type { Command } from '../command.js';
import { isFault } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

export const update: Command = {
  name: 'update',
  help: [
    'update\t\t\tReload config and add/remove as necessary, and will restart affected programs',
    'update all\t\tReload config and add/remove as necessary, and will restart affected programs',
    'update <gname> [...]\tUpdate specific groups',
  ].join('\n'),
  async run(ctx, arg) {
    const api = ctx.supervisor();
    let changes;
    try {
      changes = await api.reloadConfig();
    } catch (err) {
      if (!isFault(err, Faults.SHUTDOWN_STATE)) throw err;
      ctx.out.line('ERROR: already shutting down');
      return ExitCode.GENERIC;
    }
    let status: number = ExitCode.SUCCESS;
    // A set, as in supervisorctl: duplicates collapse; `all` anywhere means every group.
    let wanted = new Set(pySplitWhitespace(arg));
    if (wanted.has('all')) wanted = new Set();
    if (wanted.size > 0) {
      const groups = new Set((await api.getAllProcessInfo()).map((i) => i.group));
      for (const g of changes.added) groups.add(g);
      for (const g of wanted) {
        if (groups.has(g)) continue;
        ctx.out.line(`ERROR: no such group: ${g}`);
        status = ExitCode.GENERIC;
      }
    }
    const skip = (g: string): boolean => wanted.size > 0 && !wanted.has(g);
    for (const g of changes.removed) {
      if (skip(g)) continue;
      const results = await api.stopProcessGroup(g);
      ctx.out.line(`${g}: stopped`);
      if (results.some((r) => r.status === Faults.FAILED)) {
        ctx.out.line(`${g}: has problems; not removing`);
        status = ExitCode.GENERIC;
        continue;
      }
      await api.removeProcessGroup(g);
      ctx.out.line(`${g}: removed process group`);
    }
    for (const g of changes.changed) {
      if (skip(g)) continue;
      await api.stopProcessGroup(g);
      ctx.out.line(`${g}: stopped`);
      await api.removeProcessGroup(g);
      await api.addProcessGroup(g);
      ctx.out.line(`${g}: updated process group`);
    }
    for (const g of changes.added) {
      if (skip(g)) continue;
      await api.addProcessGroup(g);
      ctx.out.line(`${g}: added process group`);
    }
    return status;
  },
};

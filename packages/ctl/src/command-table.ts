// Every verb tendctl knows, by the exact (case-sensitive) name supervisorctl dispatches on.
import type { Command } from './command.js';
import { add } from './commands/add.js';
import { avail } from './commands/avail.js';
import { clear } from './commands/clear.js';
import { fg } from './commands/fg.js';
import { help } from './commands/help.js';
import { maintail } from './commands/maintail.js';
import { open } from './commands/open.js';
import { pid } from './commands/pid.js';
import { eof, exit, quit } from './commands/quit.js';
import { reload } from './commands/reload.js';
import { remove } from './commands/remove.js';
import { reread } from './commands/reread.js';
import { restart } from './commands/restart.js';
import { shutdown } from './commands/shutdown.js';
import { signal } from './commands/signal.js';
import { start } from './commands/start.js';
import { status } from './commands/status.js';
import { stop } from './commands/stop.js';
import { tail } from './commands/tail.js';
import { update } from './commands/update.js';
import { version } from './commands/version.js';
import { generate } from './commands/generate.js';

export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [add, avail, clear, eof, exit, fg, generate, help, maintail, open, pid, quit, reload, remove, reread, restart, shutdown, signal, start, status, stop, tail, update, version]
    .map((c) => [c.name, c]),
);

/** Read verbs: with --json they print one JSON document (shapes in packages/ctl/README.md). */
export const JSON_VERBS: ReadonlySet<string> = new Set(['status', 'pid', 'avail', 'version', 'tail', 'maintail', 'reread']);

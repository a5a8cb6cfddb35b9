// quit, exit and EOF (Ctrl-D): print an empty line and end the shell (spec §6.4).
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';

function endShell(name: string, help?: string): Command {
  return {
    name,
    ...(help === undefined ? {} : { help }),
    endsShell: true,
    run(ctx) {
      ctx.out.line('');
      return Promise.resolve(ExitCode.SUCCESS);
    },
  };
}

export const quit = endShell('quit', 'quit\tExit the supervisor shell.');
export const exit = endShell('exit', 'exit\tExit the supervisor shell.');
// `help EOF` has no help text in supervisorctl (help_EOF lives on the controller, not the plugin).
export const eof = endShell('EOF');

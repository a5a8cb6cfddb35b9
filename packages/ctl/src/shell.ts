// The interactive shell (supervisorctl's exec_cmdloop + cmd.Cmd.cmdloop): `status` first, then
// `<prompt>> ` lines until quit/exit, EOF (Ctrl-D) or Ctrl-C at the prompt, which both print an
// empty line. The shell always exits 0.
import type { Controller } from './controller.js';
import type { Terminal } from './controller.js';

export async function runShell(controller: Controller, terminal: Terminal, prompt: string): Promise<void> {
  let line = 'status';
  for (;;) {
    const { endsShell } = await controller.onecmd(line);
    if (endsShell) return;
    const next = await terminal.ask(`${prompt}> `);
    if (next === null) {
      terminal.stdout.line('');
      return;
    }
    line = next;
  }
}

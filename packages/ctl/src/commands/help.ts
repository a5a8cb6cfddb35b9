// help [topic] (spec §6.4): the verb list in Python cmd's columns, or one verb's help text.
import { pyStrip } from '@tend/protocol';
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { renderHelpListing } from '../render/help-listing.js';

const HELP_HELP = 'help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>';

export const help: Command = {
  name: 'help',
  run(ctx, arg) {
    if (pyStrip(arg) === 'help') ctx.out.line(HELP_HELP);
    else if (arg) {
      const text = ctx.commands.get(arg)?.help;
      ctx.out.line(text ?? `*** No help on ${arg}`);
    } else {
      // tend-only verbs stay out of the listing, which is byte-identical to supervisorctl's; `help <verb>` still works.
      const documented = [...ctx.commands.values()].filter((c) => c.help !== undefined && c.name !== 'help' && c.tendOnly !== true).map((c) => c.name);
      for (const line of renderHelpListing('default commands (type help <topic>):', documented)) ctx.out.line(line);
    }
    return Promise.resolve(ExitCode.SUCCESS);
  },
};

// open <url> (spec §6.4): point the session at another server (http:// or unix://) and show its
// status; the session's exit status is kept as it was.
import { pyStrip } from '@tend/protocol';
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { status } from './status.js';

// urlparse(url).scheme: letters, digits, + - . before the first ':', starting with a letter, lower-cased.
export function urlScheme(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(url.replace(/^[\x00-\x20]+/, ''));
  return m ? m[1]!.toLowerCase() : '';
}

export const open: Command = {
  name: 'open',
  help: 'open <url>\tConnect to a remote supervisord process.\n\t\t(for UNIX domain socket, use unix:///socket/path)',
  async run(ctx, arg) {
    const url = pyStrip(arg);
    const scheme = urlScheme(url);
    if (scheme !== 'unix' && scheme !== 'http') {
      ctx.out.line('ERROR: url must be http:// or unix://');
      return ExitCode.GENERIC;
    }
    ctx.setServerUrl(url);
    await status.run(ctx, '');
    return ctx.previousStatus;
  },
};

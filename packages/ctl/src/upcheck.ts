// supervisorctl's upcheck (spec §6.2): the getVersion call most commands make first. Handled
// failures print one line and give an exit status; anything else propagates to the controller,
// which prints it as an `error: …` line.
import { Faults } from '@tend/protocol';
import type { CommandContext } from './command.js';
import { ConnectionFailure, isFault } from './errors.js';
import { ExitCode } from './exit-codes.js';

export const API_VERSION = '3.0';

export const NO_SUPERVISOR_NAMESPACE =
  'Sorry, supervisord responded but did not recognize the supervisor namespace commands that ' +
  'supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is ' +
  'enabled in the configuration file (see sample.conf).';

export type Upcheck = { readonly ok: true } | { readonly ok: false; readonly status: number };

export async function upcheck(ctx: CommandContext): Promise<Upcheck> {
  try {
    const api = await ctx.supervisor().getVersion();
    if (api !== API_VERSION) {
      ctx.out.line(`Sorry, this version of supervisorctl expects to talk to a server with API version ${API_VERSION}, but the remote version is ${String(api)}.`);
      return { ok: false, status: ExitCode.NOT_INSTALLED };
    }
  } catch (err) {
    if (isFault(err, Faults.UNKNOWN_METHOD)) {
      ctx.out.line(NO_SUPERVISOR_NAMESPACE);
      return { ok: false, status: ExitCode.UNIMPLEMENTED_FEATURE };
    }
    if (err instanceof ConnectionFailure && err.errno === 'ECONNREFUSED') {
      ctx.out.line(`${ctx.server().serverurl} refused connection`);
      return { ok: false, status: ExitCode.INSUFFICIENT_PRIVILEGES };
    }
    if (err instanceof ConnectionFailure && err.errno === 'ENOENT') {
      ctx.out.line(`${ctx.server().serverurl} no such file`);
      return { ok: false, status: ExitCode.NOT_RUNNING };
    }
    throw err;
  }
  return { ok: true };
}

// tendctl's command line: supervisorctl's options with its getopt rules and error texts
// (supervisor options.py ClientOptions + Options.realize), plus two tend options that match only
// when spelled out in full, so supervisorctl's unique prefixes keep working:
//   --json               read verbs print JSON
//   --transport=NAME     auto (default), xmlrpc or json
import { getopt, GetoptError, toUrl, pyRepr } from '@tend/protocol';
import type { TransportChoice } from './transport/rpc-client.js';
import { isTransportChoice } from './transport/auto.js';

export interface CtlArgs {
  readonly configFile: string | null;
  readonly serverurl: string | null;
  readonly username: string | null;
  readonly password: string | null;
  readonly historyFile: string | null;
  /** -i given (supervisorctl also turns it on when there is no action). */
  readonly interactive: boolean;
  readonly json: boolean;
  readonly transport: TransportChoice;
  /** The action and its arguments. */
  readonly action: readonly string[];
}

export type ParsedCtlArgs =
  | { readonly kind: 'run'; readonly args: CtlArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

const SHORT = 'h?c:is:u:p:r:';
const LONG = ['help', 'configuration=', 'interactive', 'serverurl=', 'username=', 'password=', 'history_file='];
const TEND_LONG = ['json', 'transport='];

type Key = 'configFile' | 'interactive' | 'serverurl' | 'username' | 'password' | 'historyFile' | 'json' | 'transport';

const KEYS: Readonly<Record<string, Key | 'help'>> = {
  '-h': 'help', '--help': 'help', '-?': 'help',
  '-c': 'configFile', '--configuration': 'configFile',
  '-i': 'interactive', '--interactive': 'interactive',
  '-s': 'serverurl', '--serverurl': 'serverurl',
  '-u': 'username', '--username': 'username',
  '-p': 'password', '--password': 'password',
  '-r': 'historyFile', '--history_file': 'historyFile',
  '--json': 'json',
  '--transport': 'transport',
};

export function parseCtlArgs(argv: readonly string[]): ParsedCtlArgs {
  let parsed;
  try {
    parsed = getopt(argv, SHORT, LONG, TEND_LONG);
  } catch (err) {
    if (err instanceof GetoptError) return { kind: 'usage-error', message: err.message };
    throw err;
  }
  const values = new Map<Key, string>();
  for (const { opt, arg } of parsed.opts) {
    const key = KEYS[opt];
    if (key === undefined) throw new TypeError(`getopt returned an option with no meaning: ${opt}`);
    // Options are handled in order, so -h wins only over what comes after it (as in supervisor).
    if (key === 'help') return { kind: 'help' };
    if (key === 'serverurl') {
      const url = toUrl(arg);
      if (!url.ok) return { kind: 'usage-error', message: `invalid value for ${opt} ${pyRepr(arg)}: ${url.error}` };
    }
    if (key === 'transport' && !isTransportChoice(arg)) {
      return { kind: 'usage-error', message: `invalid value for ${opt} ${pyRepr(arg)}: expected auto, xmlrpc or json` };
    }
    if (values.has(key)) return { kind: 'usage-error', message: `conflicting command line option ${pyRepr(opt)}` };
    values.set(key, arg);
  }
  const transport = values.get('transport') ?? 'auto';
  return {
    kind: 'run',
    args: {
      configFile: values.get('configFile') ?? null,
      serverurl: values.get('serverurl') ?? null,
      username: values.get('username') ?? null,
      password: values.get('password') ?? null,
      historyFile: values.get('historyFile') ?? null,
      interactive: values.has('interactive'),
      json: values.has('json'),
      transport: isTransportChoice(transport) ? transport : 'auto',
      action: parsed.args,
    },
  };
}

// supervisorctl's module docstring with the program name, plus tend's two options.
export function renderHelp(progname: string): string {
  return `tendctl -- control applications run by tendd or supervisord from the cmd line.

Usage: ${progname} [options] [action [arguments]]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-h/--help -- print usage message and exit
-i/--interactive -- start an interactive shell after executing commands
-s/--serverurl URL -- URL on which supervisord server is listening
     (default "http://localhost:9001").
-u/--username USERNAME -- username to use for authentication with server
-p/--password PASSWORD -- password to use for authentication with server
-r/--history-file -- keep a readline history (if readline is available)
--json -- read actions (status, pid, avail, version, tail, maintail, reread)
     print JSON instead of supervisorctl's lines
--transport=auto|xmlrpc|json -- how to talk to the server (default auto:
     JSON-RPC with tendd, XML-RPC with supervisord)

action [arguments] -- see below

Actions are commands like "tail" or "stop".  If -i is specified or no action is
specified on the command line, a "shell" interpreting actions typed
interactively is started.  Use the action "help" to find out about available
actions.

`;
}

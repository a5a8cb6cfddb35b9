// tendd's command line: supervisord's flags with supervisord's meanings and error texts
// (supervisor options.py ServerOptions.__init__ + Options.realize), plus tend's `--check`.
import { getopt, GetoptError, pyRepr, pyReprList } from '@tend/protocol';
import {
  toByteSize, toExistingDirectory, toExistingDirpath, toInteger, toLoggingLevel, toOctal,
} from '../config/converters.js';
import type { DaemonOverrides } from '../config/load.js';
import type { Converted } from '../config/types.js';

export interface DaemonArgs {
  readonly configFile: string | null;
  readonly overrides: DaemonOverrides;
  /** tend extension: validate, print the resolved programs, exit 0 or 1. */
  readonly check: boolean;
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly args: DaemonArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'usage-error'; readonly message: string };

const SHORT = 'h?c:vnu:m:d:l:y:z:e:j:i:q:ka:ts';
const LONG = [
  'help', 'configuration=', 'version', 'nodaemon', 'user=', 'umask=', 'directory=', 'logfile=', 'logfile_maxbytes=',
  'logfile_backups=', 'loglevel=', 'pidfile=', 'identifier=', 'childlogdir=', 'nocleanup', 'minfds=', 'minprocs=',
  'strip_ansi', 'profile_options=', 'silent',
];
const TEND_LONG = ['check'];

type Key = keyof DaemonOverrides | 'configFile' | 'profileOptions' | 'check';
const text = (v: string): Converted<string> => ({ ok: true, value: v });
const flag = (): Converted<boolean> => ({ ok: true, value: true });

// option → [attribute, converter]; help/version are actions handled before this table.
const TABLE: Record<string, [Key, (v: string) => Converted<unknown>]> = {
  '-c': ['configFile', text], '--configuration': ['configFile', text],
  '-n': ['nodaemon', flag], '--nodaemon': ['nodaemon', flag],
  '-s': ['silent', flag], '--silent': ['silent', flag],
  '-u': ['user', text], '--user': ['user', text],
  '-m': ['umask', toOctal], '--umask': ['umask', toOctal],
  '-d': ['directory', toExistingDirectory], '--directory': ['directory', toExistingDirectory],
  '-l': ['logfile', toExistingDirpath], '--logfile': ['logfile', toExistingDirpath],
  '-y': ['logfileMaxBytes', toByteSize], '--logfile_maxbytes': ['logfileMaxBytes', toByteSize],
  '-z': ['logfileBackups', toInteger], '--logfile_backups': ['logfileBackups', toInteger],
  '-e': ['loglevel', toLoggingLevel], '--loglevel': ['loglevel', toLoggingLevel],
  '-j': ['pidfile', toExistingDirpath], '--pidfile': ['pidfile', toExistingDirpath],
  '-i': ['identifier', text], '--identifier': ['identifier', text],
  '-q': ['childlogdir', toExistingDirectory], '--childlogdir': ['childlogdir', toExistingDirectory],
  '-k': ['nocleanup', flag], '--nocleanup': ['nocleanup', flag],
  '-a': ['minfds', toInteger], '--minfds': ['minfds', toInteger],
  '--minprocs': ['minprocs', toInteger],
  '-t': ['stripAnsi', flag], '--strip_ansi': ['stripAnsi', flag],
  '--profile_options': ['profileOptions', text],
  '--check': ['check', flag],
};

export function parseDaemonArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = getopt(argv, SHORT, LONG, TEND_LONG);
  } catch (err) {
    if (err instanceof GetoptError) return { kind: 'usage-error', message: err.message };
    throw err;
  }
  const values = new Map<Key, unknown>();
  for (const { opt, arg } of parsed.opts) {
    if (opt === '-h' || opt === '-?' || opt === '--help') return { kind: 'help' };
    if (opt === '-v' || opt === '--version') return { kind: 'version' };
    const entry = TABLE[opt];
    if (!entry) return { kind: 'usage-error', message: `option ${opt} not recognized` };
    const [key, convert] = entry;
    const r = convert(arg);
    if (!r.ok) return { kind: 'usage-error', message: `invalid value for ${opt} ${pyRepr(arg)}: ${r.error}` };
    if (values.has(key)) return { kind: 'usage-error', message: `conflicting command line option ${pyRepr(opt)}` };
    values.set(key, r.value);
  }
  if (parsed.args.length > 0) {
    return { kind: 'usage-error', message: `positional arguments are not supported: ${pyReprList(parsed.args)}` };
  }
  const overrides: Record<string, unknown> = {};
  for (const [k, v] of values) if (k !== 'configFile' && k !== 'check' && k !== 'profileOptions') overrides[k] = v;
  return {
    kind: 'run',
    args: {
      configFile: (values.get('configFile') as string | undefined) ?? null,
      overrides: overrides as DaemonOverrides,
      check: values.has('check'),
    },
  };
}

export const USAGE = `tendd -- run a set of applications as daemons (a drop-in replacement for supervisord).

Usage: tendd [options]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-n/--nodaemon -- run in the foreground (same as 'nodaemon=true' in config file)
-s/--silent -- no logs to stdout (maps to 'silent=true' in config file)
-h/--help -- print this usage message and exit
-v/--version -- print the supervisord version tend implements and exit
-u/--user USER -- run tendd as this user (or numeric uid)
-m/--umask UMASK -- use this umask for daemon subprocess (default is 022)
-d/--directory DIRECTORY -- directory to chdir to when daemonized
-l/--logfile FILENAME -- use FILENAME as logfile path
-y/--logfile_maxbytes BYTES -- use BYTES to limit the max size of logfile
-z/--logfile_backups NUM -- number of backups to keep when max bytes reached
-e/--loglevel LEVEL -- use LEVEL as log level (debug,info,warn,error,critical)
-j/--pidfile FILENAME -- write a pid file for the daemon process to FILENAME
-i/--identifier STR -- identifier used for this instance of tendd
-q/--childlogdir DIRECTORY -- the log directory for child process logs
-k/--nocleanup -- prevent the removal of old automatic child log files at startup
-a/--minfds NUM -- the minimum number of file descriptors for start success
-t/--strip_ansi -- strip ansi escape codes from process output
--minprocs NUM -- the minimum number of processes available for start success
--profile_options OPTIONS -- accepted for compatibility; ignored by tendd
--check -- validate the configuration, print the programs it defines, and exit
           0 if it is valid or 1 if not (like nginx -t)
`;

// [supervisord] (supervisor options.py ServerOptions.read_config, the part after [include]).
import { existsSync, statSync } from 'node:fs';
import { toBoolean, toByteSize, toExistingDirectory, toExistingDirpath, toInteger, toLoggingLevel, toOctal } from '../converters.js';
import { dictOfKeyValuePairs } from '../env-dict.js';
import { SectionScope, valueOr, type LoadContext } from '../section-scope.js';
import type { SupervisordConfig } from '../types.js';

// Python's tempfile.gettempdir(): $TMPDIR, $TEMP, $TMP, then /tmp, /var/tmp, /usr/tmp.
export function pyTempDir(env: Readonly<Record<string, string | undefined>>): string {
  for (const c of [env['TMPDIR'], env['TEMP'], env['TMP'], '/tmp', '/var/tmp', '/usr/tmp']) {
    if (c && existsSync(c) && statSync(c).isDirectory()) return c;
  }
  return process.cwd();
}

/** Reads [supervisord]; also adds its environment= keys to ctx.envExpansions as ENV_*, as supervisor does. */
export function readSupervisordSection(ctx: LoadContext, env: Readonly<Record<string, string | undefined>>): SupervisordConfig {
  const s = new SectionScope(ctx, 'supervisord');
  const here = new Map([['here', ctx.here]]);
  const dirpath = (v: string) => toExistingDirpath(v, ctx.paths);
  const directoryOf = (v: string) => toExistingDirectory(v, ctx.paths);
  const minfds = s.need('minfds', '1024', toInteger, here);
  const minprocs = s.need('minprocs', '200', toInteger, here);
  const directory = s.read('directory', null, directoryOf, here);
  const user = s.get('user', null, here);
  const umask = s.need('umask', '022', toOctal, here);
  const logfile = s.need('logfile', 'supervisord.log', dirpath, here);
  const logfileMaxBytes = s.need('logfile_maxbytes', '50MB', toByteSize, here);
  const logfileBackups = s.need('logfile_backups', '10', toInteger, here);
  const loglevel = s.need('loglevel', 'info', toLoggingLevel, here);
  const pidfile = s.need('pidfile', 'supervisord.pid', dirpath, here);
  const identifier = s.get('identifier', 'supervisor', here);
  const nodaemon = s.need('nodaemon', 'false', toBoolean, here);
  const silent = s.need('silent', 'false', toBoolean, here);
  const childlogdir = s.need('childlogdir', pyTempDir(env), directoryOf, here);
  const nocleanup = s.need('nocleanup', 'false', toBoolean, here);
  const stripAnsi = s.need('strip_ansi', 'false', toBoolean, here);
  const autoupdate = s.need('autoupdate', 'false', toBoolean, here);
  // environment= is expanded twice: by saneget, then with host_node_name too (spec §1.4).
  let environment: Record<string, string> = {};
  const envFirst = s.get('environment', '', here);
  if (envFirst.ok) {
    const second = s.expand('environment', envFirst.text ?? '', envFirst.raw,
      new Map<string, string | number>([['here', ctx.here], ['host_node_name', ctx.hostNodeName], ...ctx.envExpansions]), 'environment', false);
    if (second.ok) {
      const parsed = s.convert('environment', second.text ?? '', envFirst.raw, dictOfKeyValuePairs);
      if (parsed.ok) environment = parsed.value;
    }
  }
  for (const [k, v] of Object.entries(environment)) ctx.envExpansions.set(`ENV_${k}`, v);
  return {
    minfds: valueOr(minfds, 1024), minprocs: valueOr(minprocs, 200), directory: valueOr(directory, null),
    user: user.ok ? user.text : null, umask: valueOr(umask, 0o22), logfile: valueOr(logfile, 'supervisord.log'),
    logfileMaxBytes: valueOr(logfileMaxBytes, 50 * 1024 * 1024), logfileBackups: valueOr(logfileBackups, 10),
    loglevel: valueOr(loglevel, 20), pidfile: valueOr(pidfile, 'supervisord.pid'),
    identifier: identifier.ok ? identifier.text ?? 'supervisor' : 'supervisor',
    nodaemon: valueOr(nodaemon, false), silent: valueOr(silent, false), childlogdir: valueOr(childlogdir, pyTempDir(env)),
    nocleanup: valueOr(nocleanup, false), stripAnsi: valueOr(stripAnsi, false), environment, autoupdate: valueOr(autoupdate, false),
  };
}

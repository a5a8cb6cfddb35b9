// tendd's entry point: the only file that reads process.argv, installs signal handlers, prints
// to the terminal and exits.
import { existsSync } from 'node:fs';
import { configSearchPaths, findConfig } from '@tend/protocol';
import { loadConfig, type LoadOptions } from './config/load.js';
import { parseDaemonArgs, USAGE } from './cli/args.js';
import { renderCheckReport } from './cli/check-report.js';
import { daemonize, isDaemonChild, READY_FD, reportReady } from './cli/daemonize.js';
import { startDaemon } from './daemon.js';
import { closeInheritedFds } from './os/inherited-fds.js';
import { keepYoungGenerationSmall } from './os/heap.js';
import { takeNotifySocket } from './os/sd-notify.js';

const SUPERVISOR_VERSION = '4.2.5';

function usageError(message: string): never {
  process.stderr.write(`Error: ${message}\nFor help, use tendd -h\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  // systemd's notify socket is tendd's, not its programs': take it out of the environment first,
  // before anything copies process.env for children (Gunicorn would otherwise report READY itself).
  takeNotifySocket();
  keepYoungGenerationSmall();
  const daemonChild = isDaemonChild();
  closeInheritedFds(daemonChild ? [READY_FD] : []);
  const parsed = parseDaemonArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${SUPERVISOR_VERSION}\n`);
    process.exit(0);
  }
  if (parsed.kind === 'usage-error') usageError(parsed.message);
  const { args } = parsed;
  let configFile = args.configFile;
  if (configFile === null) {
    const paths = configSearchPaths(process.argv[1] ?? 'tendd');
    configFile = findConfig(paths, existsSync);
    if (configFile === null) {
      usageError(`No config file found at default paths (${paths.join(', ')}); use the -c option to specify a config file at a different path`);
    }
  }
  const loadOptions: LoadOptions = { configFile, overrides: args.overrides, cwd: process.cwd(), env: { ...process.env } };
  const result = loadConfig(loadOptions);
  if (!daemonChild) for (const w of result.warnings) process.stderr.write(`WARN ${w.message}\n`);
  if (!result.ok) {
    const n = result.issues.length;
    process.stderr.write(`Error: ${n} problem${n === 1 ? '' : 's'} in the configuration:\n`);
    for (const issue of result.issues) process.stderr.write(`  ${issue.message}\n`);
    if (args.check) process.exit(1);
    process.stderr.write('For help, use tendd -h\n');
    process.exit(2);
  }
  if (args.check) {
    process.stdout.write(renderCheckReport(result.config));
    process.exit(0);
  }
  const sd = result.config.supervisord;
  if (!sd.nodaemon && !daemonChild) {
    process.exit(await daemonize(process.argv.slice(1), process.stderr));
  }
  if (daemonChild) {
    // What supervisord does after its fork: umask, and chdir to `directory` if set.
    process.umask(sd.umask);
    if (sd.directory !== null) process.chdir(sd.directory);
  }
  // Handlers go in before startup: a signal that arrives while programs are being started is held
  // and handled once the daemon is up, instead of killing tendd and orphaning its children.
  const early: Array<'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGUSR2'> = [];
  let deliver = (sig: (typeof early)[number]): void => { early.push(sig); };
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR2'] as const) process.on(sig, () => deliver(sig));
  const started = await startDaemon(result, loadOptions, { stdout: process.stdout, stderr: process.stderr });
  if (!started.ok) usageError(started.error);
  const { daemon } = started;
  deliver = (sig) => daemon.onSignal(sig);
  for (const sig of early) daemon.onSignal(sig);
  if (daemonChild) reportReady();
  process.exit(await daemon.done);
}

void main();

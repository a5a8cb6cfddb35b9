// tendd's entry point: the only file that reads process.argv, prints, and exits.
import { loadConfig } from './config/load.js';
import { parseDaemonArgs, USAGE } from './cli/args.js';
import { renderCheckReport } from './cli/check-report.js';
import { configSearchPaths, findConfig } from './cli/find-config.js';

const SUPERVISOR_VERSION = '4.2.5';

function usageError(message: string): never {
  process.stderr.write(`Error: ${message}\nFor help, use tendd -h\n`);
  process.exit(2);
}

function main(): void {
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
    configFile = findConfig(paths);
    if (configFile === null) {
      usageError(`No config file found at default paths (${paths.join(', ')}); use the -c option to specify a config file at a different path`);
    }
  }
  const result = loadConfig({ configFile, overrides: args.overrides });
  for (const w of result.warnings) process.stderr.write(`WARN ${w.message}\n`);
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
  process.stderr.write('Error: tendd cannot run programs yet: the process engine is not built (issue 3). Use --check to validate a configuration.\n');
  process.exit(2);
}

main();

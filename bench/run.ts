// `npm run bench [-- [--smoke] [SCENARIO ...]]`: runs the scenarios against supervisord and tendd
// (one daemon at a time), prints each result, writes bench/out/*.json and, for full-size runs,
// adds the run to bench/RESULTS.md. The only file here that exits the process.
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE } from './lib/args.js';
import { stopAllDaemons, type DaemonKind } from './lib/daemon.js';
import { machineInfo } from './lib/machine.js';
import { buildProbe } from './lib/probe.js';
import { tendRevision } from './lib/revision.js';
import { isFailure, recordRun, renderRun, renderScenario, type BenchRun, type ScenarioFailure } from './lib/report.js';
import type { ScenarioResult } from './lib/types.js';
import { SCENARIOS } from './scenarios/index.js';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH, '..');
const OUT = join(BENCH, 'out');
const TENDD = join(REPO, 'packages/daemon/bin/tendd.js');
// $TEND_BENCH_TENDCTL: another tendctl entry script (run with this Node), e.g. to try a build elsewhere.
const TENDCTL = process.env['TEND_BENCH_TENDCTL'] ?? join(REPO, 'packages/ctl/bin/tendctl.js');

function say(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** The reference daemon's path, or why it cannot be used. */
function findSupervisord(explicit: string | null): { path: string } | { missing: string } {
  const path = explicit ?? process.env['TEND_BENCH_SUPERVISORD'] ?? '/usr/bin/supervisord';
  try {
    accessSync(path, constants.X_OK);
    return { path };
  } catch (err) {
    return { missing: `${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

/** The reference client: explicit, $TEND_BENCH_SUPERVISORCTL, or next to supervisord; null if not executable. */
function findSupervisorctl(explicit: string | null, supervisord: string | null): { path: string | null; why: string } {
  const path = explicit ?? process.env['TEND_BENCH_SUPERVISORCTL'] ?? (supervisord === null ? null : join(dirname(supervisord), 'supervisorctl'));
  if (path === null) return { path: null, why: 'supervisord is not available either' };
  try {
    accessSync(path, constants.X_OK);
    return { path, why: '' };
  } catch (err) {
    return { path: null, why: `${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if ('error' in args) fail(`${args.error}\n${USAGE}`);
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.list) {
    for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(22)} ${s.summary}\n`);
    return;
  }
  const unknown = args.names.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) fail(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const chosen = args.names.length ? SCENARIOS.filter((s) => args.names.includes(s.name)) : SCENARIOS.filter((s) => args.smoke || s.optIn !== true);
  if (!existsSync(join(REPO, 'packages/daemon/dist'))) fail('packages/daemon/dist is missing: run `npm run build` (npm run bench does)');

  const sd = findSupervisord(args.supervisord);
  const daemons: DaemonKind[] = 'path' in sd ? ['supervisord', 'tend'] : ['tend'];
  if ('missing' in sd) {
    process.stderr.write(`\n*** bench: supervisord is NOT available (${sd.missing}).\n*** Measuring tend alone: no comparison, no ratios.\n\n`);
  }
  const ctl = findSupervisorctl(args.supervisorctl, 'path' in sd ? sd.path : null);
  if (ctl.path === null) process.stderr.write(`\n*** bench: supervisorctl is NOT available (${ctl.why}): the CLI figures stay empty.\n\n`);
  const binaries = { supervisord: 'path' in sd ? sd.path : null, tendd: TENDD, supervisorctl: ctl.path, tendctl: TENDCTL };
  const probe = buildProbe(OUT);
  if (probe.kind !== 'c') say(probe.description);
  const machine = machineInfo(binaries.supervisord);
  const startedAt = new Date().toISOString();
  // Taken before measuring: `npm run bench` has just built this tree.
  const revision = tendRevision(REPO);

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      say(`${sig}: stopping the daemons`);
      void stopAllDaemons().finally(() => process.exit(130));
    });
  }

  const scenarios: (ScenarioResult | ScenarioFailure)[] = [];
  for (const s of chosen) {
    const workDir = mkdtempSync(join(tmpdir(), `tend-bench-${s.name}-`));
    say(`${s.name}${args.smoke ? ' (smoke)' : ''}: ${s.summary}`);
    try {
      const result = await s.run({ binaries, daemons, probe, smoke: args.smoke, workDir, say: (m) => say(`${s.name}: ${m}`) });
      scenarios.push(result);
    } catch (err) {
      await stopAllDaemons();
      scenarios.push({ name: s.name, error: (err as Error).stack ?? String(err) });
    } finally {
      if (args.keep) say(`${s.name}: kept ${workDir}`);
      else rmSync(workDir, { recursive: true, force: true });
    }
    process.stdout.write(`\n${renderScenario(scenarios[scenarios.length - 1] as ScenarioResult | ScenarioFailure)}\n`);
  }

  const run: BenchRun = {
    startedAt, finishedAt: new Date().toISOString(), smoke: args.smoke, machine, probe, tendRevision: revision,
    supervisordMissing: 'missing' in sd ? sd.missing : null, scenarios,
  };
  mkdirSync(OUT, { recursive: true });
  const stamp = startedAt.replace(/[:.]/g, '-');
  const jsonPath = args.out ?? join(OUT, `${stamp}${args.smoke ? '-smoke' : ''}.json`);
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(run, null, 2)}\n`);
  say(`raw results: ${jsonPath}`);
  if (!args.smoke && !args.noResults) {
    const resultsPath = join(BENCH, 'RESULTS.md');
    recordRun(resultsPath, renderRun(run, relative(REPO, jsonPath)));
    say(`recorded in ${resultsPath}`);
  }
  const failed = scenarios.filter(isFailure);
  if (failed.length) {
    say(`${failed.length} scenario(s) failed: ${failed.map((f) => f.name).join(', ')}`);
    process.exit(1);
  }
}

await main();

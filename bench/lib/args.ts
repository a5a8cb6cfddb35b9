// bench/run.ts's command line.

export interface BenchArgs {
  readonly names: readonly string[];
  readonly smoke: boolean;
  readonly keep: boolean;
  readonly list: boolean;
  readonly help: boolean;
  /** Where the JSON goes (default bench/out/<timestamp>.json). */
  readonly out: string | null;
  /** Do not touch bench/RESULTS.md (always so with --smoke). */
  readonly noResults: boolean;
  readonly supervisord: string | null;
  readonly supervisorctl: string | null;
}

export const USAGE = `usage: npm run bench -- [options] [SCENARIO ...]

Runs every scenario (or the named ones) against the real supervisord and tendd, one daemon
after the other, and records the figures in bench/RESULTS.md and bench/out/*.json.

  --smoke             tiny sizes and short windows (seconds); never writes RESULTS.md
  --list              list the scenarios and exit
  --keep              keep each scenario's temp directory (configs, daemon logs, timestamps)
  --out FILE          write the JSON there instead of bench/out/<timestamp>.json
  --no-results        do not update bench/RESULTS.md
  --supervisord PATH  the reference daemon (default: $TEND_BENCH_SUPERVISORD or /usr/bin/supervisord)
  --supervisorctl PATH
                      the reference client (default: $TEND_BENCH_SUPERVISORCTL, else the
                      supervisorctl next to supervisord)
  -h, --help          this text

Environment: TEND_BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" adds Node flags to tendd's
command line (not tendctl's), e.g. to profile the daemon under a scenario;
TEND_BENCH_TENDCTL=FILE runs that script (with this Node) as tendctl.
`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs | { error: string } {
  const names: string[] = [];
  let smoke = false, keep = false, list = false, help = false, noResults = false;
  let out: string | null = null, supervisord: string | null = null, supervisorctl: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string | null => {
      const v = argv[++i];
      return v === undefined || v.startsWith('-') ? null : v;
    };
    switch (a) {
      case '--smoke': smoke = true; break;
      case '--keep': keep = true; break;
      case '--list': list = true; break;
      case '-h': case '--help': help = true; break;
      case '--no-results': noResults = true; break;
      case '--out': out = value(); if (out === null) return { error: '--out needs a file name' }; break;
      case '--supervisord': supervisord = value(); if (supervisord === null) return { error: '--supervisord needs a path' }; break;
      case '--supervisorctl': supervisorctl = value(); if (supervisorctl === null) return { error: '--supervisorctl needs a path' }; break;
      default:
        if (a.startsWith('-')) return { error: `unknown option ${a}` };
        names.push(a);
    }
  }
  return { names, smoke, keep, list, help, out, noResults, supervisord, supervisorctl };
}

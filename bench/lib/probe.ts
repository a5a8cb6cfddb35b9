// The supervised test program (probe.c), compiled into bench/out at run time. Without a C
// compiler a POSIX sh stand-in is written instead: same arguments and record format, but its
// timestamps come from `date +%s%N` after sh has started, so they lag the real exec/exit by a
// few milliseconds (restart latencies then read high, for every daemon and the shell loop alike).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Probe {
  readonly path: string;
  /** 'c' when compiled from probe.c, 'sh' for the fallback script. */
  readonly kind: 'c' | 'sh';
  /** How it was made, for RESULTS.md. */
  readonly description: string;
}

const SOURCE = fileURLToPath(new URL('./probe.c', import.meta.url));

const FALLBACK = `#!/bin/sh
# Fallback probe (no C compiler): see bench/lib/probe.c for the contract.
rec() { [ -n "$3" ] && printf '%s %s %s\\n' "$1" "$2" "$$" >> "$3"; }
case "$1" in
  run) t=$(date +%s%N); rec S "$t" "$4"; sleep "$(awk "BEGIN { print $2 / 1000 }")"; rec E "$(date +%s%N)" "$4"; exit "$3" ;;
  exit) rec S "$(date +%s%N)" "$3"; exit "$2" ;;
  sleep) rec S "$(date +%s%N)" "$2"; trap 'exit 0' TERM INT; while :; do sleep 1 & wait $!; done ;;
  *) echo "usage: probe run MS CODE FILE | probe exit CODE FILE | probe sleep [FILE]" >&2; exit 2 ;;
esac
`;

function findCompiler(): string | null {
  for (const cc of [process.env['CC'], 'cc', 'gcc', 'clang']) {
    if (!cc) continue;
    const r = spawnSync(cc, ['--version'], { stdio: 'ignore' });
    if (r.status === 0) return cc;
  }
  return null;
}

export function buildProbe(outDir: string): Probe {
  mkdirSync(outDir, { recursive: true });
  const cc = findCompiler();
  if (cc !== null) {
    const path = join(outDir, 'probe');
    const r = spawnSync(cc, ['-O2', '-Wall', '-o', path, SOURCE], { encoding: 'utf8' });
    if (r.status === 0 && statSync(path).isFile()) {
      const version = spawnSync(cc, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim() ?? cc;
      return { path, kind: 'c', description: `bench/lib/probe.c compiled with ${cc} -O2 (${version})` };
    }
    process.stderr.write(`bench: ${cc} failed to compile probe.c, using the sh fallback:\n${r.stderr}\n`);
  }
  const path = join(outDir, 'probe.sh');
  writeFileSync(path, FALLBACK);
  chmodSync(path, 0o755);
  return {
    path, kind: 'sh',
    description: 'FALLBACK: no working C compiler, so the probe is a sh script using `date +%s%N`; its timestamps lag exec/exit by a few ms, inflating every restart latency (daemons and shell loop alike)',
  };
}

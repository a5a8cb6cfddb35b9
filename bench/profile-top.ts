// `node --import tsx bench/profile-top.ts FILE.cpuprofile [--under TEXT] [--top N]`: the functions
// a V8 CPU profile (node --cpu-prof, e.g. tendd run with TEND_BENCH_NODE_FLAGS) spent its time
// in: self time and inclusive time, in ms. --under keeps only the samples whose stack has a
// frame whose function name or file contains TEXT (e.g. `xmlrpc-route`), to isolate one request
// path from the rest of the daemon's life (startup, spawning).
import { readFileSync } from 'node:fs';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

function usage(): never {
  process.stderr.write('usage: node --import tsx bench/profile-top.ts FILE.cpuprofile [--under TEXT] [--top N]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let file: string | null = null;
let under: string | null = null;
let top = 25;
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--under') under = args[++i] ?? usage();
  else if (a === '--top') top = Number(args[++i] ?? usage());
  else if (a.startsWith('-')) usage();
  else file = a;
}
if (file === null) usage();

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (f: CallFrame): string => {
  const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(/^.*\/(packages|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
};
const matches = (f: CallFrame): boolean => under === null || f.functionName.includes(under) || f.url.includes(under);

// A gap much longer than the sampling interval means the process was not running (descheduled on
// a busy machine), not that the previous frame was busy: such gaps are capped at 4 intervals.
const sortedDeltas = [...profile.timeDeltas].sort((a, b) => a - b);
const interval = sortedDeltas[Math.floor(sortedDeltas.length / 2)] ?? 1000;
const cap = interval * 4;
let droppedUs = 0;

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let totalUs = 0;
let keptUs = 0;
profile.samples.forEach((id, i) => {
  const raw = profile.timeDeltas[i + 1] ?? 0; // the time until the next sample belongs to this one
  const dt = Math.min(raw, cap);
  droppedUs += raw - dt;
  totalUs += dt;
  const stack: CallFrame[] = [];
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const node = byId.get(n);
    if (node) stack.push(node.callFrame);
  }
  if (!stack.some(matches)) return;
  keptUs += dt;
  const leaf = stack[0];
  if (leaf) self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  for (const l of new Set(stack.map(label))) inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
});

const ms = (us: number): string => (us / 1000).toFixed(1).padStart(9);
const show = (title: string, m: Map<string, number>): void => {
  process.stdout.write(`\n${title}\n`);
  for (const [l, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${ms(us)} ms ${((us / Math.max(keptUs, 1)) * 100).toFixed(1).padStart(5)}%  ${l}\n`);
  }
};
process.stdout.write(`${file}: ${ms(totalUs).trim()} ms sampled over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`);
process.stdout.write(under === null ? '\n' : `; ${ms(keptUs).trim()} ms with a frame matching ${JSON.stringify(under)}\n`);
process.stdout.write(`sampling interval ${(interval / 1000).toFixed(2)} ms; ${ms(droppedUs).trim()} ms of gaps longer than ${(cap / 1000).toFixed(2)} ms left out (process not scheduled)\n`);
show('self time', self);
show('inclusive time', inclusive);

// A run as Markdown, and RESULTS.md kept newest-first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extraRatio, ratio } from './figures.js';
import type { MachineInfo } from './machine.js';
import type { Probe } from './probe.js';
import type { Figure, ScenarioResult } from './types.js';

export interface ScenarioFailure {
  readonly name: string;
  readonly error: string;
}

export interface BenchRun {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly smoke: boolean;
  readonly machine: MachineInfo;
  readonly probe: Probe;
  /** git commit of the tend that was built and measured. */
  readonly tendRevision: string;
  /** Set when the reference daemon could not be run. */
  readonly supervisordMissing: string | null;
  readonly scenarios: readonly (ScenarioResult | ScenarioFailure)[];
}

export function isFailure(s: ScenarioResult | ScenarioFailure): s is ScenarioFailure {
  return 'error' in s;
}

function num(v: number | null, digits: number): string {
  if (v === null) return '—';
  if (Number.isNaN(v)) return 'n/a';
  return v.toFixed(digits);
}

function ratioText(f: Figure): string {
  return formatRatio(ratio(f));
}

function formatRatio(r: number | null): string {
  if (r === null) return '—';
  if (Number.isNaN(r)) return 'n/a';
  if (r === 0) return '0';
  return r >= 100 ? r.toFixed(0) : r.toPrecision(2);
}

function goalText(met: boolean | null): string {
  return met === null ? '—' : met ? '**met**' : '**MISSED**';
}

export function renderScenario(s: ScenarioResult | ScenarioFailure): string {
  if (isFailure(s)) return `### ${s.name}\n\n**FAILED:** ${s.error.split('\n').join('  \n')}\n`;
  const withBaseline = s.figures.some((f) => f.baseline !== undefined);
  const baselineLabel = s.figures.find((f) => f.baseline)?.baseline?.label ?? '';
  // Extra tend-side columns (tendctl, JSON-RPC, …), in order of first appearance.
  const extraLabels = [...new Set(s.figures.flatMap((f) => (f.extras ?? []).map((e) => e.label)))];
  const head = [
    'figure', 'supervisord', 'tend', 'tend/supervisord', ...(withBaseline ? [baselineLabel] : []),
    ...extraLabels.flatMap((l) => [l, `${l} / supervisord`]),
  ];
  const rows = s.figures.map((f) => {
    const label = f.unit ? `${f.label} (${f.unit})` : f.label;
    const cells = [label, num(f.supervisord, f.digits), num(f.tend, f.digits), ratioText(f)];
    if (withBaseline) cells.push(f.baseline ? num(f.baseline.value, f.digits) : '');
    for (const l of extraLabels) {
      const e = f.extras?.find((x) => x.label === l);
      cells.push(e ? num(e.value, f.digits) : '', e ? formatRatio(extraRatio(f, e.value)) : '');
    }
    return `| ${cells.join(' | ')} |`;
  });
  const params = Object.entries(s.params).map(([k, v]) => `${k}=${v}`).join(', ');
  const lines = [
    `### ${s.name} — ${s.title}`,
    '',
    `Goal: ${s.goal.text} → ${goalText(s.goal.met)}${s.goal.detail ? ` (${s.goal.detail})` : ''}`,
    '',
    `Parameters: ${params}`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows,
  ];
  if (s.notes.length) lines.push('', ...s.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

export function renderRun(run: BenchRun, jsonPath: string): string {
  const m = run.machine;
  const names = run.scenarios.map((s) => s.name).join(', ');
  const when = run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const lines = [
    `## ${when} — ${names}${run.smoke ? ' (smoke sizes)' : ''}`,
    '',
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, kernel ${m.kernel}, CLK_TCK ${m.clockTicks}, load average ${m.loadAvg1} at start`,
    `- Node ${m.node}; supervisord ${m.supervisord}; tend ${run.tendRevision}`,
    `- Probe: ${run.probe.description}`,
    `- Raw data: \`${jsonPath}\` (not committed)`,
  ];
  if (run.supervisordMissing) lines.push(`- **supervisord was not run: ${run.supervisordMissing}** — no ratios`);
  return `${lines.join('\n')}\n\n${run.scenarios.map(renderScenario).join('\n')}`;
}

const HEADER = `# tend benchmark results

Written by \`npm run bench\` (see [README.md](README.md)); newest run first. In each run
supervisord and tend were measured one after the other on the same machine with the same
generated config, so compare the ratios within a run rather than absolute figures across runs.

<!-- bench runs below, newest first -->
`;
const MARKER = '<!-- bench runs below, newest first -->\n';

/** Insert `section` as the newest run in the results file (created when missing). */
export function recordRun(resultsPath: string, section: string): void {
  const current = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : HEADER;
  const at = current.indexOf(MARKER);
  const text = at === -1
    ? `${current.trimEnd()}\n\n${MARKER}\n${section}`
    : `${current.slice(0, at + MARKER.length)}\n${section}\n${current.slice(at + MARKER.length).replace(/^\n+/, '')}`;
  writeFileSync(resultsPath, `${text.trimEnd()}\n`);
}

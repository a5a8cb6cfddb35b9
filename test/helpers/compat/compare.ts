// Compares two cleaned transcripts command by command and renders a readable report:
// per differing command, a line diff of stdout and stderr and the two exit statuses.
import type { Entry } from './run-side.js';
import type { ExpectedDifference } from './scenario.js';

type Field = 'stdout' | 'stderr' | 'exit';
const FIELDS: readonly Field[] = ['stdout', 'stderr', 'exit'];

/** Shows tabs, other control characters and trailing spaces, which matter in status lines and help texts. */
function visible(line: string): string {
  return line
    .replace(/\t/g, '\\t')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/ +$/, (sp) => '·'.repeat(sp.length));
}

/** A minimal LCS line diff: `  same`, `- reference only`, `+ subject only`. */
export function lineDiff(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = x[i] === y[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { out.push(`      ${visible(x[i] ?? '')}`); i++; j++; }
    else if (j < m && (i >= n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) { out.push(`    + ${visible(y[j] ?? '')}`); j++; }
    else { out.push(`    - ${visible(x[i] ?? '')}`); i++; }
  }
  return out;
}

export interface Comparison {
  readonly ok: boolean;
  readonly report: string;
  /** One line per differing command, for summaries. */
  readonly firstDifference: string | undefined;
}

function expectedFor(label: string, nth: number, diffs: readonly ExpectedDifference[]): ExpectedDifference | undefined {
  return diffs.find((d) => d.command === label && (d.nth ?? 1) === nth);
}

/**
 * `reference` and `subject` must have the same commands in the same order with equal cleaned
 * output, except where `differences` declares what the subject prints instead.
 */
export function compareTranscripts(reference: readonly Entry[], subject: readonly Entry[], names: { reference: string; subject: string }, differences: readonly ExpectedDifference[]): Comparison {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const usedDiffs = new Set<ExpectedDifference>();
  const count = Math.max(reference.length, subject.length);
  let first: string | undefined;
  for (let k = 0; k < count; k++) {
    const r = reference[k];
    const s = subject[k];
    if (!r || !s || r.label !== s.label) {
      problems.push(`step ${String(k + 1)}: the transcripts diverge: ${names.reference} ran ${JSON.stringify(r?.label)}, ${names.subject} ran ${JSON.stringify(s?.label)}`);
      first ??= problems.at(-1);
      break;
    }
    const nth = (seen.get(r.label) ?? 0) + 1;
    seen.set(r.label, nth);
    const declared = expectedFor(r.label, nth, differences);
    if (declared) usedDiffs.add(declared);
    const lines: string[] = [];
    let stale = declared !== undefined;
    for (const f of FIELDS) {
      const want = declared?.tend[f] ?? r[f];
      if (declared?.tend[f] !== undefined && declared.tend[f] !== r[f]) stale = false;
      if (want === s[f]) continue;
      if (f === 'exit') lines.push(`  exit status: ${names.reference} ${r.exit}${declared?.tend.exit !== undefined ? ` (tend declared ${want})` : ''}, ${names.subject} ${s.exit}`);
      else {
        lines.push(`  ${f} (- ${declared?.tend[f] !== undefined ? 'declared for tend' : names.reference}, + ${names.subject}):`);
        lines.push(...lineDiff(want, s[f]));
      }
    }
    const where = `step ${String(k + 1)} \`${r.label}\`${nth > 1 ? ` (#${String(nth)})` : ''}`;
    if (declared && stale) {
      lines.push(`  declared difference is stale: ${names.reference} now prints what was declared for tend (${declared.reason}); remove it`);
    }
    if (lines.length > 0) {
      problems.push(`${where}:\n${lines.join('\n')}`);
      first ??= `${where}: ${lines.slice(0, 4).map((l) => l.trim()).join(' | ')}`;
    }
  }
  for (const d of differences) {
    if (!usedDiffs.has(d)) problems.push(`declared difference for \`${d.command}\` #${String(d.nth ?? 1)} matches no command of the scenario`);
  }
  return {
    ok: problems.length === 0,
    report: problems.length === 0 ? '' : `${String(problems.length)} difference(s), ${names.reference} (-) vs ${names.subject} (+), after cleaning:\n\n${problems.join('\n\n')}`,
    firstDifference: first,
  };
}

/** The whole transcript as text, for TEND_COMPAT_SHOW=1 and for failure messages. */
export function renderTranscript(entries: readonly Entry[]): string {
  return entries.map((e) => {
    const out = e.stdout === '' ? '' : e.stdout.split('\n').map((l) => `  | ${visible(l)}`).join('\n');
    const err = e.stderr === '' ? '' : `\n${e.stderr.split('\n').map((l) => `  ! ${visible(l)}`).join('\n')}`;
    return `$ ${e.label}    → exit ${e.exit}\n${out}${err}`;
  }).join('\n');
}

// Registers one node:test test per scenario comparing a subject (CLI → daemon) with the
// reference (supervisorctl → supervisord). The three entry files in test/e2e/compat/ differ
// only in the subject they pass.
//
// Environment knobs (all optional):
//   TEND_COMPAT_SCENARIO=name[,name…]  run only these scenarios (or use --test-name-pattern)
//   TEND_COMPAT_SHOW=1                 print both cleaned transcripts of every scenario to stderr
//   TEND_COMPAT_KEEP=1                 keep the temp dirs (paths printed to stderr)
//   TEND_COMPAT_CONCURRENCY=N          scenarios run N at a time (default 2)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { requireTool } from '../tools.js';
import { compareTranscripts, renderTranscript } from './compare.js';
import { runSide, SideError, type SideResult } from './run-side.js';
import { SCENARIOS } from './scenarios/index.js';
import type { ExpectedDifference, Scenario } from './scenario.js';
import { describeSide, SUPERVISORCTL, SUPERVISORD, type Side } from './targets.js';

export const REFERENCE: Side = { daemon: SUPERVISORD, cli: SUPERVISORCTL };

export interface SuiteOptions {
  /** describe() title */
  readonly title: string;
  readonly subject: Side;
}

/** The declared differences that concern this subject (see ExpectedDifference.when). */
export function differencesFor(s: Scenario, subject: Side): ExpectedDifference[] {
  return (s.differences ?? []).filter((d) => {
    const daemon = d.when?.daemon ?? 'tendd';
    const cli = d.when?.cli ?? 'any';
    return (daemon === 'any' || daemon === subject.daemon.name) && (cli === 'any' || cli === subject.cli.name);
  });
}

function selected(): readonly Scenario[] {
  const only = process.env['TEND_COMPAT_SCENARIO'];
  if (only === undefined || only === '') return SCENARIOS;
  const names = only.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`TEND_COMPAT_SCENARIO names unknown scenario(s): ${unknown.join(', ')}`);
  return SCENARIOS.filter((s) => names.includes(s.name));
}

function failedChecks(r: SideResult): string[] {
  return r.entries.filter((e) => e.label === 'check pids' && e.exit !== '0').map((e) => e.stdout.trim());
}

export function registerCompatSuite(opts: SuiteOptions): void {
  const reference = REFERENCE;
  const names = { reference: describeSide(reference), subject: describeSide(opts.subject) };
  const concurrency = Number(process.env['TEND_COMPAT_CONCURRENCY'] ?? 2);
  describe(opts.title, { concurrency }, () => {
    for (const s of selected()) {
      test(`${s.name}: ${s.title}`, { timeout: 180_000 }, async (t) => {
        if (!requireTool(t, SUPERVISORD.file, 'the compat suite runs the real supervisord as the reference', SUPERVISORD.check())) return;
        if (!requireTool(t, SUPERVISORCTL.file, 'the compat suite runs the real supervisorctl', SUPERVISORCTL.check())) return;
        // The subject is what is being built: never skipped, it fails with the reason.
        for (const check of [opts.subject.daemon.check(), opts.subject.cli.check()]) {
          if (!check.ok) assert.fail(`${names.subject} cannot run: ${check.reason}`);
        }
        const [ref, sub] = await Promise.allSettled([runSide(t, s, reference), runSide(t, s, opts.subject)]);
        if (process.env['TEND_COMPAT_SHOW'] === '1') {
          for (const [name, r] of [[names.reference, ref], [names.subject, sub]] as const) {
            process.stderr.write(`\n=== ${s.name} — ${name}\n${r.status === 'fulfilled' ? renderTranscript(r.value.entries) : String(r.reason)}\n`);
          }
        }
        if (ref.status === 'rejected') {
          const why = ref.reason instanceof SideError ? ref.reason.message : String((ref.reason as Error).stack ?? ref.reason);
          assert.fail(`the reference side (${names.reference}) did not run through; the scenario itself is broken:\n${why}`);
        }
        const badRef = failedChecks(ref.value);
        if (badRef.length > 0) assert.fail(`the reference side failed its own pid check, the scenario is wrong: ${badRef.join('; ')}`);
        if (sub.status === 'rejected') {
          const why = sub.reason instanceof SideError ? sub.reason.message : String((sub.reason as Error).stack ?? sub.reason);
          assert.fail(`${names.subject} did not run through:\n${why}\n\nreference transcript:\n${renderTranscript(ref.value.entries)}`);
        }
        const result = compareTranscripts(ref.value.entries, sub.value.entries, names, differencesFor(s, opts.subject));
        if (!result.ok) assert.fail(`${s.name}: ${result.report}`);
      });
    }
  });
}

// What the conf.d control-plane scenarios (reread-update-add-200, update-remove-200) share: one
// session per daemon through supervisorctl, one more through tendctl on tend, the notes of the
// sessions, and the goal read twice (against this run's supervisord and the issue's figure).
import type { ConfdDaemon } from './confd.js';
import { ctlArgv, type CtlKind } from './ctl.js';
import { stopNotes, type DaemonKind, type StopReport } from './daemon.js';
import type { PerDaemon } from './figures.js';
import type { GoalResult, ScenarioContext } from './types.js';

export interface CtlSession {
  readonly daemon: DaemonKind;
  readonly client: CtlKind;
  /** Why the session's figures are missing; null when it went through. */
  readonly failure: string | null;
  readonly stop: StopReport | null;
}

/** A figure of a session, or NaN when the session failed. */
export const ok = (v: number, s: { failure: string | null }): number => (s.failure === null ? v : NaN);

/** Run the supervisorctl session on every daemon, then tendctl on tend. */
export async function sessions<T extends { failure: string | null }>(
  ctx: ScenarioContext, one: (kind: DaemonKind, client: CtlKind) => Promise<T>,
): Promise<{ runs: PerDaemon<T>; tendctl: T | null }> {
  const runs: PerDaemon<T> = {};
  for (const kind of ctx.daemons) runs[kind] = await one(kind, 'supervisorctl');
  const tendctl = ctx.daemons.includes('tend') ? await one('tend', 'tendctl') : null;
  return { runs, tendctl };
}

/** One session: `base` as is when the client is missing; else launch, measure, and always stop the daemon. */
export async function runSession<T extends CtlSession>(
  ctx: ScenarioContext, base: T, launch: () => Promise<ConfdDaemon>, measure: (d: ConfdDaemon) => Promise<T>,
): Promise<T> {
  if (ctlArgv(base.client, ctx.binaries, '', []) === null) return { ...base, failure: `${base.client} is not available` };
  const d = await launch();
  let result: T;
  let stop: StopReport;
  try {
    result = await measure(d);
  } finally {
    stop = await d.daemon.stop();
  }
  return { ...result, stop };
}

export function sessionNotes(runs: PerDaemon<CtlSession>, tendctl: CtlSession | null): string[] {
  const notes: string[] = [];
  for (const s of [...Object.values(runs), ...(tendctl ? [tendctl] : [])]) {
    if (s.failure) notes.push(`${s.daemon} via ${s.client}: ${s.client === 'tendctl' ? 'n/a — ' : ''}${s.failure}`);
    if (s.stop) notes.push(...stopNotes(s.daemon, s.stop).map((m) => `${m} (session via ${s.client})`));
  }
  return notes;
}

/**
 * The goal `pick(tend) ≤ fraction × pick(supervisord)` through supervisorctl, with tendctl's figure
 * and the reading against the issue's own supervisord figure in the detail.
 */
export function judgeCtlGoal<T extends CtlSession>(
  text: string, runs: PerDaemon<T>, tendctl: T | null, pick: (s: T) => number, fraction: number, issueSupervisordMs: number,
): GoalResult {
  const sd = runs.supervisord ? ok(pick(runs.supervisord), runs.supervisord) : NaN;
  const td = runs.tend ? ok(pick(runs.tend), runs.tend) : NaN;
  const tc = tendctl ? ok(pick(tendctl), tendctl) : NaN;
  const met = Number.isFinite(sd) && Number.isFinite(td) ? td <= sd * fraction : runs.tend?.failure ? false : null;
  const sec = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(3)} s` : 'n/a');
  const limit = sd * fraction;
  const issueLimit = issueSupervisordMs * fraction;
  const detail = [
    `supervisorctl → tend ${sec(td)} vs → supervisord ${sec(sd)}${Number.isFinite(sd) ? ` (limit ${sec(limit)})` : ' (not judged)'}`,
    `tendctl → tend ${sec(tc)}${Number.isFinite(tc) && Number.isFinite(sd) ? ` (${tc <= limit ? 'within' : 'over'} the limit)` : ''}`,
    `against the issue's ${sec(issueSupervisordMs)} instead (limit ${sec(issueLimit)}): supervisorctl → tend ${Number.isFinite(td) ? (td <= issueLimit ? 'within' : 'over') : 'n/a'}, tendctl → tend ${Number.isFinite(tc) ? (tc <= issueLimit ? 'within' : 'over') : 'n/a'}`,
  ].join('; ');
  return { text, met, detail };
}

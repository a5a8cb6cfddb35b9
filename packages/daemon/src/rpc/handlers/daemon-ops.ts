// Daemon-level methods: versions, state, pid, shutdown/restart, stdin, remote events, and tend's
// process stats.
import { FaultError, supervisorStateCode, type ProcessStats } from '@tend/protocol';
import { readAllStats, treeUsage } from '../../os/proc-stats.js';
import { processInfo } from './process-info.js';
import { lookup, requireString, type HandlerContext } from './context.js';

export const API_VERSION = '3.0';
export const SUPERVISOR_VERSION = '4.2.5';
/** Linux's USER_HZ: /proc reports CPU times in these ticks. */
const CLOCK_TICKS_PER_SECOND = 100;
/** The first stats call samples twice, this far apart. */
const FIRST_WINDOW_MS = 200;

export function daemonHandlers(ctx: HandlerContext): Array<[string, (params: readonly unknown[]) => unknown]> {
  const { supervisor, daemon } = ctx;
  const clock = supervisor.clock;
  // The previous stats sample: CPU % is measured over the time since the last caller asked.
  let previous: { at: number; ticks: Map<string, number> } | null = null;

  const sampleTicks = (): { at: number; stats: ReturnType<typeof readAllStats> } => ({ at: clock.now(), stats: readAllStats() });

  const processStats = async (): Promise<ProcessStats[]> => {
    let before = previous;
    let now = sampleTicks();
    if (before === null) {
      const first = now;
      await new Promise((r) => clock.setTimer(FIRST_WINDOW_MS, () => r(undefined)));
      before = { at: first.at, ticks: new Map() };
      for (const g of supervisor.groups) for (const p of g.processes) {
        if (p.snapshot.pid) before.ticks.set(`${g.name}:${p.config.name}:${p.snapshot.pid}`, treeUsage(first.stats, p.snapshot.pid).ticks);
      }
      now = sampleTicks();
    }
    const elapsedS = Math.max(0.001, (now.at - before.at) / 1000);
    const ticks = new Map<string, number>();
    const out: ProcessStats[] = [];
    for (const g of supervisor.groups) {
      for (const p of g.processes) {
        const pid = p.snapshot.pid;
        const usage = pid ? treeUsage(now.stats, pid) : { ticks: 0, rssBytes: 0 };
        const key = `${g.name}:${p.config.name}:${pid}`;
        if (pid) ticks.set(key, usage.ticks);
        const prevTicks = before.ticks.get(key);
        const cpu = pid && prevTicks !== undefined ? ((usage.ticks - prevTicks) / CLOCK_TICKS_PER_SECOND / elapsedS) * 100 : 0;
        out.push({ name: p.config.name, group: g.name, pid, restarts: p.restarts, cpu_percent: Math.max(0, Math.round(cpu * 10) / 10), rss_bytes: usage.rssBytes });
      }
    }
    previous = { at: now.at, ticks };
    return out;
  };

  return [
    ['supervisor.getAPIVersion', () => API_VERSION],
    ['supervisor.getVersion', () => API_VERSION],
    ['supervisor.getSupervisorVersion', () => SUPERVISOR_VERSION],
    ['supervisor.getIdentification', () => daemon.identifier],
    ['supervisor.getState', () => ({ statecode: supervisorStateCode[supervisor.mood], statename: supervisor.mood })],
    ['supervisor.getPID', () => daemon.pid],
    ['supervisor.shutdown', () => {
      daemon.shutdown();
      return true;
    }],
    ['supervisor.restart', () => {
      daemon.restart();
      return true;
    }],
    ['supervisor.getProcessInfo', ([n]) => {
      const name = requireString(n, 'name');
      const t = lookup(ctx, name);
      if (!t.process) throw new FaultError('BAD_NAME', name);
      return processInfo(t.group.name, t.process, clock.wallNow());
    }],
    ['supervisor.getAllProcessInfo', () => {
      const now = clock.wallNow();
      const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      // Lexical by group name, then process name (supervisor's lexical=True).
      return [...supervisor.groups].sort(byName).flatMap((g) =>
        [...g.processes].sort((a, b) => byName(a.config, b.config)).map((p) => processInfo(g.name, p, now)));
    }],
    ['supervisor.sendProcessStdin', ([n, chars]) => {
      if (typeof chars !== 'string') throw new FaultError('INCORRECT_PARAMETERS', String(chars));
      const name = requireString(n, 'name');
      const t = lookup(ctx, name);
      if (!t.process) throw new FaultError('BAD_NAME', name);
      const r = t.process.writeStdin(Buffer.from(chars, 'utf8'));
      if (r === 'not-running') throw new FaultError('NOT_RUNNING', name);
      if (r === 'closed') throw new FaultError('NO_FILE', name);
      return true;
    }],
    // Event listeners do not receive events in tend yet; the call succeeds as in supervisord.
    ['supervisor.sendRemoteCommEvent', () => true],
    ['tend.getProcessStats', () => processStats()],
  ];
}


// status [name | group:* | all …] (spec §6.4): getVersion, getAllProcessInfo, filtered here.
// Exit 3 if any shown process is stopped, 4 for an unknown name or a handled upcheck failure.
import { makeNamespec, splitNamespec, STOPPED_STATES, pySplitWhitespace } from '@tend/protocol';
import type { ProcessInfo, ProcessStats } from '@tend/protocol';
import type { SupervisorApi } from '../api.js';
import type { Command, CommandContext } from '../command.js';
import { isFault } from '../errors.js';
import { ExitCode, StatusExitCode } from '../exit-codes.js';
import { renderStatusLines } from '../render/status-lines.js';
import { renderStatusTable } from '../render/status-table.js';
import type { StatusRow } from '../render/status-table.js';
import { upcheck } from '../upcheck.js';
import { renderJson } from '../render/json.js';

export interface UnknownName {
  readonly name: string;
  readonly error: 'no such process' | 'no such group';
}

export interface StatusSelection {
  readonly unknown: readonly UnknownName[];
  readonly infos: readonly ProcessInfo[];
}

// The filter of do_status: argument order, server order within a group, duplicates kept.
export function selectStatuses(all: readonly ProcessInfo[], names: readonly string[]): StatusSelection {
  if (names.length === 0 || names.includes('all')) return { unknown: [], infos: all };
  const unknown: UnknownName[] = [];
  const infos: ProcessInfo[] = [];
  for (const name of names) {
    const { group, process } = splitNamespec(name);
    const hits = all.filter((i) => i.group === group && (process === null || i.name === process));
    infos.push(...hits);
    if (hits.length === 0) unknown.push(process === null ? { name: group, error: 'no such group' } : { name, error: 'no such process' });
  }
  return { unknown, infos };
}

export function statusExitCode(selection: StatusSelection): number {
  let status: number = ExitCode.SUCCESS;
  if (selection.unknown.length > 0) status = StatusExitCode.UNKNOWN;
  if (selection.infos.some((i) => (STOPPED_STATES as readonly string[]).includes(i.statename))) status = StatusExitCode.NOT_RUNNING;
  return status;
}

// tend.getProcessStats when the server has it; null against supervisord (UNKNOWN_METHOD).
async function fetchStats(api: SupervisorApi): Promise<ProcessStats[] | null> {
  try {
    return await api.getProcessStats();
  } catch (err) {
    if (isFault(err)) return null;
    throw err;
  }
}

async function fetchExitCodes(api: SupervisorApi, infos: readonly ProcessInfo[]): Promise<Map<string, readonly number[]>> {
  const codes = new Map<string, readonly number[]>();
  if (!infos.some((i) => i.statename === 'EXITED')) return codes;
  try {
    for (const c of await api.getAllConfigInfo()) codes.set(makeNamespec(c.group, c.name), c.exitcodes);
  } catch (err) {
    if (!isFault(err)) throw err;
  }
  return codes;
}

function findStats(stats: readonly ProcessStats[] | null, info: ProcessInfo): ProcessStats | null {
  return stats?.find((s) => s.group === info.group && s.name === info.name) ?? null;
}

async function renderTable(ctx: CommandContext, api: SupervisorApi, selection: StatusSelection): Promise<void> {
  const stats = await fetchStats(api);
  const exitCodes = await fetchExitCodes(api, selection.infos);
  const rows: StatusRow[] = selection.infos.map((info) => {
    const codes = exitCodes.get(makeNamespec(info.group, info.name));
    return { info, stats: findStats(stats, info), expectedExit: codes ? codes.includes(info.exitstatus) : null };
  });
  for (const u of selection.unknown) ctx.out.line(`${u.name}: ERROR (${u.error})`);
  ctx.out.line(renderStatusTable(rows, ctx.color));
}

async function printJson(ctx: CommandContext, api: SupervisorApi, selection: StatusSelection): Promise<void> {
  const stats = await fetchStats(api);
  ctx.out.write(renderJson({
    processes: selection.infos.map((info) => {
      const s = findStats(stats, info);
      return {
        namespec: makeNamespec(info.group, info.name),
        ...info,
        stats: s ? { restarts: s.restarts, cpu_percent: s.cpu_percent, rss_bytes: s.rss_bytes } : null,
      };
    }),
    errors: selection.unknown,
  }));
}

export const status: Command = {
  name: 'status',
  help: [
    'status <name>\t\tGet status for a single process',
    'status <gname>:*\tGet status for all processes in a group',
    'status <name> <name>\tGet status for multiple named processes',
    'status\t\t\tGet all process status info',
  ].join('\n'),
  async run(ctx, arg) {
    // supervisorctl: "In case upcheck fails, we override the exitstatus which should only return 4"
    const up = await upcheck(ctx);
    if (!up.ok) return StatusExitCode.UNKNOWN;
    const api = ctx.supervisor();
    const selection = selectStatuses(await api.getAllProcessInfo(), pySplitWhitespace(arg));
    if (ctx.json) await printJson(ctx, api, selection);
    else if (ctx.isTty) await renderTable(ctx, api, selection);
    else {
      // One write, not one per line: writes to a pipe are synchronous, and 1000 of them cost
      // more than building the text.
      const lines = [...selection.unknown.map((u) => `${u.name}: ERROR (${u.error})`), ...renderStatusLines(selection.infos)];
      if (lines.length > 0) ctx.out.write(`${lines.join('\n')}\n`);
    }
    return statusExitCode(selection);
  },
};

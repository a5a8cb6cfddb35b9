// [program:x], [eventlistener:x] and [fcgi-program:x] → one ProcessConfig per process
// (supervisor options.py _processes_from_section). The evaluation order and the shared, mutated
// expansion mapping are supervisor's, so that every value and error text comes out the same.
import { comparePyStr, pyRepr } from '@tend/protocol';
import {
  nameToUid, toAutoRestart, toBoolean, toByteSize, toExitCodes, toInteger, toLogfileName, toOctal,
  toProcessOrGroupName, toSignalNumber,
} from '../converters.js';
import { dictOfKeyValuePairs } from '../env-dict.js';
import { sectionSuffix } from '../issues.js';
import { SectionScope, valueOr, type LoadContext } from '../section-scope.js';
import type { ChannelConfig, LogFile, ProcessConfig } from '../types.js';

/** tend's limit on processes per section: supervisord has none and runs out of memory instead. */
export const MAX_NUMPROCS = 100_000;

const AUTO: LogFile = { kind: 'auto' };
const NONE: LogFile = { kind: 'none' };

/** The section's options that do not depend on the process number, read once. */
interface SectionOptions {
  priority: number; autostart: boolean; autorestart: ProcessConfig['autorestart']; startSecs: number;
  startRetries: number; stopSignal: number; stopWaitSecs: number; stopAsGroup: boolean; killAsGroup: boolean;
  exitCodes: number[]; redirectStderr: boolean; numprocs: number; numprocsStart: number; environment: string;
  stdoutCapture: number; stdoutEvents: boolean; stderrCapture: number; stderrEvents: boolean;
  serverUrl: string | null; user: string | null; uid: number | null; umask: number | null; processName: string;
}

function readSectionOptions(s: SectionScope, common: Map<string, string | number>): SectionOptions | null {
  const priority = s.need('priority', '999', toInteger, common);
  const autostart = s.need('autostart', 'true', toBoolean, common);
  const autorestart = s.need('autorestart', 'unexpected', toAutoRestart, common);
  const startSecs = s.need('startsecs', '1', toInteger, common);
  const startRetries = s.need('startretries', '3', toInteger, common);
  const stopSignal = s.need('stopsignal', 'TERM', toSignalNumber, common);
  const stopWaitSecs = s.need('stopwaitsecs', '10', toInteger, common);
  const stopAsGroup = s.need('stopasgroup', 'false', toBoolean, common);
  const killAsGroup = s.need('killasgroup', stopAsGroup.ok && stopAsGroup.value ? 'true' : 'false', toBoolean, common);
  const exitCodes = s.need('exitcodes', '0', toExitCodes, common);
  const redirectStderr = s.need('redirect_stderr', 'false', toBoolean, common);
  const numprocs = s.need('numprocs', '1', toInteger, common);
  const numprocsStart = s.need('numprocs_start', '0', toInteger, common);
  const environment = s.get('environment', '', null);
  const stdoutCapture = s.need('stdout_capture_maxbytes', '0', toByteSize, common);
  const stdoutEvents = s.need('stdout_events_enabled', 'false', toBoolean, common);
  const stderrCapture = s.need('stderr_capture_maxbytes', '0', toByteSize, common);
  const stderrEvents = s.need('stderr_events_enabled', 'false', toBoolean, common);
  const serverUrlGot = s.get('serverurl', null, common);
  const user = s.get('user', null, common);
  const uid = user.ok && user.text !== null ? s.convert('user', user.text, user.raw, nameToUid) : null;
  const umask = s.read('umask', null, toOctal, common);
  const rawName = s.get('process_name', '%(program_name)s', null);
  const processName = rawName.ok ? s.convert('process_name', rawName.text ?? '', rawName.raw, toProcessOrGroupName) : rawName;

  const all = [priority, autostart, autorestart, startSecs, startRetries, stopSignal, stopWaitSecs, stopAsGroup,
    killAsGroup, exitCodes, redirectStderr, numprocs, numprocsStart, environment, stdoutCapture, stdoutEvents,
    stderrCapture, stderrEvents, serverUrlGot, user, umask, processName, ...(uid ? [uid] : [])];
  if (!all.every((r) => r.ok)) return null;
  // Narrowed above; TypeScript cannot follow the every(), so read values through `v`.
  const v = <T>(r: { ok: true; value: T } | { ok: false }): T => (r as { value: T }).value;

  let ok = true;
  const name = v(processName);
  const last = v(numprocsStart) + v(numprocs);
  if (v(numprocs) > MAX_NUMPROCS || !Number.isSafeInteger(last) || !Number.isSafeInteger(v(numprocsStart))) {
    // tend only: supervisord loops until memory runs out on such values.
    s.fail('ERR_CONFIG_BAD_VALUE', v(numprocs) > MAX_NUMPROCS ? 'numprocs' : 'numprocs_start', undefined, undefined,
      `expected numprocs of at most ${MAX_NUMPROCS} and process numbers below 2^53, got numprocs=${v(numprocs)}, numprocs_start=${v(numprocsStart)}`,
      `numprocs ${v(numprocs)} from ${v(numprocsStart)} is more than tend can run`);
    ok = false;
  }
  if (v(numprocs) > 1 && !name.includes('%(process_num)')) {
    const text = '%(process_num) must be present within process_name when numprocs > 1';
    s.fail('ERR_CONFIG_RULE', 'process_name', undefined, name,
      `must contain %(process_num)s when numprocs > 1, got ${JSON.stringify(name)} (numprocs=${v(numprocs)})`, text);
    ok = false;
  }
  if (v(stopAsGroup) && !v(killAsGroup)) {
    s.fail('ERR_CONFIG_RULE', 'killasgroup', undefined, 'false',
      'cannot be false when stopasgroup=true (the stop signal goes to the group, so the kill must too)',
      'Cannot set stopasgroup=true and killasgroup=false');
    ok = false;
  }
  if (!ok) return null;
  const serverUrlText = (serverUrlGot as { text: string | null }).text;
  return {
    priority: v(priority), autostart: v(autostart), autorestart: v(autorestart), startSecs: v(startSecs),
    startRetries: v(startRetries), stopSignal: v(stopSignal), stopWaitSecs: v(stopWaitSecs), stopAsGroup: v(stopAsGroup),
    killAsGroup: v(killAsGroup), exitCodes: [...v(exitCodes)], redirectStderr: v(redirectStderr), numprocs: v(numprocs),
    numprocsStart: v(numprocsStart), environment: (environment as { text: string }).text,
    stdoutCapture: v(stdoutCapture), stdoutEvents: v(stdoutEvents), stderrCapture: v(stderrCapture), stderrEvents: v(stderrEvents),
    // serverurl=AUTO (any case, trimmed) means the daemon's own URL.
    serverUrl: serverUrlText && serverUrlText.trim().toUpperCase() === 'AUTO' ? null : serverUrlText,
    user: (user as { text: string | null }).text, uid: uid ? v(uid) : null, umask: v(umask), processName: name,
  };
}

type ChannelRead = { channel: ChannelConfig; ok: boolean };

function readChannel(s: SectionScope, which: 'stdout' | 'stderr', common: Map<string, string | number>, o: SectionOptions): ChannelRead {
  const lfKey = `${which}_logfile`;
  let logfile: LogFile | { kind: 'syslog' } = AUTO;
  let ok = true;
  const got = s.get(lfKey, null, common);
  if (!got.ok) ok = false;
  else if (got.text !== null) {
    // supervisor expands *_logfile twice: once in saneget, once more by name (spec §1.4).
    const again = s.expand(lfKey, got.text, got.raw, common, lfKey, false);
    if (!again.ok) ok = false;
    else {
      const lf = s.convert(lfKey, again.text ?? '', got.raw, (v) => toLogfileName(v, s.ctx.paths));
      if (lf.ok) logfile = lf.value;
      else ok = false;
    }
  }
  const backups = s.need(`${which}_logfile_backups`, '10', toInteger, common);
  const maxBytes = s.need(`${which}_logfile_maxbytes`, '50MB', toByteSize, common);
  let syslog = s.need(`${which}_syslog`, 'false', toBoolean, common);
  if (!backups.ok || !maxBytes.ok || !syslog.ok) ok = false;
  const loc = s.locate(lfKey);
  if (logfile.kind === 'syslog') {
    s.ctx.issues.warn(loc, `=syslog is deprecated; use ${which}_syslog=true`,
      `For [${s.section}], ${lfKey}=syslog but this is deprecated and will be removed.  Use ${which}_syslog=true to enable syslog instead.`);
    logfile = NONE;
    syslog = { ok: true, value: true, raw: undefined };
  }
  if (logfile.kind === 'auto' && maxBytes.ok && maxBytes.value === 0) {
    s.ctx.issues.warn(loc, `AUTO log with ${which}_logfile_maxbytes=0 is never rotated and can fill the disk`,
      `For [${s.section}], AUTO logging used for ${lfKey} without rollover, set maxbytes > 0 to avoid filling up filesystem unintentionally`);
  }
  const channel: ChannelConfig = {
    logfile,
    maxBytes: valueOr(maxBytes, 0),
    backups: valueOr(backups, 0),
    captureMaxBytes: which === 'stdout' ? o.stdoutCapture : o.stderrCapture,
    eventsEnabled: which === 'stdout' ? o.stdoutEvents : o.stderrEvents,
    syslog: valueOr(syslog, false),
  };
  return { channel, ok };
}

/**
 * The processes of one program-like section, or null when any of its options is invalid
 * (every problem has been recorded in ctx.issues by then).
 */
export function processesFromSection(ctx: LoadContext, section: string, groupName: string): ProcessConfig[] | null {
  const sectionFile = ctx.ini.sections.get(section)?.file ?? ctx.mainFile;
  const s = new SectionScope(ctx, section, sectionSuffix(section, sectionFile));
  const programNameR = toProcessOrGroupName(section.slice(section.indexOf(':') + 1));
  if (!programNameR.ok) {
    s.fail('ERR_CONFIG_BAD_NAME', undefined, undefined, section, `invalid section name: expected ${programNameR.expected}, got ${pyRepr(section)} (${programNameR.error})`, programNameR.error);
    return null;
  }
  const programName = programNameR.value;
  // supervisor mutates this one mapping across the whole section, process after process.
  const common = new Map<string, string | number>([
    ['here', ctx.here], ['program_name', programName], ['host_node_name', ctx.hostNodeName], ['group_name', groupName],
  ]);
  const o = readSectionOptions(s, common);
  if (!o) return null;

  const processes: ProcessConfig[] = [];
  let ok = true;
  for (let num = o.numprocsStart; num < o.numprocsStart + o.numprocs; num++) {
    common.set('process_num', num);
    common.set('numprocs', o.numprocs);
    for (const [k, val] of ctx.envExpansions) common.set(k, val);
    const envText = s.expand('environment', o.environment, s.raw('environment'), common, 'environment', false);
    if (!envText.ok) { ok = false; break; }
    const env = s.convert('environment', envText.text ?? '', s.raw('environment'), dictOfKeyValuePairs);
    if (!env.ok) { ok = false; break; }
    for (const [k, val] of Object.entries(env.value)) common.set(`ENV_${k}`, val);
    const directory = s.get('directory', null, common);
    const stdout = readChannel(s, 'stdout', common, o);
    const stderr = readChannel(s, 'stderr', common, o);
    if (!directory.ok || !stdout.ok || !stderr.ok) { ok = false; break; }
    let stderrChannel = stderr.channel;
    if (o.redirectStderr) {
      if (stderrChannel.logfile.kind === 'file') {
        s.ctx.issues.warn(s.locate('stderr_logfile'), 'is ignored because redirect_stderr=true sends stderr to the stdout log',
          `For [${section}], redirect_stderr=true but stderr_logfile has also been set to a filename, the filename has been ignored`);
      }
      stderrChannel = { ...stderrChannel, logfile: NONE };
    }
    const command = s.get('command', null, common);
    if (!command.ok) { ok = false; break; }
    if (command.text === null) {
      s.fail('ERR_CONFIG_MISSING_OPTION', 'command', undefined, undefined, 'this option is required: the program to run',
        `program section ${section} does not specify a command`);
      ok = false;
      break;
    }
    const name = s.expand('process_name', o.processName, s.raw('process_name'), common, 'process_name', false);
    if (!name.ok) { ok = false; break; }
    processes.push({
      name: name.text ?? '', programName, groupName, sectionName: section, command: command.text,
      directory: directory.text, umask: o.umask, priority: o.priority, autostart: o.autostart,
      autorestart: o.autorestart, startSecs: o.startSecs, startRetries: o.startRetries, user: o.user, uid: o.uid,
      stdout: stdout.channel, stderr: stderrChannel, stopSignal: o.stopSignal, stopWaitSecs: o.stopWaitSecs,
      stopAsGroup: o.stopAsGroup, killAsGroup: o.killAsGroup, exitCodes: o.exitCodes, redirectStderr: o.redirectStderr,
      environment: env.value, serverUrl: o.serverUrl, processNum: num, numprocs: o.numprocs,
    });
  }
  if (!ok) return null;
  return sortByPriorityThenName(processes);
}

/** supervisor's Config ordering: priority, then name (Python str comparison = code point order). */
export function sortByPriorityThenName<T extends { priority: number; name: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.priority !== b.priority ? a.priority - b.priority : comparePyStr(a.name, b.name)));
}

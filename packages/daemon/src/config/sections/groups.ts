// Sections → process groups (supervisor options.py process_groups_from_parser):
// [group:x] first, then homogeneous [program:x], [eventlistener:x] and [fcgi-program:x];
// finally sorted by (priority, name).
import { comparePyStr, isEventType, pyIntText, pyRepr } from '@tend/protocol';
import { colonSeparatedUserGroup, nameToUid, toBoolean, toInteger, toListOfStrings, toOctal, toProcessOrGroupName } from '../converters.js';
import { SectionScope, type LoadContext } from '../section-scope.js';
import type { FcgiSocketConfig, GroupConfig, ProcessConfig } from '../types.js';
import { parseFcgiSocket } from './fcgi-socket.js';
import { processesFromSection } from './program.js';

/** result_handler / rpcinterface specs tend implements natively. */
export const KNOWN_RESULT_HANDLERS = ['supervisor.dispatchers:default_handler'];

function validName(s: SectionScope, name: string): string | null {
  const r = toProcessOrGroupName(name);
  if (r.ok) return r.value;
  s.fail('ERR_CONFIG_BAD_NAME', undefined, undefined, name, `invalid section name: expected ${r.expected}, got ${pyRepr(name)} (${r.error})`, r.error);
  return null;
}

function heterogeneousGroups(ctx: LoadContext, sections: string[], exclude: Set<string>): GroupConfig[] {
  const groups: GroupConfig[] = [];
  const here = new Map([['here', ctx.here]]);
  for (const section of sections) {
    if (!section.startsWith('group:')) continue;
    const s = new SectionScope(ctx, section);
    const name = validName(s, section.slice('group:'.length));
    const programs = s.read('programs', null, toListOfStrings, here);
    const priority = s.need('priority', '999', toInteger, here);
    if (name === null || !programs.ok || !priority.ok) continue;
    const processes: ProcessConfig[] = [];
    let ok = true;
    // supervisor reuses its loop variable `section` for each member's section, so an error about a later
    // member names the previous member's section (`[program:x] names unknown program …`). Kept for the text.
    let quotedSection = section;
    for (const program of programs.value ?? []) {
      const programSection = `program:${program}`;
      const fcgiSection = `fcgi-program:${program}`;
      const hasProgram = sections.includes(programSection);
      const hasFcgi = sections.includes(fcgiSection);
      if (!hasProgram && !hasFcgi) {
        s.fail('ERR_CONFIG_RULE', 'programs', undefined, program, `names ${pyRepr(program)}, but there is no [program:${program}] or [fcgi-program:${program}] section`,
          `[${quotedSection}] names unknown program or fcgi-program ${program}`);
        ok = false;
        continue;
      }
      if (hasProgram && hasFcgi) {
        s.fail('ERR_CONFIG_RULE', 'programs', undefined, program, `names ${pyRepr(program)}, which is ambiguous: both [program:${program}] and [fcgi-program:${program}] exist`,
          `[${quotedSection}] name ${program} is ambiguous (exists as program and fcgi-program)`);
        ok = false;
        continue;
      }
      const member = hasProgram ? programSection : fcgiSection;
      quotedSection = member;
      exclude.add(member);
      const procs = processesFromSection(ctx, member, name);
      if (procs) processes.push(...procs);
      else ok = false;
    }
    if (ok) groups.push({ kind: 'process', name, priority: priority.value, processes });
  }
  return groups;
}

function homogeneousGroups(ctx: LoadContext, sections: string[], exclude: Set<string>): GroupConfig[] {
  const groups: GroupConfig[] = [];
  const here = new Map([['here', ctx.here]]);
  for (const section of sections) {
    if (!section.startsWith('program:') || exclude.has(section)) continue;
    const s = new SectionScope(ctx, section);
    const name = validName(s, section.slice('program:'.length));
    if (name === null) continue;
    const priority = s.need('priority', '999', toInteger, here);
    if (!priority.ok) continue;
    const processes = processesFromSection(ctx, section, name);
    if (processes) groups.push({ kind: 'process', name, priority: priority.value, processes });
  }
  return groups;
}

function listenerPools(ctx: LoadContext, sections: string[]): GroupConfig[] {
  const groups: GroupConfig[] = [];
  const here = new Map([['here', ctx.here]]);
  for (const section of sections) {
    if (!section.startsWith('eventlistener:')) continue;
    const s = new SectionScope(ctx, section);
    const name = section.slice('eventlistener:'.length);
    // Listeners default to a high group priority so they start first and stop last.
    const priority = s.need('priority', '-1', toInteger, here);
    const bufferSize = s.need('buffer_size', '10', toInteger, here);
    let ok = priority.ok && bufferSize.ok;
    if (bufferSize.ok && bufferSize.value < 1) {
      s.fail('ERR_CONFIG_BAD_VALUE', 'buffer_size', undefined, String(bufferSize.value), `expected an integer of at least 1, got ${pyIntText(bufferSize.value, s.raw('buffer_size')?.value)}`,
        `[${section}] section sets invalid buffer_size (${pyIntText(bufferSize.value, s.raw('buffer_size')?.value)})`);
      ok = false;
    }
    const handler = s.get('result_handler', KNOWN_RESULT_HANDLERS[0]!, here);
    if (handler.ok && !KNOWN_RESULT_HANDLERS.includes(handler.text ?? '')) {
      s.fail('ERR_CONFIG_BAD_VALUE', 'result_handler', undefined, handler.text ?? '',
        `tend implements only ${KNOWN_RESULT_HANDLERS.join(', ')}, got ${pyRepr(handler.text ?? '')}`,
        `${handler.text} cannot be resolved within [${section}]`);
      ok = false;
    } else if (!handler.ok) ok = false;
    const eventsR = s.read('events', '', toListOfStrings, here);
    const events = eventsR.ok ? [...new Set((eventsR.value ?? []).map((e) => e.toUpperCase()))] : [];
    if (eventsR.ok && events.length === 0) {
      s.fail('ERR_CONFIG_MISSING_OPTION', 'events', undefined, undefined, 'this option is required: a comma-separated list of event types like PROCESS_STATE',
        `[${section}] section requires an "events" line`);
      ok = false;
    }
    for (const e of events) {
      if (!isEventType(e)) {
        s.fail('ERR_CONFIG_BAD_VALUE', 'events', undefined, e, `unknown event type ${pyRepr(e)}; expected names like PROCESS_STATE, TICK_60`,
          `Unknown event type ${e} in [${section}] events`);
        ok = false;
      }
    }
    const redirect = s.need('redirect_stderr', 'false', toBoolean, here);
    if (!redirect.ok) ok = false;
    else if (redirect.value) {
      s.fail('ERR_CONFIG_RULE', 'redirect_stderr', undefined, 'true', 'must be false for an event listener: its stdout is the listener protocol channel',
        `[${section}] section sets redirect_stderr=true but this is not allowed because it will interfere with the eventlistener protocol`);
      ok = false;
    }
    const processes = ok ? processesFromSection(ctx, section, name) : null;
    if (!ok || !processes || !priority.ok || !bufferSize.ok || !handler.ok) continue;
    groups.push({ kind: 'eventlistener', name, priority: priority.value, processes, bufferSize: bufferSize.value, events, resultHandler: handler.text ?? '' });
  }
  return groups;
}

function fcgiGroups(ctx: LoadContext, sections: string[], exclude: Set<string>): GroupConfig[] {
  const groups: GroupConfig[] = [];
  const here = new Map([['here', ctx.here]]);
  for (const section of sections) {
    if (!section.startsWith('fcgi-program:') || exclude.has(section)) continue;
    const s = new SectionScope(ctx, section);
    const name = validName(s, section.slice('fcgi-program:'.length));
    if (name === null) continue;
    const priority = s.need('priority', '999', toInteger, here);
    const user = s.get('user', null, here);
    const uid = user.ok && user.text !== null ? s.convert('user', user.text, user.raw, nameToUid) : null;
    let ok = priority.ok && user.ok && (uid === null || uid.ok);
    const backlog = s.read('socket_backlog', null, toInteger, here);
    if (backlog.ok && backlog.value !== null && (backlog.value < 1 || backlog.value > 65535)) {
      s.fail('ERR_CONFIG_BAD_VALUE', 'socket_backlog', undefined, String(backlog.value), `expected 1 to 65535, got ${pyIntText(backlog.value, s.raw('socket_backlog')?.value)}`, `Invalid socket_backlog value ${pyIntText(backlog.value, s.raw('socket_backlog')?.value)}`);
      ok = false;
    }
    const owner = convertWrapped(s, 'socket_owner', here, colonSeparatedUserGroup, (v) => `Invalid socket_owner value ${v}`);
    const mode = convertWrapped(s, 'socket_mode', here, toOctal, (v) => `Invalid socket_mode value ${v}`);
    const sock = s.get('socket', null, new Map([['program_name', name], ['here', ctx.here]]));
    ok &&= backlog.ok && owner.ok && mode.ok && sock.ok;
    if (sock.ok && !sock.text) {
      s.fail('ERR_CONFIG_MISSING_OPTION', 'socket', undefined, undefined, 'this option is required: unix:///absolute/path or tcp://host:port',
        `[${section}] section requires a "socket" line`);
      ok = false;
    }
    let socket: FcgiSocketConfig | null = null;
    if (ok && sock.ok && sock.text) {
      const parsed = parseFcgiSocket(sock.text, owner.ok ? owner.value : null, mode.ok ? mode.value : null, backlog.ok ? backlog.value : null);
      if (parsed.ok) socket = parsed.value;
      else {
        s.fail('ERR_CONFIG_BAD_VALUE', 'socket', sock.raw, sock.text, `expected ${parsed.expected} (${parsed.error})`, `${parsed.error} in [${section}] socket`);
        ok = false;
      }
    }
    const processes = processesFromSection(ctx, section, name);
    if (!ok || !processes || !socket || !priority.ok) continue;
    groups.push({ kind: 'fcgi', name, priority: priority.value, processes, socket });
  }
  return groups;
}

// An option whose converter error supervisor replaces with its own text (`Invalid socket_mode value X`).
function convertWrapped<T>(s: SectionScope, key: string, exp: Map<string, string>, conv: (v: string) => { ok: true; value: T } | { ok: false; error: string; expected: string }, text: (v: string) => string):
  { ok: true; value: T | null } | { ok: false } {
  const got = s.get(key, null, exp);
  if (!got.ok) return got;
  if (got.text === null) return { ok: true, value: null };
  const r = conv(got.text);
  if (r.ok) return { ok: true, value: r.value };
  s.fail('ERR_CONFIG_BAD_VALUE', key, got.raw, got.text, `expected ${r.expected}, got ${pyRepr(got.text)}`, text(got.text));
  return { ok: false };
}

export function groupsFromSections(ctx: LoadContext): GroupConfig[] {
  const sections = [...ctx.ini.sections.keys()];
  const exclude = new Set<string>();
  const groups = [
    ...heterogeneousGroups(ctx, sections, exclude),
    ...homogeneousGroups(ctx, sections, exclude),
    ...listenerPools(ctx, sections),
    ...fcgiGroups(ctx, sections, exclude),
  ];
  return groups.sort((a, b) => (a.priority !== b.priority ? a.priority - b.priority : comparePyStr(a.name, b.name)));
}

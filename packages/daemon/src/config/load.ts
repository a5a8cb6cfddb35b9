// The config pipeline: read → parse (ini.ts, in @tend/protocol) → [include] → sections → realize,
// collecting every problem in every file (supervisord stops at the first). Pure apart from reading files.
import { hostname } from 'node:os';
import { comparePyStr, createRawIni, expandHere, expandPercent, getRawOption, type IniSyntaxError, parseIniInto, pySplitWhitespace } from '@tend/protocol';
import { pyGlob } from './glob.js';
import { IssueCollector } from './issues.js';
import { isKnownKey, sectionKind, suggestKey } from './known-keys.js';
import { nameToUid } from './converters.js';
import { normalizePath, pyAbspath, pyDirname, pyJoin } from './paths.js';
import { readTextFile } from './read-file.js';
import { SectionScope, type LoadContext } from './section-scope.js';
import { groupsFromSections } from './sections/groups.js';
import { defaultServerUrl, serversFromSections } from './sections/servers.js';
import { readSupervisordSection } from './sections/supervisord.js';
import type { LoadResult, RawIni, SupervisordConfig } from './types.js';

/** Values given on tendd's command line; they win over the file (supervisord's priority 2). */
export type DaemonOverrides = Partial<Omit<SupervisordConfig, 'environment' | 'autoupdate'>>;

export interface LoadOptions {
  /** The main config file, as given with -c (relative paths resolve against cwd). */
  readonly configFile: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly overrides?: DaemonOverrides;
  readonly hostNodeName?: string;
}

/** rpcinterface factories tend implements itself. */
const KNOWN_RPC_FACTORIES = ['supervisor.rpcinterface:make_main_rpcinterface'];
const RPC_FACTORY_KEY = 'supervisor.rpcinterface_factory';

function syntaxIssue(issues: IssueCollector, err: IniSyntaxError): void {
  const first = err.lines[0];
  const what = err.kind === 'no-section-header'
    ? 'expected a [section] header before any option'
    : `expected \`key = value\`, \`key: value\`, a [section] header or a comment; got ${err.lines.map((l) => `line ${l.line}: ${JSON.stringify(l.text)}`).join(', ')}`;
  issues.error(err.kind === 'no-section-header' ? 'ERR_CONFIG_NO_SECTION_HEADER' : 'ERR_CONFIG_SYNTAX',
    { file: err.file, line: first?.line }, what, err.pythonMessage);
}

function readInto(ini: RawIni, issues: IssueCollector, path: string, name: string): boolean {
  const text = readTextFile(path);
  if (!text.ok) {
    const code = text.reason === 'missing' ? 'ERR_CONFIG_NOT_FOUND' : text.reason === 'decode' ? 'ERR_CONFIG_ENCODING' : 'ERR_CONFIG_UNREADABLE';
    const detail = text.reason === 'decode' ? `the file is not valid UTF-8 (${text.message})`
      : text.reason === 'missing' ? 'the config file does not exist' : 'the config file cannot be read (permissions, or not a regular file)';
    issues.error(code, { file: name }, detail, text.reason === 'decode' ? text.message : text.message.replace(path, name));
    return false;
  }
  const err = parseIniInto(ini, text.text, name);
  if (err) syntaxIssue(issues, err);
  return err === null;
}

// [include] files= (supervisor read_config): only the main file's section counts.
function readIncludes(ctx: LoadContext, base: string): { files: string[]; patterns: string[] } {
  const { ini, issues } = ctx;
  const files: string[] = [];
  const patterns: string[] = [];
  const result = { files, patterns };
  if (!ini.sections.has('include')) return result;
  expandHere(ini, ctx.here);
  const raw = getRawOption(ini, 'include', 'files');
  if (!raw) {
    const sec = ini.sections.get('include')!;
    issues.error('ERR_CONFIG_MISSING_OPTION', { file: sec.file, line: sec.line, section: 'include', key: 'files' },
      'this option is required: whitespace-separated globs such as conf.d/*.conf', '.ini file has [include] section, but no files setting');
    return result;
  }
  const mapping = new Map<string, string | number>([['here', ctx.here], ['host_node_name', ctx.hostNodeName], ...ctx.envExpansions]);
  const expanded = expandPercent(raw.value, mapping, 'include.files');
  if (!expanded.ok) {
    issues.error('ERR_CONFIG_EXPANSION', { file: raw.file, line: raw.line, section: 'include', key: 'files', value: raw.value },
      `${expanded.error}; expected ${expanded.expected}`, expanded.error);
    return result;
  }
  for (const p of pySplitWhitespace(expanded.value)) {
    const pattern = pyJoin(base, p);
    patterns.push(pattern);
    const matches = pyGlob(pattern).sort(comparePyStr);
    if (matches.length === 0) {
      issues.warn({ file: raw.file, line: raw.line, section: 'include', key: 'files' }, `no file matches ${JSON.stringify(pattern)}`,
        `No file matches via include "${pattern}"`);
      continue;
    }
    for (const file of matches) {
      issues.info(`Included extra file "${file}" during parsing`);
      const text = readTextFile(file);
      // RawConfigParser.read() silently skips a file it cannot open (a directory, no permission).
      if (!text.ok && text.reason !== 'decode') continue;
      files.push(file);
      if (readInto(ini, issues, file, file)) expandHere(ini, pyAbspath(pyDirname(file), '/'));
    }
  }
  return result;
}

function warnUnknownKeys(ctx: LoadContext): void {
  for (const sec of ctx.ini.sections.values()) {
    const kind = sectionKind(sec.name);
    if (kind === null) continue;
    for (const [key, raw] of sec.values) {
      if (isKnownKey(kind, key)) continue;
      const guess = suggestKey(kind, key);
      ctx.issues.warn({ file: raw.file, line: raw.line, section: sec.name, key },
        `unknown option, ignored${guess ? `; did you mean ${guess}?` : ''}`);
    }
  }
}

// [rpcinterface:x] (supervisor get_plugins): the factory is required, and every other option is expanded.
function readRpcInterfaces(ctx: LoadContext): string[] {
  const names: string[] = [];
  for (const section of ctx.ini.sections.keys()) {
    if (!section.startsWith('rpcinterface:')) continue;
    const s = new SectionScope(ctx, section);
    const factory = s.get(RPC_FACTORY_KEY, null, new Map());
    if (factory.ok && factory.text === null) {
      s.fail('ERR_CONFIG_MISSING_OPTION', RPC_FACTORY_KEY, undefined, undefined, 'this option is required, e.g. supervisor.rpcinterface:make_main_rpcinterface',
        `section [${section}] does not specify a ${RPC_FACTORY_KEY}`);
      continue;
    }
    if (!factory.ok) continue;
    for (const key of new Set([...ctx.ini.defaults.keys(), ...ctx.ini.sections.get(section)!.values.keys()])) {
      if (key !== RPC_FACTORY_KEY) s.get(key, null, new Map());
    }
    if (!KNOWN_RPC_FACTORIES.includes(factory.text ?? '')) {
      ctx.issues.warn(s.locate(RPC_FACTORY_KEY), `tend does not load Python RPC plugins; ${JSON.stringify(factory.text)} is ignored`);
      continue;
    }
    names.push(section.slice('rpcinterface:'.length));
  }
  return names;
}

// Issues in reading order: by file (main file first, then includes as read), then by line.
function sortedIssues(issues: IssueCollector, files: readonly string[], mainFile: string): LoadResult {
  const order = (f: string): number => {
    const i = f === mainFile ? 0 : files.indexOf(f);
    return i === -1 ? files.length : i;
  };
  const sorted = [...issues.issues].sort((a, b) => order(a.file) - order(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { ok: false, issues: sorted, warnings: issues.warnings };
}

export function loadConfig(options: LoadOptions): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const issues = new IssueCollector();
  const configAbs = pyAbspath(options.configFile, cwd);
  const here = pyDirname(configAbs);
  const ini = createRawIni();
  const envExpansions = new Map<string, string | number>();
  for (const [k, v] of Object.entries(env)) if (v !== undefined) envExpansions.set(`ENV_${k}`, v);
  const ctx: LoadContext = {
    ini, issues, envExpansions, mainFile: options.configFile, here, hostNodeName: options.hostNodeName ?? hostname(), paths: { cwd, env },
  };

  if (!readInto(ini, issues, configAbs, options.configFile) && !ini.sections.size) {
    return { ok: false, issues: issues.issues, warnings: issues.warnings };
  }
  const included = readIncludes(ctx, here);
  const files = [configAbs, ...included.files];
  warnUnknownKeys(ctx);
  if (issues.hasErrors) return sortedIssues(issues, files, options.configFile);

  if (!ini.sections.has('supervisord')) {
    issues.error('ERR_CONFIG_MISSING_SECTION', { file: options.configFile }, 'a [supervisord] section is required',
      '.ini file does not include supervisord section');
  }
  const sd = readSupervisordSection(ctx, env);
  const rpcInterfaces = readRpcInterfaces(ctx);
  const groups = groupsFromSections(ctx).map((g) => ({
    ...g,
    processes: g.processes.map((p) => ({ ...p, environment: { ...sd.environment, ...p.environment } })),
  }));
  const servers = serversFromSections(ctx, cwd, env);

  // ServerOptions.realize: command-line values win, then the user is checked and paths are made absolute.
  const merged = { ...sd, ...options.overrides };
  if (merged.user !== null) {
    const uid = nameToUid(merged.user);
    if (!uid.ok) {
      const raw = getRawOption(ini, 'supervisord', 'user');
      issues.error('ERR_CONFIG_BAD_VALUE', { file: raw?.file ?? options.configFile, line: raw?.line, section: 'supervisord', key: 'user', value: merged.user },
        `expected ${uid.expected}, got ${JSON.stringify(merged.user)}`, uid.error);
    }
  }
  if (issues.hasErrors) return sortedIssues(issues, files, options.configFile);
  const supervisord: SupervisordConfig = {
    ...merged,
    logfile: merged.logfile === 'syslog' ? 'syslog' : normalizePath(merged.logfile, cwd, env),
    pidfile: normalizePath(merged.pidfile, cwd, env),
  };
  return {
    ok: true,
    config: {
      configFile: configAbs, here, files, includePatterns: included.patterns, supervisord, servers, rpcInterfaces, groups,
      serverUrl: defaultServerUrl(servers),
    },
    warnings: issues.warnings,
    infos: issues.infos,
  };
}

// The [supervisorctl] section, read as supervisor's ClientOptions.read_config does (spec §2.4):
// serverurl (default http://localhost:9001; `%(here)s` and `%(ENV_X)s` expanded; a unix:// path
// made absolute), prompt, username, password (`%(ENV_X)s` only), history_file (`here` too,
// made absolute). A missing section, an unreadable file or a bad expansion is a usage error.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createRawIni, expandPercent, getRawOption, parseIniInto } from '@tend/protocol';
import type { RawIni } from '@tend/protocol';

export interface CtlFileConfig {
  readonly serverurl: string;
  readonly prompt: string;
  readonly username: string | null;
  readonly password: string | null;
  readonly historyFile: string | null;
}

export type CtlConfigResult = { readonly ok: true; readonly config: CtlFileConfig } | { readonly ok: false; readonly message: string };

export interface ReadEnv {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

// os.path.normpath(os.path.abspath(os.path.expanduser(v))).
export function normalizePath(v: string, cwd: string, env: ReadEnv['env']): string {
  let p = v;
  if (p === '~' || p.startsWith('~/')) p = (env['HOME'] ?? homedir()) + p.slice(1);
  return resolve(cwd, p);
}

class ExpandError extends Error {}

function readSection(ini: RawIni, here: string, readEnv: ReadEnv): CtlFileConfig {
  const envNames = new Map<string, string>();
  for (const [k, v] of Object.entries(readEnv.env)) if (v !== undefined) envNames.set(`ENV_${k}`, v);
  const withHere = new Map([...envNames, ['here', here]]);
  const get = (key: string, fallback: string | null, names: ReadonlyMap<string, string>): string | null => {
    const value = getRawOption(ini, 'supervisorctl', key)?.value ?? fallback;
    if (value === null) return null;
    const expanded = expandPercent(value, names, `supervisorctl.${key}`);
    if (!expanded.ok) throw new ExpandError(expanded.error);
    return expanded.value;
  };
  let serverurl = get('serverurl', 'http://localhost:9001', withHere)!;
  if (serverurl.startsWith('unix://')) serverurl = `unix://${normalizePath(serverurl.slice(7), readEnv.cwd, readEnv.env)}`;
  const prompt = get('prompt', 'supervisor', envNames)!;
  const username = get('username', null, envNames);
  const password = get('password', null, envNames);
  const history = get('history_file', null, withHere);
  return { serverurl, prompt, username, password, historyFile: history ? normalizePath(history, readEnv.cwd, readEnv.env) : null };
}

export function readCtlConfig(file: string, readEnv: ReadEnv): CtlConfigResult {
  const here = dirname(normalizePath(file, readEnv.cwd, readEnv.env));
  if (!existsSync(resolve(readEnv.cwd, file))) return { ok: false, message: `could not find config file ${file}` };
  let text: string;
  try {
    text = readFileSync(resolve(readEnv.cwd, file), 'utf8');
  } catch {
    return { ok: false, message: `could not read config file ${file}` };
  }
  const ini = createRawIni();
  const syntaxError = parseIniInto(ini, text, file);
  if (syntaxError !== null) return { ok: false, message: syntaxError.pythonMessage };
  if (!ini.sections.has('supervisorctl')) return { ok: false, message: '.ini file does not include supervisorctl section' };
  try {
    return { ok: true, config: readSection(ini, here, readEnv) };
  } catch (err) {
    if (err instanceof ExpandError) return { ok: false, message: err.message };
    throw err;
  }
}

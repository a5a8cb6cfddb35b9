// [inet_http_server*] and [unix_http_server*] (supervisor options.py server_configs_from_parser).
import { pyRepr, pyStrip } from '@tend/protocol';
import { colonSeparatedUserGroup, toInetAddress, toOctal } from '../converters.js';
import { normalizePath } from '../paths.js';
import { SectionScope, type LoadContext } from '../section-scope.js';
import type { ServerConfig } from '../types.js';

const NO_EXTRA = new Map<string, string>();

function serverSections(ctx: LoadContext, prefix: string): [string | null, string][] {
  return [...ctx.ini.sections.keys()].filter((s) => s.startsWith(prefix)).map((s) => {
    const i = s.indexOf(':');
    return [i === -1 ? null : s.slice(i + 1), s];
  });
}

function credentials(s: SectionScope): { username: string | null; password: string | null } | null {
  const username = s.get('username', null, NO_EXTRA);
  const password = s.get('password', null, NO_EXTRA);
  if (!username.ok || !password.ok) return null;
  if ((username.text === null) !== (password.text === null)) {
    const missing = username.text === null ? 'username' : 'password';
    s.fail('ERR_CONFIG_RULE', missing, undefined, undefined, `is required when ${missing === 'username' ? 'password' : 'username'} is set (both or neither)`,
      `Section [${s.section}] contains incomplete authentication: If a username or a password is specified, both the username and password must be specified`);
    return null;
  }
  return { username: username.text, password: password.text };
}

export function serversFromSections(ctx: LoadContext, cwd: string, env: Readonly<Record<string, string | undefined>>): ServerConfig[] {
  const configs: ServerConfig[] = [];
  for (const [name, section] of serverSections(ctx, 'inet_http_server')) {
    const s = new SectionScope(ctx, section);
    const creds = credentials(s);
    const port = s.get('port', null, NO_EXTRA);
    if (port.ok && port.text === null) {
      s.fail('ERR_CONFIG_MISSING_OPTION', 'port', undefined, undefined, 'this option is required: PORT, HOST:PORT or *:PORT', `section [${section}] has no port value`);
      continue;
    }
    if (!port.ok || port.text === null) continue;
    const addr = s.convert('port', port.text, port.raw, toInetAddress);
    if (!creds || !addr.ok) continue;
    configs.push({ family: 'inet', name, section, host: addr.value.host, port: addr.value.port, ...creds });
  }
  for (const [name, section] of serverSections(ctx, 'unix_http_server')) {
    const s = new SectionScope(ctx, section);
    const file = s.get('file', null, new Map([['here', ctx.here]]));
    if (file.ok && file.text === null) {
      s.fail('ERR_CONFIG_MISSING_OPTION', 'file', undefined, undefined, 'this option is required: the path of the control socket', `section [${section}] has no file value`);
      continue;
    }
    const creds = credentials(s);
    let chown: readonly [number, number] = [-1, -1];
    let chmod = 0o700;
    let ok = file.ok && creds !== null;
    const chownGot = s.get('chown', null, NO_EXTRA);
    if (chownGot.ok && chownGot.text !== null) {
      const r = colonSeparatedUserGroup(chownGot.text);
      if (r.ok) chown = r.value;
      else {
        s.fail('ERR_CONFIG_BAD_VALUE', 'chown', chownGot.raw, chownGot.text, `expected user or user:group that exists, got ${pyRepr(chownGot.text)}`, `Invalid sockchown value ${chownGot.text}`);
        ok = false;
      }
    } else if (!chownGot.ok) ok = false;
    const chmodGot = s.get('chmod', null, NO_EXTRA);
    if (chmodGot.ok && chmodGot.text !== null) {
      const r = toOctal(chmodGot.text);
      if (r.ok) chmod = r.value;
      else {
        s.fail('ERR_CONFIG_BAD_VALUE', 'chmod', chmodGot.raw, chmodGot.text, `expected an octal mode like 0700, got ${pyRepr(chmodGot.text)}`, `Invalid chmod value ${chmodGot.text}`);
        ok = false;
      }
    } else if (!chmodGot.ok) ok = false;
    if (!ok || !file.ok || file.text === null || creds === null) continue;
    configs.push({ family: 'unix', name, section, file: normalizePath(pyStrip(file.text), cwd, env), chmod, chown, ...creds });
  }
  return configs;
}

/** SUPERVISOR_SERVER_URL for children: the first unix server, else the last inet server. */
export function defaultServerUrl(servers: readonly ServerConfig[]): string | null {
  const unix = servers.find((s) => s.family === 'unix');
  if (unix?.family === 'unix') return `unix://${unix.file}`;
  // ServerOptions.realize's inet loop has no `break`: the LAST inet server wins (spec §2.3 says first).
  const inet = servers.filter((s) => s.family === 'inet').at(-1);
  if (inet?.family === 'inet') return `http://${inet.host || 'localhost'}:${inet.port}`;
  return null;
}

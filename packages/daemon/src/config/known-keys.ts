// The options supervisord reads in each kind of section, plus tend's own extension keys.
// A key that is neither gets a warning with a did-you-mean suggestion (supervisord ignores it silently).

const CHANNEL_KEYS = ['logfile', 'logfile_maxbytes', 'logfile_backups', 'capture_maxbytes', 'events_enabled', 'syslog'];

const PROGRAM_KEYS = [
  'command', 'process_name', 'numprocs', 'numprocs_start', 'priority', 'autostart', 'startsecs',
  'startretries', 'autorestart', 'exitcodes', 'stopsignal', 'stopwaitsecs', 'stopasgroup', 'killasgroup',
  'user', 'redirect_stderr', 'environment', 'directory', 'umask', 'serverurl',
  ...CHANNEL_KEYS.map((k) => `stdout_${k}`),
  ...CHANNEL_KEYS.map((k) => `stderr_${k}`),
];

/** Keys tend reserves for its own extensions, per section kind. supervisord ignores them. */
export const TEND_EXTENSION_KEYS: Readonly<Record<string, readonly string[]>> = {
  supervisord: ['autoupdate'],
  program: [],
};

const KNOWN: Readonly<Record<string, readonly string[]>> = {
  supervisord: [
    'logfile', 'logfile_maxbytes', 'logfile_backups', 'loglevel', 'pidfile', 'umask', 'nodaemon', 'silent',
    'minfds', 'minprocs', 'nocleanup', 'childlogdir', 'user', 'directory', 'strip_ansi', 'environment',
    'identifier', 'profile_options',
  ],
  unix_http_server: ['file', 'chmod', 'chown', 'username', 'password'],
  inet_http_server: ['port', 'username', 'password'],
  supervisorctl: ['serverurl', 'username', 'password', 'prompt', 'history_file'],
  include: ['files'],
  group: ['programs', 'priority'],
  program: PROGRAM_KEYS,
  eventlistener: [...PROGRAM_KEYS, 'events', 'buffer_size', 'result_handler'],
  'fcgi-program': [...PROGRAM_KEYS, 'socket', 'socket_backlog', 'socket_owner', 'socket_mode'],
};

/** The section kind that decides which keys are known, or null when any key is allowed (plugins) or the section is ignored. */
export function sectionKind(section: string): string | null {
  if (section === 'supervisord' || section === 'supervisorctl' || section === 'include') return section;
  if (section.startsWith('unix_http_server')) return 'unix_http_server';
  if (section.startsWith('inet_http_server')) return 'inet_http_server';
  for (const prefix of ['program', 'group', 'eventlistener', 'fcgi-program']) {
    if (section.startsWith(`${prefix}:`)) return prefix;
  }
  return null;
}

export function isKnownKey(kind: string, key: string): boolean {
  return (KNOWN[kind]?.includes(key) ?? false) || (TEND_EXTENSION_KEYS[kind]?.includes(key) ?? false);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest known key within an edit distance of 2 (or a prefix match), for "did you mean". */
export function suggestKey(kind: string, key: string): string | null {
  const candidates = [...(KNOWN[kind] ?? []), ...(TEND_EXTENSION_KEYS[kind] ?? [])];
  let best: string | null = null;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(key, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

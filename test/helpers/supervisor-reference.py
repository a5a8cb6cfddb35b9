#!/usr/bin/python3
# The reference side of the config differential test: supervisor 4.2.5's own reading of a
# config file, dumped in the ComparableConfig shape of
# packages/daemon/src/config/comparable.ts (toComparable).
#
# stdin:  a JSON list of cases {"configFile": str, "cwd": str, "env"?: {str: str}}
# stdout: a JSON list, one entry per case, in order:
#   {"error": "<text supervisord prints after 'Error: '>"}
#   or {"config": <ComparableConfig>, "warnings": [parse_warnings], "infos": [parse_infos]}
#   (a case that crashes supervisor itself gives {"crash": "<traceback>"}).
#
# Every case is read in this one process, each by a fresh ServerOptions, exactly as
# supervisord's main() does: ServerOptions().realize(args=['-c', configFile]) with the
# process chdir'd to the case's cwd (relative logfile/pidfile/socket paths resolve against
# it). When "env" is given, os.environ is replaced by it for the case, so the ENV_*
# expansions and the "Available names" lists in errors are the same on both sides of the
# test. Must run under /usr/bin/python3 (the interpreter the Debian supervisor package uses).
import io
import json
import os
import socket
import sys
import tempfile
import traceback

from supervisor.datatypes import (
    Automatic,
    RestartUnconditionally,
    RestartWhenExitUnexpected,
)
from supervisor.events import EventTypes, getEventNameByType
from supervisor.options import (
    EventListenerPoolConfig,
    FastCGIGroupConfig,
    ProcessGroupConfig,
    ServerOptions,
)

DEFAULT_RESULT_HANDLER = 'supervisor.dispatchers:default_handler'


class UsageCalled(Exception):
    """Raised instead of supervisord's usage() → exit(2); carries the message."""


class ResolvedSpec(object):
    """What import_spec returns here: the real object plus the spec text it came from.

    Supervisor keeps only the imported callable for result_handler; the comparable shape
    wants the spec string, so the string is kept alongside it.
    """

    def __init__(self, obj, spec):
        self.obj = obj
        self.spec = spec

    def __call__(self, *args, **kwargs):
        return self.obj(*args, **kwargs)


def make_options():
    opts = ServerOptions()
    stderr = io.StringIO()
    opts.stderr = stderr
    opts.stdout = io.StringIO()

    def usage(msg):
        raise UsageCalled(str(msg))

    def exit_(code=0):
        raise UsageCalled('exit(%r) called; stderr: %s' % (code, stderr.getvalue()))

    original_import_spec = opts.import_spec

    def import_spec(spec):
        return ResolvedSpec(original_import_spec(spec), spec)

    opts.usage = usage
    opts.exit = exit_
    opts.import_spec = import_spec
    return opts


def flag(value):
    # supervisor stores flags as 0/1 (CLI defaults) or True/False (config values)
    return bool(value)


def logfile_value(value):
    if value is None:
        return None
    if value is Automatic:
        return 'AUTO'
    return str(value)


def autorestart_value(value):
    if value is RestartUnconditionally:
        return 'true'
    if value is RestartWhenExitUnexpected:
        return 'unexpected'
    if value is False:
        return 'false'
    raise TypeError('unexpected autorestart value %r' % (value,))


def process_value(p):
    return {
        'name': p.name,
        'uid': p.uid,
        'command': p.command,
        'directory': p.directory,
        'umask': p.umask,
        'priority': p.priority,
        'autostart': flag(p.autostart),
        'autorestart': autorestart_value(p.autorestart),
        'startsecs': p.startsecs,
        'startretries': p.startretries,
        'stdout_logfile': logfile_value(p.stdout_logfile),
        'stdout_capture_maxbytes': p.stdout_capture_maxbytes,
        'stdout_events_enabled': flag(p.stdout_events_enabled),
        'stdout_syslog': flag(p.stdout_syslog),
        'stdout_logfile_backups': p.stdout_logfile_backups,
        'stdout_logfile_maxbytes': p.stdout_logfile_maxbytes,
        'stderr_logfile': logfile_value(p.stderr_logfile),
        'stderr_capture_maxbytes': p.stderr_capture_maxbytes,
        'stderr_logfile_backups': p.stderr_logfile_backups,
        'stderr_logfile_maxbytes': p.stderr_logfile_maxbytes,
        'stderr_events_enabled': flag(p.stderr_events_enabled),
        'stderr_syslog': flag(p.stderr_syslog),
        'stopsignal': int(p.stopsignal),
        'stopwaitsecs': p.stopwaitsecs,
        'stopasgroup': flag(p.stopasgroup),
        'killasgroup': flag(p.killasgroup),
        'exitcodes': list(p.exitcodes),
        'redirect_stderr': flag(p.redirect_stderr),
        'environment': dict(p.environment or {}),
        'serverurl': p.serverurl,
    }


def result_handler_spec(handler):
    if isinstance(handler, ResolvedSpec):
        return handler.spec
    from supervisor import dispatchers
    if handler is dispatchers.default_handler:
        return DEFAULT_RESULT_HANDLER
    raise TypeError('cannot name result_handler %r' % (handler,))


def event_name(event_type):
    name = getEventNameByType(event_type)
    if name is None:
        raise TypeError('unknown event type %r' % (event_type,))
    return name


def group_value(g):
    # FastCGIGroupConfig is a ProcessGroupConfig subclass: test it first
    if isinstance(g, FastCGIGroupConfig):
        kind = 'fcgi'
    elif isinstance(g, EventListenerPoolConfig):
        kind = 'eventlistener'
    elif isinstance(g, ProcessGroupConfig):
        kind = 'process'
    else:
        raise TypeError('unknown group config %r' % (g,))
    out = {
        'kind': kind,
        'name': g.name,
        'priority': g.priority,
        'processes': [process_value(p) for p in g.process_configs],
    }
    if kind == 'eventlistener':
        out['buffer_size'] = g.buffer_size
        out['pool_events'] = sorted(event_name(e) for e in g.pool_events)
        out['result_handler'] = result_handler_spec(g.result_handler)
    if kind == 'fcgi':
        out['socket'] = str(g.socket_config.url)
    return out


def server_value(s):
    if s['family'] == socket.AF_UNIX:
        return {
            'family': 'unix',
            'name': s['name'],
            'section': s['section'],
            'file': s['file'],
            'chmod': s['chmod'],
            'chown': list(s['chown']),
            'username': s['username'],
            'password': s['password'],
        }
    if s['family'] == socket.AF_INET:
        return {
            'family': 'inet',
            'name': s['name'],
            'section': s['section'],
            'host': s['host'],
            'port': s['port'],
            'username': s['username'],
            'password': s['password'],
        }
    raise TypeError('unknown server family %r' % (s['family'],))


def comparable(opts):
    root = opts.configroot.supervisord
    return {
        'supervisord': {
            'logfile': opts.logfile,
            'logfile_maxbytes': opts.logfile_maxbytes,
            'logfile_backups': opts.logfile_backups,
            'loglevel': opts.loglevel,
            'pidfile': opts.pidfile,
            'umask': opts.umask,
            'nodaemon': flag(opts.nodaemon),
            'silent': flag(opts.silent),
            'minfds': opts.minfds,
            'minprocs': opts.minprocs,
            'nocleanup': flag(opts.nocleanup),
            'childlogdir': opts.childlogdir,
            'user': opts.user,
            'directory': opts.directory,
            'strip_ansi': flag(opts.strip_ansi),
            'environment': dict(root.environment),
            'identifier': root.identifier,
        },
        'server_configs': [server_value(s) for s in opts.server_configs],
        'groups': [group_value(g) for g in opts.process_group_configs],
        'serverurl': opts.serverurl,
    }


def run_case(case):
    config_file = case['configFile']
    opts = make_options()
    try:
        opts.realize(args=['-c', config_file])
    except UsageCalled as e:
        return {'error': str(e)}
    return {
        'config': comparable(opts),
        'warnings': list(opts.parse_warnings),
        'infos': list(opts.parse_infos),
    }


def isolated(case):
    """Run one case with its own cwd, environment and module state; restore them after."""
    saved_cwd = os.getcwd()
    saved_env = dict(os.environ)
    saved_tempdir = tempfile.tempdir
    saved_events = dict(EventTypes.__dict__)
    try:
        env = case.get('env')
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        # gettempdir() caches its answer; the default childlogdir must follow this case's TMPDIR
        tempfile.tempdir = None
        os.chdir(case['cwd'])
        return run_case(case)
    except Exception:
        return {'crash': traceback.format_exc()}
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        tempfile.tempdir = saved_tempdir
        # rpcinterface factories may register event types; undo that
        for name in list(EventTypes.__dict__):
            if name not in saved_events:
                delattr(EventTypes, name)


def main():
    cases = json.load(sys.stdin)
    if not isinstance(cases, list):
        raise SystemExit('expected a JSON list of cases on stdin')
    results = [isolated(case) for case in cases]
    json.dump(results, sys.stdout, ensure_ascii=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()

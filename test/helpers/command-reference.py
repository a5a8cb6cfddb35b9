"""Reference for test/integration/daemon/process/command-vs-python.test.ts.

Reads a JSON list of command strings on stdin and, for each, runs the first step of supervisor's
Subprocess.get_execv_args (shlex.split, BadCommand texts) through a Subprocess whose config holds
that command. Prints a JSON list of {"ok": true, "argv": [...]} or {"ok": false, "error": str}.
"""
import json
import sys

from supervisor.process import Subprocess
from supervisor.process import BadCommand


class _StopBeforeStat(Exception):
    pass


class _Options:
    def stat(self, filename):
        raise _StopBeforeStat()


class _Config:
    def __init__(self, command):
        self.command = command
        self.options = _Options()

    def get_path(self):
        return ["/nonexistent"]


def run(command):
    import shlex

    proc = Subprocess.__new__(Subprocess)
    proc.config = _Config(command)
    try:
        proc.get_execv_args()
    except BadCommand as exc:
        return {"ok": False, "error": exc.args[0]}
    except Exception:
        pass
    # get_execv_args got past shlex.split; its argv is exactly shlex.split(command).
    return {"ok": True, "argv": shlex.split(command)}


def main():
    commands = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
    sys.stdout.write(json.dumps([run(command) for command in commands]))


if __name__ == "__main__":
    main()

"""Reference for test/integration/daemon/config/converters-vs-python.test.ts.

Reads a JSON list of cases {"fn": str, "input": str | int, "home"?: str | null} on stdin, runs
the supervisor.datatypes function named by "fn" on "input" (with $HOME set to "home", or unset
when it is null, for the cases that give it) and prints a JSON list, one entry per case:
  {"value": <the value in tend's shape>}  (ints as {"int": "<hex()>"}, exact at any size)
  {"error": str(ValueError)}               (or of the OverflowError grp.getgrgid raises for
                                            gids out of range, which name_to_gid lets through)
  {"exception": "<type>: <text>"}           (anything else supervisor raised)
Must run under /usr/bin/python3 (the interpreter the Debian supervisor package uses).
"""
import json
import os
import sys

from supervisor import datatypes
from supervisor.options import signame


def encode(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        # hex(): str() of an int over 4300 digits raises (byte_size can make one).
        return {"int": hex(int(value))}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return {"unexpected": repr(value)}


def logfile(value):
    if value is None:
        return {"kind": "none"}
    if value is datatypes.Automatic:
        return {"kind": "auto"}
    if value is datatypes.Syslog:
        return {"kind": "syslog"}
    return {"kind": "file", "path": value}


def auto_restart(value):
    if value is datatypes.RestartUnconditionally:
        return "true"
    if value is datatypes.RestartWhenExitUnexpected:
        return "unexpected"
    return "false" if value is False else {"unexpected": repr(value)}


def gid_for_uid(uid):
    try:
        return datatypes.gid_for_uid(uid)
    except KeyError:
        return None


FUNCTIONS = {
    "boolean": datatypes.boolean,
    "integer": datatypes.integer,
    "byte_size": datatypes.byte_size,
    "octal_type": datatypes.octal_type,
    "signal_number": datatypes.signal_number,
    "signame": signame,
    "list_of_exitcodes": datatypes.list_of_exitcodes,
    "list_of_strings": datatypes.list_of_strings,
    "logging_level": datatypes.logging_level,
    "existing_directory": datatypes.existing_directory,
    "existing_dirpath": datatypes.existing_dirpath,
    "expanduser": os.path.expanduser,
    "logfile_name": lambda v: logfile(datatypes.logfile_name(v)),
    "auto_restart": lambda v: auto_restart(datatypes.auto_restart(v)),
    "name_to_uid": datatypes.name_to_uid,
    "name_to_gid": datatypes.name_to_gid,
    "gid_for_uid": gid_for_uid,
    "colon_separated_user_group": datatypes.colon_separated_user_group,
    "port_number": datatypes.port_number,
    "inet_address": lambda v: dict(zip(("host", "port"), encode(datatypes.inet_address(v)))),
    "process_or_group_name": datatypes.process_or_group_name,
    "url": datatypes.url,
    "dict_of_key_value_pairs": lambda v: {"entries": list(datatypes.dict_of_key_value_pairs(v).items())},
}


def run(case):
    if "home" in case:
        if case["home"] is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = case["home"]
    try:
        return {"value": encode(FUNCTIONS[case["fn"]](case["input"]))}
    except (ValueError, OverflowError) as exc:
        return {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        return {"exception": "%s: %s" % (type(exc).__name__, exc)}


def main():
    cases = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
    home = os.environ.get("HOME")
    results = []
    for case in cases:
        results.append(run(case))
        if home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = home
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()

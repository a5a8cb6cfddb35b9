# supervisor 4.2.5's own logging code, for differential tests of packages/daemon/src/logs.
# stdin: a JSON array of cases; stdout: a JSON array with one result per case. Bytes travel
# as hex strings. Run with /usr/bin/python3 (the python that has the supervisor package).
import json
import os
import re
import sys

from supervisor import loggers
from supervisor import options as supervisor_options
from supervisor.dispatchers import stripEscapes
from supervisor.options import readFile, tailFile

# tailFile ends with as_string(data) (strict UTF-8); keep the bytes so any content compares.
supervisor_options.as_string = lambda data: data


def listing(directory):
    out = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), 'rb') as f:
            out[name] = f.read().hex()
    return out


def run(case):
    kind = case['kind']
    if kind == 'strip':
        return {'hex': stripEscapes(bytes.fromhex(case['hex'])).hex()}
    if kind == 'rotate':
        # A child log exactly as POutputDispatcher._init_normallog sets it up.
        directory = case['dir']
        for name, data in case.get('existing', {}).items():
            with open(os.path.join(directory, name), 'wb') as f:
                f.write(bytes.fromhex(data))
        logger = loggers.getLogger()
        loggers.handle_file(logger, filename=os.path.join(directory, case['file']), fmt='%(message)s',
                            rotating=not not case['maxBytes'], maxbytes=case['maxBytes'], backups=case['backups'])
        for chunk in case['chunks']:
            logger.info(bytes.fromhex(chunk))
        logger.close()
        return {'files': listing(directory)}
    if kind == 'read':
        # rpcinterface._readProcessLog: the exists check, then readFile.
        path = case['path']
        if not os.path.exists(path):
            return {'error': 'NO_FILE'}
        try:
            return {'hex': readFile(path, case['offset'], case['length']).hex()}
        except ValueError as e:
            return {'error': e.args[0]}
    if kind == 'tail':
        # rpcinterface._tailProcessLog (as_string is patched out above).
        path = case['path']
        if not os.path.exists(path):
            return {'tail': ['', 0, False]}
        data, offset, overflow = tailFile(path, case['offset'], case['length'])
        return {'tail': [data.hex() if isinstance(data, bytes) else data.encode('utf-8').hex(), offset, overflow]}
    if kind == 'match':
        # options.clear_autochildlogdir's regex, identifier pasted in unescaped.
        try:
            fnre = re.compile(r'.+?---%s-\S+\.log\.{0,1}\d{0,4}' % case['identifier'])
        except re.error as e:
            return {'error': str(e)}
        return {'matches': [bool(fnre.match(name)) for name in case['names']]}
    raise ValueError('unknown case kind %r' % kind)


def main():
    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        try:
            results.append(run(case))
        except Exception as e:  # a bug in this script, reported per case
            results.append({'crash': '%s: %s' % (type(e).__name__, e)})
    json.dump(results, sys.stdout)


main()

#!/usr/bin/env python3
"""Hidden calls inside the loops of Tegula's code in the Wasm build: what TeaVM adds that the
Java source does not show.

TeaVM checks that a class is initialized (an indirect `call_ref` through the class's
`@initializer` global) before a static field of a class with a static initializer is read in an
instance method, or in a method of another class, and on entry to such a class's static
methods; it compiles some library methods (`Integer.compareUnsigned`, `Long.compare`) to calls
into its runtime. Inside a per-sample or per-coefficient loop each is a call per iteration, and
it also stops V8 from keeping fields in registers across it. Session 52 found and removed the
hot ones this way (docs/benchmarks.md, "TeaVM's hidden calls").

Needs the debug build (function names) and binaryen's wasm-dis, which the first run installs
from the npm registry into wasm/target/binaryen (about 100 MB, development only):

    mvn -o -q -B process-classes -pl wasm -Pwasm-debug
    scripts/wasm-hot-loops.py wasm/target/wasm-debug/tegula.wasm [--all]

Lists, per function of Tegula's packages, the class-init checks and runtime calls that sit
inside a loop (`--all`: every call into java.* or org.teavm inside a loop, exception paths
excepted). A check in a loop is not always hot: the loop may run per row or per chunk.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

OURS = re.compile(r'\$dev\.tegula\.')
RUNTIME = re.compile(r'\$(java\.|org\.teavm\.)')
COLD = re.compile(r'String|Exception|Throwable|Class::|getClass|<init>|stringToJs|Objects|'
                  r'fillIn|takeWasm|format|Error|Array<')


BINARYEN = 'binaryen@132.0.0'


def disassemble(module):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    prefix = os.path.join(root, 'wasm', 'target', 'binaryen')
    tool = os.path.join(prefix, 'node_modules', '.bin', 'wasm-dis')
    if not os.path.exists(tool):
        print(f'installing {BINARYEN} into {prefix}', file=sys.stderr)
        subprocess.run(['npm', 'install', '--silent', '--no-save', '--prefix', prefix, BINARYEN],
                       check=True)
    out = tempfile.NamedTemporaryFile(suffix='.wat', delete=False).name
    subprocess.run([tool, module, '-o', out], check=True)
    return out


def scan(wat, every):
    found = collections.Counter()
    name = None
    loops = []
    with open(wat) as f:
        for line in f:
            indent = len(line) - len(line.lstrip(' '))
            s = line.strip()
            if line.startswith(' (func '):
                name = s.split()[1]
                loops = []
                continue
            if s.startswith('(loop'):
                loops.append(indent)
                continue
            if s == ')' and loops and indent == loops[-1]:
                loops.pop()
                continue
            if not loops or not name or not OURS.match(name):
                continue
            init = re.search(r'\$([\w.$]+)@initializer\)', s)
            if init and not COLD.search(init.group(1)):
                found[(name, 'class-init check of ' + init.group(1))] += 1
            elif not init and s.startswith('(call $'):
                callee = s.split()[1]
                if 'compareUnsigned' in callee or (every and RUNTIME.match(callee)
                                                   and not COLD.search(callee)):
                    found[(name, 'call ' + callee)] += 1
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('module')
    parser.add_argument('--all', action='store_true', help='every runtime call in a loop')
    args = parser.parse_args()
    wat = disassemble(args.module)
    try:
        found = scan(wat, args.all)
    finally:
        os.unlink(wat)
    for (function, what), count in sorted(found.items()):
        print(f'{count:3d}  {function[1:]}  {what}')
    print(f'{len(found)} sites', file=sys.stderr)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""What fills tegula.wasm: code bytes per function, summed per Java class, package and
Tegula module, plus data segments, globals and the other sections.

Needs the debug build (its Wasm "name" section names each function; the shipped module is
minified and has none; both hold the same code, the debug one only adds the names):

    mvn -o -q -B process-classes -pl wasm -Pwasm-debug
    scripts/wasm-size.py wasm/target/wasm-debug/tegula.wasm            # summary
    scripts/wasm-size.py wasm/target/wasm-debug/tegula.wasm --top 60 --functions
    scripts/wasm-size.py MODULE --tsv FILE                              # every function, for diffs

"gzip" columns are each group's code bodies concatenated and compressed (zlib level 9) on
their own: a guide to what a group weighs in the shipped gzip, not an exact share of it (the
whole-module figure is Python's zlib too, within about 0.5 % of the gzip -9 command).
Pure Python 3, no packages.
"""
import argparse
import collections
import gzip
import re
import sys


def leb_u(b, p):
    result = shift = 0
    while True:
        x = b[p]
        p += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, p


def leb_s(b, p):
    start = p
    result, p = leb_u(b, p)
    if b[p - 1] & 0x40:  # the sign bit of the last byte
        result -= 1 << (7 * (p - start))
    return result, p


def name(b, p):
    n, p = leb_u(b, p)
    return b[p:p + n].decode('utf-8', 'replace'), p + n


def heaptype(b, p):
    return leb_s(b, p)[1]


def valtype(b, p):
    t = b[p]
    if t in (0x63, 0x64):  # (ref null ht), (ref ht)
        return heaptype(b, p + 1)
    return p + 1


def sections(b):
    assert b[:4] == b'\0asm', 'not a Wasm module'
    p = 8
    while p < len(b):
        sid = b[p]
        size, q = leb_u(b, p + 1)
        yield sid, q, q + size, p
        p = q + size


def imported_functions(b, p, end):
    count, p = leb_u(b, p)
    funcs = []
    for _ in range(count):
        mod, p = name(b, p)
        field, p = name(b, p)
        kind = b[p]
        p += 1
        if kind == 0:
            funcs.append(mod + '.' + field)
            p = leb_u(b, p)[1]
        elif kind == 1:  # table: reftype, limits
            p = valtype(b, p)
            flags = b[p]
            p = leb_u(b, p + 1)[1]
            if flags & 1:
                p = leb_u(b, p)[1]
        elif kind == 2:
            flags = b[p]
            p = leb_u(b, p + 1)[1]
            if flags & 1:
                p = leb_u(b, p)[1]
        elif kind == 3:
            p = valtype(b, p) + 1
        elif kind == 4:
            p = leb_u(b, p + 1)[1]
        else:
            raise ValueError('import kind %d' % kind)
    return funcs


def name_section(b, p, end):
    funcs, data, glob = {}, {}, {}
    while p < end:
        sub = b[p]
        size, p = leb_u(b, p + 1)
        q, stop = p, p + size
        target = {1: funcs, 9: data, 7: glob}.get(sub)
        if target is not None:
            n, q = leb_u(b, q)
            for _ in range(n):
                i, q = leb_u(b, q)
                s, q = name(b, q)
                target[i] = s
        p = stop
    return funcs, data, glob


def data_segments(b, p, end):
    count, p = leb_u(b, p)
    segs = []
    for _ in range(count):
        mode, p = leb_u(b, p)
        if mode == 2:
            p = leb_u(b, p)[1]
        if mode in (0, 2):  # skip the offset expression up to its end opcode
            while b[p] != 0x0B:
                p += 1
            p += 1
        n, p = leb_u(b, p)
        segs.append(bytes(b[p:p + n]))
        p += n
    return segs


SECTION_NAMES = {0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory',
                 6: 'global', 7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data',
                 12: 'datacount', 13: 'tag'}

TEGULA_MODULES = ['core', 'jpeg', 'png', 'metrics', 'tgl', 'transform', 'recompress', 'api',
                  'wasm']


def class_of(fname):
    """TeaVM names methods 'pkg.Class::method' (debug build); the rest are runtime helpers."""
    if fname.startswith('Array<'):
        return '<teavm runtime: arrays>'
    if '::' in fname:
        return fname.split('::')[0]
    base = fname.split('(')[0]
    if '.' not in base or not re.match(r'^[a-z]', base):
        return '<teavm runtime: ' + re.sub(r'[0-9_$]+$', '', base.split('.')[0])[:40] + '>'
    parts = base.split('.')
    # class = parts up to the last one that starts with an upper-case letter
    cls = None
    for i, s in enumerate(parts):
        if s[:1].isupper():
            cls = '.'.join(parts[:i + 1])
    if cls is None:
        return '<teavm runtime: ' + parts[0] + '>'
    return cls


def package_of(cls):
    if cls.startswith('<'):
        return cls
    parts = cls.split('.')
    pk = [s for s in parts if not s[:1].isupper()]
    return '.'.join(pk)


def owner_of(pkg):
    """Tegula module or TeaVM class-library area a package belongs to."""
    if pkg.startswith('dev.tegula.'):
        return 'tegula:' + pkg.split('.')[2]
    if pkg.startswith('<'):
        return 'teavm:runtime'
    if pkg.startswith('org.teavm'):
        return 'teavm:' + '.'.join(pkg.split('.')[:3])
    if pkg.startswith('com.jcraft.jzlib'):  # TeaVM's java.util.zip Inflater/Deflater are jzlib
        return 'classlib:java.util.zip (jzlib)'
    if pkg.startswith('java.') or pkg.startswith('javax.'):
        return 'classlib:' + pkg
    return 'other:' + pkg


def gz(chunks):
    return len(gzip.compress(b''.join(chunks), 9))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('wasm')
    ap.add_argument('--top', type=int, default=25)
    ap.add_argument('--functions', action='store_true', help='also list the biggest functions')
    ap.add_argument('--tsv', help='write bytes<TAB>function for every function to this file')
    ap.add_argument('--grep', help='only list functions/classes matching this regex')
    a = ap.parse_args()
    b = open(a.wasm, 'rb').read()

    secs = {}
    imports, fnames, dnames, bodies, segs = [], {}, {}, [], []
    for sid, p, end, start in sections(b):
        label = SECTION_NAMES.get(sid, str(sid))
        if sid == 0:
            cname, _ = name(b, p)
            label = 'custom:' + cname
            if cname == 'name':
                q = name(b, p)[1]
                fnames, dnames, _ = name_section(b, q, end)
        elif sid == 2:
            imports = imported_functions(b, p, end)
        elif sid == 10:
            n, q = leb_u(b, p)
            for _ in range(n):
                size, q = leb_u(b, q)
                bodies.append(bytes(b[q:q + size]))
                q += size
        elif sid == 11:
            segs = data_segments(b, p, end)
        secs[label] = secs.get(label, 0) + (end - start)

    total = len(b)
    print('%s: %d bytes raw, %d gzip -9' % (a.wasm, total, len(gzip.compress(b, 9))))
    print('\n== sections (bytes, incl. header)')
    for k, v in sorted(secs.items(), key=lambda kv: -kv[1]):
        print('%10d %5.1f%%  %s' % (v, 100.0 * v / total, k))
    if not fnames:
        print('\n(no name section: build with -Pwasm-debug for the per-function breakdown)')
        return

    nimp = len(imports)
    funcs = []
    for i, body in enumerate(bodies):
        fn = fnames.get(nimp + i, 'f%d' % (nimp + i))
        funcs.append((fn, body))

    if a.tsv:
        with open(a.tsv, 'w') as f:
            for fn, body in funcs:
                f.write('%d\t%s\n' % (len(body), fn))

    def table(title, key, top):
        groups = collections.defaultdict(list)
        for fn, body in funcs:
            groups[key(fn)].append(body)
        rows = sorted(groups.items(), key=lambda kv: -sum(map(len, kv[1])))
        code = sum(len(x) for _, x in funcs)
        print('\n== %s (code bytes, %% of code, functions, gzip of the group alone)' % title)
        for k, bs in rows[:top]:
            if a.grep and not re.search(a.grep, k):
                continue
            s = sum(map(len, bs))
            print('%9d %5.1f%% %5d %8d  %s' % (s, 100.0 * s / code, len(bs), gz(bs), k))
        if len(rows) > top:
            rest = [x for _, bs in rows[top:] for x in bs]
            print('%9d %5.1f%% %5d %8s  (%d more)' % (sum(map(len, rest)),
                  100.0 * sum(map(len, rest)) / code, len(rest), '', len(rows) - top))

    code = sum(len(x) for _, x in funcs)
    print('\n== code: %d functions, %d bytes of bodies, %d gzip alone' %
          (len(funcs), code, gz([x for _, x in funcs])))
    table('by owner (Tegula module / TeaVM class-library package)',
          lambda fn: owner_of(package_of(class_of(fn))), 60)
    sides = collections.defaultdict(list)
    for fn, body in funcs:
        owner = owner_of(package_of(class_of(fn)))
        sides['Tegula' if owner.startswith('tegula:') else 'TeaVM (class library + runtime)'
              ].append(body)
    print('\n== Tegula vs TeaVM (code bytes, gzip of the group alone)')
    for k, bs in sorted(sides.items()):
        print('%9d %5.1f%% %8d  %s' % (sum(map(len, bs)), 100.0 * sum(map(len, bs)) / code,
                                      gz(bs), k))
    table('by package', lambda fn: package_of(class_of(fn)), a.top)
    table('by class', class_of, a.top)
    if a.functions:
        print('\n== biggest functions (code bytes)')
        for fn, body in sorted(funcs, key=lambda x: -len(x[1]))[:a.top]:
            if a.grep and not re.search(a.grep, fn):
                continue
            print('%9d  %s' % (len(body), fn))

    if segs:
        print('\n== data: %d segments, %d bytes, %d gzip alone' %
              (len(segs), sum(map(len, segs)), gz(segs)))
        for i, s in sorted(enumerate(segs), key=lambda x: -len(x[1]))[:min(a.top, 15)]:
            preview = re.sub(rb'[^ -~]', b'.', s[:60]).decode()
            print('%9d  %s  %s' % (len(s), dnames.get(i, '#%d' % i), preview))


if __name__ == '__main__':
    main()

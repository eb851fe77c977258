#!/usr/bin/env python3
"""Writes rgb-gamma18.icc: an ICC version 4.3 RGB display profile with sRGB's colourants adapted
to D50 and one parametric curve Y = X^1.8 for the three channels (as Apple's old RGB profiles
had). Far from sRGB's tone curve, so a browser that colour-manages renders its grey levels
visibly different from the numbers in the file. Byte for byte what GreyProfileTest.rgbProfile
builds for the same arguments (GreyProfileTest checks it)."""
import struct

SRGB_D50 = [(0x6FA4, 0x38F6, 0x038F), (0x6296, 0xB787, 0x18DC), (0x24A2, 0x0F83, 0xB6CF)]


def para(gamma):
    return b'para' + bytes(4) + bytes(4) + struct.pack('>I', round(gamma * 65536))


def mluc(text):
    utf16 = text.encode('utf-16-be')
    return b'mluc' + bytes(4) + struct.pack('>II', 1, 12) + b'enUS' + struct.pack(
        '>II', len(utf16), 28) + utf16


def profile(xyz, curves):
    tags = [(b'desc', mluc('Test RGB'))]
    for name, c in zip((b'rXYZ', b'gXYZ', b'bXYZ'), xyz):
        tags.append((name, b'XYZ ' + bytes(4) + struct.pack('>III', *c)))
    for name, c in zip((b'rTRC', b'gTRC', b'bTRC'), curves):
        tags.append((name, c))
    at = 128 + 4 + 12 * len(tags)
    table, data = b'', b''
    for name, d in tags:
        table += name + struct.pack('>II', at, len(d))
        padded = d + bytes(-len(d) % 4)
        data += padded
        at += len(padded)
    header = bytearray(128)
    struct.pack_into('>I', header, 0, at)
    struct.pack_into('>I', header, 8, 0x04300000)
    header[12:24] = b'mntrRGB XYZ '
    header[36:40] = b'acsp'
    struct.pack_into('>III', header, 68, 0xF6D6, 0x10000, 0xD32D)
    return bytes(header) + struct.pack('>I', len(tags)) + table + data


if __name__ == '__main__':
    g = para(1.8)
    with open('rgb-gamma18.icc', 'wb') as f:
        f.write(profile(SRGB_D50, [g, g, g]))

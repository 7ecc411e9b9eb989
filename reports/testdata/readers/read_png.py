"""Reads a PNG with nothing but Python's zlib, checking every chunk, and prints what it sees as JSON.

usage: read_png.py FILE [X,Y ...]
Prints the width, height, colour type and bit depth, how many distinct colours it holds, and the
colour of each pixel asked for as [r, g, b, a]. A broken file (bad signature, chunk CRC, unknown
filter, short data) exits 1 with the reason on stderr.
"""
import json
import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # grey, RGB, grey+alpha, RGBA (8-bit only)


def fail(why):
    print(why, file=sys.stderr)
    sys.exit(1)


def read(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG signature")
    pos, header, idat, ended = 8, None, b"", False
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            fail("bad CRC in chunk %r" % kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            ended = True
            break
        pos += 12 + length
    if header is None or not ended:
        fail("no IHDR or no IEND")
    width, height, depth, ctype, _, _, interlace = header
    if depth != 8 or ctype not in CHANNELS or interlace:
        fail("unsupported PNG: depth %d, colour type %d, interlace %d" % (depth, ctype, interlace))
    n = CHANNELS[ctype]
    raw = zlib.decompress(idat)
    stride = width * n
    if len(raw) != height * (stride + 1):
        fail("image data is %d bytes, want %d" % (len(raw), height * (stride + 1)))
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - n] if i >= n else 0
            b = prev[i]
            c = prev[i - n] if i >= n else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
            elif f != 0:
                fail("unknown filter %d on row %d" % (f, y))
        rows.append(bytes(line))
        prev = line
    return width, height, depth, ctype, n, rows


def pixel(rows, n, x, y):
    p = list(rows[y][x * n:(x + 1) * n])
    if n == 1:
        return [p[0], p[0], p[0], 255]
    if n == 2:
        return [p[0], p[0], p[0], p[1]]
    if n == 3:
        return p + [255]
    return p


def main():
    width, height, depth, ctype, n, rows = read(sys.argv[1])
    colours = set()
    for y in range(0, height, 4):  # every fourth row and column: enough to tell a blank picture
        row = rows[y]
        for x in range(0, width, 4):
            colours.add(row[x * n:(x + 1) * n])
    asked = []
    for arg in sys.argv[2:]:
        x, y = (int(v) for v in arg.split(","))
        asked.append(pixel(rows, n, x, y))
    print(json.dumps({"width": width, "height": height, "depth": depth, "color_type": ctype,
                      "colours": len(colours), "pixels": asked}))


main()

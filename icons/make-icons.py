#!/usr/bin/env python3
"""Draws the Parallax icon (two offset columns of text lines: two outlets'
reports of one event, side by side) as PNGs at 32, 128 and 256 pixels and an
.ico, with the standard library only (zlib + struct), so no image tool is
needed to rebuild them."""
import struct, zlib, os

HERE = os.path.dirname(os.path.abspath(__file__))

def pixel(x, y, n):
    u, v = x / n, y / n
    r = 0.18
    # rounded square background
    cx = min(max(u, r), 1 - r); cy = min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    bg = (28, 42, 74, 255)
    # two columns of "lines"; the right one shifted down: parallax
    for col, shift, colour in ((0.16, 0.0, (240, 200, 80, 255)), (0.54, 0.08, (120, 200, 235, 255))):
        if col <= u <= col + 0.30:
            for row in range(4):
                top = 0.22 + shift + row * 0.15
                if top <= v <= top + 0.07:
                    width = 0.30 if row % 2 == 0 else 0.22
                    if u <= col + width:
                        return colour
    return bg

def png(n):
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x + 0.5, y + 0.5, n)) for x in range(n)) for y in range(n))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")

images = {}
for n in (32, 128, 256):
    images[n] = png(n)
    with open(os.path.join(HERE, f"{n}x{n}.png"), "wb") as f:
        f.write(images[n])
# .ico holding the PNGs (Vista+ format).
sizes = (32, 128, 256)
header = struct.pack("<HHH", 0, 1, len(sizes))
offset = 6 + 16 * len(sizes)
entries = b""; blobs = b""
for n in sizes:
    data = images[n]
    entries += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(data), offset + len(blobs))
    blobs += data
with open(os.path.join(HERE, "icon.ico"), "wb") as f:
    f.write(header + entries + blobs)

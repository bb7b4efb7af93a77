"""Render every PNG and ICO icon from the master drawing, icon.svg, reproducibly.

    .venv/bin/python tools/render_icons.py           # (re)write the files below
    .venv/bin/python tools/render_icons.py --check   # exit 1 if a file is stale

icon.svg is the only drawing: a rounded tile (`#tile`), a hairline that only shows in dark
mode (`#edge`, for the favicon on dark tab strips) and the mark (`#mark`: a line that rises,
dips once, a rejection, and rises higher to a dot). The variants are built from it:

| file                       | px         | drawn as                                        |
| -------------------------- | ---------- | ----------------------------------------------- |
| icon-192.png, icon-512.png | 192, 512   | the tile as drawn, transparent corners (any)    |
| icon-maskable-512.png      | 512        | full-bleed tile, mark scaled into the safe zone |
| apple-touch-icon.png       | 180        | full-bleed and opaque (iOS rounds it itself)    |
| favicon.ico                | 16, 32, 48 | the tile as drawn, PNG-compressed ICO entries   |
| badge-96.png               | 96         | the mark alone, white on transparent (badge)    |

Debian's Chromium rasterises through Playwright (software rendering, light colour scheme, no
fonts involved), so the same Chromium gives the same pixels. The PNGs are then re-encoded
losslessly here (palette when there are at most 256 colours, RGB when opaque, the smallest of
several filter strategies, zlib level 9, no ancillary chunks), so the bytes depend on the
pixels only. A newer Chromium may anti-alias a few edge pixels differently; `--check` then
reports the files as stale and a plain run brings them up to date.

Checks before anything is written: every size is right, the maskable and Apple icons are
opaque, and every maskable pixel outside the safe zone (the circle of radius 40 % of the
icon, what Android keeps under any mask) is the plain tile colour.
"""

from __future__ import annotations

import argparse
import struct
import sys
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from chromium import CHROMIUM
from chromium import CHROMIUM_ARGS as BASE_ARGS

HERE = Path(__file__).resolve().parent.parent / "static" / "icons"
MASTER = HERE / "icon.svg"
SVG_NS = "http://www.w3.org/2000/svg"
CHROMIUM_ARGS = [*BASE_ARGS, "--force-color-profile=srgb", "--font-render-hinting=none"]
SAFE_RADIUS = 0.40  # of the icon size: the maskable safe zone (W3C manifest spec, Android)
SAFE_MARGIN = 0.94  # keep the mark a little inside it
ICO_SIZES = (16, 32, 48)

ET.register_namespace("", SVG_NS)


@dataclass(frozen=True)
class Variant:
    """One way of drawing the master: rounded or full bleed, mark scaled or not."""

    full_bleed: bool = False  # square tile, no transparent corners
    safe_zone: bool = False  # mark scaled into the maskable safe zone
    silhouette: bool = False  # the mark alone, white on transparent (a notification badge)


ANY = Variant()
MASKABLE = Variant(full_bleed=True, safe_zone=True)
APPLE = Variant(full_bleed=True)
BADGE = Variant(silhouette=True)
PNGS = {  # file name: (size, variant)
    "icon-192.png": (192, ANY),
    "icon-512.png": (512, ANY),
    "icon-maskable-512.png": (512, MASKABLE),
    "apple-touch-icon.png": (180, APPLE),
    # Android draws a notification's badge from its alpha only: a full-colour tile would be
    # a plain square there.
    "badge-96.png": (96, BADGE),
}


# --- the drawing ---------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{SVG_NS}}}{tag}"


def _by_id(root: ET.Element, ident: str) -> ET.Element:
    for element in root.iter():
        if element.get("id") == ident:
            return element
    raise SystemExit(f"{MASTER.name} has no element with id={ident!r}")


def _view_box(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, width, height = (float(n) for n in root.get("viewBox", "").replace(",", " ").split())
    if width != height:
        raise SystemExit(f"{MASTER.name} must be square, its viewBox is {width} x {height}")
    return x, y, width, height


def _svg(master: str, variant: Variant, size: int, mark_scale: float) -> str:
    """The master drawn as `variant`, `size` px square, as SVG text for inline use."""
    root = ET.fromstring(master)
    root.set("width", str(size))
    root.set("height", str(size))
    x, y, width, _ = _view_box(root)
    for style in root.findall(_q("style")):  # the dark-mode hairline is for the favicon only
        root.remove(style)
    edge = _by_id(root, "edge")
    for parent in root.iter():
        if edge in list(parent):
            parent.remove(edge)
    if variant.silhouette:
        tile = _by_id(root, "tile")
        for parent in root.iter():
            if tile in list(parent):
                parent.remove(tile)
        mark = _by_id(root, "mark")
        mark.set("fill", "#ffffff")
        mark.set("stroke", "#ffffff")
    if variant.full_bleed:
        tile = _by_id(root, "tile")
        for attribute in ("rx", "ry"):
            tile.attrib.pop(attribute, None)
    if variant.safe_zone and mark_scale != 1:
        mark = _by_id(root, "mark")
        cx, cy = x + width / 2, y + width / 2
        scaled = f"translate({cx:g} {cy:g}) scale({mark_scale:.4f}) translate({-cx:g} {-cy:g})"
        mark.set("transform", f"{scaled} {mark.get('transform', '')}".strip())
    return ET.tostring(root, encoding="unicode")


_FARTHEST_JS = """
() => {
  const svg = document.querySelector('svg');
  const box = svg.viewBox.baseVal;
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  const mark = svg.getElementById('mark');
  let far = 0;
  for (const shape of mark.querySelectorAll('path,line,polyline,polygon,circle,ellipse,rect')) {
    const style = getComputedStyle(shape);
    const half = style.stroke === 'none' ? 0 : parseFloat(style.strokeWidth) / 2;
    const toView = svg.getScreenCTM().inverse().multiply(shape.getScreenCTM());
    const length = shape.getTotalLength();
    for (let i = 0; i <= 2000; i++) {
      const p = shape.getPointAtLength(length * i / 2000).matrixTransform(toView);
      far = Math.max(far, Math.hypot(p.x - cx, p.y - cy) + half);
    }
  }
  return far / box.width;
}
"""


def _mark_scale(page, master: str) -> float:
    """How much to shrink the mark so that it lies inside the maskable safe zone (<= 1).

    The farthest point of the mark from the centre is measured along every outline plus half
    its stroke (round caps and joins stay within that), as a fraction of the icon's width.
    """
    page.set_viewport_size({"width": 64, "height": 64})
    page.set_content(_page(_svg(master, ANY, 64, 1.0)))
    farthest = page.evaluate(_FARTHEST_JS)
    return min(1.0, SAFE_RADIUS * SAFE_MARGIN / farthest)


def _page(svg: str) -> str:
    return (
        "<!doctype html><style>html,body{margin:0;background:transparent}"
        f"svg{{display:block}}</style>{svg}"
    )


def _render(page, svg: str, size: int) -> bytes:
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(_page(svg))
    clip = {"x": 0, "y": 0, "width": size, "height": size}
    return page.screenshot(clip=clip, omit_background=True, animations="disabled")


# --- PNG decoding and lossless re-encoding (8-bit RGB/RGBA in, smallest PNG out) -----------


def _chunks(data: bytes):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        yield kind, data[offset + 8 : offset + 8 + length]
        offset += 12 + length


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """(width, height, RGBA pixels row by row) of a non-interlaced PNG as Chromium or
    encode_png writes them: 8-bit RGB or RGBA, or a palette of 1 to 8 bits with tRNS."""
    header, idat, palette, alphas = b"", b"", b"", b""
    for kind, body in _chunks(data):
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"PLTE":
            palette = body
        elif kind == b"tRNS":
            alphas = body
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if interlace or (colour, depth) not in {(2, 8), (6, 8), (3, 1), (3, 2), (3, 4), (3, 8)}:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
    channels = {2: 3, 6: 4, 3: 1}[colour]
    bpp = max(1, channels * depth // 8)  # filters work on whole bytes
    stride = (width * channels * depth + 7) // 8
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(a, b, c)) & 0xFF
        if colour == 3:
            mask = (1 << depth) - 1
            for x in range(width):
                bit = x * depth
                i = (line[bit // 8] >> (8 - depth - bit % 8)) & mask
                alpha = alphas[i] if i < len(alphas) else 255
                pixels.append((*palette[3 * i : 3 * i + 3], alpha))
        else:
            for i in range(0, stride, channels):
                alpha = line[i + 3] if channels == 4 else 255
                pixels.append((line[i], line[i + 1], line[i + 2], alpha))
        previous = line
    return width, height, pixels


def _filter(kind: int, line: bytes, previous: bytes, bpp: int) -> bytes:
    if kind == 0:
        return line
    out = bytearray(len(line))
    for i, x in enumerate(line):
        a = line[i - bpp] if i >= bpp else 0
        b = previous[i]
        c = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            out[i] = (x - a) & 0xFF
        elif kind == 2:
            out[i] = (x - b) & 0xFF
        elif kind == 3:
            out[i] = (x - (a + b) // 2) & 0xFF
        else:
            out[i] = (x - _paeth(a, b, c)) & 0xFF
    return bytes(out)


def _filtered(rows: list[bytes], bpp: int, strategy: int | None) -> bytes:
    """Filter every row with `strategy` (0-4), or per row by least sum of |byte| (None)."""
    out, previous = bytearray(), bytes(len(rows[0]))
    for line in rows:
        kinds = range(5) if strategy is None else (strategy,)
        candidates = [(kind, _filter(kind, line, previous, bpp)) for kind in kinds]
        kind, best = min(candidates, key=lambda kc: sum(v if v < 128 else 256 - v for v in kc[1]))
        out.append(kind)
        out += best
        previous = line
    return bytes(out)


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def encode_png(width: int, height: int, pixels: list[tuple[int, int, int, int]]) -> bytes:
    """The smallest lossless PNG this encoder finds for the pixels; same pixels, same bytes."""
    counts = Counter(pixels)
    opaque = all(alpha == 255 for _, _, _, alpha in counts)
    extra: list[bytes] = []
    if len(counts) <= 256:
        # Translucent entries first (a short tRNS), then by frequency, then by value.
        palette = sorted(counts, key=lambda p: (p[3] == 255, -counts[p], p))
        index = {colour: i for i, colour in enumerate(palette)}
        depth = next(d for d in (1, 2, 4, 8) if len(palette) <= 1 << d)
        per_byte = 8 // depth
        rows = []
        for y in range(height):
            line = bytearray()
            for x0 in range(0, width, per_byte):
                byte = 0
                for x in range(x0, x0 + per_byte):
                    byte <<= depth
                    if x < width:
                        byte |= index[pixels[y * width + x]]
                line.append(byte)
            rows.append(bytes(line))
        colour, bpp, strategies = 3, 1, (0, None)
        extra.append(_chunk(b"PLTE", b"".join(bytes(p[:3]) for p in palette)))
        alphas = bytes(p[3] for p in palette if p[3] != 255)
        if alphas:
            extra.append(_chunk(b"tRNS", alphas))
    else:
        channels = 3 if opaque else 4
        rows = [
            b"".join(bytes(p[:channels]) for p in pixels[y * width : (y + 1) * width])
            for y in range(height)
        ]
        colour, bpp, depth, strategies = (2 if opaque else 6), channels, 8, (0, 1, 2, 4, None)
    streams = []
    for strategy in strategies:
        packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9)
        data = _filtered(rows, bpp, strategy)
        streams.append(packer.compress(data) + packer.flush())
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            *extra,
            _chunk(b"IDAT", min(streams, key=len)),
            _chunk(b"IEND", b""),
        ]
    )


def encode_ico(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file holding PNG images (Windows Vista and every browser read those)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, bodies = [], []
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        bodies.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(bodies)


# --- checks and the run --------------------------------------------------------------------


def _tile_colour(master: str) -> tuple[int, int, int, int]:
    fill = _by_id(ET.fromstring(master), "tile").get("fill", "")
    if len(fill) != 7 or not fill.startswith("#"):
        raise SystemExit(f"#tile needs a fill like #1f3a5f, not {fill!r}")
    return int(fill[1:3], 16), int(fill[3:5], 16), int(fill[5:7], 16), 255


def _check(name: str, size: int, variant: Variant, png: bytes, tile) -> None:
    width, height, pixels = decode_png(png)
    if (width, height) != (size, size):
        raise SystemExit(f"{name}: {width} x {height}, wanted {size} x {size}")
    if variant.full_bleed and any(p[3] != 255 for p in pixels):
        raise SystemExit(f"{name}: must be opaque")
    if variant.silhouette and any(p[3] and p[:3] != (255, 255, 255) for p in pixels):
        raise SystemExit(f"{name}: must be white on transparent")
    if variant.safe_zone:
        centre, radius = size / 2, SAFE_RADIUS * size
        for i, pixel in enumerate(pixels):
            y, x = divmod(i, size)
            outside = (x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2 > radius**2
            if outside and pixel != tile:
                raise SystemExit(f"{name}: the mark leaves the safe zone at ({x}, {y})")


def render() -> dict[str, bytes]:
    """Every icon file (name: bytes), rendered from the master and checked."""
    from playwright.sync_api import sync_playwright

    master = MASTER.read_text()
    tile = _tile_colour(master)
    files: dict[str, bytes] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(device_scale_factor=1, color_scheme="light")
            page = context.new_page()
            scale = _mark_scale(page, master)
            for name, (size, variant) in PNGS.items():
                shot = _render(page, _svg(master, variant, size, scale), size)
                files[name] = encode_png(*decode_png(shot))
                _check(name, size, variant, files[name], tile)
            favicons = []
            for size in ICO_SIZES:
                shot = _render(page, _svg(master, ANY, size, scale), size)
                favicons.append((size, encode_png(*decode_png(shot))))
            files["favicon.ico"] = encode_ico(favicons)
        finally:
            browser.close()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    files = render()
    stale = [name for name, data in files.items() if _read(HERE / name) != data]
    for name, data in files.items():
        state = "stale" if name in stale else "ok"
        if not args.check and name in stale:
            (HERE / name).write_bytes(data)
            state = "written"
        print(f"{name:24} {len(data):>7,} bytes  {state}")
    print(f"{'total':24} {sum(map(len, files.values())):>7,} bytes")
    if args.check and stale:
        print(f"stale: {', '.join(stale)}; run {Path(__file__).name} to update", file=sys.stderr)
        return 1
    return 0


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


if __name__ == "__main__":
    sys.exit(main())

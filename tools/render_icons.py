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
fonts involved), so the same Chromium gives the same pixels. Pillow then writes them
losslessly (a palette when there are at most 256 colours, RGB when opaque, zlib level 9, no
metadata). A file is stale when the pixels it shows differ from the new ones, whatever its
bytes, so another Pillow or zlib never rewrites an icon. A newer Chromium may anti-alias a few
edge pixels differently; `--check` then reports the files as stale and a plain run brings them
up to date.

Checks before anything is written: every size is right, the maskable and Apple icons are
opaque, and every maskable pixel outside the safe zone (the circle of radius 40 % of the
icon, what Android keeps under any mask) is the plain tile colour.
"""

from __future__ import annotations

import argparse
import io
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from chromium import CHROMIUM
from chromium import CHROMIUM_ARGS as BASE_ARGS
from PIL import Image

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


# --- the files: Pillow reads Chromium's screenshots and writes the icons ------------------


def _pixels(shot: bytes) -> Image.Image:
    """A screenshot as 8-bit RGBA pixels, with none of the PNG's metadata carried along."""
    with Image.open(io.BytesIO(shot)) as image:
        pixels = image.convert("RGBA")
    pixels.info.clear()
    return pixels


def _smallest_mode(image: Image.Image) -> Image.Image:
    """The same pixels in the smallest mode that holds them exactly.

    A palette when there are at most 256 colours (translucent entries first, so the PNG's
    tRNS chunk stays short; then by frequency, then by value, so the same pixels always give
    the same palette), RGB when opaque, RGBA otherwise.
    """
    counts = image.getcolors(256)
    if counts is None:
        opaque = image.getextrema()[3][0] == 255
        return image.convert("RGB") if opaque else image
    palette = [colour for _, colour in sorted(counts, key=lambda c: (c[1][3] == 255, -c[0], c[1]))]
    index = {colour: i for i, colour in enumerate(palette)}
    paletted = Image.new("P", image.size)
    paletted.putpalette(b"".join(bytes(colour[:3]) for colour in palette))
    paletted.putdata([index[colour] for colour in image.get_flattened_data()])
    alphas = bytes(colour[3] for colour in palette if colour[3] != 255)
    if alphas:
        paletted.info["transparency"] = alphas
    return paletted


def png(image: Image.Image) -> bytes:
    """The pixels as a lossless PNG, as small as Pillow makes it (zlib level 9)."""
    out = io.BytesIO()
    _smallest_mode(image).save(out, "PNG", optimize=True)
    return out.getvalue()


def ico(images: list[Image.Image]) -> bytes:
    """An ICO file holding one PNG-compressed entry per image, each drawn at its own size."""
    largest, *others = sorted(images, key=lambda image: -image.width)
    out = io.BytesIO()
    _smallest_mode(largest).save(
        out,
        "ICO",
        sizes=[image.size for image in images],
        append_images=[_smallest_mode(image) for image in others],
    )
    return out.getvalue()


# --- checks and the run --------------------------------------------------------------------


def _tile_colour(master: str) -> tuple[int, int, int, int]:
    fill = _by_id(ET.fromstring(master), "tile").get("fill", "")
    if len(fill) != 7 or not fill.startswith("#"):
        raise SystemExit(f"#tile needs a fill like #1f3a5f, not {fill!r}")
    return int(fill[1:3], 16), int(fill[3:5], 16), int(fill[5:7], 16), 255


def _check(name: str, size: int, variant: Variant, image: Image.Image, tile) -> None:
    if image.size != (size, size):
        raise SystemExit(f"{name}: {image.width} x {image.height}, wanted {size} x {size}")
    pixels = image.get_flattened_data()
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
                image = _pixels(_render(page, _svg(master, variant, size, scale), size))
                _check(name, size, variant, image, tile)
                files[name] = png(image)
            favicons = [
                _pixels(_render(page, _svg(master, ANY, size, scale), size)) for size in ICO_SIZES
            ]
            files["favicon.ico"] = ico(favicons)
        finally:
            browser.close()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    files = render()
    stale = [name for name, data in files.items() if _frames(_read(HERE / name)) != _frames(data)]
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


def _frames(data: bytes | None) -> list[tuple[tuple[int, int], bytes]]:
    """Every image a PNG or ICO file holds, as (size, RGBA bytes): what the file shows."""
    if data is None:
        return []
    with Image.open(io.BytesIO(data)) as image:
        if image.format == "ICO":
            sizes = sorted(image.info["sizes"])
            return [(size, image.ico.getimage(size).convert("RGBA").tobytes()) for size in sizes]
        return [(image.size, image.convert("RGBA").tobytes())]


if __name__ == "__main__":
    sys.exit(main())

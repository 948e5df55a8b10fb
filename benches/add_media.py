#!/usr/bin/env python3
"""Adds images to a corpus made by ../shared/bench/gen_corpus.py, in place.

One article in ten (in default-locale order) gets a screenshot beside it,
`<category>/img/<slug>.png` (every fourth one an SVG diagram instead), linked at the
end of the article in every locale that has it; translations without their own file
fall back to the default locale's. One image in ten also gets a localized version in
every other locale. So: 10 images per 100 articles, linked from every locale.

    benches/add_media.py /dev/shm/kbgen-bench-1000-media
"""
import os
import random
import struct
import sys
import zlib

DEFAULT = "en"


def png(width, height, rng):
    """A valid PNG with a few bands of colour: compresses like a flat screenshot."""
    rows = []
    colour = bytes(rng.randrange(256) for _ in range(3))
    for y in range(height):
        if y % 40 == 0:
            colour = bytes(rng.randrange(256) for _ in range(3))
        rows.append(b"\x00" + colour * width)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b"")


def svg(label, rng):
    w, h = rng.randrange(400, 900), rng.randrange(120, 300)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f'<rect width="{w}" height="{h}" fill="#eef4ff"/><text x="20" y="40">{label}</text></svg>\n').encode()


def main(root):
    content = os.path.join(root, "content")
    locales = sorted(d for d in os.listdir(content) if os.path.isdir(os.path.join(content, d)))
    articles = []
    for category in sorted(os.listdir(os.path.join(content, DEFAULT))):
        folder = os.path.join(content, DEFAULT, category)
        if os.path.isdir(folder):
            articles += [(category, f) for f in sorted(os.listdir(folder)) if f.endswith(".md") and f != "_index.md"]
    images = 0
    for i, (category, name) in enumerate(articles):
        if i % 10:
            continue
        rng = random.Random(f"{category}/{name}")
        stem = name[:-3]
        ext = "svg" if (i // 10) % 4 == 3 else "png"
        rel = f"img/{stem}.{ext}"
        localized = (i // 10) % 10 == 0
        for locale in locales:
            page = os.path.join(content, locale, category, name)
            if locale == DEFAULT or localized:
                path = os.path.join(content, locale, category, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                data = svg(f"{locale} {stem}", rng) if ext == "svg" else png(rng.randrange(320, 960), rng.randrange(200, 600), rng)
                with open(path, "wb") as f:
                    f.write(data)
                images += 1
            if os.path.exists(page):
                with open(page, "a", encoding="utf-8") as f:
                    f.write(f"\n![Screenshot {i} of the steps in this article]({rel})\n")
    print(f"{images} image files for {len(articles)} articles x {len(locales)} locales")


if __name__ == "__main__":
    main(sys.argv[1])

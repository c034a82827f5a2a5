"""The worker process that cleans one uploaded photo: `python -m pimpa_data.ingest.image_worker`.

Like the spreadsheet worker (read_worker.py) it reads one JSON request (path, name) on standard
input, limits its own memory and CPU time, and answers with a pickle of plain values: the photo
turned upright by its EXIF orientation, shrunk to a long side of 1,600 px, re-encoded as a
JPEG with no metadata at all (no location, no camera, no owner: PDPA), and a thumbnail. An
image over the pixel limit is refused before it is decoded (Pillow's decompression-bomb check,
made an error here).
"""

from __future__ import annotations

import io
import json
import os
import pickle
import resource
import sys
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from .limits import READ_MEMORY_BYTES, READ_SECONDS

LONG_SIDE = 1600
THUMB_SIDE = 320
MAX_PIXELS = 50_000_000  # a 50-megapixel photo; phones save 12 MP by default
FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
JPEG_QUALITY = 85


def clean(path: str) -> tuple:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    try:
        import pillow_heif  # phones' HEIC; a missing plug-in only refuses HEIC files

        pillow_heif.register_heif_opener()
    except ImportError:
        pass
    try:
        with Image.open(path, formats=FORMATS) as image:
            image.draft("RGB", (LONG_SIDE * 2, LONG_SIDE * 2))  # JPEG decodes at a reduced size: less memory
            upright = ImageOps.exif_transpose(image)
            photo = _rgb(upright)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ("too_many_pixels",)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ("not_image",)
    except MemoryError:
        return ("too_large",)
    photo.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    thumb = photo.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return ("image", _jpeg(photo), _jpeg(thumb), photo.width, photo.height)


def _rgb(image: Image.Image) -> Image.Image:
    """Transparent parts on white (a PNG logo or a screenshot), 16-bit grey scaled to 8 bits (a
    plain conversion clips it to white), everything else as RGB."""
    if image.mode.startswith("I"):
        return image.convert("I").point(lambda value: value / 256).convert("L").convert("RGB")
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    """Pixels only. Pillow's JPEG writer falls back to what the source carried in `info` (a JPEG
    comment, an ICC profile), and `info` travels through every conversion: so it goes first."""
    image.info.clear()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def limit_myself() -> None:
    """The spreadsheet worker's limits, without importing its readers (a photo needs none of them)."""
    resource.setrlimit(resource.RLIMIT_AS, (READ_MEMORY_BYTES, READ_MEMORY_BYTES))
    seconds = int(READ_SECONDS) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def main() -> None:
    request = sys.stdin.readline()
    if not request:
        return
    limit_myself()
    asked = json.loads(request)
    sys.stdout.buffer.write(pickle.dumps(clean(asked["path"]), protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
    os._exit(0)

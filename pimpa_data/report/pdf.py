"""Draw a report (blocks.py) as a PDF with WeasyPrint: HTML and CSS laid out by Pango, which
breaks Thai lines between words, with Sarabun embedded.

Every text is escaped into HTML (`html.escape`): a course name or a teacher's paragraph can
never become markup. The only URLs in the page are our own (`pimpa:` assets: the font files,
charts and photos), and the fetcher refuses every other URL, so nothing is fetched from a
network or the disk because of what someone typed.
"""

from __future__ import annotations

import html
import mimetypes

from weasyprint import CSS as StyleSheet
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .blocks import Gallery, Heading, Image, PageBreak, Para, Report, Table, clean
from .fonts import FAMILY, font_files

SCHEME = "pimpa:"
PNG = b"\x89PNG"
SHORT_TABLE = 15  # rows: a table this short moves to the next page whole rather than split
CSS = """
@font-face { font-family: "%(family)s"; src: url(pimpa:font-regular); font-weight: normal; }
@font-face { font-family: "%(family)s"; src: url(pimpa:font-bold); font-weight: bold; }
@font-face { font-family: "%(family)s"; src: url(pimpa:font-italic); font-style: italic; }
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm;
  @bottom-center { content: "%(footer)s · หน้า " counter(page%(digits)s);
                   font-family: "%(family)s"; font-size: 10pt; color: #555; } }
@page cover { @bottom-center { content: none; } }
html { font-family: "%(family)s"; font-size: 12pt; line-height: 1.55; color: #000;
       overflow-wrap: anywhere; }  /* a pasted link or a run of one character must not pass the margin */
body { margin: 0; }
section.cover { page: cover; text-align: center; padding-top: 5cm; break-after: page; }
section.cover h1 { font-size: 22pt; margin: 0 0 .4em; line-height: 1.35; }
p { margin: 0 0 .3em; }
p.body { text-indent: 1.25cm; }
p.bullet { margin-left: 1.25cm; text-indent: -.5cm; }
p.bullet::before { content: "•  "; }
p.cover { font-size: 15pt; font-weight: bold; text-align: center; margin: 0 0 .25em; min-height: 1em; }
p.note { font-size: 10.5pt; color: #444; margin: .2em 0 .6em; }
p.placeholder { color: #666; font-style: italic; text-indent: 1.25cm; }
h1 { font-size: 15pt; margin: .9em 0 .3em; break-after: avoid; }
h2 { font-size: 13pt; margin: .7em 0 .25em; break-after: avoid; }
h3 { font-size: 12pt; margin: .6em 0 .2em; break-after: avoid; }
.page-break { break-before: page; }
table { border-collapse: collapse; width: 100%%; margin: .3em 0 .8em; font-size: 10.5pt; line-height: 1.35; }
thead { display: table-header-group; }
th, td { border: .6pt solid #777; padding: 2pt 4pt; vertical-align: top; }
th { background: #eef2f6; font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
table.short { break-inside: avoid; }
tr.total td { font-weight: bold; }
figure { margin: .6em 0 .9em; text-align: center; break-inside: avoid; }
figure img { max-width: 100%%; }
figcaption { font-size: 10.5pt; margin-top: .2em; }
.gallery { text-align: center; }
.gallery figure { display: inline-block; width: 7.6cm; margin: .4em .2cm .8em; vertical-align: top; }
"""


class ReportFetcher(URLFetcher):
    """Hands WeasyPrint our own assets by name and refuses every other URL (and remembers what
    it was asked, for the tests)."""

    def __init__(self, assets: dict[str, bytes] | None = None) -> None:
        super().__init__(allowed_protocols=())
        self.assets = dict(assets or {})
        self.asked: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        self.asked.append(url)
        name = url[len(SCHEME):] if url.startswith(SCHEME) else None
        if name not in self.assets:
            self.refused.append(url)
            raise ValueError(f"refused: {url[:80]}")
        kind = "font/ttf" if name.startswith("font-") else mimetypes.guess_type(name)[0]
        return URLFetcherResponse(url, self.assets[name], {"Content-Type": kind or "application/octet-stream"})


def render_pdf(report: Report, fetcher: ReportFetcher | None = None) -> bytes:
    page, assets = to_html(report)
    fetcher = fetcher or ReportFetcher()
    fetcher.assets.update(assets)
    css = CSS % {"family": FAMILY, "footer": _css_string(report.footer),
                 "digits": ", thai" if report.thai_digits else ""}
    fonts = FontConfiguration()  # @font-face rules need it, on the style sheet and the render alike
    document = HTML(string=page, url_fetcher=fetcher, base_url=SCHEME + "page")
    style = StyleSheet(string=css, url_fetcher=fetcher, font_config=fonts)
    return document.write_pdf(stylesheets=[style], font_config=fonts)


def _css_string(text: str) -> str:
    """Text inside a CSS string: no quote, backslash or newline can end it early."""
    return "".join(ch if ch.isalnum() or ch in " ·.-()/" or ord(ch) > 127 else " " for ch in _shaped(text))


def to_html(report: Report) -> tuple[str, dict[str, bytes]]:
    """The page's HTML and the assets it names (fonts, charts, photos)."""
    files = font_files()
    assets = {f"font-{style}": path.read_bytes() for style, path in files.items()}
    body, cover = [], True
    for block in report.blocks:
        if isinstance(block, PageBreak):
            body.append("</section><section>" if cover else '<div class="page-break"></div>')
            cover = False
            continue
        body.append(_draw(block, assets))
    title = html.escape(_shaped(report.title))
    page = (f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><section class="cover">{"".join(body)}</section></body></html>')
    return page, assets


def _shaped(text: str) -> str:
    """Sara am (ำ) as nikhahit and sara aa, the two glyphs Sarabun draws it with: each glyph then
    maps back to its own character, so copied text keeps the ำ (WeasyPrint maps a glyph to the
    characters of its cluster, and a one-character cluster of two glyphs lost the nikhahit)."""
    return clean(text).replace("\u0e33", "\u0e4d\u0e32")


def _text(text: str) -> str:
    return "<br>".join(html.escape(line) for line in _shaped(text).split("\n"))


def _draw(block, assets: dict[str, bytes]) -> str:
    if isinstance(block, Heading):
        return f"<h{max(block.level, 1)}>{_text(block.text)}</h{max(block.level, 1)}>"
    if isinstance(block, Para):
        return f'<p class="{block.style}">{_text(block.text)}</p>'
    if isinstance(block, Image):
        return _figure(block, assets)
    if isinstance(block, Gallery):
        return f'<div class="gallery">{"".join(_figure(photo, assets) for photo in block.photos)}</div>'

    if isinstance(block, Table):
        return _table(block)
    raise TypeError(f"no drawing for {type(block).__name__}")


def _figure(block: Image, assets: dict[str, bytes]) -> str:
    name = f"image-{len(assets)}.{'png' if block.data.startswith(PNG) else 'jpg'}"
    assets[name] = block.data
    return (f'<figure><img src="{SCHEME}{name}" style="width: {block.width_cm:.1f}cm" alt="">'
            f"<figcaption>{_text(block.caption)}</figcaption></figure>")


def _table(block: Table) -> str:
    total = sum(block.widths)
    columns = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in block.widths)
    head = "".join(f"<th>{_text(h)}</th>" for h in block.headers)
    rows = []
    for number, row in enumerate(block.rows, start=1):
        css = ' class="total"' if block.total and number == len(block.rows) else ""
        cells = "".join(f'<td{" class=num" if block.numeric[c] else ""}>{_text(t)}</td>' for c, t in enumerate(row))
        rows.append(f"<tr{css}>{cells}</tr>")
    short = ' class="short"' if len(block.rows) <= SHORT_TABLE else ""
    return (f"<table{short}><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")

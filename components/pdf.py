"""Summary -> PDF bytes: usually two readable pages, safe for any text a person can type.

Pure (no Streamlit), built in memory with fpdf2. Text in every script is kept:
- The base font is DejaVu Sans (Debian fonts-dejavu-core). Fallback fonts are registered only
  when the text needs them, because parsing a font file is the main cost: Noto Sans Arabic and
  Hebrew (fonts-noto-core), WenQuanYi Micro Hei for Chinese, Japanese and Korean
  (fonts-wqy-microhei), Symbola for emoji and symbols (fonts-symbola), then any other Noto Sans
  font that is installed (Devanagari, Thai, ...).
- Right-to-left and joined scripts go through HarfBuzz shaping (uharfbuzz), line by line and
  only where needed, because shaping is slow.
- A character that no installed font has is printed as a visible replacement mark and the PDF
  says so; the text download keeps it exactly. Nothing is dropped silently.
Lines are broken here (fpdf2's own breaker is quadratic in the line length), then drawn with
`cell`, which applies the fallback fonts and shaping.
"""

from __future__ import annotations

import io
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from components import palette
from components.summary import Bars, Block, Bullets, Fields, Paragraph, Section, Summary, Table

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
)
BASE_FILES = {"": ("DejaVuSans.ttf",), "B": ("DejaVuSans-Bold.ttf",)}
BASE_FAMILY = "dejavu"
INSTALL_HINT = (
    "The PDF needs the DejaVu Sans font. Install it with "
    "'apt-get install fonts-dejavu-core' (or run 'make run', which installs it)."
)
# DejaVu has basic Arabic glyphs; Noto Sans Arabic shapes the script properly. (DejaVu's Hebrew,
# with its punctuation, is kept: one font per run keeps the text in reading order.)
BASE_EXCLUDED: tuple[tuple[int, int], ...] = ((0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# Paragraphs in these fallback families use it as their main font, so that spaces and digits
# come from the same font and a right-to-left run stays one piece.
PRIMARY_FOR_SCRIPT = ("arabic",)
REPLACEMENT = "\ufffd"
MISSING_NOTE = (
    "Some characters could not be printed in this PDF because no installed font has them. "
    "They are shown as \ufffd. The text download keeps them exactly."
)
LOG = logging.getLogger("cart_decision_aid")
PAGE_ALIAS = "\x00nb\x00"  # total pages; user text never contains control characters


@dataclass(frozen=True)
class FallbackFont:
    """A fallback font family and the file names to look for, first found wins."""

    family: str
    files: tuple[str, ...]


PRIMARY_FALLBACKS: tuple[FallbackFont, ...] = (
    FallbackFont("arabic", ("NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf")),
    FallbackFont("hebrew", ("NotoSansHebrew-Regular.ttf",)),
    FallbackFont("cjk", ("wqy-microhei.ttc", "wqy-zenhei.ttc")),
    FallbackFont("symbols", ("Symbola_hint.ttf", "Symbola.ttf")),
    # Colour emoji (optional, Debian fonts-noto-color-emoji): only for emoji newer than Symbola.
    FallbackFont("emoji", ("NotoColorEmoji.ttf",)),
)
# Tables fpdf2 leaves out of every embedded font (its output.py drop list, layout and colour
# tables aside, which HarfBuzz reads from the file and the colour font needs). Removing them
# first saves decoding them at output time.
UNUSED_TABLES = ("GDEF", "GPOS", "GSUB", "MATH", "FFTM", "meta", "hdmx")
# fpdf2 draws colour glyphs as a Type 3 font, which holds at most 255 glyphs.
MAX_COLOUR_GLYPHS = 200
EXTRA_NOTO = re.compile(r"^NotoSans[A-Za-z]*-Regular\.ttf$")


class FontsMissingError(RuntimeError):
    """The base font is not installed; the message says how to install it."""


# ---------------------------------------------------------------------------------------------
# Fonts: where they are and what they cover (cached per process: font files, never user data)
# ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def font_index(dirs: tuple[Path, ...] = FONT_DIRS) -> dict[str, Path]:
    """Map of font file name -> path for every font under `dirs` (first one found wins)."""
    index: dict[str, Path] = {}
    for base in dirs:
        if not base.is_dir():
            continue
        for root, _dirs, files in sorted(os.walk(base)):
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    index.setdefault(name, Path(root) / name)
    return index


@lru_cache(maxsize=256)
def _cmap(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for."""
    font = TTFont(path, lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def _in_ranges(cp: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


@lru_cache(maxsize=8)
def _base_cmap(path: Path) -> frozenset[int]:
    """What the base font covers, minus the scripts that the Noto fonts shape better."""
    return frozenset(c for c in _cmap(path) if not _in_ranges(c, BASE_EXCLUDED))


# Most summaries use only these characters. A copy of DejaVu cut down to them (made once per
# process, in memory) loads in a fraction of the time of the whole font, which is most of the
# cost of a Latin-script PDF. Anything outside them, or any text that needs shaping, uses the
# whole font file.
CORE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x02B0, 0x02FF), (0x0370, 0x03FF), (0x0400, 0x04FF),
    (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF),
    (0x25A0, 0x25FF), (0xFB00, 0xFB06), (0xFFFD, 0xFFFD),
)  # fmt: skip


@lru_cache(maxsize=4)
def _core_font(path: Path) -> tuple[bytes, frozenset[int]] | None:
    """The font cut down to CORE_RANGES, as bytes, with the characters it has (None if the
    cut fails: the whole font is used instead)."""
    try:
        font = TTFont(path)
        options = ft_subset.Options()
        options.notdef_outline = True
        options.glyph_names = True
        options.name_IDs = ["*"]
        options.drop_tables += list(UNUSED_TABLES)
        cutter = ft_subset.Subsetter(options)
        cutter.populate(unicodes=[c for lo, hi in CORE_RANGES for c in range(lo, hi + 1)])
        cutter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue(), frozenset(font.getBestCmap())
    except Exception as exc:  # noqa: BLE001 - an optimisation only; never fail the PDF for it
        LOG.warning("core font copy failed (%s); using the whole font", type(exc).__name__)
        return None


def _find(index: dict[str, Path], names: Sequence[str]) -> Path | None:
    return next((index[n] for n in names if n in index), None)


class FontPlan:
    """Which fonts a document needs, and what happens to each character.

    Characters are classified once: kept (some font has it), dropped (invisible format
    characters no font has, such as a stray variation selector), or replaced (visible mark).
    """

    def __init__(self, dirs: tuple[Path, ...] = FONT_DIRS):
        index = font_index(dirs)
        self.base = {style: _find(index, names) for style, names in BASE_FILES.items()}
        if self.base[""] is None or self.base["B"] is None:
            raise FontsMissingError(INSTALL_HINT)
        self.base_cmap = _base_cmap(self.base[""])
        self.bold_cmap = _base_cmap(self.base["B"])
        self._candidates: list[tuple[str, Path]] = []
        for fb in PRIMARY_FALLBACKS:
            path = _find(index, fb.files)
            if path is not None:
                self._candidates.append((fb.family, path))
        used = {p.name for _, p in self._candidates}
        self._extra = [
            (f"noto{i}", index[name])
            for i, name in enumerate(sorted(n for n in index if EXTRA_NOTO.match(n)))
            if name not in used
        ]
        self.families: dict[str, Path] = {}  # fallback family -> file, in registration order
        self.chars: dict[str, set[int]] = {}  # fallback family -> the characters it prints
        self.missing: set[str] = set()
        self.used: set[str] = set()
        self._seen: dict[str, str] = {}
        self._colour_glyphs = 0
        self.shaped = False  # set when any printed text needs HarfBuzz

    def core_fonts(self) -> dict[str, bytes] | None:
        """The cut-down base fonts, if every printed character is in them and no text needs
        shaping (HarfBuzz reads fonts from a file); else None."""
        if self.families or self.shaped:
            return None
        cores = {style: _core_font(path) for style, path in self.base.items()}
        if any(core is None for core in cores.values()):
            return None
        covered = set.intersection(*(set(core[1]) for core in cores.values() if core))
        if any(ord(ch) not in covered for ch in self.used if ch != "\n"):
            return None
        return {style: core[0] for style, core in cores.items() if core}

    @property
    def needs_fallback(self) -> bool:
        """True if any printed character is missing from the regular or the bold base font."""
        return bool(self.families) or any(
            ord(ch) not in self.bold_cmap for ch in self.used if ch != "\n"
        )

    def _fallback_for(self, ch: str) -> str | None:
        cp = ord(ch)
        for family, path in self._candidates:
            if cp in _cmap(path):
                if family == "emoji":
                    self._colour_glyphs += 1
                    if self._colour_glyphs > MAX_COLOUR_GLYPHS:
                        continue
                return self._use(family, path, ch)
        try:
            hint = unicodedata.name(ch).split()[0].lower()
        except ValueError:
            hint = ""
        extra = (
            sorted(self._extra, key=lambda fp: hint not in fp[1].name.lower())
            if hint
            else self._extra
        )
        for family, path in extra:
            if cp in _cmap(path):
                return self._use(family, path, ch)
        return None

    def _use(self, family: str, path: Path, ch: str) -> str:
        self.families.setdefault(family, path)
        self.chars.setdefault(family, set()).add(ord(ch))
        return family

    def clean(self, text: str) -> str:
        """The text as it will be printed: NFC, line breaks kept, unprintable marks replaced."""
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        out = []
        for ch in text:
            action = self._seen.get(ch)
            if action is None:
                action = self._classify(ch)
                self._seen[ch] = action
            if action == "keep":
                out.append(ch)
                self.used.add(ch)
            elif action == "space":
                out.append(" ")
            elif action == "newline":
                out.append("\n")
            elif action == "replace":
                out.append(REPLACEMENT)
                self.missing.add(ch)
        return "".join(out)

    def _classify(self, ch: str) -> str:
        if ch == "\n":
            return "keep"
        if ch in "\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85":
            return "newline"
        category = unicodedata.category(ch)
        if ch == "\t" or category == "Zs":
            return "space"
        if category in ("Cc", "Cs", "Co"):  # controls, broken surrogates, private use
            return "replace"
        if ord(ch) in self.base_cmap or self._fallback_for(ch) is not None:
            return "keep"  # also characters newer than Python's Unicode tables, if a font has them
        ignorable = category == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF
        return "drop" if ignorable else "replace"


# ---------------------------------------------------------------------------------------------
# Layout helpers
# ---------------------------------------------------------------------------------------------
_BREAKABLE = (
    r"\u1100-\u11ff\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f"
    r"\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
_TOKEN = re.compile(rf" +|[{_BREAKABLE}]|[^ {_BREAKABLE}]+")
_JOINS_PREVIOUS = ("Mn", "Mc", "Me")


def needs_shaping(text: str) -> bool:
    """True if the text has right-to-left, joined or combining characters (HarfBuzz needed)."""
    for ch in text:
        cp = ord(ch)
        if cp < 0x0300:
            continue
        if unicodedata.bidirectional(ch) in ("R", "AL", "AN") or 0x0900 <= cp <= 0x1CFF:
            return True
        if unicodedata.category(ch) in _JOINS_PREVIOUS or cp in (0x200C, 0x200D):
            return True
    return False


def is_rtl(text: str) -> bool:
    """True if the first strongly directional character is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def _clusters(token: str) -> list[str]:
    """The token as letters, each with the combining marks and joiners that follow it."""
    out: list[str] = []
    for ch in token:
        if out and (unicodedata.category(ch) in _JOINS_PREVIOUS or ch in "\u200c\u200d\ufe0f"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _split_long(token: str, fits) -> list[str]:
    """Break a token wider than a line into pieces that fit, never inside a letter and its
    marks (a piece is too wide only if it is one letter with its marks)."""
    pieces: list[str] = []
    current = ""
    for cluster in _clusters(token):
        if current and not fits(current + cluster):
            pieces.append(current)
            current = cluster
        else:
            current += cluster
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: float, measure) -> list[str]:
    """Greedy line breaking of `text` into lines no wider than `width` (by `measure`).

    Breaks at spaces, between CJK characters, and inside words only when a word is wider
    than a whole line. Hard line breaks are kept; spaces at a break are dropped.
    """
    lines: list[str] = []
    for hard in text.split("\n"):
        current = ""
        current_w = 0.0
        for token in _TOKEN.findall(hard):
            if token.startswith(" "):
                if current:
                    current += token
                    current_w += measure(token)
                continue
            w = measure(token)
            if current_w + w <= width:
                current += token
                current_w += w
                continue
            if current.strip(" "):
                lines.append(current.rstrip(" "))
            current, current_w = "", 0.0
            if w <= width:
                current, current_w = token, w
                continue
            pieces = _split_long(token, lambda s: measure(s) <= width)
            lines.extend(pieces[:-1])
            current = pieces[-1]
            current_w = measure(current)
        lines.append(current.rstrip(" "))
    return lines


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


# ---------------------------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------------------------
BODY = 9.5
SMALL = 8.2
H1 = 15.0
H2 = 11.5
FOOTER = 7.2
LINE = 1.2  # line height as a multiple of the font size
PT = 0.3528  # mm per point


class _SummaryPDF(FPDF):
    """FPDF with our footer and a fast, fallback-aware text measure."""

    def __init__(self, plan: FontPlan, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.plan = plan
        self.footer_text = footer_text
        self.alias_nb_pages(PAGE_ALIAS)
        self.set_margins(15, 12, 15)
        self.c_margin = 0
        cores = plan.core_fonts()
        for style, path in plan.base.items():
            if cores:  # fpdf2's own TTFFont, read from the in-memory copy instead of the file
                key = f"{BASE_FAMILY}{style}"
                self.fonts[key] = TTFFont(self, io.BytesIO(cores[style]), key, style)
            else:
                self.add_font(BASE_FAMILY, style, path)
            font = self.fonts[f"{BASE_FAMILY}{style}"]
            keep = plan.base_cmap if style == "" else plan.bold_cmap
            for cp in [cp for cp in font.cmap if cp not in keep]:
                del font.cmap[cp]
        for family, path in plan.families.items():
            # Only the characters the plan gave this font: a big font (CJK) then costs less to
            # load. Not for a paragraph's main font (it prints spaces and digits too), nor for
            # the colour emoji font (fpdf2 cannot load its bitmaps from a cut-down map).
            whole = family in PRIMARY_FOR_SCRIPT or family == "emoji"
            chars = None if whole else sorted(plan.chars[family])
            self.add_font(family, "", path, unicode_range=chars)
        for font in self.fonts.values():
            for tag in UNUSED_TABLES:  # fpdf2 drops these when it embeds the font anyway
                if tag in font.ttfont:
                    del font.ttfont[tag]
        if plan.needs_fallback:  # fpdf2's per-character fallback path is slower: only if needed
            self.set_fallback_fonts([BASE_FAMILY, *plan.families], exact_match=False)
        self._wrapped: dict[tuple[str, float, str, float], list[str]] = {}
        self._widths: dict[tuple[str, str], float] = {}
        # The footer takes as many lines as its text needs; the body stops just above it.
        footer_lines = self.lines_needed(footer_text, self._footer_width(), FOOTER)
        self._footer_top = 6.5 + footer_lines * FOOTER * LINE * PT
        self.set_auto_page_break(True, margin=self._footer_top + 2.5)

    # -- measuring -----------------------------------------------------------------------------
    def family_for(self, text: str, style: str) -> tuple[str, str]:
        """The main font for a paragraph: the script's own font for Arabic, else DejaVu."""
        for family in PRIMARY_FOR_SCRIPT:
            font = self.fonts.get(family)
            if font is not None and any(
                ord(ch) in font.cmap and ord(ch) not in self.plan.base_cmap for ch in text
            ):
                return family, ""
        return BASE_FAMILY, style

    def _char_em(self, ch: str, family: str, style: str) -> float:
        key = (ch, family, style)
        w = self._widths.get(key)
        if w is None:
            cp = ord(ch)
            fonts = [self.fonts[f"{family}{style}"], self.fonts[BASE_FAMILY]]
            fonts += [self.fonts[f] for f in self.plan.families]
            font = next((f for f in fonts if cp in f.cmap), fonts[0])
            w = font.cw[cp] / 1000
            self._widths[key] = w
        return w

    def measure(self, text: str, style: str, size: float, family: str = BASE_FAMILY) -> float:
        """Width of `text` in mm at `size` points; shaped text is measured by HarfBuzz."""
        if needs_shaping(text):
            self.set_font(family, style, size)
            self.set_text_shaping(True)
            try:
                return self.get_string_width(text)
            finally:
                self.set_text_shaping(False)
        return sum(self._char_em(ch, family, style) for ch in text) * size * PT

    # -- drawing -------------------------------------------------------------------------------
    def text_block(
        self,
        text: str,
        *,
        size: float = BODY,
        style: str = "",
        x: float | None = None,
        width: float | None = None,
        colour: str = palette.TEXT,
    ) -> None:
        """Draw wrapped text from the current y, at x with the given width."""
        x = self.l_margin if x is None else x
        width = (self.w - self.r_margin - x) if width is None else width
        height = size * LINE * PT
        lines = self.wrapped(text, width, size, style)
        self.set_font(*self.family_for(text, style), size)
        self.set_text_color(*_rgb(colour))
        for line in lines:
            if self.y + height > self.page_break_trigger and not self.in_footer:
                self.add_page()
            shaped = needs_shaping(line)
            if shaped:
                self.set_text_shaping(True)
            self.set_xy(x, self.y)
            self.cell(
                width,
                height,
                line,
                align="R" if is_rtl(line) else "L",
                new_x=XPos.LEFT,
                new_y=YPos.NEXT,
            )
            if shaped:
                self.set_text_shaping(False)
        self.set_text_color(*_rgb(palette.TEXT))

    def wrapped(self, text: str, width: float, size: float = BODY, style: str = "") -> list[str]:
        """The lines `text` breaks into (remembered, as layout asks more than once)."""
        key = (text, width, style, size)
        lines = self._wrapped.get(key)
        if lines is None:
            family, style = self.family_for(text, style)
            lines = wrap(text, width, lambda s: self.measure(s, style, size, family))
            self._wrapped[key] = lines
        return lines

    def lines_needed(self, text: str, width: float, size: float = BODY, style: str = "") -> int:
        return len(self.wrapped(text, width, size, style))

    def ensure_space(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.y + height > self.page_break_trigger:
            self.add_page()

    def _footer_width(self) -> float:
        return self.w - self.l_margin - self.r_margin - 22

    def footer(self) -> None:
        self.set_y(-self._footer_top)
        self.set_draw_color(*_rgb(palette.GREY))
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
        self.ln(1)
        top = self.y
        self.text_block(self.footer_text, size=FOOTER, width=self._footer_width(), colour="#444444")
        self.set_xy(self.w - self.r_margin - 20, top)
        self.set_font(BASE_FAMILY, "", FOOTER)
        self.cell(20, FOOTER * LINE * PT, f"Page {self.page_no()} of {PAGE_ALIAS}", align="R")


# ---------------------------------------------------------------------------------------------
# Rendering the model
# ---------------------------------------------------------------------------------------------
def _texts(summary: Summary) -> Iterable[str]:
    """Every string the PDF prints, so the font plan sees all of them first."""
    yield from (summary.title, summary.disclaimer, summary.footer, *summary.sources)
    yield summary.numbers_note
    for k, v in summary.header:
        yield from (k, v)
    for section in summary.sections:
        yield from (section.heading, section.empty_note)
        for block in section.blocks:
            yield from _block_texts(block)


def _block_texts(block: Block) -> Iterable[str]:
    if isinstance(block, Paragraph):
        yield block.text
    elif isinstance(block, Fields):
        for k, v in block.items:
            yield from (k, v)
    elif isinstance(block, Bullets):
        yield block.title
        yield from block.items
    elif isinstance(block, Bars):
        yield block.title
        for bar in block.items:
            yield from (bar.label, bar.text)
    elif isinstance(block, Table):
        yield block.title
        yield from block.columns
        for row in block.rows:
            yield from row


def _draw_fields(pdf: _SummaryPDF, items: Sequence[tuple[str, str]], c) -> None:
    widest = max((pdf.measure(c(label), "B", BODY) for label, _ in items), default=0.0)
    label_w = min(max(widest + 1, 30.0), pdf.epw * 0.4)
    gap = 3.0
    value_w = pdf.epw - label_w - gap
    for label, value in items:
        label, value = c(label), c(value)
        rows = max(pdf.lines_needed(label, label_w, style="B"), pdf.lines_needed(value, value_w))
        pdf.ensure_space(min(rows, 3) * BODY * LINE * PT)
        y0 = pdf.y
        pdf.text_block(label, style="B", width=label_w, colour="#333333")
        y_label, page_label = pdf.y, pdf.page
        pdf.set_y(y0)
        pdf.text_block(value, x=pdf.l_margin + label_w + gap, width=value_w)
        if page_label == pdf.page and y_label > pdf.y:
            pdf.set_y(y_label)
        pdf.ln(0.4)


def _draw_title(pdf: _SummaryPDF, title: str, then: float) -> None:
    """A block's bold title, kept on the same page as the first `then` mm of the block."""
    if title:
        pdf.ensure_space(BODY * LINE * PT + then)
        pdf.text_block(title, style="B")


def _draw_bullets(pdf: _SummaryPDF, block: Bullets, c, size: float = BODY) -> None:
    indent = 7.0
    half = pdf.epw / 2
    items = [c(item) for item in block.items]
    first = pdf.lines_needed(items[0], pdf.epw - indent, size) if items else 0
    _draw_title(pdf, c(block.title), min(first, 3) * size * LINE * PT)
    if (
        not block.numbered
        and len(items) >= 3
        and all(pdf.lines_needed(t, half - indent - 2, size) <= 2 for t in items)
    ):
        _draw_bullet_pairs(pdf, items, indent, half, size)
        return
    line_h = size * LINE * PT
    for i, item in enumerate(items, start=1):
        marker = f"{i}." if block.numbered else "\u2022"
        lines = pdf.lines_needed(item, pdf.epw - indent, size)
        pdf.ensure_space(line_h * (lines if lines <= 6 else 1))  # keep a short item together
        y0 = pdf.y
        rtl = is_rtl(item)  # a right-to-left item gets its number on the right, as it reads
        pdf.set_font(BASE_FAMILY, "", size)
        pdf.set_xy(pdf.l_margin + (pdf.epw - indent + 1.5 if rtl else 0), y0)
        pdf.cell(indent - 1.5, line_h, marker, align="L" if rtl else "R" if block.numbered else "C")
        pdf.set_y(y0)
        x = pdf.l_margin + (0 if rtl else indent)
        pdf.text_block(item, x=x, width=pdf.epw - indent, size=size)
        pdf.ln(0.5)


def _draw_bullet_pairs(
    pdf: _SummaryPDF, items: list[str], indent: float, half: float, size: float
) -> None:
    """Short bullet items two to a row, to keep the summary to one or two pages."""
    line_h = size * LINE * PT
    for n in range(0, len(items), 2):
        pair = items[n : n + 2]
        rows = max(pdf.lines_needed(t, half - indent - 2, size) for t in pair)
        pdf.ensure_space(rows * line_h)
        y0 = pdf.y
        for column, item in enumerate(pair):
            x = pdf.l_margin + column * half
            pdf.set_font(BASE_FAMILY, "", size)
            pdf.set_xy(x, y0)
            pdf.cell(indent - 1.5, line_h, "\u2022", align="C")
            pdf.set_y(y0)
            pdf.text_block(item, x=x + indent, width=half - indent - 2, size=size)
        pdf.set_y(y0 + rows * line_h + 0.5)


def _draw_bars(pdf: _SummaryPDF, block: Bars, c) -> None:
    _draw_title(pdf, c(block.title), 2 * BODY * LINE * PT)
    label_w, bar_w, gap = 62.0, 42.0, 3.0
    text_w = pdf.epw - label_w - bar_w - 2 * gap
    line_h = BODY * LINE * PT
    for bar in block.items:
        label, text = c(bar.label), c(bar.text)
        rows = max(pdf.lines_needed(label, label_w), pdf.lines_needed(text, text_w, size=9))
        pdf.ensure_space(rows * line_h + 1)
        y0 = pdf.y
        pdf.text_block(label, width=label_w)
        y1 = pdf.y
        bx = pdf.l_margin + label_w + gap
        share = 0.0 if bar.maximum <= 0 else max(0.0, min(1.0, bar.value / bar.maximum))
        pdf.set_draw_color(*_rgb(palette.TEXT))
        pdf.set_line_width(0.2)
        pdf.set_fill_color(*_rgb(palette.LIGHT_GREY))
        pdf.rect(bx, y0 + 0.8, bar_w, line_h - 1.6, style="DF")
        if share > 0:
            pdf.set_fill_color(*_rgb(palette.BLUE))
            pdf.rect(bx, y0 + 0.8, bar_w * share, line_h - 1.6, style="DF")
        pdf.set_y(y0)
        pdf.text_block(text, x=bx + bar_w + gap, width=text_w, size=9)
        pdf.set_y(max(y1, pdf.y) + 0.8)


def _draw_table(pdf: _SummaryPDF, block: Table, c) -> None:
    _draw_title(pdf, c(block.title), 4 * 8.2 * LINE * PT)
    n = len(block.columns)
    if n == 0:
        return
    pad = 0.8
    size = 8.2
    widths = _column_widths(pdf, block, c, size, pad)
    line_h = size * LINE * PT

    def row(cells: Sequence[str], style: str, fill: str | None) -> None:
        cells = [c(x) for x in cells]
        rows = max(
            pdf.lines_needed(t, w - 2 * pad, size=size, style=style)
            for t, w in zip(cells, widths, strict=True)
        )
        height = rows * line_h + 2 * pad
        pdf.ensure_space(height)
        y0 = pdf.y
        x = pdf.l_margin
        pdf.set_draw_color(*_rgb(palette.GREY))
        pdf.set_line_width(0.2)
        for text, w in zip(cells, widths, strict=True):
            if fill:
                pdf.set_fill_color(*_rgb(fill))
                pdf.rect(x, y0, w, height, style="DF")
            else:
                pdf.rect(x, y0, w, height)
            pdf.set_y(y0 + pad)
            pdf.text_block(text, x=x + pad, width=w - 2 * pad, size=size, style=style)
            x += w
        pdf.set_y(y0 + height)

    row(block.columns, "B", palette.LIGHT_GREY)
    for cells in block.rows:
        row(tuple(cells) + ("",) * (n - len(cells)), "", None)
    pdf.ln(1)


def _column_widths(pdf: _SummaryPDF, block: Table, c, size: float, pad: float) -> list[float]:
    """Column widths in proportion to what each column holds, none narrower than 15%."""
    natural = []
    for i, heading in enumerate(block.columns):
        cells = [c(heading)] + [c(row[i]) for row in block.rows if i < len(row)]
        longest = max(
            max(pdf.measure(line, "B" if j == 0 else "", size) for line in cell.split("\n"))
            for j, cell in enumerate(cells)
        )
        natural.append(longest + 2 * pad + 0.5)
    floor = pdf.epw * 0.15
    if sum(natural) <= pdf.epw:
        spare = pdf.epw - sum(natural)
        return [w + spare * w / sum(natural) for w in natural]
    widths = [max(floor, pdf.epw * w / sum(natural)) for w in natural]
    return [w * pdf.epw / sum(widths) for w in widths]


def _draw_section(pdf: _SummaryPDF, section: Section, c) -> None:
    heading_h = H2 * LINE * PT
    pdf.ensure_space(heading_h + 3 * BODY * LINE * PT)
    pdf.ln(1.8)
    pdf.text_block(c(section.heading), size=H2, style="B", colour=palette.BLUE)
    pdf.set_draw_color(*_rgb(palette.BLUE))
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    pdf.ln(1.0)
    if section.is_empty:
        pdf.text_block(c(section.empty_note), colour="#555555")
    for block in section.blocks:
        if isinstance(block, Paragraph):
            style = "B" if block.kind == "strong" else ""
            size = SMALL if block.kind == "note" else BODY
            colour = "#555555" if block.kind == "note" else palette.TEXT
            pdf.text_block(c(block.text), style=style, size=size, colour=colour)
        elif isinstance(block, Fields):
            _draw_fields(pdf, block.items, c)
        elif isinstance(block, Bullets):
            _draw_bullets(pdf, block, c)
        elif isinstance(block, Bars):
            _draw_bars(pdf, block, c)
        elif isinstance(block, Table):
            _draw_table(pdf, block, c)
        if block is not section.blocks[-1]:
            pdf.ln(0.8)


def summary_pdf(summary: Summary, font_dirs: tuple[Path, ...] = FONT_DIRS) -> bytes:
    """The summary as PDF bytes (built in memory; nothing is written to disk).

    Raises FontsMissingError (with install instructions) if the base font is not installed.
    """
    plan = FontPlan(font_dirs)
    for text in _texts(summary):
        cleaned = plan.clean(text)
        plan.shaped = plan.shaped or needs_shaping(cleaned)
    clean = plan.clean
    pdf = _SummaryPDF(plan, clean(summary.footer))
    pdf.set_title(clean(summary.title))
    pdf.set_lang("en")
    pdf.set_creator("CAR-T decision aid")
    pdf.add_page()

    pdf.text_block(clean(summary.title), size=H1, style="B")
    pdf.ln(1)
    _draw_fields(pdf, summary.header, clean)
    pdf.ln(1)
    _draw_note_box(pdf, clean(summary.disclaimer))
    for section in summary.sections:
        _draw_section(pdf, section, clean)
    if summary.sources:
        pdf.ensure_space(H2 * LINE * PT + 2 * SMALL * LINE * PT)
        pdf.ln(2)
        pdf.text_block(clean("Sources"), size=H2 - 1.5, style="B", colour=palette.BLUE)
        pdf.text_block(clean("  \u2022  ".join(summary.sources)), size=SMALL - 0.5)
    if summary.numbers_note:
        pdf.ln(1)
        pdf.text_block(clean(summary.numbers_note), size=SMALL - 0.5, colour="#444444")
    if plan.missing:
        pdf.ln(2)
        pdf.ensure_space(3 * SMALL * LINE * PT)
        pdf.text_block(MISSING_NOTE, size=SMALL, style="B")
    return bytes(pdf.output())


def _draw_note_box(pdf: _SummaryPDF, text: str) -> None:
    """The disclaimer in a light box near the top, where nobody misses it."""
    pad = 2.0
    lines = pdf.lines_needed(text, pdf.epw - 2 * pad, size=9)
    height = lines * 9 * LINE * PT + 2 * pad
    pdf.ensure_space(height)
    pdf.set_fill_color(*_rgb(palette.LIGHT_GREY))
    pdf.rect(pdf.l_margin, pdf.y, pdf.epw, height, style="F")
    y0 = pdf.y
    pdf.set_y(y0 + pad)
    pdf.text_block(text, x=pdf.l_margin + pad, width=pdf.epw - 2 * pad, size=9)
    pdf.set_y(y0 + height)


def cached_summary_pdf(summary: Summary, cache: dict | None, key: str) -> dict:
    """The PDF for `summary`, reusing `cache` when it was built for the same `key`.

    Returns the cache to keep: {"key", "pdf" (bytes or None), "error" (a calm message or "")}.
    Never raises: a PDF problem must not cost the person their summary; the text download
    still works. Logs only the kind of problem, never any text.
    """
    if cache and cache.get("key") == key:
        return cache
    try:
        return {"key": key, "pdf": summary_pdf(summary), "error": ""}
    except FontsMissingError as exc:
        LOG.error("summary PDF: base font missing")
        return {"key": key, "pdf": None, "error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - any failure becomes a calm message
        LOG.error("summary PDF failed: %s", type(exc).__name__)
        return {"key": key, "pdf": None, "error": "Sorry, the PDF could not be made just now."}

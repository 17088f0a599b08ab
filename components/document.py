"""The summary as one HTML document, rendered three ways: HTML, tagged PDF/UA-1 and plain text.

Pure (no Streamlit). `summary_html` fills the autoescaping Jinja2 template in
data/templates/summary.html.j2 from the summary model, so everything a person typed is escaped
and shows literally. `summary_pdf` hands the same HTML to WeasyPrint, which writes a tagged
PDF/UA-1 (structure tree, document language, title) and finds fonts for every script through
fontconfig. `summary_text` is the plain-text download. Each is built only when the person asks
for it (the page passes these functions, with their values bound, as deferred download data).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from components import summary_model

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = ROOT / "data" / "templates"
TEMPLATE = "summary.html.j2"
LANG = "en"
HOME_KEY = "at_home"  # the page for home: printed last, on a page of its own
PDF_VARIANT = "pdf/ua-1"
MIME = {"html": "text/html", "pdf": "application/pdf", "text": "text/plain"}
INSTALL_HINT = (
    "The PDF needs the Pango library: run 'scripts/install-system-packages.sh run' "
    "(Debian packages libpango-1.0-0 and libpangoft2-1.0-0)."
)
LOG = logging.getLogger("cart_decision_aid")


class DocumentError(RuntimeError):
    """A document could not be made; the message is calm and safe to show."""


@functools.lru_cache(maxsize=4)
def _environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """The template environment (our own files only; never anything a person typed)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


@dataclass(frozen=True)
class _View:
    """One section as the template sees it: its blocks tagged with their kind."""

    heading: str
    blocks: tuple[dict[str, Any], ...]
    empty_note: str
    is_empty: bool
    css: str


_KINDS: dict[type, str] = {
    summary_model.Paragraph: "paragraph",
    summary_model.Fields: "fields",
    summary_model.Bullets: "bullets",
    summary_model.Bars: "bars",
    summary_model.Table: "table",
}


def _block_view(block: summary_model.Block) -> dict[str, Any]:
    view = {name: getattr(block, name) for name in block.__dataclass_fields__}
    view.setdefault("title", "")
    view["kind_of"] = _KINDS[type(block)]
    if isinstance(block, summary_model.Table):  # every row one cell per column, as the header says
        width = len(block.columns)
        view["rows"] = tuple(tuple(r[:width]) + ("",) * (width - len(r)) for r in block.rows)
    return view


def _section_view(section: summary_model.Section) -> _View:
    return _View(
        heading=section.heading,
        blocks=tuple(_block_view(b) for b in section.blocks),
        empty_note=section.empty_note,
        is_empty=section.is_empty,
        css=section.key.replace("_", "-"),
    )


def _clean(text: str) -> str:
    """Text safe for an XML-based document: control characters (other than tab and line breaks)
    and lone surrogates become U+FFFD, visibly, instead of breaking the file."""
    out = []
    for ch in text:
        cp = ord(ch)
        if ch in "\t\n\r" or (cp >= 0x20 and not 0x7F <= cp <= 0x9F and not 0xD800 <= cp <= 0xDFFF):
            out.append(ch)
        else:
            out.append("\ufffd")
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, tuple):
        return tuple(_cleaned(v) for v in value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    if isinstance(value, _View):
        return _View(**{k: _cleaned(getattr(value, k)) for k in value.__dataclass_fields__})
    return value


def summary_html(summary: summary_model.Summary, template_dir: Path = TEMPLATE_DIR) -> str:
    """The summary as one accessible HTML document (language, title, one h1, real headings and
    tables with header cells); every string escaped."""
    template = _environment(template_dir).get_template(TEMPLATE)
    sections = [_cleaned(_section_view(s)) for s in summary.sections if s.key != HOME_KEY]
    home = [_cleaned(_section_view(s)) for s in summary.sections if s.key == HOME_KEY]
    header = _cleaned(summary.header)
    return template.render(
        lang=LANG,
        s=_SummaryView(summary, header),
        sections=sections,
        home=home[0] if home else None,
    )


class _SummaryView:
    """The summary's own strings (title, header, disclaimer, sources, footer), cleaned."""

    def __init__(self, summary: summary_model.Summary, header: tuple[tuple[str, str], ...]):
        self.title = _clean(summary.title)
        self.header = header
        self.disclaimer = _clean(summary.disclaimer)
        self.sources = tuple(_clean(s) for s in summary.sources)
        self.numbers_note = _clean(summary.numbers_note)
        self.footer = _clean(summary.footer)


def _weasyprint() -> Any:
    """The WeasyPrint module, imported on first use (it loads Pango through cffi)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise DocumentError(INSTALL_HINT) from exc
    return weasyprint


def pdf_problem() -> str:
    """ "" when a PDF can be made here, else a calm sentence saying what is missing."""
    try:
        _weasyprint()
    except DocumentError as exc:
        return str(exc)
    return ""


def summary_pdf(summary: summary_model.Summary) -> bytes:
    """The summary as a tagged PDF/UA-1, made by WeasyPrint from `summary_html`."""
    weasyprint = _weasyprint()
    html = weasyprint.HTML(string=summary_html(summary), base_url=str(TEMPLATE_DIR))
    return bytes(html.write_pdf(pdf_variant=PDF_VARIANT))


def summary_text(summary: summary_model.Summary) -> bytes:
    """The plain-text download (UTF-8), exactly as `summary.to_plain_text` writes it."""
    return summary_model.to_plain_text(summary).encode("utf-8")


def summary_html_bytes(summary: summary_model.Summary) -> bytes:
    """The HTML download (UTF-8)."""
    return summary_html(summary).encode("utf-8")


BUILDERS: dict[str, Callable[[summary_model.Summary], bytes]] = {
    "html": summary_html_bytes,
    "pdf": summary_pdf,
    "text": summary_text,
}


def deferred(kind: str, summary: summary_model.Summary, failed: str) -> Callable[[], bytes]:
    """A no-argument builder for `st.download_button(data=...)`: it runs only on Download,
    outside the script run, so the summary is bound here and nothing reads session state.
    A failure is logged without the person's text and re-raised as a calm DocumentError
    that says `failed` (the page's words for it)."""
    build = BUILDERS[kind]

    def make() -> bytes:
        try:
            return build(summary)
        except DocumentError:
            raise
        except Exception as exc:  # any engine problem: log its kind only, never the text
            LOG.error("The %s summary could not be made (%s).", kind, type(exc).__name__)
            raise DocumentError(failed) from None

    return make

"""Reading an HTML document in tests: its tags with attributes, and its text, in order."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"br", "meta", "img", "hr", "input", "link"}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.text_in: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)
        if self.open:
            self.text_in.setdefault(self.open[-1], []).append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def tags_in_order(html: str, names: tuple[str, ...]) -> list[str]:
    """The tags named in `names`, in document order."""
    return [tag for tag, _ in parse(html).tags if tag in names]

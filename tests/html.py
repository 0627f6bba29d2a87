"""Reading a page as a person does: its headings, links, tables, summary lists and form labels.

Two kinds of text: `text` is what a sighted person reads (visually hidden text left out), `spoken` is what a
screen reader announces (visually hidden text included, aria-hidden text and aria-label respected).
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NEVER_SHOWN = {"script", "style", "template", "title", "head"}
# Text in these runs on with the text around it; any other element (a paragraph, a cell, a line break) sets
# its text apart, as a person reads it.
INLINE = {
    "a",
    "abbr",
    "b",
    "cite",
    "code",
    "em",
    "i",
    "label",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    def _shown(self, spoken):
        if self.tag in NEVER_SHOWN or "hidden" in self.attrs:
            return False
        if spoken:
            return self.attrs.get("aria-hidden") != "true"
        return "govuk-visually-hidden" not in self.classes

    def _text(self, spoken):
        if not self._shown(spoken):
            return ""
        if spoken and self.attrs.get("aria-label"):
            return self.attrs["aria-label"]
        return "".join(
            child
            if isinstance(child, str)
            else child._text(spoken)
            if child.tag in INLINE
            else f" {child._text(spoken)} "
            for child in self.children
        )

    @property
    def text(self):
        """The text a sighted person reads, whitespace collapsed."""
        return " ".join(self._text(spoken=False).split())

    @property
    def spoken(self):
        """The text a screen reader announces, whitespace collapsed."""
        return " ".join(self._text(spoken=True).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, *tags, **attrs):
        """Descendants with one of these tags (any tag if none given) whose attributes have these values."""
        return [
            node
            for node in self.iter()
            if (not tags or node.tag in tags) and all(node.attrs.get(k) == v for k, v in attrs.items())
        ]

    def find(self, *tags, **attrs):
        found = self.find_all(*tags, **attrs)
        if not found:
            raise AssertionError(f"No {tags or 'element'} with {attrs} on the page")
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("document", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def document(response_or_html):
    """The page as a tree of Nodes: pass a test client response or HTML."""
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    return builder.root


def headings(response, level):
    """The visible text of every heading of this level, in order."""
    return [node.text for node in document(response).find_all(f"h{level}")]


def links(response_or_node):
    """Every link as (what a screen reader announces, href), in order."""
    root = response_or_node if isinstance(response_or_node, Node) else document(response_or_node)
    return [(node.spoken, node.attrs.get("href")) for node in root.find_all("a")]


def page_text(response):
    """The page's visible text as one line, its whitespace collapsed: what a person reads."""
    return document(response).text


def main_text(response):
    """The visible text of the page's main content."""
    return document(response).find("main").text


def breadcrumbs(response):
    """The breadcrumb trail as (label, href); the current page has no href."""
    trail = document(response).find("nav", **{"aria-label": "Breadcrumb"})
    return [
        (item.text, item.find_all("a")[0].attrs["href"] if item.find_all("a") else None)
        for item in trail.find_all("li")
    ]


def region(response, name):
    """The element with role="region" (or a landmark) whose label reads `name`."""
    root = document(response)
    for node in root.iter():
        labelled_by = node.attrs.get("aria-labelledby")
        label = root.find(id=labelled_by).text if labelled_by else node.attrs.get("aria-label")
        if node.attrs.get("role") == "region" and label == name:
            return node
    raise AssertionError(f"No region named {name!r}")


def summary_list(response):
    """The page's summary lists as {key: value}, each as visible text."""
    return {key: value for key, (value, _actions) in summary_rows(response).items()}


def error_summary(response):
    """What the error summary lists, each error as visible text ([] when the page has no errors)."""
    summaries = document(response).find_all("div", **{"data-module": "govuk-error-summary"})
    return [item.text for summary in summaries for item in summary.find_all("li")]


def legends(response):
    return [node.text for node in document(response).find_all("legend")]


def labels(response):
    return [node.text for node in document(response).find_all("label")]


def _cell(node):
    anchors = node.find_all("a")
    return (node.text, anchors[0].attrs.get("href") if anchors else None)


def tables(response):
    """Each table as {"caption", "rows", "node"}: the caption as announced (often visually hidden, it names the
    table), each row its cells as (visible text, first link)."""
    return [
        {
            "caption": table.find_all("caption")[0].spoken if table.find_all("caption") else "",
            "rows": [[_cell(cell) for cell in row.find_all("td", "th")] for row in table.find_all("tr")],
            "node": table,
        }
        for table in document(response).find_all("table")
    ]


def table_records(table):
    """A table's body rows as {header text: cell text}, the first row being the header."""
    header, *rows = table["rows"]
    # A sortable column's header ends with the arrow that shows the current order.
    names = [text.rstrip(" ▲▼") for text, _href in header]
    return [{name: text for name, (text, _href) in zip(names, row, strict=False)} for row in rows]


def table_by_caption(response, start):
    """The first table whose caption starts with `start`."""
    return next(table for table in tables(response) if table["caption"].strip().startswith(start))


def sorted_by(table):
    """The column a table says (aria-sort) it is sorted by: (header text, "ascending" or "descending", its link)."""
    [header] = [node for node in table["node"].find_all("th") if node.attrs.get("aria-sort")]
    return (header.text.rstrip(" ▲▼"), header.attrs["aria-sort"], _cell(header)[1])


def row_for(response, heading):
    """The cells of the first table row whose header cell reads `heading`."""
    for table in tables(response):
        for row in table["rows"]:
            if row and row[0][0] == heading:
                return row
    raise AssertionError(f"No table row headed {heading!r}")


def summary_rows(response_or_html):
    """Every summary list row on a page: {key: (value text, [action link texts])}, text as a person reads it."""
    rows = {}
    for row in document(response_or_html).find_all("div"):
        if "govuk-summary-list__row" not in row.classes:
            continue
        parts = {
            part: node
            for node in row.find_all("dt", "dd")
            for part in ("key", "value", "actions")
            if f"govuk-summary-list__{part}" in node.classes
        }
        actions = [link.text for link in parts["actions"].find_all("a")] if "actions" in parts else []
        rows[parts["key"].text] = (parts["value"].text if "value" in parts else "", actions)
    return rows


def section(html, heading_id):
    """The page's HTML from the heading with this id to the next heading of the same level."""
    start = html.index(f'id="{heading_id}"')
    level = html[html.rindex("<h", 0, start) + 2]
    end = html.find(f"<h{level}", start)
    return html[start : end if end != -1 else len(html)]


def field_error(response_or_html, name):
    """The error message shown beside a form field (in its form group), or None."""
    group = document(response_or_html).find(id=f"div_id_{name}")
    messages = [node.text for node in group.iter() if "govuk-error-message" in node.classes]
    return messages[0] if messages else None

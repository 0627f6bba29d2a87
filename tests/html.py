"""Reading a page as a person does: its tables' visible text and links."""

import re
from html.parser import HTMLParser


class _Tables(HTMLParser):
    """Each table's caption and rows; a cell is (visible text, first link). Visually hidden text is left out."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._hidden_depth, self._span_depth, self._in_caption = [], None, 0, 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = {"text": "", "href": None}
        elif tag == "a" and self._cell is not None and self._cell["href"] is None:
            self._cell["href"] = attrs.get("href")
        elif tag == "span":
            self._span_depth += 1
            if "govuk-visually-hidden" in (attrs.get("class") or "") and not self._hidden_depth:
                self._hidden_depth = self._span_depth

    def handle_endtag(self, tag):
        if tag == "span":
            if self._hidden_depth == self._span_depth:
                self._hidden_depth = 0
            self._span_depth -= 1
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append((" ".join(self._cell["text"].split()), self._cell["href"]))
            self._cell = None

    def handle_data(self, data):
        if self._hidden_depth:
            return
        if self._cell is not None:
            self._cell["text"] += data
        elif self._in_caption:
            self.tables[-1]["caption"] += data


def tables(response):
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def table_records(table):
    """A table's body rows as {header text: cell text}, the first row being the header."""
    header, *rows = table["rows"]
    # A sortable column's header ends with the arrow that shows the current order.
    names = [text.rstrip(" ▲▼") for text, _href in header]
    return [{name: text for name, (text, _href) in zip(names, row, strict=False)} for row in rows]


def table_by_caption(response, start):
    """The first table whose caption starts with `start`."""
    return next(table for table in tables(response) if table["caption"].strip().startswith(start))


def row_for(response, heading):
    """The cells of the first table row whose header cell reads `heading`."""
    for table in tables(response):
        for row in table["rows"]:
            if row and row[0][0] == heading:
                return row
    raise AssertionError(f"No table row headed {heading!r}")


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """A page's visible text: no tags, scripts, styles or visually hidden text."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip_depth, self._depth, self._skipping = [], 0, 0, False

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        self._depth += 1
        hidden = "govuk-visually-hidden" in (dict(attrs).get("class") or "") or tag in ("script", "style", "title")
        if hidden and not self._skip_depth:
            self._skip_depth = self._depth

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if self._skip_depth == self._depth:
            self._skip_depth = 0
        self._depth -= 1

    def handle_data(self, data):
        if not self._skip_depth:
            self.parts.append(data)


def page_text(response):
    """The page's visible text as one line, its whitespace collapsed: what a person reads."""
    parser = _Text()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


class _SummaryLists(HTMLParser):
    """Each summary list row as (key text, value text, [action link texts]); visually hidden text left out."""

    def __init__(self):
        super().__init__()
        self.rows, self._part, self._hidden_depth, self._span_depth = [], None, 0, 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if "govuk-summary-list__row" in classes:
            self.rows.append({"key": "", "value": "", "actions": []})
        elif tag in ("dt", "dd") and self.rows:
            part = next((c.split("__")[1] for c in classes if c.startswith("govuk-summary-list__")), None)
            self._part = part if part in ("key", "value", "actions") else None
        elif tag == "a" and self._part == "actions":
            self.rows[-1]["actions"].append("")
        elif tag == "span":
            self._span_depth += 1
            if "govuk-visually-hidden" in classes and not self._hidden_depth:
                self._hidden_depth = self._span_depth

    def handle_endtag(self, tag):
        if tag == "span":
            if self._hidden_depth == self._span_depth:
                self._hidden_depth = 0
            self._span_depth -= 1
        elif tag in ("dt", "dd"):
            self._part = None

    def handle_data(self, data):
        if self._hidden_depth or self._part is None:
            return
        row = self.rows[-1]
        if self._part == "actions":
            if row["actions"]:
                row["actions"][-1] += data.strip()
        else:
            row[self._part] += data


def summary_rows(html):
    """Every summary list row on a page: {key: (value text, [action link texts])}, text as a person reads it."""
    parser = _SummaryLists()
    parser.feed(html)
    return {" ".join(row["key"].split()): (" ".join(row["value"].split()), row["actions"]) for row in parser.rows}


def section(html, heading_id):
    """The page's HTML from the heading with this id to the next heading of the same level."""
    start = html.index(f'id="{heading_id}"')
    level = html[html.rindex("<h", 0, start) + 2]
    end = html.find(f"<h{level}", start)
    return html[start : end if end != -1 else len(html)]


def field_error(html, name):
    """The error message shown beside a form field (in its form group), as read aloud, or None."""
    start = html.index(f'id="div_id_{name}"')
    end = html.find('id="div_id_', start + 1)
    group = html[start : end if end != -1 else len(html)]
    found = re.search(
        r'class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:</span>(.*?)</span>', group, re.S
    )
    return " ".join(found.group(1).split()) if found else None

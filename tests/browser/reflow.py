"""Measuring reflow (WCAG 2.2, 1.4.10): at 320 CSS pixels wide nothing but a table scrolls sideways."""

# A small phone, the width the criterion names.
PHONE = {"width": 320, "height": 640}

TABLES_IN_SCROLL_REGIONS = """() => [...document.querySelectorAll("table")].filter(table => {
  const region = table.parentElement;
  const label = region.getAttribute("aria-labelledby");
  return !(region.getAttribute("role") === "region" && region.tabIndex === 0
           && label && table.caption && table.caption.id === label);
}).map(table => table.caption ? table.caption.textContent.trim() : table.outerHTML.slice(0, 80))"""


def page_width(page):
    """How wide the page is laid out, in CSS pixels: wider than its viewport, and it scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth")


def tables_outside_scroll_regions(page):
    """Tables not wrapped in a keyboard-focusable region named by the table's caption (so that one wider than
    the screen can be scrolled and is announced), as their captions."""
    return page.evaluate(TABLES_IN_SCROLL_REGIONS)

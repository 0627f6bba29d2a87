"""Board packs: one plan cut for each audience, as a web page and as a PDF made from the same HTML.

`audiences` says what each audience sees, `content` gathers a pack's figures from the history, `pdf` renders
it with WeasyPrint, `views` serves the form, the pack, its PDF and a council's public page.
"""

"""Import a council's spreadsheet action plan into an inspection: read the file (reading), match its
headings (headings), read its dates and statuses (values), check and save each row through
django-import-export's Resource (resource), and the pages and command that drive it (views, preview)."""

"""Surface benchmark of `jixiao audit`: each relation in many surface forms and file formats.

Kept apart from the detectors' development (issue 10): the detector engineer never reads
this folder. `templates` writes every relation type in several wordings and table shapes,
each in a consistent and an inconsistent version; `render` turns a document into text
layouts (pipes, one cell per line, spaces, tabs, a header over two lines, hard-wrapped
prose) and files (html, docx, xlsx, pdf via the project's Typst engine); `bench.run` audits
them all and counts recall on the inconsistent and false alarms on the consistent versions.
"""

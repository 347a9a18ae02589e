"""click commands, one module each; `extract.cli` assembles them.

Command modules import heavy libraries (spaCy, SQLAlchemy) inside the command
body so that `paperlist --help` and `--version` answer instantly.
"""

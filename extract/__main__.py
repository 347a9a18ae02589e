"""`python -m extract` runs the paperlist CLI."""

from extract.cli import main

main(prog_name="paperlist")

"""paperlist: raw listings of research papers -> validated, grounded JSON Lines."""

__version__ = "0.1.0"

"""HTML views of learning titles, one module per page family (urls.py names them)."""

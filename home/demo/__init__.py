"""The home page has no example content of its own; `bench.py` adds its pages to
`make bench`. Its text is true content (`home.content`)."""

"""Demo content as plain data: the one way the demo writes StreamField content.

Long texts live in TOML files next to the demo modules. A block there is a
table with its `type` (the StreamField block name) and either a `value` (for a
block that holds one value, such as a paragraph) or the block's own fields.
Lists named `documents` hold keys, which `stream` replaces by the documents.
"""

import tomllib
from pathlib import Path


def read_data(module_file, name):
    """The TOML data file `name` next to the demo module `module_file`."""
    path = Path(module_file).resolve().parent / name
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _resolve(value, documents):
    if isinstance(value, dict):
        return {
            key: (
                [documents[item] for item in item_value]
                if key == "documents"
                else _resolve(item_value, documents)
            )
            for key, item_value in value.items()
        }
    if isinstance(value, list):
        return [_resolve(item, documents) for item in value]
    return value


def stream(blocks, documents=None):
    """StreamField content from data blocks, e.g. `{"type": "paragraph", ...}`."""
    content = []
    for block in blocks:
        fields = {key: value for key, value in block.items() if key != "type"}
        value = fields["value"] if "value" in fields else fields
        content.append((block["type"], _resolve(value, documents or {})))
    return content


def heading(text):
    return {"type": "heading", "text": text, "level": "h2"}


def paragraph(html):
    return {"type": "paragraph", "value": html}

"""Step 5's labelling grid: the consultant reads a random sample of the client's mentions and
labels each negative / neutral / positive / not about us.

The sample (seeded, in random order; ``size`` mentions, default 100) is written once into
``tone_labels.csv`` beside the other tables, in the folder's CSV format; after that the grid
edits that file like any other table, and the risk chapter takes the negative share from the
labels and the scorers' calls on all mentions (prediction-powered inference). Drawing a new
sample means deleting the file: labels are never silently replaced.
"""

from __future__ import annotations

import ipywidgets as w

from ..notebook import Session
from ..steps.risks import tone
from .grid import table_form


def write_label_sample(session: Session, size: int = tone.SAMPLE_SIZE) -> bool:
    """Write the sample to label into the workspace unless it has a labels table already;
    True if written. Needs the mentions export (step 5's result)."""
    if session.ws.has("tone_labels") or session.ws.source_file("tone_labels") is not None:
        return False
    m = session.run("risks").mentions
    if m is None:
        return False
    sample = tone.label_sample(m[m["about_firm"]], size)
    from ..workspace import csv_format

    path = session.ws.path / "tone_labels.csv"
    sibling = next(iter(sorted(session.ws.path.glob("*.csv"))), None)
    fmt = csv_format(sibling) if sibling is not None else None
    sep = fmt.separator if fmt is not None else ","
    encoding = fmt.encoding if fmt is not None else "utf-8-sig"
    text = sample.to_csv(sep=sep, index=False, lineterminator="\n")
    path.write_bytes(text.encode(encoding, errors="replace"))
    session.reload()
    return True


def tone_labels_form(session: Session, size: int = tone.SAMPLE_SIZE) -> w.VBox:
    """Step 5: the consultant's tone labels (tone_labels.csv), as an editable grid."""
    write_label_sample(session, size)
    return table_form(session, "tone_labels").widget


__all__ = ["tone_labels_form", "write_label_sample"]

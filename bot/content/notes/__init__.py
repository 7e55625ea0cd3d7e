"""The notes importer: markdown notes in, candidate questions out.

`read_notes` takes files and folders and gives each readable note, with a clear problem for
each file that is not one (binary, not UTF-8, empty, too large, no structure). `propose` turns
notes into candidates with a confidence score, and the reasons it rejected the rest.
"""

from ._markdown import Note, parse_note
from ._questions import TYPO_CORRECTED, Candidate, Proposal, Rejection, Why
from ._read import MAX_NOTE_BYTES, NoteFile, NoteProblem, ProblemKind, decode_note, read_notes
from ._run import FileReport, ImportReport, propose

__all__ = [
    "MAX_NOTE_BYTES",
    "TYPO_CORRECTED",
    "Candidate",
    "FileReport",
    "ImportReport",
    "Note",
    "NoteFile",
    "NoteProblem",
    "ProblemKind",
    "Proposal",
    "Rejection",
    "Why",
    "decode_note",
    "parse_note",
    "propose",
    "read_notes",
]

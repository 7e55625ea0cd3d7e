"""The content bank: topics and questions in YAML, checked against docs/writing-questions.md.

`load_bank` gives a fully validated Bank or raises ContentError listing every problem as
`file:line: message`; `check_bank` returns the same problems instead of raising.
"""

from ._loader import check_bank, load_bank
from ._problems import ContentError, ContentProblem

__all__ = ["ContentError", "ContentProblem", "check_bank", "load_bank"]

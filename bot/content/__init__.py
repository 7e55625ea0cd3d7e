"""The content bank: topics and questions in YAML, checked against docs/writing-questions.md.

`load_bank` gives a fully validated Bank or raises ContentError listing every problem as
`file:line: message`; `check_bank` returns the same problems instead of raising, with the
warnings an author should see. `summarise` counts a bank's questions per topic, exam and
difficulty, and how often an answer is its question's longest choice.
"""

from ._audit import BankSummary, summarise
from ._loader import BankCheck, check_bank, load_bank
from ._problems import ContentError, ContentProblem

__all__ = [
    "BankCheck",
    "BankSummary",
    "ContentError",
    "ContentProblem",
    "check_bank",
    "load_bank",
    "summarise",
]

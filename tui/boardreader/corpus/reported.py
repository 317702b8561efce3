"""What a paper reports of actions given at an earlier meeting: done, or still open.

Minutes review the last meeting's actions in a few ways, and each is read here from the finished
sections (so every layout that makes them gets this for free):

- an action log: a table with an action column and a status column (`Ref | Action | Owner | Status`,
  `Action | Lead | Progress`), each row an action with its status in words ("Complete", "Ongoing");
- under a heading that says so ("Matters arising", "Actions from the last meeting", "Action log",
  "Review of actions"), a line that ends with its status: "Clerk to obtain quotes – completed.",
  "Ada Brook to circulate the plan (ongoing)", "... Done.";
- anywhere, an action repeated "(carried forward)": still open.

A status is only ever the words the paper uses: a row or line with none reports nothing. Matching
a report to the earlier action it speaks of is the library's work (library/actions.py).
"""

from __future__ import annotations

import re

from .model import ActionStatus, Paragraph, Place, ReportedAction, Section

_DONE = r"done|complete[d]?|closed|actioned|achieved|delivered|finished|discharged"
_OPEN = (
    r"open|on-?going|in[ -]progress|outstanding|carried[ -]forward|c/f|pending|not[ -]started|under[ -]?way"
    r"|not[ -]yet[ -](?:done|complete[d]?)|overdue|deferred|in[ -]hand"
)
_STATUS_WORD = re.compile(rf"^(?:(?P<done>{_DONE})|(?P<open>{_OPEN}))\b", re.IGNORECASE)
# A status set after the action's words: " – completed.", " - Ongoing", "(done)", ": closed", ". Complete."
_STATUS_AT_END = re.compile(
    rf"(?:\s[–—-]\s*|\s*[(\[]|:\s*|[.;]\s+)(?:status\s*:\s*)?(?P<word>(?:{_DONE})|(?:{_OPEN}))\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
_CARRIED = re.compile(r"[(\[] ?(?:carried forward|c/f|b/f|brought forward) ?[)\]]", re.IGNORECASE)
# A status is looked for in a line's last characters only: that is where it stands, and no line
# however long costs more than these few to look through.
_STATUS_WINDOW = 60
_REVIEW_HEADING = re.compile(
    r"\b(?:matters?\s+arising|action\s+(?:log|tracker|list|sheet|points?\s+update)|actions?\s+(?:from|arising\s+from)"
    r"\s+(?:the\s+)?(?:last|previous|prior)|(?:review|update|progress)\s+(?:of|on)\s+(?:the\s+)?actions?"
    r"|outstanding\s+actions|previous\s+actions|actions?\s+update)\b",
    re.IGNORECASE,
)
_ACTION_COLUMN = re.compile(r"^(?:actions?|action\s+(?:agreed|required|point)|description|task)$", re.IGNORECASE)
_STATUS_COLUMN = re.compile(r"^(?:status|progress|update|rag(?:\s+status)?|progress\s*/\s*update)$", re.IGNORECASE)
_OWNER_COLUMN = re.compile(r"^(?:owner|lead|lead officer|by whom|responsible|who|action\s+by)$", re.IGNORECASE)
# "Ada Brook to circulate ...", "Cllr Oduya to inspect ...", "Clerk to write ...": who a line gives it
# to. One word alone is a post, never a verb that opens the action ("Write to the harbour master").
_OWNER_LEAD = re.compile(
    r"^(?:The\s)?(?P<who>(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?"
    r"|[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){1,2}|Clerk|Chair|Chairman|Secretary|Treasurer|Officers|RFO)\sto\s[a-z]"
)


def status_of(words: str) -> ActionStatus | None:
    """The status a status cell opens with ("Complete – sent 3 April" is done), else None."""
    m = _STATUS_WORD.match(words.strip())
    if m is None:
        return None
    return "done" if m.group("done") else "open"


def status_at_end(text: str) -> tuple[str, ActionStatus] | None:
    """A line that ends with its status: the action's words before it, and the status."""
    tail_at = max(0, len(text) - _STATUS_WINDOW)
    m = _STATUS_AT_END.search(text, tail_at)
    if m is None or m.start() == 0:
        return None
    status = status_of(m.group("word"))
    words = text[: m.start()].strip(" –—-:;.(")
    return (words, status) if status and words else None


def is_review_heading(heading: str | None) -> bool:
    return bool(heading and _REVIEW_HEADING.search(heading))


def reported_actions(sections: tuple[Section, ...] | list[Section]) -> tuple[ReportedAction, ...]:
    """Every action this paper reports on, where it does so, in the paper's order."""
    out: list[ReportedAction] = []
    for s_i, section in enumerate(sections):
        review = is_review_heading(section.heading)
        columns: tuple[int, int | None, int] | None = None  # action, owner, status: the log being read
        for p_i, para in enumerate(section.paragraphs):
            if para.cells:
                head = log_columns(para.cells)
                if head is not None:
                    columns = head
                    continue
                if columns is not None:
                    found = _log_row(para, columns, Place(s_i, p_i))
                    if found is not None:
                        out.append(found)
                    continue
            else:
                columns = None
            if review and (review_line := _review_line(para, Place(s_i, p_i))) is not None:
                out.append(review_line)
            elif para.kind == "action" and _CARRIED.search(para.text):
                text = " ".join(_CARRIED.sub(" ", para.text).split())
                out.append(ReportedAction(text, para.owner, "open", Place(s_i, p_i)))
    return tuple(out)


def log_columns(cells: tuple[str, ...]) -> tuple[int, int | None, int] | None:
    """An action log's header row: which cell holds the action, its owner and its status."""
    names = [c.strip().rstrip(":") for c in cells]
    action = next((i for i, n in enumerate(names) if _ACTION_COLUMN.match(n)), None)
    status = next((i for i, n in enumerate(names) if _STATUS_COLUMN.match(n)), None)
    if action is None or status is None:
        return None
    return action, next((i for i, n in enumerate(names) if _OWNER_COLUMN.match(n)), None), status


def _log_row(para: Paragraph, columns: tuple[int, int | None, int], place: Place) -> ReportedAction | None:
    action, owner, status = columns
    cells = para.cells
    if max(action, status) >= len(cells):
        return None
    said = status_of(cells[status])
    text = cells[action].strip()
    if said is None or not text:
        return None
    who = (cells[owner].strip() or None) if owner is not None and owner < len(cells) else None
    return ReportedAction(text, who or _lead_owner(text), said, place)


def _review_line(para: Paragraph, place: Place) -> ReportedAction | None:
    found = status_at_end(para.text)
    if found is None:
        return None
    text, status = found
    return ReportedAction(text, para.owner or _lead_owner(text), status, place)


def _lead_owner(text: str) -> str | None:
    m = _OWNER_LEAD.match(text)
    return m.group("who") if m else None

"""HTML of the chat messages and of the sources panel. Pure functions of the Answer: testable
without a browser, and every piece of article or user text escaped before it is shown.

Links of the form `#src-<turn>-<key>` (key: a citation number, or `p<rank>` for a passage that was
retrieved but not cited) are caught by the page script (static/bridge.js), which asks the server
to open that source in the panel.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answering.gather import display_date
from assistant.library import SORTS, Browse, Overview
from assistant.records import Answer, Article, Citation, Claim, Disagreement, Timings

ArticleLookup = Callable[[str], Article | None]

MARKER = re.compile(r"\[(\d+)\]")
# Characters that HTML or Markdown would read as markup: each shown literally, as an entity.
ESCAPES = {char: f"&#{ord(char)};" for char in "&<>\"'\\`*_{}[]()#+-!|~$"}
ABSTENTION_LEAD = "The articles do not answer this question."

EMPTY_PANEL = (
    '<div class="panel-empty"><p><strong>Sources</strong></p>'
    "<p>Click a citation such as <span class='cite-sample'>[1]</span> in an answer to read the "
    "passage in its article, with the outlet, the date and the file it comes from.</p></div>"
)


def escape_text(text: str) -> str:
    """Text shown exactly as written: not read as HTML, nor as Markdown."""
    return "".join(ESCAPES.get(char, char) for char in text)


def source_link(turn: int, key: str, label: str, tooltip: str = "") -> str:
    title = f' title="{html.escape(tooltip, quote=True)}"' if tooltip else ""
    return f'<a class="cite" href="#src-{turn}-{key}"{title}>{label}</a>'


def article_meta(article: Article | None, path: str) -> str:
    """ "Outlet · 2016-01-15 · file.txt", leaving out what is not known."""
    parts = [article.publisher, article.published] if article else []
    return " · ".join(escape_text(part) for part in [*parts, path] if part)


def user_message(question: str) -> str:
    return escape_text(question)


def working_message(stage: str) -> str:
    return f'<span class="working" role="status"><span class="spinner"></span>{stage}</span>'


def draft_message(draft: str) -> str:
    return escape_text(draft) + '<span class="cursor" aria-hidden="true">▍</span>'


def stopped_message() -> str:
    return '<p class="stopped" role="status">Stopped. Ask again, or ask something else.</p>'


def error_message(text: str) -> str:
    escaped = escape_text(text)
    return f'<div class="answer-error" role="alert"><strong>Error.</strong> {escaped}</div>'


def timings_line(timings: Timings) -> str:
    return (
        f'<div class="timings">search {timings.retrieve_s:.2f} s · first words '
        f"{timings.first_token_s:.2f} s · total {timings.total_s:.2f} s</div>"
    )


def answer_message(result: Answer, turn: int, lookup: ArticleLookup) -> str:
    """The final chat message: the answer with clickable markers, its sources, the timings."""
    if result.abstained:
        return abstained_message(result, turn, lookup)
    if result.claims:
        body = gathered_body(result.claims, result.disagreements, result.citations, turn)
        return (
            f'<div class="answer gathered">{body}</div>'
            f"{_source_list(result, turn, lookup)}{timings_line(result.timings)}"
        )
    citations = {citation.number: citation for citation in result.citations}

    def marker(number: int) -> str:
        citation = citations.get(number)
        if citation is None:  # never happens for a checked Answer; shown as plain text if it does
            return escape_text(f"[{number}]")
        return source_link(turn, str(number), f"[{number}]", citation.title)

    pieces = MARKER.split(result.text)  # text, number, text, number, ..., text
    body = "".join(
        escape_text(piece) if position % 2 == 0 else marker(int(piece))
        for position, piece in enumerate(pieces)
    )
    body = body.replace("\n", "<br>")  # a question in parts is answered a line a part
    return (
        f'<div class="answer">{body}</div>'
        f"{_source_list(result, turn, lookup)}{timings_line(result.timings)}"
    )


def _source_list(result: Answer, turn: int, lookup: ArticleLookup) -> str:
    """A line per cited article, with every citation number that points into it."""
    by_article: dict[str, list[Citation]] = {}
    for citation in result.citations:
        by_article.setdefault(citation.path, []).append(citation)
    sources = "".join(
        "<li>"
        + " ".join(source_link(turn, str(c.number), f"[{c.number}]") for c in cited)
        + f" {source_link(turn, str(cited[0].number), escape_text(cited[0].title))}"
        f'<span class="meta"> {article_meta(lookup(path), path)}</span></li>'
        for path, cited in by_article.items()
    )
    return f'<ol class="source-list" aria-label="Sources">{sources}</ol>'


def gathered_body(
    claims: Sequence[Claim],
    disagreements: Sequence[Disagreement],
    citations: Sequence[Citation],
    turn: int,
    streaming: bool = False,
) -> str:
    """A gathered answer as a list, a speaker an item, each claim quoted and cited with its
    outlet and date; the sources' disagreements marked; a timeline of the dated claims. Built
    from the Answer's claims, never from its text; while `streaming`, what has come so far."""
    titles = {c.number: c.title for c in citations}

    def cite(number: int) -> str:
        return source_link(turn, str(number), f"[{number}]", titles.get(number, ""))

    articles = {c.path for c in citations if any(c.number in k.citations for k in claims)}
    plural = "s" if len(articles) != 1 else ""
    parts = [f'<p class="gathered-lead">Gathered from {len(articles)} article{plural}, by '
             "speaker, oldest first:</p>"]  # fmt: skip
    items = []
    for group in _claim_groups(claims):
        first = group[0]
        who = first.speaker or f"{first.outlet or _title_of(first, titles)} reports"
        head = f'<span class="claim-speaker">{escape_text(who)}</span>'
        if first.description:
            head += f' <span class="claim-role">({escape_text(first.description)})</span>'
        dates = sorted(c.date for c in group if c.date)
        if dates:
            head = f'<span class="claim-when">{escape_text(display_date(dates[0]))}</span> {head}'
        quotes = "".join(
            f'<li class="claim"><span class="claim-text">{escape_text(claim.text)}</span> '
            + " ".join(cite(n) for n in claim.citations)
            + f' <span class="meta">{_where(claim)}</span></li>'
            for claim in group
        )
        items.append(f'<li class="claim-group">{head}<ul>{quotes}</ul></li>')
    parts.append(f'<ul class="claims">{"".join(items)}</ul>')
    for item in disagreements:
        figures = "; ".join(
            f"{escape_text(whose)}, <strong>{escape_text(figure)}</strong> {cite(number)}"
            for whose, figure, number in item.figures
        )
        parts.append(
            f'<p class="disagreement" role="note"><span class="disagreement-mark">Sources '
            f"differ</span> on the number of {escape_text(item.about)}: {figures}</p>"
        )
    if streaming:
        parts.append('<span class="cursor" aria-hidden="true">▍</span>')
    else:
        parts.append(_timeline(claims, cite))
    return "".join(parts)


def gathered_draft(
    claims: Sequence[Claim],
    disagreements: Sequence[Disagreement],
    citations: Sequence[Citation],
    turn: int,
) -> str:
    """A gathered answer while it streams: the claims so far."""
    body = gathered_body(claims, disagreements, citations, turn, streaming=True)
    return f'<div class="answer gathered">{body}</div>'


def _claim_groups(claims: Sequence[Claim]) -> list[list[Claim]]:
    groups: dict[int, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.group, []).append(claim)
    return list(groups.values())


def _where(claim: Claim) -> str:
    parts = [claim.outlet, display_date(claim.date or "")]
    return " · ".join(escape_text(part) for part in parts if part)


def _title_of(claim: Claim, titles: dict[int, str]) -> str:
    return f"“{titles.get(claim.citations[0], 'the article')}”" if claim.citations else "It"


def _timeline(claims: Sequence[Claim], cite: Callable[[int], str]) -> str:
    """The dated claims in time order, one row per date and speaker."""
    rows: dict[tuple[str, str], list[int]] = {}
    for claim in sorted((c for c in claims if c.date), key=lambda c: c.date or ""):
        who = claim.speaker or claim.outlet or "report"
        rows.setdefault((claim.date or "", who), []).extend(claim.citations)
    if len({date for date, _ in rows}) < 2:
        return ""  # one date: no time to show
    items = "".join(
        f"<li><time>{escape_text(display_date(date))}</time> {escape_text(who)} "
        + " ".join(cite(n) for n in numbers)
        + "</li>"
        for (date, who), numbers in rows.items()
    )
    return (
        f'<details class="timeline" open><summary>Timeline</summary>'
        f'<ol class="timeline-rows">{items}</ol></details>'
    )


def abstained_message(result: Answer, turn: int, lookup: ArticleLookup) -> str:
    """An abstention looks different from an answer, and offers the closest articles."""
    closest = []
    seen: set[str] = set()  # paths and titles: a story filed twice is offered once
    for passage in result.passages:
        article = lookup(passage.path)
        plain_title = article.title if article else passage.path
        if {passage.path, plain_title.casefold()} & seen or len(closest) == 3:
            continue
        seen |= {passage.path, plain_title.casefold()}
        title = escape_text(plain_title)
        closest.append(
            f"<li>{source_link(turn, f'p{passage.rank}', title)}"
            f'<span class="meta"> {article_meta(article, passage.path)}</span></li>'
        )
    offer = ""
    if closest:
        items = "".join(closest)
        offer = f'<p class="closest-lead">Closest articles:</p><ul class="source-list">{items}</ul>'
    lead = result.refusal or ABSTENTION_LEAD
    return (
        f'<div class="abstained" role="note"><p class="abstained-title">Not in the articles</p>'
        f"<p>{escape_text(lead)}</p>{offer}</div>{timings_line(result.timings)}"
    )


@dataclass(frozen=True)
class SourceCard:
    key: str  # citation number, or "p<rank>" for an uncited passage
    label: str  # "[1]" or "·"
    path: str
    quote: str


def source_cards(result: Answer) -> tuple[list[SourceCard], list[SourceCard]]:
    """(cited, retrieved but not cited) sources of an answer."""
    cited = [SourceCard(str(c.number), f"[{c.number}]", c.path, c.quote) for c in result.citations]
    cited_numbers = {c.number for c in result.citations}
    quoted = {c.quote for c in result.citations}
    uncited = [
        SourceCard(f"p{p.rank}", "", p.path, p.text)
        for p in result.passages
        if p.rank not in cited_numbers and p.text not in quoted
    ]
    return cited, uncited


def sources_panel(
    result: Answer, question: str, turn: int, lookup: ArticleLookup, selected: str | None = None
) -> str:
    """The panel beside the chat: each source with its metadata; the selected one (by default
    the first) opened on its article, the supporting passage highlighted in context."""
    cited, uncited = source_cards(result)
    if selected is None:
        selected = (cited or uncited)[0].key if (cited or uncited) else None
    heading = "Closest passages" if result.abstained else "Sources"
    parts = [
        f'<div class="panel" data-turn="{turn}"><p class="panel-title">{heading}</p>'
        f'<p class="panel-question">{escape_text(question)}</p>'
    ]
    parts += [source_card(card, turn, lookup, card.key == selected) for card in cited]
    if uncited:
        cards = "".join(source_card(card, turn, lookup, card.key == selected) for card in uncited)
        is_open = " open" if any(card.key == selected for card in uncited) or not cited else ""
        title = "Retrieved, not cited" if cited else "Retrieved passages"
        parts.append(
            f'<details class="uncited"{is_open}><summary>{title} ({len(uncited)})</summary>'
            f"{cards}</details>"
        )
    parts.append("</div>")
    return "".join(parts)


def source_card(card: SourceCard, turn: int, lookup: ArticleLookup, is_selected: bool) -> str:
    article = lookup(card.path)
    title = escape_text(article.title if article else card.path)
    label = f'<span class="num">{card.label}</span> ' if card.label else ""
    summary = (
        f'<summary>{label}<span class="source-title">{title}</span>'
        f'<span class="meta">{article_meta(article, card.path)}</span></summary>'
    )
    if not is_selected:
        body = (
            f'<blockquote class="quote">{escape_text(card.quote)}</blockquote>'
            f'<p class="open-article">{source_link(turn, card.key, "Show in the article")}</p>'
        )
        return f'<details class="source" id="source-{card.key}">{summary}{body}</details>'
    if article is None:
        body = (
            f'<blockquote class="quote">{escape_text(card.quote)}</blockquote>'
            '<p class="meta">This article is no longer in the index.</p>'
        )
    else:
        byline = f'<p class="meta">By {escape_text(article.byline)}</p>' if article.byline else ""
        body = f'{byline}<div class="article-text">{highlighted(article.text, card.quote)}</div>'
    return f'<details class="source selected" id="source-{card.key}" open>{summary}{body}</details>'


def highlighted(text: str, quote: str) -> str:
    """The article's paragraphs, escaped, with the passage marked where it occurs."""
    span = locate(text, quote)
    if span is None:
        marked = escape_text(text)
        lead = f'<blockquote class="quote"><mark>{escape_text(quote)}</mark></blockquote>'
        return lead + _paragraphs(marked)
    start, end = span
    marked = (
        escape_text(text[:start])
        + "<mark>"
        + escape_text(text[start:end]).replace("\n\n", "</mark>\n\n<mark>")
        + "</mark>"
        + escape_text(text[end:])
    )
    return _paragraphs(marked)


def _paragraphs(escaped: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in escaped.split("\n\n") if paragraph)


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` occurs in `text`, tolerating differences of white space; else None."""
    quote = quote.strip()
    if not quote:
        return None
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def library_summary(overview: Overview | None) -> str:
    """One line above the chat: what the library holds (how many articles, of which dates,
    from which outlets or folders), so that a user knows what can be asked."""
    if overview is None or not overview.articles:
        return (
            '<p class="library-summary">No articles are indexed yet: add some in the Library '
            "tab.</p>"
        )
    count = f"{overview.articles:,} article{'' if overview.articles == 1 else 's'}"
    parts = [f"<strong>{count}</strong>"]
    if overview.first and overview.last:
        dates = overview.first if overview.first == overview.last else (
            f"{overview.first} to {overview.last}"
        )  # fmt: skip
        parts.append(f"dated {escape_text(dates)}")
    for label, counted in (("from", overview.outlets), ("in folders", overview.folders)):
        if counted:
            shown = ", ".join(f"{escape_text(name)} ({n:,})" for name, n in counted[:4])
            more = f" and {len(counted) - 4} more" if len(counted) > 4 else ""
            parts.append(f"{label} {shown}{more}")
    return f'<p class="library-summary">Your library: {" · ".join(parts)}</p>'


COLUMNS = (("title", "Title"), ("outlet", "Outlet"), ("date", "Date"),
           ("passages", "Passages"), ("file", "File"))  # fmt: skip


def skipped_details(skipped: list[tuple[str, str]]) -> str:
    """Files passed over (path, reason), folded under their count: a folder of copies can skip
    hundreds; "" when there are none."""
    if not skipped:
        return ""
    items = "".join(
        f"<li>{escape_text(path)}: {escape_text(reason)}</li>" for path, reason in skipped
    )
    count = f"{len(skipped)} file{'' if len(skipped) == 1 else 's'}"
    return (
        f'<details class="skipped"><summary>{count} skipped (not indexed), with the reasons'
        f"</summary><ul>{items}</ul></details>"
    )


def articles_table(view: Browse) -> str:
    """One page of the library's table: sortable column heads (links caught by bridge.js),
    the rows, and where this page stands; a note when nothing is indexed or nothing matches."""
    if not view.total:
        return '<p class="panel-empty">No articles are indexed yet. Add some above.</p>'
    count = f"{view.total:,} article{'' if view.total == 1 else 's'} in the library"
    if view.matched != view.total:
        count += f", {view.matched:,} match"
    caption = f"{count} · page {view.page} of {view.pages}"
    if not view.rows:
        return f'<p class="panel-empty">{caption}. Nothing matches the search.</p>'
    heads = []
    for key, label in COLUMNS:
        arrow, order = "", "none"
        if view.sort.lstrip("-") == key:
            ascending = (not SORTS[key][1]) != view.sort.startswith("-")
            arrow, order = (" ▲", "ascending") if ascending else (" ▼", "descending")
        css = "count" if key == "passages" else key
        heads.append(
            f'<th class="{css}" aria-sort="{order}">'
            f'<a class="sort" href="#sort-{key}">{label}{arrow}</a></th>'
        )
    body = "".join(
        f"<tr><td>{escape_text(row.title)}</td><td>{escape_text(row.outlet) or '—'}</td>"
        f'<td class="date">{escape_text(row.published) or "—"}</td>'
        f'<td class="count">{row.chunks}</td><td class="file">{escape_text(row.path)}</td></tr>'
        for row in view.rows
    )
    return (
        f'<div class="table-wrap"><table class="articles"><caption>{caption}</caption>'
        f"<thead><tr>{''.join(heads)}</tr></thead><tbody>{body}</tbody></table></div>"
    )

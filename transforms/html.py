"""HTML page to text lines plus metadata and line hints, for the shared line cleaner."""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

# Elements that never hold article text.
_DROP_ALWAYS = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option",
                "textarea", "input", "nav", "aside", "object", "embed", "canvas", "map", "dialog"}
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
          "dt", "dd", "tr", "table", "thead", "tbody", "tfoot", "blockquote", "figure", "figcaption", "pre",
          "header", "footer", "address", "hr", "center", "caption", "form", "fieldset", "summary", "details"}
_CELL = {"td", "th"}
# Class/id words of page furniture; such a container is dropped unless it holds the article.
_JUNK_WORDS = {"ad", "ads", "advert", "advertisement", "banner", "share", "sns", "social", "comment", "comments",
               "reply", "related", "relation", "popular", "rank", "ranking", "breadcrumb", "gnb", "lnb", "snb",
               "sidebar", "footer", "copyright", "recommend", "trending", "hot", "subscribe", "newsletter",
               "cookie", "modal", "popup", "skip", "util", "toolbar"}
_CAPTION_WORDS = {"caption", "photo_caption", "img_caption", "figcaption", "img-caption", "photo-caption", "imgcaption"}
_CAPTION_CLASS_RE = re.compile(r"caption|img_desc|photo_desc|imgdesc|photo_txt|img_txt", re.I)
_SPLIT_RE = re.compile(r"[\s_\-]+")
_CAPTION_MARK = "\ue000"
_H1_MARK = "\ue001"
_ENCODING_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _words(el) -> set[str]:
    """Return the lower-cased words of an element's class and id."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".casefold()
    return {w for w in _SPLIT_RE.split(raw) if w}


def _holds_article(el) -> bool:
    """Return whether an element contains the headline or several real paragraphs."""
    if el.find(".//h1") is not None or el.find(".//article") is not None:
        return True
    long_ps = 0
    for p in el.iter("p"):
        if len((p.text_content() or "").strip()) >= 80:
            long_ps += 1
            if long_ps >= 2:
                return True
    return False


def _meta(root) -> dict:
    """Return page metadata: title, og:title, site name, published time and author."""
    out: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and (title.text_content() or "").strip():
        full = " ".join(title.text_content().split())
        # "<headline> - <site>" / "<headline> | <site>": keep the headline part as evidence.
        out["title"] = re.split(r"\s+[-|:·ㅣ]\s+(?=[^-|:·ㅣ]{1,30}$)", full)[0]
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").casefold()
        val = " ".join((el.get("content") or "").split())
        if not val:
            continue
        if key in ("og:title", "twitter:title") and "og_title" not in out:
            out["og_title"] = val
        elif key in ("og:site_name", "application-name") and "site_name" not in out:
            out["site_name"] = val
        elif key in ("article:published_time", "datepublished", "pubdate", "publishdate", "og:published_time",
                     "article:published", "dc.date.issued") and "published_time" not in out:
            out["published_time"] = val
        elif key in ("author", "article:author", "dable:author", "byl") and "author" not in out and "://" not in val:
            out["author"] = val
    return out


def _fold_text(text: str) -> str:
    """Return text without spaces and case, for comparing a heading with the page's declared title."""
    return "".join(text.split()).casefold()


def _holds_headline(el, titles: set[str]) -> bool:
    """Return whether an element holds a heading that reads as the page's declared title (<title>, og:title)."""
    return bool(titles) and any(_fold_text(h.text_content() or "") in titles
                                for tag in ("h1", "h2", "h3", "h4") for h in el.iter(tag))


def _prune(root, titles: set[str] = frozenset()) -> None:
    """Drop non-content elements in place (keeping their tail text).

    `titles`: the page's declared titles, folded; a <header> holding a heading that reads as one is the
    article's header, kept ("<header><h3 class='heading'>…</h3></header>" outside any <article>).
    """
    doomed = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            if isinstance(el, (etree._Comment, etree._ProcessingInstruction)):
                doomed.append(el)
            continue
        tag = tag.casefold()
        if tag in _DROP_ALWAYS:
            doomed.append(el)
        elif tag in ("header", "footer", "form"):
            inside_article = any(a.tag == "article" for a in el.iterancestors())
            if tag == "header" and (inside_article or el.find(".//h1") is not None or _holds_headline(el, titles)):
                continue
            if tag == "footer" and inside_article:
                continue
            if tag == "form" and (_holds_article(el) or len((el.text_content() or "").strip()) >= 300):
                continue  # whole-page form wrappers of older CMSs
            doomed.append(el)
        elif el.get("hidden") is not None or el.get("aria-hidden") == "true":
            doomed.append(el)
        elif _words(el) & _JUNK_WORDS and not _holds_article(el):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def html_to_lines(html: str) -> tuple[list[str], dict, dict[int, str]]:
    """Return (lines, metadata, hints) of an HTML page; hints mark caption and h1 lines by index."""
    if not html or not html.strip():
        return [], {}, {}
    try:
        root = lxml_html.document_fromstring(_ENCODING_DECL.sub("", html))
    except (etree.ParserError, ValueError):
        return html.split("\n"), {}, {}
    meta = _meta(root)
    body = root.find("body")
    if body is None:
        body = root
    _prune(body, {_fold_text(t) for t in (meta.get("title"), meta.get("og_title")) if t})
    parts: list[str] = []
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag.casefold() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK:
                parts.append("\n")
                if tag == "figcaption" or (_words(el) & _CAPTION_WORDS) or _CAPTION_CLASS_RE.search(el.get("class") or ""):
                    parts.append(_CAPTION_MARK)
                elif tag == "h1":
                    parts.append(_H1_MARK)
            elif tag == "br":
                parts.append("\n")
            elif tag in _CELL:
                parts.append(" ")
            if el.text and tag not in ("head", "title"):
                parts.append(el.text)
        else:
            if tag in _BLOCK:
                parts.append("\n")
            if el.tail and el is not body:
                parts.append(el.tail)
    lines: list[str] = []
    hints: dict[int, str] = {}
    pending = None  # a mark on an otherwise empty line belongs to the next text line
    for raw in "".join(parts).split("\n"):
        hint = "caption" if _CAPTION_MARK in raw else "h1" if _H1_MARK in raw else None
        text = raw.replace(_CAPTION_MARK, "").replace(_H1_MARK, "")
        if not text.strip():
            pending = hint or pending
            if lines and lines[-1] != "":
                lines.append("")
            continue
        hint = hint or pending
        pending = None
        if hint:
            hints[len(lines)] = hint
        lines.append(text)
    return lines, meta, hints

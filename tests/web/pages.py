"""Reading and posting pages the way a browser does: parse the HTML, send the form's token."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from flask.testing import FlaskClient

from tests import factories

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = field(default=None, repr=False)
    children: list[Element | str] = field(default_factory=list, repr=False)

    def walk(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.walk()

    def all(self, tag: str | None = None, **attrs: str | bool) -> list[Element]:
        """Descendants with this tag and these attributes (True: present, any value)."""
        return [el for el in self.walk() if el.matches(tag, attrs)]

    def one(self, tag: str | None = None, **attrs: str | bool) -> Element:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def matches(self, tag: str | None, attrs: dict[str, str | bool]) -> bool:
        if tag is not None and self.tag != tag:
            return False
        for name, wanted in attrs.items():
            name = name.rstrip("_").replace("_", "-")
            have = self.attrs.get(name)
            if have is None:
                return False
            if name == "class" and wanted is not True:
                if wanted not in have.split():
                    return False
            elif wanted is not True and have != wanted:
                return False
        return True

    def text(self, visible_to: Callable[[Element], bool] = lambda el: True) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif visible_to(child):
                parts.append(child.text(visible_to))
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def accessible_name(self, root: Element) -> str:
        """The name assistive technology announces (aria-labelledby, aria-label, contents)."""
        if "aria-labelledby" in self.attrs:
            ids = self.attrs["aria-labelledby"].split()
            return " ".join(root.one(id=i).text() for i in ids)
        if self.attrs.get("aria-label"):
            return self.attrs["aria-label"]
        return self.text(lambda el: el.attrs.get("aria-hidden") != "true")


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.current = self.current.parent or self.root

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    return builder.root


def page(client: FlaskClient, path: str, status: int = 200) -> Element:
    answer = client.get(path)
    assert answer.status_code == status, (path, answer.status_code)
    return parse(answer.get_data(as_text=True))


def token(client: FlaskClient) -> str:
    """The session's CSRF token, read from a page as a browser would see it."""
    signed_in = client.get("/login").status_code == 302
    return factories.csrf_token(client, "/" if signed_in else "/login")


def post(client: FlaskClient, path: str, data: dict, csrf: str | None = None):
    """POST a page form with the session's CSRF token (unless one is given)."""
    return client.post(path, data={**data, "csrf_token": token(client) if csrf is None else csrf})


def error_beside(document: Element, name: str) -> str:
    """The message shown under the field `name` (found through its aria-describedby)."""
    control = document.all(name=name)
    assert control, f"no field named {name}"
    for element in control:
        ids = element.attrs.get("aria-describedby", "")
        for ident in ids.split():
            if ident.endswith("-error"):
                return document.one(id=ident).text()
        holder = element.parent
        while holder is not None and holder.tag != "fieldset":
            holder = holder.parent
        if holder is not None and holder.attrs.get("aria-describedby", "").endswith("-error"):
            return document.one(id=holder.attrs["aria-describedby"]).text()
    raise AssertionError(f"no message beside {name}")


def today_goals(document: Element) -> dict[str, Element]:
    """{title: the goal's element} on the Today page."""
    goals = {}
    for item in document.all(data_goal_id=True):
        goals[item.one(class_="goal-title").text()] = item
    return goals

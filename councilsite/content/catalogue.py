"""What the generated pages list: top tasks, Do it Online, A to Z, categories, sitemap.

Everything here is plain data built once per build; templates only loop over it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from string import ascii_uppercase

from councilsite.content.model import Page


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    summary: str

    @property
    def url(self) -> str:
        return f"/{self.id}/"


@dataclass
class Entry:
    """A page as a listing shows it."""

    title: str
    url: str
    summary: str


@dataclass
class TaskEntry:
    label: str
    url: str
    page: Page


@dataclass
class Catalogue:
    pages: list[Page]
    categories: list[Category]
    top_task_count: int = 8
    by_url: dict[str, Page] = field(init=False)

    def __post_init__(self) -> None:
        self.by_url = {page.url: page for page in self.pages}
        self._category = {c.id: c for c in self.categories}
        self._extra_tasks: list[TaskEntry] = []
        self.sections: list[tuple[str, list[Entry]]] = []  # more groups of pages for the sitemap

    def add_tasks(self, tasks: list[TaskEntry]) -> list[TaskEntry]:
        """Online tasks that no content page lists, such as forms with a category. A task whose URL
        a page (or an earlier task) already lists is skipped, so nothing is listed twice.
        Returns the tasks added."""
        listed = {task.url for task in self._tasks()}
        added = []
        for task in tasks:
            if task.url not in listed:
                listed.add(task.url)
                added.append(task)
        self._extra_tasks.extend(added)
        return added

    def add_section(self, title: str, entries: list[Entry]) -> None:
        """Pages another part of the generator makes (forms, places), listed in the sitemap."""
        if entries:
            self.sections.append((title, entries))

    @property
    def services(self) -> list[Page]:
        return sorted((p for p in self.pages if p.kind == "service"), key=lambda p: p.title.lower())

    def category(self, category_id: str | None) -> Category | None:
        return self._category.get(category_id or "")

    def in_category(self, category_id: str) -> list[Page]:
        return [p for p in self.services if p.category == category_id]

    def _tasks(self) -> list[TaskEntry]:
        return [TaskEntry(p.task.label, p.task.url, p) for p in self.services if p.task] + self._extra_tasks

    def top_tasks(self) -> list[TaskEntry]:
        ranked = [t for t in self._tasks() if t.page.task.priority is not None]
        ranked.sort(key=lambda t: (t.page.task.priority, t.label.lower()))
        return ranked[: self.top_task_count]

    def online_by_category(self) -> list[tuple[Category, list[TaskEntry]]]:
        groups: dict[str, list[TaskEntry]] = defaultdict(list)
        for task in self._tasks():
            groups[task.page.category].append(task)
        return [(c, sorted(groups[c.id], key=lambda t: t.label.lower())) for c in self.categories if groups[c.id]]

    def a_to_z(self) -> list[tuple[str, list[Page]]]:
        """Every letter A-Z in order, with the services filed under it (an empty list if none)."""
        letters: dict[str, list[Page]] = defaultdict(list)
        for page in self.services:
            first = page.title[:1].upper()
            letters[first if first in ascii_uppercase else "#"].append(page)
        order = list(ascii_uppercase) + (["#"] if letters["#"] else [])
        return [(letter, letters[letter]) for letter in order]

    def general(self) -> list[Page]:
        return sorted((p for p in self.pages if p.kind == "general" and p.url != "/"), key=lambda p: p.title.lower())

    def breadcrumbs(self, page: Page | None, url: str) -> list[Entry]:
        """Home, then the page's category (for a service), ending before the page itself."""
        if url == "/":
            return []
        trail = [Entry("Home", "/", "")]
        category = self.category(page.category) if page else None
        if category and url != category.url:
            trail.append(Entry(category.title, category.url, category.summary))
        return trail



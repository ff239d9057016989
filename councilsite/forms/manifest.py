"""Forms as plain JSON data, and back: how a build hands its checked forms to the receiver.

The receiver runs from the built site alone, so it cannot read forms/*.yml (they may not be on
the server, and checking them needs the site's categories). The build writes each checked Form
as data; the receiver rebuilds the same Form from it, without checking it again.

Questions are written once, flat and in order; sections and revealing answers name them by id,
so the rebuilt form shares one Question object between `questions`, its section and its trigger,
as the loader's forms do.
"""
from __future__ import annotations

from councilsite.forms.model import Condition, Form, Option, Privacy, Question, Retention, Section


def form_data(form: Form) -> dict:
    privacy = form.privacy
    return {
        "id": form.id, "src_path": form.src_path, "title": form.title, "intro": form.intro,
        "privacy": {"what": privacy.what, "why": privacy.why, "how_long": privacy.how_long,
                    "keep_for": str(privacy.keep_for) if privacy.keep_for else None,
                    "shared_with": privacy.shared_with},
        "what_happens_next": form.what_happens_next, "timescale": form.timescale,
        "questions": [_question_data(q) for q in form.questions],
        "sections": [{"title": s.title, "intro": s.intro, "questions": [q.id for q in s.questions]}
                     for s in form.sections],
        "category": form.category, "priority": form.priority, "task_label": form.task_label,
        "who_can_use": form.who_can_use, "anonymous": form.anonymous, "other_ways": form.other_ways,
        "action": form.action, "submit_label": form.submit_label, "confirmation_title": form.confirmation_title,
        "back_url": form.back_url,
        "deliver": form.deliver, "confirmation_email": form.confirmation_email, "payment": form.payment,
    }


def _question_data(q: Question) -> dict:
    return {
        "id": q.id, "type": q.type, "label": q.label, "hint": q.hint, "optional": q.optional,
        "name_in_errors": q.name_in_errors, "errors": q.errors,
        "show_if": {"question": q.show_if.question, "value": q.show_if.value} if q.show_if else None,
        "options": [{"value": o.value, "label": o.label, "hint": o.hint} for o in q.options],
        "settings": q.settings, "path": q.path,
        "reveals": {value: [r.id for r in shown] for value, shown in q.reveals.items()},
    }


def form_from_data(data: dict) -> Form:
    """The Form that form_data() was given. KeyError or TypeError if `data` is not such data."""
    questions = [_question(q) for q in data["questions"]]
    by_id = {q.id: q for q in questions}
    for q, raw in zip(questions, data["questions"]):
        q.reveals = {value: [by_id[i] for i in ids] for value, ids in raw["reveals"].items()}
    privacy = data["privacy"]
    return Form(
        id=data["id"], src_path=data["src_path"], title=data["title"], intro=data["intro"],
        privacy=Privacy(privacy["what"], privacy["why"], privacy["how_long"],
                        Retention.parse(privacy["keep_for"]) if privacy["keep_for"] else None,
                        privacy["shared_with"]),
        what_happens_next=data["what_happens_next"], timescale=data["timescale"],
        sections=[Section(s["title"], s["intro"], [by_id[i] for i in s["questions"]]) for s in data["sections"]],
        questions=questions, category=data["category"], priority=data["priority"], task_label=data["task_label"],
        who_can_use=data["who_can_use"], anonymous=data["anonymous"], other_ways=data["other_ways"],
        action=data["action"], submit_label=data["submit_label"], confirmation_title=data["confirmation_title"],
        back_url=data.get("back_url"),
        deliver=data.get("deliver") or {}, confirmation_email=data.get("confirmation_email"),
        payment=data.get("payment"),
    )


def _question(raw: dict) -> Question:
    condition = raw["show_if"]
    return Question(
        id=raw["id"], type=raw["type"], label=raw["label"], hint=raw["hint"], optional=raw["optional"],
        name_in_errors=raw["name_in_errors"], errors=raw["errors"],
        show_if=Condition(condition["question"], condition["value"]) if condition else None,
        options=[Option(o["value"], o["label"], o["hint"]) for o in raw["options"]],
        settings=raw["settings"], path=raw["path"],
    )

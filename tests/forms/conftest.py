import os

import pytest

from formsite import EVERY_QUESTION, build_demo, forms_site


@pytest.fixture(scope="session")
def every_question_site(tmp_path_factory):
    """A small site with the form that asks every type of question."""
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return forms_site(tmp_path_factory.mktemp("every"), {"every-question.yml": EVERY_QUESTION})


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return build_demo(tmp_path_factory.mktemp("demo"))

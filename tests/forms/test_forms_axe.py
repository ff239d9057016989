"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation on any demo form, its error state or its
confirmation page, at 320 and 1280 CSS pixels wide, in the light and dark colour schemes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from browsing import axe_script
from formsite import browser, demo_form_ids, serve

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [f"forms/{form_id}/{state}" for form_id in demo_form_ids() for state in ("", "error/", "confirmation/")]


@pytest.fixture(scope="module")
def axe_page(demo_site):
    script = axe_script()
    driver = browser()
    root, _, stop = serve(demo_site)
    axe = Axe(driver, script_url=str(script))
    # Load axe into every page before its scripts run, rather than sending 650 kB per page.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script.read_text(encoding="utf-8")})

    def emulate(width: int, scheme: str) -> None:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                               {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})

    def run(path: str) -> dict[str, list[dict]]:
        """Load the page once, then check it in each width and colour scheme."""
        emulate(1280, "light")
        driver.get(root + path)
        driver.find_element(By.TAG_NAME, "main")
        if not driver.execute_script("return !!window.axe"):
            axe.inject()
        found = {}
        for width in (1280, 320):
            for scheme in ("light", "dark"):
                emulate(width, scheme)
                found[f"{width}px {scheme}"] = axe.run(options=json.dumps(
                    {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}))["violations"]
        emulate(1280, "light")
        return found

    run.driver, run.root = driver, root
    yield run
    stop()
    driver.quit()


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at "
                     + ", ".join(str(n["target"]) for n in v["nodes"][:5]) for v in violations)


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(axe_page, path):
    found = {state: describe(violations) for state, violations in axe_page(path).items() if violations}
    assert not found, found


@pytest.mark.parametrize("form_id", demo_form_ids())
def test_error_states_still_show_every_error_once_scripts_have_run(axe_page, demo_site, form_id):
    """The audit checks error states in a browser: forms.js must not hide an error it should see."""
    driver = axe_page.driver
    driver.get(axe_page.root + f"forms/{form_id}/error/")
    messages = driver.find_elements(By.CSS_SELECTOR, "form .error-message")
    links = driver.find_elements(By.CSS_SELECTOR, ".error-summary a")
    assert messages and all(m.is_displayed() for m in messages)
    assert len(links) >= len(messages)
    for link in links:
        target = driver.find_element(By.ID, link.get_attribute("href").split("#")[1])
        assert target.is_displayed() or target.get_attribute("type") in ("radio", "checkbox")


def test_the_check_does_find_violations(axe_page, demo_site):
    """So that zero violations above means something."""
    (Path(demo_site) / "axe-sanity.html").write_text(
        '<!doctype html><html lang="en"><head><title>Sanity</title></head><body><main>'
        '<input type="text" name="x"><p style="color:#777;background:#888">Hard to read</p></main></body></html>')
    found = axe_page("axe-sanity.html")
    assert {"label", "color-contrast"} <= {v["id"] for v in found["1280px light"]}

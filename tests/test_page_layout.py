"""Page layout residents rely on: text in a readable column, the A to Z's way back to the top."""
import pytest

from sitebuilder import make_site, service


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("layout")
    return make_site(root, {
        "bins/missed-bin.md": service("Report a missed bin"),
        "bins/days.md": service("Bin collection days"),
        "tax/pay.md": service("Pay your Council Tax", "tax"),
        "help/how-to.md": "---\ntitle: How to use this website\nsummary: Help.\nowner: Web team\n---\n"
                          "## Make text bigger\n\nUse your browser's zoom.\n",
    })


def test_a_to_z_has_back_to_top_after_each_letter(site):
    page = site.html("a-to-z/")
    nav = page.find("nav", id="letters")
    assert nav is not None
    letters = page.select("main h2.a-to-z__letter")
    assert [h2.get_text(strip=True) for h2 in letters] == ["B", "P", "R"]
    for h2 in letters:
        back = h2.find_next_sibling("p", class_="back-to-top")
        assert back is not None and back.a["href"] == "#letters"
        assert back.a.get_text(" ", strip=True).startswith("Back to top")
        # Each letter's own "Back to top" comes before the next letter.
        following = h2.find_next_sibling("h2")
        assert following is None or following.find_previous_sibling("p", class_="back-to-top") is back


@pytest.mark.parametrize("path", ["help/how-to/", "contact-us/", "bins/missed-bin/"])
def test_page_text_sits_in_the_readable_column(site, path):
    page = site.html(path)
    prose = page.select("main .prose")
    assert prose, path
    assert all(h2.find_parent(class_="prose") for h2 in page.select("main h2")
               if not h2.find_parent(class_=["other-ways", "notification-banner"])), path


def test_headings_in_page_text_are_smaller_than_section_headings(site):
    css = next((site.out / "assets").glob("*.css")).read_text(encoding="utf-8") if (site.out / "assets").is_dir() else ""
    css = css or "".join(p.read_text(encoding="utf-8") for p in site.out.rglob("*.css"))
    assert ".prose h2{font-size:1.5rem" in css
    assert "h2{font-size:2.25rem}" in css


def test_header_is_the_name_and_one_menu_control_that_works_without_javascript(site):
    page = site.html("bins/missed-bin/")
    header = page.find("header", class_="site-header")
    toggle = header.select("[data-menu-toggle]")
    assert len(toggle) == 1 and toggle[0].name == "a" and toggle[0]["href"] == "#site-menu"
    assert toggle[0].get_text(" ", strip=True) == "Menu and search"
    menu = header.find(id="site-menu")
    assert menu.find("nav", attrs={"aria-label": "Main"}).find("a", string="A to Z")
    assert menu.find("form", attrs={"role": "search"}).find("input", attrs={"name": "q"})
    # The only links and controls outside the menu are the council's name and the toggle.
    outside = [el for el in header.find_all(["a", "input", "button"]) if not el.find_parent(id="site-menu")]
    assert [el.get("href") for el in outside] == ["..", "#site-menu"] or len(outside) == 2
    assert page.find("script", src=lambda s: s and s.endswith("assets/header.js"))


def test_home_page_puts_search_and_top_tasks_before_services_with_no_filler(site):
    page = site.html("")
    main = page.find("main")
    order = [el.get("id") or el.name for el in main.find_all(["h1", "form", "h2"]) if not el.find_parent(class_="notification-banner")]
    assert order[:4] == ["h1", "form", "do-it-online-title", "services-title"]
    assert not main.find("p", class_="lead")
    assert page.find(id="site-menu").find("form") is None, "the home page's search box is on the page"

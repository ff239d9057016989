"""The pages the generator makes from front matter: home, Do it Online, A to Z, categories, sitemap."""
import pytest

from sitebuilder import make_site, service


def task(label, priority=None, link=None):
    online = {"label": label, "link": link or f"https://online.testham.example/{label.lower().replace(' ', '-')}"}
    if priority is not None:
        online["priority"] = priority
    return online


FILES = {
    "bins/missed-bin.md": service("Report a missed bin", do_it_online=task("Report a missed bin", 2)),
    "bins/bulky.md": service("Book a bulky waste collection", do_it_online=task("Book a bulky collection", 4)),
    "bins/collection-days.md": service("Bin collection days"),
    "tax/pay.md": service("Pay your Council Tax", "tax", do_it_online=task("Pay your Council Tax", 1)),
    "tax/discount.md": service("Single person discount", "tax", do_it_online=task("Apply for a discount", 3)),
    "tax/moved.md": service("Tell us you have moved", "tax", do_it_online=task("Tell us you have moved")),
    "parking/permit.md": service("apply for a parking permit", "parking",
                                 do_it_online=task("Apply for a parking permit", 5)),
    "parking/fines.md": service("Parking fines", "parking", other_ways={
        "phone": {"number": "01632 960 777", "hours": "Weekdays 8am to 6pm"},
        "in_person": {"place": "Town Hall", "address": "High Street, Testham, TE1 1AA"},
    }),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import os
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return make_site(tmp_path_factory.mktemp("site"), FILES)


def texts(elements):
    return [" ".join(e.get_text(" ", strip=True).split()) for e in elements]


def test_home_page_shows_top_tasks_in_priority_order_limited_to_the_configured_number(site):
    home = site.html("")
    section = home.find(id="do-it-online-title").find_parent("section")
    assert texts(section.select(".task-list a")) == ["Pay your Council Tax", "Report a missed bin", "Apply for a discount"]
    links = [a["href"] for a in section.select(".task-list a")]
    assert links[0] == "tax/pay/", "a top task links to its start page"


def test_home_page_has_a_labelled_search_categories_and_get_online_link(site):
    home = site.html("")
    field = home.find("input", attrs={"name": "q"})
    label = home.find("label", attrs={"for": field["id"]})
    assert label and label.get_text(strip=True) == "Search this website"
    assert home.find("form", attrs={"role": "search"})["action"] == "search/"
    assert texts(home.select(".card-list__title a")) == ["Bins and recycling", "Council Tax", "Parking"]
    assert any(a.get_text(strip=True) == "Find free WiFi, computers and help to get online" for a in home.find_all("a"))


def test_do_it_online_lists_every_task_grouped_by_category(site):
    page = site.html("do-it-online/")
    groups = {h2.get_text(strip=True): texts(h2.find_next("ul").find_all("a")) for h2 in page.select("main h2")}
    assert groups == {
        "Bins and recycling": ["Book a bulky collection", "Report a missed bin"],
        "Council Tax": ["Apply for a discount", "Pay your Council Tax", "Tell us you have moved"],
        "Parking": ["Apply for a parking permit"],
    }


def test_a_to_z_lists_every_service_under_its_letter(site):
    page = site.html("a-to-z/")
    sections = {h2.get_text(strip=True): texts(h2.find_next("ul").select(".summary-list__link"))
                for h2 in page.select("main h2")}
    assert sections == {
        "A": ["apply for a parking permit"],
        "B": ["Bin collection days", "Book a bulky waste collection"],
        "P": ["Parking fines", "Pay your Council Tax"],
        "R": ["Report a missed bin"],
        "S": ["Single person discount"],
        "T": ["Tell us you have moved"],
    }
    letters = page.select(".letter-nav__list li")
    assert len(letters) == 26
    assert letters[0].find("a")["href"] == "#letter-a"
    assert letters[2].find("a") is None, "letters with no services are not links"
    for link in page.select(".letter-nav a"):
        assert page.find(id=link["href"][1:]), link["href"]


def test_each_category_has_a_landing_page_listing_its_services(site):
    page = site.html("bins/")
    assert page.h1.get_text(strip=True) == "Bins and recycling"
    assert texts(page.select(".summary-list__link")) == [
        "Bin collection days", "Book a bulky waste collection", "Report a missed bin"]
    assert "Summary of report a missed bin." in page.get_text()


def test_sitemap_lists_every_page(site):
    page = site.html("sitemap/")
    linked = {a.get_text(strip=True) for a in page.select("main a")}
    for title in ["Report a missed bin", "Parking fines", "Contact us", "Accessibility statement", "A to Z of services"]:
        assert title in linked


@pytest.mark.parametrize("path", [f"{p[:-3]}/" for p in FILES])
def test_every_service_page_has_one_h1_its_summary_and_other_ways(site, path):
    page = site.html(path)
    assert len(page.find_all("h1")) == 1
    assert page.select_one("main .lead").get_text(strip=True).startswith("Summary of ")
    assert page.find("meta", attrs={"name": "description"})["content"].startswith("Summary of ")
    other = page.find(id="other-ways-title")
    assert other and other.get_text(strip=True) in ("Other ways to do this", "Other ways to get help")
    assert other.find_parent("section").find("a", href=lambda h: h and h.startswith(("tel:", "mailto:")))


def test_a_service_page_shows_its_own_other_ways_or_the_councils(site):
    fines = site.html("parking/fines/").find(id="other-ways-title").find_parent("section")
    assert "01632 960 777" in fines.get_text() and "Town Hall" in fines.get_text()
    days = site.html("bins/collection-days/").find(id="other-ways-title").find_parent("section")
    assert "01632 960 500" in days.get_text(), "without its own, a page offers the council's general contact"


def test_online_task_gets_a_start_button_and_breadcrumbs(site):
    page = site.html("bins/missed-bin/")
    button = page.select_one("a.start-button")
    assert button["href"] == "https://online.testham.example/report-a-missed-bin"
    assert button["role"] == "button"
    assert button.get_text(" ", strip=True).startswith("Start now")
    assert button.find("svg")["aria-hidden"] == "true"
    crumbs = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert texts(crumbs.find_all("a")) == ["Home", "Bins and recycling"]
    assert [a["href"] for a in crumbs.find_all("a")] == ["../..", "../"]
    assert site.html("bins/collection-days/").select_one("a.start-button") is None


@pytest.mark.parametrize("path", ["", "bins/missed-bin/", "a-to-z/", "search/", "404.html", "contact-us/"])
def test_every_page_has_lang_skip_link_first_and_one_main(site, path):
    page = site.html(path)
    assert page.html["lang"] == "en-GB"
    first = page.body.find(["a", "button", "input", "select", "textarea"])
    assert first["href"] == "#main-content" and first.get_text(strip=True) == "Skip to main content"
    mains = page.find_all("main")
    assert len(mains) == 1 and mains[0]["id"] == "main-content"
    assert len(page.find_all("h1")) == 1


def test_search_page_works_without_javascript_by_offering_the_a_to_z(site):
    page = site.html("search/")
    assert page.select_one("[data-search-nojs]")
    assert page.select_one("[data-search-other-ways]").find("a", string="A to Z of services")
    script = page.find_all("script", src=True)[-1]
    # lunr.js comes only when someone searches.
    assert script["src"] == "../assets/search.js" and script["data-lunr"] == "../assets/search-lunr/lunr.min.js"
    records = (site.out / "search" / "d" / "0.json").read_text()
    assert "Report a missed bin" in records


def test_only_the_search_page_loads_the_search_script(site):
    for path in ["", "bins/missed-bin/", "a-to-z/"]:
        assert not site.html(path).find("script", src=lambda s: s and "search" in s)


def test_404_page_helps_people_find_their_way(site):
    page = site.html("404.html")
    assert page.h1.get_text(strip=True) == "Page not found"
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "/a-to-z/" in hrefs, "the 404 page is served from any folder, so its links start at the site root"
    assert page.find("input", attrs={"name": "q"})


def test_material_assets_are_not_shipped(site):
    shipped = {p.relative_to(site.out).as_posix() for p in site.out.rglob("*") if p.is_file()}
    assert not [p for p in shipped if "javascripts/bundle" in p or "stylesheets/main" in p or p.endswith(".woff2")]
    css = [p for p in shipped if p.startswith("assets/council.") and p.endswith(".css")]
    assert len(css) == 1


def test_home_page_has_no_breadcrumbs_but_other_pages_do(site):
    assert site.html("").find("nav", attrs={"aria-label": "Breadcrumb"}) is None
    assert site.html("contact-us/").find("nav", attrs={"aria-label": "Breadcrumb"})

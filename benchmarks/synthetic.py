"""Generate a synthetic council website for the benchmarks.

    python benchmarks/synthetic.py 1000            # -> build/bench/site-1000/
    python benchmarks/synthetic.py 100 --out /tmp/x

The folder it writes holds:

    docs/                 the content: index.md (home.html), general and help pages, alerts.yml,
                          and N service pages spread over the 9 categories of the repository's
                          mkdocs.yml (folder = category id)
    mkdocs.yml            ours: the repository's mkdocs.yml with docs_dir, site_dir and theme.custom_dir
                          pointed here and at the repository's theme/ (council plugins and lean theme)
    mkdocs-plain.yml      plain mkdocs-material: theme material with its default settings,
                          plugins: [search], the same content and Markdown extensions
    overrides-plain/      two one-line templates (home.html, accessibility-statement.html that just
                          extend Material's main.html) so plain Material can render the pages whose
                          front matter names one of our templates; nothing else is changed
    forms/                a copy of the repository's forms/, if mkdocs.yml lists council/forms
                          (about a third of service pages have a Do it online task; half of those
                          link to one of these forms, the rest to an https:// address)
    site-ours/, site-plain/   where the two builds write

Plugins that read their own data get a copy of the repository's at generation time: forms/ for
council/forms and the place files (and their folder's index.md) for council/places. Their size does
not depend on N. mkdocs.yml is otherwise copied as it is, so every plugin it lists is measured.

Generation is deterministic: page i is drawn from its own seeded random generator, so a site of
1,000 pages starts with exactly the 100 pages of a site of 100 pages (the benchmarks compare the
same service page at both sizes).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "build" / "bench"
VENV_BIN = REPO / ".venv" / "bin"
MKDOCS = str(VENV_BIN / "mkdocs") if (VENV_BIN / "mkdocs").exists() else (shutil.which("mkdocs") or "mkdocs")
CONFIGS = {"ours": "mkdocs.yml", "plain": "mkdocs-plain.yml"}
SITE_DIRS = {"ours": "site-ours", "plain": "site-plain"}
SEED = 20261122

# ---------------------------------------------------------------------------------------------
# Vocabulary, per category id: title stems (short tasks, <= 45 characters), what the pages are
# about, keywords, the team that owns them and its email.
# ---------------------------------------------------------------------------------------------

VOCAB: dict[str, dict] = {
    "bins-and-recycling": {
        "stems": ["Report a missed bin", "Book a bulky waste collection", "Request a new bin",
                  "Garden waste collections", "Bin collection days", "What goes in each bin",
                  "Household recycling centre", "Report fly-tipping", "Clinical waste collections",
                  "Get a food waste caddy", "Assisted bin collections", "Replace a damaged bin",
                  "Recycle batteries and small electricals", "Get rid of a fridge or freezer",
                  "Commercial waste collections", "Report a spillage after a collection",
                  "Christmas bin collection changes", "Recycling for flats",
                  "Get rid of asbestos safely", "Bin collections after bad weather",
                  "Apply for extra recycling capacity", "Report a dead animal",
                  "Report a full litter bin", "Book a skip permit", "Compost bins at a discount"],
        "things": ["bin", "collection", "recycling", "food caddy", "garden waste", "bulky item"],
        "keywords": ["bin", "bins", "rubbish", "recycling", "waste", "collection", "refuse", "tip",
                     "fly-tipping", "garden waste", "food waste", "skip", "litter"],
        "team": "Waste services", "email": "bins@eastmere.example",
    },
    "council-tax": {
        "stems": ["Pay your Council Tax", "Council Tax bands and charges", "Apply for a single person discount",
                  "Tell us you have moved", "Discounts and exemptions", "If you are struggling to pay",
                  "Set up a Direct Debit", "Get a Council Tax refund", "Challenge your Council Tax band",
                  "Council Tax for empty homes", "Council Tax for second homes",
                  "Disabled band reduction", "Council Tax for students", "Council Tax for care leavers",
                  "Change your payment dates", "Understand your Council Tax bill",
                  "Council Tax for annexes", "Register for online Council Tax account",
                  "Council Tax after a death", "Council Tax arrears and court summons",
                  "How Council Tax is spent", "Severe mental impairment discount"],
        "things": ["bill", "account", "discount", "payment", "band", "reference number"],
        "keywords": ["council tax", "bill", "pay", "discount", "band", "exemption", "refund", "direct debit",
                     "arrears", "moving home", "single person"],
        "team": "Revenues", "email": "counciltax@eastmere.example",
    },
    "benefits": {
        "stems": ["Apply for Housing Benefit or Council Tax Support", "Discretionary Housing Payments",
                  "Get help in a crisis", "Tell us about a change in circumstances", "Free school meals",
                  "Help with energy bills", "Household Support Fund", "Appeal a benefit decision",
                  "Benefit overpayments", "Check what benefits you can get", "Help with funeral costs",
                  "Food banks and community pantries", "Help for armed forces families",
                  "Pension Credit and Council Tax Support", "Universal Credit and your rent",
                  "Get help managing money", "Warm spaces this winter", "School clothing grants",
                  "Help for carers", "Report benefit fraud"],
        "things": ["claim", "payment", "award", "application", "decision", "entitlement"],
        "keywords": ["benefits", "housing benefit", "council tax support", "crisis", "money", "help",
                     "universal credit", "grant", "cost of living", "food bank", "energy"],
        "team": "Benefits", "email": "benefits@eastmere.example",
    },
    "housing": {
        "stems": ["Apply for council housing", "Report a repair", "If you are homeless or at risk",
                  "Get help to adapt your home", "Report a problem with a rented home", "Swap your council home",
                  "Report damp and mould", "Pay your rent", "Houses in multiple occupation licences",
                  "Empty homes", "Shared ownership homes", "Right to Buy",
                  "Report antisocial behaviour on an estate", "Help for private landlords",
                  "Apply for a Disabled Facilities Grant", "Temporary accommodation",
                  "Rough sleeping: report someone sleeping rough", "Ending your tenancy",
                  "Home energy improvements", "Housing register: update your application",
                  "Succession and joint tenancies", "Gas safety checks in council homes"],
        "things": ["tenancy", "repair", "application", "home", "rent account", "housing register"],
        "keywords": ["housing", "home", "repair", "tenant", "landlord", "rent", "homeless", "damp",
                     "mould", "council home", "housing register", "adaptation"],
        "team": "Housing", "email": "housing@eastmere.example",
    },
    "parking-and-roads": {
        "stems": ["Apply for a parking permit", "Blue Badge", "Pay or challenge a parking fine",
                  "Report a pothole", "Report a street light fault", "Visitor parking permits",
                  "Car parks and charges", "Report an abandoned vehicle", "Apply for a dropped kerb",
                  "Road closures and roadworks", "Gritting and winter roads", "Report a blocked drain",
                  "Electric vehicle charging points", "Apply for a suspension of parking bays",
                  "Business parking permits", "Report a damaged road sign", "Apply for a scaffold licence",
                  "School streets", "Report overgrown hedges and trees", "Traffic management requests",
                  "Residents parking zones", "Permits for carers"],
        "things": ["permit", "vehicle", "road", "parking bay", "penalty charge notice", "street"],
        "keywords": ["parking", "permit", "road", "pothole", "street light", "fine", "penalty",
                     "car park", "blue badge", "roadworks", "highways", "gritting"],
        "team": "Parking and highways", "email": "parking@eastmere.example",
    },
    "planning": {
        "stems": ["Apply for planning permission", "Comment on a planning application",
                  "Search planning applications", "Do you need planning permission",
                  "Building control", "Report a planning breach", "Pre-application advice",
                  "Listed buildings and conservation areas", "Tree preservation orders",
                  "Apply for a lawful development certificate", "Local plan", "Appeal a planning decision",
                  "Street naming and numbering", "Dangerous structures", "Community infrastructure levy",
                  "Neighbourhood planning", "Self-build and custom housebuilding register",
                  "Brownfield land register", "Demolition notices", "Planning fees"],
        "things": ["application", "plan", "drawing", "decision notice", "site", "building"],
        "keywords": ["planning", "planning permission", "building control", "extension", "application",
                     "conservation area", "listed building", "trees", "local plan", "appeal"],
        "team": "Planning", "email": "planning@eastmere.example",
    },
    "libraries-and-leisure": {
        "stems": ["Join the library", "Renew or reserve library books", "Library opening times",
                  "eBooks, eAudiobooks and eMagazines", "Book a computer in the library",
                  "Leisure centres and swimming pools", "Parks and open spaces", "Book a sports pitch",
                  "Allotments", "Children's activities in libraries", "Home library service",
                  "Museum and gallery", "Events in Eastmere", "Book a room for hire",
                  "Local and family history", "Play areas", "Apply to hold an event in a park",
                  "Walking and cycling routes", "Adult learning courses", "Summer reading challenge"],
        "things": ["library card", "booking", "membership", "session", "venue", "activity"],
        "keywords": ["library", "books", "leisure", "swimming", "gym", "park", "allotment", "events",
                     "museum", "computer", "wifi", "children"],
        "team": "Libraries and culture", "email": "libraries@eastmere.example",
    },
    "jobs-and-careers": {
        "stems": ["Current vacancies", "Apprenticeships", "Volunteer with us", "Work experience and placements",
                  "How to apply for a job", "Pay and benefits", "Jobs in schools", "Graduate scheme",
                  "Become a shared lives carer", "Social work careers", "Request a reference",
                  "Disability Confident employer", "Agency and temporary work", "Become a school governor",
                  "Careers in care", "Help for jobseekers", "Kickstart your business",
                  "Recruitment privacy notice", "Guaranteed interview scheme", "Election staff jobs"],
        "things": ["application", "role", "interview", "vacancy", "placement", "reference"],
        "keywords": ["jobs", "careers", "vacancies", "apprenticeship", "volunteering", "work",
                     "recruitment", "interview", "employment", "training"],
        "team": "Human resources", "email": "jobs@eastmere.example",
    },
    "your-council": {
        "stems": ["Find your councillor", "Council meetings and minutes", "Budgets and spending",
                  "Elections and voting", "Register to vote", "Make a complaint", "Freedom of information requests",
                  "Data protection and your information", "Council plan and strategies", "Consultations",
                  "Mayor of Eastmere", "Pay an invoice", "Register a birth", "Register a death",
                  "Give notice of marriage", "Licences and permits", "Report fraud",
                  "Equality and diversity", "Council contracts and tenders", "Petitions",
                  "Postal and proxy votes", "Citizenship ceremonies"],
        "things": ["request", "record", "meeting", "complaint", "vote", "document"],
        "keywords": ["council", "councillor", "meeting", "vote", "election", "complaint", "budget",
                     "freedom of information", "register office", "consultation", "licence"],
        "team": "Democratic services", "email": "council@eastmere.example",
    },
}

AUDIENCES = ["businesses", "landlords", "tenants", "schools", "charities", "care homes", "carers",
             "older people", "young people", "families", "disabled residents", "students",
             "community groups", "new residents", "farms", "market traders"]
AREAS = ["Northbrook", "Eastmere town centre", "Fenwick", "Saltham", "Old Mill", "Westgate", "Harrowby",
         "Kingsmoor", "Little Ashby", "Marsh End", "Riverside", "Brampton", "Holmfield", "Ashcombe",
         "Sandford", "Tollgate", "Upper Weald", "Greystones"]
DAYS = ["2 working days", "5 working days", "10 working days", "14 days", "20 working days", "28 days", "8 weeks"]
HOURS = ["Monday to Friday, 9am to 5pm", "Monday to Friday, 8:30am to 5pm",
         "Monday to Thursday, 9am to 5pm, Friday 9am to 4:30pm", "Monday to Friday, 9am to 4pm (Wednesday 10am to 4pm)"]
PLACES = [("Civic Centre", "Market Street, Eastmere, EM1 1AA"), ("Northbrook Library", "High Street, Northbrook, EM4 2BD"),
          ("Saltham Community Hub", "Quay Road, Saltham, EM7 5QR"), ("Westgate Customer Service Centre", "12 Westgate, Eastmere, EM2 3CF")]

HEADINGS = ["Who can apply", "Before you start", "What you need", "How to apply", "What happens next",
            "How much it costs", "How long it takes", "If you need help", "If you disagree with our decision",
            "If your circumstances change", "Where this applies", "Paying", "Getting a decision",
            "If you cannot go online", "Your information"]

SENTENCES = [
    "You can usually do this online in about {minutes} minutes.",
    "We will reply within {days}.",
    "You will need your {thing} details to hand.",
    "If you are not sure this is for you, contact the {team} team first.",
    "We cannot take forms sent by text or on social media.",
    "Keep a note of your reference number. You will need it if you contact us about your {thing}.",
    "We may ask you to tell us more before we decide.",
    "Most people hear from us within {days}. It can take longer when we are busy.",
    "You can ask someone to do this for you, such as a friend, relative or support worker.",
    "Tell us if you are disabled or ill and need us to change how we help you.",
    "The rules are different if you live in {area}.",
    "We will write to you to tell you what we have decided and why.",
    "If we need to visit, we will agree a time with you first.",
    "You can save your answers and come back to them later.",
    "It is free to apply.",
    "There is a charge of {cost}, which you pay when you apply.",
    "We do not refund the fee if you change your mind after we have started work.",
    "Tell us straight away if anything changes, so that your {thing} stays correct.",
    "We check every {thing} against the details we already have.",
    "If you tell us something that is not true, we may cancel your {thing} and take you to court.",
    "Our staff in libraries and customer service centres can help you fill in the form.",
    "You can get free, independent advice from Citizens Advice Eastmere.",
    "We aim to deal with urgent cases, such as a risk to someone's safety, the same day.",
    "You can track the progress of your {thing} in your online account.",
    "If you live in {area}, contact the {team} team at the Civic Centre.",
    "We will let you know if we need to see original documents.",
    "If you are deaf or hard of hearing, you can contact us using Relay UK.",
    "Some {audience} may be able to get help with the cost.",
    "This service is only for people who live in Eastmere.",
    "Each month we put a list of our decisions on this website.",
]

LIST_ITEMS = [
    "your full name and address", "your postcode", "an email address or mobile phone number",
    "your {thing} reference number", "proof of identity, such as a passport or driving licence",
    "proof of address, such as a recent utility bill", "a debit or credit card to pay the fee",
    "details of anyone who lives with you", "the date the change happened",
    "photos, if you have them", "your National Insurance number", "your bank details",
    "the name of your landlord or managing agent", "a description of the problem",
    "the exact location, such as the nearest house number or landmark",
    "details of any support you get from other organisations",
]

STEPS = [
    "Check you can apply.", "Gather the documents you need.", "Fill in the online form.",
    "Pay the fee, if there is one.", "Upload your evidence.", "Wait for us to contact you.",
    "Read our decision letter.", "Tell us if anything changes.",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass
class ServicePage:
    index: int
    category: str
    slug: str
    title: str

    @property
    def path(self) -> str:
        return f"{self.category}/{self.slug}.md"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def categories_from(config: dict) -> list[dict]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "council/content" in plugin:
            return plugin["council/content"]["categories"]
    raise SystemExit("mkdocs.yml has no council/content categories")


def load_repo_config() -> dict:
    with open(REPO / "mkdocs.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# ---------------------------------------------------------------------------------------------
# Service pages
# ---------------------------------------------------------------------------------------------

def _fill(rng: random.Random, template: str, vocab: dict) -> str:
    return template.format(
        minutes=rng.choice([5, 10, 15, 20]), days=rng.choice(DAYS), thing=rng.choice(vocab["things"]),
        team=vocab["team"], area=rng.choice(AREAS), cost=f"£{rng.choice([12, 25, 35, 48, 60, 75, 120])}",
        audience=rng.choice(AUDIENCES),
    )


def _paragraph(rng: random.Random, vocab: dict, sentences: int) -> str:
    return " ".join(_fill(rng, s, vocab) for s in rng.sample(SENTENCES, sentences))


def _table(rng: random.Random, vocab: dict) -> str:
    if rng.random() < 0.5:
        rows = ["| What | Cost |", "| --- | --- |"]
        for item in rng.sample(vocab["things"], 3):
            rows.append(f"| {item.capitalize()} | £{rng.choice([0, 10, 18, 25, 42, 55, 80, 150])} |")
    else:
        rows = ["| Area | Day | Time |", "| --- | --- | --- |"]
        for area in rng.sample(AREAS, 4):
            rows.append(f"| {area} | {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} "
                        f"| {rng.choice(['7am to 3pm', '9am to 5pm', '10am to 4pm', '8am to 2pm'])} |")
    return "\n".join(rows)


def _words(text: str) -> int:
    return len(re.sub(r"[#|*\-]+", " ", text).split())


def body(rng: random.Random, page: ServicePage, vocab: dict, siblings: list[ServicePage]) -> str:
    """250 to 400 words: an introduction, then 4 to 7 sections in the usual order, with lists,
    numbered steps, a link to a page nearby and, on about a quarter of pages, a table."""
    target = rng.randint(260, 380)
    parts = [_paragraph(rng, vocab, rng.randint(2, 3))]
    words = _words(parts[0])
    headings = sorted(rng.sample(HEADINGS, rng.randint(4, 7)), key=HEADINGS.index)
    table_at = rng.randrange(len(headings)) if rng.random() < 0.25 else None
    link_at = rng.randrange(len(headings)) if siblings and rng.random() < 0.6 else None
    for k, heading in enumerate(headings):
        share = (target - words) / (len(headings) - k)
        if share < 15:
            break
        section = [f"## {heading}"]
        while _words("\n".join(section)) < share * 0.6 and len(section) < 4:
            section.append(_paragraph(rng, vocab, rng.randint(1, 3)))
        extra = []
        if k == table_at:
            extra.append(_table(rng, vocab))
        elif rng.random() < 0.45:
            items = [_fill(rng, i, vocab) for i in rng.sample(LIST_ITEMS, rng.randint(3, 5))]
            extra.append("You need:\n\n" + "\n".join(f"- {i}" for i in items))
        elif rng.random() < 0.25:
            steps = STEPS[: rng.randint(3, 6)]
            extra.append("\n".join(f"{n}. {s}" for n, s in enumerate(steps, 1)))
        if k == link_at:
            other = rng.choice(siblings)
            extra.append(f"You may also want to read [{other.title[0].lower() + other.title[1:]}]({other.slug}.md).")
        if words + _words("\n".join(section + extra)) <= 400:
            section += extra
        parts.append("\n\n".join(section))
        words += _words(parts[-1])
    while words < 250:
        para = _paragraph(rng, vocab, 2)
        parts.append(para)
        words += _words(para)
    return "\n\n".join(parts) + "\n"


def front_matter(rng: random.Random, page: ServicePage, vocab: dict, form_ids: list[str]) -> dict:
    stem_words = page.title.split(" for ")[0].split(" in ")[0]
    meta: dict = {
        "title": page.title,
        "summary": _summary(rng, page),
        "category": page.category,
        "keywords": rng.sample(vocab["keywords"], rng.randint(3, 6)),
        "owner": f"{vocab['team']} team",
        "review_by": dt.date(2028, rng.randint(1, 12), rng.randint(1, 28)),
        "last_reviewed": dt.date(2026, rng.randint(1, 10), rng.randint(1, 28)),
    }
    roll = rng.random()
    if roll < 0.35:  # about a third of services can be done online; priority on about 10% of all pages
        online: dict = {"label": stem_words[:60].rstrip()}
        pick = rng.random()
        if pick < 0.5 or not form_ids:
            online["link"] = f"https://online.eastmere.example/{page.slug}"
        else:  # one of the site's forms (council/forms checks that it exists)
            online["form"] = form_ids[int((pick - 0.5) * 2 * len(form_ids))]
        if roll < 0.10:
            online["priority"] = rng.randint(1, 200)
        meta["do_it_online"] = online
    ways: dict = {"phone": {"number": f"01632 960 {rng.randint(100, 999)}", "hours": rng.choice(HOURS)},
                  "email": vocab["email"]}
    if rng.random() < 0.4:
        place, address = rng.choice(PLACES)
        ways["in_person"] = {"place": place, "address": address, "hours": rng.choice(HOURS)}
    if rng.random() < 0.3:
        ways["post"] = f"{vocab['team']}, Eastmere Borough Council, Civic Centre, Market Street, Eastmere, EM1 1AA"
    meta["other_ways"] = ways
    return meta


def _summary(rng: random.Random, page: ServicePage) -> str:
    lower = page.title[0].lower() + page.title[1:]
    about = [
        f"Find out about {lower}, who it is for and how to get it.",
        f"Everything you need to know about {lower} in Eastmere.",
        f"Check the rules for {lower} and contact the right team.",
    ]
    how = [
        f"How to {lower}, what you need and what happens next.",
        f"Find out how to {lower} and how long it takes.",
    ]
    verbs = ("Report", "Apply", "Book", "Pay", "Request", "Get", "Tell", "Register", "Join", "Renew", "Find",
             "Make", "Give", "Set", "Change", "Challenge", "Replace", "Recycle", "Swap", "Search", "Comment",
             "Appeal", "Check", "Understand", "Volunteer", "Become")
    return rng.choice(how if page.title.split()[0] in verbs else about)[:200]


def plan_services(n: int, categories: list[str], seed: int) -> list[tuple[ServicePage, random.Random]]:
    """Titles and paths of the N service pages; page i depends only on the pages before it."""
    taken: set[str] = set()
    titles: set[str] = set()
    planned = []
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        category = categories[i % len(categories)]
        vocab = VOCAB.get(category) or VOCAB["your-council"]
        title = None
        for attempt in range(40):
            candidate = rng.choice(vocab["stems"])
            if attempt or rng.random() < 0.5:
                roll = rng.random()
                if " for " in candidate or roll >= 0.4 and roll < 0.8:
                    candidate += f" in {rng.choice(AREAS)}"
                elif roll < 0.4:
                    candidate += f" for {rng.choice(AUDIENCES)}"
                else:
                    candidate += f" for {rng.choice(AUDIENCES)} in {rng.choice(AREAS)}"
            if len(candidate) <= 80 and candidate not in titles and f"{category}/{slugify(candidate)}" not in taken:
                title = candidate
                break
        if title is None:
            title = f"{rng.choice(vocab['stems'])} (area {i})"
        titles.add(title)
        taken.add(f"{category}/{slugify(title)}")
        planned.append((ServicePage(i, category, slugify(title), title), rng))
    return planned


# ---------------------------------------------------------------------------------------------
# General pages, alerts, configs
# ---------------------------------------------------------------------------------------------

def _general(title: str, summary: str, text: str, template: str | None = None) -> str:
    meta = {"title": title, "summary": summary}
    if template:
        meta["template"] = template
    meta.update({"owner": "Digital team", "review_by": dt.date(2028, 3, 31), "last_reviewed": dt.date(2026, 10, 1)})
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n" + text


GENERAL_PAGES = {
    "index.md": ("Eastmere Borough Council", "Find council services in Eastmere and do them online.", "", "home.html"),
    "contact-us.md": ("Contact us", "Phone, email, write to or visit the council.",
                      "## By phone\n\nPhone 01632 960 000, Monday to Friday, 9am to 5pm.\n\n"
                      "## By email\n\nEmail contact@eastmere.example. We reply within 5 working days.\n\n"
                      "## In person\n\nCivic Centre, Market Street, Eastmere, EM1 1AA. Open Monday to Friday, 9am to 4pm.\n", None),
    "accessibility-statement.md": ("Accessibility statement", "How accessible this website is and how to report a problem.",
                                   "This website is run by Eastmere Borough Council. We want as many people as possible "
                                   "to be able to use it.\n\n## Reporting accessibility problems\n\nContact us if you find "
                                   "a problem that is not listed on this page.\n", "accessibility-statement.html"),
    "privacy.md": ("Privacy notice", "How we use your personal information.",
                   "We collect only the information we need to provide our services.\n\n## Your rights\n\n"
                   "You can ask to see the information we hold about you.\n", None),
    "cookies.md": ("Cookies", "This website sets no cookies that track you.",
                   "We only use cookies that are needed to make the website work.\n", None),
    "help/how-to-use-this-website.md": ("How to use this website", "Find a service, change how the site looks and get help.",
                                        "## Finding a service\n\nUse search, the A to Z or the categories on the home page.\n\n"
                                        "## Changing how it looks\n\nYou can zoom in up to 400% without losing content.\n", None),
    "help/get-help-getting-online.md": ("Get help getting online", "Free help and computers in our libraries and customer service centres.",
                                        "Staff in our libraries can help you use our online services.\n\n"
                                        "## Free computers and WiFi\n\nEvery library has free computers and WiFi.\n", None),
    "help/accessibility-tools.md": ("Accessibility tools", "Tools that make websites easier to use.",
                                    "Your browser and device have settings that can make this website easier to use.\n\n"
                                    "- make text bigger\n- change colours\n- read text aloud\n", None),
}


def _plugin(config: dict, name: str) -> dict | None:
    """The options of plugin `name` in a config's plugins list, or None if it is not listed."""
    for plugin in config.get("plugins", []):
        if plugin == name:
            return {}
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
    return None


def linkable_forms(repo_config: dict) -> list[str]:
    """Ids of the repository's forms that a service page may link to (those without their own priority)."""
    options = _plugin(repo_config, "council/forms")
    if options is None:
        return []
    folder = REPO / options.get("folder", "forms")
    ids = []
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and data.get("priority") is None:
            ids.append(path.stem)
    return ids


def copy_plugin_data(out: Path, repo_config: dict) -> dict:
    """Plugins that read their own data get a copy of the repository's: forms/ (council/forms, next
    to mkdocs.yml) and the place files (council/places, inside the docs folder, with the index page
    of the folder above them). Their size does not depend on N. Returns the config to write."""
    config = dict(repo_config, plugins=[])
    for plugin in repo_config.get("plugins", []):
        if isinstance(plugin, dict) and "council/forms" in plugin:
            options = dict(plugin["council/forms"] or {})
            src = REPO / options.get("folder", "forms")
            dest = out / "forms"
            if dest.exists():
                shutil.rmtree(dest)
            if src.is_dir():
                shutil.copytree(src, dest)
            options["folder"] = "forms"
            plugin = {"council/forms": options}
        elif isinstance(plugin, dict) and "council/places" in plugin or plugin == "council/places":
            options = dict((plugin.get("council/places") if isinstance(plugin, dict) else None) or {})
            folder = options.get("folder", "get-online/places").strip("/")
            src = REPO / repo_config.get("docs_dir", "docs") / folder
            if src.is_dir():
                shutil.copytree(src, out / "docs" / folder, dirs_exist_ok=True)
                index = src.parent / "index.md"
                if "/" in folder and index.is_file():
                    shutil.copy(index, out / "docs" / Path(folder).parent / "index.md")
        config["plugins"].append(plugin)
    return config


def write_configs(out: Path, repo_config: dict) -> None:
    ours = dict(repo_config)
    ours["docs_dir"] = str(out / "docs")
    ours["site_dir"] = str(out / "site-ours")
    header = "# Generated by benchmarks/synthetic.py: ours (council plugins and lean theme).\n"
    (out / "mkdocs.yml").write_text(header + yaml.safe_dump(ours, sort_keys=False, allow_unicode=True), encoding="utf-8")

    plain = {
        "site_name": repo_config["site_name"],
        "site_description": repo_config.get("site_description"),
        "site_url": repo_config.get("site_url"),
        "docs_dir": str(out / "docs"),
        "site_dir": str(out / "site-plain"),
        "use_directory_urls": repo_config.get("use_directory_urls", True),
        # Default Material: no palette, font, features or nav settings. custom_dir only adds two
        # templates that extend main.html, for pages whose front matter names one of ours.
        "theme": {"name": "material", "custom_dir": str(out / "overrides-plain")},
        "plugins": ["search"],
        "markdown_extensions": repo_config.get("markdown_extensions", []),
    }
    header = "# Generated by benchmarks/synthetic.py: plain mkdocs-material with default settings.\n"
    (out / "mkdocs-plain.yml").write_text(header + yaml.safe_dump(plain, sort_keys=False, allow_unicode=True),
                                          encoding="utf-8")
    overrides = out / "overrides-plain"
    overrides.mkdir(exist_ok=True)
    for name in ("home.html", "accessibility-statement.html"):
        (overrides / name).write_text('{% extends "main.html" %}\n', encoding="utf-8")


def generate(n: int, out: Path | None = None, seed: int = SEED) -> Path:
    """Write a synthetic site of n service pages to `out` (default build/bench/site-<n>); return it."""
    out = Path(out or BENCH_DIR / f"site-{n}").resolve()
    repo_config = load_repo_config()
    categories = [c["id"] for c in categories_from(repo_config)]
    form_ids = linkable_forms(repo_config)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for cat in categories:
        (docs / cat).mkdir()
    by_category: dict[str, list[ServicePage]] = {c: [] for c in categories}
    for page, rng in plan_services(n, categories, seed):
        vocab = VOCAB.get(page.category) or VOCAB["your-council"]
        meta = front_matter(rng, page, vocab, form_ids)
        text = body(rng, page, vocab, by_category[page.category][-20:])
        by_category[page.category].append(page)
        (docs / page.path).write_text(
            "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n" + text,
            encoding="utf-8")
    (docs / "help").mkdir()
    for path, (title, summary, text, template) in GENERAL_PAGES.items():
        (docs / path).write_text(_general(title, summary, text, template), encoding="utf-8")
    (docs / "alerts.yml").write_text("alerts: []\n", encoding="utf-8")
    write_configs(out, copy_plugin_data(out, repo_config))
    return out


def first_service_page(n: int, seed: int = SEED, online: bool = True) -> str:
    """Source path of the first service page (with a Do it online task if `online`), the same at every size."""
    repo_config = load_repo_config()
    categories = [c["id"] for c in categories_from(repo_config)]
    form_ids = linkable_forms(repo_config)
    for page, rng in plan_services(n, categories, seed):
        vocab = VOCAB.get(page.category) or VOCAB["your-council"]
        if not online or "do_it_online" in front_matter(rng, page, vocab, form_ids):
            return page.path
    raise SystemExit("no service page found")


@dataclass
class BuildResult:
    variant: str
    cpu: float  # user + system CPU seconds of the mkdocs process
    wall: float
    warnings: int
    output: str


def mkdocs_env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(out: Path, variant: str) -> BuildResult:
    """Run `mkdocs build` for one variant ("ours" or "plain") of the site in `out`, from a clean
    site folder, measuring the child's CPU time (getrusage deltas) and wall time."""
    site = out / SITE_DIRS[variant]
    if site.exists():
        shutil.rmtree(site)
    # An absolute -f path, so messages and relative paths never depend on the working folder.
    cmd = [MKDOCS, "build", "-f", str(out / CONFIGS[variant])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=out, env=mkdocs_env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise RuntimeError(f"{variant} build of {out} failed (exit {proc.returncode}):\n{output[-4000:]}")
    return BuildResult(variant, cpu, wall, output.count("WARNING"), output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=int, help="number of service pages")
    parser.add_argument("--out", type=Path, help="output folder (default build/bench/site-<pages>)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    out = generate(args.pages, args.out, args.seed)
    print(f"wrote {args.pages} service pages to {out}/docs, configs {out}/mkdocs.yml and {out}/mkdocs-plain.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())

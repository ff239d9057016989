"""How often the demo's search puts the page a resident wants in the top 3.

    .venv/bin/python benchmarks/search_quality.py               # builds the demo first if needed
    .venv/bin/python benchmarks/search_quality.py --site build/site --show 5

Each query is something residents type into a council's search box (everyday words, plurals,
misspellings, questions), with the page or pages that answer it. It prints, for each query, the
rank of the first right answer, then the share of queries answered in the top 3 (target: 90% or
more) and the mean reciprocal rank (1 when the right page is always first).

The ranking is councilsite.search.engine, which `councilsite serve` uses and which the browser's
search.js matches result for result (tests/search/test_search_browser.py).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from councilsite.search.engine import SiteSearch  # noqa: E402

TARGET_TOP3 = 0.90
B, C, L, P, H, J, R, G = ("bins-and-recycling/", "council-tax/", "libraries-and-leisure/", "parking-and-roads/",
                          "housing/", "jobs-and-careers/", "your-council/", "get-online/")
BEN, PLAN, PLACES = "benefits/", "planning/", "get-online/places/"

# query -> the pages that answer it (any of them counts)
QUERIES: dict[str, list[str]] = {
    "rubbish": [B + "bin-collection-days/", B, B + "what-goes-in-each-bin/"],
    "tip": [B + "household-recycling-centre/"],
    "tip opening times": [B + "household-recycling-centre/"],
    "bin day": [B + "bin-collection-days/"],
    "when are my bins collected": [B + "bin-collection-days/"],
    "bins": [B, B + "report-a-missed-bin/", B + "bin-collection-days/"],
    "missed bin": [B + "report-a-missed-bin/"],
    "bin not collected": [B + "report-a-missed-bin/"],
    "new bin": [B + "request-a-new-bin/"],
    "broken bin": [B + "request-a-new-bin/"],
    "recyling": [B, B + "what-goes-in-each-bin/", B + "household-recycling-centre/"],
    "what goes in my recycling bin": [B + "what-goes-in-each-bin/"],
    "garden waste": [B + "garden-waste-collections/"],
    "bulky waste": [B + "book-a-bulky-waste-collection/"],
    "sofa collection": [B + "book-a-bulky-waste-collection/"],
    "fly tipping": [B + "report-fly-tipping/"],
    "pay council tax": [C + "pay-your-council-tax/"],
    "council tax": [C, C + "pay-your-council-tax/"],
    "counci tax": [C, C + "pay-your-council-tax/"],
    "council tax bands": [C + "council-tax-bands-and-charges/"],
    "single person discount": [C + "apply-for-a-single-person-discount/"],
    "live alone discount": [C + "apply-for-a-single-person-discount/"],
    "moving house": [C + "tell-us-you-have-moved/"],
    "cant pay council tax": [C + "if-you-are-struggling-to-pay/"],
    "housing benefit": [BEN + "apply-for-housing-benefit-or-council-tax-support/"],
    "benifits": [BEN, BEN + "apply-for-housing-benefit-or-council-tax-support/"],
    "change of circumstances": [BEN + "tell-us-about-a-change-in-circumstances/"],
    "help with rent": [BEN + "discretionary-housing-payments/"],
    "emergency help": [BEN + "get-help-in-a-crisis/"],
    "pothole": [P + "report-a-pothole/"],
    "potholes": [P + "report-a-pothole/"],
    "street light not working": [P + "report-a-street-light-fault/"],
    "parking permit": [P + "apply-for-a-parking-permit/"],
    "parking ticket": [P + "pay-or-challenge-a-parking-fine/"],
    "appeal parking fine": [P + "pay-or-challenge-a-parking-fine/"],
    "blue badge": [P + "blue-badge/"],
    "disabled parking": [P + "blue-badge/"],
    "library wifi": [PLACES + "with-free-wifi/", PLACES, G],
    "free wifi": [PLACES + "with-free-wifi/"],
    "use a computer": [PLACES + "with-public-computers/", G],
    "printing": [PLACES + "with-printing/"],
    "join library": [L + "join-the-library/"],
    "library card": [L + "join-the-library/"],
    "renew books": [L + "renew-library-books/"],
    "swimming": [L + "leisure-centres-and-swimming/"],
    "parks": [L + "parks-and-open-spaces/"],
    "planning permission": [PLAN + "apply-for-planning-permission/", PLAN + "do-you-need-planning-permission/"],
    "do i need planning permission": [PLAN + "do-you-need-planning-permission/"],
    "object to a planning application": [PLAN + "comment-on-a-planning-application/"],
    "council house": [H + "apply-for-council-housing/"],
    "homeless": [H + "if-you-are-homeless-or-at-risk/"],
    "repair": [H + "report-a-repair/"],
    "landlord problems": [H + "report-a-problem-with-a-rented-home/"],
    "jobs": [J, J + "working-for-us/", J + "apply-for-a-job/"],
    "apprenticeships": [J + "apprenticeships-and-work-experience/"],
    "volunteering": [J + "volunteer-with-us/"],
    "complaint": [R + "make-a-complaint/"],
    "complain": [R + "make-a-complaint/"],
    "my councillor": [R + "find-your-councillor/"],
    "register to vote": [R + "register-to-vote/"],
    "freedom of information": [R + "freedom-of-information-requests/"],
    "council meetings": [R + "council-meetings/"],
    "contact the council": ["contact-us/"],
    "accessibility": ["accessibility-statement/"],
    "digital skills": ["forms/book-a-digital-skills-class/", PLACES + "with-digital-skills-courses/"],
    "adapt my home": [H + "get-help-to-adapt-your-home/"],
    "libary": [L, L + "join-the-library/", PLACES],
    "recycling centre": [B + "household-recycling-centre/"],
}


def rank_of(search: SiteSearch, query: str, wanted: list[str]) -> int | None:
    ranked, _, _ = search.ranked(query)
    for position, (ref, _) in enumerate(ranked, start=1):
        if search.records[ref][1] in wanted:
            return position
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "build" / "site")
    parser.add_argument("--show", type=int, default=0, help="print the top N results of each query that misses")
    args = parser.parse_args(argv)
    if not (args.site / "search" / "index.json").is_file():
        subprocess.run([sys.executable, "-m", "councilsite", "build"], cwd=REPO, check=True)
    search = SiteSearch(args.site)
    known = {r[1] for r in search.records}
    missing = sorted({u for pages in QUERIES.values() for u in pages} - known)
    if missing:
        print("These answers are not in the index:", ", ".join(missing))
        return 2
    ranks = {q: rank_of(search, q, pages) for q, pages in QUERIES.items()}
    for query, r in ranks.items():
        print(f"  {'ok ' if r and r <= 3 else 'MISS'} {str(r or '-'):>3}  {query}")
        if args.show and not (r and r <= 3):
            for ref, score in search.ranked(query)[0][: args.show]:
                print(f"            {score:8.3f}  {search.records[ref][1]}")
    top3 = sum(1 for r in ranks.values() if r and r <= 3) / len(ranks)
    mrr = sum(1 / r for r in ranks.values() if r) / len(ranks)
    first = sum(1 for r in ranks.values() if r == 1) / len(ranks)
    print(f"\n{len(ranks)} queries: top 3 {top3:.1%} (target >= {TARGET_TOP3:.0%}), first {first:.1%}, "
          f"mean reciprocal rank {mrr:.3f}")
    out = REPO / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search_quality.json").write_text(json.dumps(
        {"queries": len(ranks), "top3": top3, "first": first, "mrr": mrr, "ranks": ranks}, indent=2))
    print("PASS" if top3 >= TARGET_TOP3 else "FAIL", f"top-3 share >= {TARGET_TOP3:.0%}")
    return 0 if top3 >= TARGET_TOP3 else 1


if __name__ == "__main__":
    sys.exit(main())

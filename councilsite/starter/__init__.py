"""The starter site `councilsite new site` writes for a new council."""
from __future__ import annotations

from pathlib import Path

from councilsite.scaffold import ScaffoldError


def new_site(folder: Path, name: str, **options: str | None) -> tuple[list[Path], str]:
    """Write a starter for the council into `folder`. Returns the files and the next steps to print."""
    from councilsite.starter.council import CouncilError, council
    from councilsite.starter.write import write_starter

    given = {key for key, value in options.items() if value}
    try:
        details = council(name, **options)
    except CouncilError as exc:
        raise ScaffoldError(str(exc)) from None
    written = write_starter(folder, details, given)
    return written, next_steps(folder, details, given)


def next_steps(folder: Path, details, given: set[str]) -> str:
    made_up = [label for option, label in (("url", "web address"), ("phone", "phone number"),
                                            ("email", "email address"), ("address", "address"))
               if option not in given]
    lines = [f"Created a website for {details.name} in {folder}", "", "Next steps:"]
    step = 1
    if made_up:
        lines.append(f"  {step}. In {folder / 'mkdocs.yml'}, replace the made-up {', '.join(made_up)}"
                     + (" (the postcode XX1 1XX is a placeholder)" if details.address_is_placeholder else "")
                     + ". README.md lists where else they appear.")
        step += 1
    lines += [f"  {step}. Read every page in {folder / 'content'} and make it true for your council.",
              f"  {step + 1}. cd {folder}",
              f"  {step + 2}. councilsite build, then councilsite audit build/site, then councilsite serve"]
    return "\n".join(lines)

"""Take headless Chromium screenshots of built pages, to look at them as a resident would.

    .venv/bin/python scripts/screenshots.py [--site build/site] [--out build/screenshots] PATH...

Each page is shot at 320 and 1280 CSS pixels wide, in the light and dark colour schemes.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import tempfile
import threading
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars"]


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}"]:
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> str:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--site", default="build/site")
    parser.add_argument("--out", default="build/screenshots")
    parser.add_argument("--schemes", default="light,dark")
    ns = parser.parse_args()
    out = Path(ns.out)
    out.mkdir(parents=True, exist_ok=True)
    root = serve(Path(ns.site))
    driver = browser()
    try:
        for scheme in ns.schemes.split(","):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for width in (320, 1280):
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})
                for path in ns.paths:
                    driver.get(root + path.lstrip("/"))
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                           {"width": width, "height": min(height, 4000), "deviceScaleFactor": 1,
                                            "mobile": width < 600})
                    name = (path.strip("/").replace("/", "_") or "home") + f"-{width}-{scheme}.png"
                    driver.save_screenshot(str(out / name))
                    print(out / name)
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                           {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})
    finally:
        driver.quit()


if __name__ == "__main__":
    main()

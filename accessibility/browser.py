"""One headless Chromium driven through Selenium, set up to work on a closed network.

A worker keeps one Browser for the whole audit; starting Chromium costs far more than
checking a page, so pages are loaded one after another in the same tab.
"""
from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

CHROMIUM_BIN = "/usr/bin/chromium"
CHROMEDRIVER_BIN = "/usr/bin/chromedriver"

# Without these Chromium stalls on the closed network (updates, sync, QUIC probes) or
# runs out of /dev/shm in containers.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
    "--disable-extensions", "--no-default-browser-check",
    "--window-size=1280,900", "--force-color-profile=srgb",
)

_KEYS = {"Tab": Keys.TAB, "Enter": Keys.ENTER, "Escape": Keys.ESCAPE,
         "ArrowDown": Keys.ARROW_DOWN, "ArrowUp": Keys.ARROW_UP, "ArrowRight": Keys.ARROW_RIGHT,
         "Space": Keys.SPACE}
DESKTOP = (1280, 900)
PAGE_LOAD_TIMEOUT = 60
SCRIPT_TIMEOUT = 120


class BrowserError(RuntimeError):
    pass


def chromium_bin() -> str:
    return os.environ.get("CHROMIUM_BIN", CHROMIUM_BIN)


def chromedriver_bin() -> str:
    return os.environ.get("CHROMEDRIVER_BIN", CHROMEDRIVER_BIN)


class Browser:
    def __init__(self):
        self._profile = tempfile.mkdtemp(prefix="councilsite-chromium-")
        options = webdriver.ChromeOptions()
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        # A fresh profile every time: no saved colour-scheme choice or cache leaks between runs.
        options.add_argument(f"--user-data-dir={self._profile}")
        options.binary_location = chromium_bin()
        for path, what in ((chromium_bin(), "CHROMIUM_BIN"), (chromedriver_bin(), "CHROMEDRIVER_BIN")):
            if not Path(path).exists():
                raise BrowserError(f"{path} not found: install Debian's chromium and "
                                   f"chromium-driver, or set {what}")
        try:
            self.driver = webdriver.Chrome(service=Service(chromedriver_bin()), options=options)
        except WebDriverException as exc:
            shutil.rmtree(self._profile, ignore_errors=True)
            raise BrowserError(f"could not start Chromium: {exc.msg or exc}") from exc
        self.driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
        self.driver.set_script_timeout(SCRIPT_TIMEOUT)

    @property
    def version(self) -> str:
        return str(self.driver.capabilities.get("browserVersion", "unknown"))

    @property
    def driver_version(self) -> str:
        info = self.driver.capabilities.get("chrome", {})
        return str(info.get("chromedriverVersion", "unknown")).split(" ")[0]

    def cdp(self, cmd: str, params: dict | None = None) -> dict:
        return self.driver.execute_cdp_cmd(cmd, params or {})

    def set_viewport(self, width: int, height: int, mobile: bool) -> None:
        self.cdp("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def set_color_scheme(self, scheme: str) -> None:
        self.cdp("Emulation.setEmulatedMedia",
                 {"media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})

    def press(self, key: str) -> None:
        """A real key press through the browser's input pipeline, as a keyboard user makes it.

        W3C actions take one round trip for down and up, half the cost of raw CDP events.
        """
        ActionChains(self.driver).send_keys(_KEYS[key]).perform()

    def press_shift_tab(self) -> None:
        ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
            Keys.SHIFT).perform()

    def screenshot(self, x: float, y: float, width: float, height: float) -> bytes:
        """PNG of a region of the document, in CSS pixels."""
        data = self.cdp("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": False,
            "clip": {"x": x, "y": y, "width": width, "height": height, "scale": 1}})["data"]
        return base64.b64decode(data)

    def get(self, url: str) -> None:
        self.driver.get(url)

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def alive(self) -> bool:
        try:
            self.driver.execute_script("return 1")
            return True
        except Exception:
            return False

    def quit(self) -> None:
        try:
            self.driver.quit()
        except Exception:
            pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.quit()

"""The review page in a real browser (headless Chromium): it loads without console errors,
highlights appear, paging, filters and hover work; a screenshot is kept in test-artifacts/."""

from __future__ import annotations

import shutil

import pytest

from pipeline.quality.report import write_report
from tests.conftest import ROOT
from tests.quality.test_report import write_review_dataset

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Chromium and ChromeDriver are not installed (make browser installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


def test_review_page_renders_with_highlights_paging_filters_and_no_console_errors(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "report.html"
    write_report(write_review_dataset(tmp_path / "out", n_ok=45), page, page_size=20)
    browser.get(page.as_uri())

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    assert browser.find_element(By.ID, "shown").text == "47 of 47 documents"
    assert browser.find_element(By.ID, "page").text == "page 1 of 3"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#documents article")) == 20
    marks = browser.find_elements(By.CSS_SELECTOR, "#documents mark")
    assert {m.get_attribute("data-field") for m in marks} >= {
        "agreement",
        "party",
        "signatory",
        "date",
        "place",
        "area",
    }
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report.png"))

    ActionChains(browser).move_to_element(marks[0]).perform()
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed() and "rule " in tip.text

    browser.find_element(By.ID, "next").click()
    assert browser.find_element(By.ID, "page").text == "page 2 of 3"

    Select(browser.find_element(By.ID, "filter-status")).select_by_value("failed_decode")
    assert browser.find_element(By.ID, "shown").text == "1 of 47 documents"
    (failed,) = browser.find_elements(By.CSS_SELECTOR, "#documents article")
    assert "not UTF-8" in failed.text

    Select(browser.find_element(By.ID, "filter-status")).select_by_value("no_agreement")
    (quiet,) = browser.find_elements(By.CSS_SELECTOR, "#documents article")
    quiet.find_element(By.TAG_NAME, "summary").click()
    assert "</script><script>alert('x')</script>" in quiet.find_element(By.CSS_SELECTOR, ".text").text
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []


def test_a_dataset_of_thousands_of_documents_puts_one_page_in_the_page(browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = tmp_path / "report.html"
    write_report(write_review_dataset(tmp_path / "out", n_ok=3000), page, page_size=25)
    browser.get(page.as_uri())
    assert browser.find_element(By.ID, "shown").text == "3002 of 3002 documents"
    assert browser.find_element(By.ID, "page").text == "page 1 of 121"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#documents article")) == 25
    browser.find_element(By.ID, "filter-text").send_keys("doc-2999")
    assert [
        a.find_element(By.TAG_NAME, "h2").text for a in browser.find_elements(By.CSS_SELECTOR, "#documents article")
    ] == ["Mombasa and Kristiansand sign MoU"]
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []

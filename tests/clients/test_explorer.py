"""The explorer in a real headless Chromium (Debian's chromium and chromium-driver,
driven by Selenium): the event page of the demo corpus's most reported figure shows
the figures and sources the store holds, Arabic right to left, with no error in the
browser console. Keeps a screenshot under target/."""
import json
import os
import urllib.parse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, TARGET, isnad

EVENTS = "https://w3id.org/isnad/id/graph/events"


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1366,900",
                 "--lang=en-US"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(
        service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    yield driver
    driver.quit()


def query(store, text):
    out = json.loads(isnad("--store", store, "query", "--format", "json", text))
    return [{k: v["value"] for k, v in b.items()} for b in out["results"]["bindings"]]


def errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def wait_loaded(driver, page):
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "main").get_attribute("data-loaded") in (page, "error"))
    assert driver.find_element(By.ID, "main").get_attribute("data-loaded") == page, \
        driver.find_element(By.ID, "main").text


def test_an_event_page_shows_the_figures_and_sources_of_the_store(server, store, browser):
    # the merged event with the most figures, and its figures, from the store itself
    top = query(store, f"""SELECT ?m (COUNT(DISTINCT ?c) AS ?n) WHERE {{
        GRAPH <{EVENTS}> {{ ?r owl:sameAs ?m }} ?c isn:about ?r }}
        GROUP BY ?m ORDER BY DESC(?n) ?m LIMIT 1""")[0]
    event = top["m"]
    figures = query(store, f"""SELECT ?c ?count ?q ?source (MIN(?l) AS ?sl) WHERE {{
        GRAPH <{EVENTS}> {{ ?r owl:sameAs <{event}> }}
        GRAPH ?a {{ ?c isn:about ?r ; isn:qualifier ?q ; prov:wasAttributedTo ?source
                   OPTIONAL {{ ?c isn:count ?count }} }}
        OPTIONAL {{ ?source rdfs:label ?l FILTER(LANG(?l) = "ar") }} }}
        GROUP BY ?c ?count ?q ?source""")
    assert len(figures) == int(top["n"]) >= 3

    browser.get(server + "/#/event/" + urllib.parse.quote(event, safe=""))
    wait_loaded(browser, "event")
    rows = browser.find_elements(By.CSS_SELECTOR, "#figures tr.figure")
    assert len(rows) == len(figures)
    shown = sorted((r.find_element(By.CSS_SELECTOR, ".figure-value").text,
                    r.get_attribute("data-claim")) for r in rows)
    sign = {"Exact": "", "About": "≈", "AtLeast": "≥", "MoreThan": ">", "UpTo": "≤", "LessThan": "<"}
    expected = sorted(("?" if f["q"].endswith("Vague") or "count" not in f
                       else sign[f["q"].split("#")[1]] + f["count"], f["c"]) for f in figures)
    assert shown == expected
    # every source the store credits is named on the page (its Arabic label)
    sources_shown = " ".join(r.find_element(By.CSS_SELECTOR, ".figure-source").text for r in rows)
    for f in figures:
        if f.get("sl"):
            assert f["sl"] in sources_shown, f["sl"]
    # the range of each kind and victim is shown
    ranges = browser.find_elements(By.CSS_SELECTOR, "#ranges tr.range-row .range")
    assert ranges and all(r.text for r in ranges)
    # the quotes are Arabic, right to left, each highlighted in its sentence
    quotes = browser.find_elements(By.CSS_SELECTOR, "#figures .sentence")
    assert len(quotes) == len(figures)
    for q in quotes:
        assert q.get_attribute("dir") == "rtl" and q.get_attribute("lang") == "ar"
        assert browser.execute_script("return getComputedStyle(arguments[0]).direction", q) == "rtl"
        assert q.find_element(By.TAG_NAME, "mark").text
    os.makedirs(os.path.join(TARGET, "explorer"), exist_ok=True)
    # the whole page (up to a few screens) in one picture, then the laptop's window again
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1366, min(height + 120, 2400))
    browser.save_screenshot(os.path.join(TARGET, "explorer", "event.png"))
    browser.set_window_size(1366, 900)
    assert errors(browser) == []


def test_the_other_pages_load_without_console_errors(server, store, browser):
    article = "https://w3id.org/isnad/id/article/hasakah-prison-attack.txt"
    for hash_, page in [("#/", "home"), ("#/articles", "articles"),
                        ("#/article/" + urllib.parse.quote(article, safe=""), "article"),
                        ("#/entity/" + urllib.parse.quote("https://w3id.org/isnad/id/sohr", safe=""), "entity"),
                        ("#/entity/" + urllib.parse.quote("https://w3id.org/isnad/id/hasakah", safe=""), "entity"),
                        ("#/search/" + urllib.parse.quote("المرصد"), "search"),
                        ("#/sparql", "sparql")]:
        browser.get(server + "/" + hash_)
        wait_loaded(browser, page)
        if page == "article":
            text = browser.find_element(By.ID, "article-text")
            assert text.get_attribute("dir") == "rtl"
            assert text.find_elements(By.CSS_SELECTOR, "a.span-claim")
            assert text.find_elements(By.CSS_SELECTOR, "a.span-entity")
            assert text.find_elements(By.CSS_SELECTOR, "a.span-event")
            browser.save_screenshot(os.path.join(TARGET, "explorer", "article.png"))
        if page == "entity":
            sections = browser.find_elements(By.CSS_SELECTOR, "section.entity-section h2")
            assert sections, "the entity page has sections"
            assert all(s.text for s in sections)
            assert "[object" not in browser.find_element(By.ID, "main").text
            if hash_.endswith("sohr"):
                said = [s for s in browser.find_elements(By.CSS_SELECTOR, "section.entity-section")
                        if s.find_element(By.TAG_NAME, "h2").text.startswith("What it said")]
                assert said and said[0].find_elements(By.CSS_SELECTOR, "tr td")
                browser.save_screenshot(os.path.join(TARGET, "explorer", "source.png"))
        if page == "search":
            assert "المرصد السوري لحقوق الإنسان" in browser.find_element(By.ID, "results").text
        if page == "sparql":
            browser.find_element(By.ID, "sparql-run").click()
            WebDriverWait(browser, 30).until(
                lambda d: "rows," in d.find_element(By.ID, "sparql-result").text
                or d.find_elements(By.CSS_SELECTOR, "#sparql-result .error"))
            assert not browser.find_elements(By.CSS_SELECTOR, "#sparql-result .error")
        assert errors(browser) == [], hash_

"""Drives headless Chromium through chromedriver (W3C WebDriver, plain
HTTP and JSON) over presscut-serve's pages, as tests/e2e_serve_browser.sh
asks: search, follow a hit to its article, look a quote up, filter by
language, read articles in Serbian Cyrillic and Chinese, check the DOM,
and check that a hostile article runs none of its script.

usage: python3 tests/serve_browser.py DRIVER_URL SERVE_URL OUT_DIR

Prints TAP lines without the plan ("ok - NAME" / "not ok - NAME"; the
shell numbers them) and saves screenshots (PNG) in OUT_DIR."""
import base64
import json
import os
import sys
import time
import urllib.parse
import urllib.request

DRIVER, SERVE, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
failed = 0


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(DRIVER + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())["value"]
    except urllib.error.HTTPError as e:
        raise RuntimeError("%s %s: %s" % (method, path, e.read()[:300]))


def check(name, ok):
    global failed
    print(("ok - " if ok else "not ok - ") + name)
    if not ok:
        failed += 1


caps = {"capabilities": {"alwaysMatch": {
    "browserName": "chrome",
    "goog:chromeOptions": {
        "binary": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1100,900", "--user-data-dir=" + os.path.join(OUT, "profile")],
    }}}}
sid = call("POST", "/session", caps)["sessionId"]
S = "/session/" + sid
ELEM = "element-6066-11e4-a52e-4f735466cecf"


def go(url):
    call("POST", S + "/url", {"url": url})


def js(script, *args):
    return call("POST", S + "/execute/sync", {"script": script, "args": list(args)})


def find(css):
    v = call("POST", S + "/element", {"using": "css selector", "value": css})
    if ELEM not in v:
        raise RuntimeError("find %s: %r" % (css, v))
    return v[ELEM]


def count(css):
    return len(call("POST", S + "/elements", {"using": "css selector", "value": css}))


def click_to(css, want):
    """Clicks css, then waits (up to 30 s) for a page whose URL holds want
    to be loaded: a click's navigation may still be on its way when the
    click returns."""
    call("POST", S + "/element/" + find(css) + "/click", {})
    for _ in range(300):
        if want in call("GET", S + "/url") and js("return document.readyState") == "complete":
            return
        time.sleep(0.1)
    raise RuntimeError("clicking %s led to %s, not %s" % (css, call("GET", S + "/url"), want))


def shot(name):
    png = base64.b64decode(call("GET", S + "/screenshot"))
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(png)
    return png


def no_script_ran():
    """Nothing a hostile text could have set, no element that runs script."""
    return js("return [document.title.indexOf('pwned!') < 0, typeof window.pwned === 'undefined',"
              " document.scripts.length === 0,"
              " document.querySelectorAll('[onmouseover],[onerror],[onclick],img,iframe,object,embed').length === 0]")


try:
    # A search typed into the form and submitted, as a reader would.
    go(SERVE + "/")
    check("the page loads with its search box", count("input#q") == 1)
    call("POST", S + "/element/" + find("input#q") + "/value", {"text": "nato accesion"})
    click_to("button[type=submit]", "/?q=")
    url = call("GET", S + "/url")
    check("the form submits by GET to /?q=", "/?q=nato+accesion" in url)
    check("hits are listed", count("ol.hits li.hit") >= 3)
    check("their words are marked", count("li.hit mark") >= 3)
    check("each hit cites file, paragraph, bytes and language",
          js("return Array.from(document.querySelectorAll('li.hit .cite')).every("
             "e => /, paragraphs? [0-9-]+(\\.[0-9]+)?, (body )?bytes [0-9]+-[0-9]+, language en$/.test(e.textContent))"))
    check("did you mean offers the correction",
          js("var a = document.getElementById('suggestion'); return a && a.textContent") == "nato accession")
    check("the style applies (its nonce matches the policy)",
          js("return getComputedStyle(document.querySelector('mark')).backgroundColor") == "rgb(255, 229, 138)")
    shot("search.png")
    # Did you mean, followed; then the first hit's article.
    click_to("#suggestion", "q=nato%20accession")
    check("the suggestion's link searches it", "q=nato%20accession" in call("GET", S + "/url"))
    click_to("li.hit h2 a.article", "/article?id=")
    url = call("GET", S + "/url")
    frag = urllib.parse.urlparse(url).fragment
    check("a hit leads to its article at the passage (#fragment)", "/article?id=" in url and frag.startswith("p"))
    check("the article shows its title and passages", count("h2#title") == 1 and count("section.passage") >= 1)
    check("the cited passage is marked and is the fragment's target",
          js("var c = document.querySelector('section.cited'); return c && c.id") == frag
          and js("return document.querySelector(':target') === document.querySelector('section.cited')"))
    check("and scrolled into view",
          js("var r = document.querySelector('section.cited').getBoundingClientRect();"
             " return r.top >= -2 && r.top < window.innerHeight"))
    check("the query's words are marked in the article", count("section.passage mark") >= 1)
    shot("article.png")
    # A quote, looked up with the mode chosen in the form.
    go(SERVE + "/")
    call("POST", S + "/element/" + find("input#q") + "/value",
         {"text": "Membership is not a finish line but a promise"})
    call("POST", S + "/element/" + find("#mode option[value=quote]") + "/click", {})
    click_to("button[type=submit]", "mode=quote")
    check("quote mode finds the place", count("li.hit") >= 1 and "mode=quote" in call("GET", S + "/url"))
    check("the match is marked as a quote", js("var m = document.querySelector('mark.quote');"
                                               " return m && m.textContent").startswith("Membership"))
    shot("quote.png")
    click_to("li.hit h2 a.article", "/article?id=")
    check("the quote's article marks the quote in the cited passage",
          count("section.cited mark.quote") == 1)
    check("and scrolls to it",
          js("var r = document.querySelector(':target').getBoundingClientRect();"
             " return r.top >= -2 && r.top < window.innerHeight"))
    # The language filter: the languages the index holds, to choose from.
    go(SERVE + "/")
    check("the language filter offers the index's languages",
          js("return Array.from(document.querySelectorAll('#language option')).map(o => o.value).join(' ')")
          == " ar de en fr hi hr ja ru sq sr th tr uk zh")
    call("POST", S + "/element/" + find("#language option[value=sr]") + "/click", {})
    click_to("button[type=submit]", "language=sr")
    cites = js("return Array.from(document.querySelectorAll('li.hit .cite')).map(e => e.textContent)")
    check("language sr, no query: the Serbian passages alone, each citation naming sr",
          len(cites) >= 2 and all(c.endswith(", language sr") for c in cites))
    check("the filter keeps its choice", js("return document.getElementById('language').value") == "sr")
    # A year or a month as a date filter (the query language's date:2024..)
    # stays in the form, to be sent again; a whole date keeps the picker.
    go(SERVE + "/?q=nato&from=2024&to=2024-06")
    check("a year and a month as date filters stay in the form",
          js("return document.querySelector('input[name=from]').value + ' '"
             " + document.querySelector('input[name=to]').value") == "2024 2024-06")
    go(SERVE + "/?q=nato&from=2024-01-02")
    check("a whole date in the date picker",
          js("var i = document.querySelector('input[name=from]'); return i.type + ' ' + i.value")
          == "date 2024-01-02")
    # Articles in Serbian Cyrillic and in Chinese: UTF-8, read as written,
    # the cited passage marked.
    for query, title, lang, word in (
            ("Kragujevac", "У Крагујевцу отворена нова фабрика електричних аутобуса", "sr", "Крагујевца"),
            ("铁路", "中欧班列开行数量创新高", "zh", "铁路")):
        go(SERVE + "/?q=" + urllib.parse.quote(query))
        click_to("li.hit h2 a.article", "/article?id=")
        check("%s: the article view is read as UTF-8" % lang,
              js("return document.characterSet") == "UTF-8"
              and count("meta[charset='utf-8']") == 1)
        check("%s: its title reads as written" % lang,
              js("return document.getElementById('title').textContent") == title)
        check("%s: the article carries its language" % lang,
              js("return document.querySelector('article').lang") == lang)
        marks = js("var c = document.querySelector('section.cited:target');"
                   " return c ? Array.from(c.querySelectorAll('mark')).map(m => m.textContent) : null")
        check("%s: the cited passage is marked, %s in it: %r" % (lang, word, marks),
              marks is not None and word in marks)
        shot("article-%s.png" % lang)
    # The hostile article: title, body and file name hold script.
    go(SERVE + "/?q=saboteurs")
    check("the hostile article is found", count("li.hit") >= 1)
    check("its title reads as text, script and all", "<script>window.pwned=1" in js("return document.querySelector('li.hit h2').textContent"))
    res = no_script_ran()
    check("its script does not run on the search page: %s" % res, all(res))
    call("POST", S + "/actions", {"actions": [{"type": "pointer", "id": "m", "actions": [
        {"type": "pointerMove", "origin": {ELEM: find("li.hit .snippet")}, "x": 0, "y": 0}]}]})
    check("nor when the mouse passes over it", all(no_script_ran()))
    click_to("li.hit h2 a.article", "/article?id=")
    check("its article page shows the path as text",
          "onmouseover" in js("return document.getElementById('file').textContent"))
    res = no_script_ran()
    check("and runs none of it: %s" % res, all(res))
    shot("hostile.png")
    go(SERVE + "/?q=saboteurs")
    shot("screenshot.png")
except Exception as e:  # a step that could not run fails the test
    check("the browser session ran: %r" % e, False)
finally:
    try:
        call("DELETE", S)
    except Exception:
        pass
sys.exit(1 if failed else 0)

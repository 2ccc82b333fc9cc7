// isnad explorer: pages over the SPARQL endpoint (/query), no library, no build step.
//
// Routes (the part after #):
//   /                 merged events          /articles          every article
//   /event/IRI        one real-world event: its reports and every figure side by side
//   /entity/IRI       an actor, place or source: what it did, suffered, said, holds
//   /article/IRI      an article's text with every recognised span marked and linked
//   /search/TEXT      names (labels and spellings articles used)
//   /sparql           a query page preloaded with the files of queries/
//
// Safety: every text that comes from the store is put in the page with textContent
// (through el()), never as HTML; IRIs are checked before they go into a query.
"use strict";

const ENDPOINT = "/query";
const EVENTS_GRAPH = "https://w3id.org/isnad/id/graph/events";
const ISN = "https://w3id.org/isnad/ontology#";
const PREFIXES = {
  isn: ISN,
  id: "https://w3id.org/isnad/id/",
  prov: "http://www.w3.org/ns/prov#",
  schema: "https://schema.org/",
  skos: "http://www.w3.org/2004/02/skos/core#",
  geo: "http://www.w3.org/2003/01/geo/wgs84_pos#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  wd: "http://www.wikidata.org/entity/",
};
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;

// ---------------------------------------------------------------------------
// DOM helpers: text only
// ---------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "onclick" || k === "onsubmit" || k === "onchange") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/// A text in its language: Arabic right to left.
function text(value, lang) {
  const ar = lang ? lang === "ar" : ARABIC.test(value || "");
  return ar ? el("span", { lang: "ar", dir: "rtl" }, value) : el("span", lang ? { lang } : {}, value);
}

function compact(iri) {
  for (const [p, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && iri.length > ns.length) return p + ":" + decodeURIComponentSafe(iri.slice(ns.length));
  }
  return iri;
}

function decodeURIComponentSafe(s) {
  try { return decodeURIComponent(s); } catch (e) { return s; }
}

function local(iri) {
  return iri && iri.startsWith(ISN) ? iri.slice(ISN.length) : compact(iri || "");
}

function main() { return document.getElementById("main"); }

function show(...nodes) {
  main().replaceChildren(...nodes.flat(Infinity).filter((n) => n !== undefined && n !== null && n !== false && n !== ""));
}

function loading() { return el("p", { class: "loading" }, "Loading…"); }

function failure(e) {
  return el("div", { class: "error", role: "alert" }, String(e && e.message ? e.message : e));
}

// ---------------------------------------------------------------------------
// SPARQL
// ---------------------------------------------------------------------------

/// An IRI fit to stand between < and > in a query (or an error).
function iri(s) {
  if (typeof s !== "string" || !/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(s)) {
    throw new Error("not an IRI: " + s);
  }
  return "<" + s + ">";
}

/// A SPARQL string literal.
function str(s) {
  return '"' + String(s).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r") + '"';
}

async function sparql(query, accept) {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: accept || "application/sparql-results+json",
    },
    body: new URLSearchParams({ query }),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(response.status + " " + response.statusText + ": " + body.trim());
  return accept && !accept.includes("json") ? body : JSON.parse(body);
}

/// Rows of a SELECT as objects of {value, type, lang, datatype}.
async function select(query) {
  const json = await sparql(query);
  return json.results.bindings.map((b) => {
    const row = {};
    for (const [k, v] of Object.entries(b)) row[k] = { value: v.value, type: v.type, lang: v["xml:lang"], datatype: v.datatype };
    return row;
  });
}

function v(row, name) { return row[name] ? row[name].value : undefined; }

// Labels of any IRIs (Arabic and English), fetched once.
const labelCache = new Map();

async function labels(iris) {
  const missing = [...new Set(iris.filter((i) => i && !labelCache.has(i)))];
  for (let i = 0; i < missing.length; i += 200) {
    const chunk = missing.slice(i, i + 200);
    for (const x of chunk) labelCache.set(x, { ar: null, en: null, other: null });
    const rows = await select(
      "SELECT DISTINCT ?x ?l WHERE { VALUES ?x { " + chunk.map(iri).join(" ") + " } ?x rdfs:label ?l }");
    for (const r of rows) {
      const entry = labelCache.get(v(r, "x"));
      const lang = r.l.lang || "";
      if (lang === "ar") { if (!entry.ar || r.l.value < entry.ar) entry.ar = r.l.value; }
      else if (lang.startsWith("en")) { if (!entry.en || r.l.value < entry.en) entry.en = r.l.value; }
      else if (!entry.other || r.l.value < entry.other) entry.other = r.l.value;
    }
  }
}

/// A resource's name: Arabic label with the English one beside it where known.
function name(x) {
  const l = labelCache.get(x) || {};
  const parts = [];
  if (l.ar) parts.push(text(l.ar, "ar"));
  if (l.en) parts.push(el("span", { class: "muted", lang: "en" }, (l.ar ? " (" : "") + l.en + (l.ar ? ")" : "")));
  if (!parts.length && l.other) parts.push(text(l.other));
  if (!parts.length) parts.push(text(local(x)));
  return el("span", { class: "name" }, parts);
}

function link(route, iriValue, content) {
  return el("a", { href: "#/" + route + "/" + encodeURIComponent(iriValue) }, content || name(iriValue));
}

function entityLink(x) { return x === ISN + "Civilians" || x === ISN + "Everyone" ? name(x) : link("entity", x); }

function articleLink(a, idOrHeadline) { return link("article", a, idOrHeadline ? text(idOrHeadline) : text(a.split("/").pop())); }

const QUALIFIER_SIGN = { Exact: "", About: "≈", AtLeast: "≥", MoreThan: ">", UpTo: "≤", LessThan: "<" };

function figure(count, qualifier) {
  const q = local(qualifier);
  if (q === "Vague" || count === undefined) return "?";
  return (QUALIFIER_SIGN[q] || "") + count;
}

// ---------------------------------------------------------------------------
// Text: sentences, quotes, spans (offsets count Unicode characters)
// ---------------------------------------------------------------------------

const SENTENCE_END = new Set([".", "!", "?", "؟", "\n", "…"]);

/// The sentence around chars [start, end) of an article text (an array of code points).
function sentenceAround(chars, start, end) {
  let s = start;
  while (s > 0 && !SENTENCE_END.has(chars[s - 1])) s--;
  let e = end;
  while (e < chars.length && !SENTENCE_END.has(chars[e])) e++;
  if (e < chars.length && chars[e] !== "\n") e++;
  while (s < start && /\s/.test(chars[s])) s++;
  return [s, e];
}

/// The quote highlighted in its sentence.
function quoteInSentence(textValue, start, end, quote) {
  if (textValue === undefined || start === undefined) return el("span", { class: "sentence" }, el("mark", {}, text(quote)));
  const chars = Array.from(textValue);
  const [s, e] = sentenceAround(chars, start, end);
  return el("span", { class: "sentence", lang: "ar", dir: "rtl" },
    chars.slice(s, start).join(""),
    el("mark", {}, chars.slice(start, end).join("")),
    chars.slice(end, e).join(""));
}

async function articleTexts(articles) {
  const out = new Map();
  const list = [...new Set(articles)];
  if (!list.length) return out;
  const rows = await select(
    "SELECT ?a ?text ?id ?published ?headline WHERE { VALUES ?a { " + list.map(iri).join(" ") + " } " +
    "GRAPH ?a { ?a a isn:Article ; schema:identifier ?id . OPTIONAL { ?a isn:text ?text } " +
    "OPTIONAL { ?a schema:datePublished ?published } OPTIONAL { ?a schema:headline ?headline } } }");
  for (const r of rows) out.set(v(r, "a"), { text: v(r, "text"), id: v(r, "id"), published: v(r, "published"), headline: v(r, "headline") });
  return out;
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

async function homePage() {
  // counted apart and joined here: one query joining events, reports, articles and
  // claims multiplies them and is slow on a large store
  const EG = "GRAPH " + iri(EVENTS_GRAPH);
  const [figures, reports, articles] = await Promise.all([
    select("SELECT ?m (COUNT(?c) AS ?n) WHERE { " + EG + " { ?r owl:sameAs ?m } GRAPH ?g { ?c isn:about ?r } } GROUP BY ?m"),
    select("SELECT ?m (COUNT(?r) AS ?n) WHERE { " + EG + " { ?r owl:sameAs ?m } } GROUP BY ?m"),
    select("SELECT ?m (COUNT(?a) AS ?n) WHERE { " + EG + " { ?m prov:wasDerivedFrom ?a } } GROUP BY ?m"),
  ]);
  const count = (rows) => new Map(rows.map((r) => [v(r, "m"), Number(v(r, "n"))]));
  const [nf, nr, na] = [count(figures), count(reports), count(articles)];
  const top = [...nr.keys()]
    .sort((a, b) => (nf.get(b) || 0) - (nf.get(a) || 0) || nr.get(b) - nr.get(a) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 500);
  const facts = top.length ? await select("SELECT ?m ?class ?date ?place WHERE { VALUES ?m { " + top.map(iri).join(" ") + " } " +
    EG + " { ?m a ?class OPTIONAL { ?m isn:date ?date } OPTIONAL { ?m isn:place ?place } } }") : [];
  const byEvent = new Map(facts.map((r) => [v(r, "m"), r]));
  const rows = top.filter((m) => byEvent.has(m)).map((m) => Object.assign({}, byEvent.get(m), {
    m: { value: m }, reports: { value: String(nr.get(m) || 0) }, articles: { value: String(na.get(m) || 0) }, figures: { value: String(nf.get(m) || 0) },
  }));
  await labels(rows.flatMap((r) => [v(r, "class"), v(r, "place")]));
  const table = el("table", { id: "events" },
    el("tr", {}, el("th", {}, "Event"), el("th", {}, "Place"), el("th", {}, "Date"),
      el("th", {}, "Reports"), el("th", {}, "Articles"), el("th", {}, "Figures")),
    rows.map((r) => el("tr", {},
      el("td", {}, link("event", v(r, "m"), name(v(r, "class")))),
      el("td", {}, v(r, "place") ? entityLink(v(r, "place")) : ""),
      el("td", {}, v(r, "date") || ""),
      el("td", { class: "num" }, v(r, "reports")),
      el("td", { class: "num" }, v(r, "articles")),
      el("td", { class: "num" }, v(r, "figures")))));
  show(el("h1", {}, "Real-world events"),
    el("p", { class: "muted" }, "Reports of one happening in several articles are merged into one event; open one to see every source's figures side by side."),
    rows.length ? table : el("p", {}, "No events in the store yet: run isnad ingest."));
}

async function articlesPage() {
  const rows = await select(
    "SELECT ?a ?id ?headline ?published ?publisher WHERE { GRAPH ?a { ?a a isn:Article ; schema:identifier ?id " +
    "OPTIONAL { ?a schema:headline ?headline } OPTIONAL { ?a schema:datePublished ?published } OPTIONAL { ?a schema:publisher ?publisher } } } " +
    "ORDER BY ?published ?id LIMIT 1000");
  await labels(rows.map((r) => v(r, "publisher")));
  show(el("h1", {}, "Articles"),
    el("table", { id: "articles" },
      el("tr", {}, el("th", {}, "Article"), el("th", {}, "Headline"), el("th", {}, "Published"), el("th", {}, "Publisher")),
      rows.map((r) => el("tr", {},
        el("td", {}, articleLink(v(r, "a"), v(r, "id"))),
        el("td", {}, v(r, "headline") ? text(v(r, "headline"), "ar") : ""),
        el("td", {}, v(r, "published") || ""),
        el("td", {}, v(r, "publisher") ? entityLink(v(r, "publisher")) : "")))));
}

/// The merged event a report (or the event itself) belongs to.
async function mergedEvent(x) {
  const rows = await select("SELECT ?m WHERE { GRAPH " + iri(EVENTS_GRAPH) + " { " + iri(x) + " owl:sameAs ?m } } LIMIT 1");
  return rows.length ? v(rows[0], "m") : x;
}

// An event page shows at most this many figures and reports (a merged event of a
// large store can gather thousands); counts and ranges cover them all.
const FIGURES_PAGE = 500;
const REPORTS_PAGE = 200;

async function eventPage(x) {
  const m = await mergedEvent(x);
  const E = iri(m);
  const EG = "GRAPH " + iri(EVENTS_GRAPH);
  // pages are read with LATERAL (an Oxigraph extension): the details of the rows of
  // the page only, not of every claim in the store
  const [facts, totals, ranges, reports, claims] = await Promise.all([
    select("SELECT ?class ?place ?date ?reason ?a WHERE { " + EG + " { " + E + " a ?class ; prov:wasDerivedFrom ?a " +
      "OPTIONAL { " + E + " isn:place ?place } OPTIONAL { " + E + " isn:date ?date } OPTIONAL { " + E + " isn:mergeReason ?reason } } } ORDER BY ?a"),
    select("SELECT (COUNT(DISTINCT ?r) AS ?reports) (COUNT(DISTINCT ?c) AS ?figures) WHERE { " + EG + " { ?r owl:sameAs " + E + " } " +
      "OPTIONAL { GRAPH ?a { ?c isn:about ?r } } }"),
    select("SELECT ?kind ?victim (MIN(?count) AS ?lo) (MAX(?count) AS ?hi) (COUNT(?c) AS ?n) WHERE { " + EG + " { ?r owl:sameAs " + E + " } " +
      "GRAPH ?a { ?c isn:about ?r ; isn:countKind ?kind OPTIONAL { ?c isn:victim ?victim } OPTIONAL { ?c isn:count ?count } } } GROUP BY ?kind ?victim ORDER BY ?kind ?victim"),
    select("SELECT ?r ?a ?class ?trigger ?quote ?start ?end ?source ?status ?date ?place WHERE { " +
      "{ SELECT ?r WHERE { " + EG + " { ?r owl:sameAs " + E + " } } ORDER BY ?r LIMIT " + REPORTS_PAGE + " } " +
      "LATERAL { GRAPH ?a { ?r a ?class ; isn:quote ?quote ; isn:start ?start ; isn:end ?end " +
      "OPTIONAL { ?r isn:trigger ?trigger } OPTIONAL { ?r prov:wasAttributedTo ?source } OPTIONAL { ?r isn:status ?status } " +
      "OPTIONAL { ?r isn:date ?date } OPTIONAL { ?r isn:place ?place } } } }"),
    select("SELECT ?c ?a ?kind ?victim ?count ?qualifier ?stance ?source ?quote ?start ?end WHERE { " +
      "{ SELECT ?c ?a WHERE { " + EG + " { ?r owl:sameAs " + E + " } GRAPH ?a { ?c isn:about ?r } } ORDER BY ?c LIMIT " + FIGURES_PAGE + " } " +
      "LATERAL { GRAPH ?a { ?c isn:countKind ?kind ; isn:qualifier ?qualifier ; isn:stance ?stance ; isn:quote ?quote ; isn:start ?start ; isn:end ?end " +
      "OPTIONAL { ?c prov:wasAttributedTo ?source } OPTIONAL { ?c isn:victim ?victim } OPTIONAL { ?c isn:count ?count } } } }"),
  ]);
  if (!facts.length && !reports.length) {
    show(el("h1", {}, "Event"), failure("No event " + m + " in the store."));
    return;
  }
  const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  claims.sort((p, q) => byText(v(p, "kind"), v(q, "kind")) || byText(v(p, "victim") || "", v(q, "victim") || "") ||
    byText(v(p, "a"), v(q, "a")) || Number(v(p, "start")) - Number(v(q, "start")));
  reports.sort((p, q) => byText(v(p, "a"), v(q, "a")) || Number(v(p, "start")) - Number(v(q, "start")));
  const nReports = Number(v(totals[0] || {}, "reports") || 0);
  const nFigures = Number(v(totals[0] || {}, "figures") || 0);
  const articles = [...new Set(facts.map((r) => v(r, "a")).filter(Boolean))];
  const texts = await articleTexts([...new Set([...claims, ...reports].map((r) => v(r, "a")))]);
  await labels([...facts.slice(0, 1).flatMap((r) => [v(r, "class"), v(r, "place")]),
    ...ranges.flatMap((r) => [v(r, "kind"), v(r, "victim")]),
    ...reports.flatMap((r) => [v(r, "class"), v(r, "source"), v(r, "status"), v(r, "place")]),
    ...claims.flatMap((r) => [v(r, "kind"), v(r, "victim"), v(r, "source"), v(r, "stance"), v(r, "qualifier")])]);
  const f = facts[0] || {};
  const articleName = (a) => articleLink(a, (texts.get(a) || {}).id || a.split("/").pop());
  const sourceCell = (row) => {
    const s = v(row, "source");
    if (!s) return "";
    return s === v(row, "a") ? el("span", { class: "muted" }, "the article itself") : entityLink(s);
  };
  const published = (a) => (texts.get(a) || {}).published || "";
  const partial = (shown, total, what) => shown < total
    ? el("p", { class: "muted" }, "Showing " + shown + " of " + total + " " + what + ".") : null;

  // figures side by side
  const figuresTable = el("table", { id: "figures" },
    el("tr", {}, ["Kind", "Counted", "Figure", "Source", "Stance", "Article", "Published", "Quote in its sentence"].map((h) => el("th", {}, h))),
    claims.map((c) => el("tr", { class: "figure", "data-claim": v(c, "c") },
      el("td", {}, name(v(c, "kind"))),
      el("td", {}, v(c, "victim") ? entityLink(v(c, "victim")) : ""),
      el("td", { class: "num figure-value" }, figure(v(c, "count"), v(c, "qualifier"))),
      el("td", { class: "figure-source" }, sourceCell(c)),
      el("td", {}, name(v(c, "stance"))),
      el("td", {}, articleName(v(c, "a"))),
      el("td", {}, published(v(c, "a"))),
      el("td", {}, quoteInSentence((texts.get(v(c, "a")) || {}).text, Number(v(c, "start")), Number(v(c, "end")), v(c, "quote"))))));

  // the range per kind and victim (over every figure), and the figures shown in
  // order of their articles' publication dates
  const rangeRows = ranges.map((g) => {
    const lo = v(g, "lo");
    const hi = v(g, "hi");
    const cs = claims.filter((c) => v(c, "kind") === v(g, "kind") && (v(c, "victim") || "") === (v(g, "victim") || ""));
    const byDate = [...cs].sort((a, b) => byText(published(v(a, "a")) + v(a, "a"), published(v(b, "a")) + v(b, "a")));
    return el("tr", { class: "range-row" },
      el("td", {}, name(v(g, "kind"))),
      el("td", {}, v(g, "victim") ? entityLink(v(g, "victim")) : ""),
      el("td", { class: "num range" }, lo === undefined ? "?" : lo === hi ? lo : lo + "–" + hi),
      el("td", { class: "num" }, v(g, "n")),
      el("td", {}, byDate.map((c, i) => el("span", {},
        i ? " → " : "",
        el("span", { class: "pill" }, (published(v(c, "a")) || "undated") + ": " + figure(v(c, "count"), v(c, "qualifier"))),
        " ", el("span", { class: "muted" }, sourceCell(c))))));
  });
  const shownArticles = articles.slice(0, 50);

  show(
    el("h1", { id: "event-title" }, name(f.class ? f.class.value : (reports[0] && v(reports[0], "class")))),
    el("dl", { class: "facts" },
      el("dt", {}, "Event"), el("dd", {}, el("code", {}, compact(m))),
      el("dt", {}, "Place"), el("dd", {}, f.place ? entityLink(f.place.value) : "unknown"),
      el("dt", {}, "Date"), el("dd", {}, f.date ? f.date.value : "unknown"),
      el("dt", {}, "Merged because"), el("dd", {}, f.reason ? text(f.reason.value) : "one report"),
      el("dt", {}, "Articles"), el("dd", {}, shownArticles.map((a, i) => [i ? ", " : "", articleName(a)]),
        articles.length > shownArticles.length ? " and " + (articles.length - shownArticles.length) + " more" : "")),
    el("h2", {}, "Range of figures"),
    ranges.length
      ? el("table", { id: "ranges" },
        el("tr", {}, ["Kind", "Counted", "Lowest–highest", "Figures", "By publication date"].map((h) => el("th", {}, h))),
        rangeRows)
      : el("p", { class: "muted" }, "No figures were given for this event."),
    el("h2", {}, "Every figure, side by side"),
    partial(claims.length, nFigures, "figures"),
    claims.length ? figuresTable : el("p", { class: "muted" }, "None."),
    el("h2", {}, "Reports"),
    partial(reports.length, nReports, "reports"),
    el("table", { id: "reports" },
      el("tr", {}, ["Article", "Reported as", "Source", "Status", "Place", "Date", "Sentence"].map((h) => el("th", {}, h))),
      reports.map((r) => el("tr", {},
        el("td", {}, articleName(v(r, "a"))),
        el("td", {}, name(v(r, "class")), v(r, "trigger") ? [" ", el("span", { class: "pill" }, text(v(r, "trigger"), "ar"))] : ""),
        el("td", {}, sourceCell(r)),
        el("td", {}, v(r, "status") ? name(v(r, "status")) : ""),
        el("td", {}, v(r, "place") ? entityLink(v(r, "place")) : ""),
        el("td", {}, v(r, "date") || ""),
        el("td", {}, el("span", { class: "sentence" }, text(v(r, "quote"), "ar")))))));
  main().setAttribute("data-loaded", "event");
}

function eventRows(rows, extra) {
  return el("table", {},
    el("tr", {}, el("th", {}, "Event"), el("th", {}, "Place"), el("th", {}, "Date"), (extra || []).map((h) => el("th", {}, h[0]))),
    rows.map((r) => el("tr", {},
      el("td", {}, link("event", v(r, "m"), name(v(r, "class")))),
      el("td", {}, v(r, "place") ? entityLink(v(r, "place")) : ""),
      el("td", {}, v(r, "date") || ""),
      (extra || []).map((h) => el("td", {}, h[1](r))))));
}

const MERGED = (r) => "GRAPH " + iri(EVENTS_GRAPH) + " { " + r + " owl:sameAs ?m . ?m a ?class OPTIONAL { ?m isn:date ?date } OPTIONAL { ?m isn:place ?place } }";

const SAID_SHOWN = 300;
const OTHERS_SHOWN = 8;

async function entityPage(x) {
  const X = iri(x);
  const [types, spellings, did, suffered, counted, here, inside, said, events, mentions] = await Promise.all([
    select("SELECT DISTINCT ?type WHERE { " + X + " a ?type } ORDER BY ?type"),
    select("SELECT DISTINCT ?s WHERE { { " + X + " isn:mentionedAs ?s } UNION { " + X + " skos:altLabel ?s } } ORDER BY ?s"),
    select("SELECT DISTINCT ?m ?class ?date ?place WHERE { GRAPH ?g { ?r isn:agent " + X + " } " + MERGED("?r") + " } ORDER BY ?date ?m LIMIT 500"),
    select("SELECT DISTINCT ?m ?class ?date ?place WHERE { GRAPH ?g { ?r isn:target " + X + " } " + MERGED("?r") + " } ORDER BY ?date ?m LIMIT 500"),
    select("SELECT ?m ?class ?date ?place ?kind ?count ?qualifier ?source ?a WHERE { GRAPH ?a { ?c isn:victim " + X + " ; isn:about ?r ; isn:countKind ?kind ; isn:qualifier ?qualifier " +
      "OPTIONAL { ?c isn:count ?count } OPTIONAL { ?c prov:wasAttributedTo ?source } } " + MERGED("?r") + " } ORDER BY ?m ?kind ?count LIMIT 1000"),
    select("SELECT DISTINCT ?m ?class ?date ?place WHERE { GRAPH " + iri(EVENTS_GRAPH) + " { ?m isn:place ?place ; a ?class OPTIONAL { ?m isn:date ?date } } " +
      "?place isn:locatedIn* " + X + " } ORDER BY ?date ?m LIMIT 500"),
    select("SELECT DISTINCT ?p WHERE { ?p isn:locatedIn " + X + " } ORDER BY ?p LIMIT 500"),
    select("SELECT ?m ?class ?date ?place ?kind ?victim ?count ?qualifier ?stance ?a ?c WHERE { GRAPH ?a { ?c prov:wasAttributedTo " + X + " ; isn:about ?r ; isn:countKind ?kind ; isn:qualifier ?qualifier ; isn:stance ?stance " +
      "OPTIONAL { ?c isn:count ?count } OPTIONAL { ?c isn:victim ?victim } } " + MERGED("?r") + " } ORDER BY ?m ?kind ?victim LIMIT 1000"),
    select("SELECT DISTINCT ?m ?class ?date ?place WHERE { GRAPH ?a { ?a a isn:Article . ?r prov:wasAttributedTo " + X + " ; isn:trigger ?t } " + MERGED("?r") + " } ORDER BY ?date ?m LIMIT 500"),
    select("SELECT DISTINCT ?a ?id WHERE { GRAPH ?a { ?a a isn:Article ; schema:identifier ?id . " + X + " isn:mentionedAs ?s } } ORDER BY ?id LIMIT 500"),
  ]);
  // how this source's figures compare with other sources' for the same event, kind and victim
  const othersRows = said.length ? await select(
    "SELECT ?m ?kind ?victim ?count ?qualifier ?source WHERE { " +
    "{ SELECT DISTINCT ?m ?kind ?victim WHERE { GRAPH ?a { ?c prov:wasAttributedTo " + X + " ; isn:about ?r ; isn:countKind ?kind OPTIONAL { ?c isn:victim ?victim } } GRAPH " + iri(EVENTS_GRAPH) + " { ?r owl:sameAs ?m } } } " +
    "GRAPH " + iri(EVENTS_GRAPH) + " { ?r2 owl:sameAs ?m } GRAPH ?b { ?c2 isn:about ?r2 ; isn:countKind ?kind ; isn:qualifier ?qualifier ; prov:wasAttributedTo ?source " +
    "OPTIONAL { ?c2 isn:count ?count } OPTIONAL { ?c2 isn:victim ?v2 } } FILTER(?source != " + X + " && COALESCE(?v2, 0) = COALESCE(?victim, 0)) } LIMIT 2000") : [];
  // grouped by event, kind and victim; a page shows a few of each and at most
  // SAID_SHOWN of its own figures (a large table takes the browser long to lay out)
  const others = new Map();
  for (const o of othersRows) {
    const key = v(o, "m") + "|" + v(o, "kind") + "|" + (v(o, "victim") || "");
    if (!others.has(key)) others.set(key, []);
    others.get(key).push(o);
  }
  const saidShown = said.slice(0, SAID_SHOWN);
  const all = [x, ...types.map((r) => v(r, "type")), ...[did, suffered, counted, here, saidShown, events].flat().flatMap((r) => [v(r, "class"), v(r, "place"), v(r, "kind"), v(r, "victim"), v(r, "source"), v(r, "stance")]),
    ...inside.map((r) => v(r, "p")), ...[...others.values()].flatMap((os) => os.slice(0, OTHERS_SHOWN).map((r) => v(r, "source")))];
  await labels(all);
  const l = labelCache.get(x) || {};
  const section = (title, rows, body) => rows.length ? el("section", { class: "entity-section" }, el("h2", {}, title), body()) : null;
  const figureCell = (r) => figure(v(r, "count"), v(r, "qualifier"));
  const sourceOf = (r) => (v(r, "source") && v(r, "source") !== v(r, "a") ? entityLink(v(r, "source")) : el("span", { class: "muted" }, "the article itself"));
  show(
    el("h1", { id: "entity-title" }, l.ar ? text(l.ar, "ar") : text(local(x)), l.en ? el("span", { class: "muted", lang: "en" }, " — " + l.en) : ""),
    el("dl", { class: "facts" },
      el("dt", {}, "IRI"), el("dd", {}, el("code", {}, compact(x))),
      el("dt", {}, "Type"), el("dd", {}, types.map((r, i) => [i ? ", " : "", name(v(r, "type"))])),
      el("dt", {}, "Written as"), el("dd", {}, spellings.map((r, i) => [i ? " · " : "", text(v(r, "s"))])),
      el("dt", {}, "Mentioned in"), el("dd", {}, mentions.length ? mentions.map((r, i) => [i ? ", " : "", articleLink(v(r, "a"), v(r, "id"))]) : "no article")),
    section("What it did (agent)", did, () => eventRows(did)),
    section("What it suffered (target)", suffered, () => eventRows(suffered)),
    section("Figures counting it", counted, () => eventRows(counted, [["Kind", (r) => name(v(r, "kind"))], ["Figure", figureCell], ["Source", sourceOf]])),
    section("What happened here and inside (isn:locatedIn)", here, () => eventRows(here)),
    section("Places inside", inside, () => el("p", {}, inside.map((r, i) => [i ? " · " : "", entityLink(v(r, "p"))]))),
    section("Events it reported", events, () => eventRows(events)),
    section("What it said: its figures, and the others' for the same event", said, () => [
      said.length > saidShown.length ? el("p", { class: "muted" }, "Showing " + saidShown.length + " of " + (said.length >= 1000 ? "1000 or more" : said.length) + " figures.") : null,
      eventRows(saidShown, [
      ["Kind", (r) => name(v(r, "kind"))],
      ["Counted", (r) => (v(r, "victim") ? entityLink(v(r, "victim")) : "")],
      ["Its figure", (r) => el("b", {}, figureCell(r))],
      ["Others' figures", (r) => {
        const same = (others.get(v(r, "m") + "|" + v(r, "kind") + "|" + (v(r, "victim") || "")) || []);
        return [same.slice(0, OTHERS_SHOWN).map((o, i) => [i ? ", " : "", figureCell(o), " ", el("span", { class: "muted" }, sourceOf(o))]),
          same.length > OTHERS_SHOWN ? " … and " + (same.length - OTHERS_SHOWN) + " more" : ""];
      }],
      ["Article", (r) => articleLink(v(r, "a"))],
    ])]));
  main().setAttribute("data-loaded", "entity");
}

async function articlePage(a) {
  const A = iri(a);
  const [meta, claims, events, mentions] = await Promise.all([
    articleTexts([a]),
    select("SELECT ?c ?start ?end ?m WHERE { GRAPH " + A + " { ?c a isn:CountClaim ; isn:start ?start ; isn:end ?end ; isn:about ?r } OPTIONAL { GRAPH " + iri(EVENTS_GRAPH) + " { ?r owl:sameAs ?m } } }"),
    select("SELECT ?e ?class ?trigger ?start ?end ?m WHERE { GRAPH " + A + " { ?e isn:trigger ?trigger ; isn:start ?start ; isn:end ?end ; a ?class } OPTIONAL { GRAPH " + iri(EVENTS_GRAPH) + " { ?e owl:sameAs ?m } } }"),
    select("SELECT ?x ?s WHERE { GRAPH " + A + " { ?x isn:mentionedAs ?s } }"),
  ]);
  const info = meta.get(a);
  if (!info) { show(el("h1", {}, "Article"), failure("No article " + a + " in the store.")); return; }
  await labels([...events.map((r) => v(r, "class")), ...mentions.map((r) => v(r, "x"))]);
  const chars = Array.from(info.text || "");
  // spans: [start, end, kind, target route, target IRI, title]
  const spans = [];
  for (const c of claims) spans.push([Number(v(c, "start")), Number(v(c, "end")), "claim", "event", v(c, "m") || v(c, "c"), "figure"]);
  for (const e of events) {
    const s = Number(v(e, "start"));
    const sentence = chars.slice(s, Number(v(e, "end"))).join("");
    const at = sentence.indexOf(v(e, "trigger"));
    if (at < 0) continue;
    const start = s + Array.from(sentence.slice(0, at)).length;
    spans.push([start, start + Array.from(v(e, "trigger")).length, "event", "event", v(e, "m") || v(e, "e"), local(v(e, "class"))]);
  }
  // entity mentions: every place the article wrote a spelling of the entity (whole words,
  // after an optional proclitic), longest spellings first
  const letter = /[\u0621-\u064A\u0671-\u06D3]/;
  const sorted = [...mentions].sort((p, q) => Array.from(v(q, "s")).length - Array.from(v(p, "s")).length);
  for (const m of sorted) {
    const s = Array.from(v(m, "s"));
    for (let i = 0; i + s.length <= chars.length; i++) {
      let same = true;
      for (let j = 0; j < s.length && same; j++) same = chars[i + j] === s[j];
      if (!same) continue;
      const after = chars[i + s.length];
      const before = chars[i - 1];
      const okBefore = before === undefined || !letter.test(before) || ("وبلفك".includes(before) && (i < 2 || !letter.test(chars[i - 2])));
      if (!okBefore || (after !== undefined && letter.test(after))) continue;
      spans.push([i, i + s.length, "entity", "entity", v(m, "x"), ""]);
    }
  }
  // keep spans that nest or stand apart; drop ones that cross an earlier one
  const kindOrder = { claim: 0, event: 1, entity: 2 };
  spans.sort((p, q) => kindOrder[p[2]] - kindOrder[q[2]] || (q[1] - q[0]) - (p[1] - p[0]) || p[0] - q[0]);
  const kept = [];
  for (const s of spans) {
    const crosses = kept.some((k) => s[0] < k[1] && k[0] < s[1] && !(k[0] <= s[0] && s[1] <= k[1]) && !(s[0] <= k[0] && k[1] <= s[1]));
    const same = kept.some((k) => k[0] === s[0] && k[1] === s[1]);
    if (!crosses && !same) kept.push(s);
  }
  kept.sort((p, q) => p[0] - q[0] || (q[1] - q[0]) - (p[1] - p[0]));
  // render as nested elements
  const root = el("div", { class: "article-text", lang: "ar", dir: "rtl", id: "article-text" });
  const stack = [{ node: root, end: chars.length }];
  let pos = 0;
  const flush = (upTo) => {
    if (upTo > pos) { stack[stack.length - 1].node.append(chars.slice(pos, upTo).join("")); pos = upTo; }
  };
  for (const s of kept) {
    while (stack.length > 1 && stack[stack.length - 1].end <= s[0]) { flush(stack[stack.length - 1].end); stack.pop(); }
    flush(s[0]);
    const a2 = el("a", { href: "#/" + s[3] + "/" + encodeURIComponent(s[4]), class: "span-" + s[2], title: s[5] || compact(s[4]) });
    stack[stack.length - 1].node.append(a2);
    stack.push({ node: a2, end: s[1] });
  }
  while (stack.length > 1) { flush(stack[stack.length - 1].end); stack.pop(); }
  flush(chars.length);
  show(
    el("h1", {}, info.headline ? text(info.headline, "ar") : text(info.id)),
    el("dl", { class: "facts" },
      el("dt", {}, "Identifier"), el("dd", {}, info.id),
      el("dt", {}, "Published"), el("dd", {}, info.published || "unknown"),
      el("dt", {}, "Graph"), el("dd", {}, el("a", { href: "/store?graph=" + encodeURIComponent(a) }, compact(a)))),
    el("p", { class: "legend" }, el("span", { class: "span-claim" }, "figure"), el("span", { class: "span-event" }, "event word"), el("span", { class: "span-entity" }, "name")),
    info.text ? root : el("p", { class: "muted" }, "This store holds no text for the article (ingested before isn:text): ingest it again."));
  main().setAttribute("data-loaded", "article");
}

function normalise(s) {
  return s.toLowerCase().replace(/[أإآٱ]/g, "ا").replace(/ة/g, "ه").replace(/ى/g, "ي").replace(/[\u064B-\u0652\u0640]/g, "").trim();
}

async function searchPage(q) {
  const box = document.getElementById("search-box");
  if (box && box.value !== q) box.value = q;
  if (!q.trim()) { show(el("h1", {}, "Search"), el("p", {}, "Type a name.")); return; }
  const needle = normalise(q);
  const norm = "REPLACE(REPLACE(REPLACE(REPLACE(LCASE(STR(?n)), \"[أإآٱ]\", \"ا\"), \"ة\", \"ه\"), \"ى\", \"ي\"), \"[\\u064B-\\u0652\\u0640]\", \"\")";
  const rows = await select(
    "SELECT ?e (SAMPLE(?n) AS ?name) WHERE { { ?e isn:mentionedAs ?n } UNION { ?e rdfs:label ?n FILTER EXISTS { ?e isn:mentionedAs ?any } } " +
    "FILTER(CONTAINS(" + norm + ", " + str(needle) + ")) } GROUP BY ?e ORDER BY ?e LIMIT 200");
  const ids = rows.map((r) => v(r, "e"));
  const types = ids.length ? await select("SELECT ?e ?t WHERE { VALUES ?e { " + ids.map(iri).join(" ") + " } ?e a ?t FILTER(STRSTARTS(STR(?t), STR(isn:))) }") : [];
  await labels([...ids, ...types.map((r) => v(r, "t"))]);
  show(el("h1", {}, "Names matching ", text(q)),
    rows.length
      ? el("table", { id: "results" },
        el("tr", {}, el("th", {}, "Name"), el("th", {}, "Matched"), el("th", {}, "Type")),
        rows.map((r) => el("tr", {},
          el("td", {}, entityLink(v(r, "e"))),
          el("td", {}, text(v(r, "name"))),
          el("td", {}, [...new Set(types.filter((t) => v(t, "e") === v(r, "e")).map((t) => v(t, "t")))].map((t, i) => [i ? ", " : "", name(t)])))))
      : el("p", {}, "No name matches."));
  main().setAttribute("data-loaded", "search");
}

let queriesCache = null;

async function sparqlPage() {
  if (!queriesCache) {
    const r = await fetch("/queries.json");
    queriesCache = await r.json();
  }
  const area = el("textarea", { id: "sparql-text", spellcheck: "false", dir: "ltr" });
  area.value = queriesCache.length ? queriesCache[0].text : "SELECT * WHERE { ?s ?p ?o } LIMIT 10";
  const picker = el("select", { id: "sparql-file", onchange: () => { area.value = queriesCache[picker.selectedIndex].text; } },
    queriesCache.map((q) => el("option", {}, q.name)));
  const out = el("div", { id: "sparql-result" });
  const run = async () => {
    out.replaceChildren(loading());
    try {
      const started = performance.now();
      const response = await fetch(ENDPOINT, {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json, text/turtle;q=0.9" },
        body: area.value,
      });
      const body = await response.text();
      const ms = Math.round(performance.now() - started);
      if (!response.ok) { out.replaceChildren(failure(response.status + ": " + body.trim())); return; }
      if ((response.headers.get("content-type") || "").includes("turtle")) {
        out.replaceChildren(el("p", { class: "muted" }, ms + " ms"), el("pre", { class: "graph" }, body));
        return;
      }
      const json = JSON.parse(body);
      if (json.boolean !== undefined) { out.replaceChildren(el("p", {}, String(json.boolean))); return; }
      const vars = json.head.vars;
      const rows = json.results.bindings;
      out.replaceChildren(
        el("p", { class: "muted" }, rows.length + " rows, " + ms + " ms"),
        el("table", {}, el("tr", {}, vars.map((x) => el("th", {}, x))),
          rows.map((b) => el("tr", {}, vars.map((x) => {
            const t = b[x];
            if (!t) return el("td", {});
            if (t.type === "uri") return el("td", {}, t.value.startsWith(PREFIXES.id) ? link("entity", t.value, compact(t.value)) : compact(t.value));
            return el("td", {}, text(t.value, t["xml:lang"]));
          })))));
    } catch (e) {
      out.replaceChildren(failure(e));
    }
  };
  show(el("h1", {}, "SPARQL"),
    el("p", { class: "muted" }, "isnad's prefixes (isn:, id:, prov:, schema:, rdfs:, …) are predeclared; the default graph is the union of all graphs."),
    el("div", { class: "toolbar" }, el("label", {}, "Analyst query ", picker), el("button", { id: "sparql-run", onclick: run }, "Run")),
    area, out);
  main().setAttribute("data-loaded", "sparql");
}

// ---------------------------------------------------------------------------
// Router
// ---------------------------------------------------------------------------

async function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const slash = hash.indexOf("/");
  const page = slash < 0 ? hash : hash.slice(0, slash);
  const arg = slash < 0 ? "" : decodeURIComponentSafe(hash.slice(slash + 1));
  main().removeAttribute("data-loaded");
  show(loading());
  try {
    switch (page) {
      case "": await homePage(); break;
      case "articles": await articlesPage(); break;
      case "event": await eventPage(arg); break;
      case "entity": await entityPage(arg); break;
      case "article": await articlePage(arg); break;
      case "search": await searchPage(arg); break;
      case "sparql": await sparqlPage(); break;
      default: show(failure("No such page: #/" + hash));
    }
    document.title = "isnad explorer — " + (page || "events");
  } catch (e) {
    show(failure(e));
    main().setAttribute("data-loaded", "error");
  }
  if (!main().hasAttribute("data-loaded")) main().setAttribute("data-loaded", page || "home");
}

document.getElementById("search").addEventListener("submit", (e) => {
  e.preventDefault();
  location.hash = "#/search/" + encodeURIComponent(document.getElementById("search-box").value);
});
window.addEventListener("hashchange", route);
route();

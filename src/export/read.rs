//! Reading the store into a [`Story`]: which events, figures and entities a
//! drawing shows, with their labels in the reader's language.
//!
//! Views ([`View`]):
//! * **events** (the default): one box per merged real-world event of the
//!   derived events graph (`id/graph/events`: class, place, date), gathering what
//!   every report merged into it says: agents, targets, statuses, quotes, and
//!   every count claim about any of its reports, grouped by what they count
//!   (kind and side) so that contested figures stand in one record;
//! * **article**: one article's own graph, each of its event reports a box;
//! * **around**: the events view cut to the neighbourhood of one entity or event
//!   ([`Story::around`]), named by IRI or by a label or `isn:mentionedAs` form
//!   ([`resolve`]).
//!
//! A figure names the source its article credits; the article itself only when
//! it credits no one (its claims are attributed to the article). Labels: the
//! `rdfs:label` in the chosen language (the gazetteer's English where it has one),
//! else the other one, else the IRI; class, kind, qualifier and stance words come
//! from the ontology graph's labels.
//!
//! Invariant: the result depends only on the store's content (every choice among
//! several values is the least in sorted order, or the longest label).

use super::story::{
    Entity, EntityKind, EventBox, Figure, FigureGroup, Lang, Link, LinkKind, Stance, Story, Word,
    Words,
};
use crate::store::{Store, EVENTS_GRAPH, ONTOLOGY_GRAPH};
use crate::vocab::{self, compact_iri, local};
use crate::Error;
use oxigraph::model::{NamedNode, Term};
use std::collections::{BTreeMap, BTreeSet};

/// Which part of the store a drawing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// Every merged real-world event.
    Events,
    /// One article's own graph (the article's IRI).
    Article(String),
    /// The neighbourhood of an entity or event (its IRI, see [`resolve`]) in the
    /// events view, within `depth` hops.
    Around { centre: String, depth: usize },
}

/// A term as text: an IRI without brackets, a literal's value.
fn text(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        Some(other) => Some(other.to_string()),
        None => None,
    }
}

/// Rows of a SELECT as optional strings, in projection order.
fn rows(store: &Store, sparql: &str) -> Result<Vec<Vec<Option<String>>>, Error> {
    Ok(store
        .select(sparql)?
        .iter()
        .map(|r| r.iter().map(text).collect())
        .collect())
}

fn iri(s: &str) -> String {
    NamedNode::new_unchecked(s).to_string()
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// VALUES ?x { … } of some IRIs.
fn values(var: &str, iris: &BTreeSet<String>) -> String {
    let list: Vec<String> = iris.iter().map(|i| iri(i)).collect();
    format!("VALUES ?{var} {{ {} }}", list.join(" "))
}

/// How a view finds its event reports (`?r`, in article graph `?a`) and the box
/// (`?box`) each report is drawn in; and how a report it points to (`?pr`) maps
/// to a box (`?pbox`).
struct Scope {
    reports: String,
    parent: String,
}

impl Scope {
    fn events() -> Scope {
        Scope {
            reports: format!(
                "GRAPH {ev} {{ ?r owl:sameAs ?box }} GRAPH ?a {{ ?r isn:trigger ?trigger . ?a a isn:Article }}",
                ev = iri(EVENTS_GRAPH)
            ),
            parent: format!("GRAPH {} {{ ?pr owl:sameAs ?pbox }}", iri(EVENTS_GRAPH)),
        }
    }

    fn article(article: &str) -> Scope {
        Scope {
            reports: format!(
                "VALUES ?a {{ {} }} GRAPH ?a {{ ?r isn:trigger ?trigger }} BIND(?r AS ?box)",
                iri(article)
            ),
            parent: "BIND(?pr AS ?pbox)".into(),
        }
    }
}

/// Labels of the ontology's terms (classes, kinds, qualifiers, stances,
/// statuses, collective victims) in `lang`, English as the fallback.
fn vocabulary(store: &Store, lang: Lang) -> Result<BTreeMap<String, String>, Error> {
    let q = format!(
        "SELECT ?x ?l (LANG(?l) AS ?lang) WHERE {{ GRAPH {} {{ ?x rdfs:label ?l }} }}",
        iri(ONTOLOGY_GRAPH)
    );
    let mut out: BTreeMap<String, (bool, String)> = BTreeMap::new();
    for r in rows(store, &q)? {
        let (Some(x), Some(l)) = (&r[0], &r[1]) else {
            continue;
        };
        let wanted = r[2].as_deref() == Some(lang.tag());
        let entry = out.entry(x.clone()).or_insert((wanted, l.clone()));
        // the wanted language wins; among equals, the least label
        if (wanted, std::cmp::Reverse(l)) > (entry.0, std::cmp::Reverse(&entry.1)) {
            *entry = (wanted, l.clone());
        }
    }
    Ok(out.into_iter().map(|(k, (_, l))| (k, l)).collect())
}

/// What the store says of a set of entities: labels, kind, mention forms, and
/// the links among them.
struct EntityFacts {
    labels: BTreeMap<String, String>,
    other_labels: BTreeMap<String, String>,
    kinds: BTreeMap<String, EntityKind>,
    forms: BTreeMap<String, BTreeSet<String>>,
    links: Vec<Link>,
}

fn entity_facts(store: &Store, iris: &BTreeSet<String>, lang: Lang) -> Result<EntityFacts, Error> {
    let mut facts = EntityFacts {
        labels: BTreeMap::new(),
        other_labels: BTreeMap::new(),
        kinds: BTreeMap::new(),
        forms: BTreeMap::new(),
        links: Vec::new(),
    };
    if iris.is_empty() {
        return Ok(facts);
    }
    let vals = values("x", iris);
    // labels: per language, the longest (the most complete name), ties by text
    let mut by_lang: BTreeMap<(String, bool), String> = BTreeMap::new();
    for r in rows(
        store,
        &format!("SELECT DISTINCT ?x ?l (LANG(?l) AS ?lang) WHERE {{ {vals} ?x rdfs:label ?l }}"),
    )? {
        let (Some(x), Some(l)) = (&r[0], &r[1]) else {
            continue;
        };
        let wanted = r[2].as_deref() == Some(lang.tag());
        let e = by_lang
            .entry((x.clone(), wanted))
            .or_insert_with(|| l.clone());
        if (l.chars().count(), std::cmp::Reverse(l)) > (e.chars().count(), std::cmp::Reverse(&*e)) {
            *e = l.clone();
        }
    }
    for ((x, wanted), l) in by_lang {
        if wanted {
            facts.labels.insert(x, l);
        } else {
            facts.other_labels.insert(x, l);
        }
    }
    // the kind: from the article graphs' types, the least class name
    for r in rows(
        store,
        &format!(
            "SELECT DISTINCT ?x ?c WHERE {{ {vals} GRAPH ?g {{ ?x a ?c }} FILTER(?g != {}) }} ORDER BY ?x ?c",
            iri(ONTOLOGY_GRAPH)
        ),
    )? {
        let (Some(x), Some(c)) = (&r[0], &r[1]) else {
            continue;
        };
        let Some(class) = c.strip_prefix(vocab::ISN) else {
            continue;
        };
        let kind = EntityKind::of_class(class);
        if kind != EntityKind::Other {
            facts.kinds.entry(x.clone()).or_insert(kind);
        }
    }
    for r in rows(
        store,
        &format!("SELECT DISTINCT ?x ?f WHERE {{ {vals} GRAPH ?a {{ ?x isn:mentionedAs ?f }} }}"),
    )? {
        if let (Some(x), Some(f)) = (&r[0], &r[1]) {
            facts.forms.entry(x.clone()).or_default().insert(f.clone());
        }
    }
    for r in rows(
        store,
        &format!(
            "SELECT DISTINCT ?x ?p ?y WHERE {{ {vals} ?x ?p ?y \
             VALUES ?p {{ isn:locatedIn isn:partOf isn:speaksFor isn:memberOf }} }}"
        ),
    )? {
        let (Some(x), Some(p), Some(y)) = (&r[0], &r[1], &r[2]) else {
            continue;
        };
        if x != y && iris.contains(y) {
            let kind = if local_name(p) == local::LOCATED_IN {
                LinkKind::LocatedIn
            } else {
                LinkKind::Belongs
            };
            facts.links.push(Link {
                from: x.clone(),
                to: y.clone(),
                kind,
            });
        }
    }
    Ok(facts)
}

impl EntityFacts {
    fn label(&self, iri: &str) -> String {
        self.labels
            .get(iri)
            .or_else(|| self.other_labels.get(iri))
            .cloned()
            .unwrap_or_else(|| compact_iri(iri))
    }
}

fn stance(local_name: &str) -> Stance {
    match local_name {
        local::DENIED => Stance::Denied,
        local::DISPUTED => Stance::Disputed,
        _ => Stance::Asserted,
    }
}

/// Reads the story a view tells, its labels in `lang`.
pub fn story(store: &Store, view: &View, lang: Lang) -> Result<Story, Error> {
    let vocab_labels = vocabulary(store, lang)?;
    let word = |local: &str| -> String {
        vocab_labels
            .get(&vocab::isn(local))
            .cloned()
            .unwrap_or_else(|| local.to_owned())
    };
    let mut words = Words::new(lang);
    words.asserted = word(local::ASSERTED);
    words.denied = word(local::DENIED);
    words.disputed = word(local::DISPUTED);
    words.signs = [
        local::ABOUT_Q,
        local::AT_LEAST,
        local::MORE_THAN,
        local::UP_TO,
        local::LESS_THAN,
    ]
    .iter()
    .map(|q| (crate::rdf::qualifier_sign(q).to_owned(), word(q)))
    .collect();

    let (scope, title) = match view {
        View::Events | View::Around { .. } => (Scope::events(), String::new()),
        View::Article(a) => (Scope::article(a), String::new()),
    };

    // the boxes: class, place, date
    #[derive(Default)]
    struct Box_ {
        class: Option<String>,
        place: Option<String>,
        date: Option<String>,
        reports: BTreeSet<String>,
        articles: BTreeSet<String>,
        quotes: BTreeSet<String>,
        statuses: BTreeSet<String>,
    }
    let mut boxes: BTreeMap<String, Box_> = BTreeMap::new();
    let box_query = match view {
        View::Article(a) => format!(
            "SELECT ?box ?class ?place ?date WHERE {{ GRAPH {} {{ ?box isn:trigger ?t ; a ?class \
             OPTIONAL {{ ?box isn:place ?place }} OPTIONAL {{ ?box isn:date ?date }} }} }}",
            iri(a)
        ),
        _ => format!(
            "SELECT ?box ?class ?place ?date WHERE {{ GRAPH {} {{ ?box a ?class ; isn:mergeReason ?why \
             OPTIONAL {{ ?box isn:place ?place }} OPTIONAL {{ ?box isn:date ?date }} }} }}",
            iri(EVENTS_GRAPH)
        ),
    };
    let least = |slot: &mut Option<String>, v: &Option<String>| {
        if let Some(v) = v {
            if slot.as_ref().is_none_or(|s| v < s) {
                *slot = Some(v.clone());
            }
        }
    };
    for r in rows(store, &box_query)? {
        let Some(b) = &r[0] else { continue };
        let entry = boxes.entry(b.clone()).or_default();
        least(&mut entry.class, &r[1]);
        least(&mut entry.place, &r[2]);
        least(&mut entry.date, &r[3]);
    }
    // the reports in each box: articles, quotes, statuses, who reported them
    let q = format!(
        "SELECT ?box ?r ?id ?quote ?status ?s ?a WHERE {{ {} GRAPH ?a {{ ?a schema:identifier ?id \
         OPTIONAL {{ ?r isn:quote ?quote }} OPTIONAL {{ ?r isn:status ?status }} \
         OPTIONAL {{ ?r prov:wasAttributedTo ?s }} }} }}",
        scope.reports
    );
    let mut reporters: Vec<(String, String)> = Vec::new();
    for r in rows(store, &q)? {
        let (Some(b), Some(rep)) = (&r[0], &r[1]) else {
            continue;
        };
        let Some(entry) = boxes.get_mut(b) else {
            continue;
        };
        entry.reports.insert(rep.clone());
        let id = r[2].clone().unwrap_or_default();
        if let Some(quote) = &r[3] {
            entry.quotes.insert(format!("«{quote}» — {id}"));
        }
        entry.articles.insert(id);
        if let Some(s) = &r[4] {
            if local_name(s) != local::OCCURRED {
                entry.statuses.insert(word(local_name(s)));
            }
        }
        if let Some(s) = &r[5] {
            if r[6].as_ref() != Some(s) {
                reporters.push((s.clone(), b.clone()));
            }
        }
    }
    boxes.retain(|_, b| b.class.is_some() && !b.reports.is_empty());

    let mut links: Vec<Link> = Vec::new();
    let mut entities: BTreeSet<String> = BTreeSet::new();
    for (s, b) in reporters {
        if boxes.contains_key(&b) {
            entities.insert(s.clone());
            links.push(Link {
                from: s,
                to: b,
                kind: LinkKind::Credited,
            });
        }
    }
    for (b, data) in &boxes {
        if let Some(p) = &data.place {
            entities.insert(p.clone());
            links.push(Link {
                from: b.clone(),
                to: p.clone(),
                kind: LinkKind::Place,
            });
        }
    }
    // agents and targets of every report in a box
    let q = format!(
        "SELECT DISTINCT ?box ?p ?x WHERE {{ {} GRAPH ?a {{ ?r ?p ?x }} VALUES ?p {{ isn:agent isn:target }} }}",
        scope.reports
    );
    for r in rows(store, &q)? {
        let (Some(b), Some(p), Some(x)) = (&r[0], &r[1], &r[2]) else {
            continue;
        };
        if !boxes.contains_key(b) {
            continue;
        }
        entities.insert(x.clone());
        links.push(if local_name(p) == local::AGENT {
            Link {
                from: x.clone(),
                to: b.clone(),
                kind: LinkKind::Agent,
            }
        } else {
            Link {
                from: b.clone(),
                to: x.clone(),
                kind: LinkKind::Target,
            }
        });
    }
    // sub-events, between boxes
    let q = format!(
        "SELECT DISTINCT ?box ?pbox WHERE {{ {} GRAPH ?a {{ ?r isn:subEventOf ?pr }} {} }}",
        scope.reports, scope.parent
    );
    for r in rows(store, &q)? {
        if let (Some(b), Some(p)) = (&r[0], &r[1]) {
            if b != p && boxes.contains_key(b) && boxes.contains_key(p) {
                links.push(Link {
                    from: b.clone(),
                    to: p.clone(),
                    kind: LinkKind::PartOf,
                });
            }
        }
    }
    // the count claims about every report of a box
    struct Claim {
        iri: String,
        event: String,
        article: String,
        kind: String,
        qualifier: String,
        count: Option<u64>,
        victim: Option<String>,
        stance: Stance,
        source: String,
        self_credited: bool,
        quote: String,
    }
    let q = format!(
        "SELECT DISTINCT ?box ?c ?id ?kind ?qual ?count ?victim ?stance ?s ?quote ?a WHERE {{ {} \
         GRAPH ?a {{ ?c isn:about ?r ; isn:countKind ?kind ; isn:qualifier ?qual ; isn:stance ?stance ; \
         prov:wasAttributedTo ?s ; isn:quote ?quote . ?a schema:identifier ?id \
         OPTIONAL {{ ?c isn:count ?count }} OPTIONAL {{ ?c isn:victim ?victim }} }} }}",
        scope.reports
    );
    let mut claims: BTreeMap<String, Claim> = BTreeMap::new();
    for r in rows(store, &q)? {
        let get = |i: usize| r[i].clone().unwrap_or_default();
        let (b, c) = (get(0), get(1));
        if !boxes.contains_key(&b) || claims.contains_key(&c) {
            continue;
        }
        let source = get(8);
        let self_credited = r[10].as_deref() == Some(source.as_str());
        if !self_credited {
            entities.insert(source.clone());
            links.push(Link {
                from: source.clone(),
                to: b.clone(),
                kind: LinkKind::Credited,
            });
        }
        let victim = r[6].clone();
        if let Some(v) = &victim {
            if !v.starts_with(vocab::ISN) {
                entities.insert(v.clone());
                links.push(Link {
                    from: b.clone(),
                    to: v.clone(),
                    kind: LinkKind::Counted,
                });
            }
        }
        claims.insert(
            c.clone(),
            Claim {
                iri: c,
                event: b,
                article: get(2),
                kind: local_name(&get(3)).to_owned(),
                qualifier: local_name(&get(4)).to_owned(),
                count: r[5].as_deref().and_then(|n| n.parse().ok()),
                victim,
                stance: stance(local_name(&get(7))),
                source,
                self_credited,
                quote: get(9),
            },
        );
    }

    let facts = entity_facts(store, &entities, lang)?;
    let mut groups: BTreeMap<(String, String), Vec<Figure>> = BTreeMap::new();
    for c in claims.values() {
        let victim = match &c.victim {
            Some(v) if v.starts_with(vocab::ISN) => word(local_name(v)),
            Some(v) => facts.label(v),
            None => String::new(),
        };
        let heading = if victim.is_empty() {
            word(&c.kind)
        } else {
            format!("{} — {victim}", word(&c.kind))
        };
        let source = if c.self_credited {
            format!("{}: {}", words.word(Word::ArticleItself), c.article)
        } else {
            facts.label(&c.source)
        };
        let amount = match c.count {
            Some(n) if c.qualifier != local::VAGUE => {
                format!("{}{n}", crate::rdf::qualifier_sign(&c.qualifier))
            }
            _ => format!("«{}»", c.quote),
        };
        groups
            .entry((c.event.clone(), heading))
            .or_default()
            .push(Figure {
                amount,
                source,
                stance: c.stance,
                quote: c.quote.clone(),
                article: c.article.clone(),
                iri: c.iri.clone(),
                count: c.count,
            });
    }

    let mut story_events = Vec::new();
    for (b, data) in boxes {
        let class = data.class.unwrap_or_default();
        let figures = groups
            .range((b.clone(), String::new())..)
            .take_while(|((e, _), _)| *e == b)
            .map(|((_, heading), figures)| FigureGroup {
                heading: heading.clone(),
                figures: figures.clone(),
            })
            .collect();
        story_events.push(EventBox {
            title: vocab_labels
                .get(&class)
                .cloned()
                .unwrap_or_else(|| local_name(&class).to_owned()),
            class: local_name(&class).to_owned(),
            place: data.place.as_deref().map(|p| facts.label(p)),
            date: data.date,
            statuses: data.statuses.into_iter().collect(),
            reports: data.reports.len(),
            articles: data.articles.into_iter().collect(),
            quotes: data.quotes.into_iter().collect(),
            figures,
            iri: b,
        });
    }
    let story_entities = entities
        .iter()
        .map(|e| {
            let mut tooltip = Vec::new();
            if let Some(other) = facts.other_labels.get(e) {
                if facts.labels.contains_key(e) {
                    tooltip.push(other.clone());
                }
            }
            if let Some(forms) = facts.forms.get(e) {
                let forms: Vec<String> = forms.iter().map(|f| format!("«{f}»")).collect();
                tooltip.push(forms.join(" "));
            }
            tooltip.push(e.clone());
            Entity {
                iri: e.clone(),
                label: facts.label(e),
                kind: facts.kinds.get(e).copied().unwrap_or(EntityKind::Other),
                tooltip: tooltip.join("\n"),
            }
        })
        .collect();
    links.extend(facts.links);
    let mut story = Story {
        title,
        events: story_events,
        entities: story_entities,
        links,
        words,
        mentions_as_nodes: false,
        centre: None,
    };
    story.sort();
    let n_articles: BTreeSet<&String> = story.events.iter().flat_map(|e| &e.articles).collect();
    let n_articles = n_articles.len();
    story.title = match view {
        View::Events => format!(
            "{} — {}: {} · {}: {n_articles}",
            story.words.word(Word::Isnad),
            story.words.word(Word::Events),
            story.events.len(),
            story.words.word(Word::Articles)
        ),
        View::Article(a) => article_title(store, a, &story.words)?,
        View::Around { centre, depth } => {
            // an article's report of an event stands for the merged event
            let mut centre = centre.clone();
            if !story.events.iter().any(|e| e.iri == centre) {
                let q = format!(
                    "SELECT ?m WHERE {{ GRAPH {} {{ {} owl:sameAs ?m }} }} ORDER BY ?m LIMIT 1",
                    iri(EVENTS_GRAPH),
                    iri(&centre)
                );
                if let Some(Some(m)) = rows(store, &q)?.first().and_then(|r| r.first()) {
                    centre = m.clone();
                }
            }
            let centre = &centre;
            let label = story
                .entities
                .iter()
                .find(|e| &e.iri == centre)
                .map(|e| e.label.clone())
                .or_else(|| {
                    story
                        .events
                        .iter()
                        .find(|e| &e.iri == centre)
                        .map(|e| e.title.clone())
                })
                .unwrap_or_else(|| compact_iri(centre));
            let title = format!(
                "{} — {} {label} ({} {depth})",
                story.words.word(Word::Isnad),
                story.words.word(Word::Around),
                story.words.word(Word::Depth)
            );
            let mut s = story.around(centre, *depth).ok_or_else(|| Error::Input {
                path: "--around".into(),
                reason: format!("{} is in no event of the store", compact_iri(centre)),
            })?;
            s.title = title;
            return Ok(s);
        }
    };
    Ok(story)
}

fn article_title(store: &Store, article: &str, words: &Words) -> Result<String, Error> {
    let q = format!(
        "SELECT ?id ?h WHERE {{ GRAPH {a} {{ {a} schema:identifier ?id OPTIONAL {{ {a} schema:headline ?h }} }} }} ORDER BY ?id ?h LIMIT 1",
        a = iri(article)
    );
    let isnad = words.word(Word::Isnad);
    Ok(match rows(store, &q)?.first() {
        Some(r) => match (&r[0], &r[1]) {
            (Some(id), Some(h)) => format!("{isnad} — {id}: {h}"),
            (Some(id), None) => format!("{isnad} — {id}"),
            _ => format!("{isnad} — {}", compact_iri(article)),
        },
        None => format!("{isnad} — {}", compact_iri(article)),
    })
}

/// The IRI an `--around` argument names: an IRI (full, `<…>` or `id:…`) of an
/// entity or event in the articles, or a name matching exactly one entity's
/// label or `isn:mentionedAs` form in the article graphs (compared after the
/// matcher's normalisation: hamza forms, ta marbuta, diacritics, Latin case).
pub fn resolve(store: &Store, name: &str) -> Result<String, Error> {
    let name = name.trim();
    let bad = |reason: String| Error::Input {
        path: format!("--around {name:?}"),
        reason,
    };
    if name.is_empty() {
        return Err(bad("give an entity's name or IRI".into()));
    }
    let expanded = expand_iri(name);
    if let Ok(node) = NamedNode::new(&expanded) {
        let q = format!(
            "ASK {{ {{ GRAPH ?a {{ ?a a isn:Article . {node} ?p ?o }} }} UNION {{ GRAPH {} {{ {node} ?p ?o }} }} }}",
            iri(EVENTS_GRAPH)
        );
        if let oxigraph::sparql::QueryResults::Boolean(true) = store.query(&q)? {
            return Ok(expanded);
        }
        if expanded.contains("://") {
            return Err(bad("no entity or event of the articles has this IRI".into()));
        }
    }
    let wanted = crate::text::normalise(name);
    let q = "SELECT DISTINCT ?x ?l WHERE { GRAPH ?a { ?a a isn:Article . \
             { ?x rdfs:label ?l } UNION { ?x isn:mentionedAs ?l } } }";
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in rows(store, q)? {
        if let (Some(x), Some(l)) = (&r[0], &r[1]) {
            if crate::text::normalise(l.trim()) == wanted {
                found.entry(x.clone()).or_default().insert(l.clone());
            }
        }
    }
    match found.len() {
        0 => Err(bad(
            "no entity of the articles has this name (a label or a form they use); try an IRI"
                .into(),
        )),
        1 => Ok(found.into_keys().next().expect("one")),
        n => {
            let list: Vec<String> = found.keys().take(5).map(|i| compact_iri(i)).collect();
            Err(bad(format!(
                "{n} entities have this name ({}{}); give one's IRI",
                list.join(", "),
                if n > 5 { ", …" } else { "" }
            )))
        }
    }
}

/// `<iri>`, `prefix:local` with one of isnad's prefixes, or the text as it is.
fn expand_iri(s: &str) -> String {
    if let Some(inner) = s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        return inner.to_owned();
    }
    for (prefix, ns) in vocab::PREFIXES {
        if let Some(rest) = s.strip_prefix(&format!("{prefix}:")) {
            if !rest.starts_with("//") {
                return format!("{ns}{}", rest.replace('\\', ""));
            }
        }
    }
    s.to_owned()
}

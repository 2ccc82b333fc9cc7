//! Counts, precomputed so that the overview queries read them instead of counting
//! the archive: per article (`isn:entityCount`, `isn:eventCount`,
//! `isn:claimCount`, and per source it credits an `isn:SourceTally` of the
//! claims and events it credits to it), per entity (`isn:articleCount`: the articles that mention
//! it; `isn:mentionForms`: its distinct forms as written, sorted, joined by " | ";
//! `isn:displayLabel` in Arabic and in English and `isn:displayClass`: the least
//! of its labels and isn: classes over every graph), and per (entity, form) a node
//! counting the articles that write it that way (what `isn:mentionForms` is kept
//! from).
//!
//! Incremental: an article's counts are recomputed from its graph; an entity's
//! counts change by the difference between the mentions the article's marker
//! recorded (what was counted) and the mentions it has now, so the cost is the
//! article's, however many articles mention the entity. Labels and classes only
//! ever grow a minimum; when an article that mentioned an entity changes or goes,
//! the entity's label and class are read again from every graph (by subject: one
//! index range).
//!
//! Invariant: equal to counting every article graph from scratch (what a
//! rebuild does through the same code, with no recorded mentions).

use super::{
    described, integer, iri_of, isn, node, objects, quad, subjects, tag, text_of, Change,
    STATS_GRAPH,
};
use crate::vocab::{self, local};
use crate::Error;
use oxigraph::model::{Literal, NamedOrBlankNode, Term};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

/// The (entity, form) mentions article `a`'s graph holds.
pub fn mentions(store: &Store, a: &str) -> Result<BTreeSet<(String, String)>, Error> {
    let g = node(a);
    let mut out = BTreeSet::new();
    for q in store.quads_for_pattern(
        None,
        Some(isn(local::MENTIONED_AS).as_ref()),
        None,
        Some(g.as_ref().into()),
    ) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(e), Some(f)) = (&q.subject, text_of(&q.object)) {
            out.insert((e.as_str().to_owned(), f));
        }
    }
    Ok(out)
}

/// An article's own counts, read in its graph.
struct ArticleCounts {
    /// Entities, events, claims.
    counts: [usize; 3],
    /// Per source the article credits (the article itself for what it credits to
    /// no one): its claims and its events.
    tallies: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
}

/// The node of what article `a` credits to `source`.
fn tally_node(a: &str, source: &str) -> String {
    format!("{a}/tally/{}", tag(source))
}

/// An article's own counts, read in its graph: `None` if it is not stored.
fn article_counts(store: &Store, a: &str) -> Result<Option<ArticleCounts>, Error> {
    let g = node(a);
    let rdf_type = node(vocab::RDF_TYPE);
    let article = isn(local::ARTICLE);
    if !store.contains(oxigraph::model::QuadRef::new(
        g.as_ref(),
        rdf_type.as_ref(),
        article.as_ref(),
        g.as_ref(),
    ))? {
        return Ok(None);
    }
    let derived = node(vocab::PROV_WAS_DERIVED_FROM);
    let count_claim = Term::from(isn(local::COUNT_CLAIM));
    let quote = isn(local::QUOTE);
    let trigger = isn(local::TRIGGER);
    let kind = isn(local::COUNT_KIND_P);
    let credited = node(vocab::PROV_WAS_ATTRIBUTED_TO);
    let mut tallies: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    let mut entities = BTreeSet::new();
    let mut claims = 0;
    let mut events = 0;
    for q in store.quads_for_pattern(
        None,
        Some(isn(local::MENTIONED_AS).as_ref()),
        None,
        Some(g.as_ref().into()),
    ) {
        entities.insert(q?.subject.to_string());
    }
    for q in store.quads_for_pattern(
        None,
        Some(derived.as_ref()),
        Some(g.as_ref().into()),
        Some(g.as_ref().into()),
    ) {
        let NamedOrBlankNode::NamedNode(item) = q?.subject else {
            continue;
        };
        let s = item.as_str();
        let types = objects(store, s, &rdf_type, Some(a))?;
        let claim = types.contains(&count_claim);
        let told = !objects(store, s, &quote, Some(a))?.is_empty()
            || !objects(store, s, &trigger, Some(a))?.is_empty();
        if claim {
            claims += 1;
        } else if told {
            events += 1;
        }
        // what the article credits, and to whom: what it tells with a quote, a
        // trigger or a count kind
        if told || !objects(store, s, &kind, Some(a))?.is_empty() {
            let mut sources: Vec<String> = objects(store, s, &credited, Some(a))?
                .iter()
                .filter_map(iri_of)
                .collect();
            if sources.is_empty() {
                sources.push(a.to_owned());
            }
            for source in sources {
                let (c, e) = tallies.entry(source).or_default();
                if claim { c } else { e }.insert(s.to_owned());
            }
        }
    }
    Ok(Some(ArticleCounts {
        counts: [entities.len(), events, claims],
        tallies,
    }))
}

/// The least Arabic label, least other label and least isn: class of `e`, in the
/// given graphs (every graph when `None`).
fn describe(store: &Store, e: &str, graph: Option<&str>) -> Result<[Option<Term>; 3], Error> {
    let mut ar: Option<Literal> = None;
    let mut en: Option<Literal> = None;
    for t in objects(store, e, &node(vocab::RDFS_LABEL), graph)? {
        if let Term::Literal(l) = t {
            let slot = match l.language() {
                Some("ar") => &mut ar,
                Some(lang) if lang.starts_with("en") => &mut en,
                None => &mut en,
                _ => continue,
            };
            if slot.as_ref().is_none_or(|v| l.value() < v.value()) {
                *slot = Some(l);
            }
        }
    }
    let class = objects(store, e, &node(vocab::RDF_TYPE), graph)?
        .iter()
        .filter_map(iri_of)
        .filter(|c| c.starts_with(vocab::ISN))
        .min();
    Ok([
        ar.map(Term::from),
        en.map(Term::from),
        class.map(|c| Term::from(node(&c))),
    ])
}

fn lesser(a: Option<Term>, b: Option<Term>) -> Option<Term> {
    let key = |t: &Term| match t {
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if key(&b) < key(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The node counting the articles that write entity `e` as `form`.
fn form_node(e: &str, form: &str) -> String {
    let h = crate::merge::fnv1a(e.bytes().chain([0]).chain(form.bytes()));
    format!("{}stat/form/{h:016x}", vocab::ID)
}

fn count_of(store: &Store, s: &str, p: &str) -> Result<usize, Error> {
    Ok(objects(store, s, &isn(p), Some(STATS_GRAPH))?
        .first()
        .and_then(text_of)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

/// Recomputes the counts of the `pending` articles (each with the mentions
/// counted for it before) and of the entities they mention or mentioned.
pub(crate) fn refresh(
    store: &Store,
    pending: &BTreeMap<String, BTreeSet<(String, String)>>,
    change: &mut Change,
) -> Result<(), Error> {
    // per entity: the change in articles; per (entity, form): the same
    let mut entity_delta: BTreeMap<String, i64> = BTreeMap::new();
    let mut form_delta: BTreeMap<(String, String), i64> = BTreeMap::new();
    // entities an article stopped mentioning, or mentions differently now
    let mut relabel: BTreeSet<String> = BTreeSet::new();
    let mut seen: BTreeMap<String, [Option<Term>; 3]> = BTreeMap::new();
    for (a, before) in pending {
        let counts = article_counts(store, a)?;
        let now = if counts.is_some() {
            mentions(store, a)?
        } else {
            BTreeSet::new()
        };
        let had: BTreeSet<&str> = before.iter().map(|(e, _)| e.as_str()).collect();
        let has: BTreeSet<&str> = now.iter().map(|(e, _)| e.as_str()).collect();
        for e in has.difference(&had) {
            *entity_delta.entry((*e).to_owned()).or_default() += 1;
        }
        for e in had.difference(&has) {
            *entity_delta.entry((*e).to_owned()).or_default() -= 1;
        }
        relabel.extend(had.iter().map(|e| (*e).to_owned()));
        for m in now.difference(before) {
            *form_delta.entry(m.clone()).or_default() += 1;
        }
        for m in before.difference(&now) {
            *form_delta.entry(m.clone()).or_default() -= 1;
        }
        // (a rebuild reads every entity's labels once, below)
        for e in has.iter().filter(|_| !change.fresh()) {
            let d = describe(store, e, Some(a))?;
            let slot = seen.entry((*e).to_owned()).or_default();
            for (s, v) in slot.iter_mut().zip(d) {
                *s = lesser(s.take(), v);
            }
        }
        // the article's own counts
        let mut new = Vec::new();
        if let Some(c) = counts {
            for (p, n) in [local::ENTITY_COUNT, local::EVENT_COUNT, local::CLAIM_COUNT]
                .into_iter()
                .zip(c.counts)
            {
                new.push(quad(a, &isn(p), integer(n), STATS_GRAPH));
            }
            // and what it credits to each source
            for (source, (claims, events)) in &c.tallies {
                let t = tally_node(a, source);
                new.extend([
                    quad(
                        &t,
                        &node(vocab::RDF_TYPE),
                        isn(local::SOURCE_TALLY),
                        STATS_GRAPH,
                    ),
                    quad(&t, &isn(local::TALLY_OF), node(a), STATS_GRAPH),
                    quad(&t, &isn(local::TALLY_SOURCE), node(source), STATS_GRAPH),
                    quad(
                        &t,
                        &isn(local::CREDITED_CLAIMS),
                        integer(claims.len()),
                        STATS_GRAPH,
                    ),
                    quad(
                        &t,
                        &isn(local::CREDITED_EVENTS),
                        integer(events.len()),
                        STATS_GRAPH,
                    ),
                ]);
            }
        }
        let old = if change.fresh() {
            Vec::new()
        } else {
            let mut old = described(store, a, STATS_GRAPH)?;
            for t in subjects(store, &isn(local::TALLY_OF), &node(a).into(), STATS_GRAPH)? {
                old.extend(described(store, &t, STATS_GRAPH)?);
            }
            old
        };
        change.set(old, new);
    }
    let touched: BTreeSet<&String> = entity_delta
        .keys()
        .chain(form_delta.keys().map(|(e, _)| e))
        .chain(relabel.iter())
        .chain(seen.keys())
        .collect();
    for e in touched {
        let old_articles = if change.fresh() {
            0
        } else {
            count_of(store, e, local::ARTICLE_COUNT)? as i64
        };
        let articles = old_articles + entity_delta.get(e).copied().unwrap_or(0);
        // the entity's form nodes, as stored and as they become
        let mut forms: BTreeMap<String, (String, i64)> = BTreeMap::new();
        let mut old = Vec::new();
        if !change.fresh() {
            old.extend(described(store, e, STATS_GRAPH)?);
            for f in subjects(store, &isn(local::FORM_OF), &node(e).into(), STATS_GRAPH)? {
                let text = objects(store, &f, &isn(local::FORM_TEXT), Some(STATS_GRAPH))?
                    .first()
                    .and_then(text_of)
                    .unwrap_or_default();
                let n = count_of(store, &f, local::FORM_ARTICLE_COUNT)? as i64;
                old.extend(described(store, &f, STATS_GRAPH)?);
                forms.insert(text, (f, n));
            }
        }
        for ((fe, form), d) in form_delta.range((e.clone(), String::new())..) {
            if fe != e {
                break;
            }
            forms
                .entry(form.clone())
                .or_insert_with(|| (form_node(e, form), 0))
                .1 += d;
        }
        let mut new = Vec::new();
        if articles > 0 {
            let s = e.as_str();
            new.push(quad(
                s,
                &isn(local::ARTICLE_COUNT),
                integer(articles as usize),
                STATS_GRAPH,
            ));
            let mut texts = Vec::new();
            for (text, (f, n)) in &forms {
                if *n <= 0 {
                    continue;
                }
                texts.push(text.as_str());
                new.push(quad(f, &isn(local::FORM_OF), node(s), STATS_GRAPH));
                new.push(quad(
                    f,
                    &isn(local::FORM_TEXT),
                    Literal::new_simple_literal(text),
                    STATS_GRAPH,
                ));
                new.push(quad(
                    f,
                    &isn(local::FORM_ARTICLE_COUNT),
                    integer(*n as usize),
                    STATS_GRAPH,
                ));
            }
            new.push(quad(
                s,
                &isn(local::MENTION_FORMS),
                Literal::new_simple_literal(texts.join(" | ")),
                STATS_GRAPH,
            ));
            // labels and class: the least over every graph
            let [ar, en, class] = if relabel.contains(e) || change.fresh() {
                describe(store, e, None)?
            } else {
                let stored = [
                    objects(store, s, &isn(local::DISPLAY_LABEL), Some(STATS_GRAPH))?
                        .into_iter()
                        .find(|t| matches!(t, Term::Literal(l) if l.language() == Some("ar"))),
                    objects(store, s, &isn(local::DISPLAY_LABEL), Some(STATS_GRAPH))?
                        .into_iter()
                        .find(|t| matches!(t, Term::Literal(l) if l.language() != Some("ar"))),
                    objects(store, s, &isn(local::DISPLAY_CLASS), Some(STATS_GRAPH))?
                        .into_iter()
                        .next(),
                ];
                let mut best = if stored.iter().all(Option::is_none) {
                    // new to the stats: what the reference graphs say too
                    describe(store, e, None)?
                } else {
                    stored
                };
                if let Some(d) = seen.get(e) {
                    for (b, v) in best.iter_mut().zip(d.clone()) {
                        *b = lesser(b.take(), v);
                    }
                }
                best
            };
            for l in [ar, en].into_iter().flatten() {
                new.push(quad(s, &isn(local::DISPLAY_LABEL), l, STATS_GRAPH));
            }
            if let Some(c) = class {
                new.push(quad(s, &isn(local::DISPLAY_CLASS), c, STATS_GRAPH));
            }
        }
        change.set(old, new);
    }
    Ok(())
}

//! Figure groups: for every merged event, its count claims grouped by kind and
//! victim, with the distinct figures the sources give, precomputed so that
//! "which figures are contested?" is one index lookup (`isn:contested true`)
//! instead of an aggregate over every claim of the archive.
//!
//! A group (`isn:FigureGroup`, IRI `{event}/figures/{kind}-{victim tag}`) holds
//! one `isn:Figure` per distinct figure as written (qualifier and stance
//! included: "≥41", "denied: ?"), with how many sources give it and their names
//! as the articles give them. It is contested when its claims give more than one
//! distinct number or one of them is denied or disputed: contested *within one
//! real-world event*, never across a whole place.
//!
//! Invariant: a function of the merged event's reports and the claims about them
//! (read in the reports' own article graphs); recomputed with the event's bucket.

use super::{
    described, integer, iri_of, isn, node, objects, quad, subjects, tag, text_of, FIGURES_GRAPH,
};
use crate::merge::{EventReport, MergedEvent};
use crate::vocab::{self, local};
use crate::Error;
use oxigraph::model::{Literal, Quad, Term};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

/// The source name isnad shows for an article that credits no one.
pub const ARTICLE_ITSELF: &str = "المقال نفسه/article";

/// The stored figure groups of merged event `m` and their figures.
pub fn stored(store: &Store, m: &str) -> Result<Vec<Quad>, Error> {
    let mut out = Vec::new();
    for g in subjects(
        store,
        &isn(local::FIGURES_OF),
        &node(m).into(),
        FIGURES_GRAPH,
    )? {
        for f in subjects(
            store,
            &isn(local::IN_GROUP),
            &node(&g).into(),
            FIGURES_GRAPH,
        )? {
            // the claims' own figures as written
            for c in objects(store, &f, &isn(local::FIGURE_CLAIM), Some(FIGURES_GRAPH))? {
                if let Some(c) = iri_of(&c) {
                    for t in objects(store, &c, &isn(local::FIGURE_TEXT), Some(FIGURES_GRAPH))? {
                        out.push(quad(&c, &isn(local::FIGURE_TEXT), t, FIGURES_GRAPH));
                    }
                }
            }
            out.extend(described(store, &f, FIGURES_GRAPH)?);
        }
        out.extend(described(store, &g, FIGURES_GRAPH)?);
    }
    Ok(out)
}

/// A label of `s` in graph `g`: Arabic first, then any other language.
fn label(store: &Store, s: &str, g: &str) -> Result<Option<String>, Error> {
    let mut ar: Option<String> = None;
    let mut other: Option<String> = None;
    for t in objects(store, s, &super::node(vocab::RDFS_LABEL), Some(g))? {
        if let Term::Literal(l) = t {
            let slot = if l.language() == Some("ar") {
                &mut ar
            } else {
                &mut other
            };
            if slot.as_ref().is_none_or(|v| l.value() < v.as_str()) {
                *slot = Some(l.value().to_owned());
            }
        }
    }
    Ok(ar.or(other))
}

fn tail(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// The display name of an actor or place in article `g`: its label there, else in
/// the ontology or gazetteer, else the tail of its IRI.
fn name(store: &Store, s: &str, g: &str) -> Result<String, Error> {
    for graph in [g, crate::store::ONTOLOGY_GRAPH, vocab::GAZETTEER_GRAPH] {
        if let Some(l) = label(store, s, graph)? {
            return Ok(l);
        }
    }
    Ok(tail(s).to_owned())
}

/// A figure as written: the number with its qualifier as a sign, the stance as a
/// prefix.
pub fn figure_text(count: Option<&str>, qualifier: &str, stance: &str) -> String {
    let bare = if qualifier == local::VAGUE {
        "?".to_owned()
    } else {
        format!(
            "{}{}",
            crate::rdf::qualifier_sign(qualifier),
            count.unwrap_or("?")
        )
    };
    match stance {
        local::DENIED => format!("denied: {bare}"),
        local::DISPUTED => format!("disputed: {bare}"),
        _ => bare,
    }
}

/// One count claim, as the figure groups need it.
struct Claim {
    iri: String,
    kind: String,
    victim: Option<String>,
    count: Option<String>,
    text: String,
    dissent: bool,
    source: String,
    source_name: String,
    article: String,
    article_id: String,
}

fn claims_about(store: &Store, r: &EventReport) -> Result<Vec<Claim>, Error> {
    let g = r.article.as_str();
    let mut out = Vec::new();
    let about = isn(local::ABOUT);
    let first = |s: &str, p: &str| -> Result<Option<Term>, Error> {
        let mut v = objects(store, s, &isn(p), Some(g))?;
        v.sort_by_key(|t| t.to_string());
        Ok(v.into_iter().next())
    };
    let mut claims = subjects(store, &about, &node(&r.iri).into(), g)?;
    claims.sort();
    claims.dedup();
    let article_id = objects(store, g, &node(vocab::SCHEMA_IDENTIFIER), Some(g))?
        .iter()
        .filter_map(text_of)
        .min()
        .unwrap_or_else(|| tail(g).to_owned());
    for c in claims {
        let Some(kind) = first(&c, local::COUNT_KIND_P)?.as_ref().and_then(iri_of) else {
            continue;
        };
        let victim = first(&c, local::VICTIM)?.as_ref().and_then(iri_of);
        let count = first(&c, local::COUNT)?.as_ref().and_then(text_of);
        let qualifier = first(&c, local::QUALIFIER_P)?
            .as_ref()
            .and_then(iri_of)
            .map(|q| tail(&q).to_owned())
            .unwrap_or_default();
        let stance = first(&c, local::STANCE_P)?
            .as_ref()
            .and_then(iri_of)
            .map(|s| tail(&s).to_owned())
            .unwrap_or_else(|| local::ASSERTED.to_owned());
        let mut credited: Vec<String> =
            objects(store, &c, &node(vocab::PROV_WAS_ATTRIBUTED_TO), Some(g))?
                .iter()
                .filter_map(iri_of)
                .collect();
        credited.sort();
        if credited.is_empty() {
            credited.push(g.to_owned());
        }
        for source in credited {
            let source_name = if source == g {
                ARTICLE_ITSELF.to_owned()
            } else {
                name(store, &source, g)?
            };
            out.push(Claim {
                iri: c.clone(),
                kind: kind.clone(),
                victim: victim.clone(),
                count: count.clone(),
                text: figure_text(count.as_deref(), &qualifier, &stance),
                dissent: stance == local::DENIED || stance == local::DISPUTED,
                source,
                source_name,
                article: g.to_owned(),
                article_id: article_id.clone(),
            });
        }
    }
    Ok(out)
}

/// The figure groups of merged events (their reports indexing `reports`).
pub fn compute(
    store: &Store,
    merged: &[MergedEvent],
    reports: &[EventReport],
) -> Result<Vec<Quad>, Error> {
    let g = FIGURES_GRAPH;
    let mut quads = Vec::new();
    let rdf_type = node(vocab::RDF_TYPE);
    for m in merged {
        let mut claims: Vec<Claim> = Vec::new();
        for &r in &m.reports {
            claims.extend(claims_about(store, &reports[r])?);
        }
        if claims.is_empty() {
            continue;
        }
        // each claim's figure as written, for the queries that list claims
        let mut written: BTreeSet<(&str, &str)> = BTreeSet::new();
        for c in &claims {
            written.insert((c.iri.as_str(), c.text.as_str()));
        }
        for (c, text) in written {
            quads.push(quad(
                c,
                &isn(local::FIGURE_TEXT),
                Literal::new_simple_literal(text),
                g,
            ));
        }
        let mut groups: BTreeMap<(&str, Option<&str>), Vec<&Claim>> = BTreeMap::new();
        for c in &claims {
            groups
                .entry((c.kind.as_str(), c.victim.as_deref()))
                .or_default()
                .push(c);
        }
        let first_article = m.articles.first().map(String::as_str).unwrap_or_default();
        let place_label = match &m.place {
            Some(p) => name(store, p, first_article)?,
            None => String::new(),
        };
        let class_name = tail(&m.class).to_owned();
        for ((kind, victim), members) in groups {
            let fg = format!(
                "{}/figures/{}-{}",
                m.iri,
                tail(kind),
                tag(victim.unwrap_or(""))
            );
            let numbers: BTreeSet<&str> =
                members.iter().filter_map(|c| c.count.as_deref()).collect();
            let contested = numbers.len() > 1 || members.iter().any(|c| c.dissent);
            quads.push(quad(&fg, &rdf_type, isn(local::FIGURE_GROUP), g));
            quads.push(quad(&fg, &isn(local::FIGURES_OF), node(&m.iri), g));
            quads.push(quad(&fg, &isn(local::GROUP_KIND), node(kind), g));
            quads.push(quad(
                &fg,
                &isn(local::DISTINCT_FIGURES),
                integer(numbers.len()),
                g,
            ));
            quads.push(quad(
                &fg,
                &isn(local::CONTESTED),
                Literal::from(contested),
                g,
            ));
            quads.push(quad(
                &fg,
                &isn(local::EVENT_CLASS_NAME),
                Literal::new_simple_literal(&class_name),
                g,
            ));
            quads.push(quad(
                &fg,
                &isn(local::PLACE_LABEL),
                Literal::new_simple_literal(&place_label),
                g,
            ));
            let victim_label = match victim {
                Some(v) => {
                    quads.push(quad(&fg, &isn(local::GROUP_VICTIM), node(v), g));
                    let mut names = BTreeSet::new();
                    for c in &members {
                        names.insert(name(store, v, &c.article)?);
                    }
                    names.into_iter().next().unwrap_or_default()
                }
                None => String::new(),
            };
            quads.push(quad(
                &fg,
                &isn(local::VICTIM_LABEL),
                Literal::new_simple_literal(&victim_label),
                g,
            ));
            // one figure per distinct figure as written
            let mut figures: BTreeMap<(&str, Option<&str>), Vec<&Claim>> = BTreeMap::new();
            for c in &members {
                figures
                    .entry((c.text.as_str(), c.count.as_deref()))
                    .or_default()
                    .push(c);
            }
            for (i, ((text, count), givers)) in figures.into_iter().enumerate() {
                let f = format!("{fg}/{i}");
                let sources: BTreeSet<&str> = givers.iter().map(|c| c.source.as_str()).collect();
                let names: BTreeSet<&str> = givers.iter().map(|c| c.source_name.as_str()).collect();
                let articles: BTreeSet<&str> =
                    givers.iter().map(|c| c.article_id.as_str()).collect();
                quads.push(quad(&f, &rdf_type, isn(local::FIGURE), g));
                let claims: BTreeSet<&str> = givers.iter().map(|c| c.iri.as_str()).collect();
                for c in claims {
                    quads.push(quad(&f, &isn(local::FIGURE_CLAIM), node(c), g));
                }
                quads.push(quad(&f, &isn(local::IN_GROUP), node(&fg), g));
                quads.push(quad(
                    &f,
                    &isn(local::FIGURE_TEXT),
                    Literal::new_simple_literal(text),
                    g,
                ));
                if let Some(n) = count {
                    if let Ok(v) = n.parse::<i64>() {
                        quads.push(quad(&f, &isn(local::FIGURE_VALUE), Literal::from(v), g));
                    }
                }
                quads.push(quad(
                    &f,
                    &isn(local::SOURCE_COUNT),
                    integer(sources.len()),
                    g,
                ));
                quads.push(quad(
                    &f,
                    &isn(local::SOURCE_NAMES),
                    Literal::new_simple_literal(names.into_iter().collect::<Vec<_>>().join(" ؛ ")),
                    g,
                ));
                quads.push(quad(
                    &f,
                    &isn(local::ARTICLE_NAMES),
                    Literal::new_simple_literal(articles.into_iter().collect::<Vec<_>>().join(" ")),
                    g,
                ));
            }
        }
    }
    Ok(quads)
}

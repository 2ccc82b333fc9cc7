//! Explain: a fact's evidence chain, for people.
//!
//! Given an IRI from the store, prints what isnad knows about it and why:
//! * a count claim: the figure, the quote and its offsets, the article, the source
//!   credited (with role and organisation) and the stance, and the event it is about;
//! * an event report: its class, participants, status, quote, article and source,
//!   and the real-world event it was merged into;
//! * a merged event: why its reports were merged, each report with its article and
//!   quote, and every figure given about it, side by side;
//! * any other resource (an actor, a place): its labels and the articles that name it.

use crate::query::display_term;
use crate::store::Store;
use crate::Error;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QueryResults;
use std::fmt::Write as _;

fn rows(store: &Store, sparql: &str) -> Result<Vec<Vec<String>>, Error> {
    Ok(store
        .select(sparql)?
        .into_iter()
        .map(|row| {
            row.iter()
                .map(|t| t.as_ref().map(display_term).unwrap_or_default())
                .collect()
        })
        .collect())
}

/// A label for a resource: Arabic, else English, else its IRI.
const LABEL: &str = "OPTIONAL { ?x rdfs:label ?la FILTER(lang(?la) = \"ar\") } \
                     OPTIONAL { ?x rdfs:label ?le FILTER(lang(?le) = \"en\") }";

fn label_of(store: &Store, iri: &str) -> Result<String, Error> {
    let q = format!(
        "SELECT (SAMPLE(?la) AS ?ar) (SAMPLE(?le) AS ?en) (SAMPLE(?k) AS ?kind) WHERE {{ \
         BIND({iri} AS ?x) {LABEL} OPTIONAL {{ ?x isn:sourceKind ?k }} }}",
        iri = NamedNode::new_unchecked(iri)
    );
    let r = rows(store, &q)?;
    let r = r.first().cloned().unwrap_or_default();
    Ok(
        match (
            r.first().filter(|s| !s.is_empty()),
            r.get(1).filter(|s| !s.is_empty()),
        ) {
            (Some(ar), Some(en)) => format!("{ar} ({en})"),
            (Some(l), None) | (None, Some(l)) => l.clone(),
            (None, None) => crate::query::compact_iri(iri),
        },
    )
}

/// Every (property, value) of a resource in the union of graphs, sorted.
fn properties(store: &Store, iri: &str) -> Result<Vec<(String, String, Term)>, Error> {
    let q = format!(
        "SELECT DISTINCT ?p ?o WHERE {{ {} ?p ?o }} ORDER BY ?p ?o",
        NamedNode::new_unchecked(iri)
    );
    let QueryResults::Solutions(solutions) = store.query(&q)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for s in solutions {
        let s = s?;
        if let (Some(Term::NamedNode(p)), Some(o)) = (s.get("p"), s.get("o")) {
            out.push((p.as_str().to_owned(), display_term(o), o.clone()));
        }
    }
    Ok(out)
}

fn first<'a>(
    props: &'a [(String, String, Term)],
    local: &str,
) -> Option<&'a (String, String, Term)> {
    props
        .iter()
        .find(|(p, _, _)| p.ends_with(&format!("#{local}")) || p.ends_with(&format!("/{local}")))
}

fn all<'a>(props: &'a [(String, String, Term)], local: &str) -> Vec<&'a (String, String, Term)> {
    props
        .iter()
        .filter(|(p, _, _)| p.ends_with(&format!("#{local}")) || p.ends_with(&format!("/{local}")))
        .collect()
}

/// The article a fact was read in, and who the article credits for it.
fn provenance(
    store: &Store,
    out: &mut String,
    props: &[(String, String, Term)],
) -> Result<(), Error> {
    if let Some((_, _, Term::NamedNode(article))) = first(props, "wasDerivedFrom") {
        let q = format!(
            "SELECT ?id ?h ?url ?d WHERE {{ GRAPH ?g {{ {a} schema:identifier ?id \
             OPTIONAL {{ {a} schema:headline ?h }} OPTIONAL {{ {a} schema:url ?url }} \
             OPTIONAL {{ {a} schema:datePublished ?d }} }} }} LIMIT 1",
            a = article
        );
        if let Some(r) = rows(store, &q)?.first() {
            let _ = writeln!(
                out,
                "  article:   {}{}",
                r[0],
                if r[1].is_empty() {
                    String::new()
                } else {
                    format!(" — {}", r[1])
                }
            );
            if !r[2].is_empty() {
                let _ = writeln!(out, "  url:       {}", r[2]);
            }
            if !r[3].is_empty() {
                let _ = writeln!(out, "  published: {}", r[3]);
            }
        }
    }
    if let Some((_, _, Term::NamedNode(source))) = first(props, "wasAttributedTo") {
        let credited = if first(props, "wasDerivedFrom")
            .is_some_and(|(_, _, a)| a == &Term::NamedNode(source.clone()))
        {
            "the article itself (it credits no one)".to_owned()
        } else {
            let mut s = label_of(store, source.as_str())?;
            let q = format!(
                "SELECT ?role ?org WHERE {{ {p} isn:role ?role OPTIONAL {{ {p} isn:speaksFor ?o . BIND(?o AS ?x) {LABEL} BIND(COALESCE(?la, ?le) AS ?org) }} }} LIMIT 1",
                p = source
            );
            if let Some(r) = rows(store, &q)?.first() {
                let _ = write!(s, " — {} {}", r[0], r[1]);
            }
            s
        };
        let _ = writeln!(out, "  credited:  {credited}");
    }
    if let Some((_, stance, _)) = first(props, "stance") {
        let _ = writeln!(out, "  stance:    {stance}");
    }
    Ok(())
}

fn evidence(out: &mut String, props: &[(String, String, Term)]) {
    if let Some((_, quote, _)) = first(props, "quote") {
        let span = match (first(props, "start"), first(props, "end")) {
            (Some((_, s, _)), Some((_, e, _))) => format!(" [characters {s}–{e}]"),
            _ => String::new(),
        };
        let _ = writeln!(out, "  quote:     «{quote}»{span}");
    }
}

/// The evidence chain of `iri` as text; an error if the store knows nothing of it.
pub fn explain(store: &Store, iri: &str) -> Result<String, Error> {
    let props = properties(store, iri)?;
    if props.is_empty() {
        return Err(Error::Input {
            path: iri.to_owned(),
            reason: "nothing in the store is about this IRI".into(),
        });
    }
    let mut out = String::new();
    let types: Vec<String> = all(&props, "type")
        .iter()
        .map(|(_, t, _)| t.clone())
        .collect();
    let _ = writeln!(
        out,
        "{} ({})",
        crate::query::compact_iri(iri),
        types.join(", ")
    );
    let is = |local: &str| types.iter().any(|t| t == &format!("isn:{local}"));
    if is("CountClaim") {
        let get = |l: &str| {
            first(&props, l)
                .map(|(_, v, _)| v.clone())
                .unwrap_or_default()
        };
        let victim = match first(&props, "victim") {
            Some((_, _, Term::NamedNode(v))) => label_of(store, v.as_str())?,
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  figure:    {} {} {} — {}",
            get("countKind"),
            get("qualifier"),
            get("count"),
            victim
        );
        evidence(&mut out, &props);
        provenance(store, &mut out, &props)?;
        if let Some((_, _, Term::NamedNode(event))) = first(&props, "about") {
            let _ = writeln!(
                out,
                "  about:     {}",
                crate::query::compact_iri(event.as_str())
            );
            let merged = rows(
                store,
                &format!("SELECT ?m WHERE {{ {event} owl:sameAs ?m }}"),
            )?;
            if let Some(m) = merged.first() {
                let _ = writeln!(out, "  event:     {} (the real-world event; `isnad explain` it for every source's figures)", m[0]);
            }
        }
    } else if first(&props, "mergeReason").is_some() {
        let _ = writeln!(
            out,
            "  merged:    {}",
            first(&props, "mergeReason")
                .map(|p| p.1.clone())
                .unwrap_or_default()
        );
        for (label, local) in [("place", "place"), ("date", "date")] {
            if let Some((_, v, t)) = first(&props, local) {
                let shown = match t {
                    Term::NamedNode(n) => label_of(store, n.as_str())?,
                    _ => v.clone(),
                };
                let _ = writeln!(out, "  {label}:{:w$}{shown}", "", w = 10 - label.len());
            }
        }
        let q = format!(
            "SELECT ?id ?q ?status WHERE {{ GRAPH ?g {{ ?r owl:sameAs {m} }} GRAPH ?a {{ ?r isn:quote ?q ; isn:status ?status . ?a schema:identifier ?id }} }} ORDER BY ?id ?q",
            m = NamedNode::new_unchecked(iri)
        );
        let _ = writeln!(out, "  reports:");
        for r in rows(store, &q)? {
            let _ = writeln!(out, "    {} [{}]: «{}»", r[0], r[2], r[1]);
        }
        let q = format!(
            "SELECT ?kind ?qual (SAMPLE(?n) AS ?count) (SAMPLE(?vl) AS ?victim) (SAMPLE(?src) AS ?source) ?id ?quote WHERE {{ \
             ?r owl:sameAs {m} . \
             GRAPH ?a {{ ?c isn:about ?r ; isn:countKind ?kind ; isn:qualifier ?qual ; isn:quote ?quote ; prov:wasAttributedTo ?s . \
             ?a schema:identifier ?id OPTIONAL {{ ?c isn:count ?n }} OPTIONAL {{ ?c isn:victim ?v }} \
             OPTIONAL {{ ?s rdfs:label ?sl FILTER(lang(?sl) = \"ar\") }} OPTIONAL {{ ?v rdfs:label ?vlabel FILTER(lang(?vlabel) = \"ar\") }} }} \
             OPTIONAL {{ ?v rdfs:label ?vref FILTER(lang(?vref) = \"ar\") }} \
             BIND(COALESCE(?sl, IF(?s = ?a, \"(the article)\", STR(?s))) AS ?src) \
             BIND(COALESCE(?vlabel, ?vref, STR(?v)) AS ?vl) }} \
             GROUP BY ?c ?kind ?qual ?id ?quote ORDER BY ?kind ?victim ?count ?source ?id",
            m = NamedNode::new_unchecked(iri)
        );
        let figures = rows(store, &q)?;
        if !figures.is_empty() {
            let _ = writeln!(out, "  figures, side by side:");
            for r in figures {
                let _ = writeln!(
                    out,
                    "    {} {} {} — {} — per {} in {}: «{}»",
                    r[0], r[1], r[2], r[3], r[4], r[5], r[6]
                );
            }
        }
    } else if first(&props, "trigger").is_some() {
        for (label, local) in [
            ("status", "status"),
            ("agent", "agent"),
            ("target", "target"),
            ("place", "place"),
            ("date", "date"),
            ("part of", "subEventOf"),
        ] {
            for (_, v, t) in all(&props, local) {
                let shown = match t {
                    Term::NamedNode(n) if local != "status" && local != "subEventOf" => {
                        label_of(store, n.as_str())?
                    }
                    _ => v.clone(),
                };
                let _ = writeln!(out, "  {label}:{:w$}{shown}", "", w = 10 - label.len());
            }
        }
        evidence(&mut out, &props);
        provenance(store, &mut out, &props)?;
        if let Some((_, m, _)) = first(&props, "sameAs") {
            let _ = writeln!(
                out,
                "  event:     {m} (the real-world event this report was merged into)"
            );
        }
    } else {
        let _ = writeln!(out, "  label:     {}", label_of(store, iri)?);
        let q = format!(
            "SELECT ?id (GROUP_CONCAT(DISTINCT ?f; separator=\" | \") AS ?forms) WHERE {{ GRAPH ?a {{ {e} isn:mentionedAs ?f . ?a schema:identifier ?id }} }} GROUP BY ?id ORDER BY ?id",
            e = NamedNode::new_unchecked(iri)
        );
        for r in rows(store, &q)? {
            let _ = writeln!(out, "  named in {}: {}", r[0], r[1]);
        }
    }
    Ok(out)
}

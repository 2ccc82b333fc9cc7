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
//!
//! It reads only through [`Select`], the rows of SPARQL SELECT queries, which the
//! embedded [`Store`] and a remote endpoint (`crate::remote::Remote`) both answer:
//! one explain for both. So the queries keep to portable SPARQL 1.1 (no Oxigraph
//! extensions), and the order of everything printed is made here, not by the
//! server's collation: rows are sorted as Rust strings after they arrive.
//!
//! Invariant: the same graphs give the same text, whichever side answers.

use crate::query::display_term;
use crate::store::Store;
use crate::Error;
use oxigraph::model::{NamedNode, Term};
use std::fmt::Write as _;

/// What explain reads through: the rows of a SELECT (isnad's prefixes
/// predeclared, the default graph the union of all graphs), each the values of
/// the projected variables in order, `None` where unbound.
pub trait Select {
    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, Error>;
}

impl Select for Store {
    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, Error> {
        Store::select(self, sparql)
    }
}

/// The rows of a SELECT, sorted by their cells as shown and without duplicates:
/// the order never depends on the server.
fn terms(store: &dyn Select, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, Error> {
    let full = |row: &[Option<Term>]| -> Vec<String> {
        row.iter()
            .map(|t| t.as_ref().map(Term::to_string).unwrap_or_default())
            .collect()
    };
    // (cells as shown, cells in full, the row)
    type Keyed = (Vec<String>, Vec<String>, Vec<Option<Term>>);
    let mut out: Vec<Keyed> = store
        .select(sparql)?
        .into_iter()
        .map(|row| (row.iter().map(shown).collect(), full(&row), row))
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out.dedup_by(|a, b| a.1 == b.1);
    Ok(out.into_iter().map(|(_, _, row)| row).collect())
}

/// A cell as printed: IRIs compacted, literals as their value, nothing where unbound.
fn shown(t: &Option<Term>) -> String {
    t.as_ref().map(display_term).unwrap_or_default()
}

/// [`terms`] as printed.
fn rows(store: &dyn Select, sparql: &str) -> Result<Vec<Vec<String>>, Error> {
    Ok(terms(store, sparql)?
        .iter()
        .map(|row| row.iter().map(shown).collect())
        .collect())
}

/// A resource's Arabic and English labels (the least of each, as strings).
fn labels(store: &dyn Select, iri: &str) -> Result<(Option<String>, Option<String>), Error> {
    let q = format!(
        "SELECT ?l WHERE {{ {} rdfs:label ?l }}",
        NamedNode::new_unchecked(iri)
    );
    let (mut ar, mut en): (Option<String>, Option<String>) = (None, None);
    for row in store.select(&q)? {
        if let Some(Some(Term::Literal(l))) = row.first() {
            let slot = match l.language() {
                Some("ar") => &mut ar,
                Some("en") => &mut en,
                _ => continue,
            };
            if slot.as_deref().is_none_or(|s| l.value() < s) {
                *slot = Some(l.value().to_owned());
            }
        }
    }
    Ok((ar, en))
}

/// A label for a resource: Arabic (English), either one, else its IRI compacted.
fn label_of(store: &dyn Select, iri: &str) -> Result<String, Error> {
    Ok(match labels(store, iri)? {
        (Some(ar), Some(en)) => format!("{ar} ({en})"),
        (Some(l), None) | (None, Some(l)) => l,
        (None, None) => crate::query::compact_iri(iri),
    })
}

/// Every (property, value) of a resource in the union of graphs, sorted.
fn properties(store: &dyn Select, iri: &str) -> Result<Vec<(String, String, Term)>, Error> {
    let q = format!(
        "SELECT DISTINCT ?p ?o WHERE {{ {} ?p ?o }}",
        NamedNode::new_unchecked(iri)
    );
    let mut out = Vec::new();
    for row in store.select(&q)? {
        if let [Some(Term::NamedNode(p)), Some(o)] = row.as_slice() {
            out.push((p.as_str().to_owned(), display_term(o), o.clone()));
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1, a.2.to_string()).cmp(&(&b.0, &b.1, b.2.to_string())));
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
    store: &dyn Select,
    out: &mut String,
    props: &[(String, String, Term)],
) -> Result<(), Error> {
    if let Some((_, _, Term::NamedNode(article))) = first(props, "wasDerivedFrom") {
        let q = format!(
            "SELECT ?id ?h ?url ?d WHERE {{ GRAPH ?g {{ {a} schema:identifier ?id \
             OPTIONAL {{ {a} schema:headline ?h }} OPTIONAL {{ {a} schema:url ?url }} \
             OPTIONAL {{ {a} schema:datePublished ?d }} }} }}",
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
                "SELECT ?role ?o WHERE {{ {p} isn:role ?role OPTIONAL {{ {p} isn:speaksFor ?o }} }}",
                p = source
            );
            if let Some(r) = terms(store, &q)?.first() {
                let org = match r.get(1) {
                    Some(Some(Term::NamedNode(o))) => {
                        let (ar, en) = labels(store, o.as_str())?;
                        ar.or(en).unwrap_or_default()
                    }
                    _ => String::new(),
                };
                let _ = write!(s, " — {} {org}", shown(&r[0]));
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
pub fn explain(store: &dyn Select, iri: &str) -> Result<String, Error> {
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
            "SELECT ?id ?q ?status WHERE {{ GRAPH ?g {{ ?r owl:sameAs {m} }} GRAPH ?a {{ ?r isn:quote ?q ; isn:status ?status . ?a schema:identifier ?id }} }}",
            m = NamedNode::new_unchecked(iri)
        );
        let _ = writeln!(out, "  reports:");
        for r in rows(store, &q)? {
            let _ = writeln!(out, "    {} [{}]: «{}»", r[0], r[2], r[1]);
        }
        let figures = figures(store, iri)?;
        if !figures.is_empty() {
            let _ = writeln!(out, "  figures, side by side:");
            for r in figures {
                let _ = writeln!(
                    out,
                    "    {} {} {} — {} — per {} in {}: «{}»",
                    r.kind, r.qualifier, r.count, r.victim, r.source, r.article, r.quote
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
            "SELECT ?id ?f WHERE {{ GRAPH ?a {{ {e} isn:mentionedAs ?f . ?a schema:identifier ?id }} }}",
            e = NamedNode::new_unchecked(iri)
        );
        let mut forms: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for r in rows(store, &q)? {
            let [id, form] = <[String; 2]>::try_from(r).unwrap_or_default();
            forms.entry(id).or_default().push(form);
        }
        for (id, forms) in forms {
            let _ = writeln!(out, "  named in {id}: {}", forms.join(" | "));
        }
    }
    Ok(out)
}

/// One figure given about a merged event, as printed.
#[derive(Debug, Default)]
struct Figure {
    kind: String,
    qualifier: String,
    count: String,
    victim: String,
    source: String,
    article: String,
    quote: String,
}

/// Every figure given about the merged event `iri`: one per claim about one of
/// its reports, with the victim's and the source's Arabic label (from the claim's
/// article, else any), sorted by kind, victim, count (as a number), source and
/// article. Plain SPARQL (graph patterns and OPTIONAL); the choices a SAMPLE
/// would leave to the server (a claim's source with two labels) are the least
/// string here.
fn figures(store: &dyn Select, iri: &str) -> Result<Vec<Figure>, Error> {
    let q = format!(
        "SELECT ?c ?kind ?qual ?n ?s ?a ?sl ?v ?vl ?id ?quote WHERE {{ \
         ?r owl:sameAs {m} . \
         GRAPH ?a {{ ?c isn:about ?r ; isn:countKind ?kind ; isn:qualifier ?qual ; isn:quote ?quote ; \
         prov:wasAttributedTo ?s . ?a schema:identifier ?id \
         OPTIONAL {{ ?c isn:count ?n }} OPTIONAL {{ ?c isn:victim ?v }} \
         OPTIONAL {{ ?s rdfs:label ?sl FILTER(lang(?sl) = \"ar\") }} \
         OPTIONAL {{ ?v rdfs:label ?vl FILTER(lang(?vl) = \"ar\") }} }} }}",
        m = NamedNode::new_unchecked(iri)
    );
    // claim → its figure, the least label wherever there are several
    let mut by_claim: std::collections::BTreeMap<String, Figure> = Default::default();
    let least = |slot: &mut String, v: String| {
        if slot.is_empty() || (!v.is_empty() && v < *slot) {
            *slot = v;
        }
    };
    for row in terms(store, &q)? {
        let cell = |i: usize| shown(&row[i]);
        let f = by_claim.entry(cell(0)).or_insert_with(|| Figure {
            kind: cell(1),
            qualifier: cell(2),
            article: cell(9),
            quote: cell(10),
            ..Figure::default()
        });
        least(&mut f.count, cell(3));
        let source = match (&row[6], &row[4], &row[5]) {
            (Some(Term::Literal(l)), _, _) => l.value().to_owned(),
            (None, Some(s), Some(a)) if s == a => "(the article)".to_owned(),
            (None, Some(Term::NamedNode(s)), _) => s.as_str().to_owned(),
            _ => String::new(),
        };
        least(&mut f.source, source);
        let victim = match (&row[8], &row[7]) {
            (Some(Term::Literal(l)), _) => l.value().to_owned(),
            (None, Some(Term::NamedNode(v))) => match labels(store, v.as_str())?.0 {
                Some(l) => l,
                None => v.as_str().to_owned(),
            },
            _ => String::new(),
        };
        least(&mut f.victim, victim);
    }
    let mut out: Vec<Figure> = by_claim.into_values().collect();
    // a count as a number: "9" before "10"
    let count = |f: &Figure| (f.count.parse::<i128>().ok(), f.count.clone());
    out.sort_by(|a, b| {
        (
            &a.kind,
            &a.victim,
            count(a),
            &a.source,
            &a.article,
            &a.qualifier,
            &a.quote,
        )
            .cmp(&(
                &b.kind,
                &b.victim,
                count(b),
                &b.source,
                &b.article,
                &b.qualifier,
                &b.quote,
            ))
    });
    Ok(out)
}

//! Remote export: the quads of isnad's graphs read back from a remote store (one
//! SPARQL SELECT over `GRAPH ?g`), sorted as the embedded store's export sorts
//! them, so the same serialisers write them. Reads the whole selection into
//! memory: meant for an article, or a store of demo size; for the whole of a large
//! archive use the server's own dump.

use super::query::query;
use super::{remote_error, Remote};
use crate::store::ONTOLOGY_GRAPH;
use crate::vocab;
use crate::Error;
use oxigraph::model::{GraphName, Literal, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::QueryResults;

/// The IRI of the article named by its identifier (`schema:identifier`) or IRI.
pub fn resolve_article(remote: &Remote, id_or_iri: &str) -> Result<Option<String>, Error> {
    let by_id = format!(
        "SELECT ?a WHERE {{ GRAPH ?a {{ ?a a isn:Article ; schema:identifier {} }} }} LIMIT 1",
        Literal::new_simple_literal(id_or_iri)
    );
    let mut asks = vec![by_id];
    if oxigraph::model::NamedNode::new(id_or_iri).is_ok() {
        asks.push(format!(
            "SELECT ?a WHERE {{ GRAPH ?a {{ ?a a isn:Article }} VALUES ?a {{ <{id_or_iri}> }} }} LIMIT 1"
        ));
    }
    for q in asks {
        if let QueryResults::Solutions(rows) = query(remote, &q)? {
            for row in rows {
                let row = row.map_err(|e| remote_error(&remote.endpoint, e.to_string()))?;
                if let Some(Term::NamedNode(a)) = row.get("a") {
                    return Ok(Some(a.as_str().to_owned()));
                }
            }
        }
    }
    Ok(None)
}

/// The quads of one graph, or of every isnad graph (`https://w3id.org/isnad/id/…`;
/// the ontology and gazetteer graphs only `with_reference`), sorted.
pub fn quads(
    remote: &Remote,
    graph: Option<&str>,
    with_reference: bool,
) -> Result<Vec<Quad>, Error> {
    let filter = match graph {
        Some(g) => format!("VALUES ?g {{ <{g}> }}"),
        None if with_reference => format!("FILTER(STRSTARTS(STR(?g), \"{}\"))", vocab::ID),
        None => format!(
            "FILTER(STRSTARTS(STR(?g), \"{}\") && ?g != <{ONTOLOGY_GRAPH}> && ?g != <{}>)",
            vocab::ID,
            vocab::GAZETTEER_GRAPH
        ),
    };
    let q = format!("SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {filter} }}");
    select_quads(remote, &q)
}

/// A literal in the canonical form isnad writes: Virtuoso answers booleans as
/// `"1"`/`"0"` (the same values in another lexical form).
fn canonical(o: &Term) -> Term {
    if let Term::Literal(l) = o {
        if l.datatype() == oxigraph::model::vocab::xsd::BOOLEAN {
            let v = match l.value() {
                "1" | "true" => "true",
                "0" | "false" => "false",
                _ => return o.clone(),
            };
            return oxigraph::model::Literal::from(v == "true").into();
        }
    }
    o.clone()
}

/// The quads of a SELECT binding `?g ?s ?p ?o`, sorted, without duplicates, literals
/// in canonical form.
pub fn select_quads(remote: &Remote, q: &str) -> Result<Vec<Quad>, Error> {
    let mut out = Vec::new();
    if let QueryResults::Solutions(rows) = query(remote, q)? {
        for row in rows {
            let row = row.map_err(|e| remote_error(&remote.endpoint, e.to_string()))?;
            let (Some(Term::NamedNode(g)), Some(s), Some(Term::NamedNode(p)), Some(o)) =
                (row.get("g"), row.get("s"), row.get("p"), row.get("o"))
            else {
                continue;
            };
            let s = match s {
                Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
                Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
                _ => continue,
            };
            out.push(Quad::new(
                s,
                p.clone(),
                canonical(o),
                GraphName::NamedNode(g.clone()),
            ));
        }
    }
    out.sort_by_cached_key(|q| q.to_string());
    out.dedup();
    Ok(out)
}

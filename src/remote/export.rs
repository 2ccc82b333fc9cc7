//! Remote export: the quads of isnad's graphs read back from a remote store
//! (SPARQL SELECTs over `GRAPH ?g`, in pages: [`select_quads`]), sorted as the
//! embedded store's export sorts them, so the same serialisers write them. Reads the whole selection into
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
    // the server's own bookkeeping graphs (an `isnad serve` store keeps them) are
    // not data, as in a local export
    let mut left_out: Vec<&str> = crate::store::INTERNAL_GRAPHS.to_vec();
    if !with_reference {
        left_out.extend([ONTOLOGY_GRAPH, vocab::GAZETTEER_GRAPH]);
    }
    let not: String = left_out
        .iter()
        .map(|g| format!(" && ?g != <{g}>"))
        .collect();
    let filter = match graph {
        Some(g) => format!("VALUES ?g {{ <{g}> }}"),
        None => format!("FILTER(STRSTARTS(STR(?g), \"{}\"){not})", vocab::ID),
    };
    select_quads(remote, &format!("GRAPH ?g {{ ?s ?p ?o }} {filter}"))
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

/// Rows asked for in one request by [`select_quads`]: under Virtuoso's default cap
/// on the rows of one answer (`ResultSetMaxRows = 10000`), which it applies
/// silently.
pub const PAGE_ROWS: usize = 5000;

/// The quads of the distinct solutions of `pattern` (a group graph pattern binding
/// `?g ?s ?p ?o`), sorted, without duplicates. Servers cut long answers short
/// (Virtuoso at 10,000 rows, without saying so), so the solutions are counted
/// first and read in pages of at most [`PAGE_ROWS`], ordered in a sub-select
/// (Virtuoso refuses `ORDER BY` with an `OFFSET` past 10,000 in one query), each
/// page starting after the rows already received: a server with a lower cap is
/// read in smaller pages. An error, not a short answer, when the pages do not add
/// up to the count (the data changed meanwhile, or the server does not keep the
/// sub-select's order).
pub fn select_quads(remote: &Remote, pattern: &str) -> Result<Vec<Quad>, Error> {
    let total = count(
        remote,
        &format!("SELECT DISTINCT ?g ?s ?p ?o WHERE {{ {pattern} }}"),
    )?;
    let mut out = Vec::new();
    let (mut received, mut skipped) = (0, 0);
    while received < total {
        let q = format!(
            "SELECT ?g ?s ?p ?o WHERE {{ {{ SELECT DISTINCT ?g ?s ?p ?o WHERE {{ {pattern} }} \
             ORDER BY ?g ?s ?p ?o }} }} LIMIT {PAGE_ROWS} OFFSET {received}"
        );
        let before = received;
        if let QueryResults::Solutions(rows) = query(remote, &q)? {
            for row in rows {
                let row = row.map_err(|e| remote_error(&remote.endpoint, e.to_string()))?;
                received += 1;
                match quad_of(&row) {
                    Some(quad) => out.push(quad),
                    None => skipped += 1,
                }
            }
        }
        if received == before {
            break;
        }
    }
    out.sort_by_cached_key(|q| q.to_string());
    out.dedup();
    if received != total || out.len() + skipped != total {
        return Err(remote_error(
            &remote.endpoint,
            format!(
                "read {} distinct rows of the {total} the server counted, in pages of {PAGE_ROWS}: \
                 the answer changed while it was read, or the server does not keep a sub-select's order",
                out.len() + skipped
            ),
        ));
    }
    Ok(out)
}

/// The solutions of a `SELECT DISTINCT …` counted on the server.
fn count(remote: &Remote, select: &str) -> Result<usize, Error> {
    let q = format!("SELECT (COUNT(*) AS ?n) WHERE {{ {{ {select} }} }}");
    if let QueryResults::Solutions(mut rows) = query(remote, &q)? {
        if let Some(row) = rows.next() {
            let row = row.map_err(|e| remote_error(&remote.endpoint, e.to_string()))?;
            if let Some(Term::Literal(n)) = row.get("n") {
                if let Ok(n) = n.value().parse() {
                    return Ok(n);
                }
            }
        }
    }
    Err(remote_error(
        &remote.endpoint,
        "no count in the answer to a COUNT query",
    ))
}

/// The quad of a `?g ?s ?p ?o` row (none for a row that is not one: a literal
/// subject, an unbound or blank graph).
fn quad_of(row: &oxigraph::sparql::QuerySolution) -> Option<Quad> {
    let (Some(Term::NamedNode(g)), Some(s), Some(Term::NamedNode(p)), Some(o)) =
        (row.get("g"), row.get("s"), row.get("p"), row.get("o"))
    else {
        return None;
    };
    let s = match s {
        Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
        Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
        _ => return None,
    };
    Some(Quad::new(
        s,
        p.clone(),
        canonical(o),
        GraphName::NamedNode(g.clone()),
    ))
}

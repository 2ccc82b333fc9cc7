//! Remote query: a SPARQL query sent to a server with the SPARQL 1.1 Protocol,
//! with isnad's prefixes predeclared (a `PREFIX` line for each one the query does
//! not declare itself), the answer read back as the embedded store's
//! [`QueryResults`], so the same printer writes it.
//!
//! SELECT and ASK ask for SPARQL JSON results, CONSTRUCT and DESCRIBE for
//! N-Triples (the form is the query's first keyword after its prologue).

use super::{encode, remote_error, Remote};
use crate::vocab;
use crate::Error;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QueryTripleIter};

/// The query text with a `PREFIX` declaration for each of isnad's prefixes the
/// query does not declare itself.
pub fn with_prefixes(sparql: &str) -> String {
    let declared = regex::Regex::new(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:").expect("valid regex");
    let mine: Vec<String> = declared
        .captures_iter(sparql)
        .map(|c| c.get(1).map_or("", |m| m.as_str()).to_owned())
        .collect();
    let mut out = String::new();
    for (prefix, iri) in vocab::PREFIXES {
        if !mine.iter().any(|m| m == prefix) {
            out.push_str(&format!("PREFIX {prefix}: <{iri}>\n"));
        }
    }
    out.push_str(sparql);
    out
}

/// Whether the query returns a graph (CONSTRUCT, DESCRIBE) rather than solutions.
pub fn returns_graph(sparql: &str) -> bool {
    // comments, IRIs and strings out of the way, the first form keyword decides
    let noise = regex::Regex::new(r#"(?m)#[^\n]*$|<[^<>\s]*>|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"#)
        .expect("valid regex");
    let cleaned = noise.replace_all(sparql, " ");
    let form = regex::Regex::new(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b").expect("valid regex");
    form.captures(&cleaned).is_some_and(|c| {
        let k = c[1].to_ascii_uppercase();
        k == "CONSTRUCT" || k == "DESCRIBE"
    })
}

/// Evaluates a query on the server (its default graph: for Virtuoso and most
/// servers, the union of all graphs, like the embedded store's).
pub fn query(remote: &Remote, sparql: &str) -> Result<QueryResults<'static>, Error> {
    let text = with_prefixes(sparql);
    let graph = returns_graph(sparql);
    let accept = if graph {
        "application/n-triples, text/turtle;q=0.9"
    } else {
        "application/sparql-results+json"
    };
    let agent = remote.agent();
    let form = format!("query={}", encode(&text));
    let answer = remote
        .send(
            &agent,
            "POST",
            &remote.endpoint,
            &[
                (
                    "Content-Type",
                    "application/x-www-form-urlencoded; charset=utf-8",
                ),
                ("Accept", accept),
            ],
            form.as_bytes(),
        )
        .map_err(|e| remote_error(&remote.endpoint, e))?;
    if !answer.ok() {
        return Err(remote_error(&remote.endpoint, answer.describe()));
    }
    let bad = |e: String| remote_error(&remote.endpoint, format!("unreadable answer: {e}"));
    if graph {
        let format = if answer.content_type.contains("turtle") {
            RdfFormat::Turtle
        } else {
            RdfFormat::NTriples
        };
        let mut triples = Vec::new();
        for t in RdfParser::from_format(format).for_reader(answer.body.as_slice()) {
            let q = t.map_err(|e| bad(e.to_string()))?;
            triples.push(oxigraph::model::Triple::new(
                q.subject,
                q.predicate,
                q.object,
            ));
        }
        return Ok(QueryResults::Graph(QueryTripleIter::new(
            triples.into_iter().map(Ok::<_, QueryEvaluationError>),
        )));
    }
    let format = if answer.content_type.contains("xml") {
        QueryResultsFormat::Xml
    } else {
        QueryResultsFormat::Json
    };
    let parsed = QueryResultsParser::from_format(format)
        .for_reader(std::io::Cursor::new(answer.body))
        .map_err(|e| bad(e.to_string()))?;
    Ok(parsed.into())
}

/// `isnad explain --endpoint`: the embedded explain, reading the server.
impl crate::explain::Select for Remote {
    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, Error> {
        crate::query::solution_rows(query(self, sparql)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predeclares_only_the_prefixes_the_query_lacks() {
        let q = with_prefixes("PREFIX isn: <http://other/>\nSELECT * WHERE { ?s a isn:X }");
        assert!(!q.contains("PREFIX isn: <https://w3id.org"));
        assert!(q.contains("PREFIX prov: <"));
        assert!(q.ends_with("SELECT * WHERE { ?s a isn:X }"));
    }

    #[test]
    fn tells_graph_queries_from_selects() {
        assert!(returns_graph(
            "PREFIX a: <x:select>\n# SELECT\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        ));
        assert!(returns_graph("describe <x:y>"));
        assert!(!returns_graph(
            "SELECT ?s WHERE { ?s <x:construct> \"CONSTRUCT\" }"
        ));
        assert!(!returns_graph("ASK { }"));
    }
}

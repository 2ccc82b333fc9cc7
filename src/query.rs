//! Query output: SPARQL results written as an aligned table, CSV, TSV or SPARQL
//! 1.1 JSON; graphs (CONSTRUCT/DESCRIBE) as Turtle with isnad's prefixes.

use crate::vocab;
use crate::Error;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
}

/// A term as a reader wants it in a table: IRIs shortened with isnad's prefixes,
/// literals as their plain value.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => compact_iri(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

pub use crate::vocab::compact_iri;

/// The rows of a SELECT's results, each a vector of optional terms in projection
/// order (no rows for a graph or a boolean).
pub fn solution_rows(results: QueryResults<'_>) -> Result<Vec<Vec<Option<Term>>>, Error> {
    let QueryResults::Solutions(solutions) = results else {
        return Ok(Vec::new());
    };
    let variables: Vec<_> = solutions.variables().to_vec();
    let mut rows = Vec::new();
    for s in solutions {
        let s = s?;
        rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
    }
    Ok(rows)
}

fn io(e: std::io::Error) -> Error {
    Error::Serialization(e)
}

/// Writes query results; returns the number of rows (or triples) written.
pub fn write_results(
    results: QueryResults<'_>,
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<usize, Error> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables: Vec<_> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s?;
                rows.push(
                    variables
                        .iter()
                        .map(|v| s.get(v).cloned())
                        .collect::<Vec<_>>(),
                );
            }
            let n = rows.len();
            if format == ResultFormat::Table {
                let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|t| t.as_ref().map(display_term).unwrap_or_default())
                            .collect()
                    })
                    .collect();
                write_table(&header, &cells, out).map_err(io)?;
                return Ok(n);
            }
            let f = match format {
                ResultFormat::Csv => QueryResultsFormat::Csv,
                ResultFormat::Tsv => QueryResultsFormat::Tsv,
                _ => QueryResultsFormat::Json,
            };
            let mut w = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut *out, variables.clone())
                .map_err(io)?;
            for row in &rows {
                w.serialize(
                    variables
                        .iter()
                        .zip(row)
                        .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
                )
                .map_err(io)?;
            }
            w.finish().map_err(io)?;
            Ok(n)
        }
        QueryResults::Boolean(b) => {
            match format {
                ResultFormat::Table => writeln!(out, "{b}").map_err(io)?,
                ResultFormat::Csv | ResultFormat::Tsv | ResultFormat::Json => {
                    let f = match format {
                        ResultFormat::Csv => QueryResultsFormat::Csv,
                        ResultFormat::Tsv => QueryResultsFormat::Tsv,
                        _ => QueryResultsFormat::Json,
                    };
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut *out, b)
                        .map_err(io)?;
                }
            }
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
            for (prefix, iri) in vocab::PREFIXES {
                serializer = serializer
                    .with_prefix(*prefix, *iri)
                    .expect("valid prefix IRIs");
            }
            let mut w = serializer.for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                w.serialize_triple(&t?).map_err(io)?;
                n += 1;
            }
            w.finish().map_err(io)?;
            Ok(n)
        }
    }
}

/// An aligned text table; widths count characters, not bytes.
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(clean(c).chars().count().min(80));
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let mut c = clean(c);
            if c.chars().count() > 80 {
                c = c.chars().take(79).collect::<String>() + "…";
            }
            let pad = w.saturating_sub(c.chars().count());
            if i > 0 {
                s.push_str(" | ");
            }
            s.push_str(&c);
            s.push_str(&" ".repeat(pad));
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, header)?;
    let sep: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", sep.join("-+-"))?;
    for r in rows {
        line(out, r)?;
    }
    Ok(())
}

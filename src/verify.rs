//! Self-checks of the output contract on one article's quads, for the property
//! tests and the fuzz targets (and anyone who wants to check an extraction).
//!
//! [`check_article_quads`] verifies what must hold whatever the input:
//! * every resource with `isn:quote` has `isn:start`/`isn:end`, Unicode-char
//!   offsets inside the article text that cut exactly the quote;
//! * every `isn:mentionedAs` and `isn:trigger` value occurs in the article text;
//! * the article node's `isn:text` is the article text, exactly;
//! * every quad lies in the article's graph (named by its IRI);
//! * the quads survive N-Quads and TriG: serialised and parsed back, the same set.
//!
//! Violations come back as one line each; an empty list means all is well.

use crate::article::Article;
use crate::export::{self, ExportFormat};
use crate::vocab::{isn, local};
use oxrdf::{GraphName, Quad, Term};
use oxrdfio::{RdfFormat, RdfParser};
use std::collections::{BTreeMap, HashSet};

/// The violations of the output contract in `quads`, the graph of `article`.
pub fn check_article_quads(article: &Article, quads: &[Quad]) -> Vec<String> {
    let mut problems = Vec::new();
    let chars: Vec<char> = article.text.chars().collect();
    let graph = article.iri();
    let (quote, start, end) = (isn(local::QUOTE), isn(local::START), isn(local::END));
    let in_text = [isn(local::MENTIONED_AS), isn(local::TRIGGER)];
    let text_p = isn(local::TEXT);
    let texts: Vec<&str> = quads
        .iter()
        .filter(|q| q.predicate.as_str() == text_p && q.subject.to_string() == format!("<{graph}>"))
        .filter_map(|q| match &q.object {
            Term::Literal(l) => Some(l.value()),
            _ => None,
        })
        .collect();
    if texts != [article.text.as_str()] {
        problems.push(format!(
            "the article node has {} isn:text values, not the article text once",
            texts.len()
        ));
    }
    let mut evidence: BTreeMap<String, [Option<String>; 3]> = BTreeMap::new();
    for q in quads {
        match &q.graph_name {
            GraphName::NamedNode(g) if g.as_str() == graph => {}
            other => problems.push(format!("quad outside the article graph: {other}")),
        }
        let Term::Literal(l) = &q.object else {
            continue;
        };
        let p = q.predicate.as_str();
        let slot = if p == quote {
            0
        } else if p == start {
            1
        } else if p == end {
            2
        } else {
            if in_text.iter().any(|t| t == p) && !article.text.contains(l.value()) {
                problems.push(format!("{p} value {:?} is not in the text", l.value()));
            }
            continue;
        };
        evidence.entry(q.subject.to_string()).or_default()[slot] = Some(l.value().to_owned());
    }
    for (subject, [q, s, e]) in &evidence {
        let (Some(q), Some(s), Some(e)) = (q, s, e) else {
            problems.push(format!(
                "{subject}: incomplete evidence (quote, start, end)"
            ));
            continue;
        };
        let (Ok(s), Ok(e)) = (s.parse::<usize>(), e.parse::<usize>()) else {
            problems.push(format!("{subject}: offsets are not numbers"));
            continue;
        };
        if s > e || e > chars.len() {
            problems.push(format!(
                "{subject}: offsets {s}..{e} outside the text ({} chars)",
                chars.len()
            ));
            continue;
        }
        let slice: String = chars[s..e].iter().collect();
        if slice != *q {
            problems.push(format!(
                "{subject}: offsets {s}..{e} give {slice:?}, not the quote {q:?}"
            ));
        }
    }
    let expected: HashSet<&Quad> = quads.iter().collect();
    for (format, parse_as) in [
        (ExportFormat::NQuads, RdfFormat::NQuads),
        (ExportFormat::TriG, RdfFormat::TriG),
    ] {
        let mut bytes = Vec::new();
        if let Err(e) = export::write_rdf(quads, format, &mut bytes) {
            problems.push(format!("{format:?} serialisation failed: {e}"));
            continue;
        }
        match RdfParser::from_format(parse_as)
            .for_reader(bytes.as_slice())
            .collect::<Result<Vec<Quad>, _>>()
        {
            Ok(back) => {
                let back: HashSet<&Quad> = back.iter().collect();
                if back != expected {
                    problems.push(format!("{format:?} does not round-trip"));
                }
            }
            Err(e) => problems.push(format!("{format:?} output does not parse: {e}")),
        }
    }
    problems
}

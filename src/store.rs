//! Store: the embedded Oxigraph dataset isnad writes to and reads from.
//!
//! Layout: one named graph per article, named by the article IRI; the ontology and
//! the gazetteer each in a graph of their own (reloaded by every ingest, so the
//! store always holds the knowledge the extraction used). Queries see the union of
//! all graphs as their default graph.
//!
//! Invariants: an article's graph is replaced in one transaction (old triples
//! removed and new ones inserted together), so a reader or a crash never sees half
//! an article; re-ingesting identical content (same `isn:sha256`) writes nothing.

use crate::lexicon::{GAZETTEER_TTL, LEXICON_TTL, ONTOLOGY_TTL};
use crate::vocab::{self, local};
use crate::Error;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, QuadRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::path::Path;

/// The graph holding the ontology and lexicon terms.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/isnad/id/graph/ontology";

/// What happened to one article on ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    Added,
    Replaced,
    Unchanged,
}

pub struct Store {
    inner: oxigraph::store::Store,
}

impl Store {
    /// Opens (or creates) an on-disk store.
    pub fn open(path: &Path) -> Result<Store, Error> {
        Ok(Store {
            inner: oxigraph::store::Store::open(path)?,
        })
    }

    /// Opens an existing on-disk store for reading only.
    pub fn open_read_only(path: &Path) -> Result<Store, Error> {
        if !path.exists() {
            return Err(Error::Input {
                path: path.display().to_string(),
                reason: "no store here (run `isnad ingest` first, or pass --store)".into(),
            });
        }
        Ok(Store {
            inner: oxigraph::store::Store::open_read_only(path)?,
        })
    }

    /// A throwaway in-memory store.
    pub fn in_memory() -> Result<Store, Error> {
        Ok(Store {
            inner: oxigraph::store::Store::new()?,
        })
    }

    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    /// (Re)loads the ontology, lexicon and gazetteer graphs, plus extra gazetteer documents.
    pub fn load_reference_graphs(&self, extra: &[(String, String)]) -> Result<(), Error> {
        let ontology = NamedNodeRef::new_unchecked(ONTOLOGY_GRAPH);
        let gazetteer = NamedNodeRef::new_unchecked(vocab::GAZETTEER_GRAPH);
        let mut docs: Vec<(&str, &str, NamedNodeRef<'_>)> = vec![
            ("ontology/isnad.ttl", ONTOLOGY_TTL, ontology),
            ("ontology/lexicon.ttl", LEXICON_TTL, ontology),
            ("ontology/gazetteer.ttl", GAZETTEER_TTL, gazetteer),
        ];
        for (name, ttl) in extra {
            docs.push((name, ttl, gazetteer));
        }
        let mut quads = Vec::new();
        for (name, ttl, graph) in docs {
            for q in RdfParser::from_format(RdfFormat::Turtle)
                .without_named_graphs()
                .with_default_graph(graph)
                .for_reader(ttl.as_bytes())
            {
                quads.push(q.map_err(|e| Error::Input {
                    path: name.to_owned(),
                    reason: format!("invalid Turtle: {e}"),
                })?);
            }
        }
        let mut tx = self.inner.start_transaction()?;
        tx.clear_graph(ontology)?;
        tx.clear_graph(gazetteer)?;
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(())
    }

    /// Stores an article's graph, replacing any earlier version in one transaction.
    pub fn put_article(
        &self,
        article_iri: &str,
        sha256: &str,
        quads: &[Quad],
    ) -> Result<Put, Error> {
        let graph = NamedNodeRef::new_unchecked(article_iri);
        let sha_property = NamedNode::new_unchecked(vocab::isn(local::SHA256));
        let sha_value = Literal::new_simple_literal(sha256);
        let hash = QuadRef::new(
            graph,
            sha_property.as_ref(),
            &sha_value,
            GraphNameRef::NamedNode(graph),
        );
        let mut tx = self.inner.start_transaction()?;
        if tx.contains(hash)? {
            return Ok(Put::Unchanged);
        }
        let existed = tx.contains_named_graph(graph)?;
        if existed {
            tx.clear_graph(graph)?;
        }
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(if existed { Put::Replaced } else { Put::Added })
    }

    /// Evaluates a SPARQL query over the union of all graphs, with isnad's prefixes predeclared.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, Error> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in vocab::PREFIXES {
            evaluator = evaluator
                .with_prefix(*prefix, *iri)
                .expect("isnad's prefixes are valid IRIs");
        }
        let mut prepared = evaluator.parse_query(sparql)?;
        prepared.dataset_mut().set_default_graph_as_union();
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Every quad, or those of one graph, in a stable order.
    pub fn quads(&self, graph: Option<&str>) -> Result<Vec<Quad>, Error> {
        let mut out = match graph {
            Some(g) => self
                .inner
                .quads_for_pattern(
                    None,
                    None,
                    None,
                    Some(NamedNodeRef::new_unchecked(g).into()),
                )
                .collect::<Result<Vec<_>, _>>()?,
            None => self.inner.iter().collect::<Result<Vec<_>, _>>()?,
        };
        out.sort_by_cached_key(|q| q.to_string());
        Ok(out)
    }

    pub fn len(&self) -> Result<usize, Error> {
        Ok(self.inner.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, Error> {
        Ok(self.inner.is_empty()?)
    }

    /// The IRI of the article with this identifier (schema:identifier), if stored.
    pub fn article_iri(&self, id: &str) -> Result<Option<String>, Error> {
        let q = format!(
            "SELECT ?a WHERE {{ GRAPH ?a {{ ?a a isn:Article ; schema:identifier {} }} }} LIMIT 1",
            Literal::new_simple_literal(id)
        );
        if let QueryResults::Solutions(mut rows) = self.query(&q)? {
            if let Some(row) = rows.next() {
                if let Some(oxigraph::model::Term::NamedNode(n)) = row?.get("a") {
                    return Ok(Some(n.as_str().to_owned()));
                }
            }
        }
        Ok(None)
    }

    /// Makes sure everything is written to disk.
    pub fn flush(&self) -> Result<(), Error> {
        Ok(self.inner.flush()?)
    }
}

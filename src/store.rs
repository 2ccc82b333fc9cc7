//! Store: the embedded Oxigraph dataset isnad writes to and reads from.
//!
//! Layout: one named graph per article, named by the article IRI; the ontology and
//! the gazetteer each in a graph of their own (reloaded by every ingest, so the
//! store always holds the knowledge the extraction used). Queries see the union of
//! all graphs as their default graph.
//!
//! The events graph is derived: [`Store::refresh_events`] recomputes it from all the
//! article graphs after every change, so it never depends on the order of ingestion.
//!
//! Invariants: an article's graph is replaced in one transaction (old triples
//! removed and new ones inserted together), so a reader or a crash never sees half
//! an article; re-ingesting identical content (same `isn:sha256`) writes nothing.

use crate::lexicon::{GAZETTEER_TTL, LEXICON_TTL, ONTOLOGY_TTL};
use crate::merge::{self, EventReport};
use crate::vocab::{self, local};
use crate::Error;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, NamedOrBlankNode, Term};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, QuadRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The graph holding the ontology and lexicon terms.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/isnad/id/graph/ontology";

/// The derived graph of real-world events merged across articles (see [`crate::merge`]).
pub const EVENTS_GRAPH: &str = "https://w3id.org/isnad/id/graph/events";

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

    /// Recomputes the merged-events graph from every article's event reports, in one
    /// transaction. Returns the number of merged events.
    pub fn refresh_events(&self) -> Result<usize, Error> {
        let rows = self.select(
            "SELECT ?e ?g ?class ?place ?date WHERE { GRAPH ?g { ?g a isn:Article . \
             ?e prov:wasDerivedFrom ?g ; isn:trigger ?t ; a ?class . \
             OPTIONAL { ?e isn:place ?place } OPTIONAL { ?e isn:date ?date } } }",
        )?;
        let mut reports: Vec<EventReport> = rows
            .into_iter()
            .filter_map(|r| {
                Some(EventReport {
                    iri: iri_of(r.first()?.as_ref()?)?,
                    article: iri_of(r.get(1)?.as_ref()?)?,
                    class: iri_of(r.get(2)?.as_ref()?)?,
                    place: r.get(3)?.as_ref().and_then(iri_of),
                    date: r.get(4)?.as_ref().and_then(|t| match t {
                        Term::Literal(l) => Some(l.value().to_owned()),
                        _ => None,
                    }),
                })
            })
            .collect();
        reports.sort();
        reports.dedup_by(|a, b| a.iri == b.iri);
        let mut contains: HashMap<String, HashSet<String>> = HashMap::new();
        for r in self.select("SELECT DISTINCT ?a ?b WHERE { ?a isn:locatedIn+ ?b }")? {
            if let (Some(Some(a)), Some(Some(b))) = (r.first(), r.get(1)) {
                if let (Some(a), Some(b)) = (iri_of(a), iri_of(b)) {
                    contains.entry(a).or_default().insert(b);
                }
            }
        }
        // a country is too large to tell one happening from another: being in the same
        // country does not make two reports one event
        let mut countries: HashSet<String> = HashSet::new();
        for r in self.select("SELECT DISTINCT ?p WHERE { ?p a isn:Country }")? {
            if let Some(Some(p)) = r.first() {
                countries.extend(iri_of(p));
            }
        }
        let merged = merge::consolidate(&reports, |a, b| {
            !countries.contains(b) && contains.get(a).is_some_and(|s| s.contains(b))
        });
        let graph = GraphName::NamedNode(NamedNode::new_unchecked(EVENTS_GRAPH));
        let mut quads = Vec::new();
        let mut add = |s: &str, p: &str, o: Term| {
            quads.push(Quad::new(
                NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(s)),
                NamedNode::new_unchecked(p),
                o,
                graph.clone(),
            ))
        };
        let node = |iri: &str| Term::NamedNode(NamedNode::new_unchecked(iri));
        for m in &merged {
            add(&m.iri, vocab::RDF_TYPE, node(&m.class));
            if let Some(p) = &m.place {
                add(&m.iri, &vocab::isn(local::PLACE_P), node(p));
            }
            if let Some(d) = &m.date {
                let (datatype, precision) = match d.len() {
                    4 => (xsd::G_YEAR, local::YEAR_PRECISION),
                    7 => (xsd::G_YEAR_MONTH, local::MONTH_PRECISION),
                    _ => (xsd::DATE, local::DAY_PRECISION),
                };
                add(
                    &m.iri,
                    &vocab::isn(local::DATE),
                    Literal::new_typed_literal(d, datatype).into(),
                );
                add(
                    &m.iri,
                    &vocab::isn(local::DATE_PRECISION_P),
                    node(&vocab::isn(precision)),
                );
            }
            for a in &m.articles {
                add(&m.iri, vocab::PROV_WAS_DERIVED_FROM, node(a));
            }
            add(
                &m.iri,
                &vocab::isn(local::MERGE_REASON),
                Literal::new_simple_literal(&m.reason).into(),
            );
            for &r in &m.reports {
                add(&reports[r].iri, vocab::OWL_SAME_AS, node(&m.iri));
            }
        }
        let events = NamedNodeRef::new_unchecked(EVENTS_GRAPH);
        let mut tx = self.inner.start_transaction()?;
        tx.clear_graph(events)?;
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(merged.len())
    }

    /// Rows of a SELECT query, each a vector of optional terms in projection order.
    pub fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, Error> {
        let QueryResults::Solutions(solutions) = self.query(sparql)? else {
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

fn iri_of(t: &Term) -> Option<String> {
    match t {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

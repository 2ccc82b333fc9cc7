//! Store: the embedded Oxigraph dataset isnad writes to and reads from.
//!
//! Layout: one named graph per article, named by the article IRI; the ontology and
//! the gazetteer each in a graph of their own (reloaded by every ingest, so the
//! store always holds the knowledge the extraction used; their blank nodes get
//! labels fixed by the order they appear in, so reloading writes the same quads). Queries see the union of
//! all graphs as their default graph.
//!
//! The events, figures and stats graphs are derived ([`crate::derived`]): every
//! write to an article leaves a marker, and [`Store::refresh_derived`] recomputes
//! what the marked articles touch, so the derived graphs never depend on the
//! order of ingestion and cost what changed, not the archive.
//!
//! Invariants: an article's graph is written in one atomic step: a new one through
//! Oxigraph's bulk loader (its files are ingested all at once), a changed one in a
//! transaction (old triples removed and new ones inserted together), so a reader
//! or a crash never sees half an article; re-ingesting identical content (same
//! `isn:sha256`) writes nothing.
//!
//! One writer at a time: [`Store::open`] takes an exclusive OS lock (`flock`) on
//! `isnad.lock` in the store directory and writes its PID there; a second writer
//! gets [`Error::StoreInUse`] with that PID. The OS drops the lock when the
//! process ends, however it ends, so a lock file left by a killed process never
//! blocks the next run. Readers ([`Store::open_read_only`]) take no lock: they
//! open RocksDB read-only and see the articles committed when they opened.

use crate::derived;
use crate::extract::lexicon::{GAZETTEER_TTL, GEONAMES_TTL, LEXICON_TTL, ONTOLOGY_TTL};
use crate::vocab::{self, local};
use crate::Error;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    BlankNode, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::Path;

/// The lock file in the store directory.
pub const LOCK_FILE: &str = "isnad.lock";

/// The graph holding the ontology and lexicon terms.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/isnad/id/graph/ontology";

pub use crate::derived::{
    is_internal_graph, DERIVED_GRAPHS, EVENTS_GRAPH, FIGURES_GRAPH, INTERNAL_GRAPHS,
    MERGE_INPUT_GRAPH, PENDING_GRAPH, STATS_GRAPH,
};

/// What happened to one article on ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    Added,
    Replaced,
    Unchanged,
}

/// One article's graph to store: its IRI (the graph's name), the hash of its
/// text and its quads (which include that hash).
#[derive(Debug, Clone, Copy)]
pub struct ArticleGraph<'a> {
    pub iri: &'a str,
    pub sha256: &'a str,
    pub quads: &'a [Quad],
}

pub struct Store {
    inner: oxigraph::store::Store,
    /// Held (locked) for as long as the store is open for writing.
    _lock: Option<File>,
}

/// Takes the store's write lock, or says who holds it.
fn lock(dir: &Path) -> Result<File, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(LOCK_FILE);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => {
            let pid = std::process::id();
            file.set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| writeln!(file, "{pid}"))
                .and_then(|()| file.flush())
                .map_err(|e| Error::io(&path, e))?;
            Ok(file)
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let pid = file
                .read_to_string(&mut text)
                .ok()
                .and_then(|_| text.trim().parse().ok());
            Err(Error::StoreInUse {
                path: dir.to_owned(),
                pid,
            })
        }
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
    }
}

impl Store {
    /// Opens (or creates) an on-disk store for writing; fails with
    /// [`Error::StoreInUse`] while another process has it open for writing.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let lock = lock(path)?;
        Ok(Store {
            inner: oxigraph::store::Store::open(path)?,
            _lock: Some(lock),
        })
    }

    /// Opens an existing on-disk store for reading only. Works while another
    /// process writes to it (an ingest): the reader sees what was committed when
    /// it opened. Opening races with the writer's file rotations, so a failed
    /// open is retried a few times.
    pub fn open_read_only(path: &Path) -> Result<Store, Error> {
        if !path.exists() {
            return Err(Error::Input {
                path: path.display().to_string(),
                reason: "no store here (run `isnad ingest` first, or pass --store)".into(),
            });
        }
        let mut attempt = 0;
        loop {
            match oxigraph::store::Store::open_read_only(path) {
                Ok(inner) => return Ok(Store { inner, _lock: None }),
                Err(_) if attempt < 5 => {
                    attempt += 1;
                    // back off a little: the writer is renaming or creating files
                    std::thread::sleep(std::time::Duration::from_millis(20 << attempt));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// A throwaway in-memory store.
    pub fn in_memory() -> Result<Store, Error> {
        Ok(Store {
            inner: oxigraph::store::Store::new()?,
            _lock: None,
        })
    }

    /// Checks the store's internal invariants (indexes agree with each other).
    pub fn validate(&self) -> Result<(), Error> {
        Ok(self.inner.validate()?)
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
            ("ontology/geonames.ttl", GEONAMES_TTL, gazetteer),
        ];
        for (name, ttl) in extra {
            docs.push((name, ttl, gazetteer));
        }
        let mut quads = Vec::new();
        for (doc, (name, ttl, graph)) in docs.into_iter().enumerate() {
            // The parser names blank nodes at random; rename them by order of
            // appearance so that every load writes the same quads (a re-run
            // then leaves the store exactly as it was).
            let mut blank: HashMap<BlankNode, BlankNode> = HashMap::new();
            let mut rename = |b: &BlankNode| -> BlankNode {
                let n = blank.len();
                blank
                    .entry(b.clone())
                    .or_insert_with(|| BlankNode::new_unchecked(format!("ref{doc}x{n}")))
                    .clone()
            };
            for q in RdfParser::from_format(RdfFormat::Turtle)
                .without_named_graphs()
                .with_default_graph(graph)
                .for_reader(ttl.as_bytes())
            {
                let mut q = q.map_err(|e| Error::Input {
                    path: name.to_owned(),
                    reason: format!("invalid Turtle: {e}"),
                })?;
                if let NamedOrBlankNode::BlankNode(b) = &q.subject {
                    q.subject = rename(b).into();
                }
                if let Term::BlankNode(b) = &q.object {
                    q.object = rename(b).into();
                }
                quads.push(q);
            }
        }
        // Only the difference is written: every ingest opens with this load, and
        // the reference graphs (some ten thousand quads) are almost always as the
        // last run left them, so rewriting them cost more than the ingest of one
        // article.
        let mut wanted: HashSet<Quad> = quads.into_iter().collect();
        let mut stale = Vec::new();
        for graph in [ontology, gazetteer] {
            for q in self
                .inner
                .quads_for_pattern(None, None, None, Some(graph.into()))
            {
                let q = q?;
                if !wanted.remove(&q) {
                    stale.push(q);
                }
            }
        }
        if stale.is_empty() && wanted.is_empty() {
            return Ok(());
        }
        let mut tx = self.inner.start_transaction()?;
        for q in &stale {
            tx.remove(q);
        }
        tx.extend(wanted.iter());
        tx.commit()?;
        Ok(())
    }

    /// Stores several articles' graphs, each replacing any earlier version of it;
    /// one [`Put`] per article, in order. An article whose stored hash is
    /// `sha256` is left as it is.
    ///
    /// Articles new to the store go through Oxigraph's bulk loader, which writes
    /// sorted files and ingests them in one atomic step (all of them or none: a
    /// crash leaves no part of them), several times faster than a transaction.
    /// Articles already stored under another hash are replaced in one
    /// transaction (old graph cleared, new one inserted), committed first.
    pub fn put_articles(&self, articles: &[ArticleGraph<'_>]) -> Result<Vec<Put>, Error> {
        let sha_property = NamedNode::new_unchecked(vocab::isn(local::SHA256));
        let mut puts = Vec::with_capacity(articles.len());
        for a in articles {
            let graph = NamedNodeRef::new_unchecked(a.iri);
            let sha_value = Literal::new_simple_literal(a.sha256);
            let hash = QuadRef::new(
                graph,
                sha_property.as_ref(),
                &sha_value,
                GraphNameRef::NamedNode(graph),
            );
            puts.push(if self.inner.contains(hash)? {
                Put::Unchanged
            } else if self.inner.contains_named_graph(graph)? {
                Put::Replaced
            } else {
                Put::Added
            });
        }
        let of = |put: Put| {
            articles
                .iter()
                .zip(&puts)
                .filter(move |(_, p)| **p == put)
                .map(|(a, _)| a)
        };
        // each written article leaves a marker for the derived graphs' refresh, in
        // the same atomic step (with its mentions as they were counted, if replaced)
        if of(Put::Replaced).next().is_some() {
            let mut marks = Vec::new();
            for a in of(Put::Replaced) {
                marks.extend(derived::marks(&self.inner, a.iri, true)?);
            }
            let mut tx = self.inner.start_transaction()?;
            for a in of(Put::Replaced) {
                tx.clear_graph(NamedNodeRef::new_unchecked(a.iri))?;
                tx.extend(a.quads.iter());
            }
            tx.extend(marks.iter());
            tx.commit()?;
        }
        if of(Put::Added).next().is_some() {
            let mut marks = Vec::new();
            for a in of(Put::Added) {
                marks.extend(derived::marks(&self.inner, a.iri, false)?);
            }
            let mut loader = self.inner.bulk_loader();
            loader.load_quads(
                of(Put::Added)
                    .flat_map(|a| a.quads.iter().cloned())
                    .chain(marks),
            )?;
            loader.commit()?;
        }
        Ok(puts)
    }

    /// Brings the derived graphs (merged events, figure groups, counts) up to date
    /// with the articles written since the last refresh, at their cost (see
    /// [`crate::derived`]); rebuilds them if they are missing or outdated.
    pub fn refresh_derived(&self) -> Result<derived::Refreshed, Error> {
        derived::refresh(&self.inner)
    }

    /// Recomputes every derived graph from the article graphs: after writes that
    /// left no markers (SPARQL Update, the Graph Store Protocol).
    pub fn rebuild_derived(&self) -> Result<derived::Refreshed, Error> {
        derived::rebuild(&self.inner)
    }

    /// Rows of a SELECT query, each a vector of optional terms in projection order.
    pub fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, Error> {
        crate::query::solution_rows(self.query(sparql)?)
    }

    /// Deletes an article: its named graph and everything in it. Returns
    /// whether there was such an article. One transaction.
    ///
    /// This is the one place an article leaves the store; the derived graphs are
    /// refreshed without it (the removal leaves a marker in the same transaction,
    /// so a crash before the refresh is made good by the next one).
    pub fn remove_article(&self, article_iri: &str) -> Result<bool, Error> {
        let graph = NamedNodeRef::new_unchecked(article_iri);
        if !self.inner.contains_named_graph(graph)? {
            return Ok(false);
        }
        let marks = derived::marks(&self.inner, article_iri, true)?;
        let mut tx = self.inner.start_transaction()?;
        tx.remove_named_graph(graph)?;
        tx.extend(marks.iter());
        tx.commit()?;
        self.refresh_derived()?;
        Ok(true)
    }

    /// The IRI of a stored article named by its identifier (`schema:identifier`)
    /// or by its IRI.
    pub fn resolve_article(&self, id_or_iri: &str) -> Result<Option<String>, Error> {
        if let Some(iri) = self.article_iri(id_or_iri)? {
            return Ok(Some(iri));
        }
        if let Ok(node) = NamedNodeRef::new(id_or_iri) {
            let class = NamedNode::new_unchecked(vocab::isn(local::ARTICLE));
            let article = QuadRef::new(
                node,
                oxigraph::model::vocab::rdf::TYPE,
                class.as_ref(),
                GraphNameRef::NamedNode(node),
            );
            if self.inner.contains(article)? {
                return Ok(Some(id_or_iri.to_owned()));
            }
        }
        Ok(None)
    }

    /// Evaluates a SPARQL query over the union of all graphs, with isnad's prefixes predeclared.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, Error> {
        let mut prepared = evaluator().parse_query(sparql)?;
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

    /// Compacts the on-disk store (Oxigraph's `optimize`: RocksDB's full
    /// compaction). After a large bulk of writes the files RocksDB has not merged
    /// yet make every index lookup read several of them: on the 10k benchmark
    /// store, queries answered 5–10× faster after it (12 s of compaction).
    pub fn compact(&self) -> Result<(), Error> {
        Ok(self.inner.optimize()?)
    }

    /// Makes sure everything is written to disk.
    pub fn flush(&self) -> Result<(), Error> {
        Ok(self.inner.flush()?)
    }
}

/// A SPARQL evaluator with isnad's prefixes predeclared (what [`Store::query`]
/// and `isnad serve` parse queries with).
pub fn evaluator() -> SparqlEvaluator {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in vocab::PREFIXES {
        evaluator = evaluator
            .with_prefix(*prefix, *iri)
            .expect("isnad's prefixes are valid IRIs");
    }
    evaluator
}

//! Store: the embedded Oxigraph dataset isnad writes to and reads from.
//!
//! Layout: one named graph per article, named by the article IRI; the ontology and
//! the gazetteer each in a graph of their own (reloaded by every ingest, so the
//! store always holds the knowledge the extraction used; their blank nodes get
//! labels fixed by the order they appear in, so reloading writes the same quads). Queries see the union of
//! all graphs as their default graph.
//!
//! The events graph is derived: [`Store::refresh_events`] recomputes it from all the
//! article graphs after every change, so it never depends on the order of ingestion.
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

use crate::extract::lexicon::{GAZETTEER_TTL, GEONAMES_TTL, LEXICON_TTL, ONTOLOGY_TTL};
use crate::merge::{self, EventReport};
use crate::vocab::{self, local};
use crate::Error;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad,
    QuadRef, Term,
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

/// The derived graph of real-world events merged across articles (see [`crate::merge`]).
pub const EVENTS_GRAPH: &str = "https://w3id.org/isnad/id/graph/events";

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
        let mut tx = self.inner.start_transaction()?;
        tx.clear_graph(ontology)?;
        tx.clear_graph(gazetteer)?;
        tx.extend(quads.iter());
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
        if of(Put::Replaced).next().is_some() {
            let mut tx = self.inner.start_transaction()?;
            for a in of(Put::Replaced) {
                tx.clear_graph(NamedNodeRef::new_unchecked(a.iri))?;
                tx.extend(a.quads.iter());
            }
            tx.commit()?;
        }
        if of(Put::Added).next().is_some() {
            let mut loader = self.inner.bulk_loader();
            loader.load_quads(of(Put::Added).flat_map(|a| a.quads.iter().cloned()))?;
            loader.commit()?;
        }
        Ok(puts)
    }

    /// Recomputes the merged-events graph from every article's event reports, in one
    /// transaction. Returns the number of merged events.
    pub fn refresh_events(&self) -> Result<usize, Error> {
        // read through the indexes directly, not SPARQL: this runs after every
        // ingest over every report of the archive
        let node = |iri: &str| NamedNode::new_unchecked(iri);
        let rdf_type = node(vocab::RDF_TYPE);
        let trigger = node(&vocab::isn(local::TRIGGER));
        let derived = node(vocab::PROV_WAS_DERIVED_FROM);
        let place_p = node(&vocab::isn(local::PLACE_P));
        let date_p = node(&vocab::isn(local::DATE));
        let article_class = node(&vocab::isn(local::ARTICLE));
        let iri = |t: &Term| iri_of(t);
        // the smallest object of (s, p, ?, g), as text: one choice whatever the store order
        let least = |s: &NamedOrBlankNode,
                     p: &NamedNode,
                     g: &GraphName,
                     text: &dyn Fn(&Term) -> Option<String>|
         -> Result<Option<String>, Error> {
            let mut best: Option<String> = None;
            for q in self.inner.quads_for_pattern(
                Some(s.as_ref()),
                Some(p.as_ref()),
                None,
                Some(g.as_ref()),
            ) {
                if let Some(v) = text(&q?.object) {
                    if best.as_ref().is_none_or(|b| v < *b) {
                        best = Some(v);
                    }
                }
            }
            Ok(best)
        };
        let published_p = node(vocab::SCHEMA_DATE_PUBLISHED);
        let agent_p = node(&vocab::isn(local::AGENT));
        let target_p = node(&vocab::isn(local::TARGET));
        let mut is_article: HashMap<GraphName, bool> = HashMap::new();
        let mut published_of: HashMap<GraphName, Option<String>> = HashMap::new();
        let mut reports: Vec<EventReport> = Vec::new();
        for q in self
            .inner
            .quads_for_pattern(None, Some(trigger.as_ref()), None, None)
        {
            let q = q?;
            let (NamedOrBlankNode::NamedNode(e), GraphName::NamedNode(g)) =
                (&q.subject, &q.graph_name)
            else {
                continue;
            };
            let graph = q.graph_name.clone();
            let article = match is_article.get(&graph) {
                Some(&known) => known,
                None => {
                    let known =
                        self.inner
                            .contains(QuadRef::new(g, &rdf_type, &article_class, &graph))?;
                    is_article.insert(graph.clone(), known);
                    known
                }
            };
            if !article || !self.inner.contains(QuadRef::new(e, &derived, g, &graph))? {
                continue;
            }
            let subject = q.subject.clone();
            let Some(class) = least(&subject, &rdf_type, &graph, &iri)? else {
                continue;
            };
            let published = match published_of.get(&graph) {
                Some(p) => p.clone(),
                None => {
                    let p = least(
                        &NamedOrBlankNode::NamedNode(g.clone()),
                        &published_p,
                        &graph,
                        &|t| match t {
                            Term::Literal(l) => Some(l.value().to_owned()),
                            _ => None,
                        },
                    )?;
                    published_of.insert(graph.clone(), p.clone());
                    p
                }
            };
            let mut actors = [Vec::new(), Vec::new()];
            for (p, out) in [&agent_p, &target_p].into_iter().zip(&mut actors) {
                for a in self.inner.quads_for_pattern(
                    Some(subject.as_ref()),
                    Some(p.as_ref()),
                    None,
                    Some(graph.as_ref()),
                ) {
                    if let Term::NamedNode(a) = a?.object {
                        out.push(a.into_string());
                    }
                }
            }
            let [agents, targets] = actors;
            reports.push(EventReport {
                iri: e.as_str().to_owned(),
                article: g.as_str().to_owned(),
                class,
                place: least(&subject, &place_p, &graph, &iri)?,
                date: least(&subject, &date_p, &graph, &|t| match t {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                })?,
                published,
                agents,
                targets,
                ..EventReport::default()
            });
        }
        reports.sort();
        reports.dedup_by(|a, b| a.iri == b.iri);
        // what the gazetteer knows: its places are one place each wherever they
        // are named, and its actors are the ones told apart reliably
        let gazetteer = NamedNodeRef::new_unchecked(vocab::GAZETTEER_GRAPH);
        let mut known: HashMap<String, bool> = HashMap::new();
        let mut is_known = |iri: &str| -> Result<bool, Error> {
            if let Some(&k) = known.get(iri) {
                return Ok(k);
            }
            let k = self
                .inner
                .quads_for_pattern(
                    Some(NamedNodeRef::new_unchecked(iri).into()),
                    None,
                    None,
                    Some(gazetteer.into()),
                )
                .next()
                .transpose()?
                .is_some();
            known.insert(iri.to_owned(), k);
            Ok(k)
        };
        // a country is too large to tell one happening from another: being in the same
        // country does not make two reports one event
        let country = node(&vocab::isn(local::COUNTRY));
        let mut countries: HashSet<String> = HashSet::new();
        for q in self.inner.quads_for_pattern(
            None,
            Some(rdf_type.as_ref()),
            Some(country.as_ref().into()),
            None,
        ) {
            if let NamedOrBlankNode::NamedNode(p) = q?.subject {
                countries.insert(p.into_string());
            }
        }
        // gazetteer places and what contains them (transitively), from every graph
        let located_in = node(&vocab::isn(local::LOCATED_IN));
        let mut parents: HashMap<String, HashSet<String>> = HashMap::new();
        for q in self
            .inner
            .quads_for_pattern(None, Some(located_in.as_ref()), None, None)
        {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(a), Term::NamedNode(b)) = (&q.subject, &q.object) {
                if is_known(a.as_str())? && is_known(b.as_str())? {
                    parents
                        .entry(a.as_str().to_owned())
                        .or_default()
                        .insert(b.as_str().to_owned());
                }
            }
        }
        let mut closure: HashMap<String, Vec<String>> = HashMap::new();
        let mut known_within = |p: &str| -> Vec<String> {
            if let Some(c) = closure.get(p) {
                return c.clone();
            }
            let mut seen: HashSet<String> = HashSet::new();
            let mut todo: Vec<&String> = parents
                .get(p)
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            while let Some(x) = todo.pop() {
                if seen.insert(x.clone()) {
                    todo.extend(parents.get(x).into_iter().flatten());
                }
            }
            let mut c: Vec<String> = seen
                .into_iter()
                .filter(|c| !countries.contains(c))
                .collect();
            c.sort();
            closure.insert(p.to_owned(), c.clone());
            c
        };
        for r in &mut reports {
            for actors in [&mut r.agents, &mut r.targets] {
                actors.retain(|a| is_known(a).unwrap_or(false));
                actors.sort();
                actors.dedup();
            }
            let Some(p) = r.place.clone() else { continue };
            if countries.contains(&p) {
                continue; // no place to merge by
            }
            let (key, within) = place_identity(
                &self.inner,
                &p,
                &r.article,
                &located_in,
                &countries,
                &mut is_known,
                &mut known_within,
                0,
            )?;
            r.place_key = Some(key);
            r.within = within;
        }
        let merged = merge::consolidate(&reports);
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
        // only the difference is written: after a day's news, most merged events
        // are as they were, and rewriting them all would dominate the ingest
        let events = NamedNodeRef::new_unchecked(EVENTS_GRAPH);
        // (the stored quads stream past the fresh set: only one is held in memory)
        let mut fresh: HashSet<Quad> = quads.into_iter().collect();
        let mut tx = self.inner.start_transaction()?;
        let mut stored_any = false;
        let mut stale = Vec::new();
        for q in tx.quads_for_pattern(None, None, None, Some(events.into())) {
            let q = q?;
            stored_any = true;
            if !fresh.remove(&q) {
                stale.push(q);
            }
        }
        if stored_any {
            for q in &stale {
                tx.remove(q);
            }
            for q in &fresh {
                tx.insert(q);
            }
            tx.commit()?;
        } else {
            // the first time (a new store): the bulk loader, atomic too, and without
            // a transaction's in-memory index of every quad written
            drop(tx);
            let mut loader = self.inner.bulk_loader();
            loader.load_quads(fresh)?;
            loader.commit()?;
        }
        Ok(merged.len())
    }

    /// Rows of a SELECT query, each a vector of optional terms in projection order.
    pub fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, Error> {
        crate::query::solution_rows(self.query(sparql)?)
    }

    /// Deletes an article: its named graph and everything in it. Returns
    /// whether there was such an article. One transaction.
    ///
    /// This is the one place an article leaves the store; the events graph,
    /// derived from all articles, is rebuilt without it.
    pub fn remove_article(&self, article_iri: &str) -> Result<bool, Error> {
        let graph = NamedNodeRef::new_unchecked(article_iri);
        let mut tx = self.inner.start_transaction()?;
        if !tx.contains_named_graph(graph)? {
            return Ok(false);
        }
        tx.remove_named_graph(graph)?;
        tx.commit()?;
        self.refresh_events()?;
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

/// A place's identity for merging and the identities of the places containing
/// it (see [`merge::EventReport::place_key`]): a gazetteer place is itself; a
/// place the gazetteer does not know is the place of that name in the place its
/// article puts it in (`…@…`, the most specific one named), so two villages of
/// one name in different districts are two places.
#[allow(clippy::too_many_arguments)]
fn place_identity(
    store: &oxigraph::store::Store,
    place: &str,
    article: &str,
    located_in: &NamedNode,
    countries: &HashSet<String>,
    is_known: &mut dyn FnMut(&str) -> Result<bool, Error>,
    known_within: &mut dyn FnMut(&str) -> Vec<String>,
    depth: usize,
) -> Result<(String, Vec<String>), Error> {
    if is_known(place)? {
        return Ok((place.to_owned(), known_within(place)));
    }
    let mut direct: Vec<String> = Vec::new();
    // (a chain of unknown places longer than this is a loop, or nonsense)
    if depth < 8 {
        for q in store.quads_for_pattern(
            Some(NamedNodeRef::new_unchecked(place).into()),
            Some(located_in.as_ref()),
            None,
            Some(NamedNodeRef::new_unchecked(article).into()),
        ) {
            if let Term::NamedNode(c) = q?.object {
                if !countries.contains(c.as_str()) && c.as_str() != place {
                    direct.push(c.into_string());
                }
            }
        }
    }
    direct.sort();
    let mut within: Vec<String> = Vec::new();
    let mut deepest: Option<(usize, String)> = None;
    for c in direct {
        let (key, up) = place_identity(
            store,
            &c,
            article,
            located_in,
            countries,
            is_known,
            known_within,
            depth + 1,
        )?;
        if deepest.as_ref().is_none_or(|(n, _)| up.len() > *n) {
            deepest = Some((up.len(), key.clone()));
        }
        within.extend(up);
        within.push(key);
    }
    within.sort();
    within.dedup();
    let key = match deepest {
        Some((_, c)) => format!("{place}@{c}"),
        None => place.to_owned(),
    };
    Ok((key, within))
}

fn iri_of(t: &Term) -> Option<String> {
    match t {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

//! Derived data: what isnad computes from all the article graphs rather than reads
//! in one — the real-world events merged across articles (`id/graph/events`), the
//! figure groups of each merged event (`id/graph/figures`), and counts per entity
//! and per article (`id/graph/stats`) — and how they are kept true at the cost of
//! the articles that changed, not of the archive.
//!
//! Incremental: every write to an article graph through the store
//! ([`crate::store::Store::put_articles`], [`crate::store::Store::remove_article`])
//! leaves a marker in `id/graph/pending` in the same atomic step as the article
//! (with the article's mentions as the derived data last counted them: see
//! [`marks`]). [`refresh`] then recomputes only what the marked articles touch:
//! * events ([`events`]): the (class, region) buckets of the articles' event
//!   reports, the old ones (the events graph names the articles of every merged
//!   event) and the new ones. Reports of different buckets never merge
//!   ([`crate::merge`]), so a bucket is merged on its own: the marked articles'
//!   reports are read in their graphs, the bucket's other reports from its cached
//!   merge inputs (`id/graph/merge-input`: one index range per bucket, whatever
//!   the size of the archive around it);
//! * figure groups ([`figures`]): those of the merged events of those buckets;
//! * counts ([`stats`]): the marked articles, and the entities they mention (by
//!   difference with the mentions the marker recorded).
//!
//! Only the difference is written (quads that changed), in one transaction that
//! also drops the markers: a crash leaves the markers, and the next refresh does
//! the work again from the same state. A large difference (a day's news touching
//! most buckets) is written as a rebuild is, through the bulk loader, with the
//! fingerprint removed until the markers go: a crash in between leaves derived
//! data that the next refresh rebuilds ([`Change::commit`]).
//!
//! Invariant: after any sequence of ingests and removals the derived graphs equal
//! a [`rebuild`] from the article and reference graphs alone (tests/derived.rs),
//! so they never depend on the order articles came in. A rebuild happens when the
//! derived data was never built, or was built by another version of isnad or with
//! another gazetteer (a fingerprint of both is stored), and after writes that
//! bypass the markers (SPARQL Update and the Graph Store Protocol of `isnad
//! serve`).

mod events;
mod figures;
mod stats;

use crate::vocab::{self, local};
use crate::Error;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term,
};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The derived graph of real-world events merged across articles (see [`crate::merge`]).
pub const EVENTS_GRAPH: &str = "https://w3id.org/isnad/id/graph/events";
/// The derived graph of figure groups: per merged event, kind and victim, the
/// distinct figures its sources give.
pub const FIGURES_GRAPH: &str = "https://w3id.org/isnad/id/graph/figures";
/// The derived graph of counts per entity and per article.
pub const STATS_GRAPH: &str = "https://w3id.org/isnad/id/graph/stats";
/// The event reports as the merge reads them, bucket by bucket, with the merged
/// event each is in (see [`events`]): the store's own cache, so that re-merging a
/// bucket reads one index range instead of every report's article graph.
pub const MERGE_INPUT_GRAPH: &str = "https://w3id.org/isnad/id/graph/merge-input";
/// Articles written since the derived graphs were last refreshed.
pub const PENDING_GRAPH: &str = "https://w3id.org/isnad/id/graph/pending";

/// The store's own bookkeeping graphs (the merge's cache, the markers):
/// recomputable, not data, so exports and pushes leave them out.
pub const INTERNAL_GRAPHS: [&str; 2] = [MERGE_INPUT_GRAPH, PENDING_GRAPH];

/// Whether `g` is one of [`INTERNAL_GRAPHS`].
pub fn is_internal_graph(g: &str) -> bool {
    INTERNAL_GRAPHS.contains(&g)
}

/// Every graph this module writes, the markers' included: what a rebuild clears.
pub const DERIVED_GRAPHS: [&str; 5] = [
    EVENTS_GRAPH,
    FIGURES_GRAPH,
    STATS_GRAPH,
    MERGE_INPUT_GRAPH,
    PENDING_GRAPH,
];

/// Changes whenever what the derived graphs hold, or how it is computed, changes:
/// a store whose derived data carries another version is rebuilt.
const DERIVED_VERSION: &str = "derived-11";

/// What a refresh did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Real-world events in the store afterwards.
    pub merged_events: usize,
    /// Articles whose changes were taken in.
    pub articles: usize,
    /// (class, region) buckets recomputed.
    pub buckets: usize,
    /// Whether everything was recomputed.
    pub rebuilt: bool,
}

pub(crate) fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

pub(crate) fn isn(l: &str) -> NamedNode {
    NamedNode::new_unchecked(vocab::isn(l))
}

fn graph(iri: &str) -> GraphName {
    GraphName::NamedNode(node(iri))
}

/// A quad of a derived graph with an IRI subject.
/// A short stable tag for IRIs made from other IRIs or names.
pub(crate) fn tag(s: &str) -> String {
    format!("{:016x}", crate::merge::fnv1a(s.bytes()))
}

pub(crate) fn quad(s: &str, p: &NamedNode, o: impl Into<Term>, g: &str) -> Quad {
    Quad::new(node(s), p.clone(), o, graph(g))
}

pub(crate) fn integer(n: usize) -> Term {
    Literal::from(n as i64).into()
}

/// The objects of (s, p, ?, g), in the store's order.
pub(crate) fn objects(
    store: &Store,
    s: &str,
    p: &NamedNode,
    g: Option<&str>,
) -> Result<Vec<Term>, Error> {
    let g = g.map(node);
    let mut out = Vec::new();
    for q in store.quads_for_pattern(
        Some(NamedNodeRef::new_unchecked(s).into()),
        Some(p.as_ref()),
        None,
        g.as_ref().map(|g| g.as_ref().into()),
    ) {
        out.push(q?.object);
    }
    Ok(out)
}

/// The IRI subjects of (?, p, o, g).
pub(crate) fn subjects(
    store: &Store,
    p: &NamedNode,
    o: &Term,
    g: &str,
) -> Result<Vec<String>, Error> {
    let g = node(g);
    let mut out = Vec::new();
    for q in store.quads_for_pattern(
        None,
        Some(p.as_ref()),
        Some(o.as_ref()),
        Some(g.as_ref().into()),
    ) {
        if let NamedOrBlankNode::NamedNode(s) = q?.subject {
            out.push(s.into_string());
        }
    }
    Ok(out)
}

/// Every quad of `g` whose subject is `s`.
pub(crate) fn described(store: &Store, s: &str, g: &str) -> Result<Vec<Quad>, Error> {
    let g = node(g);
    store
        .quads_for_pattern(
            Some(NamedNodeRef::new_unchecked(s).into()),
            None,
            None,
            Some(g.as_ref().into()),
        )
        .map(|q| q.map_err(Error::from))
        .collect()
}

pub(crate) fn iri_of(t: &Term) -> Option<String> {
    match t {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

pub(crate) fn text_of(t: &Term) -> Option<String> {
    match t {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// What the gazetteer says about places, read once per refresh from the gazetteer
/// graph alone (never from the articles: a bucket must not depend on other
/// articles than its own).
pub struct Geography {
    /// Subjects the gazetteer describes.
    known: HashSet<String>,
    countries: HashSet<String>,
    /// Gazetteer cities (`isn:City`): a report placed in one may tell of its
    /// surroundings ([`crate::merge::Setting`]).
    cities: HashSet<String>,
    /// Gazetteer place → the gazetteer places containing it, transitively, countries
    /// left out, sorted.
    within: HashMap<String, Vec<String>>,
    /// Gazetteer place → its region: the smallest IRI of its connected part of the
    /// gazetteer's containment (countries left out).
    region: HashMap<String, String>,
    /// A state (`isn:Government`) → its country: the gazetteer's twins, which
    /// point to each other with `rdfs:seeAlso`.
    country_of_state: HashMap<String, String>,
    /// A fingerprint of the gazetteer graph and of [`DERIVED_VERSION`].
    fingerprint: String,
}

impl Geography {
    pub fn read(store: &Store) -> Result<Geography, Error> {
        let gazetteer = node(vocab::GAZETTEER_GRAPH);
        let rdf_type = node(vocab::RDF_TYPE);
        let country = isn(local::COUNTRY);
        let located_in = isn(local::LOCATED_IN);
        let mut known = HashSet::new();
        let mut countries = HashSet::new();
        let mut cities = HashSet::new();
        let city = isn(local::CITY);
        let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let see_also = node(vocab::RDFS_SEE_ALSO);
        let government = Term::from(isn(local::GOVERNMENT));
        let mut states = HashSet::new();
        let mut twins: Vec<(String, String)> = Vec::new();
        // the sum of the quads' FNV-1a hashes: the same graph, the same fingerprint,
        // in whatever order a store lists it
        let fnv = |bytes: &[u8]| crate::merge::fnv1a(bytes.iter().copied());
        let mut hash: u64 = fnv(DERIVED_VERSION.as_bytes());
        for q in store.quads_for_pattern(None, None, None, Some(gazetteer.as_ref().into())) {
            let q = q?;
            hash = hash.wrapping_add(fnv(q.to_string().as_bytes()));
            let NamedOrBlankNode::NamedNode(s) = &q.subject else {
                continue;
            };
            known.insert(s.as_str().to_owned());
            if q.predicate == rdf_type && q.object == Term::from(country.clone()) {
                countries.insert(s.as_str().to_owned());
            }
            if q.predicate == rdf_type && q.object == Term::from(city.clone()) {
                cities.insert(s.as_str().to_owned());
            }
            if q.predicate == rdf_type && q.object == government {
                states.insert(s.as_str().to_owned());
            }
            if q.predicate == see_also {
                if let Term::NamedNode(o) = &q.object {
                    twins.push((s.as_str().to_owned(), o.as_str().to_owned()));
                }
            }
            if q.predicate == located_in {
                if let Term::NamedNode(o) = &q.object {
                    parents
                        .entry(s.as_str().to_owned())
                        .or_default()
                        .insert(o.as_str().to_owned());
                }
            }
        }
        // (a state with two countries has none: its history cannot be placed)
        let mut country_of_state: HashMap<String, String> = HashMap::new();
        let mut doubtful: HashSet<String> = HashSet::new();
        for (s, o) in twins {
            if states.contains(&s) && countries.contains(&o) {
                if country_of_state.get(&s).is_some_and(|c| *c != o) {
                    doubtful.insert(s.clone());
                }
                country_of_state.insert(s, o);
            }
        }
        country_of_state.retain(|s, _| !doubtful.contains(s));
        // containment among gazetteer places only, countries left out
        parents.retain(|p, _| !countries.contains(p));
        for ps in parents.values_mut() {
            ps.retain(|p| known.contains(p) && !countries.contains(p));
        }
        let mut within = HashMap::new();
        for p in parents.keys() {
            let mut seen: BTreeSet<String> = BTreeSet::new();
            let mut todo: Vec<&String> = parents[p].iter().collect();
            while let Some(x) = todo.pop() {
                if seen.insert(x.clone()) {
                    todo.extend(parents.get(x).into_iter().flatten());
                }
            }
            seen.remove(p);
            within.insert(p.clone(), seen.into_iter().collect::<Vec<_>>());
        }
        // regions: connected parts of the containment, named by their smallest IRI
        let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
        fn root<'a>(parent: &mut BTreeMap<&'a str, &'a str>, mut x: &'a str) -> &'a str {
            while let Some(&up) = parent.get(x) {
                if up == x {
                    break;
                }
                x = up;
            }
            x
        }
        for (p, ps) in &parents {
            parent.entry(p).or_insert(p);
            for q in ps {
                parent.entry(q).or_insert(q);
                let (a, b) = (root(&mut parent, p), root(&mut parent, q));
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                parent.insert(hi, lo);
            }
        }
        let keys: Vec<&str> = parent.keys().copied().collect();
        let mut region = HashMap::new();
        for k in keys {
            let r = root(&mut parent, k).to_owned();
            region.insert(k.to_owned(), r);
        }
        Ok(Geography {
            known,
            countries,
            cities,
            within,
            region,
            country_of_state,
            fingerprint: format!("{DERIVED_VERSION} {hash:016x}"),
        })
    }

    pub fn is_known(&self, iri: &str) -> bool {
        self.known.contains(iri)
    }

    pub fn is_country(&self, iri: &str) -> bool {
        self.countries.contains(iri)
    }

    pub fn is_city(&self, iri: &str) -> bool {
        self.cities.contains(iri)
    }

    /// The country of a state (`isn:Government`) the gazetteer knows.
    pub fn country_of_state(&self, iri: &str) -> Option<&str> {
        self.country_of_state.get(iri).map(String::as_str)
    }

    /// The gazetteer places containing a gazetteer place.
    pub fn within(&self, iri: &str) -> &[String] {
        self.within.get(iri).map_or(&[], Vec::as_slice)
    }

    /// The region of a place identity ([`crate::merge::EventReport::place_key`]):
    /// a place the gazetteer does not know lies in the region of the place its key
    /// names last (the outermost container its article gives; IRIs isnad mints
    /// never hold `@`, which [`crate::vocab::iri_segment`] encodes).
    pub fn region(&self, key: &str) -> String {
        let top = key.rsplit('@').next().unwrap_or(key);
        self.region
            .get(top)
            .cloned()
            .unwrap_or_else(|| top.to_owned())
    }
}

/// The marker quads for an article about to be written or removed: none if it is
/// marked already (the derived data then still reflects the mentions the first
/// marker recorded), else the marker and the article's mentions as stored now
/// (`stored`: whether there is a stored version).
pub fn marks(store: &Store, article: &str, stored: bool) -> Result<Vec<Quad>, Error> {
    let pending = isn(local::PENDING_REFRESH);
    let marker = Literal::new_simple_literal("article");
    if store.contains(QuadRef::new(
        NamedNodeRef::new_unchecked(article),
        &pending,
        &marker,
        GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(PENDING_GRAPH)),
    ))? {
        return Ok(Vec::new());
    }
    let mut out = vec![quad(article, &pending, marker, PENDING_GRAPH)];
    if stored {
        let mention = isn(local::PENDING_MENTION);
        for (entity, form) in stats::mentions(store, article)? {
            out.push(quad(
                article,
                &mention,
                Literal::new_simple_literal(format!("{entity}\t{form}")),
                PENDING_GRAPH,
            ));
        }
    }
    Ok(out)
}

/// The marked articles, each with the mentions recorded when it was marked.
fn pending(store: &Store) -> Result<BTreeMap<String, BTreeSet<(String, String)>>, Error> {
    let mut out: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    let mention = isn(local::PENDING_MENTION);
    let g = node(PENDING_GRAPH);
    for q in store.quads_for_pattern(None, None, None, Some(g.as_ref().into())) {
        let q = q?;
        let NamedOrBlankNode::NamedNode(a) = &q.subject else {
            continue;
        };
        let entry = out.entry(a.as_str().to_owned()).or_default();
        if q.predicate == mention {
            if let Some((e, f)) = text_of(&q.object)
                .as_deref()
                .and_then(|t| t.split_once('\t'))
            {
                entry.insert((e.to_owned(), f.to_owned()));
            }
        }
    }
    Ok(out)
}

/// The stored fingerprint of the derived data, if it was ever built.
fn stored_fingerprint(store: &Store) -> Result<Option<String>, Error> {
    Ok(objects(
        store,
        STATS_GRAPH,
        &isn(local::DERIVED_FINGERPRINT),
        Some(STATS_GRAPH),
    )?
    .first()
    .and_then(text_of))
}

/// The merged events stored, as counted by the last refresh.
fn stored_event_count(store: &Store) -> Result<usize, Error> {
    Ok(objects(
        store,
        EVENTS_GRAPH,
        &isn(local::MERGED_EVENT_COUNT),
        Some(STATS_GRAPH),
    )?
    .first()
    .and_then(text_of)
    .and_then(|n| n.parse().ok())
    .unwrap_or(0))
}

/// Takes in every article written since the last refresh (see the module
/// header); rebuilds everything if the derived data is missing or outdated.
pub fn refresh(store: &Store) -> Result<Refreshed, Error> {
    let geo = Geography::read(store)?;
    if stored_fingerprint(store)?.as_deref() != Some(geo.fingerprint.as_str()) {
        return rebuild_with(store, &geo);
    }
    let pending = pending(store)?;
    if pending.is_empty() {
        return Ok(Refreshed {
            merged_events: stored_event_count(store)?,
            ..Refreshed::default()
        });
    }
    if pending.len() >= REBUILD_AT {
        // a batch this large touches most buckets anyway: streamed through the bulk
        // loader rather than held in one transaction
        return rebuild_with(store, &geo);
    }
    let dirty: BTreeSet<&str> = pending.keys().map(String::as_str).collect();
    let mut change = Change::default();
    let touched = events::refresh(store, &geo, &dirty, &mut change)?;
    stats::refresh(store, &pending, &mut change)?;
    let before = stored_event_count(store)?;
    let merged_events = (before + touched.added).saturating_sub(touched.removed);
    let total = isn(local::MERGED_EVENT_COUNT);
    change.replace(
        store,
        EVENTS_GRAPH,
        &total,
        STATS_GRAPH,
        Some(integer(merged_events)),
    )?;
    // the markers go with the work they asked for (all of them: one writer), and
    // the graph that held them with them
    change.drop_pending = true;
    change.commit(store)?;
    Ok(Refreshed {
        merged_events,
        articles: dirty.len(),
        buckets: touched.buckets,
        rebuilt: false,
    })
}

/// Recomputes every derived graph from the article and reference graphs.
pub fn rebuild(store: &Store) -> Result<Refreshed, Error> {
    let geo = Geography::read(store)?;
    rebuild_with(store, &geo)
}

fn rebuild_with(store: &Store, geo: &Geography) -> Result<Refreshed, Error> {
    // every article, as if each had just arrived in an archive with no derived data
    let rdf_type = node(vocab::RDF_TYPE);
    let article_class = isn(local::ARTICLE);
    let mut articles: BTreeSet<String> = BTreeSet::new();
    for q in store.quads_for_pattern(
        None,
        Some(rdf_type.as_ref()),
        Some(article_class.as_ref().into()),
        None,
    ) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
            (&q.subject, &q.graph_name)
        {
            if s == g {
                articles.insert(s.as_str().to_owned());
            }
        }
    }
    // the old derived graphs are cleared first, then the new ones are bulk-loaded,
    // atomic too, streamed bucket by bucket (never the whole archive's derived
    // quads in memory at once), the fingerprint with them
    clear(store)?;
    let mut change = Change {
        loader: Some(
            store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(BULK_MEMORY_MB),
        ),
        ..Change::default()
    };
    let touched = events::rebuild(store, geo, &articles, &mut change)?;
    let pending: BTreeMap<String, BTreeSet<(String, String)>> = articles
        .iter()
        .map(|a| (a.clone(), BTreeSet::new()))
        .collect();
    stats::refresh(store, &pending, &mut change)?;
    let merged_events = touched.added;
    change.insert.push(quad(
        EVENTS_GRAPH,
        &isn(local::MERGED_EVENT_COUNT),
        integer(merged_events),
        STATS_GRAPH,
    ));
    change.insert.push(quad(
        STATS_GRAPH,
        &isn(local::DERIVED_FINGERPRINT),
        Literal::new_simple_literal(&geo.fingerprint),
        STATS_GRAPH,
    ));
    change.commit(store)?;
    Ok(Refreshed {
        merged_events,
        articles: articles.len(),
        buckets: touched.buckets,
        rebuilt: true,
    })
}

/// Removes every derived graph. The fingerprint goes first, in a transaction of
/// its own: a crash after it leaves derived data that the next refresh rebuilds.
/// Then the graphs go [`CLEAR_CHUNK`] quads per transaction, since one
/// transaction removing the derived data of a large archive (millions of quads)
/// holds them all in memory and slows down as it grows (at 100k articles it had
/// reached 7 GB and was still running after 8 minutes when it was stopped).
fn clear(store: &Store) -> Result<(), Error> {
    unset_fingerprint(store)?;
    for g in DERIVED_GRAPHS {
        let g = NamedNodeRef::new_unchecked(g);
        loop {
            let chunk = store
                .quads_for_pattern(None, None, None, Some(g.into()))
                .take(CLEAR_CHUNK)
                .collect::<Result<Vec<Quad>, _>>()?;
            if chunk.is_empty() {
                break;
            }
            remove_all(store, &chunk)?;
        }
        let mut tx = store.start_transaction()?;
        tx.remove_named_graph(g)?;
        tx.commit()?;
    }
    Ok(())
}

/// Removes the fingerprint of the derived data, in a transaction of its own, and
/// returns its quads: until they are back, the next refresh rebuilds.
fn unset_fingerprint(store: &Store) -> Result<Vec<Quad>, Error> {
    let p = isn(local::DERIVED_FINGERPRINT);
    let quads: Vec<Quad> = objects(store, STATS_GRAPH, &p, Some(STATS_GRAPH))?
        .into_iter()
        .map(|o| quad(STATS_GRAPH, &p, o, STATS_GRAPH))
        .collect();
    remove_all(store, &quads)?;
    Ok(quads)
}

/// Removes `quads`, [`CLEAR_CHUNK`] per transaction.
fn remove_all(store: &Store, quads: &[Quad]) -> Result<(), Error> {
    for chunk in quads.chunks(CLEAR_CHUNK) {
        let mut tx = store.start_transaction()?;
        for q in chunk {
            tx.remove(q);
        }
        tx.commit()?;
    }
    Ok(())
}

/// Quads removed per transaction when the derived graphs are cleared, or when a
/// large change is written.
const CLEAR_CHUNK: usize = 50_000;

/// From this many quads on, a refresh's change is written as a rebuild writes
/// (see [`Change::commit`]).
const LARGE_CHANGE: usize = 20_000;

/// From this many marked articles on, a refresh is a rebuild.
const REBUILD_AT: usize = 20_000;

/// The bulk loader's memory budget when derived graphs are rebuilt (Oxigraph's
/// default is 2 GB per thread).
const BULK_MEMORY_MB: usize = 256;

/// Quads a rebuild gathers before handing them to the bulk loader.
const BULK_CHUNK: usize = 100_000;

/// The quads a refresh removes and inserts: a transaction's worth, or, in a
/// rebuild (nothing stored to compare with), a stream into the bulk loader.
#[derive(Default)]
pub(crate) struct Change<'a> {
    pub remove: Vec<Quad>,
    pub insert: Vec<Quad>,
    /// A rebuild's bulk loader.
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    /// A rebuild's first error from the loader, reported by [`Change::commit`].
    failed: Option<Error>,
    /// Whether the pending graph goes too (every marker was taken in).
    drop_pending: bool,
}

impl Change<'_> {
    /// A rebuild: nothing stored is compared with.
    pub fn fresh(&self) -> bool {
        self.loader.is_some()
    }

    /// Makes `old` (stored) become `new`, writing only the difference.
    pub fn set(&mut self, old: Vec<Quad>, new: Vec<Quad>) {
        if let Some(loader) = &mut self.loader {
            self.insert.extend(new);
            if self.insert.len() >= BULK_CHUNK && self.failed.is_none() {
                if let Err(e) = loader.load_quads(self.insert.drain(..)) {
                    self.failed = Some(e.into());
                }
            }
            return;
        }
        let mut new: HashSet<Quad> = new.into_iter().collect();
        for q in old {
            if !new.remove(&q) {
                self.remove.push(q);
            }
        }
        self.insert.extend(new);
    }

    /// Sets the one value of (s, p) in graph g.
    pub fn replace(
        &mut self,
        store: &Store,
        s: &str,
        p: &NamedNode,
        g: &str,
        value: Option<Term>,
    ) -> Result<(), Error> {
        let old: Vec<Quad> = objects(store, s, p, Some(g))?
            .into_iter()
            .map(|o| quad(s, p, o, g))
            .collect();
        let new: Vec<Quad> = value.into_iter().map(|o| quad(s, p, o, g)).collect();
        self.set(old, new);
        Ok(())
    }

    fn commit(self, store: &Store) -> Result<(), Error> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        if let Some(mut loader) = self.loader {
            loader.load_quads(self.insert)?;
            loader.commit()?;
            return Ok(());
        }
        if self.remove.is_empty() && self.insert.is_empty() && !self.drop_pending {
            return Ok(());
        }
        if self.remove.len() + self.insert.len() >= LARGE_CHANGE {
            return self.commit_large(store);
        }
        let mut tx = store.start_transaction()?;
        for q in &self.remove {
            tx.remove(q);
        }
        for q in &self.insert {
            tx.insert(q);
        }
        if self.drop_pending {
            tx.remove_named_graph(NamedNodeRef::new_unchecked(PENDING_GRAPH))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A large change (a day's news touching most buckets: 190k quads for 1,000
    /// articles added to a 10k archive) in one transaction holds every key in
    /// RocksDB's indexed write batch, then its memtable: 10 s of a 17 s ingest.
    /// So it is written as a rebuild is: the fingerprint goes first (a crash from
    /// then on leaves derived data that the next refresh rebuilds, markers and
    /// all), the removals in transactions of [`CLEAR_CHUNK`] quads, the
    /// insertions through the bulk loader, and the fingerprint comes back with
    /// the markers' removal.
    fn commit_large(self, store: &Store) -> Result<(), Error> {
        let fingerprint = unset_fingerprint(store)?;
        remove_all(store, &self.remove)?;
        let mut loader = store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
        loader.load_quads(self.insert)?;
        loader.commit()?;
        let mut tx = store.start_transaction()?;
        if self.drop_pending {
            tx.remove_named_graph(NamedNodeRef::new_unchecked(PENDING_GRAPH))?;
        }
        for q in &fingerprint {
            tx.insert(q);
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store with a fingerprint, a marker and some derived quads.
    fn store_with(derived: &[Quad]) -> Store {
        let store = Store::new().unwrap();
        let p = isn(local::DERIVED_FINGERPRINT);
        store
            .insert(&quad(
                STATS_GRAPH,
                &p,
                Literal::new_simple_literal("v"),
                STATS_GRAPH,
            ))
            .unwrap();
        store
            .insert(&quad(
                "https://w3id.org/isnad/id/article/a",
                &p,
                Literal::new_simple_literal("m"),
                PENDING_GRAPH,
            ))
            .unwrap();
        for q in derived {
            store.insert(q).unwrap();
        }
        store
    }

    fn all(store: &Store) -> BTreeSet<String> {
        store
            .iter()
            .map(|q| q.unwrap().to_string())
            .collect::<BTreeSet<_>>()
    }

    #[test]
    fn a_large_change_leaves_what_one_transaction_leaves() {
        let e = |i: usize| {
            quad(
                &format!("https://w3id.org/isnad/id/event/e{i}"),
                &isn(local::MERGE_BUCKET),
                Literal::new_simple_literal(format!("b{}", i % 7)),
                EVENTS_GRAPH,
            )
        };
        let before: Vec<Quad> = (0..100).map(e).collect();
        let change = || Change {
            // removed, and removed then put back (another event's quads)
            remove: (0..60).map(e).collect(),
            insert: (50..160).map(e).collect(),
            drop_pending: true,
            ..Change::default()
        };
        let small = store_with(&before);
        change().commit(&small).unwrap();
        let large = store_with(&before);
        change().commit_large(&large).unwrap();
        assert_eq!(all(&large), all(&small));
        assert!(stored_fingerprint(&large).unwrap().is_some());
        assert!(large
            .quads_for_pattern(
                None,
                None,
                None,
                Some(NamedNodeRef::new_unchecked(PENDING_GRAPH).into())
            )
            .next()
            .is_none());
        assert_eq!(
            all(&large)
                .iter()
                .filter(|q| q.contains("graph/events"))
                .count(),
            110
        );
    }
}

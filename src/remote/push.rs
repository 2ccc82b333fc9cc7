//! Push: isnad's named graphs sent to a remote store, from the embedded store
//! ([`push`]) or straight from extraction, with no store ([`push_inputs`]).
//!
//! The graphs, in this order: the ontology and gazetteer (queries need them), one
//! graph per article, then the derived events graph: as it is in the local store,
//! or ([`Options::events_from_server`], and always without a store) recomputed from
//! the reports the server holds once every article arrived, with the embedded
//! store's merge (so several pushes of parts of an archive leave the events graph
//! of the whole). Each graph's body is its triples as N-Triples, sorted and
//! without duplicates (the same graph gives the same bytes, from a store or from
//! extraction), so its SHA-256 names its content.
//!
//! Each graph is one request that replaces the graph whole: a Graph Store Protocol
//! `PUT ?graph=IRI` (Turtle body: N-Triples is Turtle, so every server reads it),
//! or a SPARQL Update `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }`.
//! Re-sending a graph is therefore harmless, and an interrupted push completes on
//! a re-run.
//!
//! The log (optional) is a resumable record: one line per graph that arrived, `IRI
//! SHA-256`, appended and flushed as each answer comes; a re-run skips the graphs
//! logged with the same hash. One code path for both sources ([`Feed`]): the
//! graphs are produced on the calling thread into a bounded queue, and a few worker
//! threads each take the next one and send it.

use super::{encode, remote_error, Remote};
use crate::article::ReadOptions;
use crate::extract::lexicon::Lexicon;
use crate::pipeline::{self, Output};
use crate::store::{
    Store, DERIVED_GRAPHS, EVENTS_GRAPH, FIGURES_GRAPH, ONTOLOGY_GRAPH, STATS_GRAPH,
};
use crate::vocab;
use crate::Error;
use oxigraph::model::Quad;
use oxigraph::sparql::QueryResults;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Mutex;

/// How to push.
#[derive(Debug, Clone)]
pub struct Options {
    /// Requests in flight at once.
    pub workers: usize,
    /// The resumable log.
    pub log: Option<PathBuf>,
    /// Recompute the events graph from the reports the server holds (after the
    /// articles arrived) instead of sending the local one.
    pub events_from_server: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            workers: 4,
            log: None,
            events_from_server: false,
        }
    }
}

/// One graph that did not arrive: its IRI and why (HTTP status and the server's
/// first line, or the connection error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub graph: String,
    pub reason: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.graph, self.reason)
    }
}

/// Where a push stands (passed to the progress callback after every graph).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub total: usize,
    pub sent: usize,
    pub skipped: usize,
    pub failed: usize,
    pub triples: usize,
}

/// What a push did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub progress: Progress,
    pub failures: Vec<Failure>,
}

impl Report {
    /// Whether every graph arrived (or was already there by the log).
    pub fn complete(&self) -> bool {
        self.failures.is_empty()
    }
}

/// The names of the graphs to push, in push order: reference graphs, articles
/// (sorted), the events graph.
pub fn graph_names(store: &Store) -> Result<Vec<String>, Error> {
    let mut names = Vec::new();
    let mut reference = vec![ONTOLOGY_GRAPH.to_owned(), vocab::GAZETTEER_GRAPH.to_owned()];
    let mut articles = Vec::new();
    let mut events = false;
    if let QueryResults::Solutions(rows) =
        store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")?
    {
        for row in rows {
            if let Some(oxigraph::model::Term::NamedNode(g)) = row?.get("g") {
                let g = g.as_str();
                if g == EVENTS_GRAPH {
                    events = true;
                } else if crate::store::is_internal_graph(g) {
                    // markers of an unfinished refresh, the merge's cache: the store's
                    // own business
                } else if !reference.iter().any(|r| r == g) {
                    articles.push(g.to_owned());
                }
            }
        }
    }
    reference.retain(|r| {
        store
            .oxigraph()
            .contains_named_graph(oxigraph::model::NamedNodeRef::new_unchecked(r))
            .unwrap_or(false)
    });
    articles.sort();
    names.extend(reference);
    names.extend(articles);
    if events {
        names.push(EVENTS_GRAPH.to_owned());
    }
    Ok(names)
}

/// One graph ready to send: its IRI, its body (its triples as sorted N-Triples,
/// without duplicates), the triple count and the body's SHA-256 (hex).
#[derive(Debug, Clone)]
pub struct Body {
    pub graph: String,
    pub bytes: Vec<u8>,
    pub triples: usize,
    pub hash: String,
}

/// The body of `graph` made of `quads` (all in that graph): the same quads give
/// the same bytes, whether they come from a store or straight from extraction.
pub fn body_of(graph: &str, quads: Vec<Quad>) -> Result<Body, Error> {
    // each triple formatted once, as the N-Triples serialiser writes it (`{triple}
    // .`); sorting the lines orders the triples as sorting the quads would (one
    // graph), so the bytes are those of the quads sorted and serialised
    let mut lines: Vec<String> = quads
        .iter()
        .map(|q| format!("{} .\n", oxigraph::model::TripleRef::from(q.as_ref())))
        .collect();
    drop(quads);
    lines.sort_unstable();
    lines.dedup();
    let bytes = lines.concat().into_bytes();
    let hash = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Body {
        graph: graph.to_owned(),
        bytes,
        triples: lines.len(),
        hash,
    })
}

/// One graph of the store, as a [`Body`].
pub fn graph_body(store: &Store, graph: &str) -> Result<Body, Error> {
    body_of(graph, graph_quads(store, graph)?)
}

/// The quads of one graph of the store, unsorted ([`body_of`] sorts them).
fn graph_quads(store: &Store, graph: &str) -> Result<Vec<Quad>, Error> {
    let name = oxigraph::model::NamedNodeRef::new_unchecked(graph);
    Ok(store
        .oxigraph()
        .quads_for_pattern(None, None, None, Some(name.into()))
        .collect::<Result<Vec<_>, _>>()?)
}

/// Reads a push log: graph IRI → hash of the body that arrived (the last line wins).
pub fn read_log(path: &Path) -> Result<HashMap<String, String>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut logged = HashMap::new();
    for line in text.lines() {
        // a line cut short by a crash has no hash (or a short one): ignored
        if let Some((iri, hash)) = line.split_once(' ') {
            if hash.len() == 64 {
                logged.insert(iri.to_owned(), hash.to_owned());
            }
        }
    }
    Ok(logged)
}

/// Sends one graph, replacing it on the server.
pub fn send_graph(
    remote: &Remote,
    agent: &ureq::Agent,
    graph: &str,
    body: &[u8],
) -> Result<(), String> {
    let answer = match &remote.graph_store {
        Some(gsp) => {
            let sep = if gsp.contains('?') { '&' } else { '?' };
            let url = format!("{gsp}{sep}graph={}", encode(graph));
            remote.send(
                agent,
                "PUT",
                &url,
                &[("Content-Type", "text/turtle; charset=utf-8")],
                body,
            )?
        }
        None => {
            let update = update_text(graph, body);
            let form = format!("update={}", encode(&update));
            remote.send(
                agent,
                "POST",
                &remote.endpoint,
                &[(
                    "Content-Type",
                    "application/x-www-form-urlencoded; charset=utf-8",
                )],
                form.as_bytes(),
            )?
        }
    };
    if answer.ok() {
        Ok(())
    } else {
        Err(answer.describe())
    }
}

/// Triples per `INSERT` operation of an update: Virtuoso's SPARQL compiler runs out
/// of memory on one operation of a few thousand triples.
const TRIPLES_PER_INSERT: usize = 500;

/// The update that replaces `graph` with the N-Triples `body`, one request:
/// `DROP SILENT GRAPH <g>` then the triples in operations of about
/// [`TRIPLES_PER_INSERT`]. Triples without blank nodes go in `INSERT DATA`;
/// triples with blank nodes in `INSERT { … } WHERE { }` (the same triples: some
/// servers, Virtuoso among them, refuse blank nodes in `INSERT DATA`), all the
/// triples that share a blank node in the same operation, since each operation has
/// its own blank nodes.
pub fn update_text(graph: &str, body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // the blank nodes of an N-Triples line: its subject and its object
    let blanks = |l: &str| -> Vec<String> {
        let mut out = Vec::new();
        if l.starts_with("_:") {
            out.push(l.split_whitespace().next().unwrap_or("").to_owned());
        }
        let t = l.trim_end().trim_end_matches('.').trim_end();
        if let Some(last) = t.rsplit(' ').next() {
            if last.starts_with("_:") && t.len() > last.len() {
                out.push(last.to_owned());
            }
        }
        out
    };
    // lines sharing blank nodes, grouped (union-find over the lines)
    let mut parent: Vec<usize> = (0..lines.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut plain = Vec::new();
    let mut with_blank = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let b = blanks(l);
        if b.is_empty() {
            plain.push(*l);
            continue;
        }
        with_blank.push(i);
        for label in b {
            match first.get(&label) {
                Some(&j) => {
                    let (a, c) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = c;
                }
                None => {
                    first.insert(label, i);
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<&str>> = Default::default();
    for i in with_blank {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(lines[i]);
    }
    let mut update = format!("DROP SILENT GRAPH <{graph}>");
    let op = |update: &mut String, part: &[&str], data: bool| {
        update.push_str(if data {
            " ;\nINSERT DATA { GRAPH <"
        } else {
            " ;\nINSERT { GRAPH <"
        });
        update.push_str(graph);
        update.push_str("> {\n");
        for l in part {
            update.push_str(l);
            update.push('\n');
        }
        update.push_str(if data { "} }" } else { "} } WHERE { }" });
    };
    for part in plain.chunks(TRIPLES_PER_INSERT) {
        op(&mut update, part, true);
    }
    let mut part: Vec<&str> = Vec::new();
    for g in groups.into_values() {
        if !part.is_empty() && part.len() + g.len() > TRIPLES_PER_INSERT {
            op(&mut update, &part, false);
            part.clear();
        }
        part.extend(g);
    }
    if !part.is_empty() {
        op(&mut update, &part, false);
    }
    update.push('\n');
    update
}

/// Pushes every graph of `store` to `remote`; `progress` is called after each graph.
/// Fails only when the store or the log cannot be read or written; graphs that did
/// not arrive are in the report.
pub fn push(
    store: &Store,
    remote: &Remote,
    options: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Report, Error> {
    let mut names = graph_names(store)?;
    if options.events_from_server {
        // recomputed from the server's graphs, as they are once every article arrived
        names.retain(|n| ![EVENTS_GRAPH, FIGURES_GRAPH, STATS_GRAPH].contains(&n.as_str()));
    }
    push_fed(remote, options, progress, |feed| {
        feed.expect(names.len());
        for graph in &names {
            feed.send_with(graph, Box::new(move || graph_quads(store, graph)))?;
        }
        Ok(())
    })
}

/// Extracts the articles under `paths` (the readers of `isnad ingest`) and pushes
/// their graphs as they come, with no store: first the ontology and gazetteer
/// graphs (with the `extra` gazetteers, as a store would load them), then each
/// article's graph, then the events graph recomputed from the reports the server
/// holds (always: there is no local events graph). An article's body is the one a
/// store holding it would send, so a log written by either kind of push serves the
/// other. Inputs and records that cannot be read are passed to `skipped` and left
/// out. Memory is bounded by the pipeline's batches and the requests in flight.
#[allow(clippy::too_many_arguments)]
pub fn push_inputs(
    paths: &[PathBuf],
    read: &ReadOptions,
    lex: &Lexicon,
    extra: &[(String, String)],
    remote: &Remote,
    options: &Options,
    progress: &(dyn Fn(Progress) + Sync),
    skipped: &mut dyn FnMut(&Error),
) -> Result<Report, Error> {
    let options = Options {
        events_from_server: true,
        ..options.clone()
    };
    let reference = Store::in_memory()?;
    reference.load_reference_graphs(extra)?;
    push_fed(remote, &options, progress, |feed| {
        let graphs = [ONTOLOGY_GRAPH, vocab::GAZETTEER_GRAPH];
        feed.expect(graphs.len());
        for graph in graphs {
            feed.send(graph, graph_quads(&reference, graph)?)?;
        }
        pipeline::extract_each(paths, read, lex, |out| match out {
            Output::Article(x) => {
                let x = *x;
                feed.expect(1);
                feed.send(&x.extraction.iri, x.quads)
            }
            Output::Skipped(e) => {
                skipped(&e);
                Ok(())
            }
            Output::Read { .. } | Output::AwaitingInput => Ok(()),
        })
    })
}

/// How a worker gets a graph's quads: already read (from extraction), or read
/// by the worker itself (from the store: reading decodes every term, so the
/// workers share it).
type ReadQuads<'q> = Box<dyn FnOnce() -> Result<Vec<Quad>, Error> + Send + 'q>;

/// The graphs of a push as they are produced, handed to the workers (a bounded
/// queue: the producer waits while every worker is busy). Each worker reads the
/// graph's quads, makes its [`Body`] (sorting, serialising, hashing) and sends it.
pub struct Feed<'a, 'q> {
    tx: SyncSender<(String, ReadQuads<'q>)>,
    state: &'a Mutex<Report>,
    fatal: &'a Mutex<Option<Error>>,
}

impl<'q> Feed<'_, 'q> {
    /// Counts `n` more graphs in the progress total.
    pub fn expect(&self, n: usize) {
        self.state.lock().expect("not poisoned").progress.total += n;
    }

    /// Queues one graph: its name and its quads. An error once the push failed for
    /// good (the log cannot be written): the producer should stop.
    pub fn send(&self, graph: &str, quads: Vec<Quad>) -> Result<(), Error> {
        self.send_with(graph, Box::new(move || Ok(quads)))
    }

    /// Queues one graph whose quads the worker reads with `read`.
    pub fn send_with(&self, graph: &str, read: ReadQuads<'q>) -> Result<(), Error> {
        if self.fatal.lock().expect("not poisoned").is_some() {
            return Err(remote_error(graph, "the push stopped"));
        }
        self.tx
            .send((graph.to_owned(), read))
            .map_err(|_| remote_error(graph, "the push stopped"))
    }
}

/// The push itself: `produce` feeds the graphs (on the calling thread) while
/// `options.workers` threads send them; then, with
/// [`Options::events_from_server`], the events graph recomputed from the server.
fn push_fed<'q>(
    remote: &Remote,
    options: &Options,
    progress: &(dyn Fn(Progress) + Sync),
    produce: impl FnOnce(&Feed<'_, 'q>) -> Result<(), Error>,
) -> Result<Report, Error> {
    let logged = match &options.log {
        Some(p) => read_log(p)?,
        None => HashMap::new(),
    };
    let log = match &options.log {
        Some(p) => Some(Mutex::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map_err(|e| Error::io(p, e))?,
        )),
        None => None,
    };
    let state = Mutex::new(Report::default());
    let fatal: Mutex<Option<Error>> = Mutex::new(None);
    let agent = remote.agent();
    if options.events_from_server {
        state.lock().expect("not poisoned").progress.total += 1;
    }
    let send_one = |body: Body| {
        if logged.get(&body.graph) == Some(&body.hash) {
            let mut s = state.lock().expect("not poisoned");
            s.progress.skipped += 1;
            progress(s.progress);
            return;
        }
        let outcome = send_graph(remote, &agent, &body.graph, &body.bytes);
        if outcome.is_ok() {
            if let (Some(log), Some(path)) = (&log, &options.log) {
                let mut f = log.lock().expect("not poisoned");
                if let Err(e) = writeln!(f, "{} {}", body.graph, body.hash).and_then(|()| f.flush())
                {
                    *fatal.lock().expect("not poisoned") = Some(Error::io(path, e));
                }
            }
        }
        let mut s = state.lock().expect("not poisoned");
        match outcome {
            Ok(()) => {
                s.progress.sent += 1;
                s.progress.triples += body.triples;
            }
            Err(reason) => {
                s.progress.failed += 1;
                s.failures.push(Failure {
                    graph: body.graph,
                    reason,
                });
            }
        }
        progress(s.progress);
    };
    let (tx, rx) = sync_channel::<(String, ReadQuads<'q>)>(options.workers.max(1) * 2);
    let rx = Mutex::new(rx);
    let produced = std::thread::scope(|scope| {
        for _ in 0..options.workers.max(1) {
            scope.spawn(|| loop {
                let next = rx.lock().expect("not poisoned").recv();
                let Ok((graph, read)) = next else { break };
                // after a fatal error the queue is drained, not sent
                if fatal.lock().expect("not poisoned").is_some() {
                    continue;
                }
                match read().and_then(|quads| body_of(&graph, quads)) {
                    Ok(body) => send_one(body),
                    Err(e) => *fatal.lock().expect("not poisoned") = Some(e),
                }
            });
        }
        let feed = Feed {
            tx,
            state: &state,
            fatal: &fatal,
        };
        let produced = produce(&feed);
        drop(feed); // the workers send what is queued, then stop
        produced
    });
    if let Some(e) = fatal.lock().expect("not poisoned").take() {
        return Err(e);
    }
    produced?;
    // the events graph from what the server holds, once every article is there
    if options.events_from_server {
        let arrived = state.lock().expect("not poisoned").failures.is_empty();
        let not_sent = |reason: String| {
            let mut s = state.lock().expect("not poisoned");
            s.progress.failed += 1;
            s.failures.push(Failure {
                graph: EVENTS_GRAPH.to_owned(),
                reason,
            });
            progress(s.progress);
        };
        if !arrived {
            not_sent("not recomputed: some articles did not arrive".into());
        } else {
            match server_derived(remote) {
                Ok(bodies) => {
                    for body in bodies {
                        send_one(body);
                    }
                }
                Err(Error::Remote { reason, .. }) => not_sent(format!("not recomputed: {reason}")),
                Err(e) => return Err(e),
            }
        }
        if let Some(e) = fatal.lock().expect("not poisoned").take() {
            return Err(e);
        }
    }
    let mut report = state.into_inner().expect("not poisoned");
    report.failures.sort_by(|a, b| a.graph.cmp(&b.graph));
    Ok(report)
}

/// The derived graphs (events, figures, counts) recomputed from what the server
/// holds: every quad of IRI subjects of every graph but the derived ones (the
/// figures and counts need the claims and mentions, not only the event reports;
/// Virtuoso's blank node labels, `nodeID://…`, are not valid in SPARQL JSON results
/// and are not needed) read back into an in-memory store and rebuilt there
/// exactly as in the embedded store (so the result does not depend on the order
/// articles arrived in), as graph bodies. Holds the archive in memory: fine for a
/// newsroom's archive, not for GDELT.
pub fn server_derived(remote: &Remote) -> Result<Vec<Body>, Error> {
    let not_derived: String = DERIVED_GRAPHS
        .iter()
        .map(|g| format!("?g != <{g}> && "))
        .collect();
    let pattern = format!("GRAPH ?g {{ ?s ?p ?o }} FILTER({not_derived}isIRI(?s) && !isBlank(?o))");
    let quads = super::export::select_quads(remote, &pattern)?;
    let local = Store::in_memory()?;
    local.oxigraph().extend(quads)?;
    local.rebuild_derived()?;
    [EVENTS_GRAPH, FIGURES_GRAPH, STATS_GRAPH]
        .into_iter()
        .map(|g| graph_body(&local, g))
        .collect()
}

/// Checks that the server answers at all (one line naming the URL otherwise).
pub fn check_reachable(remote: &Remote) -> Result<(), Error> {
    let agent = remote.agent();
    let url = format!(
        "{}{}query={}",
        remote.endpoint,
        if remote.endpoint.contains('?') {
            '&'
        } else {
            '?'
        },
        encode("ASK { }")
    );
    match remote.send(
        &agent,
        "GET",
        &url,
        &[("Accept", "application/sparql-results+json")],
        b"",
    ) {
        Ok(a) if a.ok() => Ok(()),
        Ok(a) => Err(remote_error(&remote.endpoint, a.describe())),
        Err(e) => Err(remote_error(&remote.endpoint, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body is the graph's quads sorted and written by the N-Triples serialiser,
    /// each once, whatever order they come in.
    #[test]
    fn a_body_is_the_sorted_n_triples_of_its_quads() {
        use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
        let trig = r#"<x:g> {
            <x:b> <x:p> "tab\there \"quoted\" \\ back\nline"@ar , "12"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <x:a> <x:p> _:n1 . _:n1 <x:q> "قتلى" . <x:a> <x:p2> <x:b> . <x:a> <x:p> <x:bb> .
            <x:a> <x:p> "plain" , "plain2" , "plain"@en , "plain"^^<x:t> .
        }"#;
        let mut quads: Vec<Quad> = RdfParser::from_format(RdfFormat::TriG)
            .for_reader(trig.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        let mut sorted = quads.clone();
        sorted.sort_by_cached_key(|q| q.to_string());
        let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
        for q in &sorted {
            w.serialize_triple(q.as_ref()).unwrap();
        }
        let expected = w.finish().unwrap();
        quads.reverse();
        quads.push(quads[0].clone());
        let body = body_of("x:g", quads).unwrap();
        assert_eq!(
            String::from_utf8(body.bytes).unwrap(),
            String::from_utf8(expected).unwrap()
        );
        assert_eq!(body.triples, sorted.len());
        assert_eq!(body.hash.len(), 64);
    }

    #[test]
    fn an_update_keeps_each_blank_node_in_one_operation() {
        let mut body = String::new();
        for i in 0..(TRIPLES_PER_INSERT + 10) {
            body.push_str(&format!("<x:s{i}> <x:p> \"_:not a node\" .\n"));
        }
        body.push_str(
            "<x:a> <x:p> _:b1 .\n_:b1 <x:q> _:b2 .\n_:b2 <x:r> \"v\" .\n<x:c> <x:p> _:b3 .\n",
        );
        let u = update_text("x:g", body.as_bytes());
        assert!(u.starts_with("DROP SILENT GRAPH <x:g> ;"));
        assert_eq!(u.matches("INSERT DATA").count(), 2, "{u}");
        assert_eq!(u.matches("WHERE { }").count(), 1, "{u}");
        let blank_op = u.split(" ;\n").find(|op| op.contains("WHERE")).unwrap();
        assert!(blank_op.contains("_:b1 <x:q> _:b2") && blank_op.contains("_:b2 <x:r>"));
    }
}

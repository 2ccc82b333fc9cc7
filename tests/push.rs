//! `isnad push`, `isnad query --endpoint`, `export --endpoint` and `explain
//! --endpoint` against a real Virtuoso (Debian's `virtuoso-opensource`, installed
//! by scripts/setup-system) on 127.0.0.1, on free ports, with its database in a
//! temporary directory; started and stopped (by its PID, also when the test
//! fails) by the test (`common/virtuoso.rs`, shared with the benchmark). Skipped,
//! with the reason printed, when `virtuoso-t` is not installed.
//!
//! The round trip: the demo corpus ingested into a temporary store, pushed over
//! the Graph Store Protocol; every file of queries/ asked of the server and of the
//! embedded store, answers compared as sets of rows: every one the same; a second push changes nothing (triple counts per
//! graph); a push over SPARQL Update gives the same graphs; the server killed
//! (SIGKILL) in the middle of a push, restarted, and the re-run with the same log
//! completes to the same graphs. `isnad export --endpoint` reads the same quads
//! back; `isnad explain --endpoint` prints the local evidence chains; `isnad push
//! PATH...` (no store) into the emptied server gives the store's graphs.
//!
//! A second test needs no Virtuoso: pushes into `isnad serve` (refused by a
//! read-only one, one line per graph; accepted both ways by `--allow-update`, with
//! the same explain); `isnad push PATH...` into it gives the graphs, rows and
//! chains of ingest + push, its log makes the store's push a no-op, and an
//! unreadable input is one line and exit code 3.

mod common;
#[path = "common/virtuoso.rs"]
mod virtuoso;
use virtuoso::{free_port, Virtuoso, INI};
// the benchmark's synthetic corpus (bench/src/corpus.rs)
#[allow(dead_code)]
#[path = "../bench/src/corpus.rs"]
mod bench_corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn isnad(args: &[&str]) -> std::process::Output {
    common::run(args)
}

/// Rows of a query's TSV answer, as a set of lines (header first, then sorted rows).
fn rows(out: &std::process::Output, what: &str) -> (String, BTreeSet<String>) {
    assert!(
        out.status.success(),
        "{what} failed: {}",
        common::stderr(out)
    );
    let text = common::stdout(out);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("").to_owned();
    (header, lines.map(str::to_owned).collect())
}

/// Triples per isnad graph on the server.
fn remote_counts(v: &Virtuoso) -> BTreeMap<String, String> {
    let q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
             FILTER(STRSTARTS(STR(?g), \"https://w3id.org/isnad/\")) } GROUP BY ?g";
    let out = isnad(&["query", "--endpoint", &v.endpoint(), "--format", "tsv", q]);
    graph_counts(&out, "counting the server's graphs")
}

/// A `?g ?n` TSV answer as graph → count, but for a store's own bookkeeping
/// graphs (the merge's cache, markers), which a push leaves out and a server's
/// store keeps for itself.
fn graph_counts(out: &std::process::Output, what: &str) -> BTreeMap<String, String> {
    let (_, rows) = rows(out, what);
    rows.into_iter()
        .filter_map(|r| {
            r.split_once('\t')
                .map(|(g, n)| (g.to_owned(), n.to_owned()))
        })
        .filter(|(g, _)| {
            !isnad::store::is_internal_graph(g.trim_start_matches('<').trim_end_matches('>'))
        })
        .collect()
}

/// Triples per graph in the local store (the same TSV shape).
fn local_counts(store: &str) -> BTreeMap<String, String> {
    let q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
    let out = isnad(&["--store", store, "query", "--format", "tsv", q]);
    graph_counts(&out, "counting the local graphs")
}

/// `isnad push --endpoint E --graph-store G ARGS...` (`--store` in ARGS, or the
/// inputs to push without a store).
fn push_gsp(endpoint: &str, gsp: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["push", "--endpoint", endpoint, "--graph-store", gsp];
    all.extend_from_slice(args);
    isnad(&all)
}

/// Asserts that a query file gives the same rows from the local store and from the
/// endpoint (as sets, header first); returns how many rows.
fn same_rows(store: &str, endpoint: &str, file: &str) -> usize {
    let here = rows(
        &isnad(&["--store", store, "query", "--format", "tsv", "--file", file]),
        file,
    );
    let there = rows(
        &isnad(&[
            "query",
            "--endpoint",
            endpoint,
            "--format",
            "tsv",
            "--file",
            file,
        ]),
        file,
    );
    assert_eq!(there, here, "{file} at {endpoint}");
    here.1.len()
}

/// IRIs whose evidence chains the tests compare: every merged event with figures,
/// every claim and up to 8 event reports and 4 actors (the least IRIs), from the
/// local store.
fn explain_samples(store: &str) -> Vec<String> {
    let mut iris = Vec::new();
    for q in [
        "SELECT DISTINCT ?x WHERE { ?r owl:sameAs ?x . ?c isn:about ?r }",
        "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a isn:CountClaim } }",
        "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x isn:trigger ?t } } ORDER BY ?x LIMIT 8",
        "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a isn:ArmedGroup ; isn:mentionedAs ?f } } ORDER BY ?x LIMIT 4",
    ] {
        let (_, rows) = rows(
            &isnad(&["--store", store, "query", "--format", "tsv", q]),
            q,
        );
        assert!(!rows.is_empty(), "{q}");
        iris.extend(rows);
    }
    iris
}

/// `isnad explain --endpoint` prints what the local `isnad explain` prints, for
/// every IRI of `iris`.
fn explains_alike(store: &str, endpoint: &str, iris: &[String]) {
    let mut sections = BTreeSet::new();
    for iri in iris {
        let here = common::ok(&["--store", store, "explain", iri]);
        let there = common::ok(&["explain", "--endpoint", endpoint, iri]);
        assert_eq!(there, here, "explain {iri} at {endpoint}");
        sections.extend(
            ["figures, side by side:", "credited:", "quote:", "named in"]
                .into_iter()
                .filter(|s| here.contains(s)),
        );
    }
    assert_eq!(
        sections.len(),
        4,
        "every kind of chain compared: {sections:?}"
    );
}

fn push(store: &str, v: &Virtuoso, extra: &[&str]) -> std::process::Output {
    let endpoint = v.endpoint();
    let mut args = vec!["--store", store, "push", "--endpoint", &endpoint];
    args.extend_from_slice(extra);
    isnad(&args)
}

#[test]
fn push_round_trips_through_a_real_virtuoso() {
    if !virtuoso::installed() {
        eprintln!("skipped: virtuoso-t or {INI} is not installed (scripts/setup-system installs virtuoso-opensource)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("virtuoso");
    std::fs::create_dir_all(&db).expect("db dir");
    // answers cut at 1,000 rows (Debian's default is 10,000): the demo corpus's
    // export and reports are read back in pages, as a large archive's would be
    let mut v = Virtuoso::start_with_cap(&db, Some(1000)).expect("Virtuoso starts");
    // SPARQL Update, and Graph Store Protocol writes as the anonymous web user
    v.allow_writes().expect("grants");

    let store = tmp.path().join("store");
    let store = store.to_str().expect("utf-8 path");
    common::ok(&["--store", store, "ingest", "examples/"]);
    let local = local_counts(store);
    assert!(
        local.len() >= 7,
        "ontology, gazetteer, 4 articles, events: {local:?}"
    );

    // 1. the push
    let log = tmp.path().join("push.log");
    let log = log.to_str().expect("utf-8 path");
    let gsp = v.graph_store();
    let out = push(store, &v, &["--graph-store", &gsp, "--log", log]);
    assert!(out.status.success(), "push: {}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains(&format!("pushed {} graphs", local.len())),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(remote_counts(&v), local, "every graph arrived whole");

    // 2. every query of queries/, on both sides
    let mut names: Vec<PathBuf> = std::fs::read_dir("queries")
        .expect("queries/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    names.sort();
    let mut matched = Vec::new();
    for path in &names {
        let file = path.to_str().expect("utf-8 path");
        let name = path.file_name().unwrap().to_str().unwrap();
        let here = rows(
            &isnad(&["--store", store, "query", "--format", "tsv", "--file", file]),
            file,
        );
        let there = isnad(&[
            "query",
            "--endpoint",
            &v.endpoint(),
            "--format",
            "tsv",
            "--file",
            file,
        ]);
        assert!(
            there.status.success() && rows(&there, file) == here,
            "{name}: the server's answer differs from the embedded store's:\nhere:  {here:?}\nthere: {:?}\n{}",
            common::stdout(&there),
            common::stderr(&there)
        );
        matched.push(name.to_owned());
    }
    eprintln!("queries answered identically by Virtuoso: {matched:?}");
    assert_eq!(matched.len(), names.len(), "{matched:?}");

    // the graphs read back: `isnad export --endpoint` gives the local export's bytes
    // (article and events graphs; no blank nodes there, so equal as text)
    let here = common::ok(&["--store", store, "export", "--format", "nquads"]);
    let there = common::ok(&["export", "--endpoint", &v.endpoint(), "--format", "nquads"]);
    assert!(here.lines().count() > 500);
    if there != here {
        let (a, b): (BTreeSet<&str>, BTreeSet<&str>) =
            (here.lines().collect(), there.lines().collect());
        let missing: Vec<_> = a.difference(&b).take(8).collect();
        let extra: Vec<_> = b.difference(&a).take(8).collect();
        panic!("the remote export differs from the local one:\nnot read back: {missing:#?}\nonly there: {extra:#?}");
    }
    let one = [
        "export",
        "--format",
        "nquads",
        "--article",
        "sources-disagree.txt",
    ];
    let here = common::ok(&[&["--store", store][..], &one[..]].concat());
    let there = common::ok(&[&one[..], &["--endpoint", &v.endpoint()][..]].concat());
    assert_eq!(there, here, "one article read back");
    // evidence chains read from Virtuoso: the local ones
    explains_alike(store, &v.endpoint(), &explain_samples(store));

    // 3. re-push: the log skips everything; without the log every graph is sent
    // again and replaces itself
    let out = push(store, &v, &["--graph-store", &gsp, "--log", log]);
    assert!(out.status.success());
    assert!(
        common::stderr(&out).contains("pushed 0 graphs"),
        "{}",
        common::stderr(&out)
    );
    let out = push(store, &v, &["--graph-store", &gsp]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(remote_counts(&v), local, "re-push changed nothing");
    // SPARQL Update instead of GSP: the same graphs
    let out = push(store, &v, &[]);
    assert!(
        out.status.success(),
        "update push: {}",
        common::stderr(&out)
    );
    assert_eq!(remote_counts(&v), local, "update push: the same graphs");

    // the events graph recomputed from what Virtuoso holds: the same as the local one
    let out = push(store, &v, &["--graph-store", &gsp, "--events-from-server"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let q = "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/isnad/id/graph/events> { ?s ?p ?o } }";
    let here = rows(
        &isnad(&["--store", store, "query", "--format", "tsv", q]),
        "local events",
    );
    let there = rows(
        &isnad(&["query", "--endpoint", &v.endpoint(), "--format", "tsv", q]),
        "events",
    );
    assert_eq!(there, here, "events recomputed from the server");

    // 4. the server killed in the middle of a push; a re-run completes
    for g in local.keys() {
        v.isql(&format!("SPARQL CLEAR GRAPH {g};")).expect("clear");
    }
    assert!(remote_counts(&v).is_empty());
    let log2 = tmp.path().join("push2.log");
    let log2s = log2.to_str().expect("utf-8 path");
    let endpoint = v.endpoint();
    let mut pushing = common::isnad()
        .args([
            "--store",
            store,
            "push",
            "--endpoint",
            &endpoint,
            "--graph-store",
            &gsp,
        ])
        .args(["--log", log2s, "--workers", "1", "--retries", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("push starts");
    // wait for the first graph to arrive, then kill the server
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read_to_string(&log2)
        .unwrap_or_default()
        .lines()
        .count()
        < 1
    {
        assert!(Instant::now() < deadline, "no graph pushed in 60 s");
        std::thread::sleep(Duration::from_millis(5));
    }
    v.kill();
    let status = pushing.wait().expect("push ends");
    let errors: Vec<String> = BufReader::new(pushing.stderr.take().expect("stderr"))
        .lines()
        .map_while(Result::ok)
        .collect();
    let logged = std::fs::read_to_string(&log2)
        .unwrap_or_default()
        .lines()
        .count();
    eprintln!(
        "interrupted push: {status}, {logged} of {} graphs logged",
        local.len()
    );
    if logged < local.len() {
        assert_eq!(
            status.code(),
            Some(3),
            "some graphs did not arrive: {errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("isnad: not pushed https://w3id.org/isnad/")),
            "{errors:?}"
        );
    }
    v.run().expect("Virtuoso restarts");
    let out = push(store, &v, &["--graph-store", &gsp, "--log", log2s]);
    assert!(out.status.success(), "re-run: {}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains(&format!("{logged} already there by the log")),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(remote_counts(&v), local, "the re-run completed the graphs");

    // 5. push PATH...: the demo corpus extracted and pushed with no store, into an
    // emptied server, gives the graphs of the store's push
    for g in local.keys() {
        v.isql(&format!("SPARQL CLEAR GRAPH {g};")).expect("clear");
    }
    assert!(remote_counts(&v).is_empty());
    let out = push_gsp(&endpoint, &gsp, &["examples/"]);
    assert!(out.status.success(), "push PATH: {}", common::stderr(&out));
    assert_eq!(remote_counts(&v), local, "push PATH: the store's graphs");
}

/// `isnad serve` on a free port (`--memory`: a store of its own), killed on drop.
struct Serve {
    child: Child,
    base: String,
}

impl Serve {
    fn start(args: &[&str]) -> Serve {
        let mut all = vec!["--memory", "serve", "--bind", "127.0.0.1:0"];
        all.extend_from_slice(args);
        let (child, base) = common::start_serve(&all, Stdio::null());
        Serve { child, base }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs everywhere (no Virtuoso needed): refusals are one line per graph naming it
/// and the HTTP status, the exit code says not everything arrived; against a server
/// that accepts writes, both kinds of push arrive and the queries answer the same.
#[test]
fn push_reports_refusals_per_graph_and_round_trips_through_isnad_serve() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = tmp.path().join("store");
    let store = store.to_str().expect("utf-8 path");
    common::ok(&["--store", store, "ingest", "examples/"]);
    let local = local_counts(store);

    // a read-only server: every write refused with 403
    let ro = Serve::start(&[]);
    let out = isnad(&[
        "--store",
        store,
        "push",
        "--endpoint",
        &format!("{}/query", ro.base),
        "--graph-store",
        &format!("{}/store", ro.base),
        "--retries",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    let refused: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("isnad: not pushed "))
        .collect();
    assert_eq!(refused.len(), local.len(), "{err}");
    for line in &refused {
        assert!(line.contains(": HTTP 403"), "{line}");
    }
    for g in local.keys() {
        let iri = g.trim_matches(['<', '>']);
        assert!(
            err.contains(&format!("isnad: not pushed {iri}: HTTP 403")),
            "{iri}: {err}"
        );
    }
    drop(ro);

    // nothing listening: a connection error, named, after the bounded retries
    let port = free_port();
    let out = isnad(&[
        "--store",
        store,
        "push",
        "--endpoint",
        &format!("http://127.0.0.1:{port}/update"),
        "--retries",
        "1",
        "--workers",
        "2",
    ]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains(&format!("{} failed", local.len())), "{err}");
    assert!(
        err.contains("isnad: not pushed https://w3id.org/isnad/id/graph/ontology: "),
        "{err}"
    );

    // arguments
    let out = isnad(&[
        "--store",
        store,
        "push",
        "--endpoint",
        "https://example.org/sparql",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("plain HTTP only"),
        "{}",
        common::stderr(&out)
    );
    let out = common::isnad()
        .args([
            "--store",
            store,
            "push",
            "--endpoint",
            "http://127.0.0.1:9/x",
            "--user",
            "a",
        ])
        .env_remove("ISNAD_PASSWORD")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("ISNAD_PASSWORD"),
        "{}",
        common::stderr(&out)
    );

    // a server that takes writes: GSP, then SPARQL Update, then the queries
    for via_update in [false, true] {
        let rw = Serve::start(&["--allow-update"]);
        let endpoint = format!("{}/query", rw.base);
        let out = if via_update {
            isnad(&[
                "--store",
                store,
                "push",
                "--endpoint",
                &format!("{}/update", rw.base),
            ])
        } else {
            isnad(&[
                "--store",
                store,
                "push",
                "--endpoint",
                &endpoint,
                "--graph-store",
                &format!("{}/store", rw.base),
            ])
        };
        assert!(out.status.success(), "{}", common::stderr(&out));
        let q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
        let there = graph_counts(
            &isnad(&["query", "--endpoint", &endpoint, "--format", "tsv", q]),
            "counts",
        );
        assert_eq!(there, local, "via update: {via_update}");
        for file in [
            "queries/timeline.rq",
            "queries/casualties-side-by-side.rq",
            "queries/events-by-place.rq",
        ] {
            same_rows(store, &endpoint, file);
        }
        let here = common::ok(&["--store", store, "export", "--format", "trig"]);
        let there = common::ok(&["export", "--endpoint", &endpoint, "--format", "trig"]);
        assert_eq!(there, here);
        if !via_update {
            explains_alike(store, &endpoint, &explain_samples(store));
        }
    }

    // the events graph recomputed from the server's reports: the server is given
    // the articles in two halves, from two stores (as two analysts would), and
    // the events graph it ends with is the one of the store that has them all
    let rw = Serve::start(&["--allow-update"]);
    let endpoint = format!("{}/query", rw.base);
    let gsp = format!("{}/store", rw.base);
    let mut files: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    let halves = files.split_at(files.len() / 2);
    for (i, half) in [halves.1, halves.0].into_iter().enumerate() {
        let part = tmp.path().join(format!("part{i}"));
        let part = part.to_str().expect("utf-8 path");
        let mut args = vec!["--store", part, "ingest"];
        args.extend(half.iter().map(|p| p.to_str().expect("utf-8 path")));
        common::ok(&args);
        let out = isnad(&[
            "--store",
            part,
            "push",
            "--endpoint",
            &endpoint,
            "--graph-store",
            &gsp,
            "--events-from-server",
        ]);
        assert!(out.status.success(), "{}", common::stderr(&out));
    }
    let q = "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/isnad/id/graph/events> { ?s ?p ?o } }";
    let here = rows(
        &isnad(&["--store", store, "query", "--format", "tsv", q]),
        "local events",
    );
    let there = rows(
        &isnad(&["query", "--endpoint", &endpoint, "--format", "tsv", q]),
        "server events",
    );
    assert!(here.1.len() > 50);
    assert_eq!(
        there, here,
        "the recomputed events graph is the whole store's"
    );
    drop(rw);

    // push PATH...: no store; the demo corpus extracted and pushed as it is read
    let rw = Serve::start(&["--allow-update"]);
    let endpoint = format!("{}/query", rw.base);
    let gsp = format!("{}/store", rw.base);
    let log = tmp.path().join("paths.log");
    let log = log.to_str().expect("utf-8 path");
    let out = push_gsp(&endpoint, &gsp, &["--log", log, "examples/"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!("pushed {} graphs", local.len())),
        "{err}"
    );
    let q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
    let there = graph_counts(
        &isnad(&["query", "--endpoint", &endpoint, "--format", "tsv", q]),
        "counts after push PATH",
    );
    assert_eq!(there, local, "push PATH: the graphs of ingest + push");
    assert!(same_rows(store, &endpoint, "queries/timeline.rq") > 0);
    explains_alike(store, &endpoint, &explain_samples(store));
    // the bodies are the store's: the log of push PATH makes the store's push a no-op
    for extra in [&[][..], &["--events-from-server"][..]] {
        let out = push_gsp(
            &endpoint,
            &gsp,
            &[&["--store", store, "--log", log], extra].concat(),
        );
        assert!(out.status.success(), "{}", common::stderr(&out));
        let err = common::stderr(&out);
        assert!(
            err.contains("pushed 0 graphs")
                && err.contains(&format!("; {} already there by the log", local.len())),
            "{extra:?}: {err}"
        );
    }
    // an input that cannot be read: one line naming it, exit code 3, the rest sent
    let bad = tmp.path().join("not-arabic.txt");
    std::fs::write(&bad, "only Latin letters here\n").expect("write");
    let out = push_gsp(
        &endpoint,
        &gsp,
        &["examples/", bad.to_str().expect("utf-8 path")],
    );
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("isnad: skipped ") && l.contains("not-arabic.txt")),
        "{err}"
    );
    assert!(
        err.contains(&format!("pushed {} graphs", local.len())),
        "{err}"
    );
}

/// The events graph recomputed from what the server holds is the local one on the
/// benchmark's corpus (200 articles: incidents told by several outlets over
/// several days, undated leads dated by their articles' publication dates, agents
/// and targets that keep reports apart): the push reads back every property the
/// merge reads. (`isnad serve --allow-update` recomputes the events graph itself
/// after every write, so the body push computed is compared, not the server's
/// graph.)
#[test]
fn push_paths_recompute_the_events_graph_of_a_local_ingest() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("corpus");
    bench_corpus::generate_range(&dir, 0, 200, 2026).expect("corpus written");
    let corpus = dir.to_str().expect("utf-8 path");
    let store = tmp.path().join("store");
    common::ok(&[
        "--store",
        store.to_str().expect("utf-8 path"),
        "ingest",
        corpus,
    ]);
    let rw = Serve::start(&["--allow-update"]);
    let endpoint = format!("{}/query", rw.base);
    let out = push_gsp(&endpoint, &format!("{}/store", rw.base), &[corpus]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let local = isnad::store::Store::open_read_only(&store).expect("store");
    let there = isnad::remote::push::server_derived(&isnad::remote::Remote::new(endpoint))
        .expect("recomputed from the server");
    for (g, there) in [
        isnad::store::EVENTS_GRAPH,
        isnad::store::FIGURES_GRAPH,
        isnad::store::STATS_GRAPH,
    ]
    .into_iter()
    .zip(there)
    {
        let here = isnad::remote::push::graph_body(&local, g).expect("local");
        assert!(here.triples > 1000, "{g}: {}", here.triples);
        assert_eq!(there.triples, here.triples, "{g}");
        assert_eq!(there.hash, here.hash, "{g}: the same graph, byte for byte");
    }
    // and what the push sent is every triple of the local store
    let total: usize = local_counts(store.to_str().expect("utf-8 path"))
        .values()
        .map(|n| n.parse::<usize>().expect("a count"))
        .sum();
    assert!(
        common::stderr(&out).contains(&format!("({total} triples)")),
        "{total}: {}",
        common::stderr(&out)
    );
}

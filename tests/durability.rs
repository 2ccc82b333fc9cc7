//! The store under stress: `kill -9` in the middle of an ingest, a second writer,
//! readers while an ingest runs, removal, and idempotency whatever the order.
//!
//! Synchronisation is by observed conditions, never by sleeping: `ingest
//! --verbose` prints one line per article *after* its transaction committed,
//! and an ingest given `-` blocks on standard input until the test closes it,
//! which holds a live writer open for as long as the test needs.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Stdio};

/// Starts `isnad --store STORE ingest --verbose ARGS...` with piped stdout.
fn spawn_ingest(store: &Path, args: &[&str], stdin: Stdio) -> (Child, BufReader<ChildStdout>) {
    let mut child = isnad()
        .arg("--store")
        .arg(store)
        .args(["ingest", "--verbose"])
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("isnad starts");
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

/// Reads progress lines until `n` articles have been reported committed.
fn wait_for_committed(out: &mut BufReader<ChildStdout>, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    let mut line = String::new();
    while ids.len() < n {
        line.clear();
        let read = out.read_line(&mut line).expect("progress readable");
        assert!(
            read > 0,
            "ingest ended after {} articles, before {n}",
            ids.len()
        );
        if let Some(id) = line.trim_end().strip_prefix("added ") {
            ids.push(id.to_owned());
        }
    }
    ids
}

fn article_graphs(quads: &[String]) -> BTreeSet<String> {
    quads
        .iter()
        .filter(|q| q.contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/isnad/ontology#Article>"))
        .map(|q| q.split_whitespace().next().unwrap().trim_matches(['<', '>']).to_owned())
        .collect()
}

#[test]
fn kill_9_mid_ingest_leaves_a_store_that_reingest_completes_exactly() {
    const N: usize = 160;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, N);
    let corpus_arg = corpus.to_str().unwrap();

    // the uninterrupted run
    let reference_store = dir.path().join("reference");
    ok(&[
        "--store",
        reference_store.to_str().unwrap(),
        "ingest",
        corpus_arg,
    ]);
    let reference = store_quads(&reference_store);
    assert_eq!(article_graphs(&reference).len(), N);

    // kill points: as soon as the store is open (lock file written), and after
    // 1, 57 and 131 committed articles
    for kill_after in [None, Some(1), Some(57), Some(131)] {
        let store = dir.path().join(format!("killed-{kill_after:?}"));
        // several articles per transaction, and many transactions over the corpus:
        // the kills land between and inside multi-article commits
        let (mut child, mut out) =
            spawn_ingest(&store, &["--commit-every", "7", corpus_arg], Stdio::null());
        let committed = match kill_after {
            Some(n) => wait_for_committed(&mut out, n).len(),
            None => {
                // poll (bounded) until the running ingest has written its PID
                let lock = store.join(isnad::store::LOCK_FILE);
                let pid = child.id().to_string();
                let mut seen = false;
                for _ in 0..2_000_000 {
                    if std::fs::read_to_string(&lock).is_ok_and(|s| s.trim() == pid) {
                        seen = true;
                        break;
                    }
                    std::thread::yield_now();
                }
                assert!(seen, "the ingest never wrote its PID in the lock file");
                0
            }
        };
        child.kill().expect("SIGKILL delivered"); // Child::kill is SIGKILL on Unix
        let status = child.wait().unwrap();
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(9),
            "the ingest was not killed but ended by itself ({status:?}): kill point {kill_after:?}"
        );

        // the store opens (the dead process's lock does not block), validates,
        // answers queries, and holds only whole articles
        {
            let s = isnad::store::Store::open(&store).expect("store opens after kill -9");
            s.validate().expect("store validates after kill -9");
            let n = match s
                .query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a isn:Article } }")
                .unwrap()
            {
                oxigraph::sparql::QueryResults::Solutions(mut rows) => {
                    let row = rows.next().unwrap().unwrap();
                    match row.get("n") {
                        Some(oxigraph::model::Term::Literal(l)) => {
                            l.value().parse::<usize>().unwrap()
                        }
                        other => panic!("unexpected count {other:?}"),
                    }
                }
                _ => panic!("not a SELECT result"),
            };
            assert!(
                n >= committed,
                "{committed} articles were reported committed, the store has {n}"
            );
            assert!(
                n < N,
                "the kill at {kill_after:?} landed after the whole corpus was stored"
            );
            eprintln!("kill at {kill_after:?}: {committed} reported, {n} in the store");
        }
        let partial = store_quads(&store);
        for g in article_graphs(&partial) {
            assert_eq!(
                graph_of(&partial, &g),
                graph_of(&reference, &g),
                "article {g} is not whole after kill at {kill_after:?}"
            );
        }

        // running the same ingest again completes the store exactly
        let summary = ok(&["--store", store.to_str().unwrap(), "ingest", corpus_arg]);
        assert!(
            summary.contains(&format!("ingested {N} articles")),
            "{summary}"
        );
        let completed = store_quads(&store);
        assert!(
            completed == reference,
            "after kill at {kill_after:?} and re-ingest the store differs from an uninterrupted run: {} vs {} quads",
            completed.len(),
            reference.len()
        );
    }
}

#[test]
fn a_second_writer_is_told_who_holds_the_store_and_readers_work_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 5);
    let store = dir.path().join("store");
    let store_arg = store.to_str().unwrap();
    let late = dir.path().join("late.txt");
    std::fs::write(&late, article_text(500)).unwrap();

    // corpus first, then stdin (held open by the test), then late.txt
    let (mut child, mut out) = spawn_ingest(
        &store,
        &[corpus.to_str().unwrap(), "-", late.to_str().unwrap()],
        Stdio::piped(),
    );
    let first = wait_for_committed(&mut out, 5);
    assert_eq!(first.len(), 5);
    // the ingest is alive (blocked on stdin) and holds the store
    let pid = child.id();

    let second = run(&["--store", store_arg, "ingest", late.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    let err = stderr(&second);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("is in use by PID {pid}")), "{err}");
    let remove = run(&["--store", store_arg, "remove", "article-0000.txt"]);
    assert_eq!(remove.status.code(), Some(1));
    assert!(stderr(&remove).contains(&format!("PID {pid}")));

    // readers see the committed articles while the writer is open
    let count = ok(&[
        "--store",
        store_arg,
        "query",
        "--format",
        "csv",
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a isn:Article } }",
    ]);
    assert_eq!(count.lines().nth(1), Some("5"), "{count}");
    let stats = ok(&["--store", store_arg, "stats"]);
    assert!(stats.contains("5 articles"), "{stats}");
    let nquads = ok(&["--store", store_arg, "export", "--format", "nquads"]);
    let parsed = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_reader(nquads.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("export parses");
    assert!(!parsed.is_empty());
    assert_eq!(
        child.try_wait().unwrap(),
        None,
        "the writer ended too early"
    );

    // let the writer finish: one article on stdin, then late.txt
    let record = serde_json::json!({"id": "from-stdin", "text": article_text(501)});
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{record}").unwrap();
    drop(stdin);
    let rest = wait_for_committed(&mut out, 2);
    assert_eq!(rest, ["from-stdin", "late.txt"]);
    assert!(child.wait().unwrap().success());

    // the lock went with the process
    let again = ok(&["--store", store_arg, "ingest", late.to_str().unwrap()]);
    assert!(again.contains("(1 unchanged"), "{again}");
}

#[test]
fn remove_deletes_an_article_and_only_it() {
    let (dir, store) = demo_store();
    let s = store.to_str().unwrap();
    let before = store_quads(&store);
    let iri = "https://w3id.org/isnad/id/article/diyala-army-post.txt";
    let removed_graph = graph_of(&before, iri);
    assert!(!removed_graph.is_empty());

    let out = ok(&["--store", s, "remove", "diyala-army-post.txt"]);
    assert_eq!(out.trim(), "removed diyala-army-post.txt");
    let after = store_quads(&store);
    // the derived graphs (events, figures, counts) come from all articles: they are
    // refreshed without this one
    let not_derived = |quads: &[String]| -> Vec<String> {
        let mut derived = std::collections::HashSet::new();
        for g in isnad::store::DERIVED_GRAPHS {
            derived.extend(graph_of(quads, g));
        }
        quads
            .iter()
            .filter(|q| !derived.contains(q.as_str()))
            .cloned()
            .collect()
    };
    let expected: Vec<String> = not_derived(&before)
        .into_iter()
        .filter(|q| !removed_graph.contains(q.as_str()))
        .collect();
    assert_eq!(
        not_derived(&after),
        expected,
        "remove touched other articles' graphs"
    );
    // …exactly as if the article had never been ingested
    let fresh = dir.path().join("fresh");
    let others: Vec<String> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt") && !p.ends_with("diyala-army-post.txt")
        })
        .map(|p| p.display().to_string())
        .collect();
    let mut args = vec!["--store", fresh.to_str().unwrap(), "ingest"];
    args.extend(others.iter().map(String::as_str));
    ok(&args);
    let fresh_quads = store_quads(&fresh);
    for g in isnad::store::DERIVED_GRAPHS {
        assert_eq!(
            graph_of(&after, g),
            graph_of(&fresh_quads, g),
            "the derived graph {g} still counts the removed article"
        );
    }

    // by IRI, and unknown ids: reported, exit 3, nothing else changes
    let out = run(&[
        "--store",
        s,
        "remove",
        "https://w3id.org/isnad/id/article/sources-disagree.txt",
        "no-such-article.txt",
        iri,
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        "removed https://w3id.org/isnad/id/article/sources-disagree.txt"
    );
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.contains("no-such-article.txt") && err.contains(iri),
        "{err}"
    );

    // ingesting again restores exactly the first state
    ok(&["--store", s, "ingest", "examples"]);
    assert_eq!(store_quads(&store), before);
}

#[test]
fn ingest_is_idempotent_in_any_order_and_edits_replace_whole_graphs() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 24);
    let mut files: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    files.push("examples".to_owned());
    let ingest = |store: &Path, paths: &[String]| -> String {
        let mut args = vec!["--store", store.to_str().unwrap(), "ingest"];
        args.extend(paths.iter().map(String::as_str));
        ok(&args)
    };
    let forward = dir.path().join("forward");
    let backward = dir.path().join("backward");
    ingest(&forward, &files);
    let reversed: Vec<String> = files.iter().rev().cloned().collect();
    ingest(&backward, &reversed);
    let reference = store_quads(&forward);
    assert_eq!(
        store_quads(&backward),
        reference,
        "the input order changed the graph"
    );

    // again, in the other order: a no-op
    let again = ingest(&forward, &reversed);
    assert!(
        again.contains("ingested 28 articles (28 unchanged, 0 skipped)"),
        "{again}"
    );
    assert_eq!(store_quads(&forward), reference);

    // an edit replaces that article's graph (no stale quads), a revert restores it
    let edited = corpus.join("article-0000.txt");
    let original = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, original.replace("قتلوا", "قتلوا جميعا")).unwrap();
    let out = ingest(&forward, &files);
    assert!(out.contains("(27 unchanged"), "{out}");
    let changed = store_quads(&forward);
    let iri = "https://w3id.org/isnad/id/article/article-0000.txt";
    assert_ne!(graph_of(&changed, iri), graph_of(&reference, iri));
    let fresh = dir.path().join("fresh");
    ingest(&fresh, &files);
    assert_eq!(changed, store_quads(&fresh), "replacing left stale quads");
    std::fs::write(&edited, original).unwrap();
    ingest(&forward, &files);
    assert_eq!(store_quads(&forward), reference);
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    // more articles than one extraction batch holds, so batches and threads interleave
    let n = isnad::pipeline::BATCH_ARTICLES * 2 + 37;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, n);
    let corpus_arg = corpus.to_str().unwrap();

    let one = ok(&["--threads", "1", "extract", corpus_arg]);
    let three = ok(&["--threads", "3", "extract", corpus_arg]);
    assert!(one.lines().count() > n * 10, "too few quads");
    assert!(one == three, "extract differs between 1 and 3 threads");

    let mut stores = Vec::new();
    for threads in ["1", "2"] {
        let store = dir.path().join(format!("store-{threads}"));
        let out = run(&[
            "--store",
            store.to_str().unwrap(),
            "--threads",
            threads,
            "ingest",
            corpus_arg,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        // not a terminal: no progress bar, nothing on stderr for a clean run
        assert_eq!(stderr(&out), "");
        assert!(stdout(&out).contains(&format!("ingested {n} articles")));
        stores.push(store_quads(&store));
    }
    assert!(
        stores[0] == stores[1],
        "stores differ between 1 and 2 threads"
    );
}

//! End-to-end tests: run the `isnad` binary on the demo corpus and on inputs made
//! here, and check the output contract (graphs, provenance, evidence, determinism).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{demo_store, ok, run};

const ISN: &str = "https://w3id.org/isnad/ontology#";

fn parse(text: &str, format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_reader(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("output parses as RDF")
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn str_args(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

#[test]
fn extract_gives_one_graph_per_article_named_by_the_article() {
    let quads = parse(&ok(&["extract", "examples"]), RdfFormat::NQuads);
    let mut graphs: BTreeMap<String, Vec<&Quad>> = BTreeMap::new();
    for q in &quads {
        let GraphName::NamedNode(g) = &q.graph_name else {
            panic!("quad outside a named graph: {q}");
        };
        graphs.entry(g.as_str().to_owned()).or_default().push(q);
    }
    assert_eq!(graphs.len(), examples().len());
    for (g, qs) in &graphs {
        let about_article: BTreeSet<&str> = qs
            .iter()
            .filter(|q| q.subject.to_string() == format!("<{g}>"))
            .map(|q| q.predicate.as_str())
            .collect();
        for p in [
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "https://schema.org/identifier",
            "https://w3id.org/isnad/ontology#sha256",
            "https://w3id.org/isnad/ontology#text",
        ] {
            assert!(about_article.contains(p), "{g} lacks {p}");
        }
    }
}

#[test]
fn every_quote_is_the_exact_slice_its_offsets_name() {
    let files = examples();
    let texts: BTreeMap<String, Vec<char>> = files
        .iter()
        .map(|f| {
            let id = f.file_name().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(f).unwrap().chars().collect())
        })
        .collect();
    let quads = parse(&ok(&["extract", "examples"]), RdfFormat::NQuads);
    let mut by_subject: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for q in &quads {
        let g = q.graph_name.to_string();
        let value = match &q.object {
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        };
        if q.predicate.as_str() == "https://schema.org/identifier" {
            ids.insert(g.clone(), value.clone());
        }
        by_subject
            .entry((g, q.subject.to_string()))
            .or_default()
            .insert(q.predicate.as_str().to_owned(), value);
    }
    let mut checked = 0;
    for ((g, s), props) in &by_subject {
        let Some(quote) = props.get(&format!("{ISN}quote")) else {
            continue;
        };
        let start: usize = props[&format!("{ISN}start")].parse().unwrap();
        let end: usize = props[&format!("{ISN}end")].parse().unwrap();
        let text = &texts[&ids[g]];
        let slice: String = text[start..end].iter().collect();
        assert_eq!(
            &slice, quote,
            "{s}: offsets {start}..{end} do not give the quote"
        );
        checked += 1;
    }
    assert!(checked > 10, "too few quotes checked: {checked}");
}

#[test]
fn output_does_not_depend_on_input_order() {
    let files = str_args(&examples());
    let mut forward = vec!["extract".to_owned()];
    forward.extend(files.iter().cloned());
    let mut backward = vec!["extract".to_owned()];
    backward.extend(files.iter().rev().cloned());
    let as_set = |args: &[String]| -> BTreeSet<String> {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        parse(&ok(&args), RdfFormat::NQuads)
            .iter()
            .map(|q| q.to_string())
            .collect()
    };
    assert_eq!(as_set(&forward), as_set(&backward));
}

#[test]
fn ingest_is_idempotent_and_queries_see_the_union() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let first = ok(&["--store", store, "ingest", "examples"]);
    assert!(first.contains("0 unchanged"), "{first}");
    let count = || {
        ok(&[
            "--store",
            store,
            "query",
            "--format",
            "csv",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        ])
    };
    let before = count();
    let second = ok(&["--store", store, "ingest", "examples"]);
    assert!(
        second.contains(&format!("({} unchanged", examples().len())),
        "{second}"
    );
    assert_eq!(
        before,
        count(),
        "re-ingesting the same articles changed the store"
    );
    // the default graph is the union: claims are visible without GRAPH
    let claims = ok(&[
        "--store",
        store,
        "query",
        "--format",
        "csv",
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c a isn:CountClaim }",
    ]);
    let n: usize = claims.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(n > 0, "no claims visible in the union graph");
    // the gazetteer graph holds the GeoNames import: a town's governorate and
    // coordinates, and the coordinates it gave a hand-written town that had none
    let places = ok(&[
        "--store",
        store,
        "query",
        "--format",
        "csv",
        "SELECT ?gov ?lat ?dhiban WHERE { id:ayn-halaqim isn:locatedIn ?gov ; geo:lat ?lat . \
         id:dhiban geo:lat ?dhiban }",
    ]);
    assert_eq!(
        places.lines().nth(1),
        Some("https://w3id.org/isnad/id/hama-governorate,34.93998,35.01498"),
        "{places}"
    );
}

fn every_query_returns_rows_on(corpus: &str) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    ok(&["--store", store, "ingest", corpus]);
    let mut queries: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("queries"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rq"))
            .collect();
    queries.sort();
    assert!(queries.len() >= 6);
    for q in queries {
        let out = ok(&[
            "--store",
            store,
            "query",
            "--format",
            "csv",
            "--file",
            q.to_str().unwrap(),
        ]);
        assert!(
            out.lines().count() >= 2,
            "{} returned no rows on {corpus}",
            q.display()
        );
    }
}

#[test]
fn every_query_in_queries_runs_and_returns_rows_on_the_demo_corpus() {
    every_query_returns_rows_on("examples");
}

#[test]
fn every_query_in_queries_runs_and_returns_rows_on_the_seed_articles() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    if !Path::new(seeds).is_dir() {
        eprintln!("no ../shared/seeds here: nothing to check");
        return;
    }
    every_query_returns_rows_on(seeds);
}

#[test]
fn exports_parse_and_draw() {
    let (dir, store) = demo_store();
    let store = store.to_str().unwrap();
    let turtle = ok(&["--store", store, "export", "--format", "turtle"]);
    assert!(turtle.contains("@prefix isn:"));
    assert!(!parse(&turtle, RdfFormat::Turtle).is_empty());
    let trig = ok(&["--store", store, "export", "--format", "trig"]);
    let quads = parse(&trig, RdfFormat::TriG);
    assert!(quads
        .iter()
        .all(|q| matches!(q.graph_name, GraphName::NamedNode(_))));
    let id = examples()[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let one = parse(
        &ok(&[
            "--store",
            store,
            "export",
            "--format",
            "nquads",
            "--article",
            &id,
        ]),
        RdfFormat::NQuads,
    );
    let graphs: BTreeSet<String> = one.iter().map(|q| q.graph_name.to_string()).collect();
    assert_eq!(graphs.len(), 1, "--article exported several graphs");
    // the raw drawing of every triple (tests/export_dot.rs checks the story views)
    let dot = ok(&["--store", store, "export", "--format", "dot", "--raw"]);
    assert!(dot.starts_with("digraph"), "{}", &dot[..dot.len().min(80)]);
    assert!(dot.contains("shape = house") && dot.contains("shape = note"));
    // Graphviz itself must accept it (scripts/setup-system installs graphviz)
    let dot_file = dir.path().join("graph.dot");
    std::fs::write(&dot_file, &dot).unwrap();
    let rendered = Command::new("dot")
        .args(["-Tsvg", dot_file.to_str().unwrap()])
        .output()
        .expect("Graphviz `dot` runs (install it with scripts/setup-system)");
    assert!(
        rendered.status.success(),
        "dot rejected the drawing: {}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    assert!(String::from_utf8_lossy(&rendered.stdout).contains("<svg"));
}

#[test]
fn bad_inputs_are_reported_and_skipped_without_losing_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.txt");
    std::fs::write(&bad, [0xff, 0xfe, 0x00, 0xd8, 0x41]).unwrap();
    let good = examples()[0].display().to_string();
    let out = run(&[
        "--memory",
        "ingest",
        bad.to_str().unwrap(),
        &good,
        "/no/such/file.txt",
    ]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("broken.txt") && l.contains("not valid UTF-16LE")),
        "{stderr}"
    );
    assert!(
        lines.iter().any(|l| l.contains("/no/such/file.txt")),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ingested 1 articles"), "{stdout}");
}

#[test]
fn sparql_syntax_errors_are_one_clear_line() {
    let out = run(&["--memory", "query", "SELECT ?x WHERE { ?x ?y }"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("SPARQL syntax error"), "{stderr}");
}

#[test]
fn merging_across_articles_does_not_depend_on_ingestion_order() {
    let files = str_args(&examples());
    let dir = tempfile::tempdir().unwrap();
    let dump = |name: &str, order: Vec<String>| -> BTreeSet<String> {
        let store = dir.path().join(name);
        let store = store.to_str().unwrap();
        for f in &order {
            ok(&["--store", store, "ingest", f]); // one article per run
        }
        let nq = ok(&["--store", store, "export", "--format", "nquads"]);
        parse(&nq, RdfFormat::NQuads)
            .iter()
            .map(|q| q.to_string())
            .collect()
    };
    let forward = dump("forward", files.clone());
    let backward = dump("backward", files.iter().rev().cloned().collect());
    assert_eq!(
        forward, backward,
        "the dataset depends on the order of ingestion"
    );
    // and the same happening told by several articles is one node
    let merged_from_several = forward
        .iter()
        .any(|q| q.contains("mergeReason") && !q.contains("one report"));
    assert!(merged_from_several, "no event merged across articles");
}

#[test]
fn explain_prints_the_evidence_chain_of_a_claim_and_of_an_event() {
    let (_dir, store) = demo_store();
    let store = store.to_str().unwrap();
    // a claim credited to a named source
    let csv = ok(&[
        "--store", store, "query", "--format", "csv",
        "SELECT ?c ?q ?l WHERE { GRAPH ?g { ?c a isn:CountClaim ; isn:quote ?q ; prov:wasAttributedTo ?s . ?s rdfs:label ?l FILTER(lang(?l) = \"ar\") } } ORDER BY ?c LIMIT 1",
    ]);
    let row = csv.lines().nth(1).expect("a claim with a named source");
    let cells: Vec<&str> = row.split(',').collect();
    let out = ok(&["--store", store, "explain", cells[0]]);
    assert!(out.contains(&format!("«{}»", cells[1])), "{out}");
    assert!(out.contains(cells[2].trim()), "{out}");
    assert!(out.contains("article:"), "{out}");
    // a merged event lists its reports and every source's figures
    let csv = ok(&[
        "--store", store, "query", "--format", "csv",
        "SELECT ?m (COUNT(?c) AS ?n) WHERE { ?r owl:sameAs ?m . ?c isn:about ?r } GROUP BY ?m ORDER BY DESC(?n) ?m LIMIT 1",
    ]);
    let event = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_owned();
    let out = ok(&["--store", store, "explain", &event]);
    assert!(
        out.contains("reports:") && out.contains("figures, side by side:"),
        "{out}"
    );
    // an IRI the store does not know is an error with one line
    let unknown = run(&["--store", store, "explain", "id:nothing/here"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&unknown.stderr).lines().count(), 1);
}

/// `isnad extract -` reads JSON Lines as it comes: each article's quads are on
/// stdout while its input is still open (what a pipe from Spark's `RDD.pipe` or a
/// live feed needs), on one thread and on several; and they are the quads
/// `isnad extract` writes for the same records read from a file.
#[test]
fn extract_streams_json_lines_from_stdin_one_article_at_a_time() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    use std::time::Duration;
    let records: Vec<String> = (0..3)
        .map(|i| {
            serde_json::json!({"id": format!("stream-{i}"), "text": common::article_text(i)})
                .to_string()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.jsonl");
    std::fs::write(&file, records.join("\n") + "\n").unwrap();
    let mut whole: Vec<String> = ok(&["extract", file.to_str().unwrap()])
        .lines()
        .map(str::to_owned)
        .collect();
    whole.sort();
    assert!(whole.len() > 30, "{whole:?}");
    for threads in ["1", "2"] {
        let mut child = common::isnad()
            .args(["--threads", threads, "extract", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("isnad extract starts");
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.expect("utf-8 output")).is_err() {
                    break;
                }
            }
        });
        let mut got = Vec::new();
        for (i, record) in records.iter().enumerate() {
            writeln!(stdin, "{record}").unwrap();
            stdin.flush().unwrap();
            // this article's graph comes out before the next line is even written
            let graph = format!("<https://w3id.org/isnad/id/article/stream-{i}> .");
            loop {
                let line = rx
                    .recv_timeout(Duration::from_secs(120))
                    .unwrap_or_else(|_| {
                        panic!("threads {threads}: no quads of article {i} while its input is open")
                    });
                let of_it = line.ends_with(&graph);
                got.push(line);
                if of_it {
                    break;
                }
            }
        }
        drop(stdin);
        let status = child.wait().unwrap();
        reader.join().unwrap();
        got.extend(rx.try_iter());
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        assert!(status.success(), "threads {threads}: {err}");
        got.sort();
        assert_eq!(got, whole, "threads {threads}: the file's quads, each once");
    }
}

/// What `isnad extract -` does not stream is read whole, as before: a JSON array,
/// a pretty-printed object, plain text; a bad line of a stream is skipped alone,
/// named by its line number.
#[test]
fn stdin_that_is_not_json_lines_is_read_whole_and_bad_lines_are_skipped_alone() {
    use std::io::Write;
    use std::process::Stdio;
    let feed = |input: String| {
        let mut child = common::isnad()
            .args(["extract", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(input.as_bytes()).unwrap();
        drop(stdin);
        child.wait_with_output().unwrap()
    };
    let text = common::article_text(7);
    let record = serde_json::json!({"id": "whole-7", "text": text});
    let graph = "<https://w3id.org/isnad/id/article/whole-7> .";
    for input in [
        format!("[{record}]"),
        serde_json::to_string_pretty(&record).unwrap(),
    ] {
        let out = feed(input);
        assert!(out.status.success(), "{}", common::stderr(&out));
        assert!(
            common::stdout(&out).contains(graph),
            "{}",
            common::stdout(&out)
        );
    }
    let out = feed(text);
    assert!(out.status.success());
    assert!(common::stdout(&out).contains("<https://w3id.org/isnad/id/article/stdin> ."));
    // a stream with a broken line in the middle: that line alone is skipped
    let other = serde_json::json!({"id": "whole-8", "text": common::article_text(8)});
    let out = feed(format!("{record}\n{{\"id\": \"cut\", \"te\n{other}\n"));
    assert_eq!(out.status.code(), Some(3), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("stdin, line 2: truncated JSON"), "{err}");
    let quads = common::stdout(&out);
    assert!(quads.contains(graph) && quads.contains("/article/whole-8> ."));
}

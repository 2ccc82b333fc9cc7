//! `isnad serve` over real HTTP: the binary is started on 127.0.0.1 with a free
//! port (`--bind 127.0.0.1:0`; it prints the address on its first stdout line)
//! against a store of the demo corpus, driven with a blocking HTTP client, and
//! stopped by a signal.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod common;

struct Server {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl Server {
    fn start(store: &Path, args: &[&str]) -> Server {
        let store = store.to_str().unwrap();
        let mut all = vec!["--store", store, "serve", "--bind", "127.0.0.1:0"];
        all.extend_from_slice(args);
        let (child, base) = common::start_serve(&all, Stdio::piped());
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Server { child, base, agent }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a signal and waits for the server to exit; returns its stderr.
    fn stop(mut self, signal: &str) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success());
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        (status, err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// (status, content type, body)
type Answer = (u16, String, String);

fn answer(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut r = r.expect("the server answers");
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = r.body_mut().read_to_string().unwrap();
    (status, ct, body)
}

fn get(s: &Server, path: &str, accept: &str) -> Answer {
    answer(s.agent.get(s.url(path)).header("Accept", accept).call())
}

fn get_query(s: &Server, query: &str, accept: &str) -> Answer {
    answer(
        s.agent
            .get(s.url("/query"))
            .query("query", query)
            .header("Accept", accept)
            .call(),
    )
}

fn post_form(s: &Server, path: &str, pairs: &[(&str, &str)], accept: &str) -> Answer {
    answer(
        s.agent
            .post(s.url(path))
            .header("Accept", accept)
            .send_form(pairs.iter().copied()),
    )
}

fn post(s: &Server, path: &str, content_type: &str, body: &str, accept: &str) -> Answer {
    answer(
        s.agent
            .post(s.url(path))
            .header("Content-Type", content_type)
            .header("Accept", accept)
            .send(body),
    )
}

fn one_line(body: &str) {
    assert_eq!(
        body.trim_end().lines().count(),
        1,
        "one-line reason: {body:?}"
    );
}

const ARTICLES: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a isn:Article } }";

fn article_count(s: &Server) -> u64 {
    let (status, _, body) = get_query(s, ARTICLES, "application/sparql-results+json");
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn the_protocol_negotiates_formats_refuses_bad_requests_and_stops_on_a_signal() {
    let (_dir, store) = common::demo_store();
    let s = Server::start(&store, &["--cors", "http://example.org"]);

    // the service description
    let (status, ct, body) = get(&s, "/query", "text/turtle");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/turtle"), "{ct}");
    assert!(
        body.contains("sd:Service") && body.contains("sd:UnionDefaultGraph"),
        "{body}"
    );
    assert!(
        !body.contains("SPARQL11Update"),
        "read-only: no update language"
    );

    // JSON by default, the union default graph, isnad's prefixes
    assert_eq!(article_count(&s), 4);
    let (status, ct, _) = get_query(&s, ARTICLES, "");
    assert_eq!(
        (status, ct.as_str()),
        (200, "application/sparql-results+json")
    );

    // XML, CSV, TSV by Accept, by every way of sending a query
    let (status, ct, body) = post_form(
        &s,
        "/query",
        &[("query", ARTICLES)],
        "application/sparql-results+xml",
    );
    assert_eq!(status, 200);
    assert_eq!(ct, "application/sparql-results+xml");
    assert!(body.contains("<sparql") && body.contains(">4<"), "{body}");
    let (status, ct, body) = post(
        &s,
        "/sparql",
        "application/sparql-query",
        ARTICLES,
        "text/csv",
    );
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/csv"), "{ct}");
    assert_eq!(body.replace("\r\n", "\n"), "n\n4\n");
    let (_, ct, body) = get_query(&s, ARTICLES, "text/tab-separated-values");
    assert!(ct.starts_with("text/tab-separated-values"), "{ct}");
    assert_eq!(body, "?n\n4\n");
    // q-values: the client's preference wins, whatever its order
    let (_, ct, _) = get_query(
        &s,
        ARTICLES,
        "text/csv;q=0.5, text/tab-separated-values;q=0.9",
    );
    assert!(ct.starts_with("text/tab-separated-values"), "{ct}");
    let (_, ct, _) = get_query(
        &s,
        ARTICLES,
        "application/sparql-results+json;q=0.1, text/*",
    );
    assert!(ct.starts_with("text/csv"), "{ct}");

    // ASK and the dataset parameters: one named graph as the default graph
    let ask = "ASK { ?a a isn:Article ; schema:identifier \"sources-disagree.txt\" }";
    let (_, _, body) = get_query(&s, ask, "application/sparql-results+json");
    assert!(body.contains("true"), "{body}");
    let one = "https://w3id.org/isnad/id/article/diyala-army-post.txt";
    let (_, _, body) = answer(
        s.agent
            .get(s.url("/query"))
            .query("query", ask)
            .query("default-graph-uri", one)
            .call(),
    );
    assert!(body.contains("false"), "{body}");

    // CONSTRUCT as Turtle, N-Triples, JSON-LD
    let construct = "CONSTRUCT { ?e a isn:Attack } WHERE { GRAPH ?g { ?e a isn:Attack } }";
    let (status, ct, ttl) = get_query(&s, construct, "text/turtle");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/turtle"));
    assert!(
        ttl.contains("@prefix isn:") && ttl.contains("isn:Attack"),
        "{ttl}"
    );
    let (_, ct, nt) = get_query(&s, construct, "application/n-triples");
    assert_eq!(ct, "application/n-triples");
    assert!(
        nt.lines().all(|l| l.ends_with(" .")) && nt.lines().count() > 1,
        "{nt}"
    );
    let (_, ct, jsonld) = get_query(&s, construct, "application/ld+json");
    assert_eq!(ct, "application/ld+json");
    serde_json::from_str::<serde_json::Value>(&jsonld).expect("JSON-LD is JSON");

    // every analyst query gives the rows `isnad query` gives
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("queries")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let cli = common::ok(&[
            "--store",
            store.to_str().unwrap(),
            "query",
            "--format",
            "tsv",
            "--file",
            path.to_str().unwrap(),
        ]);
        let (status, _, body) = post(
            &s,
            "/query",
            "application/sparql-query",
            &text,
            "text/tab-separated-values",
        );
        assert_eq!(status, 200, "{}: {body}", path.display());
        assert_eq!(body, cli, "{}", path.display());
    }

    // refusals: status and one line
    let (status, _, body) = get_query(&s, "SELECT ?x WHERE { ?x ", "");
    assert_eq!(status, 400);
    assert!(body.starts_with("SPARQL syntax error"), "{body}");
    one_line(&body);
    let (status, _, body) = get_query(&s, ARTICLES, "image/png");
    assert_eq!(status, 406);
    one_line(&body);
    let (status, _, body) = get_query(
        &s,
        construct,
        "application/sparql-results+json;q=1, text/csv",
    );
    assert_eq!(status, 406, "a graph is not a table: {body}");
    let (status, _, body) = post(&s, "/query", "text/plain", ARTICLES, "");
    assert_eq!(status, 415);
    one_line(&body);
    let (status, _, body) = answer(s.agent.delete(s.url("/query")).call());
    assert_eq!(status, 405);
    one_line(&body);
    let (status, _, body) = post(&s, "/query", "application/x-www-form-urlencoded", "x=1", "");
    assert_eq!(status, 400, "no query: {body}");

    // read-only: updates and graph writes are refused
    let insert =
        "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> rdfs:label \"a\" } }";
    let (status, _, body) = post(&s, "/update", "application/sparql-update", insert, "");
    assert_eq!(status, 403);
    assert!(body.contains("--allow-update"), "{body}");
    one_line(&body);
    let (status, _, _) = answer(
        s.agent
            .put(s.url("/store?graph=http://example.org/g"))
            .header("Content-Type", "text/turtle")
            .send("<http://example.org/a> <http://example.org/b> 1 ."),
    );
    assert_eq!(status, 403);
    let (status, _, _) = answer(s.agent.get(s.url("/update")).call());
    assert_eq!(status, 405);

    // the graph store, read side
    let article = "https://w3id.org/isnad/id/article/hasakah-prison-attack.txt";
    let (status, ct, body) = get(&s, &format!("/store?graph={article}"), "text/turtle");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/turtle"));
    assert!(
        body.contains("isn:CountClaim") && body.contains("41 قتيلاً"),
        "{body}"
    );
    let (status, _, body) = get(&s, "/store?graph=http://example.org/none", "");
    assert_eq!(status, 404);
    one_line(&body);
    let (status, _, _) = get(&s, "/store", "");
    assert_eq!(status, 400);
    let (status, _, body) = get(&s, "/store?default", "application/n-triples");
    assert_eq!(status, 200);
    assert!(
        body.lines().count() > 800,
        "the union: {} triples",
        body.lines().count()
    );

    // CORS for the allowed origin only
    let cors = |origin: &str| {
        let r = s
            .agent
            .get(s.url("/query"))
            .query("query", ARTICLES)
            .header("Origin", origin)
            .call()
            .unwrap();
        r.headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        cors("http://example.org").as_deref(),
        Some("http://example.org")
    );
    assert_eq!(cors("http://elsewhere.example"), None);

    // the explorer and the embedded queries
    let (status, ct, body) = get(&s, "/", "text/html");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html"));
    assert!(body.contains("/assets/explorer.js"));
    let (status, _, body) = get(&s, "/assets/explorer.js", "");
    assert_eq!(status, 200);
    assert!(body.contains("/query"));
    let (_, _, body) = get(&s, "/queries.json", "");
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 11);
    assert_eq!(get(&s, "/nowhere", "").0, 404);

    let (status, err) = s.stop("-TERM");
    assert!(
        status.success(),
        "exits cleanly on SIGTERM: {status:?}\n{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // one log line per request: method, path, status, ms
    assert!(
        err.lines()
            .any(|l| l.starts_with("GET /query 200 ") && l.ends_with("ms")),
        "{err}"
    );
    assert!(
        err.lines().any(|l| l.starts_with("POST /update 403 ")),
        "{err}"
    );
}

#[test]
fn a_long_query_meets_the_time_limit_and_a_large_answer_the_cap() {
    let (_dir, store) = common::demo_store();
    let s = Server::start(&store, &["--timeout", "1", "--max-rows", "50"]);
    // a cross product of the store with itself, three times
    let long = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let (status, _, body) = get_query(&s, long, "");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("--timeout"), "{body}");
    one_line(&body);
    // the server still answers after it
    assert_eq!(article_count(&s), 4);
    let (status, _, body) = get_query(&s, "SELECT * WHERE { ?s ?p ?o }", "");
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("--max-rows"), "{body}");
    one_line(&body);
    let (status, _, _) = get_query(&s, "SELECT * WHERE { ?s ?p ?o } LIMIT 50", "");
    assert_eq!(status, 200);
    let (status, _, _) = get(&s, "/store?default", "");
    assert_eq!(status, 413);
    let (status, err) = s.stop("-INT");
    assert!(
        status.success(),
        "exits cleanly on SIGINT: {status:?}\n{err}"
    );
}

#[test]
fn updates_and_graph_writes_need_the_flag_and_make_the_server_the_writer() {
    let (_dir, store) = common::demo_store();
    let s = Server::start(&store, &["--allow-update"]);
    let (_, _, body) = get(&s, "/query", "text/turtle");
    assert!(body.contains("SPARQL11Update"), "{body}");

    let insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> rdfs:label \"one\" } }";
    let (status, _, body) = post(&s, "/update", "application/sparql-update", insert, "");
    assert_eq!(status, 204, "{body}");
    let label = "SELECT ?l WHERE { <http://example.org/a> rdfs:label ?l }";
    let (_, _, body) = get_query(&s, label, "text/csv");
    assert!(body.contains("one"), "{body}");
    let (status, _, _) = post_form(
        &s,
        "/update",
        &[(
            "update",
            "INSERT DATA { <http://example.org/a> rdfs:comment \"two\" }",
        )],
        "",
    );
    assert_eq!(status, 204);
    let (status, _, body) = post(
        &s,
        "/update",
        "application/sparql-update",
        "INSERT DATA {",
        "",
    );
    assert_eq!(status, 400);
    one_line(&body);

    // the graph store: PUT creates (201) then replaces (204), POST adds, DELETE removes
    let g = "/store?graph=http://example.org/put";
    let put = |ttl: &str| {
        answer(
            s.agent
                .put(s.url(g))
                .header("Content-Type", "text/turtle")
                .send(ttl),
        )
        .0
    };
    assert_eq!(
        put("<http://example.org/x> <http://example.org/p> 1 ."),
        201
    );
    assert_eq!(
        put("<http://example.org/x> <http://example.org/p> 2 ."),
        204
    );
    let (status, _, _) = post(
        &s,
        g,
        "application/n-triples",
        "<http://example.org/y> <http://example.org/p> \"3\" .\n",
        "",
    );
    assert_eq!(status, 204);
    let (_, _, body) = get(&s, g, "application/n-triples");
    assert_eq!(body.lines().count(), 2, "{body}");
    assert!(
        body.contains("\"2\"") || body.contains(" 2 ") || body.contains("\"2\"^^"),
        "{body}"
    );
    assert!(!body.contains("\"1\"^^"), "PUT replaced the graph: {body}");
    let (status, _, body) = post(&s, g, "text/turtle", "<http://example.org/x> <p", "");
    assert_eq!(status, 400, "{body}");
    let (status, _, _) = post(&s, g, "application/pdf", "x", "");
    assert_eq!(status, 415);
    assert_eq!(answer(s.agent.delete(s.url(g)).call()).0, 204);
    assert_eq!(get(&s, g, "").0, 404);

    // one writer: an ingest into the same store is refused while the server writes
    let out = common::run(&["--store", store.to_str().unwrap(), "ingest", "examples"]);
    assert!(!out.status.success());
    assert!(
        common::stderr(&out).contains("in use"),
        "{}",
        common::stderr(&out)
    );

    let (status, err) = s.stop("-TERM");
    assert!(status.success(), "{err}");
}

#[test]
fn a_read_only_server_sees_what_an_ingest_commits_meanwhile() {
    let (dir, store) = common::demo_store();
    let s = Server::start(&store, &[]);
    assert_eq!(article_count(&s), 4);
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    std::fs::write(
        inbox.join("late-report.txt"),
        "هجوم على حاجز للجيش في ديالى\n\nقال مصدر أمني إن مسلحين من تنظيم داعش هاجموا حاجزاً للجيش العراقي في ديالى، ما أسفر عن مقتل 3 جنود.\n",
    )
    .unwrap();
    // serving does not block the writer
    let out = common::run(&[
        "--store",
        store.to_str().unwrap(),
        "ingest",
        inbox.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    // the next queries see the commit (bounded polling)
    let mut seen = 0;
    for _ in 0..100 {
        seen = article_count(&s);
        if seen == 5 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(seen, 5, "the new article became visible");
    let (_, _, body) = get_query(
        &s,
        "SELECT ?id WHERE { GRAPH ?g { ?g a isn:Article ; schema:identifier ?id } } ORDER BY ?id",
        "text/csv",
    );
    assert!(body.contains("late-report.txt"), "{body}");
    let (status, err) = s.stop("-TERM");
    assert!(status.success(), "{err}");
}

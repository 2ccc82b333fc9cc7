//! Real and hostile inputs through `isnad ingest`: every format and encoding
//! isnad reads, next to files it must refuse. The files are made here. Each bad
//! input costs exactly one stderr line naming it and the reason; the good ones
//! are all stored, with their metadata; the exit code says some were skipped.

mod common;

use common::*;
use encoding_rs::{ISO_8859_6, WINDOWS_1256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

const STORY: &str = "انفجار سيارة مفخخة قرب سوق في مدينة الباب\n\n\
    قال مصدر طبي إن سبعة مدنيين قتلوا وأصيب اثنا عشر آخرون أمس في انفجار سيارة مفخخة \
    قرب سوق شعبي في مدينة الباب، فيما اتهمت فصائل محلية خلايا تابعة لتنظيم داعش بالوقوف وراءه.";

fn story(n: usize) -> String {
    format!("{STORY} (النسخة {n})")
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

fn legacy(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

const PAGE: &str = r#"<!doctype html><html lang="ar"><head>
<meta charset="utf-8">
<title>انفجار في الباب - موقع مثال</title>
<meta property="og:title" content="انفجار سيارة مفخخة في الباب">
<meta property="og:site_name" content="موقع مثال الإخباري">
<meta property="article:published_time" content="2023-05-06T07:15:00+03:00">
<link rel="canonical" href="https://news.example/2023/05/06/al-bab">
<script>window.dataLayer = ["قتل مئة شخص"];</script>
</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/news">أخبار</a></li></ul></nav></header>
<main><article>
<p>قال مصدر طبي إن سبعة مدنيين قتلوا وأصيب اثنا عشر آخرون أمس في انفجار سيارة مفخخة قرب سوق شعبي في مدينة الباب.</p>
<p><b>اقرأ أيضا:</b> <a href="/x">مقتل ثلاثين عنصرا في هجوم سابق</a></p>
<p>واتهمت فصائل محلية خلايا تابعة لتنظيم داعش بالوقوف وراء الانفجار.</p>
<div class="comments"><p>تعليق: قتل ألف شخص!</p></div>
</article>
<aside><p>الأكثر قراءة: مقتل خمسين</p></aside></main>
<footer>© موقع مثال</footer>
</body></html>"#;

/// Builds the corpus; returns the bad inputs and a word of the reason each must get.
fn write_hostile_corpus(dir: &Path) -> BTreeMap<String, &'static str> {
    std::fs::create_dir_all(dir).unwrap();
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    // good ones
    w("plain.txt", story(1).as_bytes());
    w(
        "bom.txt",
        &[b"\xEF\xBB\xBF".as_slice(), story(2).as_bytes()].concat(),
    );
    w("utf16le.txt", &utf16(&story(3), false));
    w("utf16be.md", &utf16(&story(4), true));
    w("cp1256.txt", &legacy(WINDOWS_1256, &story(5)));
    w("iso8859-6.txt", &legacy(ISO_8859_6, &story(6)));
    w("crlf.txt", story(7).replace('\n', "\r\n").as_bytes());
    w("page.html", PAGE.as_bytes());
    let good = serde_json::json!({"id": "wire-1", "url": "https://wire.example/1", "title": "عنوان البرقية",
        "text": story(8), "published": "2023-05-07", "publisher": "وكالة البرقيات", "lang": "ar", "tags": [1, 2]});
    let no_text = serde_json::json!({"id": "wire-3", "title": "بلا نص"});
    let good2 = serde_json::json!({"id": "wire-4", "text": story(9)});
    let truncated = &serde_json::json!({"id": "wire-2", "text": story(10)}).to_string()[..40];
    w(
        "wire.jsonl",
        format!("{good}\n{truncated}\n{no_text}\n\n{good2}").as_bytes(),
    );
    // bad ones
    let mut bad = BTreeMap::new();
    let mut b = |name: &str, bytes: &[u8], reason: &'static str| {
        w(name, bytes);
        bad.insert(name.to_owned(), reason);
    };
    b("empty.txt", b"", "empty file");
    b("blank.txt", b"  \n\r\n\t ", "empty article");
    b(
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
        "binary file",
    );
    b(
        "french.txt",
        &legacy(
            encoding_rs::WINDOWS_1252,
            "Le bilan s'élève à sept morts, a déclaré un médecin à l'hôpital.",
        ),
        "not valid UTF-8",
    );
    b(
        "english.txt",
        b"Seven civilians were killed in a car bomb blast near a market.",
        "no Arabic text",
    );
    b(
        "broken16.txt",
        &[0xFF, 0xFE, 0x00, 0xD8, 0x41],
        "not valid UTF-16LE",
    );
    let deep = format!("<html><body>{}{}", "<div>".repeat(1500), story(13));
    b("deep.html", deep.as_bytes(), "nested too deeply");
    b(
        "array.json",
        b"[{\"text\": \"\xD9\x82\xD8\xAA\xD9\x84\"",
        "truncated JSON",
    );
    // 30 MB, sparse: over the default limit without using the disk
    let huge = std::fs::File::create(dir.join("huge.txt")).unwrap();
    huge.set_len(30 * 1024 * 1024).unwrap();
    bad.insert("huge.txt".into(), "too large");
    // links: a loop back to the corpus, a link to itself, a dangling link
    std::os::unix::fs::symlink(dir, dir.join("loop")).unwrap();
    bad.insert("loop".into(), "symbolic link loop");
    std::os::unix::fs::symlink(dir.join("self.txt"), dir.join("self.txt")).unwrap();
    bad.insert("self.txt".into(), "symbolic link");
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("dangling.txt")).unwrap();
    bad.insert("dangling.txt".into(), "symbolic link");
    // not read when walking a directory: other extensions, hidden files
    w("photo.jpg", b"\xFF\xD8\xFF\xE0");
    w(".hidden.txt", story(11).as_bytes());
    bad
}

#[test]
fn a_hostile_corpus_is_ingested_with_one_line_per_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let mut bad = write_hostile_corpus(&corpus);
    // unreadable: only meaningful when permissions bind us (not as root)
    let locked = corpus.join("locked.txt");
    std::fs::write(&locked, story(12)).unwrap();
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let locked_bites = std::fs::read(&locked).is_err();
    if locked_bites {
        bad.insert("locked.txt".into(), "Permission denied");
    }
    let store = dir.path().join("store");
    let out = run(&[
        "--store",
        store.to_str().unwrap(),
        "ingest",
        corpus.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    // every bad input: exactly one line, naming it, with its reason
    let lines: Vec<&str> = err.lines().collect();
    for (name, reason) in &bad {
        let hits: Vec<&&str> = lines
            .iter()
            .filter(|l| l.contains(&format!("/{name}:")))
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "{name}: expected one line, got {hits:?}\n{err}"
        );
        assert!(
            hits[0].contains(reason),
            "{name}: {:?} lacks {reason:?}",
            hits[0]
        );
        assert!(hits[0].starts_with("isnad: skipped "), "{}", hits[0]);
    }
    // the two bad lines of the JSON Lines file, by line number
    let wire: Vec<&&str> = lines.iter().filter(|l| l.contains("wire.jsonl")).collect();
    assert_eq!(wire.len(), 2, "{err}");
    assert!(
        wire[0].contains("wire.jsonl, line 2: truncated JSON"),
        "{}",
        wire[0]
    );
    assert!(
        wire[1].contains("wire.jsonl, line 3: no \"text\" field"),
        "{}",
        wire[1]
    );
    assert_eq!(lines.len(), bad.len() + 2, "{err}");
    // the rest: 7 text files, 1 page, 2 JSON lines (and locked.txt if we could read it)
    let summary = stdout(&out);
    assert!(
        summary.contains(&format!(
            "ingested {} articles (0 unchanged, {} skipped)",
            if locked_bites { 10 } else { 11 },
            bad.len() + 2
        )),
        "{summary}"
    );

    let quads = store_quads(&store);
    let article = |id: &str| format!("https://w3id.org/isnad/id/article/{id}");
    // every encoding decoded to the same story: same headline literal
    let headline = "<https://schema.org/headline> \"انفجار سيارة مفخخة قرب سوق في مدينة الباب\"@ar";
    for id in [
        "plain.txt",
        "bom.txt",
        "utf16le.txt",
        "utf16be.md",
        "cp1256.txt",
        "iso8859-6.txt",
        "crlf.txt",
        "wire-4",
    ] {
        let g = graph_of(&quads, &article(id));
        assert!(
            g.iter().any(|q| q.contains(headline)),
            "{id}: headline not decoded right: {:?}",
            g.iter().find(|q| q.contains("headline"))
        );
        assert!(
            g.iter().any(|q| q.contains("CountClaim")),
            "{id}: no claim extracted"
        );
    }
    // metadata from the page and from JSON flows into the article node
    let page_iri =
        isnad::article::Article::from_text("https://news.example/2023/05/06/al-bab", "").iri();
    let page = graph_of(&quads, &page_iri);
    let page: Vec<&str> = page.into_iter().collect();
    let has = |g: &[&str], needle: &str| g.iter().any(|q| q.contains(needle));
    assert!(
        has(
            &page,
            "<https://schema.org/url> \"https://news.example/2023/05/06/al-bab\""
        ),
        "{page:#?}"
    );
    assert!(
        has(&page, "\"انفجار سيارة مفخخة في الباب\"@ar"),
        "{page:#?}"
    );
    assert!(has(
        &page,
        "\"2023-05-06\"^^<http://www.w3.org/2001/XMLSchema#date>"
    ));
    assert!(has(&page, "\"موقع مثال الإخباري\""));
    for leaked in ["ثلاثين", "ألف شخص", "خمسين", "مئة شخص", "الرئيسية"]
    {
        assert!(
            !has(&page, leaked),
            "boilerplate {leaked} reached the graph"
        );
    }
    let wire: Vec<&str> = graph_of(&quads, &article("wire-1")).into_iter().collect();
    assert!(has(
        &wire,
        "<https://schema.org/url> \"https://wire.example/1\""
    ));
    assert!(has(&wire, "\"عنوان البرقية\"@ar"));
    assert!(has(
        &wire,
        "\"2023-05-07\"^^<http://www.w3.org/2001/XMLSchema#date>"
    ));
    assert!(has(&wire, "\"وكالة البرقيات\""));

    // spans index the decoded text: check every article against what isnad read
    for file in [
        "cp1256.txt",
        "utf16le.txt",
        "crlf.txt",
        "page.html",
        "wire.jsonl",
    ] {
        let input =
            isnad::article::read_input(&corpus.join(file), &isnad::article::ReadOptions::default())
                .unwrap();
        let lex = isnad::extract::lexicon::Lexicon::builtin().unwrap();
        for a in input.articles {
            let x = isnad::extract::extract(a, &lex);
            let q = isnad::rdf::article_quads(&x, &lex);
            let problems = isnad::verify::check_article_quads(&x.article, &q);
            assert!(problems.is_empty(), "{file}: {problems:#?}");
            let stored = graph_of(&quads, &x.article.iri());
            let mine: std::collections::BTreeSet<String> =
                q.iter().map(|q| q.to_string()).collect();
            assert_eq!(
                stored
                    .into_iter()
                    .map(str::to_owned)
                    .collect::<std::collections::BTreeSet<_>>(),
                mine,
                "{file}: stored graph differs from a fresh extraction"
            );
        }
    }
}

#[test]
fn the_size_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, story(1)).unwrap();
    let out = run(&[
        "--memory",
        "--max-size",
        "100",
        "ingest",
        small.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("small.txt: too large (") && err.contains("bytes; the limit is 100 bytes)"),
        "{err}"
    );
    ok(&[
        "--memory",
        "--max-size",
        "1K",
        "ingest",
        small.to_str().unwrap(),
    ]);
}

#[test]
fn stdin_is_sniffed_json_lines_and_html() {
    for (input, expect) in [
        (
            format!(
                "{}\n{}\n",
                serde_json::json!({"id": "s1", "text": story(1)}),
                serde_json::json!({"id": "s2", "text": story(2)})
            ),
            "ingested 2 articles",
        ),
        (PAGE.to_owned(), "ingested 1 articles"),
        (story(3), "ingested 1 articles"),
    ] {
        let mut child = isnad()
            .args(["--memory", "ingest", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains(expect), "{}", stdout(&out));
    }
}

#[test]
fn exit_codes_usage_2_fatal_1() {
    assert_eq!(run(&["ingest"]).status.code(), Some(2));
    assert_eq!(
        run(&["--max-size", "lots", "ingest", "examples"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    // a store path that is a file: fatal, one line
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let out = run(&["--store", file.to_str().unwrap(), "ingest", "examples"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    // all good: 0
    assert_eq!(
        run(&["--memory", "ingest", "examples"]).status.code(),
        Some(0)
    );
}

#[test]
fn a_relative_date_resolves_against_the_published_date() {
    // "أمس" (yesterday) in the page, published 2023-05-06: the event is dated
    // 2023-05-05; the same text with no date gets none.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, PAGE).unwrap();
    let nq = ok(&["extract", page.to_str().unwrap()]);
    assert!(
        nq.contains("\"2023-05-05\"^^<http://www.w3.org/2001/XMLSchema#date>"),
        "{nq}"
    );
    let undated = dir.path().join("undated.txt");
    std::fs::write(&undated, story(1)).unwrap();
    let nq = ok(&["extract", undated.to_str().unwrap()]);
    assert!(!nq.contains("2023-05-05"), "{nq}");
}

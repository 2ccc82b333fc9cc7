//! The drawings of `isnad export --format dot|svg|png` on the demo corpus: the
//! merged events view (a cluster per real-world event, figures side by side with
//! their sources), one article's view, an entity's neighbourhood, English labels,
//! the raw triple dump, SVG links and tooltips, the picture's size, and the errors
//! (unknown or ambiguous names, no Graphviz).

use std::collections::BTreeSet;
use std::path::Path;

mod common;
use common::{demo_store, isnad, ok, run, stderr};

const ID: &str = "https://w3id.org/isnad/id/";

/// The demo store, shared by the tests of this file (ingested once).
fn store() -> &'static str {
    static STORE: std::sync::OnceLock<(tempfile::TempDir, String)> = std::sync::OnceLock::new();
    &STORE
        .get_or_init(|| {
            let (dir, store) = demo_store();
            (dir, store.to_str().unwrap().to_owned())
        })
        .1
}

fn export(args: &[&str]) -> String {
    let mut all = vec!["--store", store(), "export"];
    all.extend_from_slice(args);
    ok(&all)
}

/// One number from a SELECT over the demo store.
fn count(sparql: &str) -> usize {
    let out = ok(&["--store", store(), "query", "--format", "csv", sparql]);
    out.lines().nth(1).unwrap().trim().parse().unwrap()
}

/// The IRIs the drawing links to (HREF of its nodes and cells).
fn hrefs(dot: &str) -> BTreeSet<String> {
    dot.split("HREF=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

/// The DOT lines of the clusters, one string per cluster.
fn clusters(dot: &str) -> Vec<String> {
    dot.split("  subgraph cluster_")
        .skip(1)
        .map(|c| c[..c.find("\n  }").unwrap()].to_owned())
        .collect()
}

fn dot_installed() -> bool {
    let found = isnad::export::render::find_dot().is_some();
    if !found {
        println!("skipped: Graphviz `dot` is not on PATH (scripts/setup-system installs it)");
    }
    found
}

#[test]
fn the_default_drawing_is_one_cluster_per_merged_event_without_provenance_edges() {
    let dot = export(&["--format", "dot"]);
    let merged = count(
        "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH <https://w3id.org/isnad/id/graph/events> { ?m isn:mergeReason ?why } }",
    );
    assert!(merged >= 10, "the demo corpus has {merged} merged events");
    let clusters = clusters(&dot);
    assert_eq!(clusters.len(), merged);
    // each cluster is one merged event, linked by its IRI
    let events: BTreeSet<String> = hrefs(&dot)
        .into_iter()
        .filter(|h| h.starts_with(&format!("{ID}event/")))
        .collect();
    assert_eq!(events.len(), merged);
    for e in &events {
        let holding = clusters
            .iter()
            .filter(|c| c.contains(&format!("HREF=\"{e}\"")))
            .count();
        assert_eq!(holding, 1, "{e} is drawn in {holding} clusters");
    }
    assert!(
        !dot.contains("wasDerivedFrom"),
        "provenance edges are drawn"
    );
    assert!(dot.contains("rankdir=LR"));
    // the legend names the stances
    assert!(dot.contains("مؤكَّد") && dot.contains("منفي"));
    // same store, same bytes
    assert_eq!(dot, export(&["--format", "dot"]));
}

#[test]
fn contested_figures_stand_side_by_side_in_one_record_with_their_sources() {
    let dot = export(&["--format", "dot"]);
    // the death toll of the prison battle: four figures, three sources, one record
    let record = dot
        .lines()
        .find(|l| l.contains("<B>≥181</B>"))
        .expect("the figure ≥181 is drawn");
    for figure in ["<B>41</B>", "<B>&gt;60</B>", "<B>124</B>"] {
        assert!(record.contains(figure), "{figure} is not beside ≥181");
    }
    assert!(record.contains("المرصد السوري لحقوق الإنسان"));
    assert!(record.contains("مصدر طبي"));
    assert!(
        record.contains("قتلى — الجميع"),
        "the record says what it counts"
    );
    // framed as contested
    assert!(record.contains("BORDER=\"2\""));
    // a figure alone is not framed so
    let alone = dot
        .lines()
        .find(|l| l.contains("قتلى — قوى الأمن الداخلي"))
        .expect("the Asayish's dead are drawn");
    assert!(alone.contains("BORDER=\"1\""));
}

#[test]
fn an_article_is_named_as_the_source_only_where_it_credits_no_one() {
    let dot = export(&["--format", "dot"]);
    let self_credited = count(
        "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH ?a { ?c a isn:CountClaim ; prov:wasAttributedTo ?a } }",
    );
    assert!(self_credited > 0);
    assert_eq!(dot.matches("المقال نفسه: ").count(), self_credited);
    assert!(dot.contains("المقال نفسه: diyala-army-post.txt"));
}

#[test]
fn article_restricts_the_drawing_to_that_articles_own_graph() {
    let id = "hasakah-prison-attack.txt";
    let dot = export(&["--format", "dot", "--article", id]);
    let article = format!("{ID}article/{id}/");
    let reports = count(&format!(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{ID}article/{id}> {{ ?e isn:trigger ?t }} }}"
    ));
    assert_eq!(clusters(&dot).len(), reports);
    let links = hrefs(&dot);
    assert!(links
        .iter()
        .any(|h| h.starts_with(&format!("{article}claim/"))));
    for h in &links {
        assert!(
            !h.contains("/article/") || h.starts_with(&article),
            "{h} is from another article"
        );
        assert!(!h.starts_with(&format!("{ID}event/")), "merged event {h}");
    }
    assert!(dot.contains(id), "the title names the article");
}

#[test]
fn around_reaches_depth_n_and_not_n_plus_one() {
    let node = |dot: &str, iri: &str| hrefs(dot).contains(&format!("{ID}{iri}"));
    let around = |depth: &str| {
        export(&[
            "--format",
            "dot",
            "--around",
            "ناحية العظيم",
            "--depth",
            depth,
        ])
    };
    // 0: the place; 1: the attack there; 2: who carried it out, its targets,
    // its sources; 3: the other attacks of the same actor
    let attack = "event/attack/al-adhaim/2022-01-21";
    let other = "event/attack/ghwayran-prison/2022-01-21";
    let one = around("1");
    assert!(node(&one, "al-adhaim") && node(&one, attack));
    assert!(!node(&one, "isis") && !node(&one, "iraqi-army"));
    let two = around("2");
    assert!(node(&two, "isis") && node(&two, "iraqi-army"));
    assert!(node(&two, "security-media-cell"), "a source is a neighbour");
    assert!(!node(&two, other));
    let three = around("3");
    assert!(node(&three, other));
    // the centre stands out; names, IRIs and prefixed IRIs find the same
    assert!(one.contains("BORDER=\"3\""));
    assert_eq!(
        one,
        export(&[
            "--format",
            "dot",
            "--around",
            "id:al-adhaim",
            "--depth",
            "1"
        ])
    );
}

#[test]
fn unknown_and_ambiguous_names_for_around_are_one_line_errors() {
    let out = run(&[
        "--store",
        store(),
        "export",
        "--format",
        "dot",
        "--around",
        "لا أحد",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("--around \"لا أحد\"") && err.contains("no entity"),
        "{err}"
    );

    // two entities of two articles that share a name
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = isnad::store::Store::open(&path).unwrap();
        store.load_reference_graphs(&[]).unwrap();
        let mut graphs = Vec::new();
        for (n, who) in [(1, "first"), (2, "second")] {
            let a = format!("{ID}article/twin-{n}.txt");
            let nq = format!(
                "<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/isnad/ontology#Article> <{a}> .\n\
                 <{a}> <https://schema.org/identifier> \"twin-{n}.txt\" <{a}> .\n\
                 <{a}> <https://w3id.org/isnad/ontology#sha256> \"{n}\" <{a}> .\n\
                 <{a}/event/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/isnad/ontology#Attack> <{a}> .\n\
                 <{a}/event/1> <https://w3id.org/isnad/ontology#trigger> \"هجوم\"@ar <{a}> .\n\
                 <{a}/event/1> <http://www.w3.org/ns/prov#wasDerivedFrom> <{a}> <{a}> .\n\
                 <{a}/event/1> <https://w3id.org/isnad/ontology#agent> <{ID}{who}> <{a}> .\n\
                 <{ID}{who}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/isnad/ontology#ArmedGroup> <{a}> .\n\
                 <{ID}{who}> <http://www.w3.org/2000/01/rdf-schema#label> \"كتيبة التوأم\"@ar <{a}> .\n"
            );
            let quads: Vec<oxigraph::model::Quad> =
                oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
                    .for_reader(nq.as_bytes())
                    .collect::<Result<_, _>>()
                    .unwrap();
            graphs.push((a, n.to_string(), quads));
        }
        let articles: Vec<isnad::store::ArticleGraph<'_>> = graphs
            .iter()
            .map(|(iri, sha, quads)| isnad::store::ArticleGraph {
                iri,
                sha256: sha,
                quads,
            })
            .collect();
        store.put_articles(&articles).unwrap();
        store.refresh_derived().unwrap();
    }
    let store = path.to_str().unwrap();
    let out = run(&[
        "--store",
        store,
        "export",
        "--format",
        "dot",
        "--around",
        "كتيبة التوأم",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("2 entities have this name")
            && err.contains("id:first")
            && err.contains("id:second"),
        "{err}"
    );
    // by IRI, either one is drawn
    let first = ok(&[
        "--store", store, "export", "--format", "dot", "--around", "id:first",
    ]);
    assert!(hrefs(&first).contains(&format!("{ID}first")));
    assert!(!hrefs(&first).contains(&format!("{ID}second")));
}

#[test]
fn lang_en_labels_in_english_where_the_gazetteer_knows_it() {
    let dot = export(&["--format", "dot", "--lang", "en"]);
    assert!(dot.contains("<TD>Islamic State</TD>"));
    assert!(!dot.contains("<TD>تنظيم الدولة الإسلامية</TD>"));
    assert!(dot.contains("Syrian Observatory for Human Rights"));
    assert!(dot.contains("killed — Everyone"));
    // a place the gazetteer has no English name for keeps its Arabic one
    assert!(dot.contains("<TD>حي الزهور</TD>"));
    let ar = export(&["--format", "dot"]);
    assert!(ar.contains("<TD>تنظيم الدولة الإسلامية</TD>"));
}

#[test]
fn raw_still_dumps_every_triple() {
    let raw = export(&["--format", "dot", "--raw"]);
    assert!(raw.starts_with("digraph"));
    assert!(raw.contains("prov:wasDerivedFrom"));
    assert!(raw.contains("shape = note") && raw.contains("shape = house"));
    let one = export(&[
        "--format",
        "dot",
        "--raw",
        "--article",
        "diyala-army-post.txt",
    ]);
    assert!(one.len() < raw.len());
    // story options are for drawings only
    let out = run(&[
        "--store",
        store(),
        "export",
        "--format",
        "turtle",
        "--lang",
        "en",
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("--lang"));
}

#[test]
fn svg_carries_each_nodes_quote_as_tooltip_and_its_iri_as_link() {
    if !dot_installed() {
        return;
    }
    let svg = export(&["--format", "svg"]);
    assert!(svg.contains("<svg"));
    // a figure: its claim's IRI and quote
    assert!(svg.contains(&format!(
        "xlink:href=\"{ID}article/hasakah-prison-attack.txt/claim/2\""
    )));
    assert!(svg.contains("xlink:title=\"«41 قتيلاً» — hasakah"));
    // an event: its merged IRI and its reports' quotes
    assert!(svg.contains(&format!(
        "xlink:href=\"{ID}event/attack/al-adhaim/2022-01-21\" xlink:title=\"«مقتل أحد عشر جندياً"
    )));
    // an entity: the forms the articles use
    assert!(svg.contains(&format!("xlink:href=\"{ID}asayish\"")));
    assert!(svg.contains("«الأسايش»"));
}

/// Width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn the_demo_corpus_draws_under_3000_pixels_a_side() {
    if !dot_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for lang in ["ar", "en"] {
        let file = dir.path().join(format!("events-{lang}.png"));
        export(&[
            "--format",
            "png",
            "--lang",
            lang,
            "-o",
            file.to_str().unwrap(),
        ]);
        let (w, h) = png_size(&std::fs::read(&file).unwrap());
        println!("demo events view ({lang}): {w} × {h} px");
        assert!(w <= 3000 && h <= 3000, "{lang}: {w} × {h} px");
        assert!(
            w >= 400 && h >= 400,
            "{lang}: {w} × {h} px is too small to read"
        );
    }
}

#[test]
fn svg_without_graphviz_is_a_clear_error_and_writes_nothing() {
    let empty = tempfile::tempdir().unwrap();
    let file = empty.path().join("out.svg");
    for format in ["svg", "png"] {
        let out = isnad()
            .env("PATH", empty.path())
            .args(["--store", store(), "export", "--format", format, "-o"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("`dot`") && err.contains("graphviz"), "{err}");
        assert!(!file.exists(), "a file was written without Graphviz");
    }
    // the DOT text needs no Graphviz
    let out = isnad()
        .env("PATH", empty.path())
        .args(["--store", store(), "export", "--format", "dot"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn hostile_names_survive_into_the_svg() {
    if !dot_installed() {
        return;
    }
    // a file name is an article's identifier, named as the source of the
    // figures it credits to no one
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let name = "a\"<b>&\\N{c}|d'e.txt";
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/diyala-army-post.txt"),
        corpus.join(name),
    )
    .unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    ok(&["--store", store, "ingest", corpus.to_str().unwrap()]);
    let dot = ok(&[
        "--store",
        store,
        "export",
        "--format",
        "dot",
        "--article",
        name,
    ]);
    assert!(
        dot.contains("a&quot;&lt;b&gt;&amp;\\\\N{c}|d&#39;e.txt"),
        "{dot}"
    );
    let svg = ok(&[
        "--store",
        store,
        "export",
        "--format",
        "svg",
        "--article",
        name,
    ]);
    assert!(
        svg.contains("a&quot;&lt;b&gt;&amp;\\N{c}|d&#39;e.txt"),
        "{svg}"
    );
}

//! The derived graphs (merged events, figure groups, counts) kept incrementally
//! equal what a rebuild from the article graphs gives, whatever the order the
//! articles came in, across replacements, removals and interrupted refreshes.

use isnad::article::Article;
use isnad::extract::{self, lexicon::Lexicon};
use isnad::store::{
    ArticleGraph, Store, DERIVED_GRAPHS, EVENTS_GRAPH, MERGE_INPUT_GRAPH, PENDING_GRAPH,
};
use oxigraph::model::Quad;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Articles written for this test (facts of the demo corpus's kind, our own
/// wording): two outlets on one attack, a later attack at the same place, a
/// denial, and an article with no place.
const WRITTEN: &[(&str, &str)] = &[
    (
        "one.txt",
        "هجوم على حاجز في الحسكة\n\
         قال المرصد السوري لحقوق الإنسان إن 12 عنصرا من قوات سوريا الديمقراطية قتلوا في هجوم شنه تنظيم الدولة الإسلامية على حاجز في مدينة الحسكة يوم 3 آذار 2023.",
    ),
    (
        "two.txt",
        "قتلى بهجوم في الحسكة\n\
         أعلنت قوات سوريا الديمقراطية مقتل 9 من مقاتليها في هجوم لتنظيم داعش على حاجز في مدينة الحسكة في 3 آذار 2023، فيما نفى مصدر أمني سقوط مدنيين.",
    ),
    (
        "three.txt",
        "هجوم جديد\n\
         قتل 4 عناصر من قوات سوريا الديمقراطية في هجوم جديد لتنظيم الدولة الإسلامية في مدينة الحسكة يوم 20 آذار 2023 بحسب المرصد السوري لحقوق الإنسان.",
    ),
    (
        "four.txt",
        "بيان\n\
         قال مسؤول إن ثلاثة أشخاص قتلوا في انفجار عبوة ناسفة.",
    ),
];

/// Articles of (identifier, text) pairs.
fn from_texts(told: &[(&str, &str)]) -> Vec<Article> {
    told.iter()
        .map(|(id, text)| Article::from_text(*id, *text))
        .collect()
}

fn articles() -> Vec<Article> {
    let mut out: Vec<Article> = from_texts(WRITTEN);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [root.join("examples"), root.join("../shared/seeds")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt") {
                out.extend(isnad::article::read_articles(&p).unwrap());
            }
        }
    }
    out
}

struct Graph {
    iri: String,
    sha: String,
    quads: Vec<Quad>,
}

fn extracted(articles: &[Article], lex: &Lexicon) -> Vec<Graph> {
    articles
        .iter()
        .map(|a| {
            let x = extract::extract(a.clone(), lex);
            Graph {
                iri: x.iri.clone(),
                sha: x.sha256.clone(),
                quads: isnad::rdf::article_quads(&x, lex),
            }
        })
        .collect()
}

fn put(store: &Store, graphs: &[&Graph]) {
    let a: Vec<ArticleGraph<'_>> = graphs
        .iter()
        .map(|g| ArticleGraph {
            iri: &g.iri,
            sha256: &g.sha,
            quads: &g.quads,
        })
        .collect();
    store.put_articles(&a).unwrap();
}

fn fresh_store() -> Store {
    let store = Store::in_memory().unwrap();
    store.load_reference_graphs(&[]).unwrap();
    store
}

/// The derived graphs, as sorted lines.
fn derived(store: &Store) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for g in DERIVED_GRAPHS {
        for q in store.quads(Some(g)).unwrap() {
            out.insert(q.to_string());
        }
    }
    out
}

/// The derived graphs of a store holding exactly `graphs`, rebuilt from scratch.
fn rebuilt(graphs: &[&Graph]) -> BTreeSet<String> {
    let store = fresh_store();
    put(&store, graphs);
    store.rebuild_derived().unwrap();
    derived(&store)
}

fn assert_same(a: &BTreeSet<String>, b: &BTreeSet<String>, what: &str) {
    let missing: Vec<_> = b.difference(a).take(10).collect();
    let extra: Vec<_> = a.difference(b).take(10).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: {} quads missing, {} extra\nmissing: {missing:#?}\nextra: {extra:#?}",
        b.difference(a).count(),
        a.difference(b).count()
    );
}

/// A fixed permutation of 0..n (a linear congruential shuffle).
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut s = seed;
    for i in (1..n).rev() {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        order.swap(i, (s >> 33) as usize % (i + 1));
    }
    order
}

#[test]
fn one_article_at_a_time_in_any_order_equals_a_rebuild() {
    let lex = Lexicon::builtin().unwrap();
    let graphs = extracted(&articles(), &lex);
    let all: Vec<&Graph> = graphs.iter().collect();
    let expected = rebuilt(&all);
    assert!(
        expected
            .iter()
            .any(|q| q.contains("isnad/ontology#contested")),
        "the corpus has figure groups"
    );
    for seed in [1, 7, 42] {
        let store = fresh_store();
        for i in shuffled(graphs.len(), seed) {
            put(&store, &[&graphs[i]]);
            let r = store.refresh_derived().unwrap();
            assert!(!r.rebuilt || r.articles <= 1, "{r:?}");
        }
        assert_same(&derived(&store), &expected, &format!("order {seed}"));
    }
}

#[test]
fn batches_removals_and_replacements_stay_equal_to_a_rebuild() {
    let lex = Lexicon::builtin().unwrap();
    let mut list = articles();
    let graphs = extracted(&list, &lex);
    let store = fresh_store();
    let (first, rest) = graphs.split_at(graphs.len() / 2);
    put(&store, &first.iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    put(&store, &rest.iter().collect::<Vec<_>>());
    let r = store.refresh_derived().unwrap();
    assert!(!r.rebuilt);
    assert_eq!(r.articles, rest.len());
    // remove two articles, one of each half
    let gone = [graphs[0].iri.clone(), graphs[graphs.len() - 1].iri.clone()];
    for g in &gone {
        assert!(store.remove_article(g).unwrap());
    }
    // replace the second article with a changed text (another figure, another day)
    let changed = Article::from_text(
        list[1].id.clone(),
        format!(
            "{}\nوقال مصدر محلي إن 30 شخصا قتلوا في الهجوم.",
            list[1].text
        ),
    );
    list[1] = changed;
    let replaced = extracted(&list[1..2], &lex).remove(0);
    put(&store, &[&replaced]);
    store.refresh_derived().unwrap();
    let mut kept: Vec<&Graph> = graphs
        .iter()
        .filter(|g| !gone.contains(&g.iri) && g.iri != replaced.iri)
        .collect();
    kept.push(&replaced);
    assert_same(
        &derived(&store),
        &rebuilt(&kept),
        "after removals and a replacement",
    );
}

#[test]
fn writes_whose_refresh_never_ran_are_taken_in_by_the_next_refresh() {
    let lex = Lexicon::builtin().unwrap();
    let mut list = articles();
    let graphs = extracted(&list, &lex);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path).unwrap();
        store.load_reference_graphs(&[]).unwrap();
        put(&store, &graphs.iter().collect::<Vec<_>>());
        store.refresh_derived().unwrap();
        // written, then the process "dies" before refreshing: twice for one article
        let once = Article::from_text(list[0].id.clone(), format!("{}\nتحديث أول.", list[0].text));
        let twice = Article::from_text(list[0].id.clone(), format!("{}\nتحديث ثان.", list[0].text));
        put(&store, &[&extracted(&[once], &lex)[0]]);
        list[0] = twice;
        put(&store, &[&extracted(&list[0..1], &lex)[0]]);
        assert!(!store.quads(Some(PENDING_GRAPH)).unwrap().is_empty());
    }
    let store = Store::open(&path).unwrap();
    let r = store.refresh_derived().unwrap();
    assert_eq!(r.articles, 1, "{r:?}");
    assert!(store.quads(Some(PENDING_GRAPH)).unwrap().is_empty());
    let now = extracted(&list, &lex);
    assert_same(
        &derived(&store),
        &rebuilt(&now.iter().collect::<Vec<_>>()),
        "after an interrupted refresh",
    );
}

#[test]
fn a_contested_figure_is_contested_within_one_real_world_event() {
    let lex = Lexicon::builtin().unwrap();
    let graphs = extracted(&from_texts(WRITTEN), &lex);
    let store = fresh_store();
    put(&store, &graphs.iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    let q = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/queries/contested-figures.rq"
    ))
    .unwrap();
    let rows = store.select(&q).unwrap();
    let figures: BTreeSet<String> = rows
        .iter()
        .filter_map(|r| match &r[4] {
            Some(oxigraph::model::Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect();
    // the two outlets' figures for the attack of 3 March stand side by side …
    assert!(
        figures.contains("12") && figures.contains("9"),
        "{figures:?}"
    );
    // … and the attack of 20 March, another event at the same place, is not in it
    assert!(!figures.contains("4"), "{figures:?}");
}

#[test]
fn a_city_named_for_the_valley_around_it_is_one_event_with_the_valley() {
    // one ambush told by two outlets: one names the valley, one the city it is
    // near; then a third reports an attack that day in a town of the same
    // governorate, which the valley is as near: the valley's report fits two
    // events and joins neither
    let told: &[(&str, &str)] = &[
        (
            "valley.txt",
            "كمين في وادي الشاي\n\
             قتل ثلاثة جنود من الجيش العراقي في كمين نصبه تنظيم داعش في وادي الشاي بمحافظة كركوك يوم 5 أيار 2023، بحسب مصدر أمني.",
        ),
        (
            "city.txt",
            "مقتل جنود قرب كركوك\n\
             أعلنت وزارة الدفاع العراقية مقتل جنديين في هجوم لتنظيم داعش على دورية للجيش العراقي قرب مدينة كركوك يوم 5 أيار 2023.",
        ),
        (
            "town.txt",
            "هجوم في الحويجة\n\
             قتل جندي من الجيش العراقي في هجوم لتنظيم داعش على نقطة تفتيش في قضاء الحويجة يوم 5 أيار 2023.",
        ),
    ];
    let lex = Lexicon::builtin().unwrap();
    let graphs = extracted(&from_texts(told), &lex);
    let store = fresh_store();
    // the attack's merged event and its place, per article
    let events = |store: &Store| -> BTreeMap<String, (String, String)> {
        let rows = store
            .select(
                "SELECT ?g ?e ?p WHERE { GRAPH ?g { ?r a isn:Attack } \
                 GRAPH <https://w3id.org/isnad/id/graph/events> { ?r owl:sameAs ?e . ?e isn:place ?p } }",
            )
            .unwrap();
        let s = |r: &[Option<oxigraph::model::Term>], i: usize| {
            r[i].as_ref().map(|t| t.to_string()).unwrap_or_default()
        };
        rows.iter()
            .map(|r| {
                let g = s(r, 0);
                let name = g
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches('>');
                (name.to_owned(), (s(r, 1), s(r, 2)))
            })
            .collect()
    };
    put(&store, &[&graphs[0], &graphs[1]]);
    store.refresh_derived().unwrap();
    let two = events(&store);
    assert_eq!(two.len(), 2, "{two:?}");
    assert_eq!(two["city.txt"], two["valley.txt"], "one event: {two:?}");
    assert!(
        two["valley.txt"].1.contains("region/"),
        "placed in the valley: {two:?}"
    );
    put(&store, &[&graphs[2]]);
    store.refresh_derived().unwrap();
    let three = events(&store);
    assert_eq!(three.len(), 3, "{three:?}");
    let distinct: BTreeSet<&String> = three.values().map(|(e, _)| e).collect();
    assert_eq!(
        distinct.len(),
        3,
        "the valley fits two events, joins neither: {three:?}"
    );
    assert_same(
        &derived(&store),
        &rebuilt(&graphs.iter().collect::<Vec<_>>()),
        "valley",
    );
}

#[test]
fn a_states_declaration_told_again_as_history_is_one_event_in_its_country() {
    // two outlets recall Iraq's declaration of victory as background: one after
    // news from Kirkuk, naming the government; one naming no one. Told of the
    // country, not of the last place named, they are one event
    let told: &[(&str, &str)] = &[
        (
            "kirkuk.txt",
            "كمين قرب كركوك\n\
             قتل جنديان في كمين لتنظيم داعش قرب مدينة كركوك يوم 3 آذار 2023.\n\
             وكانت الحكومة العراقية قد أعلنت النصر على التنظيم في عام 2017.",
        ),
        (
            "iraq.txt",
            "خلايا نائمة\n\
             وتتواصل هجمات خلايا تنظيم داعش في العراق بعد إعلان النصر على التنظيم في عام 2017.",
        ),
    ];
    let lex = Lexicon::builtin().unwrap();
    let graphs = extracted(&from_texts(told), &lex);
    let store = fresh_store();
    put(&store, &graphs.iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    let rows = store
        .select(
            "SELECT ?g ?e ?p WHERE { GRAPH ?g { ?r a isn:Statement } \
             GRAPH <https://w3id.org/isnad/id/graph/events> { ?r owl:sameAs ?e . OPTIONAL { ?e isn:place ?p } } }",
        )
        .unwrap();
    let text = |t: &Option<oxigraph::model::Term>| t.as_ref().map(|t| t.to_string());
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(text(&rows[0][1]), text(&rows[1][1]), "one event: {rows:?}");
    assert_eq!(
        text(&rows[0][2]).as_deref(),
        Some("<https://w3id.org/isnad/id/iraq-place>"),
        "{rows:?}"
    );
    assert_same(
        &derived(&store),
        &rebuilt(&graphs.iter().collect::<Vec<_>>()),
        "history",
    );
}

#[test]
fn a_compaction_keeps_every_quad() {
    // an ingest of many articles ends with one (ingest::COMPACT_AFTER)
    let lex = Lexicon::builtin().unwrap();
    let graphs = extracted(&articles(), &lex);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.load_reference_graphs(&[]).unwrap();
    put(&store, &graphs.iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    let all = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }";
    let before: BTreeSet<String> = store
        .select(all)
        .unwrap()
        .iter()
        .map(|r| format!("{r:?}"))
        .collect();
    store.compact().unwrap();
    let after: BTreeSet<String> = store
        .select(all)
        .unwrap()
        .iter()
        .map(|r| format!("{r:?}"))
        .collect();
    assert!(before.len() > 1000, "{}", before.len());
    assert_eq!(before, after);
}

#[test]
fn the_merge_inputs_name_every_report_and_the_event_it_is_in() {
    // the refresh reads a bucket's unchanged reports from these inputs only: a
    // report missing here would drop out of its event at the next refresh
    let lex = Lexicon::builtin().unwrap();
    let graphs = extracted(&articles(), &lex);
    let store = fresh_store();
    let (first, rest) = graphs.split_at(graphs.len() / 2);
    put(&store, &first.iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    put(&store, &rest.iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    let same_as = isnad::vocab::OWL_SAME_AS;
    let mut linked: BTreeSet<(String, String)> = BTreeSet::new();
    for q in store.quads(Some(EVENTS_GRAPH)).unwrap() {
        if q.predicate.as_str() == same_as {
            let r = q.subject.to_string();
            let m = q.object.to_string();
            linked.insert((r[1..r.len() - 1].to_owned(), m[1..m.len() - 1].to_owned()));
        }
    }
    let mut cached: BTreeSet<(String, String)> = BTreeSet::new();
    // the place of each report as cached, and its setting
    let mut settings: BTreeMap<String, String> = BTreeMap::new();
    for q in store.quads(Some(MERGE_INPUT_GRAPH)).unwrap() {
        assert_eq!(q.predicate.as_str(), isnad::vocab::isn("mergeInput"));
        let oxigraph::model::Term::Literal(l) = &q.object else {
            panic!("not a literal: {q}");
        };
        // a line per report, the reports of one month (their date, else their
        // article's) or of none
        let mut months = BTreeSet::new();
        for line in l.value().split('\n') {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 14, "{line}");
            assert!(
                cached.insert((fields[0].to_owned(), fields[11].to_owned())),
                "cached twice: {line}"
            );
            assert!(["", "city", "area"].contains(&fields[12]), "{line}");
            settings.insert(fields[3].to_owned(), fields[12].to_owned());
            let time = if fields[7].is_empty() {
                fields[8]
            } else {
                fields[7]
            };
            months.insert(time.get(..7).unwrap_or(time).to_owned());
        }
        assert_eq!(months.len(), 1, "{l}");
    }
    assert!(linked.len() > 20, "the corpus has merged events");
    assert_eq!(cached, linked);
    // a gazetteer city is one, a facility in it is not
    let id = |s: &str| format!("{}{s}", isnad::vocab::ID);
    assert_eq!(
        settings.get(&id("hasakah")).map(String::as_str),
        Some("city")
    );
    assert_eq!(
        settings.get(&id("ghwayran-prison")).map(String::as_str),
        Some("")
    );
}

#[test]
fn a_rebuild_over_stale_derived_data_leaves_none_of_it() {
    // (what a new derived version does to a store: its derived graphs are cleared
    // in chunks, then rebuilt)
    let lex = Lexicon::builtin().unwrap();
    let mut list = articles();
    let store = fresh_store();
    put(&store, &extracted(&list, &lex).iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    // an article changes and the refresh does not run: the derived data is stale
    list[0] = Article::from_text(
        list[0].id.clone(),
        "خبر آخر\nقال مصدر محلي إن انفجارا وقع في مدينة القامشلي يوم 5 أيار 2023.",
    );
    let now = extracted(&list, &lex);
    put(&store, &[&now[0]]);
    store.rebuild_derived().unwrap();
    assert_same(
        &derived(&store),
        &rebuilt(&now.iter().collect::<Vec<_>>()),
        "after a rebuild over stale data",
    );
}

#[test]
fn reloading_the_reference_graphs_writes_only_what_changed() {
    use isnad::store::ONTOLOGY_GRAPH;
    use isnad::vocab::GAZETTEER_GRAPH;
    let reference = |store: &Store| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for g in [ONTOLOGY_GRAPH, GAZETTEER_GRAPH] {
            for q in store.quads(Some(g)).unwrap() {
                out.insert(q.to_string());
            }
        }
        out
    };
    let store = fresh_store();
    let plain = reference(&store);
    let extra = vec![(
        "extra.ttl".to_owned(),
        "@prefix isn: <https://w3id.org/isnad/ontology#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         <https://w3id.org/isnad/id/place/test-village> a isn:Place ; rdfs:label \"قرية الاختبار\"@ar .\n"
            .to_owned(),
    )];
    store.load_reference_graphs(&extra).unwrap();
    let with_extra = reference(&store);
    assert_eq!(with_extra.len(), plain.len() + 2);
    assert!(with_extra.is_superset(&plain));
    // unchanged: nothing to write, and the same quads
    store.load_reference_graphs(&extra).unwrap();
    assert_eq!(reference(&store), with_extra);
    // the extra document gone: its quads go, the rest stays
    store.load_reference_graphs(&[]).unwrap();
    assert_eq!(reference(&store), plain);
}

#[test]
fn the_source_tallies_answer_as_counting_the_claims_does() {
    // queries/sources-by-article.rq reads the tallies; its oracle counts the
    // claims and events in the article graphs, as the query did before them
    let lex = Lexicon::builtin().unwrap();
    let mut list = articles();
    let store = fresh_store();
    let (first, rest) = list.split_at(2);
    put(&store, &extracted(first, &lex).iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    put(&store, &extracted(rest, &lex).iter().collect::<Vec<_>>());
    store.refresh_derived().unwrap();
    let ask = |file: &str| -> Vec<String> {
        let q = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        store
            .select(&q)
            .unwrap()
            .iter()
            .map(|r| format!("{r:?}"))
            .collect()
    };
    let check = |what: &str| {
        let tallied = ask("queries/sources-by-article.rq");
        let counted = ask("tests/oracles/sources-by-article-counting.rq");
        assert!(tallied.len() >= 5, "{what}: {tallied:?}");
        assert_eq!(tallied, counted, "{what}");
    };
    check("after two ingests");
    // an article replaced: its tallies follow
    list[0] = Article::from_text(
        list[0].id.clone(),
        "خبر آخر\nذكرت وكالة الأنباء أن 7 أشخاص قتلوا في تفجير في مدينة القامشلي، فيما قال مصدر أمني إن القتلى 9.",
    );
    put(&store, &[&extracted(&list[..1], &lex)[0]]);
    store.refresh_derived().unwrap();
    check("after a replacement");
}

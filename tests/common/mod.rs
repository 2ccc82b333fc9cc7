//! Helpers shared by the integration tests: the embedded lexicon and extraction of
//! a text, running the binary, reading a store, and a generated corpus of small Arabic articles (templates written for the
//! tests; every article differs, and every one is about an attack with figures
//! and a source, so that each gives a graph with entities, events and claims).
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

pub fn isnad() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_isnad"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Starts `isnad ARGS` (a `serve` command binding port 0) with piped stdout and the
/// given stderr, and reads the address it prints on its first line: the child and
/// its base URL (no trailing slash).
pub fn start_serve(args: &[&str], stderr: std::process::Stdio) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    let mut child = isnad()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("isnad serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line names the address: {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    (child, base)
}

pub fn run(args: &[&str]) -> Output {
    isnad().args(args).output().expect("isnad runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs isnad and insists on success; returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "isnad {args:?} failed ({:?}): {}",
        out.status.code(),
        stderr(&out)
    );
    stdout(&out)
}

/// A new on-disk store in a temporary directory, holding the demo corpus
/// (examples/); returns the directory (removed when dropped) and the store path.
pub fn demo_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&["--store", store.to_str().unwrap(), "ingest", "examples"]);
    (dir, store)
}

/// Every quad of an on-disk store, as sorted N-Quads lines (opened read-only).
pub fn store_quads(store: &Path) -> Vec<String> {
    let s = isnad::store::Store::open_read_only(store).expect("store opens");
    let mut quads: Vec<String> = s
        .quads(None)
        .expect("store reads")
        .iter()
        .map(|q| q.to_string())
        .collect();
    quads.sort();
    quads
}

/// The quads of one graph among sorted N-Quads lines.
pub fn graph_of<'a>(quads: &'a [String], graph_iri: &str) -> BTreeSet<&'a str> {
    let suffix = format!("<{graph_iri}>");
    quads
        .iter()
        .filter(|q| q.ends_with(&suffix))
        .map(String::as_str)
        .collect()
}

const CITIES: &[&str] = &[
    "حلب",
    "إدلب",
    "دير الزور",
    "الرقة",
    "الموصل",
    "كركوك",
    "بعقوبة",
    "تكريت",
    "الحسكة",
    "درعا",
    "حماة",
    "الرمادي",
];
const SOURCES: &[&str] = &[
    "المرصد السوري لحقوق الإنسان",
    "مصدر أمني",
    "مصادر محلية",
    "مصدر طبي",
    "خلية الإعلام الأمني",
];
const ATTACKERS: &[&str] = &["تنظيم داعش", "مسلحون مجهولون", "خلايا تابعة للتنظيم"];
const EVENTS: &[&str] = &["هجوم", "قصف مدفعي", "انفجار عبوة ناسفة", "غارة جوية"];
const TARGETS: &[&str] = &["حاجز عسكري", "سوق شعبي", "مقر للشرطة", "قافلة مدنية"];
const WEEKDAYS: &[&str] = &[
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
];
const VICTIMS: &[&str] = &["مدنيين", "جنود", "عناصر من الشرطة", "أشخاص"];

/// The text of generated article number `i`.
pub fn article_text(i: usize) -> String {
    let pick = |list: &[&'static str], k: usize| list[(i * (k + 3) + k) % list.len()];
    let city = pick(CITIES, 0);
    let source = pick(SOURCES, 1);
    let attacker = pick(ATTACKERS, 2);
    let event = pick(EVENTS, 3);
    let target = pick(TARGETS, 4);
    let day = pick(WEEKDAYS, 5);
    let victims = pick(VICTIMS, 6);
    let killed = 2 + i % 37;
    let injured = 3 + (i * 7) % 41;
    format!(
        "مقتل {killed} {victims} في {event} على {target} في {city}\n\n\
         {city}، {day} — قال {source} إن {killed} {victims} قتلوا وأصيب {injured} آخرون \
         في {event} نفذه {attacker} على {target} وسط المدينة. \
         وأضاف أن فرق الإسعاف نقلت الجرحى إلى المستشفى الوطني، فيما أغلقت القوات \
         الطرق المؤدية إلى المكان. (الخبر رقم {i})\n"
    )
}

/// Writes `n` generated articles into `dir`: most as `.txt` files, every fifth
/// as a line of `feed.jsonl` (with metadata).
pub fn write_corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut jsonl = String::new();
    for i in 0..n {
        let text = article_text(i);
        if i % 5 == 4 {
            let record = serde_json::json!({
                "id": format!("feed-{i:04}"),
                "url": format!("https://news.example/feed/{i}"),
                "title": text.lines().next().unwrap(),
                "text": text,
                "published": format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                "publisher": "وكالة المثال للأنباء",
            });
            jsonl.push_str(&record.to_string());
            jsonl.push('\n');
        } else {
            std::fs::write(dir.join(format!("article-{i:04}.txt")), text).unwrap();
        }
    }
    std::fs::write(dir.join("feed.jsonl"), jsonl).unwrap();
}

/// The embedded lexicon, loaded once per test binary.
pub fn lexicon() -> &'static isnad::extract::lexicon::Lexicon {
    static LEX: std::sync::OnceLock<isnad::extract::lexicon::Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(|| isnad::extract::lexicon::Lexicon::builtin().expect("embedded lexicon loads"))
}

/// The extraction of a text written for a test.
pub fn extract_text(text: &str) -> isnad::extract::Extraction {
    isnad::extract::extract(
        isnad::article::Article::from_text("test.txt", text),
        lexicon(),
    )
}

// ---------------------------------------------------------------- extraction views

use isnad::extract::claims::Victim;
use isnad::extract::lexicon::EntityClass;
use isnad::extract::recognise::{Entity, Source};
use isnad::extract::Extraction;

/// (class, surface as written) of every non-anaphoric mention.
pub fn mentions(x: &Extraction) -> Vec<(EntityClass, String)> {
    x.recognition
        .mentions
        .iter()
        .filter(|m| !m.anaphor)
        .map(|m| {
            (
                x.recognition.entities[m.entity].class,
                x.original(m.span.clone()).to_owned(),
            )
        })
        .collect()
}

/// The text has a mention of this class written exactly so.
pub fn has(x: &Extraction, class: EntityClass, surface: &str) -> bool {
    mentions(x).iter().any(|(c, s)| *c == class && s == surface)
}

/// Asserts [`has`], listing the mentions found when it fails.
pub fn assert_has(x: &Extraction, class: EntityClass, surface: &str) {
    assert!(
        has(x, class, surface),
        "want {class:?} «{surface}», got {:?}",
        mentions(x)
    );
}

/// The entity of the (non-anaphoric) mention written exactly as `surface`.
pub fn entity_written<'x>(x: &'x Extraction, surface: &str) -> Option<&'x Entity> {
    x.recognition
        .mentions
        .iter()
        .find(|m| !m.anaphor && x.original(m.span.clone()) == surface)
        .map(|m| &x.recognition.entities[m.entity])
}

/// The last segment of an entity's IRI («iraqi-army», «لواء-42»).
pub fn iri_tail(x: &Extraction, e: usize) -> &str {
    x.recognition.entities[e]
        .iri
        .rsplit('/')
        .next()
        .unwrap_or_default()
}

/// A source as tests name it: an entity's IRI tail, an unnamed phrase as written,
/// or "article".
pub fn source_tail(x: &Extraction, source: &Source) -> String {
    match source {
        Source::Entity(e) => iri_tail(x, *e).to_owned(),
        Source::Unnamed(span) => x.original(span.clone()).to_owned(),
        Source::Article => "article".to_owned(),
    }
}

/// A victim as tests name it: an entity's IRI tail, "civilians" or "everyone".
pub fn victim_tail(x: &Extraction, victim: &Victim) -> String {
    match victim {
        Victim::Entity(e) => iri_tail(x, *e).to_owned(),
        Victim::Civilians => "civilians".to_owned(),
        Victim::Everyone => "everyone".to_owned(),
    }
}

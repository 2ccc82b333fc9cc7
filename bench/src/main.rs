//! isnad's benchmark: one command measures extraction, ingest, Oxigraph's own bulk
//! loader and every query in queries/, with the peak RSS of each step.
//!
//! Why it is built this way:
//! * every step is a child process (`isnad extract`, `isnad ingest`, and this
//!   binary's own `bulk-load` and `queries` modes), so its wall time and its peak
//!   RSS (from `wait4`) are its own and nothing of an earlier step stays cached in
//!   the measuring process;
//! * the reference for ingest is Oxigraph's bulk loader loading the very quads
//!   `isnad extract` produced for the same corpus, in the same run on the same
//!   machine: the ratio between the two is the figure that matters;
//! * extraction has a reference too, over the same bytes in the same run: this
//!   binary's `reference` mode reads every input as isnad does, normalises and
//!   tokenises each article and runs the lexicon's one Aho-Corasick pass (isnad's
//!   own first stages, with nothing after them), on one thread; extraction on
//!   one thread over the reference is the ratio printed beside its MB/s;
//! * the corpus is synthetic and varied ([`corpus`]), or any folder of real
//!   articles given with `--corpus`.
//!
//! * with `--push-virtuoso`, the ingested store is pushed (`isnad push`, Graph
//!   Store Protocol, 4 workers) to a Virtuoso started for it on free loopback
//!   ports (the server of tests/push.rs, from the same file), and the push's
//!   articles/s stand beside the embedded ingest's.
//!
//! `bench/run` builds the release binaries and calls `isnad-bench run`.

mod corpus;
#[path = "../../tests/common/virtuoso.rs"]
mod virtuoso;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(name = "isnad-bench", about = "isnad's benchmark")]
struct Cli {
    #[command(subcommand)]
    command: Mode,
}

#[derive(Subcommand)]
enum Mode {
    /// Runs the whole benchmark and prints its table (and writes it as JSON)
    Run(Plan),
    /// Writes a synthetic corpus of N articles as JSON Lines shards
    Gen {
        #[arg(long)]
        articles: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Start at this article of the corpus (the next days' news of a corpus of
        /// that many articles)
        #[arg(long, default_value_t = 0)]
        from: usize,
    },
    /// Loads an N-Quads file into a new store with Oxigraph's bulk loader
    BulkLoad {
        #[arg(long)]
        store: PathBuf,
        nquads: PathBuf,
    },
    /// Scores a store's merged events against a synthetic corpus's truth; prints JSON
    MergeScore {
        #[arg(long)]
        store: PathBuf,
        /// The corpus folder (its truth is the file beside it, FOLDER.truth.jsonl)
        #[arg(long)]
        corpus: PathBuf,
        /// Recompute the store's events graph first (opens it for writing)
        #[arg(long)]
        refresh: bool,
        /// Also write every lead report's article, incident and merged event here (TSV)
        #[arg(long)]
        dump: Option<PathBuf>,
    },
    /// Prints Oxigraph's plan of a query on a store, with the rows each step
    /// produced and its time (JSON): to see why a query is slow
    Explain {
        #[arg(long)]
        store: PathBuf,
        file: PathBuf,
    },
    /// Compacts a store (Oxigraph's `optimize`)
    Optimize {
        #[arg(long)]
        store: PathBuf,
    },
    /// The reference pass: reads every input as isnad does, normalises and
    /// tokenises each article and runs the lexicon's one Aho-Corasick pass, on
    /// one thread; prints articles and hits
    Reference { paths: Vec<PathBuf> },
    /// Times each query on a store; prints {file: median ms} as JSON
    Queries {
        #[arg(long)]
        store: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        files: Vec<PathBuf>,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Mode::Run(plan) => run(&plan),
        Mode::Gen {
            articles,
            out,
            seed,
            from,
        } => {
            let bytes = corpus::generate_range(&out, from, articles, seed)?;
            println!(
                "{articles} articles, {bytes} bytes of text in {}",
                out.display()
            );
            Ok(())
        }
        Mode::BulkLoad { store, nquads } => bulk_load(&store, &nquads),
        Mode::Reference { paths } => reference(&paths),
        Mode::Queries { store, runs, files } => time_queries(&store, runs, &files),
        Mode::Explain { store, file } => explain_query(&store, &file),
        Mode::Optimize { store } => {
            let store = oxigraph::store::Store::open(&store)?;
            store.optimize()?;
            store.flush()?;
            Ok(())
        }
        Mode::MergeScore {
            store,
            corpus,
            refresh,
            dump,
        } => {
            let store = if refresh {
                let s = isnad::store::Store::open(&store)?;
                let t = Instant::now();
                let n = s.rebuild_derived()?.merged_events;
                eprintln!("{n} merged events in {:.1} s", t.elapsed().as_secs_f64());
                s
            } else {
                isnad::store::Store::open_read_only(&store)?
            };
            let truth = corpus::read_truth(&corpus)
                .with_context(|| format!("{}: no truth", corpus.display()))?;
            let (score, leads) = merge_score(&store, &truth)?;
            if let Some(path) = dump {
                let mut out = String::new();
                for (article, incident, merged) in leads {
                    out.push_str(&format!("{article}\t{incident}\t{merged}\n"));
                }
                std::fs::write(&path, out)?;
            }
            println!("{}", serde_json::to_string_pretty(&score)?);
            Ok(())
        }
    }
}

#[derive(clap::Args)]
struct Plan {
    /// Corpus sizes (articles), comma-separated
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    sizes: Vec<usize>,
    /// Measure this folder of real articles instead of synthetic corpora
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Where corpora, quads and stores are written
    #[arg(long, default_value = "target/bench")]
    work: PathBuf,
    /// Where the JSON report is written (default: WORK/results.json)
    #[arg(long)]
    json: Option<PathBuf>,
    /// Directory of the .rq files to time
    #[arg(long, default_value = "queries")]
    queries: PathBuf,
    /// Timed runs per query (after one warm-up); the median is reported
    #[arg(long, default_value_t = 5)]
    query_runs: usize,
    /// Seed of the synthetic corpus
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// A query still running after this many seconds is stopped and reported so
    #[arg(long, default_value_t = 120)]
    query_timeout: u64,
    /// Also push each ingested store to a Virtuoso started for it (needs virtuoso-t)
    #[arg(long)]
    push_virtuoso: bool,
}

/// The push of an ingested store to Virtuoso, or why there was none.
#[derive(Debug, Serialize)]
struct PushReport {
    /// the `isnad push` process
    step: Option<Step>,
    articles_s: Option<f64>,
    /// graphs sent (articles, reference and events graphs)
    graphs: Option<usize>,
    skipped: Option<String>,
}

/// Wall time and peak resident memory of one child process.
#[derive(Debug, Clone, Copy, Serialize)]
struct Step {
    secs: f64,
    peak_rss_mb: f64,
}

#[derive(Debug, Serialize)]
struct SizeReport {
    articles: usize,
    text_mb: f64,
    quads: u64,
    extract_1_thread: Step,
    extract_all_cores: Step,
    /// the reference pass over the same bytes (`isnad-bench reference`: read,
    /// normalise, tokenise, one Aho-Corasick pass of the lexicon), one thread
    reference: Step,
    ingest: Step,
    bulk_load: Step,
    queries: Step,
    /// text MB/s and articles/s of extraction on one thread and on all cores
    extract_mb_s_1: f64,
    extract_mb_s_all: f64,
    extract_articles_s_1: f64,
    extract_articles_s_all: f64,
    reference_mb_s: f64,
    /// extraction on one thread / the reference pass: the share of the machine's
    /// limit for isnad's own first stages that extraction reaches
    extract_to_reference: f64,
    speedup: f64,
    ingest_quads_s: f64,
    bulk_quads_s: f64,
    /// ingest rate / bulk-load rate
    ingest_to_bulk: f64,
    /// median milliseconds per query file; null when it did not finish in time
    query_ms: BTreeMap<String, Option<f64>>,
    /// merged events against the synthetic corpus's truth
    merging: Option<MergeReport>,
    /// the archive's next day: one new article, then a thousand more, ingested
    /// into the store (its derived graphs refreshed incrementally)
    add_one: Option<Step>,
    add_thousand: Option<Step>,
    /// the store's size on disk after ingest, and after Oxigraph's `optimize`
    /// (RocksDB compaction), with the time that took
    store_mb: f64,
    /// after the next day's articles, just before `optimize`
    store_mb_before_optimize: f64,
    optimize: Step,
    store_mb_optimized: f64,
    /// embedded ingest's articles/s, beside the push's
    ingest_articles_s: f64,
    /// with --push-virtuoso
    push_virtuoso: Option<PushReport>,
}

/// The merged events of a store scored against the incidents of the corpus.
#[derive(Debug, Serialize, Deserialize)]
struct MergeReport {
    /// articles in the truth, and the ones whose lead's report was found
    articles: usize,
    scored_reports: usize,
    /// incidents and merged events among the scored reports
    incidents: usize,
    events_of_scored: usize,
    /// B-cubed precision and recall of the lead reports (one per article: the
    /// lead sentence's) against the incidents
    bcubed_precision: f64,
    bcubed_recall: f64,
    bcubed_f1: f64,
    /// the same over every report of the lead's class in the headline and the
    /// lead (two in an article whose headline's report the extractor left apart)
    all_lead_reports: usize,
    all_bcubed_precision: f64,
    all_bcubed_recall: f64,
    /// reports (all of them, scored or not) in the largest merged event
    largest_event: usize,
    /// lead reports in the largest merged event, and in the largest incident
    largest_event_scored: usize,
    largest_incident: usize,
    /// merged events in the store
    events: usize,
    /// event reports in the store
    reports: usize,
}

/// (article, incident, merged event) of every lead report.
type Leads = Vec<(String, String, String)>;

/// B-cubed precision and recall of items given as (incident, merged event).
fn bcubed(items: &[(&str, &str)]) -> (f64, f64) {
    let mut cluster: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut incident: BTreeMap<&str, usize> = BTreeMap::new();
    for &(i, m) in items {
        *cluster.entry(m).or_default().entry(i).or_default() += 1;
        *incident.entry(i).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for &(i, m) in items {
        let c = &cluster[m];
        let both = c[i] as f64;
        p += both / c.values().sum::<usize>() as f64;
        r += both / incident[i] as f64;
    }
    let n = items.len().max(1) as f64;
    (p / n, r / n)
}

/// Scores merging: every article's lead report (of the lead's class, the last
/// to start before the lead ends: the lead sentence's own, which a headline's
/// report merged in the article also is) against the incident the truth names.
fn merge_score(
    store: &isnad::store::Store,
    truth: &[corpus::Truth],
) -> Result<(MergeReport, Leads)> {
    use isnad::vocab;
    use oxigraph::model::Term;
    let rows = store
        .select(&format!(
            "SELECT ?id ?r ?c ?s ?m WHERE {{
               GRAPH ?g {{ ?g <{}> ?id . ?r <{}> ?t ; a ?c ; <{}> ?s }}
               OPTIONAL {{ GRAPH <{}> {{ ?r <{}> ?m }} }} }}",
            vocab::SCHEMA_IDENTIFIER,
            vocab::isn("trigger"),
            vocab::isn("start"),
            isnad::store::EVENTS_GRAPH,
            vocab::OWL_SAME_AS,
        ))
        .context("reading the reports")?;
    let text = |t: &Option<Term>| -> String {
        match t {
            Some(Term::NamedNode(n)) => n.as_str().to_owned(),
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => String::new(),
        }
    };
    let by_article: std::collections::HashMap<&str, &corpus::Truth> =
        truth.iter().map(|t| (t.article.as_str(), t)).collect();
    // article → (start, merged event) of each report of the lead's class in the lead
    let mut lead: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    let mut reports = std::collections::BTreeSet::new();
    for row in &rows {
        let [id, r, c, s, m] = [0, 1, 2, 3, 4].map(|i| text(&row[i]));
        let merged = if m.is_empty() { r.clone() } else { m };
        if reports.insert(r.clone()) {
            *sizes.entry(merged.clone()).or_default() += 1;
        }
        let Some(t) = by_article.get(id.as_str()) else {
            continue;
        };
        let start: usize = s.parse().unwrap_or(usize::MAX);
        if c == vocab::isn(&t.class) && start < t.lead_end {
            lead.entry(id).or_default().push((start, merged));
        }
    }
    for v in lead.values_mut() {
        v.sort();
        v.dedup();
    }
    let incident_of = |a: &str| by_article[a].incident.as_str();
    let one: Vec<(&str, &str)> = lead
        .iter()
        .filter_map(|(a, v)| Some((incident_of(a), v.last()?.1.as_str())))
        .collect();
    let all: Vec<(&str, &str)> = lead
        .iter()
        .flat_map(|(a, v)| v.iter().map(|(_, m)| (incident_of(a), m.as_str())))
        .collect();
    let (p, r) = bcubed(&one);
    let (all_p, all_r) = bcubed(&all);
    let mut per_event: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_incident: BTreeMap<&str, usize> = BTreeMap::new();
    for &(i, m) in &one {
        *per_event.entry(m).or_default() += 1;
        *per_incident.entry(i).or_default() += 1;
    }
    let leads: Leads = lead
        .iter()
        .filter_map(|(a, v)| Some((a.clone(), incident_of(a).to_owned(), v.last()?.1.clone())))
        .collect();
    let report = MergeReport {
        articles: truth.len(),
        scored_reports: one.len(),
        incidents: per_incident.len(),
        events_of_scored: per_event.len(),
        bcubed_precision: p,
        bcubed_recall: r,
        bcubed_f1: if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
        all_lead_reports: all.len(),
        all_bcubed_precision: all_p,
        all_bcubed_recall: all_r,
        largest_event: sizes.values().copied().max().unwrap_or(0),
        largest_event_scored: per_event.values().copied().max().unwrap_or(0),
        largest_incident: per_incident.values().copied().max().unwrap_or(0),
        events: sizes.len(),
        reports: reports.len(),
    };
    Ok((report, leads))
}

#[derive(Debug, Serialize)]
struct Report {
    machine: Machine,
    commit: String,
    threads: usize,
    /// seconds after which a query is stopped
    query_timeout: u64,
    runs: Vec<SizeReport>,
}

#[derive(Debug, Serialize)]
struct Machine {
    cpu: String,
    cores: usize,
    memory_gb: f64,
    kernel: String,
}

fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown".to_owned(), |(_, v)| v.trim().to_owned());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kb: f64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .unwrap_or_default()
        .trim()
        .to_owned();
    Machine {
        cpu,
        cores: cores(),
        memory_gb: mem_kb / 1024.0 / 1024.0,
        kernel,
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `cmd` to completion; its wall time and peak RSS. Fails if it fails.
fn measure(cmd: &mut Command, what: &str) -> Result<Step> {
    measure_within(cmd, what, None)?.with_context(|| format!("{what}: timed out"))
}

/// Runs `cmd` to completion, or kills it after `timeout` (then `None`).
fn measure_within(
    cmd: &mut Command,
    what: &str,
    timeout: Option<Duration>,
) -> Result<Option<Step>> {
    let start = Instant::now();
    let child = cmd
        .spawn()
        .with_context(|| format!("{what}: cannot start"))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child, which the
    // `Child` handle never waits for afterwards (it is forgotten below).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    std::mem::forget(child);
    let mut timed_out = false;
    let rc = loop {
        let flags = if timeout.is_some() { libc::WNOHANG } else { 0 };
        let rc = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
        if rc != 0 {
            break rc;
        }
        if timeout.is_some_and(|t| start.elapsed() > t) && !timed_out {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            timed_out = true;
        }
        // a benchmark harness polling its child, not a test: the poll interval
        // bounds only how late a timeout is noticed
        std::thread::sleep(Duration::from_millis(5));
    };
    let secs = start.elapsed().as_secs_f64();
    if rc != pid {
        bail!("{what}: wait4 failed: {}", std::io::Error::last_os_error());
    }
    if timed_out {
        return Ok(None);
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        bail!("{what}: failed (wait status {status})");
    }
    Ok(Some(Step {
        secs,
        // ru_maxrss is in KiB on Linux
        peak_rss_mb: usage.ru_maxrss as f64 / 1024.0,
    }))
}

fn bin(name: &str) -> Result<PathBuf> {
    let me = std::env::current_exe()?;
    let p = me.with_file_name(name);
    if !p.exists() {
        bail!(
            "{} not found: build it with `cargo build --release --workspace`",
            p.display()
        );
    }
    Ok(p)
}

fn fresh_dir(p: &Path) -> Result<()> {
    if p.exists() {
        std::fs::remove_dir_all(p).with_context(|| format!("{}: cannot remove", p.display()))?;
    }
    Ok(())
}

fn dir_bytes(p: &Path) -> u64 {
    let Ok(meta) = std::fs::metadata(p) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    std::fs::read_dir(p)
        .map(|rd| rd.flatten().map(|e| dir_bytes(&e.path())).sum())
        .unwrap_or(0)
}

fn run(plan: &Plan) -> Result<()> {
    let isnad = bin("isnad")?;
    let me = std::env::current_exe()?;
    std::fs::create_dir_all(&plan.work)?;
    let mut query_files: Vec<PathBuf> = std::fs::read_dir(&plan.queries)
        .with_context(|| format!("{}: cannot read", plan.queries.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    query_files.sort();
    let threads = cores();
    let mut runs = Vec::new();
    let corpora: Vec<(usize, PathBuf, u64)> = match &plan.corpus {
        Some(dir) => {
            // a real folder: its size in articles is what `isnad extract` finds
            vec![(0, dir.clone(), dir_bytes(dir))]
        }
        None => {
            let mut v = Vec::new();
            for &n in &plan.sizes {
                let dir = plan.work.join(format!("corpus-{n}-{}", plan.seed));
                let stamp = dir.join(".text-bytes");
                // (a corpus written before the truth file existed is written again)
                let bytes = match std::fs::read_to_string(&stamp)
                    .ok()
                    .filter(|_| corpus::truth_path(&dir).exists())
                    .and_then(|s| s.trim().parse().ok())
                {
                    Some(b) => b,
                    None => {
                        fresh_dir(&dir)?;
                        eprintln!("generating {n} articles in {}", dir.display());
                        let b = generate_in_child(&me, &dir, 0, n, plan.seed)?;
                        std::fs::write(&stamp, b.to_string())?;
                        b
                    }
                };
                v.push((n, dir, bytes));
            }
            v
        }
    };
    for (n, dir, bytes) in corpora {
        let tag = if n == 0 {
            "corpus".to_owned()
        } else {
            n.to_string()
        };
        let nq = plan.work.join(format!("quads-{tag}.nq"));
        let extract = |threads: usize, out: Stdio| -> Result<Step> {
            eprintln!("[{tag}] extract on {threads} thread(s)");
            measure(
                Command::new(&isnad)
                    .args(["--threads", &threads.to_string(), "extract"])
                    .arg(&dir)
                    .stdout(out),
                "isnad extract",
            )
        };
        let extract_1 = extract(1, Stdio::null())?;
        eprintln!("[{tag}] reference pass");
        let reference = measure(
            Command::new(&me)
                .arg("reference")
                .arg(&dir)
                .stdout(Stdio::null()),
            "reference pass",
        )?;
        let extract_all = extract(threads, Stdio::null())?;
        // the same extraction once more, kept, for the bulk loader
        extract(threads, Stdio::from(File::create(&nq)?))?;
        let quads = BufReader::new(File::open(&nq)?).lines().count() as u64;
        let articles = if n == 0 { count_articles(&nq)? } else { n };

        let store = plan.work.join(format!("store-{tag}"));
        fresh_dir(&store)?;
        eprintln!("[{tag}] ingest");
        let ingest = measure(
            Command::new(&isnad)
                .arg("--store")
                .arg(&store)
                .arg("ingest")
                .arg(&dir)
                .stdout(Stdio::null()),
            "isnad ingest",
        )?;
        let push_virtuoso = if plan.push_virtuoso {
            Some(push_to_virtuoso(
                &isnad, &store, &plan.work, &tag, articles,
            )?)
        } else {
            None
        };
        let bulk_store = plan.work.join(format!("bulk-{tag}"));
        fresh_dir(&bulk_store)?;
        eprintln!("[{tag}] Oxigraph bulk loader");
        let bulk = measure(
            Command::new(&me)
                .arg("bulk-load")
                .arg("--store")
                .arg(&bulk_store)
                .arg(&nq),
            "bulk load",
        )?;
        fresh_dir(&bulk_store)?;
        let merging = if n == 0 {
            None
        } else {
            eprintln!("[{tag}] merged events against the truth");
            // in a child, as the corpus is written (see `generate_in_child`)
            let out = stdout_of(
                Command::new(&me)
                    .arg("merge-score")
                    .arg("--store")
                    .arg(&store)
                    .arg("--corpus")
                    .arg(&dir),
                "merge-score",
            )?;
            Some(serde_json::from_slice::<MergeReport>(&out).context("merge-score: bad JSON")?)
        };
        let store_mb = dir_bytes(&store) as f64 / 1e6;
        eprintln!("[{tag}] queries");
        // one child per query, so that one slow query is cut at the timeout
        // without losing the others
        let mut query_ms: BTreeMap<String, Option<f64>> = BTreeMap::new();
        let mut queries = Step {
            secs: 0.0,
            peak_rss_mb: 0.0,
        };
        for q in &query_files {
            let name = q
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let out_path = plan.work.join(format!("query-{tag}.json"));
            let step = measure_within(
                Command::new(&me)
                    .arg("queries")
                    .arg("--store")
                    .arg(&store)
                    .arg("--runs")
                    .arg(plan.query_runs.to_string())
                    .arg(q)
                    .stdout(Stdio::from(File::create(&out_path)?)),
                "queries",
                Some(Duration::from_secs(plan.query_timeout)),
            )?;
            let ms = match step {
                Some(step) => {
                    queries.secs += step.secs;
                    queries.peak_rss_mb = queries.peak_rss_mb.max(step.peak_rss_mb);
                    let got: BTreeMap<String, f64> =
                        serde_json::from_reader(File::open(&out_path)?)
                            .context("queries output")?;
                    got.into_values().next()
                }
                None => None,
            };
            eprintln!(
                "  {name}: {}",
                ms.map_or("timed out".to_owned(), |m| format!("{m:.1} ms"))
            );
            query_ms.insert(name, ms);
        }
        // the next day's news: one article, then a thousand, into the same store
        let (add_one, add_thousand) = if n == 0 {
            (None, None)
        } else {
            let add = |from: usize, count: usize| -> Result<Step> {
                let extra = plan
                    .work
                    .join(format!("next-{n}-{from}-{count}-{}", plan.seed));
                fresh_dir(&extra)?;
                generate_in_child(&me, &extra, from, count, plan.seed)?;
                eprintln!("[{tag}] ingest {count} more article(s)");
                let step = measure(
                    Command::new(&isnad)
                        .arg("--store")
                        .arg(&store)
                        .arg("ingest")
                        .arg(&extra)
                        .stdout(Stdio::null()),
                    "isnad ingest (next day)",
                )?;
                std::fs::remove_dir_all(&extra)?;
                Ok(step)
            };
            (Some(add(n, 1)?), Some(add(n + 1, 1000)?))
        };
        let store_mb_before_optimize = dir_bytes(&store) as f64 / 1e6;
        eprintln!("[{tag}] optimize (compaction)");
        let optimize = measure(
            Command::new(&me).arg("optimize").arg("--store").arg(&store),
            "optimize",
        )?;
        let store_mb_optimized = dir_bytes(&store) as f64 / 1e6;
        let mb = bytes as f64 / 1e6;
        runs.push(SizeReport {
            articles,
            text_mb: mb,
            quads,
            extract_mb_s_1: mb / extract_1.secs,
            extract_mb_s_all: mb / extract_all.secs,
            extract_articles_s_1: articles as f64 / extract_1.secs,
            extract_articles_s_all: articles as f64 / extract_all.secs,
            reference_mb_s: mb / reference.secs,
            extract_to_reference: reference.secs / extract_1.secs,
            reference,
            speedup: extract_1.secs / extract_all.secs,
            ingest_quads_s: quads as f64 / ingest.secs,
            bulk_quads_s: quads as f64 / bulk.secs,
            ingest_to_bulk: bulk.secs / ingest.secs,
            extract_1_thread: extract_1,
            extract_all_cores: extract_all,
            ingest,
            bulk_load: bulk,
            queries,
            query_ms,
            merging,
            add_one,
            add_thousand,
            store_mb,
            store_mb_before_optimize,
            optimize,
            store_mb_optimized,
            ingest_articles_s: articles as f64 / ingest.secs,
            push_virtuoso,
        });
    }
    let report = Report {
        machine: machine(),
        commit: git_commit(),
        threads,
        query_timeout: plan.query_timeout,
        runs,
    };
    print_table(&report);
    let json = plan
        .json
        .clone()
        .unwrap_or_else(|| plan.work.join("results.json"));
    std::fs::write(&json, serde_json::to_string_pretty(&report)?)?;
    println!("\nJSON: {}", json.display());
    Ok(())
}

/// Pushes `store` to a Virtuoso started for it in WORK/virtuoso-TAG (removed
/// after), timed like the other steps; skipped, saying why, without virtuoso-t.
fn push_to_virtuoso(
    isnad: &Path,
    store: &Path,
    work: &Path,
    tag: &str,
    articles: usize,
) -> Result<PushReport> {
    if !virtuoso::installed() {
        eprintln!("[{tag}] push to Virtuoso skipped: virtuoso-t not found");
        return Ok(PushReport {
            step: None,
            articles_s: None,
            graphs: None,
            skipped: Some("virtuoso-t not found".into()),
        });
    }
    let dir = work.join(format!("virtuoso-{tag}"));
    fresh_dir(&dir)?;
    std::fs::create_dir_all(&dir)?;
    eprintln!("[{tag}] push to Virtuoso");
    let mut server = virtuoso::Virtuoso::start(&dir).map_err(anyhow::Error::msg)?;
    server.allow_writes().map_err(anyhow::Error::msg)?;
    let summary = dir.join("push-stderr.txt");
    let step = measure(
        Command::new(isnad)
            .arg("--store")
            .arg(store)
            .args(["push", "--endpoint", &server.endpoint()])
            .args(["--graph-store", &server.graph_store()])
            .stdout(Stdio::null())
            .stderr(Stdio::from(File::create(&summary)?)),
        "isnad push",
    )?;
    server.kill();
    let text = std::fs::read_to_string(&summary)?;
    let graphs = text
        .lines()
        .find_map(|l| l.strip_prefix("pushed "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok());
    fresh_dir(&dir)?;
    Ok(PushReport {
        step: Some(step),
        articles_s: Some(articles as f64 / step.secs),
        graphs,
        skipped: None,
    })
}

fn git_commit() -> String {
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The reference pass (see [`Mode::Reference`]).
fn reference(paths: &[PathBuf]) -> Result<()> {
    let lex = isnad::extract::lexicon::Lexicon::builtin()?;
    let (mut articles, mut hits) = (0usize, 0usize);
    let options = isnad::article::ReadOptions::default();
    isnad::article::for_each_article(paths, &options, |item| -> Result<()> {
        if let isnad::article::Item::Article { article, .. } = item {
            let norm = isnad::text::NormText::new(&article.text);
            let tokens = isnad::text::tokenize(&norm.norm);
            hits += lex.scan(&norm.norm, &tokens).len();
            articles += 1;
        }
        Ok(())
    })?;
    println!("{articles} articles, {hits} lexicon hits");
    Ok(())
}

/// Articles in an N-Quads file: the distinct graphs of type isn:Article.
fn count_articles(nq: &Path) -> Result<usize> {
    let mut n = 0;
    for line in BufReader::new(File::open(nq)?).lines() {
        let line = line?;
        if line.contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/isnad/ontology#Article>") {
            n += 1;
        }
    }
    Ok(n)
}

fn print_table(r: &Report) {
    let m = &r.machine;
    println!(
        "\nmachine: {} ({} cores, {:.0} GB RAM, Linux {}); isnad {}",
        m.cpu, m.cores, m.memory_gb, m.kernel, r.commit
    );
    println!(
        "\n| articles | text MB | extract 1 thread | reference 1 thread | extract/reference | extract {} threads | speed-up | ingest | bulk loader | ingest/bulk | quads |",
        r.threads
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for s in &r.runs {
        println!(
            "| {} | {:.1} | {:.1} MB/s, {:.0} art/s | {:.1} MB/s | {:.2} | {:.1} MB/s, {:.0} art/s | {:.2}× | {:.1} s, {:.0}k quads/s | {:.1} s, {:.0}k quads/s | {:.2} | {} |",
            s.articles,
            s.text_mb,
            s.extract_mb_s_1,
            s.extract_articles_s_1,
            s.reference_mb_s,
            s.extract_to_reference,
            s.extract_mb_s_all,
            s.extract_articles_s_all,
            s.speedup,
            s.ingest.secs,
            s.ingest_quads_s / 1e3,
            s.bulk_load.secs,
            s.bulk_quads_s / 1e3,
            s.ingest_to_bulk,
            s.quads
        );
    }
    println!("\nPeak RSS (MB)\n\n| articles | extract 1 thread | extract all cores | ingest | bulk loader | queries |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for s in &r.runs {
        println!(
            "| {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} |",
            s.articles,
            s.extract_1_thread.peak_rss_mb,
            s.extract_all_cores.peak_rss_mb,
            s.ingest.peak_rss_mb,
            s.bulk_load.peak_rss_mb,
            s.queries.peak_rss_mb
        );
    }
    if r.runs.iter().any(|s| s.push_virtuoso.is_some()) {
        println!("\nPush of the ingested store to Virtuoso (`isnad push`, Graph Store Protocol, 4 workers) beside the embedded ingest\n\n| articles | ingest | ingest art/s | push to Virtuoso | push art/s | graphs | push peak RSS (MB) |");
        println!("|---:|---:|---:|---:|---:|---:|---:|");
        for s in &r.runs {
            let Some(p) = &s.push_virtuoso else { continue };
            match (&p.step, &p.skipped) {
                (Some(step), _) => println!(
                    "| {} | {:.1} s | {:.0} | {:.1} s | {:.0} | {} | {:.0} |",
                    s.articles,
                    s.ingest.secs,
                    s.ingest_articles_s,
                    step.secs,
                    p.articles_s.unwrap_or(0.0),
                    p.graphs.map_or("?".to_owned(), |g| g.to_string()),
                    step.peak_rss_mb
                ),
                (None, reason) => println!(
                    "| {} | {:.1} s | {:.0} | skipped: {} | | | |",
                    s.articles,
                    s.ingest.secs,
                    s.ingest_articles_s,
                    reason.as_deref().unwrap_or("")
                ),
            }
        }
    }
    println!("\nMerged events against the truth (lead reports of the synthetic corpus)\n\n| articles | scored reports | incidents | B-cubed precision | B-cubed recall | events (scored) | largest event (all reports) | largest event (scored) | largest incident | events in the store |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for s in &r.runs {
        if let Some(m) = &s.merging {
            println!(
                "| {} | {} | {} | {:.3} | {:.3} | {} | {} | {} | {} | {} |",
                s.articles,
                m.scored_reports,
                m.incidents,
                m.bcubed_precision,
                m.bcubed_recall,
                m.events_of_scored,
                m.largest_event,
                m.largest_event_scored,
                m.largest_incident,
                m.events
            );
        }
    }
    println!("\nThe next day's news, and the store on disk\n\n| articles | add 1 article | add 1,000 articles | store after ingest | after the additions | after optimize | optimize |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for s in &r.runs {
        let step = |x: &Option<Step>| {
            x.as_ref().map_or("–".to_owned(), |x| {
                format!("{:.2} s, {:.0} MB", x.secs, x.peak_rss_mb)
            })
        };
        println!(
            "| {} | {} | {} | {:.0} MB | {:.0} MB | {:.0} MB | {:.1} s |",
            s.articles,
            step(&s.add_one),
            step(&s.add_thousand),
            s.store_mb,
            s.store_mb_before_optimize,
            s.store_mb_optimized,
            s.optimize.secs
        );
    }
    let names: Vec<&String> = r
        .runs
        .first()
        .map(|s| s.query_ms.keys().collect())
        .unwrap_or_default();
    print!("\nQuery medians (ms)\n\n| query |");
    for s in &r.runs {
        print!(" {} articles |", s.articles);
    }
    print!("\n|---|");
    for _ in &r.runs {
        print!("---:|");
    }
    println!();
    for name in names {
        print!("| {name} |");
        for s in &r.runs {
            match s.query_ms.get(name) {
                Some(Some(ms)) => print!(" {ms:.1} |"),
                Some(None) => print!(" > {} s |", r.query_timeout),
                None => print!(" – |"),
            }
        }
        println!();
    }
}

fn bulk_load(store: &Path, nquads: &Path) -> Result<()> {
    let store = oxigraph::store::Store::open(store)?;
    let file = File::open(nquads).with_context(|| format!("{}: cannot open", nquads.display()))?;
    let mut loader = store.bulk_loader();
    loader.load_from_reader(oxigraph::io::RdfFormat::NQuads, BufReader::new(file))?;
    loader.commit()?; // atomic: nothing is in the store before this
    store.flush()?;
    eprintln!("bulk loader: {} quads in the store", store.len()?);
    Ok(())
}

/// Writes articles `from..from + count` of the corpus in a child process
/// (`isnad-bench gen`); returns their bytes of text. Nothing large is ever held in
/// the harness: Linux starts a child's peak RSS at its parent's, so a harness
/// that grew would inflate every step measured after it.
fn generate_in_child(me: &Path, dir: &Path, from: usize, count: usize, seed: u64) -> Result<u64> {
    let out = stdout_of(
        Command::new(me)
            .arg("gen")
            .args([
                "--articles",
                &count.to_string(),
                "--from",
                &from.to_string(),
            ])
            .args(["--seed", &seed.to_string()])
            .arg("--out")
            .arg(dir),
        "gen",
    )?;
    // «N articles, B bytes of text in DIR»
    String::from_utf8_lossy(&out)
        .split_whitespace()
        .nth(2)
        .and_then(|b| b.parse().ok())
        .context("gen: no byte count in its output")
}

/// Runs a helper step to completion (its errors shown as they come) and returns
/// what it printed.
fn stdout_of(cmd: &mut Command, what: &str) -> Result<Vec<u8>> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("{what}: cannot start"))?;
    if !out.status.success() {
        bail!("{what} failed ({})", out.status);
    }
    Ok(out.stdout)
}

fn explain_query(store: &Path, file: &Path) -> Result<()> {
    let store = oxigraph::store::Store::open_read_only(store)?;
    let sparql = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    // isnad's prefixes predeclared and the union of graphs, as `isnad query` asks
    let mut prepared = isnad::store::evaluator()
        .parse_query(&sparql)
        .with_context(|| format!("{}: not a SPARQL query", file.display()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let (results, explanation) = prepared.on_store(&store).compute_statistics().explain();
    if let oxigraph::sparql::QueryResults::Solutions(rows) =
        results.with_context(|| format!("{}: query failed", file.display()))?
    {
        for row in rows {
            row?; // statistics are complete once every row is read
        }
    }
    let mut out = std::io::stdout().lock();
    explanation.write_in_json(&mut out)?;
    writeln!(out)?;
    Ok(())
}

fn time_queries(store: &Path, runs: usize, files: &[PathBuf]) -> Result<()> {
    let store = isnad::store::Store::open_read_only(store)?;
    let mut out = BTreeMap::new();
    for f in files {
        let sparql = std::fs::read_to_string(f)?;
        let name = f.file_name().map_or_else(
            || f.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        for i in 0..=runs {
            let start = Instant::now();
            let rows = store
                .select(&sparql)
                .with_context(|| format!("{name}: query failed"))?;
            std::hint::black_box(rows.len());
            if i > 0 {
                times.push(start.elapsed()); // the first run warms caches
            }
        }
        times.sort();
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        out.insert(name, median.as_secs_f64() * 1e3);
    }
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}

//! The `isnad` command line: argument parsing and glue. The library does the work.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use isnad::article::{self, ReadOptions};
use isnad::eval;
use isnad::export::read::View;
use isnad::export::render::Image;
use isnad::export::story::Lang;
use isnad::export::{self, ExportFormat};
use isnad::extract::lexicon::Lexicon;
use isnad::extract::{extract, Extraction};
use isnad::ingest::{self, CommitPolicy, Progress};
use isnad::pipeline::{self, Mapping, Output};
use isnad::query::{self, ResultFormat};
use isnad::store::{Put, Store};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  isnad ingest examples/                      # extract the demo corpus into ./isnad-store
  isnad query --file queries/casualties-side-by-side.rq
  isnad query 'SELECT ?e ?l WHERE { ?e a isn:ArmedGroup ; rdfs:label ?l }'
  isnad export --format dot -o graph.dot && dot -Tsvg graph.dot -o graph.svg
  isnad extract article.txt > article.nq      # no store: N-Quads on stdout
  isnad remove report-17.txt                  # delete an article and its graph
  isnad eval --gold ../shared/gold ../shared/seeds";

#[derive(Parser)]
#[command(
    name = "isnad",
    version,
    about = "Builds a traceable RDF knowledge graph from Arabic conflict news",
    long_about = "isnad reads Arabic news articles and builds an RDF knowledge graph of actors, \
places, events, sources and count claims. Every fact keeps the article, the exact quote and \
the source the article credits; contested figures stand side by side.",
    after_help = EXAMPLES
)]
struct Cli {
    /// Directory of the embedded on-disk store
    #[arg(long, global = true, default_value = "isnad-store", value_name = "DIR")]
    store: PathBuf,
    /// Use a throwaway in-memory store instead of the on-disk one
    #[arg(long, global = true)]
    memory: bool,
    /// Extra gazetteer (Turtle) with more known actors, places and sources; repeatable
    #[arg(long, global = true, value_name = "FILE.ttl")]
    gazetteer: Vec<PathBuf>,
    /// Skip input files larger than this (bytes, or with K, M, G: 2^10, 2^20, 2^30)
    #[arg(long, global = true, value_name = "SIZE", default_value = "20M", value_parser = parse_size)]
    max_size: u64,
    /// Threads for extraction (default: one per core)
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract articles and store their graphs (files, directories, or - for stdin)
    #[command(
        after_help = "Formats: .txt .md .html .htm .json .jsonl .ndjson (UTF-8, UTF-16 with BOM, windows-1256, ISO-8859-6).\nExit codes: 0 all ingested, 3 some inputs skipped, 2 usage error, 1 fatal error.\n\nExamples:\n  isnad ingest examples/\n  isnad --store /data/isnad ingest archive/ today.jsonl\n  isnad --memory ingest examples/ --then-query queries/timeline.rq\n  curl -s https://example.org/story.html | isnad ingest -"
    )]
    Ingest {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Run this query file after ingesting (useful with --memory)
        #[arg(long, value_name = "FILE.rq")]
        then_query: Option<PathBuf>,
        /// Print one line per article as it is committed (added, replaced, unchanged)
        #[arg(short, long)]
        verbose: bool,
        /// Commit after at most this many articles (default: about 50,000 quads' worth)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        commit_every: Option<u64>,
    },
    /// Delete articles (their identifier, e.g. the file name, or their IRI) and their graphs
    #[command(
        after_help = "Examples:\n  isnad remove report-17.txt\n  isnad remove https://w3id.org/isnad/id/article/report-17.txt"
    )]
    Remove {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Extract articles and write their quads to stdout, with no store
    #[command(
        after_help = "Examples:\n  isnad extract examples/ > demo.nq\n  cat article.txt | isnad extract - --format trig"
    )]
    Extract {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "nquads")]
        format: QuadFormat,
    },
    /// Run a SPARQL query over the union of all graphs (isnad's prefixes are predeclared)
    #[command(
        after_help = "Examples:\n  isnad query --file queries/timeline.rq\n  isnad query --format csv 'SELECT (COUNT(*) AS ?n) WHERE { ?c a isn:CountClaim }'"
    )]
    Query {
        /// The query text (or use --file)
        #[arg(value_name = "SPARQL", required_unless_present = "file")]
        sparql: Option<String>,
        /// Read the query from a file
        #[arg(long, value_name = "FILE.rq", conflicts_with = "sparql")]
        file: Option<PathBuf>,
        /// Output format (default: table on a terminal, tsv otherwise)
        #[arg(long, value_enum)]
        format: Option<QueryFormat>,
        /// Ask this remote SPARQL endpoint instead of the local store
        #[arg(long, value_name = "SPARQL-URL")]
        endpoint: Option<String>,
        /// HTTP basic auth user for --endpoint (password from $ISNAD_PASSWORD)
        #[arg(long, value_name = "NAME", requires = "endpoint")]
        user: Option<String>,
    },
    /// Push every graph of the store (or of the articles given) to a remote triple store (Graph Store Protocol or SPARQL Update)
    #[command(
        after_help = "Sends the ontology and gazetteer graphs, each article's graph and the events graph, \
one request per graph, each replacing the graph on the server (a re-run is idempotent).\n\
With PATH...: no store; the articles are extracted (as by `isnad ingest`) and pushed as they come, \
and the events graph is recomputed from the server's reports (as with --events-from-server).\n\
Exit codes: 0 every graph arrived, 3 some did not (one line each on stderr) or some inputs were skipped, 1 fatal error.\n\n\
Examples:\n  isnad push --endpoint http://127.0.0.1:8890/sparql --graph-store http://127.0.0.1:8890/sparql-graph-crud --log push.log\n  \
ISNAD_PASSWORD=secret isnad push --endpoint http://db:7878/update --user analyst\n  \
isnad push --endpoint http://db:7878/query --graph-store http://db:7878/store today.jsonl archive/"
    )]
    Push {
        /// Extract these inputs (files, directories, - for stdin) and push them, with no store
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The server's SPARQL query and update URL (updates go here without --graph-store)
        #[arg(long, value_name = "SPARQL-URL")]
        endpoint: String,
        /// The server's Graph Store Protocol URL: each graph is PUT there (?graph=IRI)
        #[arg(long, value_name = "GSP-URL")]
        graph_store: Option<String>,
        /// HTTP basic auth user (the password is read from $ISNAD_PASSWORD)
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Resumable log: one `IRI SHA-256` line per graph that arrived; a re-run skips them
        #[arg(long, value_name = "FILE")]
        log: Option<PathBuf>,
        /// Requests in flight at once
        #[arg(long, value_name = "N", default_value_t = 4)]
        workers: usize,
        /// Recompute the events graph from the reports the server holds (after the
        /// articles arrived) instead of sending the local one
        #[arg(long)]
        events_from_server: bool,
        /// Retries of a request after a connection error or a 5xx answer (with backoff)
        #[arg(long, value_name = "N", default_value_t = 4)]
        retries: u32,
    },
    /// Export the graph as Turtle, N-Triples, N-Quads, TriG, or draw it (Graphviz dot, SVG, PNG)
    #[command(
        after_help = "Drawings (dot, svg, png) show the merged events: each event a cluster with its figures side by side, \
coloured by stance; svg and png run Graphviz's `dot`.\n\nExamples:\n  isnad export --format trig -o all.trig\n  \
isnad export --format png -o events.png\n  isnad export --format svg --article report-17.txt -o report-17.svg\n  \
isnad export --format svg --around داعش --depth 1 --lang en -o isis.svg\n  isnad export --format dot --raw --article report-17.txt"
    )]
    Export {
        #[arg(long, value_enum, default_value = "turtle")]
        format: ExportArg,
        /// Only this article (its identifier, e.g. the file name, or its IRI)
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Read the graphs from this remote SPARQL endpoint (RDF formats only)
        #[arg(long, value_name = "SPARQL-URL")]
        endpoint: Option<String>,
        /// HTTP basic auth user for --endpoint (password from $ISNAD_PASSWORD)
        #[arg(long, value_name = "NAME", requires = "endpoint")]
        user: Option<String>,
        /// Also export the ontology and gazetteer graphs
        #[arg(long)]
        with_reference: bool,
        /// Write to a file instead of stdout
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Drawings: every triple as it is, instead of the story of the events
        #[arg(long, conflicts_with_all = ["around", "lang"])]
        raw: bool,
        /// Drawings: the neighbourhood of one entity or event (its IRI or a name the articles use)
        #[arg(long, value_name = "IRI-or-name", conflicts_with = "article")]
        around: Option<String>,
        /// Drawings: how many links away from --around to go
        #[arg(long, value_name = "N", default_value = "2", requires = "around")]
        depth: usize,
        /// Drawings: the language of labels (English where the gazetteer knows it)
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print a fact's evidence chain: the quote, the article, the source credited
    #[command(
        after_help = "Examples:\n  isnad explain https://w3id.org/isnad/id/article/report-17.txt/claim/2\n  isnad explain id:event/attack/ghwayran-prison/2022-01-21   # every source's figures for one event\n  isnad explain --endpoint http://db:8890/sparql id:event/attack/ghwayran-prison/2022-01-21"
    )]
    Explain {
        /// A claim, event, merged event or entity IRI (full, <…>, or with an isnad prefix such as id:)
        #[arg(value_name = "IRI")]
        iri: String,
        /// Read the evidence from this remote SPARQL endpoint instead of the local store
        #[arg(long, value_name = "SPARQL-URL")]
        endpoint: Option<String>,
        /// HTTP basic auth user for --endpoint (password from $ISNAD_PASSWORD)
        #[arg(long, value_name = "NAME", requires = "endpoint")]
        user: Option<String>,
    },
    /// Counts by class, articles and sources
    Stats,
    /// Serve the store over HTTP: a SPARQL endpoint and a browser explorer
    #[command(
        after_help = "Endpoints: /query (alias /sparql) SPARQL 1.1 Protocol; /store Graph Store Protocol; /update (with --allow-update); / the explorer.\nThe first line on stdout is the address served (useful with port 0).\n\nExamples:\n  isnad serve                                  # http://127.0.0.1:7878/\n  isnad --store /data/isnad serve --bind 0.0.0.0:8080 --cors '*'\n  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a isn:Attack }' http://127.0.0.1:7878/query"
    )]
    Serve {
        /// Address and port to listen on (port 0: any free port)
        #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
        bind: String,
        /// Accept SPARQL Update and Graph Store writes (the server becomes the store's one writer)
        #[arg(long)]
        allow_update: bool,
        /// Stop a query after this many seconds (answered 503)
        #[arg(long, default_value = "30", value_name = "SECONDS", value_parser = parse_seconds)]
        timeout: std::time::Duration,
        /// Refuse answers of more rows or triples than this (answered 413)
        #[arg(long, default_value = "100000", value_name = "N")]
        max_rows: usize,
        /// Allow this origin to call the endpoint from a browser (CORS); `*` for any; repeatable
        #[arg(long, value_name = "ORIGIN")]
        cors: Vec<String>,
    },
    /// Score extraction against gold annotations (precision, recall, F1, misses)
    #[command(after_help = "Example:\n  isnad eval --gold ../shared/gold ../shared/seeds")]
    Eval {
        /// Directory of gold JSON files
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Where the articles named by the gold files are (files or directories)
        #[arg(value_name = "INPUT", required = true)]
        inputs: Vec<PathBuf>,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
        /// Only the scores, not the per-article misses
        #[arg(long)]
        quiet: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum QuadFormat {
    Nquads,
    Trig,
}

#[derive(Clone, Copy, ValueEnum)]
enum QueryFormat {
    Table,
    Csv,
    Tsv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportArg {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Dot,
    Svg,
    Png,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ar,
    En,
}

/// Exit code when some inputs were skipped.
const EXIT_SKIPPED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // the reader went away (`isnad extract … | head`): not an error
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("isnad: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(n) = cli.threads {
        if n == 0 {
            bail!("--threads: give at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("cannot start the extraction threads")?;
    }
    let extra = read_extra_gazetteers(&cli.gazetteer)?;
    let read_options = ReadOptions {
        max_size: cli.max_size,
    };
    match cli.command {
        Command::Ingest {
            ref paths,
            ref then_query,
            verbose,
            commit_every,
        } => {
            let lex = Lexicon::with_extra(&extra)?;
            let store = open_store(&cli, false)?;
            store.load_reference_graphs(&extra)?;
            let mut policy = CommitPolicy::default();
            if let Some(n) = commit_every {
                policy.max_articles = usize::try_from(n).unwrap_or(usize::MAX);
            }
            let code = ingest(&store, &lex, paths, &read_options, policy, verbose)?;
            if let Some(q) = then_query {
                run_query(&store, &read_query_file(q)?, None)?;
            }
            Ok(code)
        }
        Command::Remove { ref ids } => {
            let store = open_store(&cli, false)?;
            let mut missing = 0;
            for id in ids {
                match store.resolve_article(id)? {
                    Some(iri) if store.remove_article(&iri)? => println!("removed {id}"),
                    _ => {
                        eprintln!("isnad: no article {id:?} in the store");
                        missing += 1;
                    }
                }
            }
            store.flush()?;
            Ok(exit_for(missing))
        }
        Command::Extract { ref paths, format } => {
            let lex = Lexicon::with_extra(&extra)?;
            let format = match format {
                QuadFormat::Nquads => ExportFormat::NQuads,
                QuadFormat::Trig => ExportFormat::TriG,
            };
            let mut skipped = 0;
            let stdout = std::io::stdout();
            // buffered, and flushed whenever the input makes us wait: a pipe (Spark's
            // RDD.pipe, a feed) gets each article's quads as soon as they are made
            let buffer = std::cell::RefCell::new(std::io::BufWriter::new(stdout.lock()));
            let mut out = export::QuadWriter::new(format, Shared(&buffer));
            // N-Quads are written as mapped (no quads built); TriG goes through quads
            let mapping = match format {
                ExportFormat::NQuads => Mapping::NQuads,
                _ => Mapping::Quads,
            };
            pipeline::extract_each_as(paths, &read_options, &lex, mapping, |item| -> Result<()> {
                match item {
                    Output::Article(x) => {
                        out.write(&x.quads)?;
                        out.write_nquads(&x.nquads)?;
                    }
                    Output::Skipped(e) => {
                        eprintln!("isnad: skipped {e}");
                        skipped += 1;
                    }
                    Output::AwaitingInput => buffer.borrow_mut().flush()?,
                    Output::Read { .. } => {}
                }
                Ok(())
            })?;
            out.finish()?;
            buffer.borrow_mut().flush()?;
            Ok(exit_for(skipped))
        }
        Command::Query {
            ref sparql,
            ref file,
            format,
            ref endpoint,
            ref user,
        } => {
            let text = match (sparql, file) {
                (Some(s), _) => s.clone(),
                (None, Some(f)) => read_query_file(f)?,
                (None, None) => bail!("give a query or --file"),
            };
            if let Some(endpoint) = endpoint {
                let remote = remote(endpoint, None, user.as_deref())?;
                let results = isnad::remote::query::query(&remote, &text)?;
                print_results(results, format)?;
                return Ok(ExitCode::SUCCESS);
            }
            let store = open_store(&cli, true)?;
            run_query(&store, &text, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            ref article,
            with_reference,
            ref output,
            raw,
            ref around,
            depth,
            lang,
            ref endpoint,
            ref user,
        } => {
            if let Some(endpoint) = endpoint {
                let format = match format {
                    ExportArg::Turtle => ExportFormat::Turtle,
                    ExportArg::Ntriples => ExportFormat::NTriples,
                    ExportArg::Nquads => ExportFormat::NQuads,
                    ExportArg::Trig => ExportFormat::TriG,
                    ExportArg::Dot | ExportArg::Svg | ExportArg::Png => {
                        bail!("--endpoint: only RDF formats (turtle, ntriples, nquads, trig)")
                    }
                };
                if raw || around.is_some() || lang.is_some() {
                    bail!("--raw, --around and --lang are for drawings (--format dot, svg or png)");
                }
                let remote = remote(endpoint, None, user.as_deref())?;
                let graph = match article {
                    Some(id) => Some(
                        isnad::remote::export::resolve_article(&remote, id)?
                            .with_context(|| format!("no article {id:?} at {endpoint}"))?,
                    ),
                    None => None,
                };
                let quads =
                    isnad::remote::export::quads(&remote, graph.as_deref(), with_reference)?;
                let mut bytes = Vec::new();
                export::write_rdf(&quads, format, &mut bytes)?;
                match output {
                    Some(path) => std::fs::write(path, &bytes)
                        .with_context(|| format!("{}: cannot write", path.display()))?,
                    None => {
                        let mut w = std::io::stdout().lock();
                        w.write_all(&bytes)?;
                        w.flush()?;
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            let store = open_store(&cli, true)?;
            let image = match format {
                ExportArg::Svg => Some(Image::Svg),
                ExportArg::Png => Some(Image::Png),
                _ => None,
            };
            let drawing = image.is_some() || matches!(format, ExportArg::Dot);
            if !drawing && (raw || around.is_some() || lang.is_some()) {
                bail!("--raw, --around and --lang are for drawings (--format dot, svg or png)");
            }
            if drawing && !raw && with_reference {
                bail!("--with-reference: only for RDF formats and --raw drawings");
            }
            let article_iri = match article {
                Some(id) => Some(
                    store
                        .resolve_article(id)?
                        .with_context(|| format!("no article {id:?} in the store"))?,
                ),
                None => None,
            };
            let quads = || -> Result<Vec<oxigraph::model::Quad>> {
                Ok(match &article_iri {
                    Some(iri) => store.quads(Some(iri))?,
                    None => {
                        let mut q = store.quads(None)?;
                        // the store's bookkeeping (the merge's cache, markers) is not data
                        q.retain(|q| {
                            !graph_is(q, isnad::store::is_internal_graph)
                                && (with_reference || !is_reference_graph(q))
                        });
                        q
                    }
                })
            };
            // a drawing is made whole before anything is written: no half file
            // when Graphviz is missing
            let picture: Option<Vec<u8>> = if drawing {
                let dot_text = if raw {
                    let mut buf = Vec::new();
                    export::write_dot(&quads()?, &mut buf)?;
                    String::from_utf8(buf).context("the raw drawing is not UTF-8")?
                } else {
                    let view = match (&article_iri, around) {
                        (Some(iri), _) => View::Article(iri.clone()),
                        (None, Some(name)) => View::Around {
                            centre: export::read::resolve(&store, name)?,
                            depth,
                        },
                        (None, None) => View::Events,
                    };
                    let lang = match lang {
                        Some(LangArg::En) => Lang::En,
                        _ => Lang::Ar,
                    };
                    export::draw::to_dot(&export::read::story(&store, &view, lang)?)
                };
                Some(match image {
                    Some(kind) => {
                        let mut bytes = Vec::new();
                        export::render::render(&dot_text, kind, &mut bytes)?;
                        bytes
                    }
                    None => dot_text.into_bytes(),
                })
            } else {
                None
            };
            let format = match format {
                ExportArg::Turtle => ExportFormat::Turtle,
                ExportArg::Ntriples => ExportFormat::NTriples,
                ExportArg::Nquads => ExportFormat::NQuads,
                ExportArg::Trig => ExportFormat::TriG,
                ExportArg::Dot | ExportArg::Svg | ExportArg::Png => ExportFormat::Dot,
            };
            let write = |w: &mut dyn Write| -> Result<()> {
                match &picture {
                    Some(bytes) => w.write_all(bytes)?,
                    None => export::write_rdf(&quads()?, format, w)?,
                }
                Ok(())
            };
            match output {
                Some(path) => {
                    let file = std::fs::File::create(path)
                        .with_context(|| format!("{}: cannot create", path.display()))?;
                    let mut w = std::io::BufWriter::new(file);
                    write(&mut w)?;
                    w.flush()?;
                }
                None => {
                    let mut w = std::io::stdout().lock();
                    write(&mut w)?;
                    w.flush()?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain {
            ref iri,
            ref endpoint,
            ref user,
        } => {
            let text = match endpoint {
                Some(endpoint) => {
                    let remote = remote(endpoint, None, user.as_deref())?;
                    isnad::explain::explain(&remote, &expand_iri(iri))?
                }
                None => isnad::explain::explain(&open_store(&cli, true)?, &expand_iri(iri))?,
            };
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Push {
            ref paths,
            ref endpoint,
            ref graph_store,
            ref user,
            ref log,
            workers,
            retries,
            events_from_server,
        } => {
            if workers == 0 {
                bail!("--workers: give at least 1");
            }
            let mut remote = remote(endpoint, graph_store.clone(), user.as_deref())?;
            remote.retries = retries;
            let options = isnad::remote::push::Options {
                workers,
                log: log.clone(),
                events_from_server,
            };
            let terminal = std::io::stderr().is_terminal();
            let progress = |p: isnad::remote::push::Progress| {
                if terminal {
                    eprint!(
                        "\rpushing: {}/{} graphs ({} sent, {} already logged, {} failed)",
                        p.sent + p.skipped + p.failed,
                        p.total,
                        p.sent,
                        p.skipped,
                        p.failed
                    );
                }
            };
            let mut skipped = 0;
            let report = if paths.is_empty() {
                let store = open_store(&cli, true)?;
                isnad::remote::push::push(&store, &remote, &options, &progress)?
            } else {
                let lex = Lexicon::with_extra(&extra)?;
                isnad::remote::push::push_inputs(
                    paths,
                    &read_options,
                    &lex,
                    &extra,
                    &remote,
                    &options,
                    &progress,
                    &mut |e| {
                        if terminal {
                            eprintln!();
                        }
                        eprintln!("isnad: skipped {e}");
                        skipped += 1;
                    },
                )?
            };
            if terminal {
                eprintln!();
            }
            for f in &report.failures {
                eprintln!("isnad: not pushed {f}");
            }
            let p = report.progress;
            eprintln!(
                "pushed {} graphs ({} triples) to {}; {} already there by the log; {} failed",
                p.sent,
                p.triples,
                graph_store.as_deref().unwrap_or(endpoint),
                p.skipped,
                p.failed
            );
            Ok(exit_for(p.failed + skipped))
        }
        Command::Stats => {
            let store = open_store(&cli, true)?;
            stats(&store)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            ref bind,
            allow_update,
            timeout,
            max_rows,
            ref cors,
        } => {
            let options = isnad::serve::Options {
                store: (!cli.memory).then(|| cli.store.clone()),
                bind: bind.clone(),
                allow_update,
                timeout,
                max_rows,
                cors: cors.clone(),
            };
            let store = cli.store.display().to_string();
            let served = isnad::serve::serve(options, |addr| {
                // the first line on stdout: the address (a test or script reads it)
                println!("listening on http://{addr}/");
                let _ = std::io::stdout().flush();
            });
            match served {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e @ isnad::Error::StoreInUse { .. }) => Err(e.into()),
                Err(e @ isnad::Error::Input { .. }) => Err(e.into()),
                Err(e) => Err(e).with_context(|| format!("cannot serve the store at {store}")),
            }
        }
        Command::Eval {
            ref gold,
            ref inputs,
            json,
            quiet,
        } => {
            let lex = Lexicon::with_extra(&extra)?;
            evaluate(&lex, &extra, gold, inputs, json, quiet)
        }
    }
}

/// A writer shared by reference, so that its owner can flush it while a
/// serializer writes through it.
struct Shared<'a, W: Write>(&'a std::cell::RefCell<W>);

impl<W: Write> Write for Shared<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// `<iri>`, `prefix:local` with one of isnad's prefixes, or a full IRI.
fn expand_iri(s: &str) -> String {
    let s = s.trim();
    if let Some(inner) = s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        return inner.to_owned();
    }
    for (prefix, ns) in isnad::vocab::PREFIXES {
        if let Some(local) = s.strip_prefix(&format!("{prefix}:")) {
            if !local.starts_with("//") {
                return format!("{ns}{}", local.replace('\\', ""));
            }
        }
    }
    s.to_owned()
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(c.downcast_ref::<isnad::Error>(), Some(isnad::Error::Serialization(io)) if io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether a quad is in a named graph whose IRI passes `test`.
fn graph_is(q: &oxigraph::model::Quad, test: impl Fn(&str) -> bool) -> bool {
    matches!(&q.graph_name, oxigraph::model::GraphName::NamedNode(g) if test(g.as_str()))
}

fn is_reference_graph(q: &oxigraph::model::Quad) -> bool {
    graph_is(q, |g| {
        g == isnad::vocab::GAZETTEER_GRAPH || g == isnad::store::ONTOLOGY_GRAPH
    })
}

fn read_extra_gazetteers(paths: &[PathBuf]) -> Result<Vec<(String, String)>> {
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read gazetteer", p.display()))?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

fn read_query_file(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("{}: cannot read query", path.display()))
}

fn open_store(cli: &Cli, read_only: bool) -> Result<Store> {
    if cli.memory {
        return Ok(Store::in_memory()?);
    }
    let store = if read_only {
        Store::open_read_only(&cli.store)
    } else {
        Store::open(&cli.store)
    };
    match store {
        Ok(s) => Ok(s),
        // already one clear line
        Err(e @ isnad::Error::StoreInUse { .. }) => Err(e.into()),
        Err(e) => {
            Err(e).with_context(|| format!("cannot open the store at {}", cli.store.display()))
        }
    }
}

/// `30`, `0.5` → a duration in seconds.
fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && *x > 0.0)
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| format!("{s:?} is not a number of seconds above 0 (e.g. 30, 0.5)"))
}

/// `20M`, `500k`, `1G`, `1048576` → bytes (K, M, G are powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size (e.g. 20M, 500K, 1048576)"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit {other:?} (use K, M or G)")),
    };
    n.checked_mul(factor)
        .ok_or_else(|| format!("{s:?} is too large"))
}

fn exit_for(skipped: usize) -> ExitCode {
    if skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    }
}

fn ingest(
    store: &Store,
    lex: &Lexicon,
    paths: &[PathBuf],
    options: &ReadOptions,
    policy: CommitPolicy,
    verbose: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let stdout = std::io::stdout();
    let mut write_error = None;
    let mut bar = ProgressBar::new(paths);
    let summary = ingest::ingest(store, lex, paths, options, policy, |p| match p {
        Progress::Read { bytes, articles } => bar.read(bytes, articles),
        Progress::Skipped(e) => bar.println(&format!("isnad: skipped {e}")),
        Progress::Stored { id, put, .. } => {
            bar.stored();
            if verbose {
                let what = match put {
                    Put::Added => "added",
                    Put::Replaced => "replaced",
                    Put::Unchanged => "unchanged",
                };
                // one line per committed article, flushed at once (progress for watchers)
                bar.suspend(|| {
                    let mut out = stdout.lock();
                    if let Err(e) = writeln!(out, "{what} {id}").and_then(|()| out.flush()) {
                        write_error.get_or_insert(e);
                    }
                });
            }
        }
    })?;
    bar.finish();
    if let Some(e) = write_error {
        return Err(e.into());
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "ingested {} articles ({} unchanged, {} skipped): {} entities, {} events ({} after merging across articles), {} claims, {} quads in {secs:.2}s",
        summary.articles,
        summary.unchanged,
        summary.skipped,
        summary.entities,
        summary.events,
        summary.merged_events,
        summary.claims,
        summary.quads
    );
    Ok(exit_for(summary.skipped))
}

/// The ingest progress bar on stderr, by bytes of input (so the ETA holds for a
/// few large JSON Lines files as for many small pages), with articles per second.
/// Hidden when stderr is not a terminal: logs and pipes get only the summary.
struct ProgressBar {
    bar: Option<indicatif::ProgressBar>,
    /// (articles not yet stored, bytes each) of the inputs read, oldest first
    weights: std::collections::VecDeque<(usize, u64)>,
    stored: u64,
    started: Instant,
}

impl ProgressBar {
    fn new(paths: &[PathBuf]) -> ProgressBar {
        let bar = std::io::stderr().is_terminal().then(|| {
            let (files, _) = article::collect_inputs(paths);
            let total = files
                .iter()
                .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
                .sum();
            let bar = indicatif::ProgressBar::new(total);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{elapsed_precise} {wide_bar} {bytes}/{total_bytes} {msg} ETA {eta}",
                )
                .expect("a valid template"),
            );
            bar
        });
        ProgressBar {
            bar,
            weights: Default::default(),
            stored: 0,
            started: Instant::now(),
        }
    }

    fn read(&mut self, bytes: u64, articles: usize) {
        let Some(bar) = &self.bar else { return };
        if articles == 0 {
            bar.inc(bytes);
        } else {
            let each = bytes / articles as u64;
            // the remainder goes with the first article
            bar.inc(bytes - each * articles as u64);
            self.weights.push_back((articles, each));
        }
    }

    fn stored(&mut self) {
        let Some(bar) = &self.bar else { return };
        self.stored += 1;
        if let Some((left, each)) = self.weights.front_mut() {
            bar.inc(*each);
            *left -= 1;
            if *left == 0 {
                self.weights.pop_front();
            }
        }
        let rate = self.stored as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!("{} articles, {rate:.0}/s", self.stored));
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A remote store to talk to; the password comes from $ISNAD_PASSWORD, never argv.
fn remote(
    endpoint: &str,
    graph_store: Option<String>,
    user: Option<&str>,
) -> Result<isnad::remote::Remote> {
    for (flag, url) in [
        ("--endpoint", Some(endpoint)),
        ("--graph-store", graph_store.as_deref()),
    ] {
        if let Some(url) = url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                bail!("{flag} {url:?}: give an http:// URL");
            }
            if url.starts_with("https://") {
                bail!("{flag} {url:?}: this build speaks plain HTTP only (put a TLS proxy in front, or use an SSH tunnel)");
            }
        }
    }
    let mut remote = isnad::remote::Remote::new(endpoint);
    remote.graph_store = graph_store;
    if let Some(user) = user {
        let password = std::env::var("ISNAD_PASSWORD")
            .context("--user: set the password in the environment variable ISNAD_PASSWORD")?;
        remote.auth = Some((user.to_owned(), password));
    }
    Ok(remote)
}

fn run_query(store: &Store, sparql: &str, format: Option<QueryFormat>) -> Result<()> {
    print_results(store.query(sparql)?, format)
}

fn print_results(
    results: oxigraph::sparql::QueryResults<'_>,
    format: Option<QueryFormat>,
) -> Result<()> {
    let format = match format {
        Some(QueryFormat::Table) => ResultFormat::Table,
        Some(QueryFormat::Csv) => ResultFormat::Csv,
        Some(QueryFormat::Tsv) => ResultFormat::Tsv,
        Some(QueryFormat::Json) => ResultFormat::Json,
        None if std::io::stdout().is_terminal() => ResultFormat::Table,
        None => ResultFormat::Tsv,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    query::write_results(results, format, &mut out)?;
    out.flush()?;
    Ok(())
}

fn stats(store: &Store) -> Result<()> {
    let by_class = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { \
        GRAPH ?g { ?g a isn:Article . ?s a ?class } FILTER(STRSTARTS(STR(?class), STR(isn:))) \
        } GROUP BY ?class ORDER BY DESC(?n) ?class";
    println!("Resources by class (in article graphs):");
    query::write_results(
        store.query(by_class)?,
        ResultFormat::Table,
        &mut std::io::stdout().lock(),
    )?;
    let sources =
        "SELECT ?source (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?g) AS ?articles) WHERE { \
        GRAPH ?g { ?c a isn:CountClaim ; prov:wasAttributedTo ?s . \
        OPTIONAL { ?s rdfs:label ?l FILTER(lang(?l) = \"ar\") } \
        OPTIONAL { ?s schema:identifier ?id } } \
        BIND(COALESCE(?l, CONCAT(\"article \", ?id)) AS ?source) \
        } GROUP BY ?source ORDER BY DESC(?claims) ?source";
    println!("\nSources credited with count claims:");
    query::write_results(
        store.query(sources)?,
        ResultFormat::Table,
        &mut std::io::stdout().lock(),
    )?;
    let articles =
        "SELECT (COUNT(DISTINCT ?g) AS ?articles) WHERE { GRAPH ?g { ?g a isn:Article } }";
    let mut n_articles = String::new();
    if let oxigraph::sparql::QueryResults::Solutions(mut rows) = store.query(articles)? {
        if let Some(row) = rows.next() {
            n_articles = row?
                .get("articles")
                .map(query::display_term)
                .unwrap_or_default();
        }
    }
    println!(
        "\n{n_articles} articles, {} quads in the store",
        store.len()?
    );
    Ok(())
}

fn evaluate(
    lex: &Lexicon,
    extra: &[(String, String)],
    gold_dir: &Path,
    inputs: &[PathBuf],
    json: bool,
    quiet: bool,
) -> Result<ExitCode> {
    let gold = eval::read_gold_dir(gold_dir)?;
    if gold.is_empty() {
        bail!("{}: no gold *.json files", gold_dir.display());
    }
    let (files, errors) = article::collect_inputs(inputs);
    for e in errors {
        eprintln!("isnad: {e}");
    }
    let mut report = eval::Report::default();
    let mut merging = eval::MergeEval::new(extra)?;
    for g in &gold {
        let Some(file) = files
            .iter()
            .find(|f| f.file_name().is_some_and(|n| n == g.doc.as_str()))
        else {
            eprintln!(
                "isnad: {}: article named by the gold file not found among the inputs",
                g.doc
            );
            continue;
        };
        let articles = article::read_articles(file)?;
        let Some(a) = articles.into_iter().next() else {
            continue;
        };
        let x: Extraction = extract(a, lex);
        let d = eval::score_doc(g, &x);
        merging.add(&x, lex, &d)?;
        report.add(d);
    }
    report.merging = Some(merging.finish()?);
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let header: Vec<String> = ["measure", "precision", "recall", "F1", "tp", "fp", "fn"]
        .map(String::from)
        .to_vec();
    let row = |name: &str, c: eval::Counts| {
        vec![
            name.to_owned(),
            format!("{:.3}", c.precision()),
            format!("{:.3}", c.recall()),
            format!("{:.3}", c.f1()),
            c.tp.to_string(),
            c.fp.to_string(),
            c.fn_.to_string(),
        ]
    };
    if !quiet {
        for d in &report.docs {
            writeln!(out, "== {}", d.doc)?;
            let rows: Vec<Vec<String>> = [
                ("entities", d.entities),
                ("events", d.events),
                ("claims: +source", d.claims_attributed),
            ]
            .iter()
            .map(|(n, c)| row(n, *c))
            .collect();
            query::write_table(&header, &rows, &mut out)?;
            for (title, items) in [
                ("missed entity", &d.missed_entities),
                ("spurious entity", &d.spurious_entities),
                ("wrong type", &d.wrong_types),
                ("missed event", &d.missed_events),
                ("spurious event", &d.spurious_events),
                ("missed claim", &d.missed_claims),
                ("spurious claim", &d.spurious_claims),
            ] {
                for i in items.iter() {
                    writeln!(out, "  {title}: {i}")?;
                }
            }
            writeln!(out)?;
        }
    }
    writeln!(
        out,
        "== all {} articles (micro-averaged)",
        report.docs.len()
    )?;
    let mut rows: Vec<Vec<String>> = report.measures().iter().map(|(n, c)| row(n, *c)).collect();
    if let Some(m) = &report.merging {
        rows.push(row("merging: pairs", m.pairs));
    }
    query::write_table(&header, &rows, &mut out)?;
    if let Some(m) = &report.merging {
        if !quiet {
            for p in &m.missed_pairs {
                writeln!(out, "  merging, missed pair: {p}")?;
            }
            for p in &m.wrong_pairs {
                writeln!(out, "  merging, wrong pair: {p}")?;
            }
        }
        writeln!(
            out,
            "merging: {} matched reports; {} merged events hold reports of several articles, {} of them wrongly",
            m.matched_reports, m.cross_article_merges, m.wrong_cross_article_merges
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

//! Pipeline: inputs → articles → extraction and RDF mapping on every core →
//! results in input order.
//!
//! Why: extraction is pure and per article, so it parallelises across articles;
//! what consumes the results (a writer of N-Quads, the store) is sequential and
//! must see them in a fixed order for the output to be deterministic. Articles
//! are read in input order on a reader thread, in batches of at most
//! [`BATCH_ARTICLES`] articles or [`BATCH_BYTES`] bytes of text, and handed
//! through a channel of [`BATCHES_READ_AHEAD`] batches to an extractor thread;
//! it extracts each batch with rayon (`collect` keeps the order) and hands it
//! over through a channel of [`BATCHES_IN_FLIGHT`] batches, while the caller
//! consumes the previous one on its own thread. So reading, extracting and
//! writing overlap (reading the next batch does not wait for the pool), and
//! memory is bounded by a few batches whatever the size of the corpus.
//!
//! Before an input that may block (standard input, a pipe) the batch read so
//! far is handed over at once, followed by [`Output::AwaitingInput`]: a live
//! feed piped into `isnad ingest -` gets its articles stored as they come.
//!
//! On a one-thread rayon pool (`--threads 1`, `RAYON_NUM_THREADS=1`) everything
//! runs inline on the calling thread: one thread means one core.
//!
//! Invariants: the caller sees every item of [`article::for_each_article`] in
//! the same order, whatever the thread count; an error from the caller stops
//! the reading and is returned once the reader has stopped.

use crate::article::{self, Article, Item, ReadOptions};
use crate::extract::lexicon::Lexicon;
use crate::extract::{extract_hashed, Extraction};
use crate::rdf;
use crate::Error;
use oxrdf::Quad;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

/// At most this many articles in a batch.
pub const BATCH_ARTICLES: usize = 256;
/// At most about this many bytes of article text in a batch.
pub const BATCH_BYTES: usize = 4 << 20;
/// Batches extracted ahead of the consumer.
pub const BATCHES_IN_FLIGHT: usize = 2;
/// Batches read ahead of extraction.
pub const BATCHES_READ_AHEAD: usize = 1;

/// What an article's graph is mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapping {
    /// Owned quads ([`Extracted::quads`]), for the store.
    Quads,
    /// N-Quads lines ([`Extracted::nquads`]), for a writer: the same bytes
    /// Oxigraph's serialiser writes for the quads, without building them.
    NQuads,
}

/// One article, extracted and mapped to its graph.
#[derive(Debug)]
pub struct Extracted {
    pub extraction: Extraction,
    /// The article's graph ([`Mapping::Quads`]; empty otherwise).
    pub quads: Vec<Quad>,
    /// The article's graph as N-Quads ([`Mapping::NQuads`]; empty otherwise).
    pub nquads: Vec<u8>,
}

impl Extracted {
    /// Extracts one article (whose hash is `sha256`) and maps it to RDF.
    pub fn new(article: Article, sha256: String, lex: &Lexicon) -> Extracted {
        Extracted::mapped(article, sha256, lex, Mapping::Quads)
    }

    /// Extracts one article and maps its graph as `mapping` says.
    pub fn mapped(article: Article, sha256: String, lex: &Lexicon, mapping: Mapping) -> Extracted {
        let extraction = extract_hashed(article, sha256, lex);
        let (mut quads, mut nquads) = (Vec::new(), Vec::new());
        match mapping {
            Mapping::Quads => quads = rdf::article_quads(&extraction, lex),
            Mapping::NQuads => rdf::article_nquads(&extraction, lex, &mut nquads),
        }
        Extracted {
            extraction,
            quads,
            nquads,
        }
    }
}

/// What the caller is handed, in input order.
#[derive(Debug)]
pub enum Output {
    /// An input read: its size in bytes and the number of articles it holds.
    Read {
        bytes: u64,
        articles: usize,
    },
    /// The next input may keep the reader waiting: what came before is all
    /// the caller gets until it arrives.
    AwaitingInput,
    Article(Box<Extracted>),
    /// An input or record skipped, with the reason.
    Skipped(Error),
}

fn process(item: Item, lex: &Lexicon, mapping: Mapping) -> Output {
    match item {
        Item::Read { bytes, articles } => Output::Read { bytes, articles },
        Item::AwaitingInput => Output::AwaitingInput,
        Item::Article { article, sha256 } => {
            Output::Article(Box::new(Extracted::mapped(article, sha256, lex, mapping)))
        }
        Item::Skipped(e) => Output::Skipped(e),
    }
}

/// Calls `f` on every item under `paths`, extracted and mapped to quads, in
/// input order (see the module header). An error from `f` stops the run and is
/// returned.
pub fn extract_each<E: Send>(
    paths: &[PathBuf],
    options: &ReadOptions,
    lex: &Lexicon,
    f: impl FnMut(Output) -> Result<(), E>,
) -> Result<(), E> {
    extract_each_as(paths, options, lex, Mapping::Quads, f)
}

/// [`extract_each`], with each graph mapped as `mapping` says.
pub fn extract_each_as<E: Send>(
    paths: &[PathBuf],
    options: &ReadOptions,
    lex: &Lexicon,
    mapping: Mapping,
    mut f: impl FnMut(Output) -> Result<(), E>,
) -> Result<(), E> {
    if rayon::current_num_threads() <= 1 {
        return article::for_each_article(paths, options, |item| f(process(item, lex, mapping)));
    }
    std::thread::scope(|scope| {
        let (raw_tx, raw_rx) = sync_channel::<Vec<Item>>(BATCHES_READ_AHEAD);
        let (tx, rx) = sync_channel::<Vec<Output>>(BATCHES_IN_FLIGHT);
        let reader = scope.spawn(move || {
            let mut batch: Vec<Item> = Vec::new();
            let mut text = 0usize;
            let send = |batch: Vec<Item>| raw_tx.send(batch).map_err(|_| ());
            let walked = article::for_each_article(paths, options, |item| -> Result<(), ()> {
                if let Item::Article { article, .. } = &item {
                    text += article.text.len();
                }
                // hand over what was read before waiting on a slow input
                let waiting = matches!(item, Item::AwaitingInput);
                batch.push(item);
                if waiting || batch.len() >= BATCH_ARTICLES || text >= BATCH_BYTES {
                    text = 0;
                    send(std::mem::take(&mut batch))?;
                }
                Ok(())
            });
            // the consumer went away (it failed): nothing more to send
            if walked.is_ok() && !batch.is_empty() {
                let _ = send(batch);
            }
        });
        // extraction on its own thread, so that the reader reads the next batch
        // while the pool extracts this one
        let extractor = scope.spawn(move || {
            for batch in raw_rx.iter() {
                let done: Vec<Output> = batch
                    .into_par_iter()
                    .map(|i| process(i, lex, mapping))
                    .collect();
                if tx.send(done).is_err() {
                    break; // the consumer went away; the reader stops in turn
                }
            }
        });
        let mut result = Ok(());
        for batch in rx.iter() {
            for out in batch {
                if let Err(e) = f(out) {
                    result = Err(e);
                    break;
                }
            }
            if result.is_err() {
                break;
            }
        }
        drop(rx); // an extractor blocked on a full channel wakes up and stops
        let extracted = extractor.join();
        let read = reader.join();
        for joined in [extracted, read] {
            if let Err(panic) = joined {
                // a panic in extraction is a bug: surface it, do not lose it
                std::panic::resume_unwind(panic);
            }
        }
        result
    })
}

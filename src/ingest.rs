//! Ingestion: inputs → extraction (on every core, [`crate::pipeline`]) → the
//! store, in transactions of several articles.
//!
//! [`ingest`] reads every input under the given paths (leniently: a bad file
//! or record is reported through the callback and skipped), extracts the
//! articles in parallel and stores their graphs in input order with
//! [`Store::put_articles`], one transaction per [`COMMIT_QUADS`] quads or so
//! ([`CommitPolicy`]): one commit per article would make RocksDB's write-ahead
//! log the bottleneck. What was read before an input that may block (a feed on
//! standard input) is committed before waiting for it.
//! An article is reported as stored only once its transaction has committed,
//! so a crash (even `kill -9`) loses at most the articles of the transaction
//! being written, never one already reported; re-running the same ingest
//! completes the store: unchanged articles are no-ops, so the result is the
//! same quad set as an uninterrupted run. After the batch, the derived graphs
//! (real-world events merged across articles, figure groups, counts) are
//! refreshed, and an ingest of [`COMPACT_AFTER`] articles or more compacts the
//! store.

use crate::article::ReadOptions;
use crate::extract::lexicon::Lexicon;
use crate::pipeline::{self, Extracted, Output};
use crate::store::{ArticleGraph, Put, Store};
use crate::Error;
use std::path::PathBuf;

/// What happened to one input or article, as it happens.
#[derive(Debug)]
pub enum Progress<'a> {
    /// An input read: its size in bytes and the number of articles it holds.
    Read { bytes: u64, articles: usize },
    /// An input, or a record of one, skipped, with the reason.
    Skipped(&'a Error),
    /// An article stored (committed) or found unchanged.
    Stored { id: &'a str, iri: &'a str, put: Put },
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles read and stored or found unchanged.
    pub articles: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Inputs and records skipped.
    pub skipped: usize,
    pub entities: usize,
    pub events: usize,
    pub claims: usize,
    pub quads: usize,
    /// Real-world events in the store after merging reports across articles.
    pub merged_events: usize,
}

/// From this many articles added or replaced on, an ingest compacts the store
/// when it ends ([`Store::compact`]).
pub const COMPACT_AFTER: usize = 5_000;

/// Quads gathered before a commit, by default.
pub const COMMIT_QUADS: usize = 50_000;

/// When [`ingest`] commits what it has extracted: after `max_articles`
/// articles or `max_quads` quads, whichever comes first, before waiting on an
/// input that may block, and at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitPolicy {
    pub max_articles: usize,
    pub max_quads: usize,
}

impl Default for CommitPolicy {
    fn default() -> CommitPolicy {
        CommitPolicy {
            max_articles: usize::MAX,
            max_quads: COMMIT_QUADS,
        }
    }
}

/// Ingests everything under `paths` into `store`. Returns `Err` only for a
/// store failure (which stops the run); bad inputs are counted and reported.
pub fn ingest(
    store: &Store,
    lex: &Lexicon,
    paths: &[PathBuf],
    options: &ReadOptions,
    policy: CommitPolicy,
    mut progress: impl FnMut(Progress<'_>),
) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    let mut pending: Vec<Box<Extracted>> = Vec::new();
    let mut pending_quads = 0;
    let commit = |pending: &mut Vec<Box<Extracted>>,
                  summary: &mut Summary,
                  progress: &mut dyn FnMut(Progress<'_>)|
     -> Result<(), Error> {
        let graphs: Vec<ArticleGraph<'_>> = pending
            .iter()
            .map(|x| ArticleGraph {
                iri: &x.extraction.iri,
                sha256: &x.extraction.sha256,
                quads: &x.quads,
            })
            .collect();
        let puts = store.put_articles(&graphs)?;
        for (x, put) in pending.iter().zip(puts) {
            match put {
                Put::Added => summary.added += 1,
                Put::Replaced => summary.replaced += 1,
                Put::Unchanged => summary.unchanged += 1,
            }
            summary.articles += 1;
            summary.entities += x.extraction.recognition.entities.len();
            summary.events += x.extraction.events.len();
            summary.claims += x.extraction.claims.len();
            summary.quads += x.quads.len();
            progress(Progress::Stored {
                id: &x.extraction.article.id,
                iri: &x.extraction.iri,
                put,
            });
        }
        pending.clear();
        Ok(())
    };
    pipeline::extract_each(paths, options, lex, |out| -> Result<(), Error> {
        match out {
            Output::Read { bytes, articles } => progress(Progress::Read { bytes, articles }),
            Output::AwaitingInput => {
                pending_quads = 0;
                commit(&mut pending, &mut summary, &mut progress)?;
            }
            Output::Skipped(e) => {
                summary.skipped += 1;
                progress(Progress::Skipped(&e));
            }
            Output::Article(x) => {
                pending_quads += x.quads.len();
                pending.push(x);
                if pending_quads >= policy.max_quads || pending.len() >= policy.max_articles {
                    pending_quads = 0;
                    commit(&mut pending, &mut summary, &mut progress)?;
                }
            }
        }
        Ok(())
    })?;
    commit(&mut pending, &mut summary, &mut progress)?;
    // the events graph is derived from all articles: rebuilt once the batch is in
    // (an interrupted run leaves it as it was; the next run rebuilds it)
    summary.merged_events = store.refresh_derived()?.merged_events;
    // a large ingest ends with a compaction, so that the queries after it read
    // merged files (a day's news is not large: it leaves that to RocksDB)
    if summary.added + summary.replaced >= COMPACT_AFTER {
        store.compact()?;
    }
    store.flush()?;
    Ok(summary)
}

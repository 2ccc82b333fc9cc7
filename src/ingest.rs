//! Ingestion: inputs → extraction → the store, one transaction per article.
//!
//! [`ingest`] reads every input under the given paths (leniently: a bad file
//! or record is reported through the callback and skipped), extracts each
//! article and stores its graph with [`Store::put_article`]. Each article is
//! committed on its own, so a crash (even `kill -9`) loses at most the article
//! being written, never one already reported, and re-running the same ingest
//! completes the store: unchanged articles are no-ops, so the result is the
//! same quad set as an uninterrupted run. After the batch, the events graph
//! (real-world events merged across articles) is rebuilt from all of them.

use crate::article::{self, Item, ReadOptions};
use crate::extract::extract;
use crate::lexicon::Lexicon;
use crate::rdf;
use crate::store::{Put, Store};
use crate::Error;
use std::path::PathBuf;

/// What happened to one input or article, as it happens.
#[derive(Debug)]
pub enum Progress<'a> {
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

/// Ingests everything under `paths` into `store`. Returns `Err` only for a
/// store failure (which stops the run); bad inputs are counted and reported.
pub fn ingest(
    store: &Store,
    lex: &Lexicon,
    paths: &[PathBuf],
    options: &ReadOptions,
    mut progress: impl FnMut(Progress<'_>),
) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    article::for_each_article(paths, options, |item| -> Result<(), Error> {
        let article = match item {
            Item::Article(a) => a,
            Item::Skipped(e) => {
                summary.skipped += 1;
                progress(Progress::Skipped(&e));
                return Ok(());
            }
        };
        let x = extract(article, lex);
        let quads = rdf::article_quads(&x, lex);
        let iri = x.article.iri();
        let put = store.put_article(&iri, &x.article.sha256(), &quads)?;
        match put {
            Put::Added => summary.added += 1,
            Put::Replaced => summary.replaced += 1,
            Put::Unchanged => summary.unchanged += 1,
        }
        summary.articles += 1;
        summary.entities += x.recognition.entities.len();
        summary.events += x.events.len();
        summary.claims += x.claims.len();
        summary.quads += quads.len();
        progress(Progress::Stored {
            id: &x.article.id,
            iri: &iri,
            put,
        });
        Ok(())
    })?;
    // the events graph is derived from all articles: rebuilt once the batch is in
    // (an interrupted run leaves it as it was; the next run rebuilds it)
    summary.merged_events = store.refresh_events()?;
    store.flush()?;
    Ok(summary)
}

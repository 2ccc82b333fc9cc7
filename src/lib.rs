//! isnad: builds a traceable RDF knowledge graph from Arabic conflict news.
//!
//! The library does all the work; `main.rs` is argument parsing and glue.
//! The stages, in the order data flows through them:
//!
//! article → text → extract (dates, numbers, lexicon, recognise, events,
//! attribution, claims)
//! → vocab/rdf → store (ingest, merge) → export/query/explain,
//! with eval on the side.
//!
//! Cargo features: `store` (the Oxigraph store and SPARQL, which bring RocksDB),
//! `serve` (the HTTP endpoint and explorer: axum on tokio), `remote` (push to and
//! query a remote triple store: ureq) and `cli` (the binary)
//! are on by default. Without them the crate is the light
//! extraction library: inputs, text, extraction, RDF mapping and serialisation.
//!
//! Invariants that hold across the crate (see ARCHITECTURE.md):
//! * every span isnad reports is an exact slice of the article's original text;
//! * extraction never fails: it returns what it found plus diagnostics;
//! * the same input yields the same IRIs and the same triples.

pub mod article;
pub mod calendar;
#[cfg(feature = "store")]
pub mod derived;
pub mod error;
pub mod eval;
#[cfg(feature = "store")]
pub mod explain;
pub mod export;
pub mod extract;
pub(crate) mod hash;
#[cfg(feature = "store")]
pub mod ingest;
pub mod merge;
pub mod pipeline;
#[cfg(feature = "store")]
pub mod query;
pub mod rdf;
#[cfg(feature = "remote")]
pub mod remote;
#[cfg(feature = "serve")]
pub mod serve;
#[cfg(feature = "store")]
pub mod store;
pub mod text;
pub mod verify;
pub mod vocab;

pub use error::Error;

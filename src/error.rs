//! Library errors. Extraction never fails (it returns diagnostics); these are for
//! input/output, configuration and the store.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file or document that cannot be used, with the reason.
    #[error("{path}: {reason}")]
    Input { path: String, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("store: {0}")]
    Loader(#[from] oxigraph::store::LoaderError),
    #[error("SPARQL syntax error: {0}")]
    QuerySyntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("SPARQL evaluation error: {0}")]
    QueryEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("{0}")]
    Serialization(std::io::Error),
    #[error("gold annotations {path}: {reason}")]
    Gold { path: String, reason: String },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

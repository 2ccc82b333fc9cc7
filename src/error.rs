//! Library errors. Extraction never fails (it returns diagnostics); these are for
//! input/output, configuration and the store.
//!
//! Every variant displays as one line that names what it is about (a file, a
//! record of a file, the store) and the reason, because the command line prints
//! them as they are, one line each.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file or document that cannot be used, with the reason.
    #[error("{path}: {reason}")]
    Input { path: String, reason: String },
    /// One record of an input (a line of a JSON Lines file, an element of a JSON
    /// array) that cannot be used; the rest of the file still is.
    #[error("{path}, {record}: {reason}")]
    Record {
        path: String,
        /// "line 7", "record 3"
        record: String,
        reason: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Another process holds the store's write lock.
    #[error("store {} is in use by {} (another isnad is writing to it)", .path.display(), match .pid { Some(pid) => format!("PID {pid}"), None => "another process".to_owned() })]
    StoreInUse { path: PathBuf, pid: Option<u32> },
    #[cfg(feature = "store")]
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[cfg(feature = "store")]
    #[error("store: {0}")]
    Loader(#[from] oxigraph::store::LoaderError),
    #[cfg(feature = "store")]
    #[error("SPARQL syntax error: {0}")]
    QuerySyntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[cfg(feature = "store")]
    #[error("SPARQL evaluation error: {0}")]
    QueryEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("{0}")]
    Serialization(std::io::Error),
    /// A drawing that cannot be rendered (Graphviz missing or failing), one line.
    #[error("{0}")]
    Render(String),
    /// A remote store (`isnad push`, `--endpoint`) refused or could not be reached.
    #[error("{target}: {reason}")]
    Remote { target: String, reason: String },
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

//! Articles: the input stage. Finds input files, reads them into [`Article`]s with
//! their metadata, and names each article (id, IRI, content hash).
//!
//! Supported inputs: plain text and Markdown (one article per file; the first
//! non-empty line is the headline), JSON (one object or an array of objects) and
//! JSON Lines (`.jsonl`, `.ndjson`) with the fields `id`, `url`, `title`, `text`,
//! `published`, `publisher` (unknown fields are ignored), and `-` for stdin.
//!
//! Invariants: an article's id is its JSON `id`, else its URL, else the file's base
//! name; its IRI is derived from the id alone, so re-reading the same input gives
//! the same IRI. Text is kept exactly as read (minus a byte-order mark): every span
//! isnad reports indexes this text.

use crate::quantities::CivilDate;
use crate::vocab::{self, iri_segment};
use crate::Error;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub text: String,
    pub url: Option<String>,
    pub headline: Option<String>,
    pub published: Option<CivilDate>,
    /// The publisher's name as given in the metadata.
    pub publisher: Option<String>,
}

impl Article {
    /// An article from plain text; the headline is the first non-empty line.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Article {
        let text = text.into();
        let headline = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .filter(|l| l.chars().count() <= 200)
            .map(str::to_owned);
        Article {
            id: id.into(),
            text,
            url: None,
            headline,
            published: None,
            publisher: None,
        }
    }

    /// The article node's IRI (also the name of its graph).
    pub fn iri(&self) -> String {
        format!("{}article/{}", vocab::ID, iri_segment(&self.id))
    }

    /// Lower-case hex SHA-256 of the text.
    pub fn sha256(&self) -> String {
        let digest = Sha256::digest(self.text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    url: Option<String>,
    title: Option<String>,
    text: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

impl Record {
    fn into_article(self, fallback_id: String) -> Option<Article> {
        let text = self.text?;
        let id = match self.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => self.url.clone().unwrap_or(fallback_id),
        };
        let mut article = Article::from_text(id, text);
        article.url = self.url;
        if self.title.is_some() {
            article.headline = self.title;
        }
        article.published = self.published.as_deref().and_then(CivilDate::parse_iso);
        article.publisher = self.publisher;
        Some(article)
    }
}

/// The files named by `paths`: files as given, directories walked recursively in
/// sorted order (hidden entries skipped), `-` kept as stdin.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || p.is_file() {
            files.push(p.clone());
        } else if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else {
            errors.push(Error::Input {
                path: p.display().to_string(),
                reason: "no such file or directory".into(),
            });
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return errors.push(Error::io(dir, e)),
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, errors);
        } else if p.is_file() && is_article_file(&p) {
            files.push(p);
        }
    }
}

/// Extensions read when walking a directory.
fn is_article_file(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("txt" | "md" | "json" | "jsonl" | "ndjson")
    )
}

/// Reads the articles in one input file (or stdin for `-`).
pub fn read_articles(path: &Path) -> Result<Vec<Article>, Error> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| Error::io("-", e))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    let text = String::from_utf8(bytes).map_err(|e| Error::Input {
        path: name.clone(),
        reason: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let base = path
        .file_name()
        .map_or_else(|| "stdin".to_owned(), |n| n.to_string_lossy().into_owned());
    let invalid = |reason: String| Error::Input {
        path: name.clone(),
        reason,
    };
    let articles = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => {
            let value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| invalid(format!("invalid JSON: {e}")))?;
            let records = match value {
                serde_json::Value::Array(items) => items,
                other => vec![other],
            };
            let mut out = Vec::new();
            for (i, r) in records.into_iter().enumerate() {
                let record: Record = serde_json::from_value(r)
                    .map_err(|e| invalid(format!("record {}: {e}", i + 1)))?;
                let fallback = format!("{base}#{}", i + 1);
                out.push(
                    record
                        .into_article(fallback)
                        .ok_or_else(|| invalid(format!("record {} has no text", i + 1)))?,
                );
            }
            out
        }
        Some("jsonl" | "ndjson") => {
            let mut out = Vec::new();
            for (i, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                let record: Record = serde_json::from_str(line)
                    .map_err(|e| invalid(format!("line {}: invalid JSON: {e}", i + 1)))?;
                let fallback = format!("{base}#{}", i + 1);
                out.push(
                    record
                        .into_article(fallback)
                        .ok_or_else(|| invalid(format!("line {} has no text", i + 1)))?,
                );
            }
            out
        }
        _ => vec![Article::from_text(base, text)],
    };
    for a in &articles {
        if a.text.trim().is_empty() {
            return Err(invalid("empty article".into()));
        }
    }
    Ok(articles)
}

//! Articles: the input stage. Finds input files, reads them into [`Article`]s with
//! their metadata, and names each article (id, IRI, content hash).
//!
//! # Formats (by extension; stdin and unknown extensions are sniffed)
//! * `.txt`, `.md`: one article per file; the first non-empty line is the headline.
//! * `.html`, `.htm`: the page's article text and metadata ([`html`]).
//! * `.json`: one object or an array of objects; `.jsonl`, `.ndjson`: one object
//!   per line. Fields `id`, `url`, `title`, `text`, `published` (ISO date),
//!   `publisher`; unknown fields are ignored. A record that cannot be used (bad
//!   JSON, a truncated line, no `text`) is skipped alone, with its line or
//!   record number; the rest of the file is read.
//! * `-`: standard input, sniffed: `<` starts HTML, `[` JSON, `{` JSON (or JSON
//!   Lines if the whole is not one JSON value), anything else text. JSON Lines
//!   (the first line that is not blank is a whole JSON object) is read as it
//!   comes, one article per line as each line arrives, with no size limit on the
//!   whole (each line has the limit); anything else is read whole first.
//!
//! # Bytes to text
//! [`decode`] turns the bytes into text: UTF-8 with or without BOM, UTF-16 with
//! BOM, windows-1256 and ISO-8859-6 (declared by the page or detected). Files
//! over [`ReadOptions::max_size`] are refused before they are read; empty,
//! binary and undecodable files and articles with no Arabic text
//! ([`MIN_ARABIC_SHARE`]) and pages nested deeper than [`html::MAX_DEPTH`] are
//! refused with a one-line reason.
//!
//! # Invariants
//! * An article's id is its JSON `id`, else its URL (JSON `url`, an HTML page's
//!   canonical URL), else the file's base name (`name#n` for the n-th record of a
//!   JSON file without id or URL; `stdin` for standard input). Its IRI is derived
//!   from the id alone, so re-reading the same input gives the same IRI.
//! * [`Article::text`] is the *decoded* text (for HTML: the extracted article
//!   text), exactly as decoded, line ends included: every span isnad reports
//!   indexes this text, not the file's bytes.
//! * Reading never panics; every problem is an [`Error`] naming the file (and
//!   the record) and the reason.

pub mod decode;
pub mod html;

use crate::calendar::CivilDate;
use crate::vocab::{self, iri_segment};
use crate::Error;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
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
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let digest = Sha256::digest(self.text.as_bytes());
        let mut hex = String::with_capacity(64);
        for b in digest {
            hex.push(char::from(HEX[usize::from(b >> 4)]));
            hex.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        hex
    }
}

/// The default size limit of an input: 20 MB (2^20 bytes each).
pub const DEFAULT_MAX_SIZE: u64 = 20 * 1024 * 1024;

/// Least share of Arabic letters among an article's letters: below it the article
/// is refused as not Arabic (isnad's extraction reads Arabic only).
pub const MIN_ARABIC_SHARE: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Inputs larger than this many bytes are refused unread.
    pub max_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_size: DEFAULT_MAX_SIZE,
        }
    }
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Json,
    JsonLines,
}

impl Format {
    /// The format an extension names, if it names one.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "md" | "text" | "markdown" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => return None,
        })
    }

    /// The format of decoded text with no telling extension.
    pub fn sniff(text: &str) -> Format {
        match text.trim_start().chars().next() {
            Some('<') => Format::Html,
            Some('[') => Format::Json,
            Some('{') if serde_json::from_str::<serde_json::Value>(text).is_ok() => Format::Json,
            Some('{') => Format::JsonLines,
            _ => Format::Text,
        }
    }
}

/// What one input gave: its articles, and its records that could not be used.
#[derive(Debug, Default)]
pub struct Input {
    pub articles: Vec<Article>,
    pub skipped: Vec<Error>,
}

/// The files named by `paths`: files as given, directories walked recursively in
/// sorted order (hidden entries skipped, only the extensions isnad reads), `-`
/// kept as stdin. Symbolic links are followed, but a link back to a directory
/// being walked is reported and not followed, and a directory reached twice is
/// walked once.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut visited = HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_file() => files.push(p.clone()),
            Ok(m) if m.is_dir() => {
                let mut ancestors = Vec::new();
                if let Ok(c) = std::fs::canonicalize(p) {
                    visited.insert(c.clone());
                    ancestors.push(c);
                }
                walk(p, &mut ancestors, &mut visited, &mut files, &mut errors);
            }
            Ok(_) => errors.push(input_error(p, "not a regular file or directory")),
            Err(e) => errors.push(metadata_error(p, e)),
        }
    }
    (files, errors)
}

fn input_error(path: &Path, reason: impl Into<String>) -> Error {
    Error::Input {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

/// A path whose metadata cannot be read: missing, a broken or looping link, …
fn metadata_error(path: &Path, e: std::io::Error) -> Error {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        input_error(path, format!("broken or looping symbolic link ({e})"))
    } else if e.kind() == std::io::ErrorKind::NotFound {
        input_error(path, "no such file or directory")
    } else {
        Error::io(path, e)
    }
}

fn walk(
    dir: &Path,
    ancestors: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<Error>,
) {
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
        let meta = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(e) => {
                errors.push(metadata_error(&p, e));
                continue;
            }
        };
        if meta.is_dir() {
            let Ok(canonical) = std::fs::canonicalize(&p) else {
                errors.push(input_error(&p, "cannot resolve the directory's path"));
                continue;
            };
            if ancestors.contains(&canonical) {
                errors.push(input_error(
                    &p,
                    format!(
                        "symbolic link loop (back to {}), not followed",
                        canonical.display()
                    ),
                ));
                continue;
            }
            if !visited.insert(canonical.clone()) {
                continue; // already walked through another link
            }
            ancestors.push(canonical);
            walk(&p, ancestors, visited, files, errors);
            ancestors.pop();
        } else if Format::from_path(&p).is_some() {
            if meta.is_file() {
                files.push(p);
            } else {
                errors.push(input_error(&p, "not a regular file"));
            }
        }
    }
}

/// Reads the articles in one input file (or stdin for `-`), strictly: any
/// problem, even with one record, is an error. See [`read_input`] for the
/// lenient reading the command line uses.
pub fn read_articles(path: &Path) -> Result<Vec<Article>, Error> {
    let input = read_input(path, &ReadOptions::default())?;
    match input.skipped.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(input.articles),
    }
}

/// Reads one input file (or stdin for `-`): the articles it holds and the
/// records skipped. An `Err` means the whole input is unusable.
pub fn read_input(path: &Path, options: &ReadOptions) -> Result<Input, Error> {
    let stdin = path.as_os_str() == "-";
    let bytes = if stdin {
        read_limited(std::io::stdin().lock(), path, options.max_size)?
    } else {
        let meta = std::fs::metadata(path).map_err(|e| metadata_error(path, e))?;
        if !meta.is_file() {
            return Err(input_error(path, "not a regular file"));
        }
        if meta.len() > options.max_size {
            return Err(too_large(path, Some(meta.len()), options.max_size));
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        read_limited(file, path, options.max_size)?
    };
    let base = if stdin {
        "stdin".to_owned()
    } else {
        path.file_name()
            .map_or_else(|| "input".to_owned(), |n| n.to_string_lossy().into_owned())
    };
    let name = if stdin {
        "stdin".to_owned()
    } else {
        path.display().to_string()
    };
    let format = if stdin { None } else { Format::from_path(path) };
    parse_bytes(&name, &base, &bytes, format)
}

/// Reads at most `max + 1` bytes, so that an over-long stream is refused
/// without being read whole.
fn read_limited(reader: impl Read, path: &Path, max: u64) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(path, e))?;
    if buf.len() as u64 > max {
        return Err(too_large(path, None, max));
    }
    Ok(buf)
}

/// `size` is `None` for a stream cut at the limit.
fn too_large(path: &Path, size: Option<u64>, max: u64) -> Error {
    let reason = match size {
        Some(size) => format!(
            "too large ({}; the limit is {})",
            human_size(size),
            human_size(max)
        ),
        None => format!("too large (more than the limit of {})", human_size(max)),
    };
    input_error(path, reason)
}

/// `20971520` → `20.0 MB`, `1536` → `1.5 KB`, `100` → `100 bytes` (powers of 1024).
pub fn human_size(n: u64) -> String {
    const K: u64 = 1024;
    match n {
        n if n >= K * K => format!("{:.1} MB", n as f64 / (K * K) as f64),
        n if n >= K => format!("{:.1} KB", n as f64 / K as f64),
        n => format!("{n} bytes"),
    }
}

/// Parses an input's bytes: `name` names it in messages, `base` is the id of a
/// text article (and the stem of record ids), `format` is the format if known
/// (sniffed otherwise). Never panics.
pub fn parse_bytes(
    name: &str,
    base: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Input, Error> {
    let invalid = |reason: String| Error::Input {
        path: name.to_owned(),
        reason,
    };
    let declared = match format {
        Some(Format::Html) | None => html::declared_charset(bytes),
        _ => None,
    };
    let text = decode::decode(bytes, declared).map_err(invalid)?.text;
    let format = format.unwrap_or_else(|| Format::sniff(&text));
    let record_error = |record: String, reason: String| Error::Record {
        path: name.to_owned(),
        record,
        reason,
    };
    let mut input = Input::default();
    match format {
        Format::Text => {
            let article = Article::from_text(base, text);
            check_article(&article).map_err(invalid)?;
            input.articles.push(article);
        }
        Format::Html => {
            let depth = html::nesting_depth(&text);
            if depth > html::MAX_DEPTH {
                return Err(invalid(format!(
                    "HTML nested too deeply ({depth} levels; the limit is {})",
                    html::MAX_DEPTH
                )));
            }
            let page = html::extract_page(&text);
            if page.text.trim().is_empty() {
                return Err(invalid("no article text found in the page".into()));
            }
            let mut article =
                Article::from_text(page.url.clone().unwrap_or(base.to_owned()), page.text);
            if page.headline.is_some() {
                article.headline = page.headline;
            }
            article.url = page.url;
            article.published = page.published;
            article.publisher = page.publisher;
            check_article(&article).map_err(invalid)?;
            input.articles.push(article);
        }
        Format::Json => {
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| invalid(json_error(&e, true)))?;
            let records = match value {
                serde_json::Value::Array(items) => items,
                other => vec![other],
            };
            for (i, record) in records.into_iter().enumerate() {
                let fallback = format!("{base}#{}", i + 1);
                match record_article(record, fallback).and_then(|a| check_article(&a).map(|()| a)) {
                    Ok(a) => input.articles.push(a),
                    Err(reason) => input
                        .skipped
                        .push(record_error(format!("record {}", i + 1), reason)),
                }
            }
        }
        Format::JsonLines => {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match json_line_article(line, base, i + 1) {
                    Ok(a) => input.articles.push(a),
                    Err(reason) => input
                        .skipped
                        .push(record_error(format!("line {}", i + 1), reason)),
                }
            }
        }
    }
    if input.articles.is_empty() && input.skipped.is_empty() {
        return Err(invalid("no articles in it".into()));
    }
    Ok(input)
}

/// The article of line `number` of a JSON Lines input whose base name is `base`.
fn json_line_article(line: &str, base: &str, number: usize) -> Result<Article, String> {
    serde_json::from_str::<serde_json::Value>(line)
        .map_err(|e| json_error(&e, false))
        .and_then(|v| record_article(v, format!("{base}#{number}")))
        .and_then(|a| check_article(&a).map(|()| a))
}

/// A serde_json error as one line; `with_line` for whole files (for a JSON
/// Lines line, the line number is given by the caller).
fn json_error(e: &serde_json::Error, with_line: bool) -> String {
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    let at = if with_line {
        format!("line {} column {}", e.line(), e.column())
    } else {
        format!("column {}", e.column())
    };
    if e.is_eof() {
        format!("truncated JSON (it ends at {at})")
    } else {
        format!("invalid JSON at {at}: {message}")
    }
}

/// An article from one JSON record.
fn record_article(value: serde_json::Value, fallback_id: String) -> Result<Article, String> {
    let serde_json::Value::Object(map) = value else {
        return Err("not a JSON object".into());
    };
    let string = |key: &str| -> Option<String> {
        map.get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let text = match map.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err("\"text\" is not a string".into()),
        None => return Err("no \"text\" field".into()),
    };
    let url = string("url");
    let id = match map.get("id") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => url.clone().unwrap_or(fallback_id),
    };
    let mut article = Article::from_text(id, text);
    article.url = url;
    if let Some(title) = string("title") {
        article.headline = Some(title);
    }
    article.published = string("published").and_then(|p| CivilDate::parse_iso(&p));
    article.publisher = string("publisher");
    Ok(article)
}

/// Refuses empty articles and articles with too little Arabic.
fn check_article(article: &Article) -> Result<(), String> {
    if article.text.trim().is_empty() {
        return Err("empty article (no text)".into());
    }
    let (arabic, letters) = decode::letter_counts(&article.text);
    if arabic == 0 {
        return Err("no Arabic text".into());
    }
    if (arabic as f64) < letters as f64 * MIN_ARABIC_SHARE {
        return Err(format!(
            "too little Arabic text ({arabic} of {letters} letters are Arabic)"
        ));
    }
    Ok(())
}

/// One item of a batch of inputs: an article, or an input or record skipped.
#[derive(Debug)]
pub enum Item {
    /// An input read whole, before its articles: its size and how many articles
    /// it holds (for progress reporting).
    Read {
        bytes: u64,
        articles: usize,
    },
    /// The next input may keep the reader waiting (standard input, a pipe):
    /// whatever was read so far should be finished and committed now.
    AwaitingInput,
    /// An article, with its [`Article::sha256`].
    Article {
        article: Article,
        sha256: String,
    },
    Skipped(Error),
}

/// Calls `f` on every article under `paths`, in input order, reading leniently
/// with `options`; each input read is announced with [`Item::Read`] before its
/// articles (and one that may block, with [`Item::AwaitingInput`] before it is
/// read), and every input or record that cannot be used is passed as
/// [`Item::Skipped`] (one error each), in order. So is a second article with an
/// id already read in this batch but another text (the first one read wins; the
/// same text read twice is used once). An error from `f` stops the walk.
pub fn for_each_article<E>(
    paths: &[PathBuf],
    options: &ReadOptions,
    mut f: impl FnMut(Item) -> Result<(), E>,
) -> Result<(), E> {
    let (files, errors) = collect_inputs(paths);
    for e in errors {
        f(Item::Skipped(e))?;
    }
    // id → (sha256, where it was read)
    let mut seen: Seen = BTreeMap::new();
    for file in files {
        let regular =
            file.as_os_str() != "-" && std::fs::metadata(&file).is_ok_and(|m| m.is_file());
        if !regular {
            f(Item::AwaitingInput)?;
        }
        if file.as_os_str() == "-" {
            read_stdin(options, &mut seen, &mut f)?;
            continue;
        }
        let input = match read_input(&file, options) {
            Ok(input) => input,
            Err(e) => {
                f(Item::Skipped(e))?;
                continue;
            }
        };
        f(Item::Read {
            bytes: std::fs::metadata(&file).map_or(0, |m| m.len()),
            articles: input.articles.len(),
        })?;
        for e in input.skipped {
            f(Item::Skipped(e))?;
        }
        let origin = file.display().to_string();
        for article in input.articles {
            pass_article(article, &origin, &mut seen, &mut f)?;
        }
    }
    Ok(())
}

/// The articles read so far in one walk: id → (sha256, where it was read).
type Seen = BTreeMap<String, (String, String)>;

/// Hands `article` to `f`, unless an article of the same id was read before in
/// this walk (with another text: skipped with a reason; the same text: silently).
fn pass_article<E>(
    article: Article,
    origin: &str,
    seen: &mut Seen,
    f: &mut impl FnMut(Item) -> Result<(), E>,
) -> Result<(), E> {
    let sha = article.sha256();
    if let Some((first_sha, first_origin)) = seen.get(&article.id) {
        if *first_sha != sha {
            f(Item::Skipped(Error::Input {
                path: origin.to_owned(),
                reason: format!(
                    "article id {:?} was already read from {first_origin} with another text; this one is skipped",
                    article.id
                ),
            }))?;
        }
        return Ok(());
    }
    seen.insert(article.id.clone(), (sha.clone(), origin.to_owned()));
    f(Item::Article {
        article,
        sha256: sha,
    })
}

/// Lines of standard input as a reader thread gets them: a line's bytes (its
/// `\n` kept), or `None` for a line longer than the size limit (its bytes
/// dropped as they come).
type StdinLine = std::io::Result<Option<Vec<u8>>>;

/// Standard input, read on a thread of its own line by line (at most
/// [`STDIN_LINES_AHEAD`] lines ahead), so that the walk can tell a line that is
/// there from one that is not yet: JSON Lines on stdin is then read as it comes
/// (each article handed on when its line arrives, [`Item::AwaitingInput`]
/// before waiting for more), which is what a feed or a cluster engine's pipe
/// needs. Anything else on stdin (text, HTML, JSON, or JSON Lines whose first
/// line is not a whole JSON object) is read whole and parsed as before.
///
/// If the walk stops early, the thread ends at its next line (or with the
/// process, if stdin never sends one).
fn read_stdin<E>(
    options: &ReadOptions,
    seen: &mut Seen,
    f: &mut impl FnMut(Item) -> Result<(), E>,
) -> Result<(), E> {
    let max = options.max_size;
    let (tx, rx) = std::sync::mpsc::sync_channel::<StdinLine>(STDIN_LINES_AHEAD);
    std::thread::spawn(move || {
        let mut input = std::io::stdin().lock();
        loop {
            let line = match read_line_capped(&mut input, max) {
                Ok(None) => break,
                Ok(Some(line)) => Ok(line),
                Err(e) => Err(e),
            };
            let failed = line.is_err();
            if tx.send(line).is_err() || failed {
                break;
            }
        }
    });
    let stdin = Path::new("-");
    let io_error = |e: std::io::Error| Item::Skipped(Error::io(stdin, e));
    // the lines up to the first one that is not blank decide how to read
    let mut head: Vec<Vec<u8>> = Vec::new();
    let mut whole = false;
    loop {
        match rx.recv() {
            Err(_) => break,
            Ok(Err(e)) => return f(io_error(e)),
            Ok(Ok(None)) => return f(Item::Skipped(too_large(stdin, None, max))),
            Ok(Ok(Some(line))) => {
                let blank = line.iter().all(u8::is_ascii_whitespace);
                head.push(line);
                if !blank {
                    whole = !starts_json_lines(&head);
                    break;
                }
            }
        }
    }
    if whole || head.iter().all(|l| l.iter().all(u8::is_ascii_whitespace)) {
        // read to the end, then parse as a file is parsed
        let mut bytes = head.concat();
        for line in rx.iter() {
            match line {
                Ok(Some(line))
                    if bytes.len() + line.len() <= usize::try_from(max).unwrap_or(usize::MAX) =>
                {
                    bytes.extend(line);
                }
                Ok(_) => return f(Item::Skipped(too_large(stdin, None, max))),
                Err(e) => return f(io_error(e)),
            }
        }
        let input = match parse_bytes("stdin", "stdin", &bytes, None) {
            Ok(input) => input,
            Err(e) => return f(Item::Skipped(e)),
        };
        f(Item::Read {
            bytes: 0,
            articles: input.articles.len(),
        })?;
        for e in input.skipped {
            f(Item::Skipped(e))?;
        }
        for article in input.articles {
            pass_article(article, "stdin", seen, f)?;
        }
        return Ok(());
    }
    // JSON Lines, one article as each line arrives
    let mut number = 0;
    // whether the last thing handed on was the wait (the walk announced the first)
    let mut waiting = true;
    let mut lines = head.into_iter().map(|l| Ok(Some(l)));
    loop {
        let next = match lines.next() {
            Some(line) => Some(line),
            None => match rx.try_recv() {
                Ok(line) => Some(line),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    if !waiting {
                        f(Item::AwaitingInput)?;
                    }
                    rx.recv().ok()
                }
            },
        };
        let Some(line) = next else { return Ok(()) };
        number += 1;
        waiting = false;
        let record = |reason: String| {
            Item::Skipped(Error::Record {
                path: "stdin".into(),
                record: format!("line {number}"),
                reason,
            })
        };
        let line = match line {
            Ok(Some(line)) => line,
            Ok(None) => {
                f(record(format!(
                    "too large (more than the limit of {})",
                    human_size(max)
                )))?;
                continue;
            }
            Err(e) => return f(io_error(e)),
        };
        let bytes = line
            .strip_prefix(b"\xef\xbb\xbf".as_slice())
            .unwrap_or(&line);
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t.trim_end_matches(['\n', '\r']),
            Err(_) => {
                f(record(
                    "not valid UTF-8 (JSON Lines on stdin must be UTF-8)".into(),
                ))?;
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        match json_line_article(text, "stdin", number) {
            Ok(article) => {
                f(Item::Read {
                    bytes: line.len() as u64,
                    articles: 1,
                })?;
                pass_article(article, "stdin", seen, f)?;
            }
            Err(reason) => f(record(reason))?,
        }
    }
}

/// Lines of standard input read ahead of the walk.
pub const STDIN_LINES_AHEAD: usize = 256;

/// Whether the first line that is not blank (the last of `head`) is one whole
/// JSON object: then the input is JSON Lines, read line by line.
fn starts_json_lines(head: &[Vec<u8>]) -> bool {
    let Some(last) = head.last() else {
        return false;
    };
    let bytes = if head.len() == 1 {
        last.strip_prefix(b"\xef\xbb\xbf".as_slice())
            .unwrap_or(last)
    } else {
        last
    };
    bytes.trim_ascii_start().starts_with(b"{")
        && serde_json::from_slice::<serde_json::Value>(bytes).is_ok_and(|v| v.is_object())
}

/// The next line of `input` (with its `\n`), `Some(None)` for a line of more than
/// `max` bytes (read through, not kept), `None` at the end.
fn read_line_capped(
    input: &mut impl std::io::BufRead,
    max: u64,
) -> std::io::Result<Option<Option<Vec<u8>>>> {
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    let mut line = Vec::new();
    let (mut any, mut too_long) = (false, false);
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let n = chunk.len();
        input.consume(n);
        if done {
            break;
        }
    }
    Ok(any.then_some((!too_long).then_some(line)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8], format: Option<Format>) -> Result<Input, Error> {
        parse_bytes("input", "input.txt", bytes, format)
    }

    const TEXT: &str = "عنوان الخبر\n\nقتل ثلاثة أشخاص في قصف على القرية.";

    #[test]
    fn text_files_keep_their_text_and_headline() {
        let input = parse(TEXT.as_bytes(), Some(Format::Text)).unwrap();
        assert_eq!(input.articles.len(), 1);
        let a = &input.articles[0];
        assert_eq!(a.id, "input.txt");
        assert_eq!(a.text, TEXT);
        assert_eq!(a.headline.as_deref(), Some("عنوان الخبر"));
    }

    #[test]
    fn json_lines_skip_only_the_bad_lines() {
        let jsonl = format!(
            "{}\n{}\n\n[1,2]\n{}\n{}",
            r#"{"id":"a1","url":"https://x.example/1","title":"عنوان","text":"نص عربي أول","published":"2022-01-21","publisher":"وكالة","extra":{"x":1}}"#,
            r#"{"id":"a2","text":"نص عربي"#, // truncated
            r#"{"id":"a3","title":"بلا نص"}"#,
            r#"{"url":"https://x.example/4","text":"نص عربي رابع"}"#,
        );
        let input = parse(jsonl.as_bytes(), Some(Format::JsonLines)).unwrap();
        let ids: Vec<&str> = input.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "https://x.example/4"]);
        let a = &input.articles[0];
        assert_eq!(a.url.as_deref(), Some("https://x.example/1"));
        assert_eq!(a.headline.as_deref(), Some("عنوان"));
        assert_eq!(a.published, CivilDate::new(2022, 1, 21));
        assert_eq!(a.publisher.as_deref(), Some("وكالة"));
        let skipped: Vec<String> = input.skipped.iter().map(|e| e.to_string()).collect();
        assert_eq!(skipped.len(), 3, "{skipped:?}");
        assert!(
            skipped[0].starts_with("input, line 2: truncated JSON"),
            "{}",
            skipped[0]
        );
        assert_eq!(skipped[1], "input, line 4: not a JSON object");
        assert_eq!(skipped[2], "input, line 5: no \"text\" field");
    }

    #[test]
    fn json_arrays_and_objects() {
        let input = parse(
            r#"[{"text":"نص أول"},{"id":7,"text":"نص ثان"},{"text":""}]"#.as_bytes(),
            Some(Format::Json),
        )
        .unwrap();
        let ids: Vec<&str> = input.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["input.txt#1", "7"]);
        assert_eq!(input.skipped.len(), 1);
        let err = parse(b"{\"text\": \"x\"", Some(Format::Json)).unwrap_err();
        assert!(err.to_string().contains("truncated JSON"), "{err}");
    }

    #[test]
    fn stdin_is_sniffed() {
        assert_eq!(Format::sniff("  <html>"), Format::Html);
        assert_eq!(Format::sniff("[{}]"), Format::Json);
        assert_eq!(Format::sniff("{\"text\":\n\"x\"}"), Format::Json);
        assert_eq!(
            Format::sniff("{\"text\":\"x\"}\n{\"text\":\"y\"}\n"),
            Format::JsonLines
        );
        assert_eq!(Format::sniff("خبر"), Format::Text);
    }

    #[test]
    fn non_arabic_and_empty_articles_are_refused() {
        let err = parse(
            b"The army said three people were killed.",
            Some(Format::Text),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "input: no Arabic text");
        let err = parse(
            "An English report that quotes one word: قتل, and nothing more of Arabic.".as_bytes(),
            Some(Format::Text),
        )
        .unwrap_err();
        assert!(err.to_string().contains("too little Arabic"), "{err}");
        let err = parse(b" \n\t\n", Some(Format::Text)).unwrap_err();
        assert!(err.to_string().contains("empty article"), "{err}");
        let err = parse(b"", Some(Format::Text)).unwrap_err();
        assert_eq!(err.to_string(), "input: empty file");
    }

    #[test]
    fn html_pages_use_their_canonical_url_as_id() {
        let page = r#"<html><head><link rel="canonical" href="https://news.example/a/1"></head>
            <body><article><p>قتل جندي في هجوم.</p></article></body></html>"#;
        let input = parse(page.as_bytes(), Some(Format::Html)).unwrap();
        let a = &input.articles[0];
        assert_eq!(a.id, "https://news.example/a/1");
        assert_eq!(a.text, "قتل جندي في هجوم.");
        let nothing = parse(
            b"<html><body><nav>\xd8\xa3</nav></body></html>",
            Some(Format::Html),
        );
        assert!(nothing.unwrap_err().to_string().contains("no article text"));
    }

    #[test]
    fn windows_1256_html_declared_in_meta() {
        let page = "<html><head><meta charset=\"windows-1256\"><title>خبر</title></head><body><p>قتل جندي في هجوم على الحاجز.</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(page);
        let input = parse(&bytes, Some(Format::Html)).unwrap();
        assert_eq!(
            input.articles[0].text,
            "خبر\n\nقتل جندي في هجوم على الحاجز."
        );
    }
}

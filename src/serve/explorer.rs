//! The browser explorer: its page, script and style sheet (under `web/`) and the
//! analyst queries of `queries/`, all compiled into the binary, so `isnad serve`
//! works offline from any directory. The page talks to `/query` with SPARQL.
//!
//! Invariants: nothing is fetched from elsewhere (no CDN); the files served are
//! the ones the binary was built with; every file of `queries/` is embedded (a
//! test checks the list against the directory).

use super::Failure;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const INDEX_HTML: &str = include_str!("../../web/index.html");

/// The explorer's assets: name, media type, content.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "explorer.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/explorer.js"),
    ),
    (
        "explorer.css",
        "text/css; charset=utf-8",
        include_str!("../../web/explorer.css"),
    ),
];

macro_rules! queries {
    ($($name:literal),* $(,)?) => {
        /// The analyst queries of `queries/`: file name and text.
        pub(crate) const QUERIES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../queries/", $name)))),*
        ];
    };
}

queries![
    "actors-by-event.rq",
    "articles.rq",
    "casualties-side-by-side.rq",
    "contested-figures.rq",
    "entities.rq",
    "event-figures.rq",
    "events-by-place.rq",
    "sources-by-article.rq",
    "timeline.rq",
    "unconfirmed-events.rq",
    "who-said-what.rq",
];

fn file(media_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// `/`: the explorer's page.
pub(crate) async fn index() -> Response {
    file("text/html; charset=utf-8", INDEX_HTML)
}

/// `/assets/{file}`.
pub(crate) async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, media_type, body)) => file(media_type, body),
        None => Failure::new(StatusCode::NOT_FOUND, format!("no asset {name:?}")).into_response(),
    }
}

/// `/queries.json`: `[{"name": …, "text": …}]`, in file-name order.
pub(crate) async fn queries() -> Response {
    let list: Vec<serde_json::Value> = QUERIES
        .iter()
        .map(|(name, text)| serde_json::json!({ "name": name, "text": text }))
        .collect();
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::Value::Array(list).to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_query_file_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rq"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = super::QUERIES.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            on_disk, embedded,
            "add the new query file to queries![] in src/serve/explorer.rs"
        );
    }
}

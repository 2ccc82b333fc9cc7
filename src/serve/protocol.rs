//! The SPARQL 1.1 Protocol: queries at `/query` (and `/sparql`), updates at
//! `/update`, the service description, content negotiation and the limits.
//!
//! Queries come as `GET ?query=`, `POST` of `application/x-www-form-urlencoded`
//! (`query=`) or `POST` of `application/sparql-query`; `default-graph-uri` and
//! `named-graph-uri` name the dataset. Without them (and without `FROM` in the
//! query) the default graph is the union of all graphs and isnad's prefixes are
//! predeclared, as in `isnad query`, so the same query gives the same rows.
//!
//! Invariants: a query's answer is computed on a blocking thread, within the time
//! limit (Oxigraph's cancellation token, cancelled by a timer) and the row cap,
//! into a buffer, so an answer is whole or a status; the status says why: 400
//! syntax (the parser's message on one line), 403 writes refused, 405 method, 406
//! no acceptable format, 413 over the cap, 415 content type, 503 time limit.

use super::{App, Failure};
use crate::store::{self, Store};
use crate::vocab;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};
use std::sync::Arc;
use std::time::Duration;

/// Parameters of a query string or an urlencoded body, in order, repeats kept.
pub(crate) fn params(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn all<'a>(params: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    params
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The media type of a request's body, lower case, without parameters.
pub(crate) fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
}

pub(crate) fn method_not_allowed(allow: &'static str) -> Response {
    let mut r = Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method not allowed here (allowed: {allow})"),
    )
    .into_response();
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

pub(crate) fn read_only() -> Failure {
    Failure::new(
        StatusCode::FORBIDDEN,
        "read-only: this server was started without --allow-update",
    )
}

/// Picks the offer the client prefers by its `Accept` header (q-values honoured;
/// for each offer the most specific matching range counts; ties go to the earlier
/// offer). No header: the first offer. `None`: nothing offered is acceptable.
pub(crate) fn negotiate<T: Copy>(accept: Option<&str>, offers: &[(&str, T)]) -> Option<T> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offers.first().map(|(_, t)| *t);
    };
    // (type, subtype, q)
    let ranges: Vec<(String, String, f32)> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let (ty, sub) = media.split_once('/')?;
            let mut q = 1.0f32;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some((
                ty.trim().to_owned(),
                sub.trim().to_owned(),
                q.clamp(0.0, 1.0),
            ))
        })
        .collect();
    let mut best: Option<(f32, T)> = None;
    for (media, value) in offers {
        let (ty, sub) = media.split_once('/').unwrap_or((media, ""));
        // specificity: 2 exact, 1 type/*, 0 */*
        let mut chosen: Option<(u8, f32)> = None;
        for (rt, rs, q) in &ranges {
            let specificity = if rt == ty && rs == sub {
                2
            } else if rt == ty && rs == "*" {
                1
            } else if rt == "*" && rs == "*" {
                0
            } else {
                continue;
            };
            if chosen.is_none_or(|(s, _)| specificity > s) {
                chosen = Some((specificity, *q));
            }
        }
        if let Some((_, q)) = chosen {
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, *value));
            }
        }
    }
    best.map(|(_, v)| v)
}

const SOLUTION_OFFERS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("text/xml", QueryResultsFormat::Xml),
];

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

pub(crate) const GRAPH_OFFERS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/x-turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("text/plain", RdfFormat::NTriples),
    ("application/ld+json", JSON_LD),
    ("application/rdf+xml", RdfFormat::RdfXml),
];

fn solutions_media_type(f: QueryResultsFormat) -> &'static str {
    match f {
        QueryResultsFormat::Json => "application/sparql-results+json",
        QueryResultsFormat::Xml => "application/sparql-results+xml",
        QueryResultsFormat::Csv => "text/csv; charset=utf-8",
        _ => "text/tab-separated-values; charset=utf-8",
    }
}

pub(crate) fn graph_media_type(f: RdfFormat) -> &'static str {
    match f {
        RdfFormat::Turtle => "text/turtle; charset=utf-8",
        RdfFormat::NTriples => "application/n-triples",
        RdfFormat::RdfXml => "application/rdf+xml",
        _ => "application/ld+json",
    }
}

pub(crate) fn not_acceptable(offers: &[(&str, impl Copy)]) -> Failure {
    let list: Vec<&str> = offers.iter().map(|(m, _)| *m).collect();
    Failure::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the Accept header's types can be served here; offered: {}",
            list.join(", ")
        ),
    )
}

/// A body and its media type.
pub(crate) fn answer(media_type: &'static str, body: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, media_type), (header::VARY, "Accept")],
        body,
    )
        .into_response()
}

/// Serializes triples in `format` (Turtle with isnad's prefixes).
pub(crate) fn write_triples(
    format: RdfFormat,
    extra_prefixes: &[(&str, &str)],
    triples: impl Iterator<Item = Result<Triple, Failure>>,
    max_rows: usize,
    out: &mut Vec<u8>,
) -> Result<(), Failure> {
    let mut serializer = RdfSerializer::from_format(format);
    if format == RdfFormat::Turtle {
        for (prefix, iri) in vocab::PREFIXES.iter().chain(extra_prefixes) {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .expect("valid prefix IRIs");
        }
    }
    let mut w = serializer.for_writer(out);
    for (n, t) in triples.enumerate() {
        if n >= max_rows {
            return Err(over_cap(max_rows));
        }
        w.serialize_triple(&t?).map_err(internal)?;
    }
    w.finish().map_err(internal)?;
    Ok(())
}

fn over_cap(max_rows: usize) -> Failure {
    Failure::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "the answer holds more than {max_rows} rows (the server's --max-rows); add a LIMIT"
        ),
    )
}

pub(crate) fn internal(e: impl std::fmt::Display) -> Failure {
    Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e)
}

fn evaluation_failure(e: QueryEvaluationError, app: &App) -> Failure {
    match e {
        QueryEvaluationError::Cancelled => too_long(app),
        QueryEvaluationError::Service(_)
        | QueryEvaluationError::UnboundService
        | QueryEvaluationError::InvalidServiceName(_)
        | QueryEvaluationError::UnsupportedService(_) => Failure::new(
            StatusCode::BAD_REQUEST,
            format!("SERVICE is not supported by this endpoint: {e}"),
        ),
        e => internal(format!("SPARQL evaluation error: {e}")),
    }
}

/// What a query request asks for.
struct QueryRequest {
    text: String,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

/// Reads a query request; `Ok(None)` is a GET with no query: the service description.
fn read_query_request(
    method: &Method,
    headers: &HeaderMap,
    url_params: &[(String, String)],
    body: &[u8],
) -> Result<Option<QueryRequest>, Failure> {
    let mut params: Vec<(String, String)> = url_params.to_vec();
    let mut text: Option<String> = None;
    if method == Method::GET || method == Method::HEAD {
        if all(&params, "query").next().is_none() {
            return Ok(None);
        }
    } else {
        match content_type(headers).as_deref() {
            Some("application/x-www-form-urlencoded") => params.extend(self::params(body)),
            Some("application/sparql-query") => {
                text = Some(String::from_utf8(body.to_vec()).map_err(|_| {
                    Failure::new(StatusCode::BAD_REQUEST, "the query is not UTF-8")
                })?);
            }
            Some(other) => {
                return Err(Failure::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("cannot read a query sent as {other:?}: send application/sparql-query or application/x-www-form-urlencoded"),
                ))
            }
            None => {
                return Err(Failure::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "no Content-Type: send application/sparql-query or application/x-www-form-urlencoded",
                ))
            }
        }
    }
    let text = match text {
        Some(t) => t,
        None => {
            let mut queries = all(&params, "query");
            let Some(q) = queries.next() else {
                return Err(Failure::new(
                    StatusCode::BAD_REQUEST,
                    "no query: give the query parameter",
                ));
            };
            if queries.next().is_some() {
                return Err(Failure::new(
                    StatusCode::BAD_REQUEST,
                    "more than one query parameter",
                ));
            }
            q.to_owned()
        }
    };
    Ok(Some(QueryRequest {
        text,
        default_graphs: all(&params, "default-graph-uri")
            .map(String::from)
            .collect(),
        named_graphs: all(&params, "named-graph-uri").map(String::from).collect(),
    }))
}

fn iri(s: &str, parameter: &str) -> Result<NamedNode, Failure> {
    NamedNode::new(s).map_err(|e| {
        Failure::new(
            StatusCode::BAD_REQUEST,
            format!("{parameter}: {s:?} is not an IRI: {e}"),
        )
    })
}

/// Evaluates a query and serializes its answer, on the calling (blocking) thread.
fn evaluate(
    app: &App,
    store: &Store,
    request: &QueryRequest,
    accept: Option<&str>,
    token: CancellationToken,
) -> Result<Response, Failure> {
    let mut prepared = store::evaluator()
        .with_cancellation_token(token.clone())
        .parse_query(&request.text)
        .map_err(|e| Failure::new(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}")))?;
    if !request.default_graphs.is_empty() || !request.named_graphs.is_empty() {
        let dataset = prepared.dataset_mut();
        if request.default_graphs.is_empty() {
            dataset.set_default_graph_as_union();
        } else {
            let graphs = request
                .default_graphs
                .iter()
                .map(|g| iri(g, "default-graph-uri").map(GraphName::NamedNode))
                .collect::<Result<Vec<_>, _>>()?;
            dataset.set_default_graph(graphs);
        }
        if !request.named_graphs.is_empty() {
            let graphs = request
                .named_graphs
                .iter()
                .map(|g| iri(g, "named-graph-uri").map(NamedOrBlankNode::NamedNode))
                .collect::<Result<Vec<_>, _>>()?;
            dataset.set_available_named_graphs(graphs);
        }
    } else if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let results = prepared
        .on_store(store.oxigraph())
        .execute()
        .map_err(|e| evaluation_failure(e, app))?;
    let max_rows = app.options.max_rows;
    let mut out = Vec::new();
    match results {
        QueryResults::Solutions(solutions) => {
            let format = negotiate(accept, SOLUTION_OFFERS)
                .ok_or_else(|| not_acceptable(SOLUTION_OFFERS))?;
            let mut w = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())
                .map_err(internal)?;
            for (n, s) in solutions.enumerate() {
                if n >= max_rows {
                    return Err(over_cap(max_rows));
                }
                let s = s.map_err(|e| evaluation_failure(e, app))?;
                w.serialize(&s).map_err(internal)?;
            }
            w.finish().map_err(internal)?;
            Ok(answer(solutions_media_type(format), out))
        }
        QueryResults::Boolean(b) => {
            let format = negotiate(accept, SOLUTION_OFFERS)
                .ok_or_else(|| not_acceptable(SOLUTION_OFFERS))?;
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut out, b)
                .map_err(internal)?;
            Ok(answer(solutions_media_type(format), out))
        }
        QueryResults::Graph(triples) => {
            let format =
                negotiate(accept, GRAPH_OFFERS).ok_or_else(|| not_acceptable(GRAPH_OFFERS))?;
            write_triples(
                format,
                &[],
                triples.map(|t| t.map_err(|e| evaluation_failure(e, app))),
                max_rows,
                &mut out,
            )?;
            Ok(answer(graph_media_type(format), out))
        }
    }
}

fn too_long(app: &App) -> Failure {
    Failure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the query ran longer than the server's time limit ({} s, --timeout)",
            app.options.timeout.as_secs_f64()
        ),
    )
}

/// How [`blocking`] treats the time limit.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    /// Cancel the work at the time limit, and answer 503 then even if the work has
    /// not noticed yet (Oxigraph checks its token as it reads the store, not inside
    /// a join held in memory: such a thread stops at its next read).
    Timed,
    /// Wait for the work to finish (a write: its answer must say what happened).
    Untimed,
}

/// Runs `work` on a blocking thread with a cancellation token that a timer
/// cancels after the server's time limit.
pub(crate) async fn blocking<F>(app: &Arc<App>, limit: Limit, work: F) -> Result<Response, Failure>
where
    F: FnOnce(&App, CancellationToken) -> Result<Response, Failure> + Send + 'static,
{
    let token = CancellationToken::new();
    let timeout = app.options.timeout;
    let timer = {
        let token = token.clone();
        tokio::spawn(async move {
            tokio::time::sleep(timeout).await;
            token.cancel();
        })
    };
    let worker = {
        let app = app.clone();
        let token = token.clone();
        tokio::task::spawn_blocking(move || work(&app, token))
    };
    let result = match limit {
        Limit::Untimed => worker.await,
        // a little after the token's own deadline, so that the evaluator's answer
        // wins when it notices in time
        Limit::Timed => {
            match tokio::time::timeout(timeout + Duration::from_millis(200), worker).await {
                Ok(r) => r,
                Err(_) => {
                    token.cancel();
                    return Err(too_long(app));
                }
            }
        }
    };
    timer.abort();
    result.map_err(|e| internal(format!("the query's thread failed: {e}")))?
}

/// `/query` and `/sparql`.
pub(crate) async fn query(
    State(app): State<Arc<App>>,
    method: Method,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Response {
    if !matches!(method, Method::GET | Method::HEAD | Method::POST) {
        return method_not_allowed("GET, POST");
    }
    let url_params = params(raw.as_deref().unwrap_or("").as_bytes());
    let request = match read_query_request(&method, &headers, &url_params, &body) {
        Ok(Some(r)) => r,
        Ok(None) => return service_description(&app, &headers),
        Err(f) => return f.into_response(),
    };
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let request = Arc::new(request);
    let run = |request: Arc<QueryRequest>, accept: Option<String>| {
        move |app: &App, token: CancellationToken| {
            evaluate(app, &app.store(), &request, accept.as_deref(), token)
        }
    };
    match blocking(&app, Limit::Timed, run(request.clone(), accept.clone())).await {
        Ok(r) => r,
        // a reader whose files a writer compacted away: open the store again, once
        Err(f) if f.status == StatusCode::INTERNAL_SERVER_ERROR && !app.writable() => {
            app.reopen();
            blocking(&app, Limit::Timed, run(request, accept))
                .await
                .unwrap_or_else(IntoResponse::into_response)
        }
        Err(f) => f.into_response(),
    }
}

/// `/update`: SPARQL 1.1 Update, only with `--allow-update`.
pub(crate) async fn update(
    State(app): State<Arc<App>>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if method != Method::POST {
        return method_not_allowed("POST");
    }
    if !app.writable() {
        return read_only().into_response();
    }
    let text = match content_type(&headers).as_deref() {
        Some("application/sparql-update") => match String::from_utf8(body.to_vec()) {
            Ok(t) => t,
            Err(_) => {
                return Failure::new(StatusCode::BAD_REQUEST, "the update is not UTF-8")
                    .into_response()
            }
        },
        Some("application/x-www-form-urlencoded") => {
            let p = params(&body);
            let mut updates = all(&p, "update");
            match (updates.next(), updates.next()) {
                (Some(u), None) => u.to_owned(),
                (None, _) => {
                    return Failure::new(
                        StatusCode::BAD_REQUEST,
                        "no update: give the update parameter",
                    )
                    .into_response()
                }
                (Some(_), Some(_)) => {
                    return Failure::new(StatusCode::BAD_REQUEST, "more than one update parameter")
                        .into_response()
                }
            }
        }
        other => {
            return Failure::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "cannot read an update sent as {:?}: send application/sparql-update or application/x-www-form-urlencoded",
                    other.unwrap_or("no Content-Type")
                ),
            )
            .into_response()
        }
    };
    let work = move |app: &App, _token: CancellationToken| -> Result<Response, Failure> {
        let store = app.store();
        let prepared = store::evaluator().parse_update(&text).map_err(|e| {
            Failure::new(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}"))
        })?;
        prepared.on_store(store.oxigraph()).execute().map_err(|e| {
            Failure::new(
                StatusCode::BAD_REQUEST,
                format!("SPARQL update failed: {e}"),
            )
        })?;
        store.rebuild_derived().map_err(internal)?;
        Ok(StatusCode::NO_CONTENT.into_response())
    };
    blocking(&app, Limit::Untimed, work)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// The service description (sd: vocabulary) for a GET with no query.
fn service_description(app: &App, headers: &HeaderMap) -> Response {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let Some(format) = negotiate(accept, GRAPH_OFFERS) else {
        return not_acceptable(GRAPH_OFFERS).into_response();
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.contains(['<', '>', '"', ' ', '\\']))
        .unwrap_or("localhost");
    let update = if app.writable() {
        " ;\n    sd:supportedLanguage sd:SPARQL11Update".to_owned()
    } else {
        String::new()
    };
    let ttl = format!(
        r#"@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://{host}/query#service> a sd:Service ;
    rdfs:label "isnad SPARQL endpoint" ;
    rdfs:comment "A knowledge graph of actors, places, events, sources and count claims read from Arabic conflict news. The default graph is the union of all graphs (one per article, the ontology, the gazetteer, the merged events); isnad's prefixes (isn:, id:, prov:, schema:, skos:, geo:, rdf:, rdfs:, owl:, xsd:, wd:) are predeclared." ;
    sd:endpoint <http://{host}/query> ;
    sd:supportedLanguage sd:SPARQL11Query{update} ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV, formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:RDF_XML, <https://www.w3.org/ns/formats/data/JSON-LD> ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"#
    );
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_reader(ttl.as_bytes())
        .map(|q| q.map(Triple::from).map_err(internal));
    let mut out = Vec::new();
    let prefixes = [
        ("sd", "http://www.w3.org/ns/sparql-service-description#"),
        ("formats", "http://www.w3.org/ns/formats/"),
    ];
    match write_triples(format, &prefixes, triples, usize::MAX, &mut out) {
        Ok(()) => answer(graph_media_type(format), out),
        Err(f) => f.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_honours_q_values_and_specificity() {
        let offers = &[
            ("application/json", 1),
            ("text/csv", 2),
            ("text/tab-separated-values", 3),
        ];
        assert_eq!(negotiate(None, offers), Some(1));
        assert_eq!(negotiate(Some("text/csv"), offers), Some(2));
        assert_eq!(
            negotiate(Some("text/csv;q=0.5, application/json;q=0.4"), offers),
            Some(2)
        );
        assert_eq!(
            negotiate(Some("text/*;q=0.9, application/json;q=0.4"), offers),
            Some(2)
        );
        assert_eq!(negotiate(Some("text/*, text/csv;q=0"), offers), Some(3));
        assert_eq!(negotiate(Some("*/*"), offers), Some(1));
        assert_eq!(negotiate(Some("image/png"), offers), None);
        assert_eq!(negotiate(Some("*/*;q=0"), offers), None);
    }
}

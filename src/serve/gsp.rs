//! The SPARQL 1.1 Graph Store HTTP Protocol at `/store`: `GET ?graph=IRI` and
//! `GET ?default` read a graph (`?default` is the union of all graphs, the
//! default graph queries see); with `--allow-update`, `PUT` replaces a graph,
//! `POST` adds to it and `DELETE` removes it.
//!
//! Invariants: a write is one transaction and is followed by a refresh of the
//! derived events graph (derived data stays derived); without `--allow-update`
//! every write is refused with 403; a graph's triples come out in a stable
//! order, within the row cap.

use super::protocol::{
    answer, blocking, content_type, graph_media_type, internal, method_not_allowed, negotiate,
    not_acceptable, params, read_only, write_triples, Limit, GRAPH_OFFERS,
};
use super::{App, Failure};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Triple};
use std::sync::Arc;

/// Which graph a request is about.
#[derive(Clone)]
enum Target {
    Default,
    Named(NamedNode),
}

fn target(raw: Option<&str>) -> Result<Target, Failure> {
    let p = params(raw.unwrap_or("").as_bytes());
    let graphs: Vec<&str> = p
        .iter()
        .filter(|(k, _)| k == "graph")
        .map(|(_, v)| v.as_str())
        .collect();
    let default = p.iter().any(|(k, _)| k == "default");
    match (graphs.as_slice(), default) {
        ([], true) => Ok(Target::Default),
        ([g], false) => NamedNode::new(*g).map(Target::Named).map_err(|e| {
            Failure::new(
                StatusCode::BAD_REQUEST,
                format!("graph: {g:?} is not an IRI: {e}"),
            )
        }),
        ([], false) => Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "name the graph: ?graph=IRI or ?default",
        )),
        _ => Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "name one graph: either one ?graph=IRI or ?default",
        )),
    }
}

/// `/store`.
pub(crate) async fn store(
    State(app): State<Arc<App>>,
    method: Method,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Response {
    let writes = matches!(method, Method::PUT | Method::POST | Method::DELETE);
    if !writes && !matches!(method, Method::GET | Method::HEAD) {
        return method_not_allowed("GET, PUT, POST, DELETE");
    }
    if writes && !app.writable() {
        return read_only().into_response();
    }
    let target = match target(raw.as_deref()) {
        Ok(t) => t,
        Err(f) => return f.into_response(),
    };
    if !writes {
        let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
        let Some(format) = negotiate(accept, GRAPH_OFFERS) else {
            return not_acceptable(GRAPH_OFFERS).into_response();
        };
        return blocking(&app, Limit::Timed, move |app, _| read(app, &target, format))
            .await
            .unwrap_or_else(IntoResponse::into_response);
    }
    let format = if method == Method::DELETE {
        None
    } else {
        let ct = content_type(&headers);
        match ct.as_deref().and_then(RdfFormat::from_media_type) {
            Some(f) if !f.supports_datasets() => Some(f),
            _ => {
                return Failure::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!(
                        "cannot read a graph sent as {:?}: send text/turtle, application/n-triples, application/rdf+xml or application/ld+json",
                        ct.as_deref().unwrap_or("no Content-Type")
                    ),
                )
                .into_response()
            }
        }
    };
    blocking(&app, Limit::Untimed, move |app, _| {
        write(app, &method, &target, format, &body)
    })
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

fn read(app: &App, target: &Target, format: RdfFormat) -> Result<Response, Failure> {
    let store = app.store();
    let inner = store.oxigraph();
    let mut triples: Vec<Triple> = match target {
        Target::Named(g) => {
            if !inner.contains_named_graph(g).map_err(internal)? {
                return Err(Failure::new(
                    StatusCode::NOT_FOUND,
                    format!("no graph <{}> in the store", g.as_str()),
                ));
            }
            inner
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                .map(|q| q.map(Triple::from).map_err(internal))
                .take(app.options.max_rows.saturating_add(1))
                .collect::<Result<_, _>>()?
        }
        Target::Default => {
            let mut seen = std::collections::HashSet::new();
            let mut out = Vec::new();
            for q in inner.iter() {
                let t = Triple::from(q.map_err(internal)?);
                if seen.insert(t.clone()) {
                    out.push(t);
                    if out.len() > app.options.max_rows {
                        break;
                    }
                }
            }
            out
        }
    };
    triples.sort_by_cached_key(|t| t.to_string());
    let mut out = Vec::new();
    write_triples(
        format,
        &[],
        triples.into_iter().map(Ok),
        app.options.max_rows,
        &mut out,
    )?;
    Ok(answer(graph_media_type(format), out))
}

fn write(
    app: &App,
    method: &Method,
    target: &Target,
    format: Option<RdfFormat>,
    body: &[u8],
) -> Result<Response, Failure> {
    let store = app.store();
    let inner = store.oxigraph();
    let graph: GraphName = match target {
        Target::Default => GraphName::DefaultGraph,
        Target::Named(g) => g.clone().into(),
    };
    let existed = match target {
        Target::Default => true,
        Target::Named(g) => inner.contains_named_graph(g).map_err(internal)?,
    };
    let quads: Vec<Quad> = match format {
        None => Vec::new(),
        Some(f) => RdfParser::from_format(f)
            .without_named_graphs()
            .with_default_graph(graph.clone())
            .for_reader(body)
            .collect::<Result<_, _>>()
            .map_err(|e| {
                Failure::new(
                    StatusCode::BAD_REQUEST,
                    format!("cannot parse the graph: {e}"),
                )
            })?,
    };
    let graph_ref: GraphNameRef<'_> = graph.as_ref();
    let mut tx = inner.start_transaction().map_err(internal)?;
    match *method {
        Method::DELETE => {
            if !existed {
                return Err(Failure::new(
                    StatusCode::NOT_FOUND,
                    format!("no such graph: {graph}"),
                ));
            }
            match target {
                Target::Default => tx.clear_graph(graph_ref).map_err(internal)?,
                Target::Named(g) => tx.remove_named_graph(g).map_err(internal)?,
            }
        }
        Method::PUT => {
            tx.clear_graph(graph_ref).map_err(internal)?;
            if let Target::Named(g) = target {
                tx.insert_named_graph(g);
            }
            tx.extend(quads.iter());
        }
        _ => {
            if let Target::Named(g) = target {
                tx.insert_named_graph(g);
            }
            tx.extend(quads.iter());
        }
    }
    tx.commit().map_err(internal)?;
    store.rebuild_derived().map_err(internal)?;
    Ok(if existed || *method == Method::DELETE {
        StatusCode::NO_CONTENT.into_response()
    } else {
        StatusCode::CREATED.into_response()
    })
}

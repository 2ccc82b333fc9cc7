//! The raw drawing: every triple of the exported quads as Graphviz (`isnad export
//! --format dot --raw`), as isnad drew it before the story views.
//!
//! Built as a petgraph graph: nodes are the typed resources (entities, events,
//! claims, articles) labelled in Arabic with English where known, shaped and
//! coloured by class; edges are the properties between them. Claims fold their
//! kind, count and qualifier into their label rather than pointing at the
//! vocabulary individuals. Faithful and complete, hence unreadable beyond one
//! article: the story views ([`super::draw`]) are for people.

use super::io;
use crate::vocab::{self, compact_iri, local};
use crate::Error;
use oxrdf::{NamedOrBlankNode, Quad, Term};
use petgraph::dot::{Config, Dot};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// Drawing attributes of a class: (shape, fill colour).
fn style(class: &str) -> (&'static str, &'static str) {
    match class {
        local::PERSON => ("ellipse", "#cfe2ff"),
        local::ARMED_GROUP => ("box", "#f8c9c4"),
        local::STATE_FORCE | local::COALITION => ("box", "#d9ead3"),
        local::GOVERNMENT => ("box", "#e6e0f8"),
        local::NEWS_OUTLET | local::ORGANIZATION => ("box", "#fff2cc"),
        local::UNNAMED_SOURCE => ("box", "#eeeeee"),
        local::COUNTRY
        | local::REGION
        | local::CITY
        | local::NEIGHBORHOOD
        | local::VILLAGE
        | local::FACILITY => ("house", "#d0f0e0"),
        local::COUNT_CLAIM => ("note", "#fff9c4"),
        local::ARTICLE => ("folder", "#dddddd"),
        _ => ("diamond", "#ffd8a8"), // events
    }
}

#[derive(Debug, Default, Clone)]
struct Node {
    class: String,
    label_ar: Option<String>,
    label_en: Option<String>,
    extra: Vec<String>,
}

impl Node {
    fn label(&self, iri: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        match (&self.label_ar, &self.label_en) {
            (Some(ar), Some(en)) => parts.push(format!("{ar}\n{en}")),
            (Some(l), None) | (None, Some(l)) => parts.push(l.clone()),
            // claims are described by their count lines, not their IRI
            (None, None) if self.extra.is_empty() => parts.push(compact_iri(iri)),
            (None, None) => {}
        }
        parts.extend(self.extra.iter().cloned());
        if !self.class.is_empty() {
            parts.push(format!("[{}]", self.class));
        }
        parts.join("\n")
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Writes a Graphviz drawing of the quads' union.
pub fn write_dot(quads: &[Quad], out: &mut dyn Write) -> Result<(), Error> {
    let isn = |l: &str| vocab::isn(l);
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    // pass 1: typed resources and their labels
    for q in quads {
        let s = q.subject.to_string();
        let s = s.trim_start_matches('<').trim_end_matches('>').to_owned();
        let p = q.predicate.as_str();
        match (&q.object, p) {
            (Term::NamedNode(o), vocab::RDF_TYPE) => {
                if let Some(class) = o.as_str().strip_prefix(vocab::ISN) {
                    nodes.entry(s).or_default().class = class.to_owned();
                }
            }
            (Term::Literal(l), vocab::RDFS_LABEL) => {
                let n = nodes.entry(s).or_default();
                match l.language() {
                    Some("en") => n.label_en = n.label_en.take().or(Some(l.value().to_owned())),
                    _ => n.label_ar = n.label_ar.take().or(Some(l.value().to_owned())),
                }
            }
            (Term::Literal(l), _) if p == isn(local::TRIGGER) => {
                let n = nodes.entry(s).or_default();
                n.label_ar.get_or_insert_with(|| l.value().to_owned());
            }
            (Term::Literal(l), _) if p == isn(local::COUNT) => {
                nodes.entry(s).or_default().extra.push(l.value().to_owned());
            }
            (Term::NamedNode(o), _)
                if p == isn(local::COUNT_KIND_P) || p == isn(local::QUALIFIER_P) =>
            {
                let local_name = o.as_str().strip_prefix(vocab::ISN).unwrap_or(o.as_str());
                nodes
                    .entry(s)
                    .or_default()
                    .extra
                    .push(local_name.to_owned());
            }
            (Term::Literal(l), vocab::SCHEMA_IDENTIFIER) => {
                let n = nodes.entry(s).or_default();
                n.label_ar.get_or_insert_with(|| l.value().to_owned());
            }
            _ => {}
        }
    }
    nodes.retain(|_, n| !n.class.is_empty());
    let mut graph: DiGraph<String, String> = DiGraph::new();
    let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for iri in nodes.keys() {
        index.insert(iri.as_str(), graph.add_node(iri.clone()));
    }
    // pass 2: edges between drawn nodes, each property once per pair
    let mut edges = BTreeSet::new();
    for q in quads {
        let (Term::NamedNode(o), NamedOrBlankNode::NamedNode(s)) = (&q.object, &q.subject) else {
            continue;
        };
        if q.predicate.as_str() == vocab::RDF_TYPE {
            continue;
        }
        if let (Some(&a), Some(&b)) = (index.get(s.as_str()), index.get(o.as_str())) {
            edges.insert((a, b, compact_iri(q.predicate.as_str())));
        }
    }
    for (a, b, label) in edges {
        graph.add_edge(a, b, label);
    }
    let edge_attrs = |_: &DiGraph<String, String>,
                      e: petgraph::graph::EdgeReference<'_, String>| {
        format!("label = \"{}\"", escape(e.weight()))
    };
    let node_attrs = |_: &DiGraph<String, String>, (_, iri): (NodeIndex, &String)| {
        let node = &nodes[iri.as_str()];
        let (shape, color) = style(&node.class);
        format!(
            "label = \"{}\" shape = {shape} style = filled fillcolor = \"{color}\"",
            escape(&node.label(iri))
        )
    };
    let dot = Dot::with_attr_getters(
        &graph,
        &[Config::NodeNoLabel, Config::EdgeNoLabel],
        &edge_attrs,
        &node_attrs,
    );
    writeln!(out, "{dot:?}").map_err(io)?;
    Ok(())
}

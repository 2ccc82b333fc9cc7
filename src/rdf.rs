//! RDF mapping: an [`Extraction`] becomes the quads of the article's named graph.
//!
//! The graph is named by the article node's own IRI and holds: the article node
//! (with its text, `isn:text`),
//! every entity the article mentions (type, canonical labels, `isn:mentionedAs` for
//! each spelling used), the events and the count claims with their evidence
//! (`isn:quote`, `isn:start`, `isn:end` in Unicode characters of the original text).
//!
//! IRIs are deterministic: events and claims are numbered in text order under the
//! article IRI; entities use gazetteer IRIs or ones derived from class and name.

use crate::extract::claims::Victim;
use crate::extract::dates::DateValue;
use crate::extract::lexicon::Lexicon;
use crate::extract::numbers::Qualifier;
use crate::extract::recognise::Source;
use crate::extract::Extraction;
use crate::vocab::{self, iri_segment, isn, local};
use oxrdf::vocab::xsd;
use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeSet;

/// Collects quads of one graph, with small helpers for the common shapes.
struct GraphWriter {
    graph: GraphName,
    quads: Vec<Quad>,
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

impl GraphWriter {
    fn add(&mut self, s: &str, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(node(s)),
            node(p),
            o.into(),
            self.graph.clone(),
        ));
    }
    fn link(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, node(o));
    }
    fn ar(&mut self, s: &str, p: &str, value: &str) {
        self.add(
            s,
            p,
            Literal::new_language_tagged_literal_unchecked(value, "ar"),
        );
    }
    fn int(&mut self, s: &str, p: &str, value: u64) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(value.to_string(), xsd::INTEGER),
        );
    }
    fn string(&mut self, s: &str, p: &str, value: &str) {
        self.add(s, p, Literal::new_simple_literal(value));
    }
}

pub fn qualifier_local(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => local::EXACT,
        Qualifier::About => local::ABOUT_Q,
        Qualifier::AtLeast => local::AT_LEAST,
        Qualifier::MoreThan => local::MORE_THAN,
        Qualifier::UpTo => local::UP_TO,
        Qualifier::LessThan => local::LESS_THAN,
        Qualifier::Vague => local::VAGUE,
    }
}

/// A date as a typed literal and its precision.
fn date_literal(d: DateValue) -> Option<(Literal, &'static str)> {
    Some(match d {
        DateValue::Day(d) => (
            Literal::new_typed_literal(d.to_string(), xsd::DATE),
            local::DAY_PRECISION,
        ),
        DateValue::YearMonth { year, month } => (
            Literal::new_typed_literal(format!("{year:04}-{month:02}"), xsd::G_YEAR_MONTH),
            local::MONTH_PRECISION,
        ),
        DateValue::Year(y) => (
            Literal::new_typed_literal(format!("{y:04}"), xsd::G_YEAR),
            local::YEAR_PRECISION,
        ),
        DateValue::Unresolved => return None,
    })
}

/// IRI of an unnamed source («مصدر امني»): one node per phrase across all articles.
pub fn unnamed_source_iri(phrase: &str) -> String {
    format!("{}source/{}", vocab::ID, iri_segment(phrase))
}

/// IRI of a publisher named in metadata: the gazetteer's outlet if a label matches.
fn publisher_iri(name: &str, lex: &Lexicon) -> (String, bool) {
    let norm = crate::text::normalise(name);
    match lex.outlet_named(name, &norm) {
        Some(e) => (e.iri.clone(), true),
        None => (
            format!("{}newsoutlet/{}", vocab::ID, iri_segment(&norm)),
            false,
        ),
    }
}

/// The quads of the article's named graph.
pub fn article_quads(x: &Extraction, lex: &Lexicon) -> Vec<Quad> {
    let article_iri = &x.iri;
    let mut w = GraphWriter {
        graph: GraphName::NamedNode(node(article_iri)),
        quads: Vec::new(),
    };
    let a = article_iri;
    w.link(a, vocab::RDF_TYPE, &isn(local::ARTICLE));
    w.string(a, vocab::SCHEMA_IDENTIFIER, &x.article.id);
    w.string(a, &isn(local::SHA256), &x.sha256);
    // the text the offsets count in (so readers can show every span in place)
    w.string(a, &isn(local::TEXT), &x.article.text);
    if let Some(url) = &x.article.url {
        w.string(a, vocab::SCHEMA_URL, url);
    }
    if let Some(h) = &x.article.headline {
        w.ar(a, vocab::SCHEMA_HEADLINE, h);
    }
    if let Some(d) = x.article.published {
        w.add(
            a,
            vocab::SCHEMA_DATE_PUBLISHED,
            Literal::new_typed_literal(d.to_string(), xsd::DATE),
        );
    }
    if let Some(name) = &x.article.publisher {
        let (iri, known) = publisher_iri(name, lex);
        w.link(a, vocab::SCHEMA_PUBLISHER, &iri);
        if !known {
            w.link(&iri, vocab::RDF_TYPE, &isn(local::NEWS_OUTLET));
            w.string(&iri, vocab::RDFS_LABEL, name);
        }
    }

    // Entities: type, labels, every spelling used.
    let rec = &x.recognition;
    let mut spellings: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); rec.entities.len()];
    let mut first_written: Vec<Option<&str>> = vec![None; rec.entities.len()];
    for m in &rec.mentions {
        let written = x.original(m.span.clone());
        spellings[m.entity].insert(written);
        if !m.anaphor {
            first_written[m.entity].get_or_insert(written);
        }
    }
    for (i, e) in rec.entities.iter().enumerate() {
        if spellings[i].is_empty() {
            continue;
        }
        w.link(&e.iri, vocab::RDF_TYPE, &e.class.iri());
        // a new entity is labelled as the article first writes it (its IRI uses the
        // normalised name); a gazetteer entity keeps its canonical label
        let label = match first_written[i] {
            Some(written) if !e.known => written,
            _ => &e.label_ar,
        };
        w.ar(&e.iri, vocab::RDFS_LABEL, label);
        if let Some(en) = &e.label_en {
            w.add(
                &e.iri,
                vocab::RDFS_LABEL,
                Literal::new_language_tagged_literal_unchecked(en, "en"),
            );
        }
        for s in &spellings[i] {
            w.ar(&e.iri, &isn(local::MENTIONED_AS), s);
        }
        for p in &e.located_in {
            w.link(&e.iri, &isn(local::LOCATED_IN), p);
        }
        // the role as the article writes it («نائب»), not as normalised («نايب»)
        if let Some(span) = &e.role {
            w.ar(&e.iri, &isn(local::ROLE), x.original(span.clone()));
        }
        if let Some(org) = e.speaks_for {
            w.link(&e.iri, &isn(local::SPEAKS_FOR), &rec.entities[org].iri);
        }
        if let Some(parent) = &e.part_of {
            w.link(&e.iri, &isn(local::PART_OF), parent);
        }
    }

    // Events.
    let event_iri = |i: usize| format!("{article_iri}/event/{}", i + 1);
    for (i, ev) in x.events.iter().enumerate() {
        let s = event_iri(i);
        w.link(&s, vocab::RDF_TYPE, &ev.class.iri());
        w.ar(&s, &isn(local::TRIGGER), x.original(ev.trigger.clone()));
        evidence(&mut w, x, &s, ev.sentence.clone());
        w.link(&s, vocab::PROV_WAS_DERIVED_FROM, a);
        let source = source_iri(&mut w, x, &ev.source);
        w.link(&s, vocab::PROV_WAS_ATTRIBUTED_TO, &source);
        w.link(&s, &isn(local::STATUS), &ev.status.iri());
        for &ag in &ev.agents {
            w.link(&s, &isn(local::AGENT), &rec.entities[ag].iri);
        }
        for &t in &ev.targets {
            w.link(&s, &isn(local::TARGET), &rec.entities[t].iri);
        }
        if let Some(p) = ev.place {
            w.link(&s, &isn(local::PLACE_P), &rec.entities[p].iri);
        }
        if let Some((lit, precision)) = ev.date.and_then(date_literal) {
            w.add(&s, &isn(local::DATE), lit);
            w.link(&s, &isn(local::DATE_PRECISION_P), &isn(precision));
        }
        if let Some(parent) = ev.sub_event_of {
            w.link(&s, &isn(local::SUB_EVENT_OF), &event_iri(parent));
        }
    }

    // Count claims.
    for (i, c) in x.claims.iter().enumerate() {
        let s = format!("{article_iri}/claim/{}", i + 1);
        w.link(&s, vocab::RDF_TYPE, &isn(local::COUNT_CLAIM));
        w.link(&s, &isn(local::ABOUT), &event_iri(c.event));
        w.link(&s, &isn(local::COUNT_KIND_P), &c.kind.iri());
        if let Some(n) = c.count {
            w.int(&s, &isn(local::COUNT), n);
        }
        w.link(
            &s,
            &isn(local::QUALIFIER_P),
            &isn(qualifier_local(c.qualifier)),
        );
        let victim = match c.victim {
            Victim::Civilians => isn(local::CIVILIANS),
            Victim::Everyone => isn(local::EVERYONE),
            Victim::Entity(e) => rec.entities[e].iri.clone(),
        };
        w.link(&s, &isn(local::VICTIM), &victim);
        let source = source_iri(&mut w, x, &c.source);
        w.link(&s, vocab::PROV_WAS_ATTRIBUTED_TO, &source);
        w.link(&s, vocab::PROV_WAS_DERIVED_FROM, a);
        w.link(&s, &isn(local::STANCE_P), &c.stance.iri());
        evidence(&mut w, x, &s, c.span.clone());
    }
    // Oxigraph de-duplicates, but exports and tests compare sets: keep one of each.
    // (flags first, so that the quads are hashed by reference, never cloned)
    let keep: Vec<bool> = {
        let mut seen =
            crate::hash::FastSet::with_capacity_and_hasher(w.quads.len(), Default::default());
        w.quads.iter().map(|q| seen.insert(q)).collect()
    };
    let mut keep = keep.into_iter();
    w.quads.retain(|_| keep.next().unwrap_or(true));
    w.quads
}

/// The IRI of a credited source; an unnamed source's node is described in the
/// article graph on the way.
fn source_iri(w: &mut GraphWriter, x: &Extraction, source: &Source) -> String {
    match source {
        Source::Article => x.iri.clone(),
        Source::Entity(e) => x.recognition.entities[*e].iri.clone(),
        Source::Unnamed(span) => {
            // one node per phrase across articles; labelled as written
            let iri = unnamed_source_iri(&x.norm.norm[span.clone()]);
            let written = x.original(span.clone());
            w.link(&iri, vocab::RDF_TYPE, &isn(local::UNNAMED_SOURCE));
            w.ar(&iri, vocab::RDFS_LABEL, written);
            w.ar(&iri, &isn(local::MENTIONED_AS), written);
            // the kind: what follows the noun («أمني»، «في الحشد الشعبي»), else the noun
            let kind = written.split_once(' ').map_or(written, |(_, rest)| rest);
            w.ar(&iri, &isn(local::SOURCE_KIND), kind);
            iri
        }
    }
}

fn evidence(w: &mut GraphWriter, x: &Extraction, s: &str, span: std::ops::Range<usize>) {
    let chars = x.char_span(span.clone());
    w.string(s, &isn(local::QUOTE), x.original(span));
    w.int(s, &isn(local::START), chars.start as u64);
    w.int(s, &isn(local::END), chars.end as u64);
}

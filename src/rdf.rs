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
//!
//! One mapping ([`map_article`]) writes into one of two sinks: owned quads
//! ([`article_quads`], what the store takes) or N-Quads lines straight into a
//! buffer ([`article_nquads`], what `isnad extract` writes: no quad, node or
//! joined IRI string is built). Invariant: both keep the first of equal quads, in
//! the order written, and the lines are byte for byte Oxigraph's N-Quads of the
//! quads (a test checks it, literal escapes included).

use crate::extract::claims::Victim;
use crate::extract::dates::DateValue;
use crate::extract::lexicon::Lexicon;
use crate::extract::numbers::Qualifier;
use crate::extract::recognise::Source;
use crate::extract::Extraction;
use crate::vocab::{self, iri_segment, local};
use oxrdf::vocab::xsd;
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeSet;

/// An IRI in up to two parts (a namespace and a local name), written out
/// without being joined first: the N-Quads sink writes both parts, the quad sink
/// joins them into its node.
#[derive(Debug, Clone, Copy)]
struct Iri<'a>(&'a str, &'a str);

impl<'a> From<&'a str> for Iri<'a> {
    fn from(iri: &'a str) -> Iri<'a> {
        Iri(iri, "")
    }
}

impl<'a> From<&'a String> for Iri<'a> {
    fn from(iri: &'a String) -> Iri<'a> {
        Iri(iri, "")
    }
}

/// `isn:local`.
fn isn_(local: &str) -> Iri<'_> {
    Iri(vocab::ISN, local)
}

/// The object of a quad.
#[derive(Debug, Clone, Copy)]
enum Obj<'a> {
    Iri(Iri<'a>),
    /// a string literal, with a language tag if any
    Text(&'a str, Option<&'a str>),
    /// a literal of an XSD datatype
    Typed(&'a str, NamedNodeRef<'a>),
    Int(u64),
}

/// Where the mapping puts the quads of one article's graph. Both sinks keep the
/// first of equal quads only, in the order they were written.
trait QuadSink {
    fn quad(&mut self, s: Iri, p: Iri, o: Obj);
}

fn joined(iri: Iri) -> NamedNode {
    if iri.1.is_empty() {
        NamedNode::new_unchecked(iri.0)
    } else {
        let mut s = String::with_capacity(iri.0.len() + iri.1.len());
        s.push_str(iri.0);
        s.push_str(iri.1);
        NamedNode::new_unchecked(s)
    }
}

/// Owned quads, for the store.
struct QuadVec {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl QuadSink for QuadVec {
    fn quad(&mut self, s: Iri, p: Iri, o: Obj) {
        let o: Term = match o {
            Obj::Iri(i) => joined(i).into(),
            Obj::Text(v, None) => Literal::new_simple_literal(v).into(),
            Obj::Text(v, Some(lang)) => {
                Literal::new_language_tagged_literal_unchecked(v, lang).into()
            }
            Obj::Typed(v, dt) => Literal::new_typed_literal(v, dt).into(),
            Obj::Int(n) => Literal::new_typed_literal(n.to_string(), xsd::INTEGER).into(),
        };
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(joined(s)),
            joined(p),
            o,
            self.graph.clone(),
        ));
    }
}

impl QuadVec {
    /// The quads, the first of equal ones kept.
    fn finish(mut self) -> Vec<Quad> {
        // flags first, so that the quads are hashed by reference, never cloned
        let keep: Vec<bool> = {
            let mut seen = crate::hash::FastSet::with_capacity_and_hasher(
                self.quads.len(),
                Default::default(),
            );
            self.quads.iter().map(|q| seen.insert(q)).collect()
        };
        let mut keep = keep.into_iter();
        self.quads.retain(|_| keep.next().unwrap_or(true));
        self.quads
    }
}

/// N-Quads lines written straight into a buffer, byte for byte as Oxigraph's
/// serialiser writes the quads of [`QuadVec`] (a test checks it), without
/// building them.
struct NQuadsBuf<'o> {
    graph: &'o str,
    out: &'o mut Vec<u8>,
    /// a triple's hash → the first line's triple with it (byte range of `out`)
    seen: crate::hash::FastMap<u64, std::ops::Range<usize>>,
    /// triples whose hash another one already had (almost never any)
    collided: Vec<std::ops::Range<usize>>,
}

fn push_iri(out: &mut Vec<u8>, iri: Iri) {
    out.push(b'<');
    out.extend_from_slice(iri.0.as_bytes());
    out.extend_from_slice(iri.1.as_bytes());
    out.push(b'>');
}

/// A quoted literal value, escaped as `oxrdf::literal::print_quoted_str` does.
/// Only ASCII bytes and U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`) are escaped, so the
/// bytes are scanned, not the characters decoded.
fn push_quoted(out: &mut Vec<u8>, value: &str) {
    let b = value.as_bytes();
    out.push(b'"');
    let mut plain = 0;
    let mut i = 0;
    while i < b.len() {
        let byte = b[i];
        let (esc, len): (&[u8], usize) = match byte {
            0x08 => (b"\\b", 1),
            b'\t' => (b"\\t", 1),
            b'\n' => (b"\\n", 1),
            0x0C => (b"\\f", 1),
            b'\r' => (b"\\r", 1),
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            0x00..=0x1F | 0x7F => (b"", 1),
            0xEF if matches!(b.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => (b"", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&b[plain..i]);
        if esc.is_empty() {
            let c = value[i..].chars().next().map_or(0, u32::from);
            out.extend_from_slice(format!("\\u{c:04X}").as_bytes());
        } else {
            out.extend_from_slice(esc);
        }
        i += len;
        plain = i;
    }
    out.extend_from_slice(&b[plain..]);
    out.push(b'"');
}

/// About how many bytes of N-Quads a byte of article text gives (measured on
/// the synthetic corpus: 20), to size the buffer once.
const NQUADS_PER_TEXT_BYTE: usize = 24;

/// Bytes hashed at each end of a long N-Quads triple.
const HASHED_ENDS: usize = 128;

impl QuadSink for NQuadsBuf<'_> {
    fn quad(&mut self, s: Iri, p: Iri, o: Obj) {
        use std::hash::{BuildHasher, Hasher};
        let start = self.out.len();
        let out = &mut *self.out;
        push_iri(out, s);
        out.push(b' ');
        push_iri(out, p);
        out.push(b' ');
        match o {
            Obj::Iri(i) => push_iri(out, i),
            Obj::Text(v, lang) => {
                push_quoted(out, v);
                if let Some(lang) = lang {
                    out.push(b'@');
                    out.extend_from_slice(lang.as_bytes());
                }
            }
            Obj::Typed(v, dt) => {
                push_quoted(out, v);
                out.extend_from_slice(b"^^");
                push_iri(out, dt.as_str().into());
            }
            Obj::Int(n) => {
                push_quoted(out, &n.to_string());
                out.extend_from_slice(b"^^");
                push_iri(out, xsd::INTEGER.as_str().into());
            }
        }
        // every line ends with the same graph: lines are equal when their
        // triples are, so the triple alone is hashed and compared, and the
        // graph written after it only if it is new
        let line = start..out.len();
        // a long triple (the text, a quote) is hashed by its length and ends:
        // equal hashes are compared in full, so this only bounds the hashing
        let bytes = &out[line.clone()];
        let mut h = crate::hash::FastBuild::default().build_hasher();
        h.write_usize(bytes.len());
        if bytes.len() <= 2 * HASHED_ENDS {
            h.write(bytes);
        } else {
            h.write(&bytes[..HASHED_ENDS]);
            h.write(&bytes[bytes.len() - HASHED_ENDS..]);
        }
        let out = &*self.out;
        let same = |r: &std::ops::Range<usize>| out[r.clone()] == out[line.clone()];
        let dup = match self.seen.entry(h.finish()) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(line);
                false
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                if same(first.get()) || self.collided.iter().any(same) {
                    true
                } else {
                    self.collided.push(line);
                    false
                }
            }
        };
        if dup {
            self.out.truncate(start);
        } else {
            self.out.push(b' ');
            push_iri(self.out, self.graph.into());
            self.out.extend_from_slice(b" .\n");
        }
    }
}

/// Writes one graph's quads, with small helpers for the common shapes.
struct GraphWriter<S: QuadSink> {
    sink: S,
}

impl<S: QuadSink> GraphWriter<S> {
    fn add<'a>(&mut self, s: impl Into<Iri<'a>>, p: impl Into<Iri<'a>>, o: Obj<'a>) {
        self.sink.quad(s.into(), p.into(), o);
    }
    fn link<'a>(&mut self, s: impl Into<Iri<'a>>, p: impl Into<Iri<'a>>, o: impl Into<Iri<'a>>) {
        self.add(s, p, Obj::Iri(o.into()));
    }
    fn ar<'a>(&mut self, s: impl Into<Iri<'a>>, p: impl Into<Iri<'a>>, value: &'a str) {
        self.add(s, p, Obj::Text(value, Some("ar")));
    }
    fn int<'a>(&mut self, s: impl Into<Iri<'a>>, p: impl Into<Iri<'a>>, value: u64) {
        self.add(s, p, Obj::Int(value));
    }
    fn string<'a>(&mut self, s: impl Into<Iri<'a>>, p: impl Into<Iri<'a>>, value: &'a str) {
        self.add(s, p, Obj::Text(value, None));
    }
}

/// The sign isnad writes before a figure for a qualifier (its `isn:` local name):
/// `≈100`, `≥181`, `>60`, `≤45000`, `<30`; none for an exact or vague one.
pub fn qualifier_sign(local_name: &str) -> &'static str {
    match local_name {
        local::ABOUT_Q => "≈",
        local::AT_LEAST => "≥",
        local::MORE_THAN => ">",
        local::UP_TO => "≤",
        local::LESS_THAN => "<",
        _ => "",
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

/// A date as a typed literal (value, datatype) and its precision.
fn date_literal(d: DateValue) -> Option<(String, NamedNodeRef<'static>, &'static str)> {
    Some(match d {
        DateValue::Day(d) => (d.to_string(), xsd::DATE, local::DAY_PRECISION),
        DateValue::YearMonth { year, month } => (
            format!("{year:04}-{month:02}"),
            xsd::G_YEAR_MONTH,
            local::MONTH_PRECISION,
        ),
        DateValue::Year(y) => (format!("{y:04}"), xsd::G_YEAR, local::YEAR_PRECISION),
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

/// The quads of the article's named graph (the first of equal quads kept).
pub fn article_quads(x: &Extraction, lex: &Lexicon) -> Vec<Quad> {
    let mut w = GraphWriter {
        sink: QuadVec {
            graph: GraphName::NamedNode(NamedNode::new_unchecked(x.iri.as_str())),
            quads: Vec::new(),
        },
    };
    map_article(&mut w, x, lex);
    w.sink.finish()
}

/// The same graph as [`article_quads`], appended to `out` as N-Quads lines:
/// the bytes Oxigraph's N-Quads serialiser writes for those quads, without
/// building them.
pub fn article_nquads(x: &Extraction, lex: &Lexicon, out: &mut Vec<u8>) {
    // an article's N-Quads run to about twenty times its text: room up front
    // spares the copies of a buffer doubling its way there
    out.reserve(x.article.text.len().saturating_mul(NQUADS_PER_TEXT_BYTE));
    let mut w = GraphWriter {
        sink: NQuadsBuf {
            graph: &x.iri,
            out,
            seen: crate::hash::FastMap::default(),
            collided: Vec::new(),
        },
    };
    map_article(&mut w, x, lex);
}

/// The mapping itself, whatever the quads are written into.
fn map_article<S: QuadSink>(w: &mut GraphWriter<S>, x: &Extraction, lex: &Lexicon) {
    let article_iri = &x.iri;
    let a = article_iri;
    w.link(a, vocab::RDF_TYPE, isn_(local::ARTICLE));
    w.string(a, vocab::SCHEMA_IDENTIFIER, &x.article.id);
    w.string(a, isn_(local::SHA256), &x.sha256);
    // the text the offsets count in (so readers can show every span in place)
    w.string(a, isn_(local::TEXT), &x.article.text);
    if let Some(url) = &x.article.url {
        w.string(a, vocab::SCHEMA_URL, url);
    }
    if let Some(h) = &x.article.headline {
        w.ar(a, vocab::SCHEMA_HEADLINE, h);
    }
    if let Some(d) = x.article.published {
        let d = d.to_string();
        w.add(a, vocab::SCHEMA_DATE_PUBLISHED, Obj::Typed(&d, xsd::DATE));
    }
    if let Some(name) = &x.article.publisher {
        let (iri, known) = publisher_iri(name, lex);
        w.link(a, vocab::SCHEMA_PUBLISHER, &iri);
        if !known {
            w.link(&iri, vocab::RDF_TYPE, isn_(local::NEWS_OUTLET));
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
        w.link(&e.iri, vocab::RDF_TYPE, isn_(e.class.local()));
        // a new entity is labelled as the article first writes it (its IRI uses the
        // normalised name); a gazetteer entity keeps its canonical label
        let label = match first_written[i] {
            Some(written) if !e.known => written,
            _ => &e.label_ar,
        };
        w.ar(&e.iri, vocab::RDFS_LABEL, label);
        if let Some(en) = &e.label_en {
            w.add(&e.iri, vocab::RDFS_LABEL, Obj::Text(en, Some("en")));
        }
        for s in &spellings[i] {
            w.ar(&e.iri, isn_(local::MENTIONED_AS), s);
        }
        for p in &e.located_in {
            w.link(&e.iri, isn_(local::LOCATED_IN), p);
        }
        // the role as the article writes it («نائب»), not as normalised («نايب»)
        if let Some(span) = &e.role {
            w.ar(&e.iri, isn_(local::ROLE), x.original(span.clone()));
        }
        if let Some(org) = e.speaks_for {
            w.link(&e.iri, isn_(local::SPEAKS_FOR), &rec.entities[org].iri);
        }
        if let Some(parent) = &e.part_of {
            w.link(&e.iri, isn_(local::PART_OF), parent);
        }
    }

    // Events.
    let event_iri = |i: usize| format!("{article_iri}/event/{}", i + 1);
    for (i, ev) in x.events.iter().enumerate() {
        let s = event_iri(i);
        w.link(&s, vocab::RDF_TYPE, isn_(ev.class.local()));
        w.ar(&s, isn_(local::TRIGGER), x.original(ev.trigger.clone()));
        evidence(w, x, &s, ev.sentence.clone());
        w.link(&s, vocab::PROV_WAS_DERIVED_FROM, a);
        let source = source_iri(w, x, &ev.source);
        w.link(&s, vocab::PROV_WAS_ATTRIBUTED_TO, &source);
        w.link(&s, isn_(local::STATUS), isn_(ev.status.local()));
        for &ag in &ev.agents {
            w.link(&s, isn_(local::AGENT), &rec.entities[ag].iri);
        }
        for &t in &ev.targets {
            w.link(&s, isn_(local::TARGET), &rec.entities[t].iri);
        }
        if let Some(p) = ev.place {
            w.link(&s, isn_(local::PLACE_P), &rec.entities[p].iri);
        }
        if let Some((value, datatype, precision)) = ev.date.and_then(date_literal) {
            w.add(&s, isn_(local::DATE), Obj::Typed(&value, datatype));
            w.link(&s, isn_(local::DATE_PRECISION_P), isn_(precision));
        }
        if let Some(parent) = ev.sub_event_of {
            w.link(&s, isn_(local::SUB_EVENT_OF), &event_iri(parent));
        }
    }

    // Count claims.
    for (i, c) in x.claims.iter().enumerate() {
        let s = format!("{article_iri}/claim/{}", i + 1);
        w.link(&s, vocab::RDF_TYPE, isn_(local::COUNT_CLAIM));
        w.link(&s, isn_(local::ABOUT), &event_iri(c.event));
        w.link(&s, isn_(local::COUNT_KIND_P), isn_(c.kind.local()));
        if let Some(n) = c.count {
            w.int(&s, isn_(local::COUNT), n);
        }
        w.link(
            &s,
            isn_(local::QUALIFIER_P),
            isn_(qualifier_local(c.qualifier)),
        );
        let victim = match c.victim {
            Victim::Civilians => isn_(local::CIVILIANS),
            Victim::Everyone => isn_(local::EVERYONE),
            Victim::Entity(e) => (&rec.entities[e].iri).into(),
        };
        w.link(&s, isn_(local::VICTIM), victim);
        let source = source_iri(w, x, &c.source);
        w.link(&s, vocab::PROV_WAS_ATTRIBUTED_TO, &source);
        w.link(&s, vocab::PROV_WAS_DERIVED_FROM, a);
        w.link(&s, isn_(local::STANCE_P), isn_(c.stance.local()));
        evidence(w, x, &s, c.span.clone());
    }
}

/// The IRI of a credited source; an unnamed source's node is described in the
/// article graph on the way.
fn source_iri<S: QuadSink>(w: &mut GraphWriter<S>, x: &Extraction, source: &Source) -> String {
    match source {
        Source::Article => x.iri.clone(),
        Source::Entity(e) => x.recognition.entities[*e].iri.clone(),
        Source::Unnamed(span) => {
            // one node per phrase across articles; labelled as written
            let iri = unnamed_source_iri(&x.norm.norm[span.clone()]);
            let written = x.original(span.clone());
            w.link(&iri, vocab::RDF_TYPE, isn_(local::UNNAMED_SOURCE));
            w.ar(&iri, vocab::RDFS_LABEL, written);
            w.ar(&iri, isn_(local::MENTIONED_AS), written);
            // the kind: what follows the noun («أمني»، «في الحشد الشعبي»), else the noun
            let kind = written.split_once(' ').map_or(written, |(_, rest)| rest);
            w.ar(&iri, isn_(local::SOURCE_KIND), kind);
            iri
        }
    }
}

fn evidence<S: QuadSink>(
    w: &mut GraphWriter<S>,
    x: &Extraction,
    s: &str,
    span: std::ops::Range<usize>,
) {
    let chars = x.char_span(span.clone());
    w.string(s, isn_(local::QUOTE), x.original(span));
    w.int(s, isn_(local::START), chars.start as u64);
    w.int(s, isn_(local::END), chars.end as u64);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{read_articles, Article};

    /// What Oxigraph's N-Quads serialiser writes for the quads.
    fn serialised(quads: &[Quad]) -> Vec<u8> {
        let mut w =
            oxrdfio::RdfSerializer::from_format(oxrdfio::RdfFormat::NQuads).for_writer(Vec::new());
        for q in quads {
            w.serialize_quad(q).expect("writes to memory");
        }
        w.finish().expect("writes to memory")
    }

    fn both(article: Article, lex: &Lexicon) -> (Vec<u8>, Vec<u8>) {
        let x = crate::extract::extract(article, lex);
        let mut direct = Vec::new();
        article_nquads(&x, lex, &mut direct);
        (serialised(&article_quads(&x, lex)), direct)
    }

    #[test]
    fn nquads_written_straight_are_the_serialised_quads() {
        let lex = Lexicon::builtin().expect("builtin lexicon");
        let mut articles = Vec::new();
        let mut dir: Vec<_> = std::fs::read_dir("examples")
            .expect("examples/")
            .map(|e| e.expect("entry").path())
            .collect();
        dir.sort();
        // the demo's articles (NOTICE and the like read as no article)
        for p in dir {
            articles.extend(read_articles(&p).unwrap_or_default());
        }
        assert!(articles.len() >= 3, "the demo corpus reads");
        // every character the literal escaping treats apart, in a text of its own
        let mut odd = Article::from_text(
            "odd \"id\" \\ \t",
            "قال مصدر امني \"إن\" هجوما\tبطائرة\r\nمسيرة \\ استهدف \u{1}\u{7F}\u{FFFE}\u{FFFF}\u{8}\u{C} \
             قرية في محافظة حلب امس، ما اسفر عن مقتل ثلاثة مدنيين.",
        );
        odd.headline = Some("عنوان \"مقتبس\"\n".to_owned());
        odd.publisher = Some("Example \"Wire\"".to_owned());
        odd.url = Some("https://example.org/a?b=\"c\"".to_owned());
        odd.published = crate::calendar::CivilDate::parse_iso("2022-01-21");
        articles.push(odd);
        for a in articles {
            let id = a.id.clone();
            let (expected, direct) = both(a, &lex);
            assert!(!expected.is_empty());
            assert_eq!(
                String::from_utf8_lossy(&direct),
                String::from_utf8_lossy(&expected),
                "article {id}"
            );
        }
    }
}

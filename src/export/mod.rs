//! Export: the stored graph as RDF files or as a Graphviz drawing.
//!
//! RDF formats go through Oxigraph's serializers (`oxrdfio`, usable without the
//! store) with isnad's prefixes. Triple formats (Turtle, N-Triples) merge the
//! selected graphs; quad formats (TriG, N-Quads) keep every article in its own graph.
//!
//! Drawings, one room per mechanism:
//! * [`story`]: the plain model a drawing is made of (events with their figures,
//!   entities, links) and the `--around` neighbourhood (a breadth-first walk);
//! * `read` (with the store): the store read into a [`story::Story`]: the merged
//!   events view, one article's own view, the labels in the chosen language;
//! * [`draw`]: a story as DOT text (clusters, HTML-like records, legend, escaping);
//! * [`render`]: running Graphviz's `dot` for SVG and PNG;
//! * [`raw`]: every triple as a node or edge (`--raw`, the drawing of old).
//!
//! Invariant: the same store and options give the same bytes (everything is
//! sorted before it is drawn).

pub mod draw;
pub mod raw;
#[cfg(feature = "store")]
pub mod read;
pub mod render;
pub mod story;

pub use raw::write_dot;

use crate::vocab;
use crate::Error;
use oxrdf::{Quad, Triple};
use oxrdfio::{RdfFormat, RdfSerializer};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    Dot,
}

pub(crate) fn io(e: std::io::Error) -> Error {
    Error::Serialization(e)
}

fn serializer(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .expect("valid prefix IRIs");
        }
    }
    serializer
}

/// Writes quads as they come, in a quad format (N-Quads or TriG): what
/// `isnad extract` streams, one article's graph at a time, so that memory does not
/// grow with the corpus.
pub struct QuadWriter<W: Write> {
    inner: Inner<W>,
}

enum Inner<W: Write> {
    /// N-Quads, written here line by line as Oxigraph's serialiser writes them
    /// (`{quad} .`), so that lines mapped straight to bytes can go in between
    NQuads(W),
    Serializer(Box<oxrdfio::WriterQuadSerializer<W>>),
}

impl<W: Write> QuadWriter<W> {
    /// `format` must be [`ExportFormat::NQuads`] or [`ExportFormat::TriG`].
    pub fn new(format: ExportFormat, out: W) -> QuadWriter<W> {
        let inner = match format {
            ExportFormat::TriG => {
                Inner::Serializer(Box::new(serializer(RdfFormat::TriG).for_writer(out)))
            }
            _ => Inner::NQuads(out),
        };
        QuadWriter { inner }
    }

    pub fn write(&mut self, quads: &[Quad]) -> Result<(), Error> {
        match &mut self.inner {
            Inner::NQuads(w) => {
                for q in quads {
                    writeln!(w, "{} .", q.as_ref()).map_err(io)?;
                }
            }
            Inner::Serializer(s) => {
                for q in quads {
                    s.serialize_quad(q).map_err(io)?;
                }
            }
        }
        Ok(())
    }

    /// Writes N-Quads lines as they are (from [`crate::rdf::article_nquads`]).
    /// Only an N-Quads writer takes them: a TriG writer is handed quads.
    pub fn write_nquads(&mut self, lines: &[u8]) -> Result<(), Error> {
        if lines.is_empty() {
            return Ok(());
        }
        match &mut self.inner {
            Inner::NQuads(w) => w.write_all(lines).map_err(io),
            Inner::Serializer(_) => Err(io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "N-Quads lines handed to a TriG writer",
            ))),
        }
    }

    /// Ends the document; gives the writer back.
    pub fn finish(self) -> Result<W, Error> {
        match self.inner {
            Inner::NQuads(w) => Ok(w),
            Inner::Serializer(s) => s.finish().map_err(io),
        }
    }
}

/// Writes quads in an RDF format; `Dot` gives the raw drawing of every triple.
pub fn write_rdf(quads: &[Quad], format: ExportFormat, out: &mut dyn Write) -> Result<(), Error> {
    let rdf_format = match format {
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::NTriples => RdfFormat::NTriples,
        ExportFormat::NQuads | ExportFormat::TriG => {
            let mut w = QuadWriter::new(format, out);
            w.write(quads)?;
            w.finish()?;
            return Ok(());
        }
        ExportFormat::Dot => return write_dot(quads, out),
    };
    let mut w = serializer(rdf_format).for_writer(out);
    let mut triples: Vec<Triple> = quads.iter().map(|q| Triple::from(q.clone())).collect();
    triples.sort_by_cached_key(|t| t.to_string());
    triples.dedup();
    for t in &triples {
        w.serialize_triple(t).map_err(io)?;
    }
    w.finish().map_err(io)?;
    Ok(())
}

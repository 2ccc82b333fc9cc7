//! Extraction: runs the stages over one article, in the order data flows.
//!
//! text (normalise, tokens, sentences: `crate::text`) → `dates`, then `numbers`
//! (counts outside the dates) → `lexicon` scan → `recognise` (entities) → `events`
//! → `attribution` (who is credited, frame by frame; reads the events for a
//! document's issuer; `unnamed` tells where an anonymous source's phrase ends) →
//! `claims`. Each room depends only on rooms before it. The result keeps the normalised text and its
//! offset map so that every reported span can be cut from the original.
//!
//! Extraction never fails: whatever a stage cannot make sense of becomes a
//! diagnostic, never an error.

pub mod attribution;
pub mod claims;
pub mod dates;
pub mod events;
pub mod lexicon;
pub mod numbers;
pub mod recognise;
pub mod unnamed;
mod words;

use crate::article::Article;
use crate::text::{self, NormText};
use attribution::Attribution;
use claims::{Claim, ClaimInput};
use events::{Event, EventInput};
use lexicon::{EventClass, Lexicon};
use recognise::{Recognition, Source};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Extraction {
    pub article: Article,
    /// The article's IRI ([`Article::iri`]), also the name of its graph.
    pub iri: String,
    /// The hash of the article's text ([`Article::sha256`]), computed once.
    pub sha256: String,
    pub norm: NormText,
    pub recognition: Recognition,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
    /// Things noticed but not turned into facts (for `--verbose` and debugging).
    pub diagnostics: Vec<String>,
}

impl Extraction {
    /// The original text behind a normalised byte range.
    pub fn original(&self, norm_range: Range<usize>) -> &str {
        &self.article.text[self.norm.orig_bytes(norm_range)]
    }

    /// Unicode character offsets in the original text of a normalised byte range.
    pub fn char_span(&self, norm_range: Range<usize>) -> Range<usize> {
        self.norm.orig_chars(norm_range)
    }
}

pub fn extract(article: Article, lex: &Lexicon) -> Extraction {
    let sha256 = article.sha256();
    extract_hashed(article, sha256, lex)
}

/// [`extract`] for an article whose [`Article::sha256`] the caller already has
/// (the batch reader hashes every article to tell re-read ids apart).
pub fn extract_hashed(article: Article, sha256: String, lex: &Lexicon) -> Extraction {
    let norm = NormText::new(&article.text);
    let n = norm.norm.as_str();
    let tokens = text::tokenize(n);
    let sentences = text::sentences(n);
    let dates = dates::find_dates(n, &tokens, article.published);
    let date_spans: Vec<_> = dates.iter().map(|d| d.span.clone()).collect();
    let quantities = numbers::find_quantities(n, &tokens, &date_spans);
    let hits = lex.scan(n, &tokens);
    let recognition = recognise::recognise(&norm, &article.text, &tokens, &hits, lex);
    let mut events = events::detect(&EventInput {
        norm: n,
        tokens: &tokens,
        sentences: &sentences,
        hits: &hits,
        rec: &recognition,
        quantities: &quantities,
        dates: &dates,
    });
    let attribution = Attribution::find(n, &tokens, &sentences, &hits, &recognition, &events);
    let claims = claims::extract(&ClaimInput {
        norm: n,
        tokens: &tokens,
        sentences: &sentences,
        hits: &hits,
        rec: &recognition,
        quantities: &quantities,
        dates: &dates,
        events: &events,
        attribution: &attribution,
        lexicon: lex,
    });
    let claims = claims_of_joined_sources(claims, &sentences, &attribution);
    // an official speaking is a statement, once per speaker
    for (term, sentence, speaker) in attribution.official_statements(n, &recognition) {
        let said = events
            .iter()
            .any(|e| e.class == EventClass::Statement && e.agents.contains(&speaker));
        if !said {
            events.push(Event::statement(term, sentence, speaker));
        }
    }
    // an event report is credited like a claim: to the frame around its trigger
    for e in &mut events {
        let (source, _) = attribution.credit(&e.sentence, e.trigger.start);
        e.source = source;
    }
    let mut diagnostics = Vec::new();
    if recognition.mentions.is_empty() {
        diagnostics.push("no known actor or place recognised".to_owned());
    }
    if events.is_empty() {
        diagnostics.push("no event trigger found".to_owned());
    }
    Extraction {
        iri: article.iri(),
        sha256,
        article,
        norm,
        recognition,
        events,
        claims,
        diagnostics,
    }
}

/// A figure told by sources joined by «و» («أفاد مصدر أمني ومصدر طبي») is a
/// claim of each: a claim credited to the first is repeated for the others.
fn claims_of_joined_sources(
    claims: Vec<Claim>,
    sentences: &[Range<usize>],
    attribution: &Attribution,
) -> Vec<Claim> {
    let mut out = Vec::with_capacity(claims.len());
    for c in claims {
        let credited = sentences
            .iter()
            .find(|s| s.start <= c.span.start && c.span.start < s.end)
            .map(|s| attribution.credit_all(s, c.span.start))
            .unwrap_or_default();
        let joined: Vec<(Source, lexicon::Stance)> = match credited.split_first() {
            Some((first, rest)) if first.0 == c.source => rest.to_vec(),
            _ => Vec::new(),
        };
        let copies: Vec<Claim> = joined
            .into_iter()
            .map(|(source, stance)| Claim {
                source,
                stance,
                ..c.clone()
            })
            .collect();
        out.push(c);
        out.extend(copies);
    }
    out
}

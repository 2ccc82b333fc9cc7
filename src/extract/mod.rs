//! Extraction: runs the stages over one article, in the order data flows.
//!
//! text (normalise, tokens, sentences: `crate::text`) → `dates`, then `numbers`
//! (counts outside the dates) → `lexicon` scan → `recognise` (entities) → `events`
//! → `attribution` (who is credited, frame by frame; reads the events for a
//! document's issuer; `unnamed` tells where an anonymous source's phrase ends) →
//! `claims`. Each room depends only on rooms before it. Then the glue repeats a
//! claim for each source joined by «و», adds officials' statements (once per
//! speaker and sentence; a spokesman's words join the statement of the body he
//! speaks for) and drops the statement nouns that only carried what a source says,
//! renumbering the claims about events. The result keeps the normalised text and
//! its offset map so that every reported span can be cut from the original.
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
use events::{Event, EventInput, News};
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
    let layout = text::Layout::new(n);
    let dates = dates::find_dates(n, &tokens, article.published);
    let date_spans: Vec<_> = dates.iter().map(|d| d.span.clone()).collect();
    let quantities = numbers::find_quantities(n, &tokens, &date_spans);
    let mut hits = lex.scan(n, &tokens);
    numbers::count_demonyms(n, &tokens, &mut hits, &quantities);
    let recognition = recognise::recognise(&norm, &article.text, &tokens, &hits, lex);
    let mut events = events::detect(&EventInput {
        norm: n,
        tokens: &tokens,
        layout: &layout,
        hits: &hits,
        rec: &recognition,
        quantities: &quantities,
        dates: &dates,
    });
    let attribution = Attribution::find(n, &tokens, &layout, &hits, &recognition, &events);
    let claims = claims::extract(&ClaimInput {
        norm: n,
        tokens: &tokens,
        layout: &layout,
        hits: &hits,
        rec: &recognition,
        quantities: &quantities,
        dates: &dates,
        events: &events,
        attribution: &attribution,
        lexicon: lex,
    });
    let mut claims = claims_of_joined_sources(claims, &layout.sentences, &attribution);
    add_official_statements(&mut events, &attribution, n, &recognition);
    // a statement noun that only carries what a source says («قال في بيان») has
    // served attribution: it is no event
    retain_events(&mut events, &mut claims, |e| e.news != News::Vehicle);
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

/// An official speaking is a statement, once per speaker and once per sentence (a
/// frame inside another speaker's words is theirs). A declaration the speaker made
/// with others does not stand for the speaker's own words; the speaker's «في بيان»
/// is the statement they made; a spokesman speaks in the statement of the body
/// they speak for, when the article tells one.
fn add_official_statements(
    events: &mut Vec<Event>,
    attribution: &Attribution,
    norm: &str,
    rec: &Recognition,
) {
    for (term, sentence, speaker) in attribution.official_statements(norm, rec) {
        let statements = || events.iter().filter(|e| e.class == EventClass::Statement);
        let said = statements().any(|e| {
            e.agents.contains(&speaker)
                && e.news != News::Vehicle
                && (e.news != News::Declared
                    || e.agents.len() == 1
                    || e.reported_in.contains(&sentence))
        });
        let told_here =
            statements().any(|e| e.news != News::Vehicle && e.reported_in.contains(&sentence));
        if said || told_here {
            continue;
        }
        // a spokesman's words are the statement of the body they speak for
        let body = rec.entities[speaker].speaks_for;
        let of_body = events.iter_mut().find(|e| {
            e.class == EventClass::Statement
                && e.news != News::Vehicle
                && body.is_some_and(|b| e.agents.contains(&b))
        });
        if let Some(s) = of_body {
            if !s.agents.contains(&speaker) {
                s.agents.push(speaker);
            }
            continue;
        }
        let vehicle = events.iter_mut().find(|e| {
            e.class == EventClass::Statement
                && e.news == News::Vehicle
                && e.agents.contains(&speaker)
        });
        match vehicle {
            Some(v) => v.news = News::Plain,
            None => events.push(Event::statement(term, sentence, speaker)),
        }
    }
}

/// Keeps the events `keep` accepts, renumbering what points at events: a claim about
/// a dropped event moves to the nearest kept event before it (else the first after
/// it); a sub-event of a dropped event stands alone.
fn retain_events(events: &mut Vec<Event>, claims: &mut Vec<Claim>, keep: impl Fn(&Event) -> bool) {
    let kept: Vec<bool> = events.iter().map(&keep).collect();
    if kept.iter().all(|&k| k) {
        return;
    }
    let mut new_index = Vec::with_capacity(events.len());
    let mut next = 0;
    for &k in &kept {
        new_index.push(k.then_some(next));
        next += usize::from(k);
    }
    let moved = |i: usize| -> Option<usize> {
        new_index.get(i).copied().flatten().or_else(|| {
            let before = new_index[..i.min(new_index.len())]
                .iter()
                .rev()
                .flatten()
                .next();
            before
                .or_else(|| new_index.iter().skip(i).flatten().next())
                .copied()
        })
    };
    claims.retain_mut(|c| match moved(c.event) {
        Some(j) => {
            c.event = j;
            true
        }
        None => false,
    });
    let mut i = 0;
    events.retain(|_| {
        i += 1;
        kept[i - 1]
    });
    for e in events.iter_mut() {
        e.sub_event_of = e
            .sub_event_of
            .and_then(|p| new_index.get(p).copied().flatten());
    }
}

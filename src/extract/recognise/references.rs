//! Back-references: an anaphor noun of the gazetteer («التنظيم»، «المرصد») or a
//! definite place noun standing alone («السجن») refers to the most recent fitting
//! entity; with no antecedent, an unambiguous anaphor names the gazetteer's entity
//! itself, and one shared by the bodies of several states («وزارة الداخلية»،
//! «الجيش») names the body of the article's country (the country most of its
//! known places and actors belong to), if only one of them is. Invariant: a
//! back-reference adds a mention, never an entity, except for those last cases.

use super::*;
use crate::extract::lexicon::hits_starting_in;

pub(super) fn back_references(
    rec: &mut Recognition,
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    lex: &Lexicon,
) {
    let ctx_free_stem = |h: &Hit| norm[h.range()].trim_start_matches("ال");
    let country = article_country(rec, lex);
    let longest = hits.iter().map(|h| h.end - h.start).max().unwrap_or(0);
    let mut found: Vec<Mention> = Vec::new();
    // the entities' Arabic labels, normalised once each (entities only grow)
    let mut labels: Vec<String> = Vec::new();
    let mut memo: Option<Memo> = None;
    for h in hits {
        labels.extend(
            rec.entities[labels.len()..]
                .iter()
                .map(|e| crate::text::normalise(&e.label_ar)),
        );
        // mentions stay non-overlapping: a stretch already named is not re-read
        if rec.overlaps(&h.range()) {
            continue;
        }
        let (target, anaphor) = match h.kind {
            TermKind::Anaphor(_) => {
                // hits of one stretch come together (by start, then end), one per
                // entity the noun may refer back to («الجيش» of every state):
                // their anchors and antecedent are worked out once, at the first
                // (mentions do not change in this loop, nor does an entity)
                if memo.as_ref().is_none_or(|(r, ..)| *r != h.range()) {
                    memo = Some(anchors_and_antecedent(rec, hits, h, norm, lex, &labels));
                }
                let (anchors, antecedent) = match &memo {
                    Some((_, anchors, antecedent)) => (anchors.as_slice(), *antecedent),
                    None => (&[][..], None),
                };
                match (antecedent, anchors) {
                    (Some(e), _) => (Some(e), true),
                    // no antecedent: an unambiguous noun names the gazetteer's entity
                    // itself («التحالف» in an article that never spells it out)
                    (None, [(_, only)]) if !rec.entities.iter().any(|e| e.class == only.class) => {
                        (Some(rec.add_known(only)), false)
                    }
                    // «وزارة الداخلية» in an Iraqi article: the Iraqi ministry
                    (None, [_, _, ..]) => {
                        let mut own = anchors.iter().filter(|(i, _)| {
                            country.is_some() && lex.country_of_entity(*i) == country
                        });
                        match own.next() {
                            Some((_, a)) if own.all(|(_, o)| o.iri == a.iri) => {
                                (Some(rec.add_known(a)), false)
                            }
                            _ => (None, true),
                        }
                    }
                    _ => (None, true),
                }
            }
            // a definite place noun alone: «السجن» → the last facility named «سجن …»
            TermKind::EntityCue(class) if class.is_place() => {
                let prefix = &norm[tokens[h.first_token].start..h.start];
                let definite = prefix.ends_with("ال") || prefix.ends_with("لل");
                let stem = ctx_free_stem(h);
                let target = definite
                    .then(|| {
                        rec.last_before(h.start, |i, e| {
                            e.class == class && labels[i].contains(stem)
                        })
                    })
                    .flatten();
                (target, true)
            }
            _ => (None, true),
        };
        // one entity per stretch of text: «قوات الحكومة» holds «الحكومة»
        // (found is in text order and no hit is longer than `longest`)
        let overlapped = |e: usize| {
            found
                .iter()
                .rev()
                .take_while(|m| m.span.start + longest > h.start)
                .any(|m| m.entity != e && m.span.start < h.end && h.start < m.span.end)
        };
        if let Some(entity) = target.filter(|&e| !overlapped(e)) {
            found.push(Mention {
                entity,
                span: h.range(),
                anaphor,
            });
        }
    }
    rec.mentions.extend(found);
    rec.mentions.sort_by_key(|m| m.span.start);
}

/// A stretch of text, the gazetteer entities its anaphor noun may name, and
/// the antecedent it refers back to.
type Memo<'l> = (Range<usize>, Vec<(u32, &'l KnownEntity)>, Option<usize>);

/// The anchors of the anaphor hit `h` (every anaphor hit of its very stretch)
/// and the last entity mentioned before it that fits one of them.
fn anchors_and_antecedent<'l>(
    rec: &Recognition,
    hits: &[Hit],
    h: &Hit,
    norm: &str,
    lex: &'l Lexicon,
    labels: &[String],
) -> Memo<'l> {
    // the noun may refer back to several gazetteer entities («التنظيم»)
    let anchors: Vec<(u32, &KnownEntity)> = hits_starting_in(hits, &(h.start..h.start + 1))
        .iter()
        .filter(|o| o.range() == h.range())
        .filter_map(|o| match o.kind {
            TermKind::Anaphor(i) => Some((i, lex.entity(i))),
            _ => None,
        })
        .collect();
    let stem = norm[h.range()].trim_start_matches("ال");
    // an entity fits an anchor of its class that it is, or whose stem its label
    // holds (the classes first: most entities have none)
    let mut classes: Vec<EntityClass> = anchors.iter().map(|(_, a)| a.class).collect();
    classes.sort_unstable();
    classes.dedup();
    let antecedent = rec.last_before(h.start, |i, e| {
        classes.contains(&e.class)
            && (labels[i].contains(stem)
                || anchors
                    .iter()
                    .any(|(_, a)| e.class == a.class && e.iri == a.iri))
    });
    (h.range(), anchors, antecedent)
}

/// The country most of the article's known places and actors belong to, if one
/// clearly leads.
fn article_country<'l>(rec: &Recognition, lex: &'l Lexicon) -> Option<&'l str> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for m in rec.mentions.iter().filter(|m| !m.anaphor) {
        let e = &rec.entities[m.entity];
        if let Some(c) = e.known.then(|| lex.country_of(&e.iri)).flatten() {
            *counts.entry(c).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
    match ranked.as_slice() {
        [(c, _)] => Some(c),
        [(c, n), (_, m), ..] if n > m => Some(c),
        _ => None,
    }
}

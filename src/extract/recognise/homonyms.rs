//! Homonyms: a name several gazetteer places share (many towns do, in the GeoNames
//! import above all) is the one whose governorate (or country) the article names;
//! one that stays ambiguous is left to the caller, which makes it a place of the
//! article's own, linked to none of them. Also: an imported town's name right after
//! a place cue of another kind («قضاء X»، «حي X») names that other place.
//!
//! Invariant: the choice depends only on the set of places the article names
//! without ambiguity, never on their order; it is deterministic.

use super::*;

/// The regions (governorates) and countries of the places an article names without
/// ambiguity: the context that tells homonyms apart.
#[derive(Default)]
pub(super) struct Places<'l> {
    regions: Vec<&'l str>,
    countries: Vec<&'l str>,
}

impl<'l> Places<'l> {
    pub(super) fn add(&mut self, idx: u32, lex: &'l Lexicon) {
        if !lex.entity(idx).class.is_place() {
            return;
        }
        let (region, country) = lex.region_and_country(idx);
        self.regions
            .extend(region.filter(|r| !self.regions.contains(r)));
        self.countries
            .extend(country.filter(|c| !self.countries.contains(c)));
    }

    /// The places a place of the article's own lies in («ريف حماة الشمالي», a
    /// compound, lies in Hama governorate).
    pub(super) fn add_within(&mut self, entity: &Entity, lex: &'l Lexicon) {
        if entity.class.is_place() {
            for idx in entity.located_in.iter().filter_map(|p| lex.index_of(p)) {
                self.add(idx, lex);
            }
        }
    }
}

/// Which of the entities spelt the same a name is. Several places (many towns share
/// a name, in the GeoNames import above all): the one whose region the article names
/// (by itself or through a place inside it); else the one in the only country the
/// article names; else the only hand-written one; else `None`. When not all of them
/// are places, or all are hand-written and nothing tells them apart, the first.
pub(super) fn resolve_homonym(spelt: &[u32], context: &Places<'_>, lex: &Lexicon) -> Option<u32> {
    let [first, ..] = spelt else {
        return None;
    };
    if spelt.len() == 1 || !spelt.iter().all(|&i| lex.entity(i).class.is_place()) {
        return Some(*first);
    }
    let mut left: Vec<u32> = spelt.to_vec();
    let in_region: Vec<u32> = left
        .iter()
        .copied()
        .filter(|&i| {
            lex.region_and_country(i)
                .0
                .is_some_and(|r| context.regions.contains(&r))
        })
        .collect();
    if !in_region.is_empty() {
        left = in_region;
    } else if let [country] = context.countries.as_slice() {
        let in_country: Vec<u32> = left
            .iter()
            .copied()
            .filter(|&i| lex.region_and_country(i).1 == Some(*country))
            .collect();
        if !in_country.is_empty() {
            left = in_country;
        }
    }
    if let [only] = left.as_slice() {
        return Some(*only);
    }
    let hand: Vec<u32> = left
        .iter()
        .copied()
        .filter(|&i| !lex.entity(i).imported)
        .collect();
    match hand.as_slice() {
        [only] => Some(*only),
        _ if hand.len() == left.len() => Some(left[0]),
        _ => None,
    }
}

/// «قضاء الدبس»، «حي X»، «سجن X»: an imported town's name right after a place cue of
/// another kind names that other place (the district, the quarter, the prison), which
/// the cue pattern then reads; the town itself is not mentioned. (Hand-written
/// entries list such forms as labels where they mean the town: «قضاء الفلوجة».)
pub(super) fn cued_as_other_place(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    h: &Hit,
    lex: &Lexicon,
) -> bool {
    let TermKind::Entity(idx) = h.kind else {
        return false;
    };
    let town = lex.entity(idx);
    let populated = |c: EntityClass| matches!(c, EntityClass::City | EntityClass::Village);
    town.imported
        && hits_before(hits, h.start, CUE_REACH).iter().any(|c| {
            matches!(c.kind, TermKind::EntityCue(class)
                if class.is_place() && class != town.class && !(populated(class) && populated(town.class)))
                && c.end_token == h.first_token
                && norm[c.end..tokens[h.first_token].start].chars().all(|ch| ch == ' ')
        })
}

/// How many bytes before a name a cue noun may start (the noun and its clitics).
const CUE_REACH: usize = 40;

//! Recognition: which actors, places and sources an article names.
//!
//! Mentions come from four places, in order of trust:
//! 1. gazetteer names found by the lexicon scan (leftmost-longest);
//! 2. new names: a military unit with its number («اللواء 42»), the sector of a
//!    command («قاطع عمليات X»), a body named after a known place («مجلس محافظة X»),
//!    a name introduced by a cue from the lexicon: a place or organisation noun
//!    («حي X»، «قوات X»، «مؤسسة "X"»), a plural place noun before a coordinated list
//!    («أحياء X وY وZ»), a person's title («المحللة في ORG X Y»، «الجنرال الأمريكي "X Y"»)
//!    or a reporting verb («قال X Y»), a name in apposition before a title, the dead
//!    named in a list («من القتلى X، Y»);
//! 3. a byline near the top of the article («OUTLET – X Y») or a signature line;
//! 4. back-references: an anaphor noun («التنظيم»، «المرصد») or a definite place
//!    noun standing alone («السجن») refers to the most recent fitting entity (one
//!    shared by several states' bodies, with none before it, to the body of the
//!    article's country), a bare title to the person named with it, and a
//!    person's surname alone («هاريس») to the person named in full earlier.
//!
//! The rooms: `names` (where a new name starts and stops; cue names and lists),
//! `units` (numbered military units and their parents, command sectors, bodies of
//! places, what an organisation cue's name may be), `places` (containment),
//! `persons` (titles, bylines, victims' names, bare titles, re-mentions),
//! `references` (back-references). This file holds the types and runs them in
//! order: gazetteer names, sectors and units, bodies of places, then names after
//! place and organisation cues, then people after titles (so a title can run
//! through the organisation it names).
//!
//! Identity: gazetteer entities keep their IRIs; a new entity's IRI is derived from
//! its class and normalised name, so the same name in any article is the same node;
//! a unit's IRI is its parent's and its own noun and number. A country named as
//! the subject of a reporting or event verb («أعلن العراق») is its government, the
//! gazetteer's `rdfs:seeAlso` twin.
//!
//! Invariant: every mention span is a normalised byte range whose original slice is
//! the name as written, without proclitics or surrounding quotes.

use crate::extract::lexicon::{EntityClass, Hit, KnownEntity, Lexicon, TermKind};
use crate::text::{NormText, Token, TokenKind};
use crate::vocab::{self, iri_segment};
mod names;
mod persons;
mod places;
mod references;
mod units;

use names::*;
use persons::*;
use places::*;
use references::*;
use std::ops::Range;
use units::*;

/// An entity mentioned in the article.
#[derive(Debug, Clone)]
pub struct Entity {
    pub iri: String,
    pub class: EntityClass,
    /// Canonical Arabic label (the gazetteer's, or the name as first written).
    pub label_ar: String,
    pub label_en: Option<String>,
    /// From the gazetteer (true) or found by a cue pattern (false).
    pub known: bool,
    /// Places this place is directly in (gazetteer facts plus what the article says).
    pub located_in: Vec<String>,
    /// Every place this place is in, transitively (for matching places, not output).
    pub within: Vec<String>,
    /// Cities the text places this place next to («قرب X جنوب غربي مدينة Y»).
    pub near: Vec<String>,
    /// Where a person's title is written («المتحدث باسم», normalised byte range: see
    /// [`Entity::role_in`]), and the organisation they speak for.
    pub role: Option<Range<usize>>,
    pub speaks_for: Option<usize>,
    /// The unit or force a military unit is part of (its IRI), as the text says.
    pub part_of: Option<String>,
}

impl Entity {
    /// The person's title in the normalised text `norm` it was found in.
    pub fn role_in<'a>(&self, norm: &'a str) -> Option<&'a str> {
        self.role.clone().map(|r| &norm[r])
    }
}

/// Who a fact is credited to: the article, a recognised entity, or an unnamed
/// source phrase (found by attribution).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// The article states it on its own authority.
    Article,
    /// A recognised entity (index into the recognition's entities).
    Entity(usize),
    /// An unnamed source («مصدر أمني»), by the normalised byte range of its phrase.
    Unnamed(Range<usize>),
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity: usize,
    /// Normalised byte range of the name (or back-reference) as written.
    pub span: Range<usize>,
    pub anaphor: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Recognition {
    pub entities: Vec<Entity>,
    /// In text order, non-overlapping.
    pub mentions: Vec<Mention>,
}

impl Recognition {
    /// Mentions whose span lies inside `r`.
    pub fn mentions_in(&self, r: &Range<usize>) -> impl Iterator<Item = &Mention> + '_ {
        let r = r.clone();
        self.mentions
            .iter()
            .filter(move |m| m.span.start >= r.start && m.span.end <= r.end)
    }

    /// The mention covering byte `pos`, if any.
    pub fn mention_at(&self, pos: usize) -> Option<&Mention> {
        self.mentions
            .iter()
            .find(|m| m.span.start <= pos && pos < m.span.end)
    }

    /// The entity of the last mention accepted by `fits` that starts before `pos`.
    pub fn last_before(&self, pos: usize, fits: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.mentions
            .iter()
            .rev()
            .filter(|m| m.span.start < pos)
            .find(|m| fits(&self.entities[m.entity]))
            .map(|m| m.entity)
    }

    fn add_entity(&mut self, entity: Entity) -> usize {
        if let Some(i) = self.entities.iter().position(|e| e.iri == entity.iri) {
            return i;
        }
        self.entities.push(entity);
        self.entities.len() - 1
    }

    fn add_known(&mut self, known: &KnownEntity) -> usize {
        self.add_entity(Entity {
            iri: known.iri.clone(),
            class: known.class,
            label_ar: known.label_ar.clone().unwrap_or_default(),
            label_en: known.label_en.clone(),
            known: true,
            located_in: known.located_in.clone(),
            within: Vec::new(),
            near: Vec::new(),
            role: None,
            speaks_for: None,
            part_of: None,
        })
    }

    /// Is entity `inner` the same place as `outer`, or inside it?
    pub fn within(&self, inner: usize, outer: usize) -> bool {
        inner == outer
            || self.entities[inner]
                .within
                .contains(&self.entities[outer].iri)
    }
}

/// A new entity labelled by `span`, identified by `key` (its name without a place
/// cue noun, so that «حي الزهور» and «الزهور» are one node).
fn new_entity(norm: &str, span: &Range<usize>, key: &Range<usize>, class: EntityClass) -> Entity {
    Entity {
        iri: format!(
            "{}{}/{}",
            vocab::ID,
            class.local().to_ascii_lowercase(),
            iri_segment(&norm[key.clone()])
        ),
        class,
        label_ar: norm[span.clone()].to_owned(),
        label_en: None,
        known: false,
        located_in: Vec::new(),
        within: Vec::new(),
        near: Vec::new(),
        role: None,
        speaks_for: None,
        part_of: None,
    }
}

/// Mentions found so far, before they are made non-overlapping.
struct Found<'a> {
    ctx: Ctx<'a>,
    rec: Recognition,
    spans: Vec<(Range<usize>, usize)>,
    /// Token is a first name that folds like a function word, written as the name
    /// («علي», not the preposition «على»).
    folded_name: Vec<bool>,
    /// Back-references found before the mentions are final (a bare title).
    anaphors: Vec<Mention>,
    /// Every title a person is named with (normalised byte range, entity).
    titles: Vec<(Range<usize>, usize)>,
}

impl Found<'_> {
    fn covered(&self, pos: usize) -> Option<&(Range<usize>, usize)> {
        self.spans
            .iter()
            .find(|(r, _)| r.start <= pos && pos < r.end)
    }

    fn add_new(&mut self, span: Range<usize>, class: EntityClass) -> Option<usize> {
        self.add_new_keyed(span.clone(), span, class)
    }

    fn add_new_keyed(
        &mut self,
        span: Range<usize>,
        key: Range<usize>,
        class: EntityClass,
    ) -> Option<usize> {
        if self.covered(span.start).is_some() || self.covered(span.end - 1).is_some() {
            return None;
        }
        let norm = self.ctx.norm;
        // a person named again by part of their name («عبد الكريم» after «هاشم عبد الكريم»)
        let earlier = (class == EntityClass::Person)
            .then(|| {
                let name = &norm[key.clone()];
                self.rec.entities.iter().position(|e| {
                    e.class == EntityClass::Person
                        && e.label_ar.len() > name.len()
                        && e.label_ar.ends_with(&format!(" {name}"))
                })
            })
            .flatten();
        let idx = match earlier {
            Some(i) => i,
            None => self.rec.add_entity(new_entity(norm, &span, &key, class)),
        };
        self.spans.push((span, idx));
        Some(idx)
    }

    /// Skips a known name starting in token `i` (after a proclitic); returns the token after it.
    fn skip_known(&self, i: usize) -> Option<usize> {
        let t = self.ctx.tokens.get(i)?;
        let (r, _) = self
            .spans
            .iter()
            .find(|(r, _)| t.start <= r.start && r.start < t.end)?;
        Some(self.ctx.token_index_at(r.end))
    }
}

/// The entities and mentions of an article: `text` is its normalised text, `original`
/// the text it was normalised from (read only where folding loses a distinction).
pub fn recognise(
    text: &NormText,
    original: &str,
    tokens: &[Token],
    hits: &[Hit],
    lex: &Lexicon,
) -> Recognition {
    let norm = text.norm.as_str();
    let mut f = Found {
        ctx: Ctx::new(norm, tokens, hits),
        rec: Recognition::default(),
        spans: Vec::new(),
        folded_name: folded_names(text, original, tokens),
        anaphors: Vec::new(),
        titles: Vec::new(),
    };
    known_names(&mut f, hits, lex);
    sectors(&mut f);
    units(&mut f, hits, lex);
    bodies_of_places(&mut f, hits);
    cue_names(&mut f, hits);
    person_cues(&mut f, hits, lex);
    bylines(&mut f);
    signatures(&mut f);
    person_re_mentions(&mut f);
    let Found {
        ctx,
        mut rec,
        mut spans,
        anaphors,
        ..
    } = f;
    spans.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut last_end = 0;
    for (span, entity) in spans {
        if span.start >= last_end {
            last_end = span.end;
            rec.mentions.push(Mention {
                entity,
                span,
                anaphor: false,
            });
        }
    }
    let free: Vec<Mention> = anaphors
        .into_iter()
        .filter(|a| {
            !rec.mentions
                .iter()
                .any(|m| m.span.start < a.span.end && a.span.start < m.span.end)
        })
        .collect();
    rec.mentions.extend(free);
    rec.mentions.sort_by_key(|m| m.span.start);
    back_references(&mut rec, norm, tokens, hits, lex);
    located_in_from_text(&mut rec, &ctx);
    containment(&mut rec, lex);
    rec
}

/// Gazetteer names, leftmost-longest; a country acting as a subject becomes its government.
fn known_names(f: &mut Found<'_>, hits: &[Hit], lex: &Lexicon) {
    let mut taken_until = 0;
    for h in hits {
        let TermKind::Entity(idx) = h.kind else {
            continue;
        };
        if h.start < taken_until {
            continue;
        }
        taken_until = h.end;
        let mut known = lex.entity(idx);
        if known.class == EntityClass::Country && after_verb(hits, h) {
            if let Some(gov) = known
                .counterpart
                .as_deref()
                .and_then(|c| lex.entity_by_iri(c))
            {
                known = gov;
            }
        }
        // «محافظات صلاح الدين وكركوك وديالى»: an item of a list of regions that
        // names a city is the region named after it («محافظة كركوك»)
        if known.class == EntityClass::City && region_list_item(f.ctx.norm, hits, h) {
            if let Some(region) = known
                .located_in
                .iter()
                .filter_map(|r| lex.entity_by_iri(r))
                .find(|r| named_after(r, known))
            {
                known = region;
            }
        }
        let entity = f.rec.add_known(known);
        f.spans.push((h.range(), entity));
    }
}

/// The hits that start less than `reach` bytes before `pos` (hits are sorted by start).
fn hits_before(hits: &[Hit], pos: usize, reach: usize) -> &[Hit] {
    let from = hits.partition_point(|h| h.start + reach < pos);
    let to = hits.partition_point(|h| h.start < pos);
    &hits[from..to.max(from)]
}

/// The hit directly follows a reporting verb or an event trigger.
fn after_verb(hits: &[Hit], h: &Hit) -> bool {
    hits.iter().any(|v| {
        v.end_token == h.first_token
            && matches!(v.kind, TermKind::Reporting(_) | TermKind::Trigger(_))
    })
}

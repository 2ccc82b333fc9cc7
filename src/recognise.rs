//! Recognition: which actors, places and sources an article names.
//!
//! Three sources of mentions, in order of trust:
//! 1. gazetteer names found by the lexicon scan (longest match wins);
//! 2. new names introduced by a cue noun from the lexicon («حي X»، «قوات X»،
//!    «المتحدث باسم Y X»), or a person named right after a reporting verb;
//! 3. back-references: an anaphor noun («التنظيم»، «المرصد») or a definite cue
//!    noun standing alone («السجن»، «المدينة») refers to the most recent fitting
//!    entity already mentioned, and never creates a new node.
//!
//! Identity: gazetteer entities keep their IRIs; a new entity's IRI is derived from
//! its class and normalised name, so the same name in any article is the same node.
//!
//! Invariant: every mention span is a normalised byte range whose original slice is
//! the name as written, without proclitics.

use crate::lexicon::{EntityClass, Hit, Lexicon, TermKind};
use crate::text::{Token, TokenKind};
use crate::vocab::{self, iri_segment};
use std::collections::HashMap;
use std::ops::Range;

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
    /// Places this place is in (gazetteer facts plus what the article says).
    pub located_in: Vec<String>,
    /// A person's role as written («المتحدث باسم»), and the organisation they speak for.
    pub role: Option<String>,
    pub speaks_for: Option<usize>,
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

    /// The last mention of an entity of a class accepted by `fits` that starts before `pos`.
    pub fn last_before(&self, pos: usize, fits: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.mentions
            .iter()
            .rev()
            .filter(|m| m.span.start < pos)
            .find(|m| fits(&self.entities[m.entity]))
            .map(|m| m.entity)
    }

    fn entity_index(&mut self, entity: Entity) -> usize {
        if let Some(i) = self.entities.iter().position(|e| e.iri == entity.iri) {
            return i;
        }
        self.entities.push(entity);
        self.entities.len() - 1
    }
}

/// Function words that end a name: a name never runs across them.
const NAME_STOPS: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "عند",
    "حتي",
    "منذ",
    "خلال",
    "بين",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "ان",
    "او",
    "ثم",
    "لكن",
    "هو",
    "هي",
    "هم",
    "كان",
    "كانت",
    "قد",
    "لقد",
    "لم",
    "لا",
    "ما",
    "كما",
    "حيث",
    "فيما",
    "بينما",
    "اذ",
    "اذا",
    "وان",
    "وفي",
    "ومن",
    "قرب",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "وسط",
    "داخل",
    "خارج",
    "امام",
    "ضد",
    "نحو",
    "حول",
    "لدي",
    "الا",
    "يوم",
    "اليوم",
    "امس",
    "مساء",
    "صباح",
    "فجر",
    "ليل",
    "ليله",
    "ايضا",
    "كذلك",
    "انه",
    "انها",
    "بان",
    "لان",
    "اي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "عام",
    "العام",
    "سنه",
    "التابعه",
    "التابع",
    "المدعومه",
    "المدعوم",
    "ذات",
    "ذو",
    "وهو",
    "وهي",
    "فقد",
    "قال",
    "اكد",
    "افاد",
    "اضاف",
    "اوضح",
];

/// Longest name (in tokens) a cue may introduce, by class.
fn max_name_tokens(class: EntityClass) -> usize {
    match class {
        EntityClass::Person => 3,
        c if c.is_place() => 2,
        _ => 4,
    }
}

fn is_stop(word: &str) -> bool {
    NAME_STOPS.contains(&word)
}

/// The characters between two tokens are only spaces (no punctuation, quote, line break).
fn joined(norm: &str, a: &Token, b: &Token) -> bool {
    norm[a.end..b.start].chars().all(|c| c == ' ')
}

pub fn recognise(norm: &str, tokens: &[Token], hits: &[Hit], lex: &Lexicon) -> Recognition {
    let mut rec = Recognition::default();
    // Tokens already claimed by a lexicon term (names, cues, triggers): a new name stops there.
    let mut claimed = vec![false; tokens.len()];
    // Tokens that are cue words: a person's name never starts with one («قائد عمليات»).
    let mut cue = vec![false; tokens.len()];
    for h in hits {
        let marks = if matches!(h.kind, TermKind::EntityCue(_)) {
            &mut cue
        } else {
            &mut claimed
        };
        marks[h.first_token..h.end_token].fill(true);
    }

    // 1. Gazetteer names: leftmost-longest, non-overlapping.
    let mut taken_until = 0;
    let mut named: Vec<(Range<usize>, usize)> = Vec::new();
    for h in hits {
        if let TermKind::Entity(idx) = h.kind {
            if h.start < taken_until {
                continue;
            }
            taken_until = h.end;
            let known = lex.entity(idx);
            let entity = rec.entity_index(Entity {
                iri: known.iri.clone(),
                class: known.class,
                label_ar: known.label_ar.clone().unwrap_or_default(),
                label_en: known.label_en.clone(),
                known: true,
                located_in: known.located_in.clone(),
                role: None,
                speaks_for: None,
            });
            named.push((h.range(), entity));
        }
    }
    let covered = |named: &[(Range<usize>, usize)], pos: usize| {
        named.iter().any(|(r, _)| r.start <= pos && pos < r.end)
    };

    // 2. Cue patterns: «حي X», «قوات X», «المتحدث باسم ORG NAME».
    for h in hits {
        let TermKind::EntityCue(class) = h.kind else {
            continue;
        };
        if covered(&named, h.start) || is_definite(norm, tokens, h) {
            // part of a known name («قوات سوريا الديمقراطية»), or a definite noun
            // («المدينة») that refers back rather than introducing a name
            continue;
        }
        let mut from = h.end_token;
        if class == EntityClass::Person {
            // «المتحدث باسم قوات سوريا الديمقراطية فرهاد شامي»: skip the organisation
            if let Some((r, _)) = tokens
                .get(from)
                .and_then(|t| named.iter().find(|(r, _)| r.start == t.start))
            {
                from = tokens.partition_point(|t| t.start < r.end);
            }
        }
        let name = name_after(norm, tokens, &claimed, &cue, from, class);
        if let Some(name_tokens) = name {
            let span = tokens[name_tokens.start].start..tokens[name_tokens.end - 1].end;
            if covered(&named, span.start) {
                continue;
            }
            // Places and organisations keep their cue word in the name («سجن غويران»,
            // «قوات النخبة»); persons do not (the title is a role, not a name).
            let (name_span, role) = if class == EntityClass::Person {
                (span.clone(), Some(norm[h.range()].to_owned()))
            } else {
                (h.start..span.end, None)
            };
            let entity = new_entity(norm, &name_span, class, role);
            let idx = rec.entity_index(entity);
            named.push((name_span, idx));
        }
    }
    // A person named right after a reporting verb: «قال فرهاد شامي».
    for h in hits {
        if !matches!(h.kind, TermKind::Reporting(_)) {
            continue;
        }
        if let Some(name_tokens) = name_after(
            norm,
            tokens,
            &claimed,
            &cue,
            h.end_token,
            EntityClass::Person,
        ) {
            if name_tokens.len() < 2 {
                continue; // one word after a verb is too often a common noun
            }
            let span = tokens[name_tokens.start].start..tokens[name_tokens.end - 1].end;
            if covered(&named, span.start) {
                continue;
            }
            let idx = rec.entity_index(new_entity(norm, &span, EntityClass::Person, None));
            named.push((span, idx));
        }
    }
    named.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut last_end = 0;
    for (span, entity) in named {
        if span.start >= last_end {
            last_end = span.end;
            rec.mentions.push(Mention {
                entity,
                span,
                anaphor: false,
            });
        }
    }

    // A person's title «المتحدث باسم X» links the person to organisation X.
    link_spokespersons(&mut rec);

    // 3. Back-references.
    let mut back_refs = Vec::new();
    for h in hits {
        if rec.mention_at(h.start).is_some() {
            continue;
        }
        let target = match h.kind {
            TermKind::Anaphor(idx) => {
                let anchor = lex.entity(idx);
                let stem = norm[h.range()].trim_start_matches("ال").to_owned();
                rec.last_before(h.start, |e| {
                    e.class == anchor.class
                        && (e.iri == anchor.iri
                            || crate::text::normalise(&e.label_ar).contains(&stem))
                })
            }
            // a definite cue noun alone: «السجن» → the last facility named «سجن …»
            TermKind::EntityCue(class) if class.is_place() && is_definite(norm, tokens, h) => {
                let stem = norm[h.range()].trim_start_matches("ال").to_owned();
                let next_is_name = tokens.get(h.end_token).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && !is_stop(t.text(norm))
                        && joined(norm, &tokens[h.end_token - 1], t)
                        && !claimed[h.end_token]
                });
                if next_is_name {
                    None
                } else {
                    rec.last_before(h.start, |e| {
                        e.class == class && crate::text::normalise(&e.label_ar).contains(&stem)
                    })
                }
            }
            _ => None,
        };
        if let Some(entity) = target {
            back_refs.push(Mention {
                entity,
                span: h.range(),
                anaphor: true,
            });
        }
    }
    rec.mentions.extend(back_refs);
    rec.mentions.sort_by_key(|m| m.span.start);
    rec
}

/// The tokens of a name that starts at token `from`, for a cue of class `class`.
fn name_after(
    norm: &str,
    tokens: &[Token],
    claimed: &[bool],
    cue: &[bool],
    from: usize,
    class: EntityClass,
) -> Option<Range<usize>> {
    let first = tokens.get(from)?;
    if from == 0 || !joined(norm, &tokens[from - 1], first) {
        // a quote may open the name: «سجن "الصناعة"»
        let gap = &norm[tokens.get(from.checked_sub(1)?)?.end..first.start];
        if !gap.trim().chars().all(|c| c == '"') || gap.contains('\n') {
            return None;
        }
    }
    let mut end = from;
    while end < tokens.len() && end - from < max_name_tokens(class) {
        let t = &tokens[end];
        let word = t.text(norm);
        if claimed[end] || is_stop(word) || t.kind == TokenKind::Number {
            break;
        }
        if class == EntityClass::Person && cue[end] {
            break;
        }
        if t.kind == TokenKind::Word && word.chars().count() < 2 {
            break;
        }
        // persons' names do not start with a definite noun («المسلحين» is no name)
        if class == EntityClass::Person && end == from && word.starts_with("ال") {
            break;
        }
        if end > from && !joined(norm, &tokens[end - 1], t) {
            break;
        }
        end += 1;
    }
    (end > from).then_some(from..end)
}

/// The cue word took the article as a proclitic («المدينة», «للسجن»). Cue terms
/// written with their article («الفرقة»، «المتحدث باسم») are not definite here.
fn is_definite(norm: &str, tokens: &[Token], h: &Hit) -> bool {
    let prefix = &norm[tokens[h.first_token].start..h.start];
    prefix.ends_with("ال") || prefix.ends_with("لل")
}

fn new_entity(norm: &str, span: &Range<usize>, class: EntityClass, role: Option<String>) -> Entity {
    let name = norm[span.clone()].to_owned();
    Entity {
        iri: format!(
            "{}{}/{}",
            vocab::ID,
            class.local().to_ascii_lowercase(),
            iri_segment(&name)
        ),
        class,
        label_ar: name,
        label_en: None,
        known: false,
        located_in: Vec::new(),
        role,
        speaks_for: None,
    }
}

fn link_spokespersons(rec: &mut Recognition) {
    let mut links = HashMap::new();
    for (i, m) in rec.mentions.iter().enumerate() {
        let e = &rec.entities[m.entity];
        if e.class != EntityClass::Person || e.role.is_none() {
            continue;
        }
        // the organisation named between the title and the person
        if let Some(prev) = i.checked_sub(1).map(|j| &rec.mentions[j]) {
            let org = &rec.entities[prev.entity];
            if !org.class.is_place() && org.class != EntityClass::Person {
                links.insert(m.entity, prev.entity);
            }
        }
    }
    for (person, org) in links {
        rec.entities[person].speaks_for = Some(org);
    }
}

//! Recognition: which actors, places and sources an article names.
//!
//! Mentions come from four places, in order of trust:
//! 1. gazetteer names found by the lexicon scan (leftmost-longest);
//! 2. new names introduced by a cue from the lexicon: a place or organisation noun
//!    («حي X»، «قوات X»، «مؤسسة "X"»), a plural place noun before a coordinated list
//!    («أحياء X وY وZ»), a person's title («المحللة في ORG X Y»، «الجنرال الأمريكي "X Y"»)
//!    or a reporting verb («قال X Y»);
//! 3. a byline near the top of the article («OUTLET – X Y»);
//! 4. back-references: an anaphor noun («التنظيم»، «المرصد») or a definite place
//!    noun standing alone («السجن») refers to the most recent fitting entity, and a
//!    person's surname alone («هاريس») to the person named in full earlier.
//!
//! A name's extent is decided token by token: it stops at function words,
//! descriptive adjectives, numbers, punctuation, other recognised terms, and at a
//! conjunction starting the next item of a list.
//!
//! Identity: gazetteer entities keep their IRIs; a new entity's IRI is derived from
//! its class and normalised name, so the same name in any article is the same node.
//! A name several gazetteer places share (homonyms, from the GeoNames import above
//! all) is the one whose region or country the article names; one that stays
//! ambiguous is a new entity, linked to none of them.
//! A country named as the subject of a reporting or event verb («أعلن العراق») is its
//! government, the gazetteer's `rdfs:seeAlso` twin.
//!
//! Invariant: every mention span is a normalised byte range whose original slice is
//! the name as written, without proclitics or surrounding quotes.

use crate::lexicon::{EntityClass, Hit, KnownEntity, Lexicon, TermKind};
use crate::text::{Token, TokenKind};
use crate::vocab::{self, iri_segment};
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
}

/// Titles of people who comment on events rather than act in them («المحلل
/// العسكري»، «الباحث»، «مراسل»): what they say is a source, not an official statement.
const COMMENTATORS: &[&str] = &[
    "المحلل",
    "المحلله",
    "محلل",
    "الباحث",
    "الباحثه",
    "باحث",
    "الخبير",
    "الخبيره",
    "خبير",
    "مراسل",
    "مراسله",
    "الكاتب",
    "الكاتبه",
    "الصحفي",
    "الصحفيه",
    "الاكاديمي",
];

impl Entity {
    /// The person's title in the normalised text `norm` it was found in.
    pub fn role_in<'a>(&self, norm: &'a str) -> Option<&'a str> {
        self.role.clone().map(|r| &norm[r])
    }

    /// A person whose title says they comment on events rather than act in them.
    pub fn is_commentator(&self, norm: &str) -> bool {
        self.role_in(norm)
            .and_then(|r| r.split(' ').next())
            .is_some_and(|w| COMMENTATORS.contains(&w))
    }
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

/// A name never runs across a function word or a direction word.
fn is_stop(w: &str) -> bool {
    NAME_STOPS.contains(&w) || DIRECTION_WORDS.contains(&w)
}

/// Function words: a name never runs across them.
#[rustfmt::skip]
const NAME_STOPS: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "مع", "بعد", "قبل", "عند", "حتي", "منذ", "خلال", "بين",
    "التي", "الذي", "الذين", "اللذين", "ان", "او", "ثم", "لكن", "هو", "هي", "هم", "كان", "كانت",
    "قد", "لقد", "لم", "لا", "ما", "كما", "حيث", "فيما", "بينما", "اذ", "اذا", "وان", "وفي",
    "ومن", "قرب", "داخل", "خارج", "امام", "ضد", "نحو", "حول", "لدي", "الا", "يوم", "اليوم",
    "امس", "مساء", "صباح", "فجر", "ليل", "ليله", "ايضا", "كذلك", "انه", "انها", "انهم", "بان",
    "لان", "اي", "هذا", "هذه", "ذلك", "تلك", "عام", "العام", "سنه", "ذات", "ذو", "ذي", "وهو",
    "وهي", "فقد", "عبر", "بشكل", "غير", "كل", "بعض", "جميع", "عدد", "نفس", "اثناء", "لدى",
    "باتجاه",
];

/// Descriptive words that follow a name rather than belong to it.
#[rustfmt::skip]
const NAME_MODIFIERS: &[&str] = &[
    "القريب", "القريبه", "قريب", "قريبه", "المجاور", "المجاوره", "الواقع", "الواقعه", "اخري",
    "اخر", "الاخري", "الاخر", "اخرين", "واسع", "واسعه", "كبير", "كبيره", "صغير", "صغيره",
    "جديد", "جديده", "الجديد", "الجديده", "المذكور", "المذكوره", "نفسه", "نفسها", "ذاته",
    "ذاتها", "التابع", "التابعه", "المدعوم", "المدعومه", "الشهير", "الشهيره", "المعروف",
    "المعروفه", "السابق", "السابقه", "الحالي", "الحاليه", "المحليه", "المحلي", "عديده",
    "مختلفه", "عسكري", "عسكريه", "امني", "امنيه", "عمليات", "عمليه",
];

/// First words of compound place and person names: the word after them belongs to
/// the name («أم الكرامي»، «عين عيسى»، «عبد الكريم»، «أبو كمال»).
#[rustfmt::skip]
const COMPOUND_HEADS: &[&str] = &[
    "ام", "ابو", "ابي", "عين", "تل", "دير", "حوش", "جسر", "كفر", "خربه", "راس", "بير", "عبد",
    "ابن", "بن", "بنت", "سيدي", "جبل", "وادي", "سد", "باب",
];

/// Proclitics with the article: a word carrying them continues no name («سجن بالبلاد»).
const CLITIC_ARTICLES: &[&str] = &["بال", "لل", "وال", "فال", "كال", "وبال", "ولل"];

/// Words that tie a title to the organisation it serves («المتحدث باسم X»، «في X»).
const TITLE_LINKS: &[&str] = &["في", "باسم", "لدي", "ب", "ل"];

/// Longest name (in tokens) a cue may introduce, by class.
fn max_name_tokens(class: EntityClass) -> usize {
    match class {
        EntityClass::Person => 3,
        c if c.is_place() => 2,
        _ => 4,
    }
}

/// Direction words between two places: «الحسكة شمال شرق سوريا» (X lies in Y when Y
/// is a country or region; next to a city they only say where X lies from it).
#[rustfmt::skip]
const DIRECTION_WORDS: &[&str] = &[
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "اقصي",
];

/// Prepositions that put a place inside the next one: «X في Y», «X بـY».
const IN_WORDS: &[&str] = &["في", "داخل"];

/// How many lines at the top of an article may hold a byline.
const BYLINE_LINES: usize = 4;

/// Token-level facts the name rules consult.
struct Ctx<'a> {
    norm: &'a str,
    tokens: &'a [Token],
    /// Token belongs to a lexicon term other than an entity cue.
    claimed: Vec<bool>,
    /// Token is an entity cue word.
    cue: Vec<bool>,
}

impl<'a> Ctx<'a> {
    fn new(norm: &'a str, tokens: &'a [Token], hits: &[Hit]) -> Ctx<'a> {
        let mut claimed = vec![false; tokens.len()];
        let mut cue = vec![false; tokens.len()];
        for h in hits {
            let marks = match h.kind {
                TermKind::EntityCue(_) | TermKind::EntityListCue(_) => &mut cue,
                _ => &mut claimed,
            };
            marks[h.first_token..h.end_token].fill(true);
        }
        Ctx {
            norm,
            tokens,
            claimed,
            cue,
        }
    }

    fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.norm)
    }

    /// Only spaces between tokens `i - 1` and `i`.
    fn joined(&self, i: usize) -> bool {
        i > 0
            && self.norm[self.tokens[i - 1].end..self.tokens[i].start]
                .chars()
                .all(|c| c == ' ')
    }

    /// Only quotes, brackets and spaces (on one line) between tokens `i - 1` and `i`.
    fn quoted_gap(&self, i: usize) -> bool {
        i > 0 && {
            let gap = &self.norm[self.tokens[i - 1].end..self.tokens[i].start];
            gap.chars().all(|c| matches!(c, ' ' | '"' | '(' | '[')) && gap.chars().any(|c| c != ' ')
        }
    }

    fn token_index_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= byte)
    }

    /// Can token `i` be part of a new name of `class` (`first`: as its first word)?
    fn name_word(&self, i: usize, class: EntityClass, first: bool) -> bool {
        let t = &self.tokens[i];
        let w = self.word(i);
        if self.claimed[i] || t.kind == TokenKind::Number || w.chars().count() < 2 {
            return false;
        }
        if is_stop(w) || NAME_MODIFIERS.contains(&w) {
            return false;
        }
        if CLITIC_ARTICLES
            .iter()
            .any(|p| w.starts_with(p) && w.len() > p.len() + 2)
        {
            return false;
        }
        if class == EntityClass::Person && (self.cue[i] || (first && w.starts_with("ال"))) {
            return false;
        }
        // a conjunction with a definite noun starts the next item: «غويران والزهور»
        !(!first
            && (w.starts_with("وال") || w.starts_with("و") && w.chars().count() > 3 && self.cue[i]))
    }

    /// The longest name starting at token `from` (byte `start`, which may skip a
    /// leading conjunction), up to the class's limit. Returns the byte span and the
    /// token after it.
    fn name_at(
        &self,
        from: usize,
        start: usize,
        class: EntityClass,
    ) -> Option<(Range<usize>, usize)> {
        if from >= self.tokens.len() {
            return None;
        }
        if self.quoted_gap(from) {
            return self.quoted_name(from, start, class);
        }
        if !self.name_word(from, class, true) {
            return None;
        }
        let mut end = from + 1;
        while end < self.tokens.len()
            && end - from < max_name_tokens(class)
            && self.joined(end)
            && self.name_word(end, class, false)
        {
            end += 1;
        }
        // one word carrying the conjunction is the sentence going on («سجن وأدى إلى»),
        // not a name; names that start with «و» have a second word («وادي النطرون»)
        if end == from + 1
            && self.word(from).starts_with('و')
            && self.word(from).chars().count() > 3
        {
            return None;
        }
        Some((start..self.tokens[end - 1].end, end))
    }
}

/// A new entity labelled by `span`, identified by `key` (its name without a place
/// cue noun, so that «حي الزهور» and «الزهور» are one node).
impl Ctx<'_> {
    /// A name in quotes or brackets runs to the closing mark, whatever its words
    /// («علي» is a name there, not the preposition «على»).
    fn quoted_name(
        &self,
        from: usize,
        start: usize,
        class: EntityClass,
    ) -> Option<(Range<usize>, usize)> {
        let mut end = from + 1;
        while end < self.tokens.len() && end - from <= max_name_tokens(class) && self.joined(end) {
            end += 1;
        }
        let closed = self.norm[self.tokens[end - 1].end..].starts_with(['"', ')', ']']);
        let words_ok =
            (from..end).all(|i| self.tokens[i].kind != TokenKind::Number && !self.claimed[i]);
        (closed && words_ok).then(|| (start..self.tokens[end - 1].end, end))
    }
}

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
    }
}

/// Mentions found so far, before they are made non-overlapping.
struct Found<'a> {
    ctx: Ctx<'a>,
    rec: Recognition,
    spans: Vec<(Range<usize>, usize)>,
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

pub fn recognise(norm: &str, tokens: &[Token], hits: &[Hit], lex: &Lexicon) -> Recognition {
    let hits: &[Hit] = &hits
        .iter()
        .filter(|h| !cued_as_other_place(norm, tokens, hits, h, lex))
        .copied()
        .collect::<Vec<Hit>>();
    let mut f = Found {
        ctx: Ctx::new(norm, tokens, hits),
        rec: Recognition::default(),
        spans: Vec::new(),
    };
    known_names(&mut f, hits, lex);
    cue_names(&mut f, hits);
    bylines(&mut f);
    person_re_mentions(&mut f);
    let Found {
        ctx,
        mut rec,
        mut spans,
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
    back_references(&mut rec, norm, tokens, hits, lex);
    located_in_from_text(&mut rec, &ctx);
    containment(&mut rec, lex);
    rec
}

/// «X في Y», «X بمدينة Y», «X شمال شرق Y»: a new place X lies in a larger place Y.
/// The gazetteer is trusted over the text for places it knows.
fn located_in_from_text(rec: &mut Recognition, ctx: &Ctx<'_>) {
    let (norm, tokens) = (ctx.norm, ctx.tokens);
    let places: Vec<&Mention> = rec
        .mentions
        .iter()
        .filter(|m| !m.anaphor && rec.entities[m.entity].class.is_place())
        .collect();
    let mut facts = Vec::new();
    let mut near = Vec::new();
    for pair in places.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (ea, eb) = (&rec.entities[a.entity], &rec.entities[b.entity]);
        if ea.known || ea.iri == eb.iri || eb.class.place_rank() >= ea.class.place_rank() {
            continue;
        }
        // the words between the two names (a place cue noun counts as «cue»), and a
        // proclitic «ب» on the second
        let between: Vec<&str> = (0..tokens.len())
            .filter(|&i| tokens[i].start >= a.span.end && tokens[i].end <= b.span.start)
            .map(
                |i| match (ctx.cue[i], tokens[i].text(norm).starts_with('ب')) {
                    (true, true) => "بcue",
                    (true, false) => "cue",
                    (false, _) => tokens[i].text(norm),
                },
            )
            .collect();
        let gap_ok = norm[a.span.end..b.span.start]
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ');
        let second_token = tokens
            .iter()
            .find(|t| t.start <= b.span.start && b.span.start < t.end);
        let with_ba = second_token.is_some_and(|t| norm[t.start..b.span.start].ends_with('ب'));
        let inside = match between.as_slice() {
            [] => with_ba,
            [w] if IN_WORDS.contains(w) => true,
            ["بcue"] => true,
            [w, "cue"] if IN_WORDS.contains(w) => true,
            ws if !ws.is_empty() && ws.iter().all(|w| DIRECTION_WORDS.contains(w)) => {
                if eb.class == EntityClass::City {
                    near.push((a.entity, eb.iri.clone()));
                }
                eb.class.place_rank() <= 2
            }
            _ => false,
        };
        if inside && gap_ok {
            facts.push((a.entity, eb.iri.clone()));
        }
    }
    for (e, city) in near {
        rec.entities[e].near.push(city);
    }
    for (e, parent) in facts {
        let located = &mut rec.entities[e].located_in;
        if !located.contains(&parent) {
            located.push(parent);
        }
    }
}

/// Fills `within` for every place: its `locatedIn` chain through the article's facts
/// and the gazetteer.
fn containment(rec: &mut Recognition, lex: &Lexicon) {
    // the article's own facts, by IRI, looked up once each
    let article: std::collections::HashMap<&str, &[String]> = rec
        .entities
        .iter()
        .map(|e| (e.iri.as_str(), e.located_in.as_slice()))
        .collect();
    let parents = |iri: &str| {
        let own = article.get(iri).copied().unwrap_or_default();
        let known = lex
            .entity_by_iri(iri)
            .map_or(&[][..], |k| k.located_in.as_slice());
        own.iter().chain(known).cloned()
    };
    let within: Vec<Vec<String>> = rec
        .entities
        .iter()
        .map(|e| {
            let mut within: Vec<String> = Vec::new();
            let mut queue: Vec<String> = parents(&e.iri).collect();
            while let Some(p) = queue.pop() {
                if within.contains(&p) || p == e.iri {
                    continue;
                }
                queue.extend(parents(&p));
                within.push(p);
            }
            within
        })
        .collect();
    for (e, w) in rec.entities.iter_mut().zip(within) {
        e.within = w;
    }
}

/// Gazetteer names, leftmost-longest; a country acting as a subject becomes its government.
/// A name several places share is resolved by [`resolve_homonym`]; one that stays
/// ambiguous names a place of the article's own, linked to none of them.
fn known_names(f: &mut Found<'_>, hits: &[Hit], lex: &Lexicon) {
    // every entity spelt as each leftmost-longest name
    let mut names: Vec<(&Hit, Vec<u32>)> = Vec::new();
    let mut taken_until = 0;
    for h in hits {
        let TermKind::Entity(idx) = h.kind else {
            continue;
        };
        match names.last_mut() {
            Some((last, spelt)) if last.range() == h.range() => spelt.push(idx),
            _ if h.start < taken_until => {}
            _ => {
                taken_until = h.end;
                names.push((h, vec![idx]));
            }
        }
    }
    let mut places = Places::default();
    for (_, spelt) in &names {
        if let [only] = spelt.as_slice() {
            places.add(*only, lex);
        }
    }
    for (h, spelt) in names {
        let Some(idx) = resolve_homonym(&spelt, &places, lex) else {
            // the largest kind of place among them («صوران»: a city and a village)
            let class = spelt
                .iter()
                .map(|&i| lex.entity(i).class)
                .min_by_key(|c| c.place_rank())
                .expect("a name spells at least one entity");
            let entity = f
                .rec
                .add_entity(new_entity(f.ctx.norm, &h.range(), &h.range(), class));
            f.spans.push((h.range(), entity));
            continue;
        };
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

/// The regions (governorates) and countries of the places an article names without
/// ambiguity: the context that tells homonyms apart.
#[derive(Default)]
struct Places<'l> {
    regions: Vec<&'l str>,
    countries: Vec<&'l str>,
}

impl<'l> Places<'l> {
    fn add(&mut self, idx: u32, lex: &'l Lexicon) {
        if !lex.entity(idx).class.is_place() {
            return;
        }
        let (region, country) = lex.region_and_country(idx);
        self.regions
            .extend(region.filter(|r| !self.regions.contains(r)));
        self.countries
            .extend(country.filter(|c| !self.countries.contains(c)));
    }
}

/// Which of the entities spelt the same a name is. Several places (many towns share
/// a name, in the GeoNames import above all): the one whose region the article names
/// (by itself or through a place inside it); else the one in the only country the
/// article names; else the only hand-written one; else `None`. When not all of them
/// are places, or all are hand-written and nothing tells them apart, the first.
fn resolve_homonym(spelt: &[u32], context: &Places<'_>, lex: &Lexicon) -> Option<u32> {
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
fn cued_as_other_place(norm: &str, tokens: &[Token], hits: &[Hit], h: &Hit, lex: &Lexicon) -> bool {
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

/// A region whose name is a cue word and the city's name («محافظة كركوك», «كركوك»).
fn named_after(region: &KnownEntity, city: &KnownEntity) -> bool {
    region.class == EntityClass::Region
        && matches!((&region.label_ar, &city.label_ar), (Some(r), Some(c))
            if r.strip_suffix(c.as_str()).is_some_and(|cue| cue.ends_with(' ')))
}

/// The name is an item of a list opened by a plural region cue («محافظات X وY»،
/// «محافظتي X وY»): only names, «و» and commas stand between the cue and it.
fn region_list_item(norm: &str, hits: &[Hit], name: &Hit) -> bool {
    let near = hits_before(hits, name.start, REGION_LIST_REACH);
    let Some(cue) = near
        .iter()
        .rfind(|c| c.kind == TermKind::EntityListCue(EntityClass::Region) && c.end <= name.start)
    else {
        return false;
    };
    // what is left between the cue and this name once the names in between are
    // taken out must be links; «محافظتي حمص (وسط) ودير الزور»: a short aside in
    // brackets is no break
    let mut depth = 0usize;
    let mut link = |c: char| match c {
        '(' => {
            depth += 1;
            true
        }
        ')' => {
            depth = depth.saturating_sub(1);
            true
        }
        _ => depth > 0 || matches!(c, ' ' | 'و' | '،' | ','),
    };
    let (mut at, mut left, mut links) = (cue.end, 0, true);
    for n in near.iter().filter(|n| {
        matches!(n.kind, TermKind::Entity(_)) && n.start >= cue.end && n.end <= name.start
    }) {
        if n.start < at {
            continue;
        }
        links &= norm[at..n.start].chars().all(&mut link);
        left += n.start - at;
        at = n.end;
    }
    links && norm[at..name.start].chars().all(&mut link) && left + name.start - at <= MAX_LIST_GAP
}

/// How many bytes besides names a list of regions may run between its cue and an
/// item, and how far before the item its cue may stand at all.
const MAX_LIST_GAP: usize = 80;
const REGION_LIST_REACH: usize = 300;

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

fn cue_names(f: &mut Found<'_>, hits: &[Hit]) {
    for h in hits {
        match h.kind {
            TermKind::EntityCue(EntityClass::Person) => person_after_cue(f, hits, h),
            TermKind::EntityCue(class) => {
                if f.covered(h.start).is_some() || is_definite(&f.ctx, h) {
                    // part of a known name («قوات سوريا الديمقراطية»), or a definite
                    // noun («المدينة») that refers back rather than introducing a name
                    continue;
                }
                let from = h.end_token;
                if from >= f.ctx.tokens.len() {
                    continue;
                }
                let quoted = f.ctx.quoted_gap(from);
                if !quoted && !f.ctx.joined(from) {
                    continue;
                }
                let Some((name, _)) = f.ctx.name_at(from, f.ctx.tokens[from].start, class) else {
                    continue;
                };
                // Places and organisations keep their cue noun («سجن غويران»، «قوات
                // النخبة») unless the name is quoted apart from it («مؤسسة "سادكوب"»).
                let span = if quoted {
                    name.clone()
                } else {
                    h.start..name.end
                };
                let key = if class.is_place() { name } else { span.clone() };
                f.add_new_keyed(span, key, class);
            }
            TermKind::EntityListCue(class) if !is_definite(&f.ctx, h) => {
                list_after_cue(f, h, class)
            }
            _ => {}
        }
    }
}

/// «قرى الطالعة وأم الكرامي», «أحياء غويران والزهور والمقبرة»: one entity per item.
fn list_after_cue(f: &mut Found<'_>, h: &Hit, class: EntityClass) {
    let mut i = h.end_token;
    let mut first = true;
    while i < f.ctx.tokens.len() && (f.ctx.joined(i) || (first && f.ctx.quoted_gap(i))) {
        let word = f.ctx.word(i);
        let start = if first {
            f.ctx.tokens[i].start
        } else if let Some(rest) = word.strip_prefix('و').filter(|r| r.chars().count() >= 2) {
            f.ctx.tokens[i].end - rest.len()
        } else {
            break;
        };
        if let Some(next) = f.skip_known(i) {
            i = next; // an item the gazetteer knows
        } else {
            // the item's first word may carry the conjunction: judge it without it
            let Some((span, next)) = item_at(&f.ctx, i, start, class) else {
                break;
            };
            f.add_new(span, class);
            i = next;
        }
        first = false;
    }
}

fn item_at(
    ctx: &Ctx<'_>,
    i: usize,
    start: usize,
    class: EntityClass,
) -> Option<(Range<usize>, usize)> {
    let head = &ctx.norm[start..ctx.tokens[i].end];
    if ctx.claimed[i] || ctx.cue[i] || is_stop(head) || NAME_MODIFIERS.contains(&head) {
        return None;
    }
    // An item is one word, a compound («أم الكرامي»), or a definite noun with its
    // adjectives («النشوة الغربية»); anything else after it is the sentence going on.
    let compound = COMPOUND_HEADS.contains(&head);
    let mut end = i + 1;
    while end < ctx.tokens.len()
        && end - i < max_name_tokens(class)
        && ctx.joined(end)
        && ctx.name_word(end, class, false)
        && !ctx.word(end).starts_with('و')
        && ((compound && end == i + 1)
            || (head.starts_with("ال") && ctx.word(end).starts_with("ال")))
    {
        end += 1;
    }
    Some((start..ctx.tokens[end - 1].end, end))
}

/// A person named after a title or a reporting verb.
/// The cue is also a reporting term: a verb that introduces a name («قال»، «يرى»),
/// not a title. Only the hits starting where the cue does are read (hits are sorted
/// by start).
fn is_reporting_verb(hits: &[Hit], cue: &Hit) -> bool {
    let from = hits.partition_point(|r| r.start < cue.start);
    hits[from..]
        .iter()
        .take_while(|r| r.start == cue.start)
        .any(|r| matches!(r.kind, TermKind::Reporting(_)) && r.end == cue.end)
}

fn person_after_cue(f: &mut Found<'_>, hits: &[Hit], h: &Hit) {
    let is_verb = is_reporting_verb(hits, h);
    let mut i = h.end_token;
    let mut speaks_for = None;
    if !is_verb {
        // Skip what describes the title: the organisation («باسم قوات X»، «لقوات
        // التحالف»), a place, a nisba or other definite words («الأمريكي»، «الجيوش
        // الفرنسية»). A person's first name is never definite.
        for _ in 0..6 {
            if let Some(next) = f.skip_known(i) {
                let (_, org) = *f
                    .covered(f.ctx.tokens[i].end - 1)
                    .expect("skip_known found it");
                if !f.rec.entities[org].class.is_place()
                    && f.rec.entities[org].class != EntityClass::Person
                {
                    speaks_for.get_or_insert(org);
                }
                i = next;
            } else if i < f.ctx.tokens.len()
                && (TITLE_LINKS.contains(&f.ctx.word(i)) || f.ctx.word(i).starts_with("ال"))
                && !f.ctx.claimed[i]
            {
                i += 1;
            } else {
                break;
            }
        }
    }
    if i >= f.ctx.tokens.len() || !(f.ctx.joined(i) || f.ctx.quoted_gap(i)) {
        return;
    }
    let Some((span, end)) = f.ctx.name_at(i, f.ctx.tokens[i].start, EntityClass::Person) else {
        return;
    };
    if end - i < 2 {
        return; // a single word after a title or verb is too often a common noun
    }
    if let Some(idx) = f.add_new(span, EntityClass::Person) {
        let person = &mut f.rec.entities[idx];
        if !is_verb && person.role.is_none() {
            // «المحلل العسكري، العقيد فلان»: the role runs from the first title of
            // the apposition, which says what the person is here
            let mut first = h;
            while let Some(t) = apposed_title(&f.ctx, hits, first) {
                first = t;
            }
            person.role = Some(first.start..h.end);
        }
        if person.speaks_for.is_none() {
            person.speaks_for = speaks_for;
        }
    }
}

/// How many words («العسكري العراقي») may stand between two titles in apposition,
/// and how many bytes before a title the other may start.
const APPOSITION_REACH: usize = 3;
const APPOSITION_BYTES: usize = 200;

/// A title before `title` that it stands in apposition to («المحلل العسكري
/// العراقي، العقيد»): at most a few definite words and one comma between them.
fn apposed_title<'h>(ctx: &Ctx<'_>, hits: &'h [Hit], title: &Hit) -> Option<&'h Hit> {
    let near = hits_before(hits, title.start, APPOSITION_BYTES);
    let first = near.iter().rfind(|p| {
        p.kind == TermKind::EntityCue(EntityClass::Person)
            && p.end_token <= title.first_token
            && p.start < title.start
            && title.first_token - p.end_token <= APPOSITION_REACH
            && !is_reporting_verb(near, p)
    })?;
    let gap = &ctx.norm[first.end..title.start];
    let words = (first.end_token..title.first_token).all(|i| ctx.word(i).starts_with("ال"));
    let commas = gap.matches(['،', ',']).count();
    let other = gap
        .chars()
        .any(|c| !c.is_alphabetic() && !matches!(c, ' ' | '،' | ','));
    (words && commas <= 1 && !other).then_some(first)
}

/// «OUTLET – الاسم الاسم» or a name alone on one of the first lines: the author.
fn bylines(f: &mut Found<'_>) {
    let norm = f.ctx.norm;
    let mut line_start = 0;
    for line in norm.split('\n').take(BYLINE_LINES) {
        let line_range = line_start..line_start + line.len();
        line_start = line_range.end + 1;
        let name_start = match line.rfind('-') {
            Some(dash) => {
                // what stands before the dash must be a known name (the outlet)
                let before = line_range.start..line_range.start + dash;
                let words: Vec<usize> = (0..f.ctx.tokens.len())
                    .filter(|&i| before.contains(&f.ctx.tokens[i].start))
                    .collect();
                if words.is_empty()
                    || !words
                        .iter()
                        .all(|&i| f.covered(f.ctx.tokens[i].start).is_some())
                {
                    continue;
                }
                line_range.start + dash + 1
            }
            None => line_range.start,
        };
        let words: Vec<usize> = (0..f.ctx.tokens.len())
            .filter(|&i| {
                f.ctx.tokens[i].start >= name_start && f.ctx.tokens[i].end <= line_range.end
            })
            .collect();
        if !(2..=3).contains(&words.len()) {
            continue;
        }
        let rest = &norm[f.ctx.tokens[words[words.len() - 1]].end..line_range.end];
        if !rest.trim().is_empty() {
            continue;
        }
        let all_names = words.iter().enumerate().all(|(k, &i)| {
            f.ctx.tokens[i].kind == TokenKind::Word
                && f.ctx.name_word(i, EntityClass::Person, k == 0)
                && !f.ctx.cue[i]
        });
        if all_names {
            let span = f.ctx.tokens[words[0]].start..f.ctx.tokens[words[words.len() - 1]].end;
            f.add_new(span, EntityClass::Person);
        }
    }
}

/// A person named in full is later named again, in full or by surname alone.
fn person_re_mentions(f: &mut Found<'_>) {
    let persons: Vec<(usize, Vec<String>)> = f
        .rec
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.class == EntityClass::Person && !e.known)
        .map(|(i, e)| (i, e.label_ar.split(' ').map(str::to_owned).collect()))
        .collect();
    for (entity, words) in persons {
        // the surname: the last word, or the last two after a compound head («عبد الكريم»)
        let surname: Option<Vec<String>> = match words.len() {
            n if n >= 3 && COMPOUND_HEADS.contains(&words[n - 2].as_str()) => {
                Some(words[n - 2..].to_vec())
            }
            n if n >= 2 && words[n - 1].chars().count() >= 3 => Some(words[n - 1..].to_vec()),
            _ => None,
        };
        let matches_at = |i: usize, ws: &[String]| {
            i + ws.len() <= f.ctx.tokens.len()
                && ws
                    .iter()
                    .enumerate()
                    .all(|(k, w)| f.ctx.word(i + k) == w && (k == 0 || f.ctx.joined(i + k)))
        };
        let mut i = 0;
        while i < f.ctx.tokens.len() {
            let n = if matches_at(i, &words) {
                words.len()
            } else if let Some(s) = surname.as_ref().filter(|s| matches_at(i, s)) {
                s.len()
            } else {
                0
            };
            if n > 0 {
                let span = f.ctx.tokens[i].start..f.ctx.tokens[i + n - 1].end;
                if f.covered(span.start).is_none() {
                    f.spans.push((span, entity));
                }
                i += n;
            } else {
                i += 1;
            }
        }
    }
}

/// The cue took the article as a proclitic («المدينة»، «للسجن»). Cue terms written
/// with their article («الفرقة»، «المتحدث باسم») are not definite here.
fn is_definite(ctx: &Ctx<'_>, h: &Hit) -> bool {
    let prefix = &ctx.norm[ctx.tokens[h.first_token].start..h.start];
    prefix.ends_with("ال") || prefix.ends_with("لل")
}

fn back_references(
    rec: &mut Recognition,
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    lex: &Lexicon,
) {
    let ctx_free_stem = |h: &Hit| norm[h.range()].trim_start_matches("ال").to_owned();
    let mut found = Vec::new();
    for h in hits {
        if rec.mention_at(h.start).is_some() {
            continue;
        }
        let (target, anaphor) = match h.kind {
            TermKind::Anaphor(_) => {
                // the noun may refer back to several gazetteer entities («التنظيم»)
                let anchors: Vec<&KnownEntity> = hits
                    .iter()
                    .filter(|o| o.range() == h.range())
                    .filter_map(|o| match o.kind {
                        TermKind::Anaphor(i) => Some(lex.entity(i)),
                        _ => None,
                    })
                    .collect();
                let stem = ctx_free_stem(h);
                let antecedent = rec.last_before(h.start, |e| {
                    anchors.iter().any(|a| {
                        e.class == a.class
                            && (e.iri == a.iri
                                || crate::text::normalise(&e.label_ar).contains(&stem))
                    })
                });
                match (antecedent, anchors.as_slice()) {
                    (Some(e), _) => (Some(e), true),
                    // no antecedent: an unambiguous noun names the gazetteer's entity
                    // itself («التحالف» in an article that never spells it out)
                    (None, [only]) if !rec.entities.iter().any(|e| e.class == only.class) => {
                        (Some(rec.add_known(only)), false)
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
                        rec.last_before(h.start, |e| {
                            e.class == class && crate::text::normalise(&e.label_ar).contains(&stem)
                        })
                    })
                    .flatten();
                (target, true)
            }
            _ => (None, true),
        };
        if let Some(entity) = target {
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

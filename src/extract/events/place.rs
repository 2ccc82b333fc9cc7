//! Where an event happened: the most specific place its own clause names.
//!
//! A place named in the trigger's clause wins over one named elsewhere in the
//! sentence; among several, the one inside another («ساحة الطيران وسط بغداد») or
//! of the smaller kind wins, then the one nearest the trigger. Two kinds of place
//! mention never are an event's place:
//! * a landmark that only says where another place lies: after a direction word
//!   that follows a place, a place noun, a distance or «الواقعة» («قرية جنوب مدينة
//!   عين العرب»، «على بعد 70 كيلومترا جنوب شرقي الموصل»، «المدينة الواقعة جنوب دمشق»);
//! * a place named as an actor, right after an organisation cue noun («قوات دمشق»،
//!   «حكومة دمشق»).
//!
//! Guarantee: the place returned is a place entity mentioned in the given range.

use super::super::lexicon::{EntityClass, Hit, TermKind};
use super::super::recognise::{Mention, Recognition};
use crate::text::Token;
use std::ops::Range;

/// Direction words («شمال»، «جنوب شرقي»; «وسط» "in the middle of").
const DIRECTIONS: &[&str] = &[
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "وسط",
    "اقصي",
];

/// Words before a direction that make what follows a landmark: a distance or
/// «located».
const LANDMARK_LEADS: &[&str] = &[
    "كيلومتر",
    "كيلومترا",
    "كيلومترات",
    "كم",
    "ميل",
    "اميال",
    "الواقعه",
    "الواقع",
    "الواقعين",
    "الواقعتين",
    "تقع",
    "يقع",
];

/// Words before a destination.
const DESTINATION_WORDS: &[&str] = &["الي", "نحو", "باتجاه", "صوب"];

/// What the place room reads.
pub(super) struct PlaceInput<'a> {
    pub norm: &'a str,
    pub tokens: &'a [Token],
    pub hits: &'a [Hit],
    pub rec: &'a Recognition,
}

impl PlaceInput<'_> {
    /// The event's place: the best place named after the trigger in its clause (up
    /// to `until`, where the next event is told), else before it in its clause, else
    /// before it in its sentence, else anywhere in the sentence; then a place inside
    /// that one named after the trigger before `reach` (the next event or reference
    /// point of the sentence). For an escape or a
    /// flight (`movement`) a destination after the trigger («هرباً إلى دهوك») is not
    /// where it happened.
    pub fn of_event(
        &self,
        sentence: &Range<usize>,
        clause: &Range<usize>,
        trigger: &Range<usize>,
        until: usize,
        reach: usize,
        movement: bool,
    ) -> Option<usize> {
        let at = trigger.start;
        let after = trigger.end..until.min(clause.end);
        let origin = |m: &&Mention| !movement || !self.destination(m);
        let best = self
            .best_of(self.places_in(&after).filter(origin), at)
            .or_else(|| self.best_in(&(clause.start..trigger.start), at))
            .or_else(|| self.best_in(&(sentence.start..trigger.start), at))
            .or_else(|| self.best_in(sentence, at))?;
        // the sentence may go on to say where in that place («في محافظة دير الزور، في
        // ريف دير الزور الشرقي تحديداً»): a place inside it, before the next event
        let inside = |m: &&Mention| m.entity != best && self.rec.within(m.entity, best);
        let rest = trigger.end..reach.min(sentence.end);
        Some(
            self.best_of(self.places_in(&rest).filter(inside).filter(origin), at)
                .unwrap_or(best),
        )
    }

    /// The last place named before `pos` that may be an event's place.
    pub fn last_before(&self, pos: usize) -> Option<usize> {
        self.rec
            .mentions
            .iter()
            .rev()
            .filter(|m| m.span.start < pos)
            .find(|m| self.eligible(m))
            .map(|m| m.entity)
    }

    /// The place mentions in `range` that may be an event's place.
    pub fn places_in<'b>(&'b self, range: &Range<usize>) -> impl Iterator<Item = &'b Mention> {
        self.rec.mentions_in(range).filter(|m| self.eligible(m))
    }

    /// The best place named in `range` for a trigger at `pos`.
    pub fn best_in(&self, range: &Range<usize>, pos: usize) -> Option<usize> {
        self.best_of(self.places_in(range), pos)
    }

    fn best_of<'b>(&self, places: impl Iterator<Item = &'b Mention>, pos: usize) -> Option<usize> {
        let mut best: Option<&Mention> = None;
        for m in places {
            best = match best {
                Some(b) if !self.better(m, b, pos) => Some(b),
                _ => Some(m),
            };
        }
        best.map(|m| m.entity)
    }

    /// `a` names the event's place better than `b`: it lies inside `b`, or is of a
    /// smaller kind, or (as specific) is nearer the trigger at `pos`.
    fn better(&self, a: &Mention, b: &Mention, pos: usize) -> bool {
        let rec = self.rec;
        if a.entity != b.entity {
            if rec.within(a.entity, b.entity) {
                return true;
            }
            if rec.within(b.entity, a.entity) {
                return false;
            }
        }
        // a route ranks as a region, a region deep in a chain of places above one
        // high in it (`Recognition::specificity`)
        let rank = |m: &Mention| rec.specificity(m.entity);
        match rank(a).cmp(&rank(b)) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => a.span.start.abs_diff(pos) < b.span.start.abs_diff(pos),
        }
    }

    /// «إلى X»، «نحو X»: where something went.
    fn destination(&self, m: &Mention) -> bool {
        let i = self.token_at(m.span.start);
        let own = self
            .tokens
            .get(i)
            .map_or("", |t| &self.norm[t.start..m.span.start]);
        own.is_empty() && i > 0 && DESTINATION_WORDS.contains(&self.word(i - 1))
    }

    fn eligible(&self, m: &Mention) -> bool {
        self.rec.entities[m.entity].class.is_place() && !self.landmark(m) && !self.names_actor(m)
    }

    fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= pos)
    }

    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.norm))
    }

    /// The hits that start within a few words before token `i` or on it (cue nouns
    /// are short): no scan of the article per mention.
    fn hits_near(&self, i: usize) -> &[Hit] {
        let Some(t) = self.tokens.get(i) else {
            return &[];
        };
        let from_token = &self.tokens[i.saturating_sub(3)];
        let from = self.hits.partition_point(|h| h.start < from_token.start);
        let to = self.hits.partition_point(|h| h.start <= t.start);
        &self.hits[from..to.max(from)]
    }

    /// A place cue noun («مدينة»، «قرية») covers token `i`.
    fn place_cue_at(&self, i: usize) -> bool {
        self.hits_near(i).iter().any(|h| {
            h.first_token <= i
                && i < h.end_token
                && matches!(h.kind, TermKind::EntityCue(c) | TermKind::EntityListCue(c) if c.is_place())
        })
    }

    /// A place mention (of any entity) covering token `i`.
    fn place_mention_at(&self, i: usize) -> Option<&Mention> {
        let t = self.tokens.get(i)?;
        self.rec
            .mention_at(t.start)
            .filter(|m| self.rec.entities[m.entity].class.is_place())
    }

    /// The pairs (X, Y) of «X الواقعة شمال Y», «X جنوب Y»: X lies next to the landmark
    /// Y, so a happening told at either is told at one place.
    pub fn located_near(&self) -> Vec<(usize, usize)> {
        let places = self
            .rec
            .mentions
            .iter()
            .filter(|m| self.rec.entities[m.entity].class.is_place());
        places
            .filter_map(|m| Some((self.located_by(m)?, m.entity)))
            .filter(|(x, y)| x != y)
            .collect()
    }

    /// «X جنوب Y», «على بعد 70 كيلومترا جنوب Y», «الواقعة جنوب Y»: Y only says where
    /// something else lies.
    fn landmark(&self, m: &Mention) -> bool {
        self.landmark_lead(m).is_some()
    }

    /// The place a landmark locates, when the text names it («الطارمية الواقعة شمال
    /// بغداد»: Tarmiyah).
    fn located_by(&self, m: &Mention) -> Option<usize> {
        let mut i = self.landmark_lead(m)?;
        if LANDMARK_LEADS.contains(&self.word(i)) && i > 0 {
            i -= 1;
        }
        self.place_mention_at(i).map(|p| p.entity)
    }

    /// The token before the direction words that make `m` a landmark: a distance,
    /// «الواقعة», a place noun or a place.
    fn landmark_lead(&self, m: &Mention) -> Option<usize> {
        let mut i = self.token_at(m.span.start);
        // step back over the place's own cue noun and an earlier mention of the same
        // place («العاصمة بغداد»، «مدينة الموصل»)
        while i > 0
            && (self.place_cue_at(i - 1)
                || self
                    .place_mention_at(i - 1)
                    .is_some_and(|p| p.entity == m.entity))
        {
            i -= 1;
        }
        let mut directions = 0;
        while i > 0 && directions < 2 && DIRECTIONS.contains(&self.word(i - 1)) {
            i -= 1;
            directions += 1;
        }
        // a direction before a region or a country puts a place inside it («الحسكة
        // شمال شرق سوريا»); only a smaller place is a landmark
        if directions == 0 || i == 0 || self.rec.entities[m.entity].class.place_rank() < 3 {
            return None;
        }
        let (prev, first) = (&self.tokens[i - 1], &self.tokens[i]);
        let joined = self.norm[prev.end..first.start]
            .chars()
            .all(char::is_whitespace);
        (joined
            && (LANDMARK_LEADS.contains(&prev.text(self.norm))
                || self.place_cue_at(i - 1)
                || self.place_mention_at(i - 1).is_some()))
        .then_some(i - 1)
    }

    /// «قوات دمشق»، «حكومة دمشق»: the place names who acts, not where.
    fn names_actor(&self, m: &Mention) -> bool {
        let i = self.token_at(m.span.start);
        i > 0
            && self.hits_near(i - 1).iter().any(|h| {
                h.end_token == i
                    && h.end_token > h.first_token
                    && matches!(h.kind, TermKind::EntityCue(c) if actor_cue(c))
            })
    }
}

fn actor_cue(c: EntityClass) -> bool {
    matches!(
        c,
        EntityClass::StateForce
            | EntityClass::Government
            | EntityClass::ArmedGroup
            | EntityClass::Organization
    )
}

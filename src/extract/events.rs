//! Events: who did what to whom, where and when.
//!
//! Every trigger word from the lexicon proposes an event of its class in its
//! sentence, unless its sense says it reports no happening (`sense`: idioms, seized
//! weapons, patterns of attacks, purposes, calls for it, negations). Some words take
//! their class from their context: fleeing (a prison break near custody, a
//! displacement when people flee), taking ground (an attack by an armed group, a
//! battle won by a state force, only with a place taken), and a declaration
//! announcing news («أعلن النصر»، «أعلن التنظيم اغتيال …») is a statement. An attack
//! noun qualified by a bombing word («هجوم انتحاري») is that bombing; a visit or a
//! reception is a meeting only with whom or where named after it.
//! Arguments come from the recognised mentions around the trigger, in its clause,
//! no further than the next event told after other words, a reference point («منذ»)
//! or a relative clause about another noun:
//! * agent: an actor that acts: before the trigger in its clause («التنظيم شن هجوما»),
//!   right after a verb trigger or a declaration noun («هاجم التنظيم»، «إعلان
//!   العراق النصر»), after «من قبل», or marked with «لـ» right after an event noun or its adjectives («هجوم لداعش»، «تفجيرات
//!   انتحارية لتنظيم داعش», also written apart: «هجوم لـ"داعش"»); both sides of «بين X و Y» for clashes; else the armed
//!   actor named earlier in the sentence. The side a figure or the dead come from
//!   («خمسة عناصر من الجيش»، «قتلى من قسد») is no agent, nor who speaks before «إن»
//!   (the speaker of what is said); a statement's agent is not named in what it says
//!   (after «أن», or after the news it declares) and is no commentator;
//! * target: an actor or facility after «على»، «ضد»، «ل…»; the armed group a defeat
//!   word names («دحر التنظيم»، «هزيمة للتنظيم»، also after a comma) or an arrest noun
//!   takes («اعتقال عناصر من داعش»); what a declaration is about; whom a
//!   statement accuses once it has a speaker («بيان الجيش اتهم داعش»);
//! * place: the most specific place of the trigger's own clause (`place`); with
//!   none, a declaration takes the place of the happening it claims or announces
//!   by a definite noun («أعلن التنظيم مسؤوليته عن الهجوم»), any other new
//!   happening the last place named before it;
//! * date: the date nearest the trigger in its clause, else before it in its
//!   sentence; a year told later in the sentence, before the next event, dates the
//!   background it tells.
//!
//! Status cues in the clause before the trigger («أحبطت محاولة فرار»، «نفت … فرار»)
//! mark the event foiled, attempted or refuted instead of happened.
//!
//! Mentions of the same happening in one article are merged: same class, statuses
//! and parties that agree (a statement is one speaker's), compatible place and date
//! (a happening dated only by month or year is background history, kept apart from
//! the undated news; places the text puts next to each other are one; a country
//! contains no summary's happening); a later, more specific place inside the first
//! refines it. A definite noun («الهروب») refers back to the latest happening of its
//! class, also when a source claims to have foiled or denies it. A generic trigger
//! («استهدف»، «انفجار») told with a specific event (a bombing, a strike) in its
//! sentence, or an explosion at the place of a strike, is that event. A dual attack
//! noun («هجومين») that nothing joined is a summary, no event. Killings told in the
//! sentences of an attack are that attack. Bombings, mutinies, escapes and clashes
//! at the place of an attack become its sub-events. A statement noun that only
//! carries what a source says («في بيان») is marked `News::Vehicle`: attribution
//! reads it, then the glue drops it.

mod merging;
mod place;
mod sense;

use super::dates::{DateMention, DateValue};
use super::lexicon::{
    hits_starting_in, CountKind, EntityClass, EventClass, EventStatus, Hit, TermKind,
};
use super::numbers::Quantity;
use super::recognise::Recognition;
use crate::text::Token;
use merging::{
    absorb_generic, dates_agree, fold_killings_into_attacks, link_sub_events, merge,
    same_happening, statuses_agree,
};
use place::PlaceInput;
use sense::SenseInput;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Event {
    pub class: EventClass,
    /// Normalised byte range of the first trigger as written.
    pub trigger: Range<usize>,
    /// The first sentence that reports it (normalised byte range): the quoted evidence.
    pub sentence: Range<usize>,
    /// Every sentence that mentions it (merged mentions included).
    pub reported_in: Vec<Range<usize>>,
    pub agents: Vec<usize>,
    pub targets: Vec<usize>,
    pub place: Option<usize>,
    pub date: Option<DateValue>,
    pub status: EventStatus,
    pub sub_event_of: Option<usize>,
    /// Who the article credits for reporting it (filled by attribution).
    pub source: super::recognise::Source,
    /// Told only by a generic trigger («استهداف»، «انفجار») or a word of flight, so
    /// far: it is the specific event told with it, if there is one.
    pub generic: bool,
    /// Told only by a dual attack noun («هجومين»، «هجومان»): a summary of two
    /// happenings, which no vaguely placed mention is merged into or from, and which
    /// is no event of its own unless a mention of one happening joins it.
    pub summary: bool,
    /// For a statement: whether it is itself news.
    pub news: News,
}

/// Whether a statement is news of its own (the schema's Statement: "a formal
/// announcement, letter or statement that is itself news").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum News {
    /// Only the vehicle of what a source says («قال في بيان»، «بحسب بيان»، «وذكر
    /// بيان»): it credits, it is no event.
    Vehicle,
    /// A statement issued or made («أصدر بياناً»، «طالبت»، an official speaking).
    Plain,
    /// A declaration of news («أعلن النصر»، «تبنى التنظيم الهجوم»).
    Declared,
}

/// Words between a trigger and its target.
const TARGET_MARKERS: &[&str] = &["علي", "ضد", "باتجاه", "نحو"];
/// Verbs of accusing (a glued «و» aside; normalised, «ة» as «ه») in a statement's
/// clause («بيان الجيش اتهم داعش»، «واتهم الجيش التنظيم»): once the statement has
/// a speaker, the actors named after the verb are the accused, its targets.
const ACCUSING: &[&str] = &["اتهم", "اتهمت", "يتهم", "تتهم", "متهما", "متهمه"];
/// Prepositions of time (normalised: «إثر» is «اثر»): a verbal noun after one
/// opens a phrase of its own («هجمات فلول داعش بعد إعلان النصر»), whose agent is
/// never the actor before it.
const TIME_PREPOSITIONS: &[&str] = &["بعد", "عقب", "قبل", "منذ", "اثر"];
/// «من قبل X»: the agent of a passive or nominal trigger.
const AGENT_MARKER: &[&str] = &["من", "قبل"];
/// Prepositions that end the adjectives between an event noun and the «لـ» of its
/// owner.
const NOT_ADJECTIVES: &[&str] = &["في", "من", "الي", "عن", "علي", "ضد", "مع", "بين"];
/// Words before a statement noun that make it the vehicle of what is said («في
/// بيان»، «بحسب بيان»، «وفقا لبيان»، «عبر بيان»).
const VEHICLE_LEADS: &[&str] = &[
    "في",
    "حسب",
    "بحسب",
    "وحسب",
    "وبحسب",
    "وفق",
    "ووفق",
    "وفقا",
    "طبقا",
    "استنادا",
    "نقلا",
    "عبر",
    "خلال",
];
/// Complementizers that carry the speaker as subject («أعلنت القيادة أنها نفذت»).
const SELF_REPORTS: &[&str] = &["انها", "انهم"];
/// Words after a trigger that open a reference point in time («منذ دحره»).
const REFERENCE_POINTS: &[&str] = &["منذ", "ومنذ"];
/// Relative pronouns: after a noun, they open a clause about it.
const RELATIVES: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
];
/// How many words a declaration may stand before the news it announces («أعلن رئيس
/// الوزراء العراقي حيدر العبادي، رسمياً، الإثنين، عبر التلفزيون، النصر»).
const NEWS_REACH: usize = 16;

/// Event classes whose agent may be any actor (a person, a government), not only an armed one.
fn any_actor_agent(class: EventClass) -> bool {
    matches!(
        class,
        EventClass::Statement | EventClass::Meeting | EventClass::Investigation
    )
}

/// Classes that are somebody's act or nothing: a statement or a meeting with no
/// actor named is no event (an inquiry may be told without who opened it).
fn needs_agent(class: EventClass) -> bool {
    matches!(class, EventClass::Statement | EventClass::Meeting)
}

/// Classes that are parts of a larger assault when they share its place.
fn can_be_sub_event(class: EventClass) -> bool {
    matches!(
        class,
        EventClass::Bombing
            | EventClass::Mutiny
            | EventClass::PrisonBreak
            | EventClass::ArmedClash
            | EventClass::Airstrike
    )
}

/// Classes a generic trigger («استهداف»، «انفجار») may turn out to be.
fn specific(class: EventClass) -> bool {
    matches!(
        class,
        EventClass::Bombing | EventClass::Airstrike | EventClass::Attack | EventClass::Killing
    )
}

impl Event {
    /// A statement made by `speaker`, reported by the term at `trigger`.
    pub fn statement(trigger: Range<usize>, sentence: Range<usize>, speaker: usize) -> Event {
        Event {
            class: EventClass::Statement,
            trigger,
            sentence: sentence.clone(),
            reported_in: vec![sentence],
            agents: vec![speaker],
            targets: Vec::new(),
            place: None,
            date: None,
            status: EventStatus::Occurred,
            sub_event_of: None,
            source: super::recognise::Source::Article,
            generic: false,
            summary: false,
            news: News::Plain,
        }
    }
}

pub struct EventInput<'a> {
    pub norm: &'a str,
    pub tokens: &'a [Token],
    pub layout: &'a crate::text::Layout,
    pub hits: &'a [Hit],
    pub rec: &'a Recognition,
    pub quantities: &'a [Quantity],
    pub dates: &'a [DateMention],
}

/// The words that can report an event, and how their class is found.
#[derive(Clone, Copy)]
enum EventWord {
    Trigger(EventClass),
    Flight,
    Capture,
    Declaration,
}

impl EventWord {
    fn of(h: &Hit) -> Option<EventWord> {
        match h.kind {
            TermKind::Trigger(c) => Some(EventWord::Trigger(c)),
            TermKind::Flight => Some(EventWord::Flight),
            TermKind::Capture => Some(EventWord::Capture),
            TermKind::Declaration => Some(EventWord::Declaration),
            _ => None,
        }
    }
}

/// Everything detection reads, with the rooms it asks.
struct Ctx<'a> {
    input: &'a EventInput<'a>,
    sense: SenseInput<'a>,
    places: PlaceInput<'a>,
    custody_in_article: bool,
    /// Places the text puts next to each other («الطارمية الواقعة شمال بغداد»).
    near: Vec<(usize, usize)>,
}

/// How far a trigger's arguments reach.
struct Scope {
    clause: Range<usize>,
    /// Where what is said or declared starts: actors from here on do not state it.
    content_from: usize,
    /// Where the next event told in the clause starts: what follows is its business.
    until: usize,
}

pub fn detect(input: &EventInput<'_>) -> Vec<Event> {
    let ctx = Ctx {
        input,
        sense: SenseInput {
            norm: input.norm,
            tokens: input.tokens,
            hits: input.hits,
        },
        places: PlaceInput {
            norm: input.norm,
            tokens: input.tokens,
            hits: input.hits,
            rec: input.rec,
        },
        custody_in_article: input.hits.iter().any(|h| h.kind == TermKind::Custody),
        near: Vec::new(),
    };
    let ctx = Ctx {
        near: ctx.places.located_near(),
        ..ctx
    };
    let mut events: Vec<Event> = Vec::new();
    let mut last_end = 0;
    for h in input.hits {
        let Some(word) = EventWord::of(h) else {
            continue;
        };
        if h.start < last_end || input.rec.mention_at(h.start).is_some() {
            continue; // overlapped by a longer trigger, or part of a name
        }
        last_end = h.end;
        if let Some(event) = ctx.event_at(h, word, &events) {
            ctx.add(&mut events, event, h);
        }
    }
    events.retain(|e| !e.summary);
    let events = absorb_generic(input.rec, &ctx.near, events);
    let mut events = fold_killings_into_attacks(input.rec, events);
    link_sub_events(input.rec, &mut events);
    events
}

impl Ctx<'_> {
    /// The event the word at `h` reports, if any.
    fn event_at(&self, h: &Hit, word: EventWord, events: &[Event]) -> Option<Event> {
        let input = self.input;
        let (norm, rec) = (input.norm, input.rec);
        let (sentence, clause) = input.layout.sentence_and_clause(&h.range())?;
        let (class, news_at) = self.class_of(h, word, &sentence, events)?;
        if self.sense.not_an_event(&sentence, &clause, h, class)
            || (class == EventClass::Attack
                && !self.sense.marked(h, TermKind::Generic)
                && self.sense.qualified_by_bombing(h))
        {
            return None;
        }
        let ground = match word {
            EventWord::Capture => Some(self.sense.ground_after(&clause, h)?),
            _ => None,
        };
        let scope = Scope {
            content_from: news_at.unwrap_or(usize::MAX),
            until: self.next_event_word(&clause, h),
            clause: clause.clone(),
        };
        let defeat = self.sense.marked(h, TermKind::Defeat);
        let (mut agents, mut targets) = self.arguments(&scope, h, class, defeat);
        if let Some(n) = news_at {
            self.add_announced(&sentence, n, &agents, &mut targets);
        }
        if defeat && targets.is_empty() {
            self.add_defeated_after_comma(&sentence, &clause, &mut targets);
        }
        if agents.is_empty() && !any_actor_agent(class) {
            let parties = (&mut agents, &mut targets);
            self.fill_from_before(&sentence, &clause, h.start, class, defeat, parties);
        }
        let class = match word {
            EventWord::Capture => {
                // the taker is the actor nearest the word («لقتال داعش بعدما سيطر»)
                if let Some(taker) = self.nearest_actor(&clause, h) {
                    agents = vec![taker];
                }
                sense::capture_class(agents.first().map(|&a| rec.entities[a].class))?
            }
            _ => class,
        };
        // the ground taken is named after «على»: no place there, no capture
        let place = match ground {
            Some(g) => Some(self.places.best_in(&g, g.start)?),
            None => {
                let movement = matches!(class, EventClass::PrisonBreak | EventClass::Displacement);
                let reach = self.next_event_word(&sentence, h);
                self.places
                    .of_event(&sentence, &clause, &h.range(), scope.until, reach, movement)
            }
        };
        let date = self.date_of(&sentence, &(clause.start..scope.until), h);
        // a statement or meeting is somebody's: no actor, no event; but for a
        // declaration dated in a phrase of time («بعد إعلان النصر على التنظيم في
        // عام 2017»): the happening is told, by whom it leaves unsaid
        let dated_declaration =
            matches!(word, EventWord::Declaration) && date.is_some() && self.opens_time_phrase(h);
        if needs_agent(class) && agents.is_empty() && !dated_declaration {
            return None;
        }
        if self.sense.marked(h, TermKind::Visit) && !self.visited(&scope, h) {
            return None; // «استقبلت الناحية آلاف النازحين»: nobody received
        }
        // «وبعد هزيمة التنظيم، تحولت فلوله …»: a defeat told with no place of its own
        // and no date is the background of the story, not a happening it reports
        if defeat && date.is_none() && self.places.places_in(&clause).next().is_none() {
            return None;
        }
        Some(Event {
            class,
            trigger: h.range(),
            sentence: sentence.clone(),
            reported_in: vec![sentence.clone()],
            agents,
            targets,
            place,
            date,
            status: status_before(input.hits, &clause, h),
            sub_event_of: None,
            source: super::recognise::Source::Article,
            generic: self.sense.marked(h, TermKind::Generic) || matches!(word, EventWord::Flight),
            summary: class == EventClass::Attack && dual(&norm[h.term_end..h.end]),
            news: self.news_of(class, word, h),
        })
    }

    /// The class the word at `h` reports in its sentence (a capture's is settled by
    /// its taker later), and for a declaration where the news it announces starts.
    fn class_of(
        &self,
        h: &Hit,
        word: EventWord,
        sentence: &Range<usize>,
        events: &[Event],
    ) -> Option<(EventClass, Option<usize>)> {
        Some(match word {
            EventWord::Trigger(c) => (c, None),
            EventWord::Flight => {
                let custody = self.custody_in_article || has_class(events, EventClass::PrisonBreak);
                (self.sense.flight(sentence, h, custody)?, None)
            }
            EventWord::Capture => (EventClass::Attack, None),
            EventWord::Declaration => (EventClass::Statement, Some(self.news_after(sentence, h)?)),
        })
    }

    /// Whether a statement is news of its own (see [`News`]).
    fn news_of(&self, class: EventClass, word: EventWord, h: &Hit) -> News {
        match (class, word) {
            (EventClass::Statement, EventWord::Declaration) => News::Declared,
            (EventClass::Statement, _) if self.sense.marked(h, TermKind::News) => News::Declared,
            (EventClass::Statement, _) if self.vehicle(h) => News::Vehicle,
            _ => News::Plain,
        }
    }

    /// A declaration is about what it announces («أعلن انتصاره على التنظيم»): the
    /// actors named from the news at `news` to the end of its clause.
    fn add_announced(
        &self,
        sentence: &Range<usize>,
        news: usize,
        agents: &[usize],
        targets: &mut Vec<usize>,
    ) {
        let rec = self.input.rec;
        let announced = news..self.clause_end(sentence, news);
        for m in rec.mentions_in(&announced) {
            let e = m.entity;
            if rec.entities[e].class.is_actor() && !agents.contains(&e) && !targets.contains(&e) {
                targets.push(e);
            }
        }
    }

    /// «وهزم تحالف كبير من قوات …، التنظيم في العام 2017»: the defeated may be named
    /// in the clause after the defeat's.
    fn add_defeated_after_comma(
        &self,
        sentence: &Range<usize>,
        clause: &Range<usize>,
        targets: &mut Vec<usize>,
    ) {
        let rec = self.input.rec;
        if clause.end >= sentence.end {
            return;
        }
        let next = clause.end..self.clause_end(sentence, clause.end + 1);
        targets.extend(
            rec.mentions_in(&next)
                .find(|m| rec.entities[m.entity].class == EntityClass::ArmedGroup)
                .map(|m| m.entity),
        );
    }

    /// Adds `event` to `events`, or merges it into the happening it tells again.
    fn add(&self, events: &mut Vec<Event>, event: Event, h: &Hit) {
        let rec = self.input.rec;
        // «الهجوم»، «الاشتباكات»: a definite event noun refers back to the latest
        // happening of its class in the article, wherever its sentence places it. A
        // source that claims to have foiled, or denies, «the escape» the article has
        // told speaks of that escape: it is not a second one.
        let definite = self.definite(h);
        // a happening told by a generic word («استهدف تفجير انتحاري السوق») is
        // referred to after the specific ones: «الهجوم» then stays as generic as it
        let fits = |e: &Event, generic: bool| {
            e.class == event.class
                && e.generic == generic
                && (statuses_agree(e.status, event.status) || e.status == EventStatus::Occurred)
                && dates_agree(e.date, event.date)
        };
        let referred = definite
            .then(|| {
                events
                    .iter()
                    .rposition(|e| fits(e, false))
                    .or_else(|| events.iter().rposition(|e| fits(e, true)))
            })
            .flatten();
        // a generic mention waits for the specific event told with it (below,
        // `absorb_generic`) before it may join an earlier happening
        let same = referred.or_else(|| {
            events.iter().position(|e| {
                e.generic == event.generic && same_happening(rec, &self.near, e, &event)
            })
        });
        match same.map(|i| &mut events[i]) {
            Some(existing) if referred.is_some() => {
                let generic = existing.generic;
                merge(rec, existing, event);
                existing.generic = generic;
            }
            Some(existing) => merge(rec, existing, event),
            None => {
                // a new happening named without a place takes the place of the
                // happening it declares («أعلن التنظيم مسؤوليته عن الهجوم»: where the
                // attack was), else the last place named before it; one that merged
                // took the place of what it merged with
                let mut event = event;
                event.place = event
                    .place
                    .or_else(|| {
                        self.declared_happening(h, events)
                            .and_then(|i| events[i].place)
                    })
                    .or_else(|| self.places.last_before(h.start));
                events.push(event);
            }
        }
    }

    /// For a declaration or a statement at `h`, the happening told earlier that
    /// what it declares names with a definite event noun («أعلن التنظيم مسؤوليته
    /// عن الهجوم»، «تبنى التفجير»): the latest one of that noun's class.
    fn declared_happening(&self, h: &Hit, events: &[Event]) -> Option<usize> {
        let (sentence, clause) = self.input.layout.sentence_and_clause(&h.range())?;
        let news = match EventWord::of(h)? {
            EventWord::Declaration => self.news_after(&sentence, h)?,
            EventWord::Trigger(EventClass::Statement) => h.end,
            _ => return None,
        };
        let content = news..self.clause_end(&sentence, news).max(clause.end);
        self.sense
            .hits_in(&content)
            .iter()
            .find_map(|n| match EventWord::of(n) {
                Some(EventWord::Trigger(c)) if c != EventClass::Statement && self.definite(n) => {
                    Some(c)
                }
                _ => None,
            })
            .and_then(|c| events.iter().rposition(|e| e.class == c))
    }

    /// The armed actor named nearest before the trigger in its clause, else the first
    /// right after it.
    fn nearest_actor(&self, clause: &Range<usize>, h: &Hit) -> Option<usize> {
        let rec = self.input.rec;
        let armed = |m: &&super::recognise::Mention| rec.entities[m.entity].class.is_armed();
        let before = rec
            .mentions_in(&(clause.start..h.start))
            .filter(armed)
            .last()
            .map(|m| m.entity);
        before.or_else(|| {
            rec.mentions_in(&(h.end..clause.end))
                .find(armed)
                .map(|m| m.entity)
        })
    }

    /// A place or a party is named after a verb of visiting or receiving, in its reach.
    fn visited(&self, scope: &Scope, h: &Hit) -> bool {
        let rec = self.input.rec;
        // the name right after the verb is its subject, the host or the visitor
        // («استقبلت مديرية الناحية …»); who or what is visited comes after it
        let subject_end = self
            .input
            .tokens
            .get(h.end_token)
            .and_then(|t| {
                rec.mention_at(t.start)
                    .or_else(|| rec.mention_at(t.end - 1))
            })
            .map_or(h.end, |m| m.span.end);
        rec.mentions_in(&(subject_end..scope.until.min(scope.clause.end)))
            .any(|m| {
                let c = rec.entities[m.entity].class;
                c.is_place() || (c.is_actor() && !c.is_armed())
            })
    }

    /// The end of the clause holding `pos` in `sentence`.
    fn clause_end(&self, sentence: &Range<usize>, pos: usize) -> usize {
        crate::text::clauses(self.input.norm, sentence.clone())
            .into_iter()
            .find(|c| c.start <= pos && pos < c.end)
            .map_or(sentence.end, |c| c.end)
    }

    /// The news a declaration at `h` announces: a news term after it in its sentence,
    /// before anything it says with «أن» and within reach.
    fn news_after(&self, sentence: &Range<usize>, h: &Hit) -> Option<usize> {
        let (norm, tokens) = (self.input.norm, self.input.tokens);
        let reach_end = tokens
            .get(h.end_token..)?
            .iter()
            .take_while(|t| t.start < sentence.end)
            .take(NEWS_REACH)
            .take_while(|t| !crate::text::COMPLEMENTIZERS.contains(&t.text(norm)))
            .last()
            .map_or(h.end, |t| t.end);
        self.sense
            .hits_in(&(h.end..reach_end))
            .iter()
            .find(|n| n.kind == TermKind::News)
            .map(|n| n.start)
    }

    /// Where the next event word of the clause starts that opens an event of its
    /// own: one told after other words. Event words right after this one share its
    /// arguments: an adjective-like trigger («هجوم انتحاري») or a coordinated one
    /// («أصوات تفجيرات واشتباكات بين التنظيم والقوات»).
    fn next_event_word(&self, clause: &Range<usize>, h: &Hit) -> usize {
        let tokens = self.input.tokens;
        self.sense
            .hits_in(&(h.end..clause.end))
            .iter()
            .filter(|n| n.start >= h.end && EventWord::of(n).is_some())
            .find(|n| n.first_token > h.end_token)
            .map_or(clause.end, |n| {
                tokens.get(n.first_token).map_or(n.start, |t| t.start)
            })
            .min(self.reference_point(clause, h))
    }

    /// Where a reference point opens after the trigger («الهجوم الأكبر منذ دحره في
    /// سوريا في 2019»), or a relative clause about another noun («الاشتباكات ومقتل
    /// عناصر الحشد الذي تأسس في 2014»): what follows dates and places something
    /// else. A relative clause right after the trigger (or its adjectives) is about
    /// the event itself («الهجوم الذي شنه التنظيم»).
    fn reference_point(&self, within: &Range<usize>, h: &Hit) -> usize {
        let (norm, tokens) = (self.input.norm, self.input.tokens);
        let from = h.end_token.min(tokens.len());
        tokens[from..]
            .iter()
            .enumerate()
            .take_while(|(_, t)| t.start < within.end)
            .find(|&(k, t)| {
                let w = t.text(norm);
                REFERENCE_POINTS.contains(&w)
                    || (RELATIVES.contains(&w) && !self.describes_event(h, from, from + k))
            })
            .map_or(within.end, |(_, t)| t.start)
    }

    /// A statement noun after «في»، «بحسب»، «وفقا لـ» … or as the subject of a
    /// reporting verb («وذكر بيان»): the vehicle of what is said.
    fn vehicle(&self, h: &Hit) -> bool {
        let (norm, tokens) = (self.input.norm, self.input.tokens);
        let Some(prev) = h.first_token.checked_sub(1) else {
            return false;
        };
        let word = tokens[prev].text(norm);
        VEHICLE_LEADS.contains(&word)
            || self
                .sense
                .hits_in(&(tokens[prev].start..tokens[prev].end))
                .iter()
                .any(|r| matches!(r.kind, TermKind::Reporting(_)) && r.end_token == h.first_token)
    }

    /// The date nearest the trigger in its clause, else the nearest before it in its
    /// sentence; a year or month told later in the sentence («بين عامي 2014 و2017»),
    /// before the next event or reference point, dates the background it tells.
    fn date_of(
        &self,
        sentence: &Range<usize>,
        clause: &Range<usize>,
        h: &Hit,
    ) -> Option<DateValue> {
        let dates = self.input.dates;
        let nearest = |r: Range<usize>| {
            dates
                .iter()
                .filter(|d| d.value != DateValue::Unresolved)
                .filter(|d| d.span.start >= r.start && d.span.end <= r.end)
                .min_by_key(|d| d.span.start.abs_diff(h.start))
                .map(|d| d.value)
        };
        nearest(clause.clone())
            .or_else(|| nearest(sentence.start..h.start))
            .or_else(|| {
                nearest(h.end..self.next_event_word(sentence, h))
                    .filter(|v| matches!(v, DateValue::Year(_) | DateValue::YearMonth { .. }))
            })
    }

    /// With no agent in the trigger's clause: the armed actor named earlier in the
    /// sentence (in what is said, when the sentence reports words) («… هجوم التنظيم على ثكنة، وأعدم من خلاله 11 عنصراً»). For a defeat it
    /// is the defeated side when none is named after the word («على دحره»); an arrest
    /// is made by the state side, and the armed group named is who was taken.
    fn fill_from_before(
        &self,
        sentence: &Range<usize>,
        clause: &Range<usize>,
        at: usize,
        class: EventClass,
        defeat: bool,
        (agents, targets): (&mut Vec<usize>, &mut Vec<usize>),
    ) {
        let rec = self.input.rec;
        let said_from = self.said_from(sentence, at);
        let before_clause = said_from..clause.start.max(said_from);
        let armed: Vec<usize> = rec
            .mentions_in(&before_clause)
            .filter(|m| rec.entities[m.entity].class.is_armed() && !targets.contains(&m.entity))
            .map(|m| m.entity)
            .collect();
        if class == EventClass::Arrest {
            let state = armed
                .iter()
                .rev()
                .find(|&&e| rec.entities[e].class != EntityClass::ArmedGroup);
            agents.extend(state);
            return;
        }
        let Some(&last) = armed.last() else {
            return;
        };
        if defeat && targets.is_empty() {
            targets.push(last);
        } else {
            agents.push(last);
        }
    }

    fn arguments(
        &self,
        scope: &Scope,
        trigger: &Hit,
        class: EventClass,
        defeat: bool,
    ) -> (Vec<usize>, Vec<usize>) {
        let EventInput {
            norm,
            tokens,
            hits,
            rec,
            quantities,
            ..
        } = *self.input;
        // a commentator's remarks («قال المحلل في تصريح») are no statement of a party
        let can_act = |e: &super::recognise::Entity| {
            if any_actor_agent(class) {
                e.class.is_actor() && !e.is_commentator(norm)
            } else {
                e.class.is_armed()
            }
        };
        let mut agents = Vec::new();
        let mut targets = Vec::new();
        let word_before = |pos: usize| -> Option<&str> {
            let i = tokens.partition_point(|t| t.end <= pos);
            i.checked_sub(1).map(|j| tokens[j].text(norm))
        };
        // «أصدر بيانا قال فيه إن التنظيم …»: after «أن/إن» comes what was said, and
        // the actors named there did not make the statement
        let content_start = any_actor_agent(class)
            .then(|| {
                tokens[trigger.end_token.min(tokens.len())..]
                    .iter()
                    .take_while(|t| t.start < scope.clause.end)
                    .find(|t| crate::text::COMPLEMENTIZERS.contains(&t.text(norm)))
                    .map(|t| t.start)
            })
            .flatten()
            .unwrap_or(usize::MAX)
            .min(scope.content_from);
        // «وقال مدير المركز الإعلامي إن سيارتين مفخختين انفجرتا»: the speaker of
        // what is said is no party to the event it tells
        let said_from = if any_actor_agent(class) {
            if self.opens_time_phrase(trigger) {
                trigger.start
            } else {
                scope.clause.start
            }
        } else {
            self.said_from(&scope.clause, trigger.start)
        };
        let accused_after = any_actor_agent(class)
            .then(|| {
                let from = tokens.partition_point(|t| t.start < scope.clause.start);
                tokens[from..]
                    .iter()
                    .take_while(|t| t.start < scope.clause.end)
                    .find(|t| ACCUSING.contains(&crate::text::strip_conjunction(t.text(norm))))
                    .map(|t| t.end)
            })
            .flatten()
            .unwrap_or(usize::MAX);
        for m in rec.mentions_in(&scope.clause) {
            if m.span.start >= content_start || m.span.start >= scope.until {
                break;
            }
            if m.span.start < said_from {
                continue;
            }
            let e = &rec.entities[m.entity];
            let before = word_before(m.span.start);
            let i = tokens.partition_point(|t| t.end <= m.span.start);
            // «لداعش», or written apart with a tatweel, often before quotes («لـ
            // "داعش"», normalised to a word «ل» of its own)
            let detached_lam = before == Some("ل");
            let prefix_lam = detached_lam
                || tokens.get(i).is_some_and(|t| {
                    t.start <= m.span.start && norm[t.start..m.span.start].ends_with('ل')
                });
            // the word the «لـ» is on (its own word when written apart)
            let lam_at = if detached_lam { i - 1 } else { i };
            let after_trigger = m.span.start >= trigger.end;
            // «هجوم لداعش»، «تفجيرات انتحارية لتنظيم داعش»: «لـ» on an armed actor
            // right after an event noun (or its adjectives) marks whose event it is,
            // not what it was aimed at; after a defeat it marks who was defeated
            let owner = prefix_lam
                && after_trigger
                && (e.class.is_armed() || (any_actor_agent(class) && e.class.is_actor()))
                && self.adjectives_only(trigger.end_token, lam_at);
            let possessive = owner && !defeat;
            // «قصف مدفعي وغارات للتحالف»: the owner of a later event word is its own
            if prefix_lam && after_trigger && self.owner_of_later(trigger, lam_at) {
                continue;
            }
            let marked_target =
                before.is_some_and(|w| TARGET_MARKERS.contains(&w)) || (prefix_lam && !possessive);
            let marked_agent = i >= 2
                && tokens[i - 2].text(norm) == AGENT_MARKER[0]
                && tokens[i - 1].text(norm) == AGENT_MARKER[1];
            // the armed group a defeat word names lost, wherever it is named; the one
            // an arrest noun names after it was taken («اعتقال عناصر من داعش»; after
            // a verb it is the subject: «اختطف مسلحو داعش»)
            let patient = !marked_agent
                && e.class == EntityClass::ArmedGroup
                && ((after_trigger && class == EventClass::Arrest && verbal_noun(norm, trigger))
                    || defeat);
            let accused = m.span.start >= accused_after && !agents.is_empty();
            if (after_trigger && marked_target && !marked_agent) || patient || accused {
                if (e.class.is_actor() || e.class == EntityClass::Facility)
                    && !targets.contains(&m.entity)
                {
                    targets.push(m.entity);
                }
            } else if counted_among(norm, tokens, hits, quantities, m.span.start) {
                // «قتل خمسة عناصر من الحشد في هجوم»: the side counted suffered the event
            } else if possessive {
                // named as the event's owner: it outranks an actor merely standing
                // before the trigger («قتل عناصر من الجيش في هجوم لداعش»)
                agents.retain(|&a| a != m.entity);
                agents.insert(0, m.entity);
            } else if can_act(e) && !agents.contains(&m.entity) {
                agents.push(m.entity);
            }
        }
        // A clash is between sides; keep at most the first two actors as agents.
        if class != EventClass::ArmedClash && agents.len() > 1 && !any_actor_agent(class) {
            agents.truncate(1);
        }
        agents.retain(|a| !targets.contains(a));
        (agents, targets)
    }

    /// Where what is said starts before `at` in `range`: after the last «إن»/«أن».
    /// Who speaks before it tells the event, they did not carry it out; «أنها نفذت»
    /// speaks of the speaker itself.
    fn said_from(&self, range: &Range<usize>, at: usize) -> usize {
        let (norm, tokens) = (self.input.norm, self.input.tokens);
        let from = tokens.partition_point(|t| t.start < range.start);
        let to = tokens.partition_point(|t| t.end <= at);
        tokens[from..to.max(from)]
            .iter()
            .rev()
            .find(|t| {
                let w = t.text(norm);
                crate::text::COMPLEMENTIZERS.contains(&w) && !SELF_REPORTS.contains(&w)
            })
            .map_or(range.start, |t| t.end)
    }

    /// The trigger is the noun of a phrase of time («بعد إعلان»، «عقب الهجوم»).
    fn opens_time_phrase(&self, h: &Hit) -> bool {
        let (norm, tokens) = (self.input.norm, self.input.tokens);
        h.first_token
            .checked_sub(1)
            .and_then(|i| tokens.get(i))
            .is_some_and(|t| {
                TIME_PREPOSITIONS.contains(&t.text(norm))
                    && tokens
                        .get(h.first_token)
                        .is_some_and(|w| w.start == h.start)
            })
    }

    /// The trigger is a definite noun («الهجوم»، «والاشتباكات»).
    fn definite(&self, h: &Hit) -> bool {
        let (norm, tokens) = (self.input.norm, self.input.tokens);
        tokens
            .get(h.first_token)
            .is_some_and(|t| norm[t.start..h.start].ends_with("ال"))
            || norm[h.range()].starts_with("ال")
    }

    /// The words from token `from` to `to` after the trigger are its adjectives, so a
    /// relative pronoun after them is about the event: indefinite adjectives of
    /// relation, or definite words after a definite event noun («الخسارة الكبيرة
    /// التي مني بها التنظيم»).
    fn describes_event(&self, h: &Hit, from: usize, to: usize) -> bool {
        let (norm, tokens) = (self.input.norm, self.input.tokens);
        self.adjectives_only(from, to)
            || (self.definite(h)
                && to >= from
                && to - from <= 2
                && tokens[from..to]
                    .iter()
                    .all(|t| t.text(norm).starts_with("ال")))
    }

    /// The mention at token `i` follows (with adjectives only) an event word told
    /// after `trigger`.
    fn owner_of_later(&self, trigger: &Hit, i: usize) -> bool {
        let tokens = self.input.tokens;
        let Some(t) = tokens.get(i) else {
            return false;
        };
        self.sense.hits_in(&(trigger.end..t.start)).iter().any(|n| {
            n.first_token >= trigger.end_token
                && EventWord::of(n).is_some()
                && self.adjectives_only(n.end_token, i)
        })
    }

    /// The words from token `from` up to token `to` are adjectives of the event noun
    /// («تفجيرات انتحارية لتنظيم»): at most two, indefinite, ending like adjectives
    /// of relation, and no preposition among them.
    fn adjectives_only(&self, from: usize, to: usize) -> bool {
        let (norm, tokens) = (self.input.norm, self.input.tokens);
        if to < from || to - from > 2 {
            return false;
        }
        tokens[from..to].iter().all(|t| {
            let w = t.text(norm);
            !NOT_ADJECTIVES.contains(&w)
                && !w.starts_with("ال")
                && ["ي", "يه", "يا", "يين", "يات"]
                    .iter()
                    .any(|s| w.ends_with(s))
        })
    }
}

/// The trigger is a verbal noun, not a verb: definite («القبض»), or with a long
/// vowel before its last letter, as the patterns of verbal nouns have («اعتقال»،
/// «اختطاف»، «توقيف»، «استسلام»; not «اعتقل»، «اختطفت»).
fn verbal_noun(norm: &str, trigger: &Hit) -> bool {
    let word = norm[trigger.range()].split(' ').next().unwrap_or("");
    let stem = ["ات", "هم", "ها", "ه", "ا", "ت"]
        .iter()
        .find_map(|s| word.strip_suffix(s).filter(|w| w.chars().count() >= 4))
        .unwrap_or(word);
    let mut rev = stem.chars().rev();
    word.starts_with("ال") || matches!((rev.next(), rev.next()), (Some(_), Some('ا' | 'ي')))
}

/// The ending of a dual noun («هجومين»، «هجومان»): two happenings at once.
fn dual(ending: &str) -> bool {
    matches!(ending, "ين" | "ان")
}

fn has_class(events: &[Event], class: EventClass) -> bool {
    events.iter().any(|e| e.class == class)
}

/// The status cues before the trigger in its clause; the strongest wins, so «أحبطت
/// القوات محاولة فرار» is a foiled escape, not merely an attempted one.
fn status_before(hits: &[Hit], clause: &Range<usize>, trigger: &Hit) -> EventStatus {
    hits_starting_in(hits, &(clause.start..trigger.start))
        .iter()
        .filter(|h| h.end <= trigger.start)
        .filter_map(|h| match h.kind {
            TermKind::Status(s) => Some(s),
            _ => None,
        })
        .max_by_key(|s| status_strength(*s))
        .unwrap_or(EventStatus::Occurred)
}

fn status_strength(s: EventStatus) -> u8 {
    match s {
        EventStatus::Occurred => 0,
        EventStatus::Possible => 1,
        EventStatus::Attempted => 2,
        EventStatus::Refuted => 3,
        EventStatus::Foiled => 4,
    }
}

/// The mention is the group a figure counts («20 من X»، «خمسة عناصر من X») or the
/// dead and wounded come from («قتلى وجرحى من X»): the side that suffered, not one
/// that acted. Members without a figure («عناصر من X شنوا هجوما») may well be the
/// actors.
fn counted_among(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    quantities: &[Quantity],
    start: usize,
) -> bool {
    let i = tokens.partition_point(|t| t.end <= start);
    if i < 2 || tokens[i - 1].text(norm) != "من" {
        return false;
    }
    let before = i - 2;
    let figure_ends = |end: usize| quantities.iter().any(|q| q.number.end == end);
    figure_ends(tokens[before].end)
        || hits.iter().any(|h| {
            h.end_token == before + 1
                && (matches!(
                    h.kind,
                    TermKind::Count(CountKind::Killed | CountKind::Injured)
                ) || (matches!(h.kind, TermKind::Victim(_) | TermKind::Count(_))
                    && h.first_token > 0
                    && figure_ends(tokens[h.first_token - 1].end)))
        })
}

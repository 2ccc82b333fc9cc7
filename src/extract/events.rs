//! Events: who did what to whom, where and when.
//!
//! Every trigger word from the lexicon proposes an event of its class in its
//! sentence, unless it sits in an idiom that reports no happening («في مواجهة»),
//! names a weapon after a word of finding or seizing («ضبط عبوات ناسفة»), or is a
//! plural attack noun next to a word of trend or repetition («تراجعت هجمات التنظيم»،
//! «الهجمات المتكررة»): a pattern of events, not one.
//! Arguments come from the recognised mentions around the trigger:
//! * agent: an actor that acts: before the trigger in its clause («التنظيم شن هجوما»),
//!   right after a verb trigger («هاجم التنظيم»), after «من قبل», or marked with
//!   «لـ» right after an event noun («هجوم لداعش»); both sides of «بين X و Y» for
//!   clashes. The side a figure counts («خمسة عناصر من الجيش») is no agent, and a
//!   statement's agent is not named in what it says (after «أن») and is no
//!   commentator («المحلل»، «الباحث»);
//! * target: an actor or facility after «على»، «ضد»، «استهدف …»، «ل…»;
//! * place: the most specific place mentioned in the sentence;
//! * date: a date mention in the sentence.
//!
//! Status cues in the clause before the trigger («أحبطت محاولة فرار»، «نفت … فرار»)
//! mark the event foiled, attempted or refuted instead of happened.
//!
//! Mentions of the same happening in one article are merged: same class and
//! compatible place and date (a happening dated only by month or year is background
//! history, kept apart from the undated news). A definite noun («الهروب») refers back
//! to the latest happening of its class, also when a source claims to have foiled or
//! denies it. Killings told in the sentences of an attack are that attack. Bombings,
//! mutinies, escapes and clashes at the place of an attack become its sub-events.

use super::dates::{DateMention, DateValue};
use super::lexicon::{EntityClass, EventClass, EventStatus, Hit, TermKind};
use super::numbers::Quantity;
use super::recognise::Recognition;
use crate::text::Token;
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
}

/// Words between a trigger and its target.
const TARGET_MARKERS: &[&str] = &["علي", "ضد", "باتجاه", "نحو"];
/// «من قبل X»: the agent of a passive or nominal trigger.
const AGENT_MARKER: &[&str] = &["من", "قبل"];

/// Event classes whose agent may be any actor (a person, a government), not only an armed one.
fn any_actor_agent(class: EventClass) -> bool {
    matches!(
        class,
        EventClass::Statement | EventClass::Meeting | EventClass::Investigation
    )
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
        }
    }
}

pub struct EventInput<'a> {
    pub norm: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Range<usize>],
    pub hits: &'a [Hit],
    pub rec: &'a Recognition,
    pub quantities: &'a [Quantity],
    pub dates: &'a [DateMention],
}

pub fn detect(input: &EventInput<'_>) -> Vec<Event> {
    let EventInput {
        norm,
        tokens,
        sentences,
        hits,
        rec,
        quantities,
        dates,
    } = *input;
    let mut events: Vec<Event> = Vec::new();
    let mut last_end = 0;
    for h in hits {
        let TermKind::Trigger(class) = h.kind else {
            continue;
        };
        if h.start < last_end || rec.mention_at(h.start).is_some() {
            continue; // overlapped by a longer trigger, or part of a name
        }
        last_end = h.end;
        let Some((sentence, clause)) =
            crate::text::sentence_and_clause(norm, sentences, &h.range())
        else {
            continue;
        };
        if not_an_event(norm, hits, &sentence, &clause, h, class) {
            continue;
        }
        let status = status_before(hits, &clause, h);
        let (mut agents, targets) =
            arguments(norm, tokens, hits, quantities, rec, &clause, h, class);
        if agents.is_empty() && !any_actor_agent(class) {
            // «… هجوم التنظيم على ثكنة، وأعدم من خلاله 11 عنصراً»: the actor named
            // earlier in the sentence carried it out
            let before_clause = sentence.start..clause.start;
            agents.extend(
                rec.mentions_in(&before_clause)
                    .filter(|m| {
                        rec.entities[m.entity].class.is_armed() && !targets.contains(&m.entity)
                    })
                    .map(|m| m.entity)
                    .last(),
            );
        }
        let place = most_specific_place(rec, &sentence);
        // the date in the trigger's own clause, else one before it in its sentence
        // («فجر الجمعة، شن مسلحون هجوماً»); a later clause dates something else
        let within = |r: Range<usize>| {
            dates
                .iter()
                .find(|d| d.span.start >= r.start && d.span.end <= r.end)
                .map(|d| d.value)
                .filter(|v| *v != DateValue::Unresolved)
        };
        let date = within(clause.clone()).or_else(|| within(sentence.start..h.start));
        let event = Event {
            class,
            trigger: h.range(),
            sentence: sentence.clone(),
            reported_in: vec![sentence.clone()],
            agents,
            targets,
            place,
            date,
            status,
            sub_event_of: None,
            source: super::recognise::Source::Article,
        };
        if any_actor_agent(class) && event.agents.is_empty() {
            continue; // a statement, meeting or inquiry is somebody's: no actor, no event
        }
        // «الهجوم»، «الاشتباكات»: a definite event noun refers back to the latest
        // happening of its class in the article, wherever its sentence places it. A
        // source that claims to have foiled, or denies, «the escape» the article has
        // told speaks of that escape: it is not a second one.
        let definite = norm[tokens[h.first_token].start..h.start].ends_with("ال")
            || norm[h.range()].starts_with("ال");
        let referred = definite
            .then(|| {
                events.iter().rposition(|e| {
                    e.class == class
                        && (statuses_agree(e.status, event.status)
                            || e.status == EventStatus::Occurred)
                })
            })
            .flatten();
        let same = referred.or_else(|| events.iter().position(|e| same_happening(rec, e, &event)));
        match same.map(|i| &mut events[i]) {
            Some(existing) => merge(existing, event),
            None => {
                // a new happening named without a place takes the last place named
                // before it; one that merged took the place of what it merged with
                let mut event = event;
                event.place = event.place.or_else(|| {
                    rec.mentions
                        .iter()
                        .rev()
                        .find(|m| m.span.start < h.start && rec.entities[m.entity].class.is_place())
                        .map(|m| m.entity)
                });
                events.push(event);
            }
        }
    }
    let mut events = fold_killings_into_attacks(rec, events);
    link_sub_events(rec, &mut events);
    events
}

/// «هجوم على ثكنة، وأعدم من خلاله 11 عنصرا»: killings told in the very sentences
/// that report an attack (or bombing) at a compatible place are that attack's
/// casualties, not a happening of their own.
fn fold_killings_into_attacks(rec: &Recognition, events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    let mut killings = Vec::new();
    for e in events {
        if e.class == EventClass::Killing {
            killings.push(e);
        } else {
            out.push(e);
        }
    }
    for k in killings {
        let host = out.iter().position(|a| {
            matches!(a.class, EventClass::Attack | EventClass::Bombing)
                && statuses_agree(a.status, k.status)
                && k.reported_in.iter().all(|s| a.reported_in.contains(s))
                && match (a.place, k.place) {
                    (Some(x), Some(y)) => rec.within(x, y) || rec.within(y, x),
                    _ => true,
                }
        });
        match host {
            Some(i) => {
                let mut k = k;
                k.class = out[i].class;
                merge(&mut out[i], k);
            }
            None => out.push(k),
        }
    }
    // keep text order
    out.sort_by_key(|e| e.trigger.start);
    out
}

/// A trigger that is part of an idiom naming no happening («في مواجهة» "in the
/// face of"), a weapon named as what was found or seized («ضبط عبوات ناسفة»،
/// «أوكار تحتوي على صواريخ»), or a plural attack, bombing or strike noun with a
/// word of trend or repetition before it in its clause or right after it
/// («تصاعدت الهجمات»، «وتيرة الغارات»، «الهجمات المتكررة»: many events over time,
/// none of which it reports): no event.
fn not_an_event(
    norm: &str,
    hits: &[Hit],
    sentence: &Range<usize>,
    clause: &Range<usize>,
    trigger: &Hit,
    class: EventClass,
) -> bool {
    let strike = matches!(class, EventClass::Bombing | EventClass::Airstrike);
    let plural_attack =
        (strike || class == EventClass::Attack) && norm[trigger.range()].ends_with("ات");
    // only the sentence's hits (sorted by start): no scan of the article per trigger
    let from = hits.partition_point(|h| h.start < sentence.start);
    let to = hits.partition_point(|h| h.start < sentence.end);
    hits[from..to.max(from)].iter().any(|h| match h.kind {
        TermKind::NonEvent => h.start <= trigger.start && trigger.end <= h.end,
        TermKind::Seizure => strike && h.end <= trigger.start,
        TermKind::Pattern => {
            plural_attack
                && ((h.start >= clause.start
                    && h.end <= trigger.start
                    && trigger.first_token - h.end_token <= PATTERN_REACH)
                    || (h.first_token == trigger.end_token && h.end <= clause.end))
        }
        _ => false,
    })
}

/// How many words a trend word may stand before the plural it governs («تراجعت منذ
/// ذلك الوقت هجمات التنظيم»).
const PATTERN_REACH: usize = 4;

/// The status cues before the trigger in its clause; the strongest wins, so «أحبطت
/// القوات محاولة فرار» is a foiled escape, not merely an attempted one.
fn status_before(hits: &[Hit], clause: &Range<usize>, trigger: &Hit) -> EventStatus {
    hits.iter()
        .filter(|h| h.start >= clause.start && h.end <= trigger.start)
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

#[allow(clippy::too_many_arguments)]
fn arguments(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    quantities: &[Quantity],
    rec: &Recognition,
    clause: &Range<usize>,
    trigger: &Hit,
    class: EventClass,
) -> (Vec<usize>, Vec<usize>) {
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
                .take_while(|t| t.start < clause.end)
                .find(|t| crate::text::COMPLEMENTIZERS.contains(&t.text(norm)))
                .map(|t| t.start)
        })
        .flatten()
        .unwrap_or(usize::MAX);
    for m in rec.mentions_in(clause) {
        if m.span.start >= content_start {
            break;
        }
        let e = &rec.entities[m.entity];
        let before = word_before(m.span.start);
        let prefix_lam = tokens
            .iter()
            .find(|t| t.start <= m.span.start && m.span.start < t.end)
            .is_some_and(|t| norm[t.start..m.span.start].ends_with('ل'));
        let after_trigger = m.span.start >= trigger.end;
        // «هجوم لداعش»، «هجوما لتنظيم داعش»: «لـ» on an armed actor right after an
        // event noun marks whose event it is, not what it was aimed at
        let possessive = prefix_lam
            && after_trigger
            && e.class.is_armed()
            && tokens.partition_point(|t| t.end <= m.span.start) == trigger.end_token;
        let marked_target =
            before.is_some_and(|w| TARGET_MARKERS.contains(&w)) || (prefix_lam && !possessive);
        let i = tokens.partition_point(|t| t.end <= m.span.start);
        let marked_agent = i >= 2
            && tokens[i - 2].text(norm) == AGENT_MARKER[0]
            && tokens[i - 1].text(norm) == AGENT_MARKER[1];
        if after_trigger && marked_target && !marked_agent {
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

/// The mention is the group a figure counts («20 من X»، «خمسة عناصر من X»): the
/// side that suffered, not one that acted. Without a figure («عناصر من X شنوا
/// هجوما») the members may well be the actors.
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
                && matches!(h.kind, TermKind::Victim(_) | TermKind::Count(_))
                && h.first_token > 0
                && figure_ends(tokens[h.first_token - 1].end)
        })
}

fn most_specific_place(rec: &Recognition, sentence: &Range<usize>) -> Option<usize> {
    rec.mentions_in(sentence)
        .map(|m| m.entity)
        .filter(|&e| rec.entities[e].class.is_place())
        .max_by_key(|&e| rec.specificity(e))
}

/// Statuses one happening may be told with in one article: an attempt or a
/// possibility also reported as having happened is the happening. Foiled and refuted
/// events stay apart from happened ones.
fn statuses_agree(a: EventStatus, b: EventStatus) -> bool {
    use EventStatus::*;
    let soft = |s| matches!(s, Occurred | Attempted | Possible);
    a == b || (soft(a) && soft(b))
}

fn same_happening(rec: &Recognition, a: &Event, b: &Event) -> bool {
    if a.class != b.class || !statuses_agree(a.status, b.status) {
        return false;
    }
    if any_actor_agent(a.class) && a.agents != b.agents {
        return false;
    }
    let place_ok = match (a.place, b.place) {
        (Some(x), Some(y)) => rec.within(x, y) || rec.within(y, x) || same_city(rec, x, y),
        _ => true,
    };
    // a happening dated only by its month or year («في 2014»، «في مارس 2019») is
    // background history: it is not the undated news of the article
    let background =
        |d: Option<DateValue>| matches!(d, Some(DateValue::Year(_) | DateValue::YearMonth { .. }));
    let date_ok = match (a.date, b.date) {
        (Some(x), Some(y)) => x == y,
        (x, y) => !background(x) && !background(y),
    };
    place_ok && date_ok
}

/// Both places are in (or, per the text, next to) one city: two neighbourhoods of it,
/// a prison and a district, a village on its outskirts. In one article, fighting
/// there is one battle.
fn same_city(rec: &Recognition, x: usize, y: usize) -> bool {
    let city_of = |p: usize| -> Option<String> {
        let e = &rec.entities[p];
        if e.class == EntityClass::City {
            return Some(e.iri.clone());
        }
        e.within
            .iter()
            .find(|w| {
                rec.entities
                    .iter()
                    .any(|c| &c.iri == *w && c.class == EntityClass::City)
            })
            .or(e.near.first())
            .cloned()
    };
    matches!((city_of(x), city_of(y)), (Some(a), Some(b)) if a == b)
}

fn merge(into: &mut Event, other: Event) {
    // reported as happened anywhere in the article: it happened
    if other.status == EventStatus::Occurred {
        into.status = EventStatus::Occurred;
    }
    if !into.reported_in.contains(&other.sentence) {
        into.reported_in.push(other.sentence);
    }
    for a in other.agents {
        if !into.agents.contains(&a) {
            into.agents.push(a);
        }
    }
    for t in other.targets {
        if !into.targets.contains(&t) {
            into.targets.push(t);
        }
    }
    into.agents.retain(|a| !into.targets.contains(a));
    if into.place.is_none() {
        into.place = other.place;
    }
    if into.date.is_none() {
        into.date = other.date;
    }
}

fn link_sub_events(rec: &Recognition, events: &mut [Event]) {
    let Some(main) = events
        .iter()
        .position(|e| e.class == EventClass::Attack && e.place.is_some())
    else {
        return;
    };
    let main_place = events[main].place.expect("checked above");
    for (i, e) in events.iter_mut().enumerate() {
        if i != main && can_be_sub_event(e.class) {
            if let Some(p) = e.place {
                if rec.within(p, main_place) || rec.within(main_place, p) {
                    e.sub_event_of = Some(main);
                }
            }
        }
    }
}

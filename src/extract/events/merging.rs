//! Merging: which mentions in one article tell one happening, and how their
//! reports combine.
//!
//! Two mentions are one happening when their class, status and parties agree and
//! their places and dates are compatible (`same_happening`); merged, the first
//! keeps its trigger and the later ones add sentences, parties and a more precise
//! place (`merge`). After reading: a generic mention joins the specific event told
//! with it (`absorb_generic`), killings told in an attack's sentences are that
//! attack (`fold_killings_into_attacks`), and bombings, escapes and clashes at an
//! attack's place become its sub-events (`link_sub_events`).
//!
//! Guarantee: merging only removes events; every index a caller keeps after these
//! passes (`sub_event_of`) points into the returned list.

use super::super::dates::DateValue;
use super::super::lexicon::{EntityClass, EventClass, EventStatus};
use super::super::recognise::{Entity, Recognition};
use super::{any_actor_agent, can_be_sub_event, specific, Event, News};

/// «استهدف تفجير انتحاري سوقاً»، «استهداف مسيرة تركية لسيارة»: an event told only
/// by a generic trigger is the specific event reported in the same sentence (an
/// attack, bombing, strike or killing; for a word of flight, the escape or the
/// displacement told there: «النازحين … هرباً من»); an explosion at the place of a
/// strike is that strike; else it may be a happening told before, as any mention.
pub(super) fn absorb_generic(
    rec: &Recognition,
    near: &[(usize, usize)],
    events: Vec<Event>,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    let mut generic = Vec::new();
    for e in events {
        if e.generic {
            generic.push(e);
        } else {
            out.push(e);
        }
    }
    for g in generic {
        let told_with = |a: &Event| {
            (a.class == g.class || (specific(a.class) && specific(g.class)))
                && statuses_agree(a.status, g.status)
                && g.reported_in.iter().any(|s| a.reported_in.contains(s))
        };
        let struck_there = |a: &Event| {
            g.class == EventClass::Bombing
                && a.class == EventClass::Airstrike
                && match (a.place, g.place) {
                    (Some(x), Some(y)) => {
                        rec.within(x, y)
                            || rec.within(y, x)
                            || near.contains(&(x, y))
                            || near.contains(&(y, x))
                    }
                    _ => false,
                }
        };
        let host = out
            .iter()
            .position(told_with)
            .or_else(|| out.iter().position(struck_there))
            .or_else(|| out.iter().position(|a| same_happening(rec, near, a, &g)));
        match host {
            Some(i) => {
                let mut g = g;
                g.class = out[i].class;
                merge(rec, &mut out[i], g);
            }
            None => out.push(g),
        }
    }
    out.sort_by_key(|e| e.trigger.start);
    out
}

/// «هجوم على ثكنة، وأعدم من خلاله 11 عنصرا»: killings told in the very sentences
/// that report an attack (or bombing) at a compatible place are that attack's
/// casualties, not a happening of their own.
pub(super) fn fold_killings_into_attacks(rec: &Recognition, events: Vec<Event>) -> Vec<Event> {
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
                merge(rec, &mut out[i], k);
            }
            None => out.push(k),
        }
    }
    // keep text order
    out.sort_by_key(|e| e.trigger.start);
    out
}

/// Statuses one happening may be told with in one article: an attempt or a
/// possibility also reported as having happened is the happening. Foiled and refuted
/// events stay apart from happened ones.
pub(super) fn statuses_agree(a: EventStatus, b: EventStatus) -> bool {
    use EventStatus::*;
    let soft = |s| matches!(s, Occurred | Attempted | Possible);
    a == b || (soft(a) && soft(b))
}

pub(super) fn same_happening(
    rec: &Recognition,
    near: &[(usize, usize)],
    a: &Event,
    b: &Event,
) -> bool {
    if a.class != b.class || !statuses_agree(a.status, b.status) {
        return false;
    }
    // a statement is one party's (they share a speaker); a meeting is the same
    // parties'
    let parties_ok = match a.class {
        EventClass::Statement => a.agents.iter().any(|x| b.agents.contains(x)),
        _ if any_actor_agent(a.class) => a.agents == b.agents,
        _ => true,
    };
    if !parties_ok {
        return false;
    }
    // one party's statements in an article are one, wherever they are placed; its
    // declarations of news are one per news told at one place
    let declared = a.news == News::Declared || b.news == News::Declared;
    let place_ok = match (a.place, b.place) {
        _ if a.class == EventClass::Statement && !declared => true,
        (Some(x), Some(y)) => {
            near.contains(&(x, y))
                || near.contains(&(y, x))
                || places_agree(rec, x, y, !(a.summary || b.summary), told_next(a, b))
        }
        _ => true,
    };
    place_ok && dates_agree(a.date, b.date)
}

/// Places one happening may be told at in one article: the same place, one inside
/// the other (below the level of a country when one is a summary: «two attacks in
/// Iraq and Syria» are not the attack in Diyala), two places of one city, or, told
/// in the next sentence, a region and a town or village nobody has placed anywhere
/// (one the gazetteer does not know, told of the happening in that region).
fn places_agree(rec: &Recognition, x: usize, y: usize, country_ok: bool, next: bool) -> bool {
    let (ex, ey) = (&rec.entities[x], &rec.entities[y]);
    let outer_ok = |e: &Entity| country_ok || e.class != EntityClass::Country;
    let unplaced = |e: &Entity| e.within.is_empty() && e.class.place_rank() >= 3;
    x == y
        || (rec.within(x, y) && outer_ok(ey))
        || (rec.within(y, x) && outer_ok(ex))
        || same_city(rec, x, y)
        || (next && ex.class == EntityClass::Region && unplaced(ey))
        || (next && ey.class == EntityClass::Region && unplaced(ex))
}

/// `b` is told in the sentence right after one that tells `a` (or in the same).
fn told_next(a: &Event, b: &Event) -> bool {
    a.reported_in.iter().any(|s| {
        s == &b.sentence || (s.end <= b.sentence.start && b.sentence.start - s.end <= SENTENCE_GAP)
    })
}

/// The most bytes between two sentences that follow each other (a space, a line end).
const SENTENCE_GAP: usize = 4;

/// Dates one happening may carry: the same, or none beside one that is not
/// background. A happening dated only by its month or year («في 2014»، «في مارس
/// 2019») is background history: it is not the undated news of the article.
pub(super) fn dates_agree(a: Option<DateValue>, b: Option<DateValue>) -> bool {
    let background =
        |d: Option<DateValue>| matches!(d, Some(DateValue::Year(_) | DateValue::YearMonth { .. }));
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        (x, y) => !background(x) && !background(y),
    }
}

/// Both places are in (or, per the text, next to) one city: two neighbourhoods of it,
/// a prison and a district, a village on its outskirts or in its countryside
/// («قرية X بريف الحسكة» and «قرب الحسكة»: a headline names the city, the lead
/// the village). In one article, fighting there is one battle.
fn same_city(rec: &Recognition, x: usize, y: usize) -> bool {
    let entity = |iri: &str| rec.entities.iter().find(|c| c.iri == iri);
    let city_of = |p: usize| -> Option<String> {
        let e = &rec.entities[p];
        if e.class == EntityClass::City {
            return Some(e.iri.clone());
        }
        e.within
            .iter()
            .find(|w| entity(w).is_some_and(|c| c.class == EntityClass::City))
            .or(e.near.first())
            // in a place that lies around a city («ريف الحسكة»)
            .or_else(|| e.within.iter().find_map(|w| entity(w)?.near.first()))
            .cloned()
    };
    matches!((city_of(x), city_of(y)), (Some(a), Some(b)) if a == b)
}

/// Place `q` lies in the countryside of city `p` («قرية X بريف الحسكة» beside
/// «الحسكة»): it names the happening's place more precisely. (A place the text
/// only puts next to a city, «قرية X جنوب كوباني», stays the city's: the store
/// keeps no such link, so other articles' reports of the city would not meet it.)
fn around(rec: &Recognition, q: usize, p: usize) -> bool {
    let (eq, city) = (&rec.entities[q], &rec.entities[p]);
    city.class == EntityClass::City
        && eq.within.iter().any(|w| {
            rec.entities
                .iter()
                .any(|c| &c.iri == w && c.near.contains(&city.iri))
        })
}

pub(super) fn merge(rec: &Recognition, into: &mut Event, other: Event) {
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
    // a later mention may name the place more precisely («هجوم على قرية في كردستان
    // … ووقع الهجوم في قضاء مخمور»)
    into.place = match (into.place, other.place) {
        (Some(p), Some(q)) if p != q && (rec.within(q, p) || around(rec, q, p)) => Some(q),
        (p, q) => p.or(q),
    };
    into.news = into.news.max(other.news);
    into.generic &= other.generic;
    into.summary &= other.summary;
    if into.date.is_none() {
        into.date = other.date;
    }
}

pub(super) fn link_sub_events(rec: &Recognition, events: &mut [Event]) {
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

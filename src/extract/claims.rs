//! Count claims: every number an article ties to an event, with what it counts,
//! who was counted and who the article credits for it.
//!
//! A quantity becomes a claim when a count cue says what it counts: the noun right
//! after the number («41 قتيلا»، «3500 سجين») or the nearest cue before it in the
//! clause («مقتل 11 جنديا»). In a breakdown («41 قتيلا بينهم 20 من … و16 من … و5
//! مدنيين») items without a cue of their own inherit the kind of the total before them.
//!
//! The victim is the group named after the number: a victim noun («جنديا» → the
//! armed force of that class nearest in the sentence; «مدنيين» → isn:Civilians), or
//! «من X» → X, or an adjective of origin after the noun («مقاتلا كرديا» → the actor
//! whose name carries it, «القوات الكردية»); otherwise everyone counted. Sides
//! joined by «و» («من قسد وتنظيم داعش») give one vague claim each, but an exact
//! figure for them together is one claim (never the same figure per side). «واحد»
//! written after a noun («ليلة واحدة») is an adjective, not a figure; a figure one
//! source repeats about one event is one claim (the repeat naming the victim stays).
//!
//! The source is the one `attribution` credits at the number's position (the
//! frame in its clause, else the nearest before it in the sentence); with no frame,
//! the article itself.
//!
//! Invariant: a claim's span is a normalised byte range running from its qualifier
//! or number to the end of what it counts, inside one sentence.

use super::attribution::Attribution;
use super::dates::DateMention;
use super::events::Event;
use super::lexicon::{CountKind, EntityClass, EventClass, Hit, Stance, TermKind, VictimNoun};
use super::numbers::{Qualifier, Quantity};
use super::recognise::Recognition;
use super::recognise::Source;
use crate::text::Token;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Victim {
    Civilians,
    Everyone,
    Entity(usize),
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub event: usize,
    pub kind: CountKind,
    pub count: Option<u64>,
    pub qualifier: Qualifier,
    pub victim: Victim,
    pub source: Source,
    pub stance: Stance,
    /// Normalised byte range of the quantity and its noun: the quoted evidence.
    pub span: Range<usize>,
}

/// Event classes a count of each kind can be about, best first.
fn fits(kind: CountKind, class: EventClass) -> bool {
    use EventClass::*;
    match kind {
        CountKind::Killed | CountKind::Injured => {
            matches!(class, Attack | Bombing | ArmedClash | Airstrike | Killing)
        }
        CountKind::Escaped => class == PrisonBreak,
        CountKind::Captured => class == Arrest,
        CountKind::Held => matches!(class, Attack | PrisonBreak | Mutiny),
        CountKind::Attackers => matches!(class, Attack | Bombing),
        CountKind::Displaced => class == Displacement,
    }
}

/// «آخرون»: more of the group counted just before.
const OTHERS: &[&str] = &["اخرون", "اخرين", "اخري"];

/// Marks that open the items of a list, one per line.
const BULLETS: &[char] = &['_', '-', '*', '•', '·', '▪', '◦'];

/// Tokens between the number and its noun that a breakdown may carry («من بينهم»).
const PARTITIVE: &str = "من";

pub struct ClaimInput<'a> {
    pub norm: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Range<usize>],
    pub hits: &'a [Hit],
    pub rec: &'a Recognition,
    pub quantities: &'a [Quantity],
    pub dates: &'a [DateMention],
    pub events: &'a [Event],
    pub attribution: &'a Attribution,
}

pub fn extract(input: &ClaimInput<'_>) -> Vec<Claim> {
    let ClaimInput {
        norm,
        tokens,
        sentences,
        hits,
        rec,
        quantities,
        dates,
        events,
        attribution,
    } = *input;
    let mut claims: Vec<Claim> = Vec::new();
    // a breakdown may continue on the lines after «… يتوزعون كالتالي:»
    let mut carried: Option<CountKind> = None;
    for sentence in sentences {
        let text = &norm[sentence.clone()];
        let continues_list =
            text.starts_with(BULLETS) || norm[..sentence.start].trim_end().ends_with(':');
        let mut sentence_kind: Option<CountKind> = if continues_list { carried } else { None };
        for q in quantities
            .iter()
            .filter(|q| q.span.start >= sentence.start && q.span.end <= sentence.end)
        {
            if dates
                .iter()
                .any(|d| d.span.start < q.number.end && q.number.start < d.span.end)
            {
                continue;
            }
            if is_numeral_adjective(norm, tokens, hits, q) {
                continue; // «ليلة واحدة»، «نجا عنصر واحد»: "one" describes a noun
            }
            let noun = noun_after(tokens, hits, q);
            if noun.is_none() && counts_something_else(norm, tokens, hits, q) {
                continue; // «3 صهاريج»: the number counts tankers, not people
            }
            let kind = noun
                .and_then(|h| match h.kind {
                    TermKind::Count(k) => Some(k),
                    _ => None,
                })
                .or_else(|| nearest_cue(norm, tokens, hits, sentence, q, noun))
                .or(sentence_kind);
            let Some(kind) = kind else {
                continue;
            };
            sentence_kind = Some(kind);
            carried = Some(kind);
            let Some(event) = event_for(events, sentence, q, kind) else {
                continue;
            };
            let (source, stance) = attribution.credit(sentence, q.span.start);
            let (mut victim, end) =
                victim_of(norm, tokens, hits, rec, q, noun, kind, &events[event]);
            // «قتل ستة عناصر من الجيش وأصيب أربعة آخرون»: the others are of the same group
            let others = tokens
                .get(tokens.partition_point(|t| t.start < q.span.end))
                .is_some_and(|t| OTHERS.contains(&t.text(norm)));
            if others && victim == Victim::Everyone {
                if let Some(previous) = claims.last().filter(|c| sentence.contains(&c.span.start)) {
                    victim = previous.victim.clone();
                }
            }
            // «مقتل وإصابة عشرات من صفوف قسد وتنظيم داعش»: every kind for every side
            let mut kinds = vec![kind];
            if noun.is_none() {
                kinds.extend(coordinated_kind(norm, tokens, hits, sentence, q, kind));
            }
            let mut victims = vec![(victim, end)];
            if let Victim::Entity(_) = &victims[0].0 {
                let sides = coordinated_victims(norm, tokens, rec, end);
                if q.value.is_none() {
                    // «عشرات من قسد وداعش»: a vague figure about each side
                    victims.extend(sides);
                } else if let Some(&(_, last)) = sides.last() {
                    // «20 من قوى الأمن الداخلي وقوات مكافحة الإرهاب»: one figure
                    // for all the sides together, never the same figure for each
                    // (that would count the dead twice); credited to the side
                    // named first, quoted with every side
                    victims[0].1 = last;
                }
            }
            for &kind in &kinds {
                for (victim, end) in &victims {
                    claims.push(Claim {
                        event,
                        kind,
                        count: q.value,
                        qualifier: q.qualifier,
                        victim: victim.clone(),
                        source: source.clone(),
                        stance,
                        span: q.span.start..(*end).max(q.span.end),
                    });
                }
            }
        }
    }
    drop_unspecific_repeats(claims)
}

/// One figure told twice by the same source about the same event is one claim: when
/// a repeat names who was counted («11 شهيدا» … «11 شهيدا من الجيش»), the mention
/// that counts everyone adds nothing and is dropped.
fn drop_unspecific_repeats(claims: Vec<Claim>) -> Vec<Claim> {
    let same_figure = |a: &Claim, b: &Claim| {
        a.event == b.event
            && a.kind == b.kind
            && a.count.is_some()
            && a.count == b.count
            && a.qualifier == b.qualifier
            && a.source == b.source
            && a.stance == b.stance
    };
    let keep: Vec<bool> = claims
        .iter()
        .map(|c| {
            c.victim != Victim::Everyone
                || !claims
                    .iter()
                    .any(|o| o.victim != Victim::Everyone && same_figure(c, o))
        })
        .collect();
    claims
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

/// «ليلة واحدة»، «عنصر واحد»: the number word for one written after a noun that
/// counts nobody is an adjective ("a single night"), not a figure. «قتيل واحد» still
/// counts one dead.
fn is_numeral_adjective(norm: &str, tokens: &[Token], hits: &[Hit], q: &Quantity) -> bool {
    let word = &norm[q.number.clone()];
    if q.value != Some(1) || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let first = tokens.partition_point(|t| t.end <= q.number.start);
    let Some(before) = first.checked_sub(1).map(|i| &tokens[i]) else {
        return false;
    };
    let adjacent = norm[before.end..q.number.start].chars().all(|c| c == ' ');
    let counts_people = hits.iter().any(|h| {
        h.first_token == first - 1 && matches!(h.kind, TermKind::Count(_) | TermKind::Victim(_))
    });
    adjacent
        && before.kind == crate::text::TokenKind::Word
        && !counts_people
        && q.span.start == q.number.start
}

/// Words that may stand between a number and what it counts, or end the phrase:
/// after them the number may still count people («20 من …»، «11 بينهم ضابط»).
const AFTER_NUMBER_LINKS: &[&str] = &[
    "من",
    "في",
    "علي",
    "الي",
    "عن",
    "بينهم",
    "منهم",
    "اخرين",
    "اخرون",
    "اخري",
    "اخر",
    "اضافه",
    "اثر",
    "خلال",
    "جراء",
    "بعد",
    "قبل",
    "حتي",
    "منذ",
    "و",
    "او",
    "ثم",
    "فقط",
    "علي الاقل",
    "تقريبا",
];

/// The number is followed directly by a noun the lexicon does not know as a count or
/// victim word: it counts that (tankers, vehicles, rockets), not people.
fn counts_something_else(norm: &str, tokens: &[Token], hits: &[Hit], q: &Quantity) -> bool {
    let next = tokens.partition_point(|t| t.start < q.span.end);
    let Some(t) = tokens.get(next) else {
        return false;
    };
    let gap = &norm[q.span.end..t.start];
    if t.kind != crate::text::TokenKind::Word || !gap.chars().all(|c| c == ' ') {
        return false;
    }
    let word = t.text(norm);
    let known = hits.iter().any(|h| {
        h.first_token == next
            && matches!(
                h.kind,
                TermKind::Count(_)
                    | TermKind::Victim(_)
                    | TermKind::Entity(_)
                    | TermKind::Anaphor(_)
            )
    });
    !known && !AFTER_NUMBER_LINKS.contains(&word) && !word.starts_with('و')
}

/// A count cue or victim noun right after the number (allowing «من»).
/// A word that is both («قتيل» counts the killed and names who) is taken as the count.
fn noun_after<'h>(tokens: &[Token], hits: &'h [Hit], q: &Quantity) -> Option<&'h Hit> {
    let next = tokens.partition_point(|t| t.start < q.number.end);
    let at_next = || hits.iter().filter(move |h| h.first_token == next);
    at_next()
        .find(|h| matches!(h.kind, TermKind::Count(_)))
        .or_else(|| at_next().find(|h| matches!(h.kind, TermKind::Victim(_))))
}

/// How many tokens after the number (and its noun) a count cue may follow it, within
/// its clause («9 عناصر قتلوا»، «عشرات السجناء من الفرار»، «30 من عناصر التنظيم قتلوا»).
const CUE_AFTER_REACH: usize = 5;

/// The count cue nearest the quantity in its sentence: the last one before it, or one
/// within a few tokens after it (its noun included), whichever is closer in tokens.
fn nearest_cue(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    sentence: &Range<usize>,
    q: &Quantity,
    noun: Option<&Hit>,
) -> Option<CountKind> {
    let count = |h: &Hit| match h.kind {
        TermKind::Count(k) => Some(k),
        _ => None,
    };
    let first = tokens.partition_point(|t| t.end <= q.span.start);
    let after_from = noun.map_or_else(
        || tokens.partition_point(|t| t.start < q.number.end),
        |h| h.end_token,
    );
    let before = hits
        .iter()
        .filter(|h| h.start >= sentence.start && h.end <= q.span.start)
        .filter_map(|h| count(h).map(|k| (first.saturating_sub(h.end_token), k)))
        .next_back();
    let clause = crate::text::sentence_and_clause(norm, std::slice::from_ref(sentence), &q.span)
        .map_or_else(|| sentence.clone(), |(_, clause)| clause);
    let after = hits
        .iter()
        .filter(|h| h.end <= clause.end && h.first_token >= after_from)
        .filter(|h| h.first_token - after_from < CUE_AFTER_REACH)
        .find_map(|h| count(h).map(|k| (h.first_token - after_from, k)));
    match (before, after) {
        (Some((db, kb)), Some((da, ka))) => Some(if da < db { ka } else { kb }),
        (b, a) => b.or(a).map(|(_, k)| k),
    }
}

/// How far after «من» the named group may start («من عناصر التنظيم»).
const PARTITIVE_REACH: usize = 3;

#[allow(clippy::too_many_arguments)]
fn victim_of(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    rec: &Recognition,
    q: &Quantity,
    noun: Option<&Hit>,
    kind: CountKind,
    event: &Event,
) -> (Victim, usize) {
    let noun_end = noun.map_or(q.number.end, |h| h.end);
    // «20 من قوات X», «16 من عناصر التنظيم», «11 عنصرا من الجيش»
    let next = tokens.partition_point(|t| t.start < noun_end);
    if tokens.get(next).is_some_and(|t| t.text(norm) == PARTITIVE) {
        let reach_end = tokens
            .get(next + 1 + PARTITIVE_REACH)
            .map_or(usize::MAX, |t| t.start);
        let named = rec
            .mentions
            .iter()
            .find(|m| m.span.start > tokens[next].end && m.span.start < reach_end);
        if let Some(m) = named.filter(|m| rec.entities[m.entity].class.is_actor()) {
            return (Victim::Entity(m.entity), m.span.end);
        }
    }
    // «23 مقاتلا كرديا»: an adjective of origin after the noun names the side whose
    // name carries the same adjective («القوات الكردية»)
    if let Some(found) = noun.and_then(|h| nisba_side(norm, tokens, hits, rec, q, h)) {
        return found;
    }
    // the noun itself may name who («قتيلا» everyone, «مدنيين»), or the word after
    // it («قتلى مدنيين»)
    let victim_at = |token: usize| {
        hits.iter().find_map(|h| match h.kind {
            TermKind::Victim(v) if h.first_token == token => Some(v),
            _ => None,
        })
    };
    let victim_noun = noun.and_then(|h| {
        let own = victim_at(h.first_token);
        let next = victim_at(h.end_token);
        match (own, next) {
            (Some(VictimNoun::Everyone), Some(v)) => Some(v),
            (own, next) => own.or(next),
        }
    });
    // `generic`: the noun names no side («عنصرا»), so the side that carried out
    // the event is not the one counted among its dead
    let of_class = |class: Option<EntityClass>, generic: bool| {
        let fits = |e: usize| {
            class.map_or(rec.entities[e].class.is_armed(), |c| {
                rec.entities[e].class == c
            })
        };
        let excluded =
            |e: usize| generic && !kind_counts_members(kind) && event.agents.contains(&e);
        // the event's targets first (the victims of an attack), then the nearest mention
        event
            .targets
            .iter()
            .copied()
            .find(|&e| fits(e))
            .or_else(|| nearest(rec, q, |e| fits(e) && !excluded(e)))
    };
    // those held, escaped or captured are an armed group's members
    let member_class = kind_counts_members(kind).then_some(EntityClass::ArmedGroup);
    let victim = match victim_noun {
        Some(VictimNoun::Civilians) => Some(Victim::Civilians),
        Some(VictimNoun::MemberOf(class)) => of_class(Some(class), false).map(Victim::Entity),
        Some(VictimNoun::Member) => of_class(member_class, true).map(Victim::Entity),
        Some(VictimNoun::Everyone) | None => match kind {
            _ if member_class.is_some() => of_class(member_class, false).map(Victim::Entity),
            // the displaced are civilians unless the text says otherwise
            CountKind::Displaced => Some(Victim::Civilians),
            _ => None,
        },
    };
    (victim.unwrap_or(Victim::Everyone), noun_end)
}

/// The stem of an adjective of origin (nisba): «كرديا»، «الكردية»، «عراقيين» →
/// «كرد»، «كرد»، «عراق». `None` for a word without the nisba ending.
fn nisba_stem(word: &str) -> Option<&str> {
    let word = word.strip_prefix("ال").unwrap_or(word);
    ["يين", "يون", "يات", "يه", "يا", "ي"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .filter(|stem| stem.chars().count() >= 3)
}

/// The actor an adjective of origin right after the victim noun points to: the
/// mention nearest the quantity whose name has an adjective with the same stem.
fn nisba_side(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    rec: &Recognition,
    q: &Quantity,
    noun: &Hit,
) -> Option<(Victim, usize)> {
    if matches!(noun.kind, TermKind::Victim(VictimNoun::Civilians)) {
        return None;
    }
    let adjective = tokens
        .get(noun.end_token)
        .filter(|t| norm[noun.end..t.start].chars().all(|c| c == ' '))?;
    // «قتلى مدنيين»: a word the lexicon knows is not an adjective of origin
    if hits.iter().any(|h| h.first_token == noun.end_token) {
        return None;
    }
    let stem = nisba_stem(adjective.text(norm))?;
    let carries = |m: &&super::recognise::Mention| {
        rec.entities[m.entity].class.is_armed()
            && tokens
                .iter()
                .filter(|t| t.start >= m.span.start && t.end <= m.span.end)
                .any(|t| nisba_stem(t.text(norm)) == Some(stem))
    };
    let m = rec
        .mentions
        .iter()
        .filter(carries)
        .min_by_key(|m| m.span.start.abs_diff(q.span.start))?;
    Some((Victim::Entity(m.entity), adjective.end))
}

/// The count word before the quantity joined by «و» to another one («مقتل وإصابة
/// عشرات»): the other kind counted by the same figure.
fn coordinated_kind(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    sentence: &Range<usize>,
    q: &Quantity,
    kind: CountKind,
) -> Option<CountKind> {
    let cues: Vec<(&Hit, CountKind)> = hits
        .iter()
        .filter(|h| h.start >= sentence.start && h.end <= q.span.start)
        .filter_map(|h| match h.kind {
            TermKind::Count(k) => Some((h, k)),
            _ => None,
        })
        .collect();
    let [.., (first, k1), (second, k2)] = cues.as_slice() else {
        return None;
    };
    let joined = first.end_token == second.first_token
        && norm[tokens[second.first_token].start..second.start] == *"و"
        && second.end_token == tokens.partition_point(|t| t.start < q.span.start);
    (joined && *k2 == kind && k1 != k2).then_some(*k1)
}

/// The groups joined by «و» one after another right after the first («من قسد
/// وتنظيم داعش»، «من الأسايش وقوات مكافحة الإرهاب ووحدات حماية الشعب»), each with
/// where its name ends.
fn coordinated_victims(
    norm: &str,
    tokens: &[Token],
    rec: &Recognition,
    mut end: usize,
) -> Vec<(Victim, usize)> {
    let mut sides = Vec::new();
    while let Some(t) = tokens.get(tokens.partition_point(|t| t.start < end)) {
        if !norm[end..t.start].chars().all(|c| c == ' ') || !t.text(norm).starts_with('و') {
            break;
        }
        let Some(m) = rec.mentions.iter().find(|m| {
            m.span.start == t.start + 'و'.len_utf8() && rec.entities[m.entity].class.is_actor()
        }) else {
            break;
        };
        sides.push((Victim::Entity(m.entity), m.span.end));
        end = m.span.end;
    }
    sides
}

/// Counts of people held, escaped or captured count an armed group's members.
fn kind_counts_members(kind: CountKind) -> bool {
    matches!(
        kind,
        CountKind::Held | CountKind::Escaped | CountKind::Captured
    )
}

/// The entity of the mention accepted by `fits` nearest to the quantity (before it first).
fn nearest(rec: &Recognition, q: &Quantity, fits: impl Fn(usize) -> bool) -> Option<usize> {
    rec.mentions
        .iter()
        .rev()
        .find(|m| m.span.start < q.span.start && fits(m.entity))
        .or_else(|| {
            rec.mentions
                .iter()
                .find(|m| m.span.start >= q.span.end && fits(m.entity))
        })
        .map(|m| m.entity)
}

fn event_for(
    events: &[Event],
    sentence: &Range<usize>,
    q: &Quantity,
    kind: CountKind,
) -> Option<usize> {
    let in_sentence = |e: &&Event| e.reported_in.contains(sentence);
    let fitting = |e: &&Event| fits(kind, e.class);
    let pick =
        |found: Option<&Event>| found.and_then(|f| events.iter().position(|e| std::ptr::eq(e, f)));
    // 1. a fitting event reported in this sentence, 2. the last fitting one before it,
    // 3. the first fitting one in the article, 4. any event in this sentence.
    pick(events.iter().filter(in_sentence).find(fitting))
        .or_else(|| {
            pick(
                events
                    .iter()
                    .filter(|e| e.trigger.start < q.span.start)
                    .rfind(fitting),
            )
        })
        .or_else(|| pick(events.iter().find(fitting)))
        .or_else(|| pick(events.iter().find(in_sentence)))
}

#[cfg(test)]
mod tests {
    use super::nisba_stem;

    #[test]
    fn adjectives_of_origin_share_their_stem_across_forms() {
        for (word, stem) in [
            ("كرديا", Some("كرد")),
            ("الكرديه", Some("كرد")),
            ("عراقيين", Some("عراق")),
            ("العراقي", Some("عراق")),
            ("التي", None),
            ("في", None),
            ("العراق", None),
        ] {
            assert_eq!(nisba_stem(word), stem, "{word}");
        }
    }
}

//! Attribution: who the article credits for what it reports, frame by frame.
//!
//! A reporting frame is a reporting term from the lexicon («قال»، «أفاد»، «وفقا لـ»،
//! «نفت») and the source it names: an actor or an unnamed-source phrase within a
//! few tokens after it («أفاد المرصد»، «قال مصدر أمني»), a titled person however
//! long the title («أعلن نائب قائد … الجنرال فلان»), or an actor right before it
//! («وكان المرصد، ومقره لندن، قد أفاد»). A frame with no named subject («وأضاف»)
//! continues the previous source, a participle («مشيرا») the subject of the verb
//! before it; a document's words («وجاء فيه»، «وأضاف البيان») the issuer of the
//! statement reported last before them (so this room reads the events); a citation
//! naming no one («وحسب الصور») whoever speaks in its sentence.
//!
//! Only verbs of saying with their own subject are statements: citations («وفقا
//! لـ»)، relays («نقل عن») and participles are not.
//!
//! Invariants: every frame lies inside one sentence; an unnamed source is a
//! normalised byte range of its phrase (noun plus adjective or body), never the
//! reported content; with no frame in its sentence a fact is the article's own.

use super::events::Event;
use super::lexicon::{EntityClass, EventClass, Hit, Stance, TermKind};
use super::recognise::{Recognition, Source};
use crate::text::{Token, COMPLEMENTIZERS};
use std::ops::Range;

/// A reporting frame («قال X»، «وفقا لـ X»، «نفت X») and the source it names.
#[derive(Debug, Clone)]
struct Frame {
    /// Where the reporting term starts (normalised byte offset).
    at: usize,
    sentence: Range<usize>,
    clause: Range<usize>,
    /// Where the reporting term ends.
    end: usize,
    /// The named source, or the one a subject-less frame («وأضاف») continues.
    source: Option<Source>,
    /// The source is named by this frame, not continued from an earlier one.
    named: bool,
    /// A verb of saying with its own subject («قال»، «أعلن»): a statement, unlike a
    /// citation («وفقا لـ»)، a relay («نقل عن») or a participle («مشيرا»).
    says: bool,
    stance: Stance,
}

/// Who an article credits for what it reports, frame by frame.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    frames: Vec<Frame>,
}

/// Where an unnamed source's phrase ends: its noun and one adjective («مصدر أمني»،
/// «مصادر طبية»), or its noun and the body it belongs to («مصدر في الحشد الشعبي»،
/// «مسؤول في وزارة الدفاع»); never on a preposition or the reported content.
fn unnamed_source_end(norm: &str, tokens: &[Token], rec: &Recognition, noun: &Hit) -> usize {
    let Some(next) = tokens
        .get(noun.end_token)
        .filter(|t| norm[noun.end..t.start].trim().is_empty())
    else {
        return noun.end;
    };
    let word = next.text(norm);
    if matches!(word, "في" | "من" | "داخل" | "ب") {
        // «مصدر في الحشد»، «مصدر في شرطة كركوك»: through the body named after the
        // preposition, within two words of it
        let reach = tokens
            .get(noun.end_token + 3)
            .map_or(usize::MAX, |t| t.start);
        let body = rec.mentions.iter().find(|m| {
            m.span.start > next.end
                && m.span.start < reach
                && norm[next.end..m.span.start]
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ')
        });
        return body.map_or(noun.end, |m| m.span.end);
    }
    if PREPOSITIONS.contains(&word)
        || COMPLEMENTIZERS.contains(&word)
        || next.kind != crate::text::TokenKind::Word
    {
        return noun.end;
    }
    next.end
}

/// Documents a source is cited through: «بحسب إحصائية للمرصد»، «وفق تقرير لـ…».
const DOCUMENT_NOUNS: &[&str] = &[
    "احصاييه",
    "احصاء",
    "تقرير",
    "بيان",
    "تصريح",
    "تصريحات",
    "حصيله",
    "معطيات",
    "ارقام",
    "معلومات",
    "رساله",
    "وثيقه",
    "دراسه",
    "كتاب",
];

/// Frames that quote a document («وجاء فيه»، «وورد في البيان»): what follows is the
/// document's words, credited to whoever the frame names («جاء في بيان للمرصد») or
/// else to the issuer of the statement reported last before it («أصدرت الوزارة
/// بياناً … وجاء فيه»).
const DOCUMENT_FRAMES: &[&str] = &[
    "جاء في",
    "جاء فيه",
    "جاء فيها",
    "ورد في",
    "ورد فيه",
    "ورد فيها",
];

/// Frames that are prepositions: they name their source and never continue one.
const PREPOSITIONAL_FRAMES: &[&str] = &[
    "وفق",
    "وفقا",
    "وفقا ل",
    "بحسب",
    "حسب",
    "حسبما",
    "نقلا عن",
    "استنادا الي",
    "طبقا ل",
];

/// Participles of saying: they go on with the subject of the verb before them
/// («أكد …، مشيرا إلى»); their sentence already holds the statement.
const PARTICIPLE_FRAMES: &[&str] = &[
    "مشيرا",
    "مشيره",
    "موكدا",
    "موكده",
    "مضيفا",
    "مضيفه",
    "موضحا",
    "موضحه",
    "لافتا",
    "لافته",
];

/// Relays: the subject passes on what someone else said («نقل مراسل … عن مصادر»);
/// that is a citation, not a statement of its own.
const RELAY_FRAMES: &[&str] = &["نقل", "نقلت", "نقلا عن"];

/// Prepositions: a name right after one is not a verb's subject.
const PREPOSITIONS: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "ضد", "لدي", "عند", "حول", "بين",
];

/// How many tokens before a reporting term a subject named first may stand
/// («وكان المرصد، ومقره لندن، قد أفاد»).
const SUBJECT_BEFORE_REACH: usize = 6;

/// How many tokens after a reporting term its subject may start
/// («أفاد المرصد»، «قال المتحدث باسم … فلان»).
const SUBJECT_REACH: usize = 4;

impl Attribution {
    /// Finds every reporting frame of the article and the source each names.
    pub fn find(
        norm: &str,
        tokens: &[Token],
        sentences: &[Range<usize>],
        hits: &[Hit],
        rec: &Recognition,
        events: &[Event],
    ) -> Attribution {
        let mut frames: Vec<Frame> = Vec::new();
        let mut last_named: Option<Source> = None;
        for h in hits {
            let TermKind::Reporting(stance) = h.kind else {
                continue;
            };
            if frames.last().is_some_and(|f| f.at == h.start) {
                continue; // one frame per reporting term, however many patterns matched
            }
            let Some((sentence, clause)) =
                crate::text::sentence_and_clause(norm, sentences, &h.range())
            else {
                continue;
            };
            let term = &norm[h.range()];
            let participle = PARTICIPLE_FRAMES.contains(&term);
            // «أكد التحالف …، مشيراً إلى …»: a participle goes on with the subject of
            // the verb before it in its sentence
            let previous_in_sentence = frames
                .last()
                .filter(|f| participle && f.sentence == sentence)
                .and_then(|f| f.source.clone());
            let prepositional = PREPOSITIONAL_FRAMES.contains(&term);
            // the source this frame names itself (a participle goes on with the
            // verb's instead)
            let named = previous_in_sentence
                .is_none()
                .then(|| subject_of(norm, tokens, hits, rec, h, &sentence))
                .flatten();
            // «وجاء فيه»، «وأضاف البيان»: the document's issuer speaks
            let issuer = || {
                quotes_document(norm, tokens, h)
                    .then(|| issuer_before(events, h.start))
                    .flatten()
                    .map(Source::Entity)
            };
            // «جاء فيه: "… وحسب مقطع الفيديو فإن …"»: a citation naming no one
            // is cited by whoever speaks in that sentence
            let speaking = || {
                frames
                    .last()
                    .filter(|f| prepositional && f.sentence == sentence)
                    .and_then(|f| f.source.clone())
            };
            let names_own = named.is_some();
            let source = previous_in_sentence
                .clone()
                .or(named)
                .or_else(issuer)
                .or_else(speaking);
            if source.is_some() {
                last_named = source.clone();
            }
            frames.push(Frame {
                at: h.start,
                end: h.end,
                named: names_own,
                says: !prepositional && !participle && !RELAY_FRAMES.contains(&term),
                sentence: sentence.clone(),
                clause,
                // «وأضاف» continues the last speaker; «بحسب …» names its own source
                source: if prepositional {
                    source
                } else {
                    source.or_else(|| last_named.clone())
                },
                stance,
            });
        }
        Attribution { frames }
    }

    /// Statements by officials: every frame whose own subject is a person with a
    /// title, a government or a coalition («قال الجنرال فلان»، «أعلنت وزارة …»):
    /// the reporting term, its sentence and the speaker.
    pub fn official_statements(
        &self,
        norm: &str,
        rec: &Recognition,
    ) -> Vec<(Range<usize>, Range<usize>, usize)> {
        self.frames
            .iter()
            .filter(|f| f.named && f.says && f.stance == Stance::Asserted)
            .filter_map(|f| match f.source {
                Some(Source::Entity(e)) => Some((f, e)),
                _ => None,
            })
            .filter(|(_, e)| {
                let entity = &rec.entities[*e];
                match entity.class {
                    EntityClass::Person => entity.role.is_some() && !entity.is_commentator(norm),
                    EntityClass::Government | EntityClass::Coalition => true,
                    _ => false,
                }
            })
            .map(|(f, e)| (f.at..f.end, f.sentence.clone(), e))
            .collect()
    }

    /// Who the article credits for what it says at `pos` in `sentence`, and with what
    /// stance: the frame in the same clause, else the nearest frame before it in the
    /// sentence, else the first after it; with no frame, the article itself.
    pub fn credit(&self, sentence: &Range<usize>, pos: usize) -> (Source, Stance) {
        let in_sentence: Vec<&Frame> = self
            .frames
            .iter()
            .filter(|f| &f.sentence == sentence)
            .collect();
        let same_clause = in_sentence
            .iter()
            .filter(|f| f.clause.start <= pos && pos < f.clause.end)
            .min_by_key(|f| f.at.abs_diff(pos));
        let frame = same_clause
            .or_else(|| {
                in_sentence
                    .iter()
                    .filter(|f| f.at <= pos)
                    .max_by_key(|f| f.at)
            })
            .or_else(|| in_sentence.iter().min_by_key(|f| f.at));
        match frame {
            Some(f) => (f.source.clone().unwrap_or(Source::Article), f.stance),
            None => (Source::Article, Stance::Asserted),
        }
    }
}

/// The frame quotes a document: a document frame («وجاء فيه») or a reporting verb
/// whose subject is a definite document noun («وأضاف البيان»).
fn quotes_document(norm: &str, tokens: &[Token], frame: &Hit) -> bool {
    DOCUMENT_FRAMES.contains(&&norm[frame.range()])
        || tokens.get(frame.end_token).is_some_and(|t| {
            t.start == frame.end + 1
                && t.text(norm)
                    .strip_prefix("ال")
                    .is_some_and(|w| DOCUMENT_NOUNS.contains(&w))
        })
}

/// The agent of the statement reported last before `pos` (its issuer, «أصدرت
/// الوزارة بياناً»), if it has one.
fn issuer_before(events: &[Event], pos: usize) -> Option<usize> {
    events
        .iter()
        .filter(|e| e.class == EventClass::Statement)
        .filter_map(|e| {
            let last = e
                .reported_in
                .iter()
                .map(|s| s.start)
                .filter(|&s| s <= pos)
                .max()?;
            Some((last, *e.agents.first()?))
        })
        .max_by_key(|&(at, _)| at)
        .map(|(_, agent)| agent)
}

/// The source a reporting term names: an actor (not a place) or an unnamed-source
/// phrase within a few tokens after it, or an actor right before it («المرصد أفاد»).
fn subject_of(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    rec: &Recognition,
    frame: &Hit,
    sentence: &Range<usize>,
) -> Option<Source> {
    if let Some(person) = titled_subject(norm, tokens, hits, rec, frame, sentence) {
        return Some(Source::Entity(person));
    }
    let window_end = tokens
        .get(frame.end_token + SUBJECT_REACH)
        .map_or(sentence.end, |t| t.end.min(sentence.end));
    let is_source = |m: &&super::recognise::Mention| {
        let class = rec.entities[m.entity].class;
        !class.is_place() && class != EntityClass::UnnamedSource
    };
    // after the verb, the subject is not inside a prepositional phrase: no preposition
    // stands before it, no «بـ» is on it («أفاد بمقتل»), and «لـ» only right after the
    // frame word that governs it («وفقاً للمرصد»)
    let subject_after = |m: &&super::recognise::Mention| {
        let first = tokens.partition_point(|t| t.end <= m.span.start);
        let clitic = tokens
            .get(first)
            .map_or("", |t| &norm[t.start..m.span.start.max(t.start)]);
        let between_preposition = (frame.end_token..first).any(|i| {
            let w = tokens[i].text(norm);
            // after «أن/إن» comes what was said, not who said it
            PREPOSITIONS.contains(&w) || COMPLEMENTIZERS.contains(&w)
        });
        // «وفقاً للمرصد», and through a document noun: «بحسب إحصائية للمرصد»
        let governed = first == frame.end_token
            || (frame.end_token..first).all(|i| DOCUMENT_NOUNS.contains(&tokens[i].text(norm)));
        !between_preposition && !clitic.contains('ب') && (!clitic.contains('ل') || governed)
    };
    let after = rec
        .mentions
        .iter()
        .filter(is_source)
        .filter(|m| m.span.start >= frame.end && m.span.start < window_end)
        .find(subject_after);
    let unnamed = hits
        .iter()
        .find(|h| h.kind == TermKind::SourceNoun && h.start >= frame.end && h.start < window_end)
        .map(|h| {
            (
                h.start,
                Source::Unnamed(h.start..unnamed_source_end(norm, tokens, rec, h)),
            )
        });
    // «قال المتحدث باسم ORG فلان»: the speaker is the person the title names, who
    // speaks for the organisation mentioned first
    let spokesperson = |org: usize| {
        rec.mentions
            .iter()
            .filter(|m| m.span.start > frame.end && m.span.start < sentence.end)
            .take(3)
            .find(|m| rec.entities[m.entity].speaks_for == Some(org))
            .map(|m| m.entity)
    };
    match (after, unnamed) {
        (Some(m), Some((u, src))) if u < m.span.start => Some(src),
        (Some(m), _) => Some(Source::Entity(spokesperson(m.entity).unwrap_or(m.entity))),
        (None, Some((_, src))) => Some(src),
        // «وكان المرصد، ومقره لندن، قد أفاد»: the subject named before the verb in
        // its sentence, when no other reporting term stands between them
        (None, None) => {
            let reach_start = tokens
                .get(frame.first_token.saturating_sub(SUBJECT_BEFORE_REACH))
                .map_or(sentence.start, |t| t.start.max(sentence.start));
            let before = rec
                .mentions
                .iter()
                .filter(is_source)
                .rfind(|m| m.span.end <= frame.start && m.span.end > reach_start)?;
            // a noun in a prepositional phrase («لمؤسسة X»، «في X») is no subject
            let first = tokens.partition_point(|t| t.end <= before.span.start);
            let clitic = tokens.get(first).is_some_and(|t| {
                matches!(
                    &norm[t.start..before.span.start],
                    "ل" | "ب" | "لل" | "ول" | "وب" | "فل" | "فب"
                )
            });
            let preposition = first
                .checked_sub(1)
                .is_some_and(|p| PREPOSITIONS.contains(&tokens[p].text(norm)));
            if clitic || preposition {
                return None;
            }
            let other_frame = hits.iter().any(|h| {
                matches!(h.kind, TermKind::Reporting(_))
                    && h.start >= before.span.end
                    && h.end <= frame.start
            });
            (!other_frame).then_some(Source::Entity(before.entity))
        }
    }
}

/// How many tokens a title after a reporting verb may run before the name it
/// introduces («أعلن نائب القائد العام لقوات التحالف في العراق وسوريا الجنرال فلان»).
const TITLE_REACH: usize = 14;

/// «أعلن نائب قائد القوات … الجنرال فلان»: a title right after the reporting verb
/// opens its subject, and the person it leads to is the speaker, however long the
/// title (prepositions and places inside it included). The title ends at a comma or
/// at «أن»: what follows is what was said.
fn titled_subject(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    rec: &Recognition,
    frame: &Hit,
    sentence: &Range<usize>,
) -> Option<usize> {
    let titled = hits.iter().any(|h| {
        h.first_token == frame.end_token && h.kind == TermKind::EntityCue(EntityClass::Person)
    });
    if !titled {
        return None;
    }
    let reach_end = tokens
        .get(frame.end_token + TITLE_REACH)
        .map_or(sentence.end, |t| t.start.min(sentence.end));
    let person = rec.mentions.iter().find(|m| {
        m.span.start >= frame.end
            && m.span.start < reach_end
            && rec.entities[m.entity].class == EntityClass::Person
    })?;
    let between = &norm[frame.end..person.span.start];
    let first = tokens.partition_point(|t| t.end <= frame.end);
    let last = tokens.partition_point(|t| t.end <= person.span.start);
    let content = tokens[first..last]
        .iter()
        .any(|t| COMPLEMENTIZERS.contains(&t.text(norm)));
    (!content && !between.contains([',', '،', ':', '.'])).then_some(person.entity)
}

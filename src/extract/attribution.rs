//! Attribution: who the article credits for what it reports, frame by frame.
//!
//! A reporting frame is a reporting term from the lexicon («قال»، «أفاد»، «وفقا لـ»،
//! «نفت») and the source it names: an actor or an unnamed-source phrase within a
//! few tokens after it («أفاد المرصد»، «قال مصدر أمني»; never one after «لـ» on a
//! verb: «قال لفرانس برس» names who was told), a titled person however long the
//! title («أعلن نائب قائد … الجنرال فلان»), a person in apposition after a comma
//! («قال رئيس لجنة …، فلان»), the issuer of a document it names («قال بيان صادر عن
//! X»، «ذكر بيان للجهاز»), or an actor right before it («وكان المرصد، ومقره لندن،
//! قد أفاد»), with the sources «و» joins to it («أفاد مصدر أمني ومصدر طبي»:
//! each tells what the frame credits). A relay names whom it passes on («نقلت
//! وكالة X عن الناطق … فلان»), unless that one is anonymous and the relayer named
//! («نقل مراسل X عن مصادر محلية»: the named relayer answers for it). A
//! frame with no named subject («وأضاف») continues the previous source, a
//! participle («مشيرا») the subject of the verb before it; a document's words
//! («وجاء فيه»، «وأضاف البيان»، «البيان أضاف») the issuer of the statement reported
//! last before them (so this room reads the events); a citation inside what a
//! named speaker says («قال فلان: "استناداً إلى مصادر طبية …"») is the speaker's,
//! and so is one naming no one («وحسب الصور»). A definite unnamed source («المصدر
//! الأمني») is the indefinite one named before it («مصدر أمني»: see `unnamed`).
//!
//! Crediting a fact: the frame of its clause, else the nearest frame before it in
//! its sentence, else a frame after it that closes the sentence («…، وفقاً للمرصد»;
//! one opening with «و» starts a statement of its own and credits nothing before
//! it), else a citation standing alone as the next sentence («وفقاً لـ"X".»), else
//! a quote a frame opened in an earlier sentence and closes later in its paragraph
//! («قال: "… . وأصيب 6 آخرون."»).
//!
//! Only verbs of saying with their own subject are statements: citations («وفقا
//! لـ»)، relays («نقل عن») and participles are not.
//!
//! Invariants: every frame lies inside one sentence; an unnamed source is a
//! normalised byte range of its phrase (noun plus qualifiers or body), never the
//! reported content; with no frame crediting it a fact is the article's own.

use super::events::Event;
use super::lexicon::{hits_starting_in, EntityClass, EventClass, Hit, Stance, TermKind};
use super::recognise::{Mention, Recognition, Source};
use super::unnamed;
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
    /// Sources joined to it by «و» («أفاد مصدر أمني ومصدر طبي»): each tells
    /// what the frame credits.
    also: Vec<Source>,
    /// The source is named by this frame, not continued from an earlier one.
    named: bool,
    /// A verb of saying with its own subject («قال»، «أعلن»): a statement, unlike a
    /// citation («وفقا لـ»)، a relay («نقل عن») or a participle («مشيرا»).
    says: bool,
    /// The term carries a conjunction («وقال»، «وبحسب»): it opens a statement of its
    /// own, and credits nothing written before it in its sentence.
    conjoined: bool,
    /// A citation that is a sentence of its own («وفقاً لـ"العربية".»): the
    /// sentence before it, which it credits.
    credits_previous: Option<Range<usize>>,
    /// A quote the frame opens runs past its sentence («قال: "… . … ."»): where it
    /// closes; the sentences it holds are the frame's too.
    quote_until: Option<usize>,
    stance: Stance,
}

/// Who an article credits for what it reports, frame by frame.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    frames: Vec<Frame>,
}

/// What a frame names as its subject, and where that name ends.
#[derive(Debug, Clone)]
struct Subject {
    source: Source,
    end: usize,
}

/// What the room reads: the text, its tokens, the term hits and the mentions.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    norm: &'a str,
    tokens: &'a [Token],
    hits: &'a [Hit],
    rec: &'a Recognition,
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
    "بلاغ",
    "منشور",
    "تغريده",
    "تدوينه",
];

/// Words that tie a document to its issuer («بيان صادر عن X»، «البيان الصادر من X»).
const ISSUED_BY: &[&str] = &["صادر", "صادره", "الصادر", "الصادره", "عن", "من"];

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
    "طبقا",
    "طبقا ل",
    "علي لسان",
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
    "مشددا",
    "مشدده",
    "مبينا",
    "مبينه",
    "قايلا",
    "قايله",
];

/// Relays: the subject passes on what someone else said («نقل مراسل … عن مصادر»);
/// that is a citation, not a statement of its own, and the one passed on is credited.
const RELAY_FRAMES: &[&str] = &["نقل", "نقلت", "نقلا عن"];

/// The preposition a relay names its source after («نقلت الوكالة عن مصدر»).
const RELAY_PREPOSITION: &str = "عن";

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

/// How many tokens after a relay verb the «عن» naming its source may stand
/// («ونقلت وكالة الأنباء العراقية "واع"، عن …»).
const RELAY_REACH: usize = 10;

/// What kind of reporting term opens a frame.
#[derive(Debug, Clone, Copy)]
struct Kind {
    /// «مشيراً»: goes on with the verb before it.
    participle: bool,
    /// «وفقاً لـ»، «بحسب»: names its source, never continues one.
    prepositional: bool,
    /// «نقل عن»، «نقلاً عن»: passes on what someone else said.
    relay: bool,
}

impl Kind {
    fn of(term: &str) -> Kind {
        Kind {
            participle: PARTICIPLE_FRAMES.contains(&term),
            prepositional: PREPOSITIONAL_FRAMES.contains(&term),
            relay: RELAY_FRAMES.contains(&term),
        }
    }

    /// A verb of saying with its own subject: a statement.
    fn says(self) -> bool {
        !self.prepositional && !self.participle && !self.relay
    }
}

/// The frames found so far, with what later frames read from them.
struct Finder<'a> {
    cx: Ctx<'a>,
    layout: &'a crate::text::Layout,
    events: &'a [Event],
    frames: Vec<Frame>,
    /// The source of the last frame that had one («وأضاف» continues it).
    last_named: Option<Source>,
    /// Unnamed phrases named so far: a definite one may name one of them again.
    phrases: Vec<Range<usize>>,
}

impl Finder<'_> {
    /// The frame of the reporting term `h`.
    fn add(&mut self, h: &Hit, stance: Stance) {
        let Ctx { norm, tokens, .. } = self.cx;
        let sentences = &self.layout.sentences;
        let Some(index) = sentences
            .iter()
            .position(|s| s.start <= h.start && h.end <= s.end)
        else {
            return;
        };
        let Some((sentence, clause)) = self.layout.sentence_and_clause(&h.range()) else {
            return;
        };
        let kind = Kind::of(&norm[h.range()]);
        // «أكد التحالف …، مشيراً إلى …»: a participle goes on with the subject of
        // the verb before it in its sentence
        let previous = self
            .frames
            .last()
            .filter(|f| kind.participle && f.sentence == sentence && f.source.is_some());
        let continued = previous.and_then(|f| f.source.clone());
        // «قال فلان: "استناداً إلى مصادر طبية …"»: a citation after a named
        // speaker's verb in its sentence is the speaker's (a relay names its own)
        let speaker = self
            .frames
            .iter()
            .rev()
            .filter(|f| kind.prepositional && !kind.relay && f.sentence == sentence)
            .find(|f| f.says && f.named)
            .and_then(|f| f.source.clone());
        let own = (continued.is_none() && speaker.is_none())
            .then(|| self.own_subject(h, &sentence, kind))
            .flatten();
        // «أفاد مصدر أمني ومصدر طبي»: sources joined to a subject after the frame
        let joined: Vec<Source> = match (&own, previous) {
            (Some(s), _) if s.end > h.end => coordinated(self.cx, s.end, &sentence)
                .into_iter()
                .map(|j| same_unnamed_source(norm, j.source, &self.phrases))
                .collect(),
            (None, Some(f)) => f.also.clone(),
            _ => Vec::new(),
        };
        for s in own.iter().map(|s| &s.source).chain(&joined) {
            if let Source::Unnamed(r) = s {
                self.phrases.push(r.clone());
            }
        }
        // «وجاء فيه»، «وأضاف البيان»: the document's issuer speaks
        let issuer = || {
            quotes_document(norm, tokens, h)
                .then(|| issuer_before(self.events, h.start))
                .flatten()
                .map(Source::Entity)
        };
        // «جاء فيه: "… وحسب مقطع الفيديو فإن …"»: a citation naming no one
        // is cited by whoever speaks in that sentence
        let speaking = || {
            self.frames
                .last()
                .filter(|f| kind.prepositional && f.sentence == sentence)
                .and_then(|f| f.source.clone())
        };
        let conjoined = tokens.get(h.first_token).is_none_or(|t| t.start != h.start);
        // «… 21 قتيلاً. وفقاً لـ"X".»: a citation that is its own sentence (with no
        // «و»: «وحسب X» opens what follows) credits the sentence before it
        let bare = kind.prepositional
            && !conjoined
            && own
                .as_ref()
                .is_some_and(|s| stands_alone(self.cx, h, s.end, &sentence));
        let named = own.is_some();
        let source = continued
            .or(speaker)
            .or(own.map(|s| s.source))
            .or_else(issuer)
            .or_else(speaking);
        if source.is_some() {
            self.last_named = source.clone();
        }
        // «وأضاف» continues the last speaker; «بحسب …» names its own source, and so
        // does «وكان تقرير أولي قد أشار»: a document no one is named for is the
        // article's
        let continues = !kind.prepositional && !unissued_document_before(self.cx, h, &clause);
        let source = match source {
            None if continues => self.last_named.clone(),
            s => s,
        };
        self.frames.push(Frame {
            at: h.start,
            end: h.end,
            named,
            also: joined,
            says: kind.says(),
            quote_until: kind
                .says()
                .then(|| quote_closing_after(norm, h.end, &sentence))
                .flatten(),
            conjoined,
            credits_previous: bare
                .then(|| index.checked_sub(1).and_then(|i| sentences.get(i)))
                .flatten()
                .cloned(),
            sentence,
            clause,
            source,
            stance,
        });
    }

    /// The source the frame names itself: its subject, or for a relay whom it
    /// passes on (see [`credited_in_relay`]); a definite unnamed source is the one
    /// named before it.
    fn own_subject(&self, h: &Hit, sentence: &Range<usize>, kind: Kind) -> Option<Subject> {
        let named = subject_of(self.cx, h, sentence, kind.prepositional, true);
        let subject = if !kind.relay {
            named
        } else if kind.prepositional {
            // «وفق مجلة X نقلاً عن مسؤول»: the relayer named before it in its sentence
            let relayer = self
                .frames
                .iter()
                .rev()
                .filter(|f| f.sentence == *sentence && f.named)
                .find_map(|f| f.source.clone())
                .map(|source| Subject { source, end: h.end });
            credited_in_relay(named, relayer)
        } else {
            // «نقل مراسل X عن مصادر»: the relayer is the verb's subject
            credited_in_relay(relayed_subject(self.cx, h, sentence), named)
        }?;
        Some(Subject {
            source: same_unnamed_source(self.cx.norm, subject.source, &self.phrases),
            end: subject.end,
        })
    }
}

impl Attribution {
    /// Finds every reporting frame of the article and the source each names.
    pub fn find(
        norm: &str,
        tokens: &[Token],
        layout: &crate::text::Layout,
        hits: &[Hit],
        rec: &Recognition,
        events: &[Event],
    ) -> Attribution {
        let mut finder = Finder {
            cx: Ctx {
                norm,
                tokens,
                hits,
                rec,
            },
            layout,
            events,
            frames: Vec::new(),
            last_named: None,
            phrases: Vec::new(),
        };
        for h in hits {
            let TermKind::Reporting(stance) = h.kind else {
                continue;
            };
            if finder.frames.last().is_some_and(|f| f.at == h.start) {
                continue; // one frame per reporting term, however many patterns matched
            }
            finder.add(h, stance);
        }
        Attribution {
            frames: finder.frames,
        }
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
    /// sentence, else the first after it that does not open a statement of its own
    /// («وقال …»), else a citation standing alone as the next sentence; with no
    /// frame, the article itself.
    pub fn credit(&self, sentence: &Range<usize>, pos: usize) -> (Source, Stance) {
        match self.frame_for(sentence, pos) {
            Some(f) => (f.source.clone().unwrap_or(Source::Article), f.stance),
            None => (Source::Article, Stance::Asserted),
        }
    }

    /// Everyone the article credits for what it says at `pos`: the source
    /// [`Attribution::credit`] names, then the sources joined to it by «و» («أفاد
    /// مصدر أمني ومصدر طبي»), each with the frame's stance.
    pub fn credit_all(&self, sentence: &Range<usize>, pos: usize) -> Vec<(Source, Stance)> {
        let Some(f) = self.frame_for(sentence, pos) else {
            return vec![(Source::Article, Stance::Asserted)];
        };
        let first = f.source.clone().unwrap_or(Source::Article);
        let mut all = vec![(first, f.stance)];
        for s in &f.also {
            if all.iter().all(|(a, _)| a != s) {
                all.push((s.clone(), f.stance));
            }
        }
        all
    }

    /// The frame that credits what is said at `pos` in `sentence` (see
    /// [`Attribution::credit`]).
    fn frame_for(&self, sentence: &Range<usize>, pos: usize) -> Option<&Frame> {
        let in_sentence: Vec<&Frame> = self
            .frames
            .iter()
            .filter(|f| &f.sentence == sentence)
            .filter(|f| f.at <= pos || !f.conjoined)
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
            .or_else(|| in_sentence.iter().min_by_key(|f| f.at))
            .copied()
            .or_else(|| {
                let alone = self.frames.iter().filter(|f| f.sentence != *sentence);
                let mut alone = alone.filter(|f| f.credits_previous.as_ref() == Some(sentence));
                alone.next()
            })
            .or_else(|| {
                // «قال: "… 6 قتلى. وأصيب 4 آخرون."»: inside a quote opened before
                self.frames.iter().rev().find(|f| {
                    f.sentence.end <= sentence.start
                        && f.quote_until.is_some_and(|end| sentence.start < end)
                })
            });
        frame
    }
}

/// Where a quote opened after a frame at `from` closes, when it runs past the
/// frame's sentence: the sentence holds an odd number of quote marks after the
/// frame, and the closing one comes later in the same paragraph.
fn quote_closing_after(norm: &str, from: usize, sentence: &Range<usize>) -> Option<usize> {
    let inside = norm.get(from..sentence.end)?;
    if inside.matches('"').count() % 2 == 0 {
        return None;
    }
    let rest = norm.get(sentence.end..)?;
    let close = rest.find('"')?;
    (!rest[..close].contains('\n')).then_some(sentence.end + close)
}

/// Who a relay credits: the one it passes on («نقلت الوكالة عن الناطق … فلان»),
/// unless that one is anonymous and the relayer is named («نقل مراسل X عن مصادر
/// محلية»: the named relayer answers for it).
fn credited_in_relay(relayed: Option<Subject>, relayer: Option<Subject>) -> Option<Subject> {
    let named = |s: &Subject| matches!(s.source, Source::Entity(_));
    match (relayed, relayer) {
        (Some(r), Some(o)) if !named(&r) && named(&o) => Some(o),
        (Some(r), _) => Some(r),
        (None, o) => o,
    }
}

/// A definite unnamed source names an earlier indefinite one again («المصدر الأمني»
/// after «مصدر أمني»): that one is the source.
fn same_unnamed_source(norm: &str, source: Source, earlier: &[Range<usize>]) -> Source {
    match source {
        Source::Unnamed(r) => Source::Unnamed(unnamed::antecedent(norm, &r, earlier).unwrap_or(r)),
        other => other,
    }
}

/// The citation is its sentence («وفقاً لـ"العربية".»): it opens the sentence and
/// nothing but punctuation follows its source.
fn stands_alone(cx: Ctx<'_>, frame: &Hit, subject_end: usize, sentence: &Range<usize>) -> bool {
    let opens = cx.tokens.get(frame.first_token).is_some_and(|t| {
        cx.norm
            .get(sentence.start..t.start)
            .is_some_and(|g| g.trim().is_empty())
    });
    let rest = cx.norm.get(subject_end..sentence.end).unwrap_or("x");
    opens && !rest.chars().any(char::is_alphanumeric)
}

/// How many tokens before a verb its document subject may stand («وكانت حصيلة
/// أولية أشارت»).
const DOCUMENT_BEFORE_REACH: usize = 3;

/// An indefinite document noun stands a few tokens before the verb in its clause,
/// as its subject («وكان تقرير أولي قد أشار إلى …»): the document says it, and no
/// one is named for it.
fn unissued_document_before(cx: Ctx<'_>, frame: &Hit, clause: &Range<usize>) -> bool {
    let from = frame.first_token.saturating_sub(DOCUMENT_BEFORE_REACH);
    cx.tokens
        .get(from..frame.first_token)
        .unwrap_or_default()
        .iter()
        .filter(|t| t.start >= clause.start)
        .any(|t| {
            let word = t.text(cx.norm);
            let stem = ["و", "ف", ""]
                .iter()
                .find_map(|p| word.strip_prefix(p).filter(|w| DOCUMENT_NOUNS.contains(w)));
            stem.is_some()
        })
}

/// The frame quotes a document: a document frame («وجاء فيه») or a reporting verb
/// whose subject is a definite document noun, after it or before it («وأضاف
/// البيان»، «البيان أضاف»).
fn quotes_document(norm: &str, tokens: &[Token], frame: &Hit) -> bool {
    let definite_document = |t: &Token| {
        t.text(norm)
            .strip_prefix("ال")
            .is_some_and(|w| DOCUMENT_NOUNS.contains(&w))
    };
    let before = frame
        .first_token
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|t| {
            definite_document(t)
                && tokens.get(frame.first_token).is_some_and(|v| {
                    v.start == frame.start && norm[t.end..v.start].trim().is_empty()
                })
        });
    DOCUMENT_FRAMES.contains(&&norm[frame.range()])
        || before
        || tokens
            .get(frame.end_token)
            .is_some_and(|t| t.start == frame.end + 1 && definite_document(t))
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

/// How many sources «و» may join to a frame's subject.
const MAX_JOINED: usize = 3;

/// The proclitics that join another source to a subject («ومصدر»، «والتحالف»).
const JOINING: &[&str] = &["و", "وال"];

/// «أفاد مصدر أمني ومصدر طبي»، «قالت قسد والتحالف»: the unnamed sources and
/// actors (no places) joined by «و» right after a subject that ends at `after`.
fn coordinated(cx: Ctx<'_>, mut after: usize, sentence: &Range<usize>) -> Vec<Subject> {
    let mut joined = Vec::new();
    while joined.len() < MAX_JOINED {
        let i = cx.tokens.partition_point(|t| t.start < after);
        let Some(t) = cx.tokens.get(i).filter(|t| t.end <= sentence.end) else {
            break;
        };
        if !cx.norm[after..t.start].trim().is_empty() {
            break;
        }
        let joins = |start: usize| {
            t.start <= start && start < t.end && JOINING.contains(&&cx.norm[t.start..start])
        };
        let unnamed = hits_starting_in(cx.hits, &(t.start..t.end))
            .iter()
            .find(|h| h.kind == TermKind::SourceNoun && joins(h.start))
            .map(|h| {
                let end = unnamed::phrase_end(cx.norm, cx.tokens, cx.hits, cx.rec, h);
                Subject {
                    source: Source::Unnamed(h.start..end),
                    end,
                }
            });
        let actor = || {
            cx.rec
                .mentions_starting_in(&(t.start..t.end))
                .iter()
                .filter(|m| {
                    let class = cx.rec.entities[m.entity].class;
                    !class.is_place() && class != EntityClass::UnnamedSource
                })
                .find(|m| joins(m.span.start))
                .map(|m| Subject {
                    source: Source::Entity(m.entity),
                    end: m.span.end,
                })
        };
        let Some(next) = unnamed.or_else(actor) else {
            break;
        };
        after = next.end;
        joined.push(next);
    }
    joined
}

/// «نقلت وكالة X عن مصدر عسكري»: the source named after the relay's «عن», before
/// what was said begins.
fn relayed_subject(cx: Ctx<'_>, frame: &Hit, sentence: &Range<usize>) -> Option<Subject> {
    let last = (frame.end_token + RELAY_REACH).min(cx.tokens.len());
    let mut i = frame.end_token;
    while i < last {
        let t = cx.tokens.get(i)?;
        if t.start >= sentence.end || cx.norm[frame.end..t.start].contains(':') {
            return None;
        }
        let word = t.text(cx.norm);
        if COMPLEMENTIZERS.contains(&word) {
            return None;
        }
        if word == RELAY_PREPOSITION {
            let from = Hit {
                start: t.start,
                end: t.end,
                term_end: t.end,
                kind: frame.kind,
                first_token: i,
                end_token: i + 1,
            };
            return subject_of(cx, &from, sentence, true, false);
        }
        i += 1;
    }
    None
}

/// The tokens between a verb and a name are a document and its issuer's tie
/// («بيان صادر عن»، «بيان»، «البيان الصادر من»): the name is the document's issuer.
fn through_document(norm: &str, tokens: &[Token], between: Range<usize>) -> bool {
    let words: Vec<&str> = tokens
        .get(between)
        .unwrap_or_default()
        .iter()
        .map(|t| t.text(norm))
        .collect();
    let documents = words
        .iter()
        .take_while(|w| DOCUMENT_NOUNS.contains(&w.strip_prefix("ال").unwrap_or(w)))
        .count();
    documents > 0 && words[documents..].iter().all(|w| ISSUED_BY.contains(w))
}

/// The source a reporting term names: an actor (not a place) or an unnamed-source
/// phrase within a few tokens after it, or (when `look_before`) an actor right
/// before it («المرصد أفاد»). After a `prepositional` frame a name may carry the
/// «لـ» the frame governs («وفقاً للمرصد»); after a verb, «لـ» marks who was told.
fn subject_of<'a>(
    cx: Ctx<'a>,
    frame: &Hit,
    sentence: &Range<usize>,
    prepositional: bool,
    look_before: bool,
) -> Option<Subject> {
    let Ctx {
        norm,
        tokens,
        hits,
        rec,
    } = cx;
    if let Some(person) = titled_subject(cx, frame, sentence) {
        return Some(person);
    }
    let window_end = tokens
        .get(frame.end_token + SUBJECT_REACH)
        .map_or(sentence.end, |t| t.end.min(sentence.end));
    let is_source = |m: &&Mention| {
        let class = rec.entities[m.entity].class;
        !class.is_place() && class != EntityClass::UnnamedSource
    };
    // after «أن/إن» comes what was said, not who said it
    let content_between = |first: usize| {
        (frame.end_token..first).any(|i| COMPLEMENTIZERS.contains(&tokens[i].text(norm)))
    };
    // after the verb, the subject is not inside a prepositional phrase: no preposition
    // stands before it, no «بـ» is on it («أفاد بمقتل»), and «لـ» only right after the
    // frame word that governs it («وفقاً للمرصد») or through a document noun
    // («بحسب إحصائية للمرصد»، «ذكر بيان للجهاز»، «قال بيان صادر عن X»)
    let subject_after = |m: &&Mention| {
        let first = tokens.partition_point(|t| t.end <= m.span.start);
        let clitic = tokens
            .get(first)
            .map_or("", |t| &norm[t.start..m.span.start.max(t.start)]);
        let document = through_document(norm, tokens, frame.end_token..first);
        let between_preposition = !document
            && (frame.end_token..first).any(|i| PREPOSITIONS.contains(&tokens[i].text(norm)));
        let governed = (prepositional && first == frame.end_token) || document;
        !between_preposition
            && !content_between(first)
            && !clitic.contains('ب')
            && (!clitic.contains('ل') || governed)
    };
    let after = rec
        .mentions_starting_in(&(frame.end..window_end))
        .iter()
        .filter(is_source)
        .find(subject_after);
    let unnamed = hits_starting_in(hits, &(frame.end..window_end))
        .iter()
        .filter(|h| h.kind == TermKind::SourceNoun)
        .find(|h| !content_between(h.first_token))
        .map(|h| {
            let end = unnamed::phrase_end(norm, tokens, hits, rec, h);
            (
                h.start,
                Subject {
                    source: Source::Unnamed(h.start..end),
                    end,
                },
            )
        });
    // «قال المتحدث باسم ORG فلان»: the speaker is the person the title names, who
    // speaks for the organisation mentioned first; «قال رئيس ORG، فلان» the person
    // in apposition
    let spokesperson = |org: &'a Mention| -> &'a Mention {
        rec.mentions_starting_in(&(frame.end..sentence.end))
            .iter()
            .filter(|m| m.span.start > frame.end)
            .take(3)
            .find(|m| rec.entities[m.entity].speaks_for == Some(org.entity))
            .or_else(|| apposed_person(cx, org.span.end, sentence))
            .unwrap_or(org)
    };
    match (after, unnamed) {
        (Some(m), Some((u, src))) if u < m.span.start => Some(src),
        (Some(m), _) => {
            let speaker = spokesperson(m);
            Some(Subject {
                source: Source::Entity(speaker.entity),
                end: speaker.span.end,
            })
        }
        (None, Some((_, src))) => Some(src),
        // «وكان المرصد، ومقره لندن، قد أفاد»: the subject named before the verb in
        // its sentence, when no other reporting term stands between them
        (None, None) if look_before => subject_before(cx, frame, sentence, is_source),
        (None, None) => None,
    }
}

/// «وكان المرصد، ومقره لندن، قد أفاد»: an actor named a few tokens before the verb
/// in its sentence, not inside a prepositional phrase, with no other reporting term
/// between them.
fn subject_before(
    cx: Ctx<'_>,
    frame: &Hit,
    sentence: &Range<usize>,
    is_source: impl Fn(&&Mention) -> bool,
) -> Option<Subject> {
    let Ctx {
        norm,
        tokens,
        hits,
        rec,
    } = cx;
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
    (!other_frame).then_some(Subject {
        source: Source::Entity(before.entity),
        end: before.span.end,
    })
}

/// How many tokens a title after a reporting verb may run before the name it
/// introduces («أعلن نائب القائد العام لقوات التحالف في العراق وسوريا الجنرال فلان»).
const TITLE_REACH: usize = 14;

/// «أعلن نائب قائد القوات … الجنرال فلان»: a title right after the reporting verb
/// opens its subject, and the person it leads to is the speaker, however long the
/// title (prepositions and places inside it included). The title ends at «أن» or a
/// colon: what follows is what was said; a comma only before the name in apposition
/// («الناطق باسم الوزارة، العميد فلان»).
fn titled_subject(cx: Ctx<'_>, frame: &Hit, sentence: &Range<usize>) -> Option<Subject> {
    let Ctx {
        norm,
        tokens,
        hits,
        rec,
    } = cx;
    let next_word = tokens
        .get(frame.end_token)
        .map_or(norm.len()..norm.len(), |t| t.range());
    let titled = hits_starting_in(hits, &next_word)
        .iter()
        .any(|h| h.kind == TermKind::EntityCue(EntityClass::Person));
    if !titled {
        return None;
    }
    let reach_end = tokens
        .get(frame.end_token + TITLE_REACH)
        .map_or(sentence.end, |t| t.start.min(sentence.end));
    let person = rec
        .mentions_starting_in(&(frame.end..reach_end))
        .iter()
        .find(|m| rec.entities[m.entity].class == EntityClass::Person)?;
    let between = &norm[frame.end..person.span.start];
    let first = tokens.partition_point(|t| t.end <= frame.end);
    let last = tokens.partition_point(|t| t.end <= person.span.start);
    let content = tokens[first..last]
        .iter()
        .any(|t| COMPLEMENTIZERS.contains(&t.text(norm)));
    let apposition = match between.rfind(',') {
        Some(comma) => only_titles(cx, frame.end + comma + 1, person.span.start),
        None => true,
    };
    (!content && apposition && !between.contains([':', '.'])).then_some(Subject {
        source: Source::Entity(person.entity),
        end: person.span.end,
    })
}

/// Between `from` and `to` stand only titles («العميد»، «اللواء») and spaces.
fn only_titles(cx: Ctx<'_>, from: usize, to: usize) -> bool {
    let Some(gap) = cx.norm.get(from..to) else {
        return false;
    };
    if gap.contains(|c: char| !(c.is_alphabetic() || c.is_whitespace())) {
        return false;
    }
    cx.tokens
        .iter()
        .filter(|t| t.start >= from && t.end <= to)
        .all(|t| {
            cx.hits.iter().any(|h| {
                h.kind == TermKind::EntityCue(EntityClass::Person)
                    && h.start <= t.start
                    && t.end <= h.end
            })
        })
}

/// «قال رئيس لجنة …، فلان،»: the person named right after the comma that closes a
/// title (only titles between), when the title holds no content of its own.
fn apposed_person<'r>(cx: Ctx<'r>, from: usize, sentence: &Range<usize>) -> Option<&'r Mention> {
    let rest = cx.norm.get(from..sentence.end)?;
    let comma = from + rest.find(',')?;
    let title = &cx.norm[from..comma];
    let title_tokens = cx
        .tokens
        .iter()
        .filter(|t| t.start >= from && t.end <= comma)
        .count();
    if title.contains([':', '"', '.']) || title_tokens > TITLE_REACH {
        return None;
    }
    let cue_in_title = cx.hits.iter().any(|h| {
        h.start >= from
            && h.end <= comma
            && matches!(
                h.kind,
                TermKind::Reporting(_) | TermKind::Trigger(_) | TermKind::Count(_)
            )
    });
    if cue_in_title {
        return None;
    }
    let person = cx.rec.mentions.iter().find(|m| m.span.start > comma)?;
    (cx.rec.entities[person.entity].class == EntityClass::Person
        && only_titles(cx, comma + 1, person.span.start))
    .then_some(person)
}

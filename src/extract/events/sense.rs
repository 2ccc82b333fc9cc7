//! Senses: whether a trigger word reports a happening, and which.
//!
//! A trigger reports no event when it sits in an idiom («في مواجهة»), names a
//! weapon after a word of finding or seizing («ضبط عبوات ناسفة»), is a plural
//! attack noun next to a word of trend («تراجعت هجمات التنظيم»، «هجمات الكر
//! والفر»), is an event noun of purpose behind a bare «لـ» or a word of aim («في
//! طريقها لاعتقال شخص»، «تأسس لقتال التنظيم»، «بهدف»: not «تعرضت لهجوم»), is what a
//! call asks for («دعا إلى التحقيق»), or is negated («لم يعلن التنظيم مسؤوليته»، «لم
//! تسجل أي هجمات»).
//!
//! Some words report different events in different contexts:
//! * a word of fleeing or getting out («فر»، «الهروب»، «خروج») is a prison break
//!   when custody is named in its sentence (or, failing people in it, anywhere in
//!   the article), a displacement when people flee («هرباً»، «النازحين»), else none;
//! * a word of taking ground («سيطر على») is an attack when an armed group takes a
//!   place named after «على» (across «في» only for territory: «مساحات واسعة في
//!   العراق»), a battle won (armed clash) when a state force does.

use super::super::lexicon::{hits_starting_in, EntityClass, EventClass, Hit, TermKind, VictimNoun};
use crate::text::Token;
use std::ops::Range;

/// How many words a trend word may stand before the plural it governs («تراجعت منذ
/// ذلك الوقت هجمات التنظيم»), and after it («هجمات إرهابية بين الحين والآخر»).
const PATTERN_REACH: usize = 4;
const PATTERN_AFTER: usize = 2;

/// Words after which «لـ» + event noun is what was suffered or met, not a purpose
/// («تعرضت لهجوم»، «التصدي لهجوم»، «نتيجة لقصف»).
const SUFFERED: &[&str] = &[
    "تعرض",
    "تعرضت",
    "تعرضوا",
    "يتعرض",
    "تتعرض",
    "عرضه",
    "التصدي",
    "تصدت",
    "تصدي",
    "تصدوا",
    "نتيجه",
    "اثر",
    "تبعا",
];

/// Words after which an event noun is what someone set out to do («في طريقها
/// لاعتقال»، «بهدف اقتحام»، «بغية تهريب»).
const PURPOSE_LEADS: &[&str] = &["طريقها", "طريقه", "طريقهم", "بهدف", "بغيه", "لغرض", "سعيا"];

/// How many words (the caller) may stand between a call verb and what it calls for.
const CALL_REACH: usize = 4;
/// Verbs of calling for something («دعا إلى»، «طالب بـ»).
const CALLS: &[&str] = &[
    "دعا",
    "دعت",
    "دعوا",
    "يدعو",
    "تدعو",
    "يدعون",
    "طالب",
    "طالبت",
    "طالبوا",
    "يطالب",
    "تطالب",
    "يطالبون",
    "ناشد",
    "ناشدت",
];

/// Negation particles before a verb («لم يعلن»، «لن يشن»، «لا ينفذ»).
const NEGATIONS: &[&str] = &["لم", "لن", "لا", "ولم", "ولن", "ولا", "فلم", "فلا"];

/// Verbs after a negation that do not deny what follows («لا تزال الاشتباكات»).
const CONTINUING: &[&str] = &["تزال", "يزال", "زال", "زالت", "تزل", "يزل"];

/// How many words before a trigger a negation may stand («لم يعلن داعش مسؤوليته»).
const NEGATION_REACH: usize = 3;

/// Event classes whose trigger nouns are never a purpose: an inquiry, a statement or
/// a meeting set up «to» something is still one.
fn purpose_free(class: EventClass) -> bool {
    matches!(
        class,
        EventClass::Investigation | EventClass::Statement | EventClass::Meeting
    )
}

/// What the sense room reads.
pub(super) struct SenseInput<'a> {
    pub norm: &'a str,
    pub tokens: &'a [Token],
    pub hits: &'a [Hit],
}

impl SenseInput<'_> {
    /// The hits of `range` (hits are sorted by start): no scan of the article.
    pub fn hits_in(&self, range: &Range<usize>) -> &[Hit] {
        hits_starting_in(self.hits, range)
    }

    /// A marker of `kind` covers exactly the trigger's word(s).
    pub fn marked(&self, trigger: &Hit, kind: TermKind) -> bool {
        self.hits_in(&(trigger.start..trigger.start + 1))
            .iter()
            .any(|h| h.kind == kind && h.end_token == trigger.end_token)
    }

    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.norm))
    }

    /// The trigger reports no happening (see the module header).
    pub fn not_an_event(
        &self,
        sentence: &Range<usize>,
        clause: &Range<usize>,
        trigger: &Hit,
        class: EventClass,
    ) -> bool {
        self.in_idiom(sentence, clause, trigger, class)
            || (!purpose_free(class) && self.purpose(clause, trigger))
            || self.called_for(trigger)
            || self.negated(clause, trigger, class)
    }

    fn in_idiom(
        &self,
        sentence: &Range<usize>,
        clause: &Range<usize>,
        trigger: &Hit,
        class: EventClass,
    ) -> bool {
        let norm = self.norm;
        let strike = matches!(class, EventClass::Bombing | EventClass::Airstrike);
        let plural_attack =
            (strike || class == EventClass::Attack) && norm[trigger.range()].ends_with("ات");
        self.hits_in(sentence).iter().any(|h| match h.kind {
            TermKind::NonEvent => h.start <= trigger.start && trigger.end <= h.end,
            TermKind::Seizure => strike && h.end <= trigger.start,
            TermKind::Pattern => {
                plural_attack
                    && ((h.start >= clause.start
                        && h.end <= trigger.start
                        && trigger.first_token - h.end_token <= PATTERN_REACH)
                        || (h.first_token >= trigger.end_token
                            && h.first_token - trigger.end_token <= PATTERN_AFTER
                            && h.end <= clause.end))
            }
            _ => false,
        })
    }

    /// «لاعتقال شخص»، «لقتال التنظيم»: an event noun behind a bare «لـ» is what
    /// someone set out to do, unless a word of suffering or meeting it comes before
    /// it in its clause («تعرضت دورية للجيش لهجوم»).
    fn purpose(&self, clause: &Range<usize>, trigger: &Hit) -> bool {
        let Some(token) = self.tokens.get(trigger.first_token) else {
            return false;
        };
        let prefix = &self.norm[token.start..trigger.start];
        let bare_lam = matches!(prefix, "ل" | "ول" | "فل");
        // «في طريقها للاعتقال»، «بهدف اقتحام»: set out for, with or without «لـ»
        if trigger
            .first_token
            .checked_sub(1)
            .is_some_and(|i| PURPOSE_LEADS.contains(&self.word(i)))
        {
            return true;
        }
        let first = self.tokens.partition_point(|t| t.end <= clause.start);
        let suffered = |w: &str| {
            SUFFERED.contains(&w)
                || w.strip_prefix(['و', 'ف'])
                    .is_some_and(|w| SUFFERED.contains(&w))
        };
        bare_lam && !(first..trigger.first_token).any(|i| suffered(self.word(i)))
    }

    /// «دعا إلى التحقيق»، «طالبت بفتح تحقيق»: what is called for has not happened.
    fn called_for(&self, trigger: &Hit) -> bool {
        let i = trigger.first_token;
        let call = |w: &str| CALLS.contains(&w.trim_start_matches(['و', 'ف']));
        let lead = self
            .tokens
            .get(i)
            .map_or("", |t| &self.norm[t.start..trigger.start]);
        // where the call's complement starts: «إلى» or «بـ» on the trigger or on the
        // verbal noun before it («بفتح تحقيق»)
        let complement = if lead.ends_with('ب') {
            Some(i)
        } else if i >= 1 && (self.word(i - 1) == "الي" || self.word(i - 1).starts_with('ب')) {
            Some(i - 1)
        } else {
            None
        };
        complement.is_some_and(|c| (c.saturating_sub(CALL_REACH)..c).any(|j| call(self.word(j))))
    }

    /// A negation particle right before the trigger, or shortly before it in its
    /// clause for a statement («لم يعلن التنظيم مسؤوليته») or after «أي» («لم تسجل أي
    /// هجمات»); but «لم تنفع التعزيزات» denies their use, not the reinforcements.
    fn negated(&self, clause: &Range<usize>, trigger: &Hit, class: EventClass) -> bool {
        // «لم تسجل أي هجمات»: «any» after a negated verb denies the event too
        let any = trigger
            .first_token
            .checked_sub(1)
            .is_some_and(|i| self.word(i) == "اي");
        let reach = if class == EventClass::Statement || any {
            NEGATION_REACH
        } else {
            1
        };
        let from = trigger.first_token.saturating_sub(reach);
        (from..trigger.first_token).any(|i| {
            self.tokens[i].start >= clause.start
                && NEGATIONS.contains(&self.word(i))
                && !CONTINUING.contains(&self.word(i + 1))
        })
    }

    /// «هجوم انتحاري»: an attack noun qualified by a bombing word right after it is
    /// that bombing, told by the next word.
    pub fn qualified_by_bombing(&self, trigger: &Hit) -> bool {
        let Some(next) = self.tokens.get(trigger.end_token) else {
            return false;
        };
        self.hits_in(&(next.start..next.end)).iter().any(|h| {
            h.first_token == trigger.end_token && h.kind == TermKind::Trigger(EventClass::Bombing)
        })
    }

    /// What a word of fleeing or getting out reports here (see the module header).
    /// `flight` is the word; `custody_in_article`: a custody word anywhere in the
    /// article.
    pub fn flight(
        &self,
        sentence: &Range<usize>,
        flight: &Hit,
        custody_in_article: bool,
    ) -> Option<EventClass> {
        let hits = self.hits_in(sentence);
        if hits.iter().any(|h| h.kind == TermKind::Custody) {
            return Some(EventClass::PrisonBreak);
        }
        // the people who flee are named besides the word of fleeing itself (which
        // may also be a count cue: «خروج»)
        let people = hits.iter().filter(|h| h.start != flight.start).any(|h| {
            matches!(
                h.kind,
                TermKind::Victim(VictimNoun::Civilians | VictimNoun::Everyone)
                    | TermKind::Trigger(EventClass::Displacement)
                    | TermKind::Count(super::super::lexicon::CountKind::Displaced)
            )
        });
        if people {
            Some(EventClass::Displacement)
        } else if custody_in_article {
            Some(EventClass::PrisonBreak)
        } else {
            None
        }
    }

    /// Where the ground a capture word took may be named: from its «على» (in its
    /// clause) a few words on, up to a «في».
    pub fn ground_after(&self, clause: &Range<usize>, trigger: &Hit) -> Option<Range<usize>> {
        let from = trigger.end_token.min(self.tokens.len());
        let on = from
            + self.tokens[from..]
                .iter()
                .take_while(|t| t.end <= clause.end)
                .take(CAPTURE_REACH)
                .position(|t| t.text(self.norm) == "علي")?;
        let ground = &self.tokens[on + 1..];
        // «على كراسي الحكم في سوريا» took no ground; «على مساحات واسعة في العراق» did
        let territory = ground
            .first()
            .is_some_and(|t| TERRITORY.contains(&t.text(self.norm)));
        let end = ground
            .iter()
            .take_while(|t| {
                t.end <= clause.end && (territory || !NOT_GROUND.contains(&t.text(self.norm)))
            })
            .take(GROUND_REACH)
            .last()?
            .end;
        Some(self.tokens[on].start..end)
    }
}

/// How many words may stand between a capture word and its «على» («سيطرت قوات
/// سوريا الديمقراطية بشكل كامل على»).
const CAPTURE_REACH: usize = 8;
/// How many words after «على» the ground taken is named («على ما يقرب من ثلث
/// العراق»), with no «في» between: «استولوا على كراسي الحكم في سوريا» took no ground.
const GROUND_REACH: usize = 5;
const NOT_GROUND: &[&str] = &["في", "عند", "داخل"];
/// Nouns of ground taken whose place follows «في» («مساحات واسعة في العراق»).
const TERRITORY: &[&str] = &[
    "مساحات",
    "اراضي",
    "اراض",
    "مناطق",
    "اجزاء",
    "معظم",
    "اغلب",
    "مدن",
    "قري",
    "بلدات",
    "ثلث",
    "نصف",
];

/// The class of a capture by `taker`: an armed group's seizure is an attack, a
/// state's or coalition's a battle won. Nobody named, no event.
pub(super) fn capture_class(taker: Option<EntityClass>) -> Option<EventClass> {
    match taker? {
        EntityClass::ArmedGroup => Some(EventClass::Attack),
        EntityClass::StateForce | EntityClass::Coalition | EntityClass::Government => {
            Some(EventClass::ArmedClash)
        }
        _ => None,
    }
}

//! Count claims: every number an article ties to an event, with what it counts,
//! who was counted and who the article credits for it.
//!
//! A figure is a quantity from `numbers`, or a noun that counts by its own form: a
//! dual («قتيلان»، «فردان»، «جريحين» = 2), a singular victim noun right after a
//! verb or noun of killing or wounding («قتل عنصر»، «مقتل جندي» = 1) or before its
//! verb («قياديا من قسد قتل»), and «أحد» after one («مقتل أحد قادة التنظيم» = 1).
//!
//! A figure becomes a claim when a count cue says what it counts: the noun right
//! after the number («41 قتيلا»، «3500 سجين»، «30 بجروح») or right before a number
//! word («جنديان اثنان»), or the nearest cue before it in its sentence («مقتل 11
//! جنديا») or a few words after it in its clause («9 عناصر قتلوا»). In a breakdown («41 قتيلا بينهم 20 من … و16 من … و5 مدنيين») items
//! without a cue of their own inherit the kind of the total before them. A number
//! right after a label noun («رقم 14»، «اللواء 42») names something and counts
//! nothing. A cue is never taken from another sentence, from before a clause of
//! contrast («… بينما نجا عنصر واحد»), or when it stands right
//! before another figure («سقوط 142 مدنيا وإصابة 183»).
//!
//! The victim is the group the text counts, never merely the nearest actor:
//! * the side named after the figure: «من X», «من صفوف X», «في صفوف X» → X («من»
//!   reaches a name past member and force nouns, «من عناصر وقيادات التنظيم», not
//!   past a place word, «من جيب التنظيم»); a victim noun after «من» («من
//!   المدنيين»، «من عناصر التنظيم»، «من جنودها») is read as the figure's own noun;
//!   a noun followed by its side («عناصر قسد»، «قادة التنظيم»), by an adjective of
//!   origin («مقاتلا كرديا» → the actor whose name carries it, «القوات الكردية»),
//!   by a word of allegiance («موالياً لقوات النظام»، «العاملين مع X») or, past one
//!   adjective, by «في صفوف X» → that side; civilians and fighters counted
//!   together («من المدنيين والعسكريين») or a total before «من بينهم» → everyone;
//! * a noun with a possessive pronoun («من مقاتليه»، «عناصرها») → the nearest
//!   fitting actor named before it;
//! * «آخرون» after the figure, or «منهم» after a bare number → the group counted
//!   just before (everyone, when that was one item of a list of several sides);
//!   a side named after «آخرون» is also the side of the figure before them; a
//!   bare figure of another kind in the same clause («قتل 3 جنود وأصيب اثنان») →
//!   the group just counted;
//! * otherwise the class the noun implies — or the class of a side named by a
//!   back-reference or force noun nobody recognised («من عناصر التنظيم»، «من قوات
//!   الحكومة») — : «مدنيين» → isn:Civilians; «جنود» (a state force), «مسلحين» (an
//!   armed group), «عناصر» (any armed actor) → a party of the event of that class
//!   (its targets, then its agents; attackers its agents first; the side that
//!   carried out a one-sided event is not counted among its dead by a noun naming
//!   no side), else the nearest fitting actor in the figure's sentence before it,
//!   after it up to the next figure, then before the sentence. A body that only
//!   speaks for a force («خلية الإعلام الأمني») fields no one counted. Held,
//!   escaped and captured people are an armed group's members;
//! * otherwise everyone counted.
//!
//! A unit counted is its force: the top of its `isn:partOf` chain («4 من عناصر
//! اللواء 42 في الجيش العراقي» are the army's).
//!
//! Sides joined by «و» («من قسد وتنظيم داعش») give one vague claim each, but an
//! exact figure for them together is one claim (never the same figure per side).
//! «واحد» written after a noun («ليلة واحدة») is an adjective, not a figure, and
//! relatives («من ذوي الضحايا») are not the dead. A figure one source repeats
//! about one event is one claim (the repeat naming the victim stays). Civilians
//! said to escape are displaced, not escaped prisoners.
//!
//! The event is the fitting one reported in the figure's sentence, else the last
//! fitting one before it, else the first fitting one; a figure no detected event
//! fits is tied to the event reported in its sentence, else the nearest one
//! before it, else the first — never dropped while the article reports an event.
//!
//! The source is the one `attribution` credits at the number's position (the
//! frame in its clause, else the nearest before it in the sentence); with no frame,
//! the article itself.
//!
//! Invariant: a claim's span is a normalised byte range running from its qualifier
//! or number to the end of what it counts, inside one sentence: nothing the claim
//! reads after the number is taken across punctuation.

use super::attribution::Attribution;
use super::dates::DateMention;
use super::events::Event;
use super::lexicon::{
    hits_starting_in, CountKind, EntityClass, EventClass, Hit, Lexicon, Stance, TermKind,
    VictimNoun,
};
use super::numbers::{Qualifier, Quantity};
use super::recognise::Recognition;
use super::recognise::Source;
use crate::text::{Token, TokenKind};
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

/// Events with one side doing and one suffering: the doer's members are not the
/// ones a bare «عناصر» counts among the dead. In a clash both sides suffer.
fn one_sided(class: EventClass) -> bool {
    !matches!(class, EventClass::ArmedClash)
}

/// «آخرون»: more of the group counted just before.
const OTHERS: &[&str] = &["اخرون", "اخرين", "اخري", "اخران", "اخر", "اخريات"];

/// «منهم»: of the group counted just before («اعتقال 16 منهم»).
const OF_THEM: &[&str] = &["منهم", "منهن", "منهما"];

/// «من هؤلاء»: of the group counted just before.
const THESE: &[&str] = &["هولاء", "هاولاء"];

/// Words after «من» that open a breakdown of the figure («من بينهم»).
const BREAKDOWN: &[&str] = &["بينهم", "بينهن", "منهم", "منهن"];

/// Nouns of kin: «مئات من ذوي الضحايا» counts relatives, not the dead.
const KIN_NOUNS: &[&str] = &["ذوي", "ذوو", "اقارب", "اقرباء"];

/// Stems in the name of a body that speaks for a force and fields no fighters
/// («خلية الإعلام الأمني»): soldiers counted are never its own (normalised).
const SPEAKING_BODY_STEMS: &[&str] = &["اعلام"];

/// Marks that open the items of a list, one per line.
const BULLETS: &[char] = &['_', '-', '*', '•', '·', '▪', '◦'];

/// Marks that may stand between a number and its noun: quotes and brackets
/// («5) إرهابيين»، «أربعة» جنود»), never sentence or clause punctuation.
const QUOTES: &[char] = &['"', '\'', '«', '»', '“', '”', '(', ')', '[', ']'];

/// Words before a side's name that say the figure is of that side («من X»، «من
/// صفوف X»، «في صفوف X»), longest first.
const SIDE_LINKS: &[&[&str]] = &[
    &["من", "صفوف"],
    &["في", "صفوف"],
    &["ضمن", "صفوف"],
    &["من", "بين"],
    &["من"],
];

/// «عنصرا في الجيش»: «في» names the side only when the name follows it at once.
const IN: &str = "في";

/// Stems of the words of allegiance after a victim noun: «مقاتلاً موالياً لقوات
/// النظام»، «المسلحين العاملين مع ميليشيا»، «التابعين لـ»، «المنضوين في»،
/// «المنتمين إلى» (normalised, without «ال»).
const ALLEGIANCE_STEMS: &[&str] = &["موال", "تابع", "عامل", "منضو", "منتم"];

/// Words of a side link a name may follow («من صفوف X»).
const LINK_WORDS: &[&str] = &["صفوف", "بين"];

/// Prepositions after a word of allegiance («العاملين مع X»، «المنضوين في X»).
const ALLEGIANCE_LINKS: &[&str] = &["مع", "في", "الي", "ضمن"];

/// Nouns after which a number is a name, not a count («مقبرة رقم 14»، «اللواء 42»).
const LABEL_NOUNS: &[&str] = &[
    "رقم",
    "الرقم",
    "اللواء",
    "لواء",
    "الفرقه",
    "فرقه",
    "الفوج",
    "فوج",
    "الكتيبه",
    "كتيبه",
    "السريه",
    "سريه",
];

/// Singular victim nouns (normalised), each with whether its plural is broken
/// («عنصر/عناصر»), so that «ـين» after it makes a dual («عنصرين») and not a sound
/// plural («مدنيين»). «ـان» after any of them is a dual.
const SINGULAR_NOUNS: &[(&str, bool)] = &[
    ("عنصر", true),
    ("جندي", true),
    ("شخص", true),
    ("قتيل", true),
    ("جريح", true),
    ("فرد", true),
    ("طفل", true),
    ("ضابط", true),
    ("حارس", true),
    ("سجين", true),
    ("شرطي", true),
    ("مدني", false),
    ("مسلح", false),
    ("مقاتل", false),
    ("عسكري", false),
    ("منتسب", false),
    ("مواطن", false),
    ("قيادي", false),
    ("مصاب", false),
    ("معتقل", false),
];

/// «أحد»/«إحدى» before a noun: one of them («مقتل أحد عناصر التنظيم»).
const ONE_OF: &[&str] = &["احد", "احدي"];

/// Dual endings after a singular noun: always «ـان», and «ـين» when the plural is
/// broken.
const DUAL_ALWAYS: &str = "ان";
const DUAL_IF_BROKEN: &str = "ين";

pub struct ClaimInput<'a> {
    pub norm: &'a str,
    pub tokens: &'a [Token],
    pub layout: &'a crate::text::Layout,
    pub hits: &'a [Hit],
    pub rec: &'a Recognition,
    pub quantities: &'a [Quantity],
    pub dates: &'a [DateMention],
    pub events: &'a [Event],
    pub attribution: &'a Attribution,
    /// For the class of a known entity a back-reference names before the entity
    /// itself is mentioned («من عناصر التنظيم»).
    pub lexicon: &'a Lexicon,
}

/// What the claim extraction reads, bundled.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    norm: &'a str,
    tokens: &'a [Token],
    hits: &'a [Hit],
    rec: &'a Recognition,
    layout: &'a crate::text::Layout,
    /// Per entity: a body that speaks for a force and fields no fighters.
    speaking_body: &'a [bool],
    /// Where each figure is, in text order.
    figure_spans: &'a [Range<usize>],
    lexicon: &'a Lexicon,
}

impl<'a> Ctx<'a> {
    /// The hits starting at token `i` (hits are sorted by start, so by first token).
    fn at(self, i: usize) -> &'a [Hit] {
        let from = self.hits.partition_point(|h| h.first_token < i);
        let len = self.hits[from..].partition_point(|h| h.first_token == i);
        &self.hits[from..from + len]
    }

    /// The hits that may end right before token `i` (a term spans a few tokens).
    fn ending_at(self, i: usize) -> &'a [Hit] {
        let from = self
            .hits
            .partition_point(|h| h.first_token < i.saturating_sub(MAX_TERM_TOKENS));
        let to = self.hits.partition_point(|h| h.first_token < i);
        &self.hits[from..to.max(from)]
    }
}

/// More tokens than any lexicon term spans.
const MAX_TERM_TOKENS: usize = 8;

/// A figure: a quantity, and the noun that is the figure itself when it counts by
/// its own form («قتيلان»، «عنصر»).
struct Figure<'h> {
    q: Quantity,
    own: Option<&'h Hit>,
}

/// The noun a figure counts, and whether it stands before the number («جنديان
/// اثنان») rather than after it.
#[derive(Clone, Copy)]
struct Noun<'h> {
    hit: &'h Hit,
    before: bool,
}

pub fn extract(input: &ClaimInput<'_>) -> Vec<Claim> {
    let speaking_body: Vec<bool> = input
        .rec
        .entities
        .iter()
        .map(|e| {
            let label = crate::text::normalise(&e.label_ar);
            SPEAKING_BODY_STEMS.iter().any(|s| label.contains(s))
        })
        .collect();
    let cx = Ctx {
        norm: input.norm,
        tokens: input.tokens,
        hits: input.hits,
        rec: input.rec,
        layout: input.layout,
        speaking_body: &speaking_body,
        figure_spans: &[],
        lexicon: input.lexicon,
    };
    let figures = figures(cx, input.quantities, input.dates);
    let spans: Vec<Range<usize>> = figures.iter().map(|f| f.q.span.clone()).collect();
    let cx = Ctx {
        figure_spans: &spans,
        ..cx
    };
    let mut tally = Tally::default();
    // a breakdown may continue on the lines after «… يتوزعون كالتالي:»
    let mut carried: Option<CountKind> = None;
    for sentence in &input.layout.sentences {
        let mut sentence_kind = continues_list(cx.norm, sentence)
            .then_some(carried)
            .flatten();
        let first = tally.claims.len();
        for f in figures
            .iter()
            .filter(|f| f.q.span.start >= sentence.start && f.q.span.end <= sentence.end)
        {
            let at = Place {
                sentence,
                first_in_sentence: first,
            };
            if let Some(kind) = tally.read(cx, input, at, f, sentence_kind) {
                sentence_kind = Some(kind);
                carried = Some(kind);
            }
        }
        tally.settle_displaced(first);
    }
    let mut claims = tally.claims;
    for c in &mut claims {
        if let Victim::Entity(e) = c.victim {
            c.victim = Victim::Entity(side_of(input.rec, e));
        }
    }
    drop_repeats(claims)
}

/// The side a unit's members belong to: the force at the top of its `isn:partOf`
/// chain («قوة من اللواء 42 بالفرقة 11» counts soldiers of the army the division is
/// part of), so that outlets naming the unit or the army give comparable figures.
/// The unit stays in the claim's quote.
fn side_of(rec: &Recognition, entity: usize) -> usize {
    let mut at = entity;
    for _ in 0..MAX_UNIT_DEPTH {
        let parent = rec.entities[at]
            .part_of
            .as_deref()
            .and_then(|p| rec.entities.iter().position(|e| e.iri == p));
        match parent {
            Some(p) if p != at => at = p,
            _ => break,
        }
    }
    at
}

/// How many levels of units a side is looked for through (company, regiment,
/// brigade, division, force).
const MAX_UNIT_DEPTH: usize = 6;

/// The sentence opens a list item: a bullet, or the line after a colon.
fn continues_list(norm: &str, sentence: &Range<usize>) -> bool {
    norm[sentence.clone()].starts_with(BULLETS) || norm[..sentence.start].trim_end().ends_with(':')
}

/// Where a figure is read: its sentence, and the first claim of that sentence.
#[derive(Clone, Copy)]
struct Place<'s> {
    sentence: &'s Range<usize>,
    first_in_sentence: usize,
}

/// The claims read so far, each with whether the text names the group it counts
/// (a side, or civilians) rather than leaving it to a noun's class or the kind.
#[derive(Default)]
struct Tally {
    claims: Vec<Claim>,
    named: Vec<bool>,
}

impl Tally {
    /// Reads one figure into claims; returns the kind it counts (a figure counting
    /// nobody gives `None`), also when no event is there to tie it to.
    fn read(
        &mut self,
        cx: Ctx<'_>,
        input: &ClaimInput<'_>,
        at: Place<'_>,
        f: &Figure<'_>,
        sentence_kind: Option<CountKind>,
    ) -> Option<CountKind> {
        let (q, sentence) = (&f.q, at.sentence);
        let noun = f
            .own
            .map(|hit| Noun { hit, before: false })
            .or_else(|| noun_after(cx, q))
            .or_else(|| noun_before(cx, q));
        // «3 صهاريج»: tankers, not people; «مئات من ذوي الضحايا»: relatives, not the dead
        if (noun.is_none() && counts_something_else(cx, q)) || counts_kin(cx, q) {
            return None;
        }
        let kind = noun
            .and_then(|n| match n.hit.kind {
                TermKind::Count(k) => Some(k),
                _ => None,
            })
            .or_else(|| nearest_cue(cx, sentence, q, noun))
            .or(sentence_kind.filter(|_| !opens_contrast(cx, q)))?;
        let Some(event) = event_for(input.events, sentence, q, kind) else {
            return Some(kind);
        };
        let (source, stance) = input.attribution.credit(sentence, q.span.start);
        let counted = victim_of(cx, sentence, q, noun, (kind, &input.events[event]));
        let victim = self.resolve(cx, at, q, noun, kind, &counted);
        // civilians who escape flee a danger, they do not break out of a prison
        let (mut counts, mut event) = (kind, event);
        if kind == CountKind::Escaped && victim == Victim::Civilians {
            counts = CountKind::Displaced;
            event = event_for(input.events, sentence, q, counts).unwrap_or(event);
        }
        // «مقتل وإصابة عشرات من صفوف قسد وتنظيم داعش»، «عدد من القتلى والجرحى»:
        // every kind for every side
        let mut kinds = vec![counts];
        match noun {
            None => kinds.extend(coordinated_kind(cx, sentence, q, counts)),
            Some(n) => kinds.extend(coordinated_noun_kind(cx, n, counts)),
        }
        let victims = sides_counted(cx, q, victim, counted.end);
        for &kind in &kinds {
            for (victim, end) in &victims {
                self.named.push(counted.named);
                self.claims.push(Claim {
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
        Some(kind)
    }

    /// The victim once the figures before are read: «آخرون» and «منهم» take the
    /// group counted before, a side named after «آخرون» is given back to the figure
    /// before them, a bare figure takes the side of a toll noun before it.
    fn resolve(
        &mut self,
        cx: Ctx<'_>,
        at: Place<'_>,
        q: &Quantity,
        noun: Option<Noun<'_>>,
        kind: CountKind,
        counted: &Counted,
    ) -> Victim {
        let first = at.first_in_sentence;
        if counted.named {
            // «وقتل جنديان، وأصيب ثلاثة آخرون من الجيش»: the others' side is the
            // side of those counted before them
            if others_follow(cx, q, noun) {
                if let (Some(previous), Some(false)) =
                    (self.claims[first..].last_mut(), self.named.last())
                {
                    if previous.victim != Victim::Civilians {
                        previous.victim = counted.victim.clone();
                    }
                }
            }
            return counted.victim.clone();
        }
        let known = counted.victim != Victim::Everyone;
        group_counted_before(cx, at, q, noun, (kind, known), &self.claims)
            .or_else(|| {
                (!known && noun.is_none())
                    .then(|| toll_side(cx, at.sentence, q))
                    .flatten()
            })
            .unwrap_or_else(|| counted.victim.clone())
    }

    /// «خروج 67 ألف شخص بينهم خمسة آلاف إرهابي»: the displaced the text leaves
    /// unnamed are civilians, unless the figures after them in the sentence count
    /// fighters among them.
    fn settle_displaced(&mut self, first: usize) {
        for i in first..self.claims.len() {
            let defaulted = self.claims[i].kind == CountKind::Displaced
                && self.claims[i].victim == Victim::Civilians
                && !self.named[i];
            let fighters_after = self.claims[i + 1..]
                .iter()
                .any(|c| matches!(c.victim, Victim::Entity(_)));
            if defaulted && fighters_after {
                self.claims[i].victim = Victim::Everyone;
            }
        }
    }
}

/// The victims a figure's claims are about: one, or — for a vague figure of sides
/// joined by «و» («عشرات من قسد وداعش») — each side; an exact figure for sides
/// named together («20 من قوى الأمن الداخلي وقوات مكافحة الإرهاب») is one claim,
/// never the same figure for each (that would count the dead twice), credited to
/// the side named first and quoted with every side.
fn sides_counted(cx: Ctx<'_>, q: &Quantity, victim: Victim, end: usize) -> Vec<(Victim, usize)> {
    let mut victims = vec![(victim, end)];
    if let Victim::Entity(_) = &victims[0].0 {
        let sides = coordinated_victims(cx, end);
        if q.value.is_none() {
            victims.extend(sides);
        } else if let Some(&(_, last)) = sides.last() {
            victims[0].1 = last;
        }
    }
    victims
}

/// «ارتفعت حصيلة القتلى من المدنيين إلى 164»، «عدد قتلى قسد 12»: a bare figure
/// counts the side named after the toll noun before it in its clause.
fn toll_side(cx: Ctx<'_>, sentence: &Range<usize>, q: &Quantity) -> Option<Victim> {
    let clause = cx
        .layout
        .sentence_and_clause(&q.span)
        .map_or_else(|| sentence.clone(), |(_, clause)| clause);
    let noun = cx
        .hits
        .iter()
        .filter(|h| h.start >= clause.start && h.end <= q.span.start)
        .rfind(|h| matches!(h.kind, TermKind::Victim(VictimNoun::Everyone)))?;
    // not the noun of a figure of its own («11 قتيلا»), and no figure between
    let own_figure = cx
        .figure_spans
        .iter()
        .any(|f| f.end <= noun.start && joined(cx.norm, f.end, noun.start));
    let between = cx
        .figure_spans
        .iter()
        .any(|f| f.start >= noun.end && f.end <= q.span.start);
    if own_figure || between {
        return None;
    }
    if let Some(after) = link_at(cx, noun.end) {
        if let Some(m) = actor_from(cx, after, (PARTITIVE_REACH, LINK_WORDS, false)) {
            return Some(Victim::Entity(m.entity));
        }
        let group = victim_noun_from(cx, after)?;
        return matches!(group.kind, TermKind::Victim(VictimNoun::Civilians))
            .then_some(Victim::Civilians);
    }
    // «قتلى قسد»: the name in construct
    let next = word_after(cx, noun.end)?;
    cx.rec
        .mentions
        .iter()
        .find(|m| m.span.start == next.start)
        .filter(|m| cx.rec.entities[m.entity].class.is_armed())
        .map(|m| Victim::Entity(m.entity))
}

/// Every figure of the text in text order: the quantities that count (not inside a
/// date, not «واحد» as an adjective, not a label's number) and the nouns that count
/// by their own form.
fn figures<'h>(cx: Ctx<'h>, quantities: &[Quantity], dates: &[DateMention]) -> Vec<Figure<'h>> {
    let mut figures: Vec<Figure<'h>> = quantities
        .iter()
        .filter(|q| {
            !dates
                .iter()
                .any(|d| d.span.start < q.number.end && q.number.start < d.span.end)
        })
        // «ليلة واحدة»، «نجا عنصر واحد»: "one" describes a noun
        .filter(|q| !is_numeral_adjective(cx, q))
        .filter(|q| !is_label_number(cx, q))
        .map(|q| Figure {
            q: q.clone(),
            own: None,
        })
        .collect();
    let taken = |r: &Range<usize>| {
        quantities
            .iter()
            .any(|q| q.span.start < r.end && r.start < q.span.end)
    };
    for h in cx.hits {
        let Some(figure) = noun_figure(cx, quantities, h) else {
            continue;
        };
        // «جنديان اثنان»، «عنصر واحد»: the number written after the noun is the figure
        // (not «قتيلين وعدد من الجرحى», another figure)
        let next = cx.tokens.partition_point(|t| t.start < h.end);
        let number_follows = cx.tokens.get(next).is_some_and(|t| {
            joined(cx.norm, h.end, t.start)
                && quantities
                    .iter()
                    .any(|q| q.number.start == t.start && q.value == figure.q.value)
        });
        if !taken(&figure.q.span) && !number_follows {
            figures.push(figure);
        }
    }
    figures.sort_by_key(|f| (f.q.span.start, f.q.span.end));
    figures.dedup_by_key(|f| f.q.span.start);
    figures
}

/// The figure a victim noun makes by its own form: a dual counts two, a singular
/// next to a verb or noun of killing or wounding one, and «أحد» before a noun after
/// such a word one.
fn noun_figure<'h>(cx: Ctx<'h>, quantities: &[Quantity], h: &'h Hit) -> Option<Figure<'h>> {
    if !matches!(h.kind, TermKind::Victim(_)) || h.end_token != h.first_token + 1 {
        return None;
    }
    let token = cx.tokens.get(h.first_token)?;
    if token.end != h.end {
        return None;
    }
    let word = &cx.norm[h.start..h.end];
    let figure = |value: u64, span: Range<usize>, own: Option<&'h Hit>| Figure {
        q: Quantity {
            span: span.clone(),
            number: span,
            value: Some(value),
            qualifier: Qualifier::Exact,
        },
        own,
    };
    // «قتيلان»: the word that counts (the count cue on it first) is the noun
    let own = noun_at(cx, h.first_token)
        .filter(|n| n.end == h.end)
        .unwrap_or(h);
    if is_dual(word) {
        return Some(figure(2, h.range(), Some(own)));
    }
    // «قتيل» itself counts and needs a number; «26 مدنيا أعدمهم»: the noun of a number
    let counts_itself = cx
        .hits
        .iter()
        .any(|c| c.first_token == h.first_token && matches!(c.kind, TermKind::Count(_)));
    let after_number = h
        .first_token
        .checked_sub(1)
        .and_then(|i| cx.tokens.get(i))
        .is_some_and(|t| quantities.iter().any(|q| q.span.end == t.end));
    if is_singular(word)
        && !counts_itself
        && !after_number
        && (casualty_cue_before(cx, h.first_token) || casualty_verb_after(cx, h))
    {
        return Some(figure(1, h.range(), Some(own)));
    }
    // «مقتل أحد عناصر التنظيم»: the noun after «أحد» is what the one is one of
    let one = h.first_token.checked_sub(1)?;
    let one_token = cx.tokens.get(one)?;
    let one_word = crate::text::strip_conjunction(one_token.text(cx.norm));
    if ONE_OF.contains(&one_word)
        && joined(cx.norm, one_token.end, h.start)
        && casualty_cue_before(cx, one)
    {
        let start = one_token.end - one_word.len();
        return Some(figure(1, start..one_token.end, Some(h)));
    }
    None
}

/// The word (proclitics of the hit excluded) is a dual of a singular victim noun.
fn is_dual(word: &str) -> bool {
    let word = word.strip_prefix("ال").unwrap_or(word);
    SINGULAR_NOUNS.iter().any(|&(singular, broken)| {
        word.strip_prefix(singular).is_some_and(|ending| {
            [DUAL_ALWAYS, "انا"].contains(&ending) || (broken && ending == DUAL_IF_BROKEN)
        })
    })
}

/// The word is a singular victim noun, bare or in the accusative («عنصرا»).
fn is_singular(word: &str) -> bool {
    let word = word.strip_prefix("ال").unwrap_or(word);
    SINGULAR_NOUNS
        .iter()
        .any(|&(singular, _)| word == singular || word.strip_suffix('ا') == Some(singular))
}

/// A cue of killing or wounding ends right before token `i` («مقتل | جندي»).
fn casualty_cue_before(cx: Ctx<'_>, i: usize) -> bool {
    let Some(t) = cx.tokens.get(i) else {
        return false;
    };
    cx.ending_at(i).iter().any(|c| {
        c.end_token == i
            && matches!(
                c.kind,
                TermKind::Count(CountKind::Killed | CountKind::Injured)
            )
            && cx
                .norm
                .get(c.end..t.start)
                .is_some_and(|g| g.trim().is_empty())
    })
}

/// A verb of killing or wounding follows the noun, right after it or after its
/// side («قياديا من قسد قتل»).
fn casualty_verb_after(cx: Ctx<'_>, noun: &Hit) -> bool {
    let mut next = noun.end_token;
    let mut end = noun.end;
    if let Some(after) = link_at(cx, end) {
        let Some(m) = cx.rec.mentions.iter().find(|m| {
            cx.tokens
                .get(after)
                .is_some_and(|t| m.span.start == t.start)
                && cx.rec.entities[m.entity].class.is_actor()
        }) else {
            return false;
        };
        end = m.span.end;
        next = cx.tokens.partition_point(|t| t.start < end);
    }
    let Some(t) = cx.tokens.get(next) else {
        return false;
    };
    // «قتيل وجريح» coordinates two nouns; the verb follows with no «و»
    joined(cx.norm, end, t.start)
        && cx.at(next).iter().any(|c| {
            c.first_token == next
                && c.start == t.start
                && matches!(
                    c.kind,
                    TermKind::Count(CountKind::Killed | CountKind::Injured)
                )
        })
}

/// Between `end` and `start` only spaces, quotes or brackets («أربعة» جنود»).
fn joined(norm: &str, end: usize, start: usize) -> bool {
    norm.get(end..start)
        .is_some_and(|g| g.chars().all(|c| is_space(c) || QUOTES.contains(&c)))
}

/// Between `end` and `start` only spaces.
fn adjacent(norm: &str, end: usize, start: usize) -> bool {
    norm.get(end..start)
        .is_some_and(|g| g.chars().all(is_space))
}

/// White space inside a line (a line break ends a sentence: headlines are lines).
fn is_space(c: char) -> bool {
    c.is_whitespace()
        && !matches!(
            c,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
}

/// Drops what adds nothing: a figure one source tells twice about one event with
/// the same victim, and — when a repeat names who was counted («11 شهيدا» … «11
/// شهيدا من الجيش») — the mention that counts everyone.
fn drop_repeats(claims: Vec<Claim>) -> Vec<Claim> {
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
        .enumerate()
        .map(|(i, c)| {
            let named_elsewhere = c.victim == Victim::Everyone
                && claims
                    .iter()
                    .any(|o| o.victim != Victim::Everyone && same_figure(c, o));
            let told_before = claims[..i]
                .iter()
                .any(|o| o.victim == c.victim && same_figure(c, o));
            !named_elsewhere && !told_before
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
fn is_numeral_adjective(cx: Ctx<'_>, q: &Quantity) -> bool {
    let word = &cx.norm[q.number.clone()];
    if q.value != Some(1) || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let first = cx.tokens.partition_point(|t| t.end <= q.number.start);
    let Some(before) = first.checked_sub(1).map(|i| &cx.tokens[i]) else {
        return false;
    };
    let adjacent = adjacent(cx.norm, before.end, q.number.start);
    let counts_people = cx.at(first - 1).iter().any(|h| {
        h.first_token == first - 1 && matches!(h.kind, TermKind::Count(_) | TermKind::Victim(_))
    });
    adjacent && before.kind == TokenKind::Word && !counts_people && q.span.start == q.number.start
}

/// «مقبرة رقم 14»، «اللواء 42»: a number right after a label noun names something.
fn is_label_number(cx: Ctx<'_>, q: &Quantity) -> bool {
    let first = cx.tokens.partition_point(|t| t.end <= q.number.start);
    first
        .checked_sub(1)
        .and_then(|i| cx.tokens.get(i))
        .is_some_and(|t| {
            adjacent(cx.norm, t.end, q.number.start)
                && q.span.start == q.number.start
                && LABEL_NOUNS.contains(&t.text(cx.norm))
        })
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
    "منهن",
    "اخرين",
    "اخرون",
    "اخري",
    "اخر",
    "اخران",
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
    "هم",
];

/// The number is followed directly by a noun the lexicon does not know as a count or
/// victim word: it counts that (tankers, vehicles, rockets), not people.
fn counts_something_else(cx: Ctx<'_>, q: &Quantity) -> bool {
    let next = cx.tokens.partition_point(|t| t.start < q.span.end);
    let Some(t) = cx.tokens.get(next) else {
        return false;
    };
    if t.kind != TokenKind::Word || !joined(cx.norm, q.span.end, t.start) {
        return false;
    }
    let word = t.text(cx.norm);
    let known = cx.at(next).iter().any(|h| {
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

/// The number counts relatives («مئات من ذوي الضحايا»، «عشرات ذوي المفقودين»).
fn counts_kin(cx: Ctx<'_>, q: &Quantity) -> bool {
    let kin = |t: &Token| KIN_NOUNS.contains(&t.text(cx.norm));
    let after = link_at(cx, q.span.end)
        .unwrap_or_else(|| cx.tokens.partition_point(|t| t.start < q.span.end));
    cx.tokens.get(after).is_some_and(kin)
}

/// The count cue or victim noun at token `i`: a word that is both («قتيل» counts
/// the killed and names who) is taken as the count.
fn noun_at<'h>(cx: Ctx<'h>, i: usize) -> Option<&'h Hit> {
    let at = || cx.at(i).iter();
    at().find(|h| matches!(h.kind, TermKind::Count(_)))
        .or_else(|| at().find(|h| matches!(h.kind, TermKind::Victim(_))))
}

/// A count cue or victim noun right after the number (quotes or brackets between
/// them allowed, never punctuation).
fn noun_after<'h>(cx: Ctx<'h>, q: &Quantity) -> Option<Noun<'h>> {
    let next = cx.tokens.partition_point(|t| t.start < q.number.end);
    let t = cx.tokens.get(next)?;
    if !joined(cx.norm, q.number.end, t.start) {
        return None;
    }
    // «قتيل واحد وجريحين»: a noun after «و» is another figure's, not this one's
    noun_at(cx, next)
        .filter(|h| {
            !cx.norm
                .get(t.start..h.start)
                .is_some_and(|p| p.starts_with(['و', 'ف']))
        })
        .map(|hit| Noun { hit, before: false })
}

/// «جنديان اثنان»، «مقاتلين اثنين»: a victim noun right before a number word.
fn noun_before<'h>(cx: Ctx<'h>, q: &Quantity) -> Option<Noun<'h>> {
    if !cx.norm[q.number.clone()].chars().all(char::is_alphabetic) {
        return None;
    }
    let first = cx.tokens.partition_point(|t| t.end <= q.number.start);
    let i = first.checked_sub(1)?;
    let t = cx.tokens.get(i)?;
    let names_people = cx
        .hits
        .iter()
        .any(|h| h.first_token == i && matches!(h.kind, TermKind::Victim(_)));
    if !names_people || !adjacent(cx.norm, t.end, q.number.start) || q.span.start != q.number.start
    {
        return None;
    }
    noun_at(cx, i)
        .filter(|h| h.end == t.end)
        .map(|hit| Noun { hit, before: true })
}

/// Words opening a clause that tells something else («بينما نجا عنصر واحد»): a
/// figure there does not inherit the kind counted before it.
const CONTRAST_OPENERS: &[&str] = &["بينما", "فيما", "في حين"];

/// The figure's clause opens with a word of contrast.
fn opens_contrast(cx: Ctx<'_>, q: &Quantity) -> bool {
    cx.layout
        .sentence_and_clause(&q.span)
        .is_some_and(|(_, clause)| {
            let text = &cx.norm[clause];
            CONTRAST_OPENERS.iter().any(|o| {
                text.strip_prefix(o)
                    .is_some_and(|rest| rest.starts_with(char::is_whitespace))
            })
        })
}

/// How many tokens after the number (and its noun) a count cue may follow it, within
/// its clause («9 عناصر قتلوا»، «عشرات السجناء من الفرار»، «30 من عناصر التنظيم قتلوا»).
const CUE_AFTER_REACH: usize = 5;

/// The count cue nearest the quantity in its sentence: the last one before it, or one
/// within a few tokens after it (its noun included), whichever is closer in tokens.
fn nearest_cue(
    cx: Ctx<'_>,
    sentence: &Range<usize>,
    q: &Quantity,
    noun: Option<Noun<'_>>,
) -> Option<CountKind> {
    let count = |h: &Hit| match h.kind {
        TermKind::Count(k) => Some(k),
        _ => None,
    };
    let tokens = cx.tokens;
    let first = tokens.partition_point(|t| t.end <= q.span.start);
    let after_from = match noun {
        Some(n) if !n.before => n.hit.end_token,
        _ => tokens.partition_point(|t| t.start < q.number.end),
    };
    let clause = cx
        .layout
        .sentence_and_clause(&q.span)
        .map_or_else(|| sentence.clone(), |(_, clause)| clause);
    // «… 11 شهيدا، بينما نجا عنصر واحد»: no cue before a clause of contrast counts
    let from = if opens_contrast(cx, q) {
        clause.start
    } else {
        sentence.start
    };
    let before = hits_starting_in(cx.hits, &(from..q.span.start))
        .iter()
        .filter(|h| h.end <= q.span.start)
        .filter_map(|h| count(h).map(|k| (first.saturating_sub(h.end_token), k)))
        .next_back();
    let after_start = tokens.get(after_from).map_or(cx.norm.len(), |t| t.start);
    let after = hits_starting_in(cx.hits, &(after_start..clause.end))
        .iter()
        .filter(|h| h.end <= clause.end && h.first_token >= after_from)
        .filter(|h| h.first_token - after_from < CUE_AFTER_REACH)
        // «سقوط 142 مدنيا وإصابة 183»: a cue right before a figure is that figure's
        .filter(|h| !cue_of_next_figure(cx, h))
        .find_map(|h| count(h).map(|k| (h.first_token - after_from, k)));
    match (before, after) {
        (Some((db, kb)), Some((da, ka))) => Some(if da < db { ka } else { kb }),
        (b, a) => b.or(a).map(|(_, k)| k),
    }
}

/// A figure starts at byte `start`.
fn starts_figure(cx: Ctx<'_>, start: usize) -> bool {
    cx.figure_spans
        .binary_search_by_key(&start, |f| f.start)
        .is_ok()
}

/// A count cue followed at once by a figure («وإصابة 183»).
fn cue_of_next_figure(cx: Ctx<'_>, cue: &Hit) -> bool {
    cx.tokens
        .get(cue.end_token)
        .is_some_and(|t| adjacent(cx.norm, cue.end, t.start) && starts_figure(cx, t.start))
}

/// How far after «من» the named group may start («من عناصر التنظيم»).
const PARTITIVE_REACH: usize = 3;

/// The token right after a side link («من»، «في صفوف») that starts at `pos`
/// (spaces before it allowed), if one does.
fn link_at(cx: Ctx<'_>, pos: usize) -> Option<usize> {
    let i = cx.tokens.partition_point(|t| t.start < pos);
    let first = cx.tokens.get(i)?;
    if !adjacent(cx.norm, pos, first.start) {
        return None;
    }
    SIDE_LINKS.iter().find_map(|link| {
        let words = cx.tokens.get(i..i + link.len())?;
        let chained = words
            .windows(2)
            .all(|w| adjacent(cx.norm, w[0].end, w[1].start));
        let same = words
            .iter()
            .zip(link.iter())
            .all(|(t, w)| t.text(cx.norm) == *w);
        // what the link introduces follows it in the same phrase
        let then = words
            .last()
            .zip(cx.tokens.get(i + link.len()))
            .is_some_and(|(last, t)| joined(cx.norm, last.end, t.start));
        (chained && same && then).then_some(i + link.len())
    })
}

/// The actor named from token `from` on, within `reach` tokens, past nothing but
/// nouns that say what members are counted («من عناصر التنظيم»، «من قوات قسد»،
/// «من قيادات وعناصر التنظيم»), the words in `pass`, and — when `one_word` —
/// a single other word right before the name («من تنظيم "داعش"»; not for the
/// displaced: «من جيب التنظيم» is a place).
fn actor_from<'a>(
    cx: Ctx<'a>,
    from: usize,
    (reach, pass, one_word): (usize, &[&str], bool),
) -> Option<&'a super::recognise::Mention> {
    let mut unknown = 0;
    for i in from..from + reach {
        let t = cx.tokens.get(i)?;
        // never past punctuation: the name is in the figure's phrase
        let previous = i.checked_sub(1).and_then(|p| cx.tokens.get(p));
        if previous.is_some_and(|p| !joined(cx.norm, p.end, t.start)) {
            return None;
        }
        let named = cx
            .rec
            .mentions
            .iter()
            .find(|m| m.span.start >= t.start && m.span.start < t.end);
        if let Some(m) = named {
            return cx.rec.entities[m.entity].class.is_actor().then_some(m);
        }
        if unknown > 0 {
            return None;
        }
        let members = cx.at(i).iter().find(|h| {
            h.first_token == i
                && matches!(
                    h.kind,
                    TermKind::Victim(_) | TermKind::EntityCue(_) | TermKind::Count(_)
                )
        });
        // «من مقاتليه»: the pronoun names the side, no name after it does
        if members.is_some_and(|h| says_whose(cx, h)) {
            return None;
        }
        if members.is_none() && !pass.contains(&t.text(cx.norm)) {
            if !one_word || i != from {
                return None;
            }
            unknown += 1;
        }
    }
    None
}

/// Who was counted, where the phrase that says so ends, and whether the text
/// names the group (a side, or civilians) rather than leaving it to the noun's
/// class or the kind.
struct Counted {
    victim: Victim,
    end: usize,
    named: bool,
}

/// Who was counted by the figure `q` with its noun (see the module header).
fn victim_of(
    cx: Ctx<'_>,
    sentence: &Range<usize>,
    q: &Quantity,
    noun: Option<Noun<'_>>,
    (kind, event): (CountKind, &Event),
) -> Counted {
    let named = |victim: Victim, end: usize| Counted {
        victim,
        end,
        named: true,
    };
    // the noun that names the group: the figure's own, or one after «من»
    let mut group = noun.map(|n| n.hit);
    let mut end = phrase_end(q, noun);
    // «من عناصر التنظيم»، «من قوات الحكومة»: a side named by a noun the recogniser
    // could not tie to an entity still says of what class the side is
    let mut side_class = None;
    // «وأصيب ثلاثة آخرون من الجيش»: the side may follow «آخرون»
    if let Some(t) = word_after(cx, end).filter(|t| OTHERS.contains(&t.text(cx.norm))) {
        end = t.end;
    }
    if let Some(after) = link_at(cx, end) {
        // «240 شخصا من بينهم مدنيون»: the figure is the total of a breakdown
        if opens_breakdown(cx, after) {
            return named(Victim::Everyone, end);
        }
        // «20 من قوات X»، «16 من عناصر التنظيم»، «11 عنصرا من الجيش»
        let one_word = kind != CountKind::Displaced;
        if let Some(m) = actor_from(cx, after, (PARTITIVE_REACH, LINK_WORDS, one_word)) {
            return named(Victim::Entity(m.entity), m.span.end);
        }
        // «7 من المدنيين»، «ثلاثة من المسلحين العشائريين»، «عشرة من جنودها»
        if let Some(h) = victim_noun_from(cx, after) {
            // «13 شخصا من المدنيين والعسكريين»: several groups together are everyone
            if coordinated_group(cx, h) {
                return named(Victim::Everyone, h.end);
            }
            group = Some(h);
            end = h.end;
        } else if let Some(class) = class_named_at(cx, after) {
            // «مسلحان من التنظيم» before the organisation is named
            side_class = Some(class);
            end = cx.tokens.get(after).map_or(end, |t| t.end);
        }
    } else if let Some(m) = in_side(cx, end) {
        return named(Victim::Entity(m.entity), m.span.end);
    }
    let before = noun.is_some_and(|n| n.before) && group.is_some_and(|g| g.end <= q.span.start);
    if let Some(h) = group.filter(|_| !before && side_class.is_none()) {
        if let Some((victim, end)) = side_of_noun(cx, q, h) {
            return named(victim, end);
        }
        // «عناصر التنظيم» in construct
        if let Some(t) = word_after(cx, h.end) {
            if let Some(class) = class_named_at(cx, h.end_token) {
                side_class = Some(class);
                end = t.end;
            }
        }
        // «عشرات المقاتلين المحليين في صفوف التنظيم»: the side after one adjective
        let adjective = word_after(cx, h.end)
            .filter(|t| t.kind == TokenKind::Word && !t.text(cx.norm).starts_with('و'))
            .filter(|t| !starts_figure(cx, t.start))
            .filter(|_| cx.at(h.end_token).is_empty())
            .filter(|t| link_at(cx, t.start).is_none());
        if let Some(m) = adjective
            .and_then(|t| link_at(cx, t.end))
            .and_then(|after| actor_from(cx, after, (PARTITIVE_REACH, LINK_WORDS, false)))
        {
            return named(Victim::Entity(m.entity), m.span.end);
        }
    }
    // the noun itself may name who («قتيلا» everyone, «مدنيين»), or the word after
    // it («قتلى مدنيين»)
    let victim_at = |token: usize| {
        cx.at(token).iter().find_map(|h| match h.kind {
            TermKind::Victim(v) if h.first_token == token => Some(v),
            _ => None,
        })
    };
    let victim_noun = group.and_then(|h| {
        let own = victim_at(h.first_token);
        let next = cx
            .tokens
            .get(h.end_token)
            .filter(|t| adjacent(cx.norm, h.end, t.start))
            .and_then(|_| victim_at(h.end_token));
        match (own, next) {
            (Some(VictimNoun::Everyone), Some(v)) => Some(v),
            (own, next) => own.or(next),
        }
    });
    if victim_noun == Some(VictimNoun::Civilians) {
        return named(Victim::Civilians, end);
    }
    // «وقتل خمسة عناصر منهم»: «منهم» says whose, the side named before
    let whose = word_after(cx, end).is_some_and(|t| OF_THEM.contains(&t.text(cx.norm)));
    // «اثنين من مقاتليه»: the pronoun points to the nearest side named before
    let pronoun = group.is_some_and(|h| says_whose(cx, h));
    let party = |class: Option<EntityClass>, generic: bool| {
        if pronoun {
            let fits = |e: usize| fits_class(cx, class, e);
            return nearest_before(cx, q, fits);
        }
        party_of_class(cx, sentence, q, (kind, event), class, generic && !whose)
    };
    // those held, escaped or captured are an armed group's members
    let member_class = kind_counts_members(kind).then_some(EntityClass::ArmedGroup);
    let victim = match victim_noun {
        _ if side_class.is_some() => {
            let (class, described) = side_class.unzip();
            party(class, described.unwrap_or(false)).map(Victim::Entity)
        }
        Some(VictimNoun::MemberOf(class)) => party(Some(class), false).map(Victim::Entity),
        Some(VictimNoun::Member) => party(member_class, true).map(Victim::Entity),
        _ => match kind {
            _ if member_class.is_some() => party(member_class, false).map(Victim::Entity),
            // the displaced are civilians unless the text says otherwise
            CountKind::Displaced => Some(Victim::Civilians),
            _ => None,
        },
    };
    Counted {
        victim: victim.unwrap_or(Victim::Everyone),
        end,
        named: false,
    }
}

/// The class of the armed side named at token `i` by a back-reference noun of a
/// known entity («التنظيم») or a cue noun of a force («قوات»، «الميليشيات»), when no
/// entity was recognised there; and whether it is a mere description (a cue noun),
/// which names no side that carried out the event.
fn class_named_at(cx: Ctx<'_>, i: usize) -> Option<(EntityClass, bool)> {
    let t = cx.tokens.get(i)?;
    if cx
        .rec
        .mentions
        .iter()
        .any(|m| m.span.start >= t.start && m.span.start < t.end)
    {
        return None;
    }
    cx.at(i)
        .iter()
        .find_map(|h| match h.kind {
            TermKind::Anaphor(e) => Some((cx.lexicon.entity(e).class, false)),
            TermKind::EntityCue(c) => Some((c, true)),
            _ => None,
        })
        .filter(|(c, _)| c.is_armed())
}

/// Where the words that count end: the number, or the noun after it.
fn phrase_end(q: &Quantity, noun: Option<Noun<'_>>) -> usize {
    match noun {
        Some(n) if !n.before => n.hit.end.max(q.span.end),
        _ => q.span.end,
    }
}

/// The word right after `end` (spaces between allowed).
fn word_after(cx: Ctx<'_>, end: usize) -> Option<&Token> {
    cx.tokens
        .get(cx.tokens.partition_point(|t| t.start < end))
        .filter(|t| adjacent(cx.norm, end, t.start))
}

/// The group noun is joined by «و» to a group on the other side of the line
/// between civilians and fighters («المدنيين والبشمركة»، «المدنيين والعسكريين»);
/// «عناصر وقيادات التنظيم» is one group.
fn coordinated_group(cx: Ctx<'_>, h: &Hit) -> bool {
    let Some(t) = word_after(cx, h.end).filter(|t| t.text(cx.norm).starts_with('و')) else {
        return false;
    };
    let i = cx.tokens.partition_point(|x| x.start < t.start);
    let civilian = |o: &Hit| matches!(o.kind, TermKind::Victim(VictimNoun::Civilians));
    let other_civilian = cx.at(i).iter().any(civilian);
    let other_fighters = cx.rec.mentions.iter().any(|m| {
        m.span.start == t.start + 'و'.len_utf8() && cx.rec.entities[m.entity].class.is_actor()
    }) || cx
        .at(i)
        .iter()
        .any(|o| matches!(o.kind, TermKind::Victim(v) if v != VictimNoun::Civilians));
    if civilian(h) {
        other_fighters && !other_civilian
    } else {
        other_civilian
    }
}

/// «عدد من القتلى والجرحى»: the kind of a second count noun joined to the first.
fn coordinated_noun_kind(cx: Ctx<'_>, noun: Noun<'_>, kind: CountKind) -> Option<CountKind> {
    if noun.before || !matches!(noun.hit.kind, TermKind::Count(_)) {
        return None;
    }
    let i = noun.hit.end_token;
    word_after(cx, noun.hit.end).filter(|t| t.text(cx.norm).starts_with('و'))?;
    let nouns = |o: &&Hit| o.first_token == i && matches!(o.kind, TermKind::Victim(_));
    cx.at(i).iter().find(nouns)?;
    cx.at(i).iter().find_map(|o| match o.kind {
        TermKind::Count(k) if o.first_token == i && k != kind => Some(k),
        _ => None,
    })
}

/// A victim noun at token `from`, or after one word there that is not a breakdown
/// («من الأقلية الإيزيدية»; not «من بينهم مدنيين»), as a hit.
fn victim_noun_from<'h>(cx: Ctx<'h>, from: usize) -> Option<&'h Hit> {
    let at = |i: usize| {
        cx.at(i)
            .iter()
            .find(|h| matches!(h.kind, TermKind::Victim(_)))
    };
    at(from).or_else(|| {
        let t = cx.tokens.get(from)?;
        let next = cx.tokens.get(from + 1)?;
        let plain = !BREAKDOWN.contains(&t.text(cx.norm))
            && cx.at(from).is_empty()
            && adjacent(cx.norm, t.end, next.start);
        plain.then(|| at(from + 1)).flatten()
    })
}

/// «من بينهم»: what follows the figure is its breakdown.
fn opens_breakdown(cx: Ctx<'_>, from: usize) -> bool {
    cx.tokens
        .get(from)
        .is_some_and(|t| BREAKDOWN.contains(&t.text(cx.norm)))
}

/// «عنصرا في الجيش»: «في» right before an armed actor's name.
fn in_side(cx: Ctx<'_>, end: usize) -> Option<&super::recognise::Mention> {
    let i = cx.tokens.partition_point(|t| t.start < end);
    let t = cx.tokens.get(i)?;
    if t.text(cx.norm) != IN || !adjacent(cx.norm, end, t.start) {
        return None;
    }
    let next = cx.tokens.get(i + 1)?;
    cx.rec
        .mentions
        .iter()
        .find(|m| m.span.start == next.start && adjacent(cx.norm, t.end, next.start))
        .filter(|m| cx.rec.entities[m.entity].class.is_armed())
}

/// The side a victim noun names by what follows it: its own name in construct
/// («عناصر قسد»، «قادة التنظيم»), an adjective of origin («مقاتلا كرديا»), or a word
/// of allegiance and a name («موالياً لقوات النظام»، «العاملين مع ميليشيا X»).
fn side_of_noun(cx: Ctx<'_>, q: &Quantity, noun: &Hit) -> Option<(Victim, usize)> {
    if matches!(noun.kind, TermKind::Victim(VictimNoun::Civilians)) {
        return None;
    }
    let next = cx.tokens.get(noun.end_token)?;
    if !adjacent(cx.norm, noun.end, next.start) {
        return None;
    }
    // construct: the name right after the noun
    if let Some(m) = cx
        .rec
        .mentions
        .iter()
        .find(|m| m.span.start == next.start)
        .filter(|m| cx.rec.entities[m.entity].class.is_armed())
    {
        return Some((Victim::Entity(m.entity), m.span.end));
    }
    if let Some(found) = nisba_side(cx, q, noun) {
        return Some(found);
    }
    // allegiance, right after the noun or after one adjective
    (noun.end_token..noun.end_token + 2).find_map(|i| {
        let t = cx.tokens.get(i)?;
        if !adjacent(cx.norm, cx.tokens[i - 1].end, t.start) {
            return None;
        }
        let word = t.text(cx.norm);
        let word = word.strip_prefix("ال").unwrap_or(word);
        if !ALLEGIANCE_STEMS.iter().any(|s| word.starts_with(s)) {
            return None;
        }
        let m = actor_from(cx, i + 1, (2, ALLEGIANCE_LINKS, false))?;
        Some((Victim::Entity(m.entity), m.span.end))
    })
}

/// The party of the event, or else the nearest actor, of the class the noun implies
/// (`None`: any armed actor). `generic`: the noun names no side («عنصرا»), so the
/// side that carried out a one-sided event is not the one counted among its dead.
/// Attackers are the event's agents first; everyone else its targets first. A body
/// that only speaks for a force («خلية الإعلام الأمني») fields no one counted.
fn party_of_class(
    cx: Ctx<'_>,
    sentence: &Range<usize>,
    q: &Quantity,
    (kind, event): (CountKind, &Event),
    class: Option<EntityClass>,
    generic: bool,
) -> Option<usize> {
    let fits = |e: usize| fits_class(cx, class, e);
    let doers_excluded = generic && !kind_counts_members(kind) && one_sided(event.class);
    let excluded =
        |e: usize| doers_excluded && kind != CountKind::Attackers && event.agents.contains(&e);
    let (first, second): (&[usize], &[usize]) = if kind == CountKind::Attackers {
        (&event.agents, &event.targets)
    } else {
        (&event.targets, &event.agents)
    };
    let parties = first
        .iter()
        .chain(second.iter())
        .copied()
        .filter(|&e| !excluded(e));
    parties
        .into_iter()
        .find(|&e| fits(e))
        .or_else(|| nearest(cx, sentence, q, |e| fits(e) && !excluded(e)))
}

/// The entity is of the class a noun implies (`None`: any armed actor) and fields
/// the people counted (not a body that only speaks for a force).
fn fits_class(cx: Ctx<'_>, class: Option<EntityClass>, e: usize) -> bool {
    let of = cx.rec.entities[e].class;
    class.map_or(of.is_armed(), |c| of == c) && !cx.speaking_body.get(e).copied().unwrap_or(false)
}

/// A member noun carrying a possessive pronoun («مقاتليه»، «عناصرها»، «جنودها»).
fn says_whose(cx: Ctx<'_>, h: &Hit) -> bool {
    matches!(
        h.kind,
        TermKind::Victim(VictimNoun::Member | VictimNoun::MemberOf(_))
    ) && cx.tokens.get(h.first_token).is_some_and(|t| t.end == h.end)
        && crate::text::pronoun_suffix(&cx.norm[h.range()]).is_some()
}

/// The stem of an adjective of origin (nisba): «كرديا»، «الكردية»، «عراقيين» →
/// «كرد»، «كرد»، «عراق». `None` for a word without the nisba ending.
fn nisba_stem(word: &str) -> Option<&str> {
    let word = word.strip_prefix("ال").unwrap_or(word);
    ["يين", "يون", "يان", "يات", "يه", "يا", "ي"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .filter(|stem| stem.chars().count() >= 3)
}

/// The actor an adjective of origin right after the victim noun points to: the
/// mention nearest the quantity whose name has an adjective with the same stem.
fn nisba_side(cx: Ctx<'_>, q: &Quantity, noun: &Hit) -> Option<(Victim, usize)> {
    let norm = cx.norm;
    let adjective = cx
        .tokens
        .get(noun.end_token)
        .filter(|t| adjacent(norm, noun.end, t.start))?;
    // «قتلى مدنيين»: a word the lexicon knows is not an adjective of origin
    if !cx.at(noun.end_token).is_empty() {
        return None;
    }
    let stem = nisba_stem(adjective.text(norm))?;
    let carries = |m: &&super::recognise::Mention| {
        let first = cx.tokens.partition_point(|t| t.start < m.span.start);
        cx.rec.entities[m.entity].class.is_armed()
            && cx.tokens[first..]
                .iter()
                .take_while(|t| t.end <= m.span.end)
                .any(|t| nisba_stem(t.text(norm)) == Some(stem))
    };
    let m = cx
        .rec
        .mentions
        .iter()
        .filter(carries)
        .min_by_key(|m| m.span.start.abs_diff(q.span.start))?;
    Some((Victim::Entity(m.entity), adjective.end))
}

/// «آخرون» right after the figure (and its noun).
fn others_follow(cx: Ctx<'_>, q: &Quantity, noun: Option<Noun<'_>>) -> bool {
    word_after(cx, phrase_end(q, noun)).is_some_and(|t| OTHERS.contains(&t.text(cx.norm)))
}

/// The group counted just before, when the figure says it is more of them or
/// some of them: «وأصيب أربعة آخرون», «واعتقال 16 منهم», or a bare figure of
/// another kind in the same sentence («قتل 3 جنود وأصيب اثنان»).
fn group_counted_before(
    cx: Ctx<'_>,
    at: Place<'_>,
    q: &Quantity,
    noun: Option<Noun<'_>>,
    (kind, known): (CountKind, bool),
    claims: &[Claim],
) -> Option<Victim> {
    let first_in_sentence = at.first_in_sentence;
    let next = word_after(cx, phrase_end(q, noun)).map(|t| t.text(cx.norm));
    // «41 شخصا منهم 20 …» opens a breakdown; «اعتقال 16 منهم» counts some of them
    // «وقتل 138 من هؤلاء»: of those just counted
    let of_these = link_at(cx, phrase_end(q, noun))
        .and_then(|i| cx.tokens.get(i))
        .is_some_and(|t| THESE.contains(&t.text(cx.norm)));
    let more_of_them = of_these
        || next.is_some_and(|w| OTHERS.contains(&w) || (noun.is_none() && OF_THEM.contains(&w)));
    if more_of_them {
        return group_counted_last(cx, claims);
    }
    // «وأصيب اثنان بجروح»: a count noun names no group
    let names_group = noun.is_some_and(|n| {
        cx.at(n.hit.first_token)
            .iter()
            .any(|h| matches!(h.kind, TermKind::Victim(_)))
    });
    let bare = !known && !names_group && next.is_none_or(|w| !w.starts_with("من"));
    if bare {
        let clause = cx
            .layout
            .sentence_and_clause(&q.span)
            .map_or(q.span.clone(), |(_, clause)| clause);
        return claims[first_in_sentence..]
            .iter()
            .rev()
            .filter(|c| clause.contains(&c.span.start))
            .find(|c| c.kind != kind && c.victim != Victim::Everyone)
            .map(|c| c.victim.clone());
    }
    None
}

/// The group the last figure counted; everyone when it was one item of a list
/// of several sides («4 عناصر من قوات النظام و3 مدنيين، فيما أصيب 7 آخرون»).
fn group_counted_last(cx: Ctx<'_>, claims: &[Claim]) -> Option<Victim> {
    let last = claims.last()?;
    let same_sentence = |c: &Claim| {
        cx.norm
            .get(c.span.end.min(last.span.start)..last.span.start)
            .is_some_and(|gap| !gap.contains(['.', '!', '?', ';', '\n']))
    };
    let mixed = claims
        .iter()
        .rev()
        .take_while(|c| c.kind == last.kind && same_sentence(c))
        .any(|c| c.victim != last.victim);
    Some(if mixed {
        Victim::Everyone
    } else {
        last.victim.clone()
    })
}

/// The count word before the quantity joined by «و» to another one («مقتل وإصابة
/// عشرات»): the other kind counted by the same figure.
fn coordinated_kind(
    cx: Ctx<'_>,
    sentence: &Range<usize>,
    q: &Quantity,
    kind: CountKind,
) -> Option<CountKind> {
    let cues: Vec<(&Hit, CountKind)> = cx
        .hits
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
        && adjacent(cx.norm, first.end, cx.tokens[second.first_token].start)
        && cx.norm[cx.tokens[second.first_token].start..second.start] == *"و"
        && second.end_token == cx.tokens.partition_point(|t| t.start < q.span.start);
    // «أربعة جنود قتلوا وأصيب ثلاثة آخرون»: the first verb is the predicate of the
    // figure right before it
    let ends_figure = |i: usize| {
        cx.tokens
            .get(i)
            .is_some_and(|t| cx.figure_spans.iter().any(|f| f.end == t.end))
    };
    let after_figure = first.first_token.checked_sub(1).is_some_and(|p| {
        ends_figure(p)
            || (cx
                .at(p)
                .iter()
                .any(|h| matches!(h.kind, TermKind::Victim(_)))
                && p.checked_sub(1).is_some_and(ends_figure))
    });
    (joined && !after_figure && *k2 == kind && k1 != k2).then_some(*k1)
}

/// The groups joined by «و» one after another right after the first («من قسد
/// وتنظيم داعش»، «من الأسايش وقوات مكافحة الإرهاب ووحدات حماية الشعب»), each with
/// where its name ends.
fn coordinated_victims(cx: Ctx<'_>, mut end: usize) -> Vec<(Victim, usize)> {
    let mut sides = Vec::new();
    while let Some(t) = cx.tokens.get(cx.tokens.partition_point(|t| t.start < end)) {
        if !adjacent(cx.norm, end, t.start) || !t.text(cx.norm).starts_with('و') {
            break;
        }
        let Some(m) = cx.rec.mentions.iter().find(|m| {
            m.span.start == t.start + 'و'.len_utf8() && cx.rec.entities[m.entity].class.is_actor()
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

/// The entity of the mention accepted by `fits` nearest to the quantity: in its
/// sentence before it, then after it (up to the next figure), then before the
/// sentence.
fn nearest(
    cx: Ctx<'_>,
    sentence: &Range<usize>,
    q: &Quantity,
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mentions = &cx.rec.mentions;
    let before = |m: &&super::recognise::Mention| m.span.start < q.span.start && fits(m.entity);
    mentions
        .iter()
        .rev()
        .filter(|m| m.span.start >= sentence.start)
        .find(before)
        .or_else(|| {
            // after it only up to the next figure, whose side that one is («124 من
            // عناصر التنظيم و50 من قسد»)
            let next = cx.figure_spans.partition_point(|f| f.start <= q.span.start);
            let bound = cx
                .figure_spans
                .get(next)
                .map_or(sentence.end, |f| f.start.min(sentence.end));
            mentions
                .iter()
                .find(|m| m.span.start >= q.span.end && m.span.end <= bound && fits(m.entity))
        })
        .or_else(|| mentions.iter().rev().find(before))
        .map(|m| m.entity)
}

/// The entity of the nearest mention before the quantity accepted by `fits`.
fn nearest_before(cx: Ctx<'_>, q: &Quantity, fits: impl Fn(usize) -> bool) -> Option<usize> {
    cx.rec
        .mentions
        .iter()
        .rev()
        .find(|m| m.span.start < q.span.start && fits(m.entity))
        .map(|m| m.entity)
}

/// The event a figure is about: 1. a fitting event reported in its sentence, 2. the
/// last fitting one before it, 3. the first fitting one in the article, 4. any event
/// reported in its sentence, 5. the nearest event before it, 6. the first event.
fn event_for(
    events: &[Event],
    sentence: &Range<usize>,
    q: &Quantity,
    kind: CountKind,
) -> Option<usize> {
    let in_sentence = |e: &&Event| e.reported_in.contains(sentence);
    let fitting = |e: &&Event| fits(kind, e.class);
    let before = |e: &&Event| e.trigger.start < q.span.start;
    let pick =
        |found: Option<&Event>| found.and_then(|f| events.iter().position(|e| std::ptr::eq(e, f)));
    pick(events.iter().filter(in_sentence).find(fitting))
        .or_else(|| pick(events.iter().filter(before).rfind(fitting)))
        .or_else(|| pick(events.iter().find(fitting)))
        .or_else(|| pick(events.iter().find(in_sentence)))
        .or_else(|| pick(events.iter().filter(before).max_by_key(|e| e.trigger.start)))
        .or_else(|| pick(events.first()))
}

#[cfg(test)]
mod tests {
    use super::{is_dual, is_singular, nisba_stem};

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

    #[test]
    fn duals_and_singulars_are_told_by_their_ending() {
        for (word, dual, singular) in [
            ("قتيلان", true, false),
            ("جريحين", true, false),
            ("عنصرين", true, false),
            ("فردان", true, false),
            ("مدنيين", false, false),
            ("مقاتلين", false, false),
            ("عنصر", false, true),
            ("عنصرا", false, true),
            ("الجندي", false, true),
            ("عناصر", false, false),
            ("جنود", false, false),
        ] {
            assert_eq!(is_dual(word), dual, "{word} dual");
            assert_eq!(is_singular(word), singular, "{word} singular");
        }
    }
}

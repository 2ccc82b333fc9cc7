//! Name extents: where a new name starts and stops, and the names introduced by a
//! cue noun of the lexicon («حي X»، «قوات X»، «مؤسسة "X"») or a plural place noun
//! before a coordinated list («أحياء X وY وZ»).
//!
//! A name's extent is decided token by token: it stops at function words (also
//! behind a proclitic: «بما»), verbs that go on with the sentence, descriptive
//! adjectives (and, for places, the adjectives that describe a place: «منطقة
//! ريفية» names nothing), numbers, punctuation, other recognised terms, at a
//! conjunction starting the next item of a list, and — for places — at the next
//! cue noun («قضاء الدبس ناحية …»). A place cue right before another place cue
//! leaves the name to it («منطقة ساحة الطيران»); the head of a compound name
//! keeps its definite second word even where that word is a title or a cue
//! noun («قرية تل الشيخ»، «قرية بئر الوادي»). A name in quotes or brackets runs
//! to the closing mark. A name cut off by the end of the text that begins an
//! entity named earlier is that entity. Invariant: a name starts and ends on token
//! boundaries, so it never ends inside a word.

use super::*;
use crate::extract::lexicon::HeadKind;

/// A name never runs across a function word, a verb of the sentence going on, or a
/// direction word, also behind a proclitic («بما»، «لذلك»، «وشهدت»).
pub(super) fn is_stop(w: &str) -> bool {
    if NAME_STOPS.contains(&w) || NAME_VERBS.contains(&w) || DIRECTION_WORDS.contains(&w) {
        return true;
    }
    let Some(rest) = w.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك']) else {
        return false;
    };
    CLITIC_STOP_BASES.contains(&rest) || (w.starts_with(['و', 'ف']) && NAME_VERBS.contains(&rest))
}

/// Function words that take a proclitic and stay function words («بما»، «لذلك»،
/// «بكل»); other stops are not tried behind one, since «بالي» is a name, not «ب+إلى».
#[rustfmt::skip]
const CLITIC_STOP_BASES: &[&str] = &[
    "ما", "هذا", "هذه", "ذلك", "تلك", "كل", "بعض", "جميع", "نفس", "هم", "هو", "هي", "انه",
    "انها", "انهم", "دون", "مثل",
];

/// Function words: a name never runs across them.
#[rustfmt::skip]
pub(super) const NAME_STOPS: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "مع", "بعد", "قبل", "عند", "حتي", "منذ", "خلال", "بين",
    "التي", "الذي", "الذين", "اللذين", "ان", "او", "ثم", "لكن", "هو", "هي", "هم", "كان", "كانت",
    "قد", "لقد", "لم", "لا", "ما", "كما", "حيث", "فيما", "بينما", "اذ", "اذا", "وان", "وفي",
    "ومن", "قرب", "داخل", "خارج", "امام", "ضد", "نحو", "حول", "لدي", "الا", "يوم", "اليوم",
    "امس", "مساء", "صباح", "فجر", "ليل", "ليله", "ايضا", "كذلك", "انه", "انها", "انهم", "بان",
    "لان", "اي", "هذا", "هذه", "ذلك", "تلك", "عام", "العام", "سنه", "ذات", "ذو", "ذي", "وهو",
    "وهي", "فقد", "عبر", "بشكل", "غير", "كل", "بعض", "جميع", "عدد", "نفس", "اثناء", "لدى",
    "باتجاه", "ضمن", "عقب", "جراء", "اثر", "بسبب", "بالقرب", "قرابه", "فجرا", "صباحا", "ليلا",
    "ظهرا", "عصرا", "نهارا", "غدا", "حاليا", "مجددا", "تقريبا",
];

/// Verbs that follow a place or a name as the sentence goes on («قرية X بلغ عدد …»).
#[rustfmt::skip]
pub(super) const NAME_VERBS: &[&str] = &[
    "تقع", "يقع", "تبعد", "يبعد", "بلغ", "بلغت", "يبلغ", "تبلغ", "شهد", "شهدت", "تشهد", "يشهد",
    "تعرض", "تعرضت", "يتعرض", "تتعرض", "سقط", "سقطت", "وقع", "وقعت", "تضم", "يضم", "سيطر",
    "سيطرت", "تسيطر", "يسيطر", "تعد", "يعد", "تعتبر", "يعتبر", "بات", "باتت", "اصبح", "اصبحت",
    "تحول", "تحولت", "دخل", "دخلت", "وصل", "وصلت", "يقطن", "يسكن", "تحتضن", "عاد", "عادت",
    "شن", "شنت", "نفذ", "نفذت", "تمكن", "تمكنت", "يوجد", "توجد", "تمتد", "يمتد", "تعاني", "يعاني", "تشكل", "يشكل", "تمثل", "يمثل",
    "تخضع", "يخضع", "تنتشر", "ينتشر", "تحيط", "يحيط", "تحظي", "يحظي",
];

/// Adjectives that describe a place rather than name it («منطقة ريفية»، «مدينة
/// عراقية حدودية»، «معبر X الحدودي»), in both genders, bare and definite.
#[rustfmt::skip]
pub(super) const PLACE_ADJECTIVES: &[&str] = &[
    "ريفي", "ريفيه", "جبلي", "جبليه", "صحراوي", "صحراويه", "حدودي", "حدوديه", "الحدودي",
    "الحدوديه", "شعبي", "شعبيه", "الشعبي", "الشعبيه", "سكني", "سكنيه", "السكني", "السكنيه",
    "زراعي", "زراعيه", "الزراعي", "الزراعيه", "صناعي", "صناعيه", "نايي", "ناييه", "النايي",
    "الناييه", "رييسي", "رييسيه", "الرييسي", "الرييسيه", "استراتيجي", "استراتيجيه",
    "الاستراتيجي", "الاستراتيجيه", "حيوي", "حيويه", "مهم", "مهمه", "محاذي", "محاذيه",
    "المحاذي", "المحاذيه", "مزدحم", "مزدحمه", "المزدحم", "المزدحمه", "وعره", "وعر", "نفطي",
    "نفطيه", "النفطي", "النفطيه", "مجاور", "مجاوره", "عراقي", "عراقيه", "العراقي", "العراقيه",
    "سوري", "السوري", "السوريه", "تركي", "تركيه", "التركي", "التركيه", "كردي", "كرديه",
    "الكردي", "الكرديه", "ايراني", "ايرانيه", "الايراني", "الايرانيه", "امريكي", "امريكيه",
    "الامريكي", "الامريكيه", "اميركي", "اميركيه", "الاميركي", "الاميركيه", "روسي", "روسيه",
    "الروسي", "الروسيه", "عربي", "عربيه", "محتل", "محتله", "المحتل", "المحتله", "محاصر",
    "محاصره", "المحاصر", "المحاصره",
];

/// Descriptive words that follow a name rather than belong to it.
#[rustfmt::skip]
pub(super) const NAME_MODIFIERS: &[&str] = &[
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
pub(super) const COMPOUND_HEADS: &[&str] = &[
    "ام", "ابو", "ابي", "عين", "تل", "دير", "حوش", "جسر", "كفر", "خربه", "راس", "بير", "عبد",
    "ابن", "بن", "بنت", "سيدي", "جبل", "وادي", "سد", "باب",
];

/// Proclitics with the article: a word carrying them continues no name («سجن بالبلاد»).
pub(super) const CLITIC_ARTICLES: &[&str] = &["بال", "لل", "وال", "فال", "كال", "وبال", "ولل"];

/// Longest name (in tokens) a cue may introduce, by class.
pub(super) fn max_name_tokens(class: EntityClass) -> usize {
    match class {
        EntityClass::Person => 3,
        c if c.is_place() => 2,
        _ => 4,
    }
}

/// Token-level facts the name rules consult.
pub(super) struct Ctx<'a> {
    pub(super) norm: &'a str,
    pub(super) tokens: &'a [Token],
    /// Token belongs to a lexicon term other than an entity cue.
    pub(super) claimed: Vec<bool>,
    /// Token is an entity cue word or the head of a compound place («ريف»).
    pub(super) cue: Vec<bool>,
    /// Token holds a place cue noun («قرية»، «ناحية»).
    pub(super) place_cue: Vec<bool>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(norm: &'a str, tokens: &'a [Token], hits: &[Hit]) -> Ctx<'a> {
        let mut claimed = vec![false; tokens.len()];
        let mut cue = vec![false; tokens.len()];
        let mut place_cue = vec![false; tokens.len()];
        for h in hits {
            let marks = match h.kind {
                TermKind::EntityCue(c) | TermKind::EntityListCue(c) => {
                    if c.is_place() {
                        place_cue[h.first_token..h.end_token].fill(true);
                    }
                    &mut cue
                }
                // direction words stay plain words: places.rs reads them between
                // two places, and a name may end with one («النشوة الغربية»)
                TermKind::CompoundHead(_, HeadKind::Direction) | TermKind::Direction => continue,
                TermKind::CompoundHead(..) => &mut cue,
                // a cited-only name («العربية») is a common word where not credited
                TermKind::CitedName(_) => continue,
                _ => &mut claimed,
            };
            marks[h.first_token..h.end_token].fill(true);
        }
        Ctx {
            norm,
            tokens,
            claimed,
            cue,
            place_cue,
        }
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.norm)
    }

    /// Only spaces between tokens `i - 1` and `i`.
    pub(super) fn joined(&self, i: usize) -> bool {
        i > 0
            && self.norm[self.tokens[i - 1].end..self.tokens[i].start]
                .chars()
                .all(|c| c == ' ')
    }

    /// Only quotes, brackets and spaces (on one line) between tokens `i - 1` and `i`.
    pub(super) fn quoted_gap(&self, i: usize) -> bool {
        i > 0 && {
            let gap = &self.norm[self.tokens[i - 1].end..self.tokens[i].start];
            gap.chars().all(|c| matches!(c, ' ' | '"' | '(' | '[')) && gap.chars().any(|c| c != ' ')
        }
    }

    pub(super) fn token_index_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= byte)
    }

    /// Can token `i` be part of a new name of `class` (`first`: as its first word)?
    pub(super) fn name_word(&self, i: usize, class: EntityClass, first: bool) -> bool {
        let t = &self.tokens[i];
        let w = self.word(i);
        if self.claimed[i] || t.kind == TokenKind::Number || w.chars().count() < 2 {
            return false;
        }
        if is_stop(w) || NAME_MODIFIERS.contains(&w) {
            return false;
        }
        // a place is described, not named, by its adjectives; the next cue noun
        // starts the next place («قضاء الدبس ناحية التون كوبري»)
        if class.is_place() && (PLACE_ADJECTIVES.contains(&w) || (!first && self.cue[i])) {
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

    /// Whether token `i` is the second word of a compound place name after its
    /// head («تل الشيخ»، «بئر الوادي»): it belongs to the name even where it is
    /// also a title or a cue noun, unless it is a function word or a number.
    fn completes_compound(&self, i: usize, class: EntityClass) -> bool {
        let w = self.word(i);
        class.is_place()
            && i > 0
            && COMPOUND_HEADS.contains(&self.word(i - 1))
            && self.tokens[i].kind != TokenKind::Number
            && w.starts_with("ال")
            && w.chars().count() > 3
            && !is_stop(w)
            && !PLACE_ADJECTIVES.contains(&w)
            && !NAME_MODIFIERS.contains(&w)
    }

    /// The longest name starting at token `from` (byte `start`, which may skip a
    /// leading conjunction), up to the class's limit. Returns the byte span and the
    /// token after it.
    pub(super) fn name_at(
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
            && (self.name_word(end, class, false) || self.completes_compound(end, class))
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

impl Ctx<'_> {
    /// A name in quotes or brackets runs to the closing mark, whatever its words
    /// («علي» is a name there, not the preposition «على»).
    pub(super) fn quoted_name(
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

pub(super) fn cue_names(f: &mut Found<'_>, hits: &[Hit]) {
    for h in hits {
        match h.kind {
            // people after titles come once organisations are named (`person_cues`)
            TermKind::EntityCue(EntityClass::Person) => {}
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
                // «منطقة ساحة الطيران»: the inner cue names the place
                if class.is_place() && !quoted && f.ctx.place_cue[from] {
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
                if let Some(earlier) = cut_off_name(f, &span, class) {
                    f.spans.push((span, earlier));
                    continue;
                }
                // an organisation's name may only describe it, or say its class
                let (span, class) = if class.is_place() {
                    (span, class)
                } else {
                    let Some(named) = org_cue_name(f, hits, h, class, span) else {
                        continue;
                    };
                    named
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

/// A name the end of the text cuts off in the middle of a word («… لخلية الإعلا»)
/// that begins the name of an entity of its class met earlier is that entity.
fn cut_off_name(f: &Found<'_>, span: &Range<usize>, class: EntityClass) -> Option<usize> {
    let norm = f.ctx.norm;
    if !norm[span.end..].trim().is_empty() || f.covered(span.start).is_some() {
        return None;
    }
    let name = &norm[span.clone()];
    f.rec.entities.iter().position(|e| {
        e.class == class
            && crate::text::normalise(&e.label_ar)
                .strip_prefix(name)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| c != ' ')
    })
}

/// «قرى الطالعة وأم الكرامي», «أحياء غويران والزهور والمقبرة»: one entity per item.
pub(super) fn list_after_cue(f: &mut Found<'_>, h: &Hit, class: EntityClass) {
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

pub(super) fn item_at(
    ctx: &Ctx<'_>,
    i: usize,
    start: usize,
    class: EntityClass,
) -> Option<(Range<usize>, usize)> {
    let head = &ctx.norm[start..ctx.tokens[i].end];
    if ctx.claimed[i]
        || ctx.cue[i]
        || is_stop(head)
        || NAME_MODIFIERS.contains(&head)
        || PLACE_ADJECTIVES.contains(&head)
    {
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

/// The cue took the article as a proclitic («المدينة»، «للسجن»). Cue terms written
/// with their article («الفرقة»، «المتحدث باسم») are not definite here.
pub(super) fn is_definite(ctx: &Ctx<'_>, h: &Hit) -> bool {
    let prefix = &ctx.norm[ctx.tokens[h.first_token].start..h.start];
    prefix.ends_with("ال") || prefix.ends_with("لل")
}

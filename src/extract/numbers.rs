//! Counts in normalised Arabic news text: «41»، «3,500»، «ثلاثه وعشرين»، «12 الف»،
//! «عشرات», with their hedging qualifier («اكثر من»، «نحو»، «علي الاقل»).
//!
//! Input is text already normalised by `crate::text` (no tashkeel/tatweel;
//! hamzated alefs → ا; ى → ي; ة → ه; ؤ → و; ئ → ي; ASCII digits; lowercase
//! Latin) plus its tokens. Every word list below is therefore written in
//! normalised form (e.g. مئة arrives as "ميه", مائة as "مايه").
//!
//! Invariants:
//! * every returned span is a byte range of `norm` that starts at a token start
//!   and ends at a token end; results are non-overlapping and in text order;
//! * no function panics on any input (malformed token offsets are treated as
//!   empty text) and all arithmetic is checked or saturating: an expression
//!   whose value would overflow `u64` is not reported;
//! * number words and qualifiers live in const tables, never in if-chains.
//!
//! Conventions decided here:
//! * a separator followed by exactly three digits is a thousands separator
//!   ("3,500", "3.500" = 3500); any other decimal ("3.5") is not a count and is
//!   skipped, unless a scale word follows ("1.5 مليون" = 1 500 000);
//! * cardinal words accept the proclitics و ف ب ل ك (not ال, so that
//!   "الاثنين" stays Monday); "احد"/"احدي"/"اثنا"… count only inside a teen
//!   ("احد عشر"), because alone they mean "one of"/"anyone";
//! * numbers inside a date ("21 يناير", "عام 2019", "في 2014": the spans the
//!   `dates` room found, passed in) are not quantities; a lone 1900–2100 number
//!   is still a quantity;
//! * a fraction word before a singular scale word counts its part ("نصف
//!   مليون" = 500 000, "ربع مليون" = 250 000);
//! * percentages ("45%", "45 بالمئه") and digits glued to Latin ("c4", "f16")
//!   are not counts; a vague quantity has qualifier `Vague` even after
//!   "اكثر من".

use super::lexicon::{Hit, TermKind, VictimNoun};
use super::words::*;
use crate::text::{Token, TokenKind};
use std::ops::Range;
// ============================================================================
// Public types
// ============================================================================

/// How a count is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Qualifier {
    Exact,
    About,
    AtLeast,
    MoreThan,
    UpTo,
    LessThan,
    Vague,
}

/// A count found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// From the qualifier (if it precedes) to the end of the number expression,
    /// or to the end of a trailing qualifier.
    pub span: Range<usize>,
    /// The number expression alone (digits, number words, or vague words).
    pub number: Range<usize>,
    /// `None` when vague.
    pub value: Option<u64>,
    pub qualifier: Qualifier,
}
// ============================================================================
// Tables: clitics and number words
// ============================================================================

/// Whole words that look like clitic + number but are not numbers.
const NOT_NUMBERS: [&str; 6] = ["لست", "ولست", "فلست", "لستم", "لستن", "لستما"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumClass {
    /// 1–9; `alone` false for words that only count inside a teen (احد، اثنا).
    Unit { alone: bool },
    /// عشر / عشره: 10 alone, or the second half of a teen.
    Ten,
    /// 20–90.
    Tens,
    /// 100–900.
    Hundred,
    /// الف، مليون … (value = multiplier).
    Scale { plural: bool },
    /// الفين، مليونين … (value = multiplier; count is two).
    Dual,
}

const U: NumClass = NumClass::Unit { alone: true };
const UT: NumClass = NumClass::Unit { alone: false };
const SC: NumClass = NumClass::Scale { plural: false };
const SP: NumClass = NumClass::Scale { plural: true };

const NUMBER_WORDS: &[(&str, u64, NumClass)] = &[
    ("واحد", 1, U),
    ("واحده", 1, U),
    ("واحدا", 1, U),
    ("احد", 1, UT),
    ("احدي", 1, UT),
    ("اثنان", 2, U),
    ("اثنين", 2, U),
    ("اثنتان", 2, U),
    ("اثنتين", 2, U),
    ("اثنا", 2, UT),
    ("اثني", 2, UT),
    ("اثنتا", 2, UT),
    ("اثنتي", 2, UT),
    ("ثلاث", 3, U),
    ("ثلاثه", 3, U),
    ("اربع", 4, U),
    ("اربعه", 4, U),
    ("خمس", 5, U),
    ("خمسه", 5, U),
    ("ست", 6, U),
    ("سته", 6, U),
    ("سبع", 7, U),
    ("سبعه", 7, U),
    ("ثمان", 8, U),
    ("ثماني", 8, U),
    ("ثمانيه", 8, U),
    ("تسع", 9, U),
    ("تسعه", 9, U),
    ("عشر", 10, NumClass::Ten),
    ("عشره", 10, NumClass::Ten),
    ("عشرون", 20, NumClass::Tens),
    ("عشرين", 20, NumClass::Tens),
    ("ثلاثون", 30, NumClass::Tens),
    ("ثلاثين", 30, NumClass::Tens),
    ("اربعون", 40, NumClass::Tens),
    ("اربعين", 40, NumClass::Tens),
    ("خمسون", 50, NumClass::Tens),
    ("خمسين", 50, NumClass::Tens),
    ("ستون", 60, NumClass::Tens),
    ("ستين", 60, NumClass::Tens),
    ("سبعون", 70, NumClass::Tens),
    ("سبعين", 70, NumClass::Tens),
    ("ثمانون", 80, NumClass::Tens),
    ("ثمانين", 80, NumClass::Tens),
    ("تسعون", 90, NumClass::Tens),
    ("تسعين", 90, NumClass::Tens),
    ("ميه", 100, NumClass::Hundred),
    ("مايه", 100, NumClass::Hundred),
    ("مئه", 100, NumClass::Hundred),
    ("ميتان", 200, NumClass::Hundred),
    ("ميتين", 200, NumClass::Hundred),
    ("ميتا", 200, NumClass::Hundred),
    ("ميتي", 200, NumClass::Hundred),
    ("مايتان", 200, NumClass::Hundred),
    ("مايتين", 200, NumClass::Hundred),
    ("مايتا", 200, NumClass::Hundred),
    ("مايتي", 200, NumClass::Hundred),
    ("مئتان", 200, NumClass::Hundred),
    ("مئتين", 200, NumClass::Hundred),
    ("مئتي", 200, NumClass::Hundred),
    ("الف", 1_000, SC),
    ("الفا", 1_000, SC),
    ("الاف", 1_000, SP),
    ("الوف", 1_000, SP),
    ("الفين", 1_000, NumClass::Dual),
    ("الفان", 1_000, NumClass::Dual),
    ("الفي", 1_000, NumClass::Dual),
    ("مليون", 1_000_000, SC),
    ("مليونا", 1_000_000, SC),
    ("ملايين", 1_000_000, SP),
    ("مليونين", 1_000_000, NumClass::Dual),
    ("مليونان", 1_000_000, NumClass::Dual),
    ("مليوني", 1_000_000, NumClass::Dual),
    ("مليار", 1_000_000_000, SC),
    ("مليارا", 1_000_000_000, SC),
    ("مليارات", 1_000_000_000, SP),
    ("مليارين", 1_000_000_000, NumClass::Dual),
    ("ملياران", 1_000_000_000, NumClass::Dual),
    ("ملياري", 1_000_000_000, NumClass::Dual),
];

/// Fused hundreds: stem + tail, e.g. "ثلاث" + "مايه" = 300.
const HUNDRED_STEMS: &[(&str, u64)] = &[
    ("ثلاث", 3),
    ("اربع", 4),
    ("خمس", 5),
    ("ست", 6),
    ("سبع", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("تسع", 9),
];
const HUNDRED_TAILS: [&str; 3] = ["ميه", "مايه", "مئه"];

/// Words that start a vague quantity (proclitics allowed).
const VAGUE_HEADS: [&str; 15] = [
    "عشرات",
    "العشرات",
    "ميات",
    "الميات",
    "مئات",
    "المئات",
    "الاف",
    "الالاف",
    "الوف",
    "الالوف",
    "ملايين",
    "الملايين",
    "مليارات",
    "بضع",
    "بضعه",
];
/// Words that may continue a vague quantity ("مئات الالاف", "بضع عشرات").
const VAGUE_TAILS: [&str; 8] = [
    "الاف",
    "الالاف",
    "عشرات",
    "ميات",
    "مئات",
    "ملايين",
    "الملايين",
    "الالوف",
];
/// Multi-word vague quantities (proclitics allowed on the first word).
const VAGUE_PHRASES: &[&[&str]] = &[
    &["عدد", "غير", "قليل", "من"],
    &["عدد", "كبير", "من"],
    &["عدد", "قليل", "من"],
    &["عدد", "من"],
    &["العديد", "من"],
];
/// "عده" means "several" only bare and before a noun ("بعده" = "after it").
const VAGUE_BEFORE_NOUN: [&str; 1] = ["عده"];

/// Qualifiers before a number (proclitics allowed on the first word).
const PRE_QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["اكثر", "من"], Qualifier::MoreThan),
    (&["ازيد", "من"], Qualifier::MoreThan),
    (&["ما", "يزيد", "عن"], Qualifier::MoreThan),
    (&["ما", "يزيد", "علي"], Qualifier::MoreThan),
    (&["يزيد", "عن"], Qualifier::MoreThan),
    (&["يزيد", "علي"], Qualifier::MoreThan),
    (&["تزيد", "عن"], Qualifier::MoreThan),
    (&["تزيد", "علي"], Qualifier::MoreThan),
    (&["ما", "يربو", "علي"], Qualifier::MoreThan),
    (&["يربو", "علي"], Qualifier::MoreThan),
    (&["ما", "يفوق"], Qualifier::MoreThan),
    (&["يفوق"], Qualifier::MoreThan),
    (&["يتجاوز"], Qualifier::MoreThan),
    (&["تتجاوز"], Qualifier::MoreThan),
    (&["تجاوز"], Qualifier::MoreThan),
    (&["ما", "يتجاوز"], Qualifier::MoreThan),
    (&["نحو"], Qualifier::About),
    (&["حوالي"], Qualifier::About),
    (&["قرابه"], Qualifier::About),
    (&["زهاء"], Qualifier::About),
    (&["تقريبا"], Qualifier::About),
    (&["ما", "يقرب", "من"], Qualifier::About),
    (&["يقرب", "من"], Qualifier::About),
    (&["ما", "يقارب"], Qualifier::About),
    (&["يقارب"], Qualifier::About),
    (&["ما", "يناهز"], Qualifier::About),
    (&["يناهز"], Qualifier::About),
    (&["ما", "لا", "يقل", "عن"], Qualifier::AtLeast),
    (&["ما", "لا", "يقل", "علي"], Qualifier::AtLeast),
    (&["لا", "يقل", "عن"], Qualifier::AtLeast),
    (&["لا", "يقل", "علي"], Qualifier::AtLeast),
    (&["علي", "الاقل"], Qualifier::AtLeast),
    (&["اقل", "من"], Qualifier::LessThan),
    (&["حتي"], Qualifier::UpTo),
    (&["ما", "يصل", "الي"], Qualifier::UpTo),
    (&["يصل", "الي"], Qualifier::UpTo),
    (&["تصل", "الي"], Qualifier::UpTo),
];

/// Qualifiers after a number, or after the number and one noun.
const POST_QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["علي", "الاقل"], Qualifier::AtLeast),
    (&["علي", "اقل", "تقدير"], Qualifier::AtLeast),
    (&["علي", "الاكثر"], Qualifier::UpTo),
    (&["تقريبا"], Qualifier::About),
];

/// Words after a number that make it a percentage, not a count.
const PERCENT_WORDS: [&str; 3] = ["بالميه", "بالمايه", "بالمئه"];
/// "في المئه" = percent.
const PERCENT_LINK: [&str; 1] = ["في"];
const PERCENT_TAILS: [&str; 3] = ["الميه", "المايه", "المئه"];

/// Ordinals 1–10, masculine and feminine, without ال.
const ORDINALS: &[(&str, u32)] = &[
    ("اول", 1),
    ("اولي", 1),
    ("ثاني", 2),
    ("ثانيه", 2),
    ("ثالث", 3),
    ("ثالثه", 3),
    ("رابع", 4),
    ("رابعه", 4),
    ("خامس", 5),
    ("خامسه", 5),
    ("سادس", 6),
    ("سادسه", 6),
    ("سابع", 7),
    ("سابعه", 7),
    ("ثامن", 8),
    ("ثامنه", 8),
    ("تاسع", 9),
    ("تاسعه", 9),
    ("عاشر", 10),
    ("عاشره", 10),
];
// ============================================================================
// Number words
// ============================================================================

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NumWord {
    value: u64,
    class: NumClass,
}

/// [`NUMBER_WORDS`] and the fused hundreds ([`HUNDRED_STEMS`] + [`HUNDRED_TAILS`])
/// in one hashed table: a table word first, then the hundreds in the order of
/// the tails and the stems.
fn number_table() -> &'static WordTable<NumWord> {
    static TABLE: std::sync::OnceLock<WordTable<NumWord>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let words = NUMBER_WORDS
            .iter()
            .map(|&(w, value, class)| (w.to_owned(), NumWord { value, class }));
        let hundreds = HUNDRED_TAILS.iter().flat_map(|tail| {
            HUNDRED_STEMS.iter().map(move |&(stem, u)| {
                let n = NumWord {
                    value: u.saturating_mul(100),
                    class: NumClass::Hundred,
                };
                (format!("{stem}{tail}"), n)
            })
        });
        WordTable::new(words.chain(hundreds))
    })
}

fn number_form(form: &str) -> Option<NumWord> {
    number_table().get(form)
}

/// A number word and the proclitic prefix it carried.
fn number_word(word: &str) -> Option<(NumWord, &'static str)> {
    if NOT_NUMBERS.contains(&word) {
        return None;
    }
    let table = number_table();
    forms(word).find_map(|(p, f)| table.form(f).map(|n| (n, p)))
}

/// Value of a single cardinal word (proclitics و ف ب ل ك allowed, not ال):
/// "وخمسه" → 5, "الفين" → 2000, "ثلاثمايه" → 300. Plural scale words
/// ("الاف") are vague alone and give `None`.
pub fn cardinal_word(word: &str) -> Option<u64> {
    let (n, _) = number_word(word)?;
    match n.class {
        NumClass::Scale { plural: true } => None,
        NumClass::Dual => n.value.checked_mul(2),
        _ => Some(n.value),
    }
}

/// Ordinal 1–10 ("الاولي"/"الاول" → 1 … "العاشره" → 10), with or without ال,
/// masculine or feminine, proclitics allowed.
pub fn ordinal_value(word: &str) -> Option<u32> {
    for (_, f) in forms(word) {
        let bare = match f {
            Form::Slice(s) => s.strip_prefix("ال").unwrap_or(s),
            Form::Al(r) => r,
        };
        if let Some((_, n)) = ORDINALS.iter().find(|(w, _)| *w == bare) {
            return Some(*n);
        }
    }
    None
}

// ============================================================================
// Digits
// ============================================================================

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Digits {
    Int(u64),
    /// integer part, fraction digits as integer, number of fraction digits
    Decimal(u64, u64, u32),
    Bad,
}

pub(super) fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.bytes().try_fold(0u64, |acc, b| {
        acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
    })
}

fn parse_digits(s: &str) -> Digits {
    let groups: Vec<&str> = s.split([',', '.']).collect();
    if groups.len() == 1 {
        return parse_u64(s).map_or(Digits::Bad, Digits::Int);
    }
    let seps: Vec<char> = s.chars().filter(|c| *c == ',' || *c == '.').collect();
    let same_sep = seps.windows(2).all(|w| w[0] == w[1]);
    let first_ok = (1..=3).contains(&groups[0].len());
    if same_sep && first_ok && groups[1..].iter().all(|g| g.len() == 3) {
        let joined: String = groups.concat();
        return parse_u64(&joined).map_or(Digits::Bad, Digits::Int);
    }
    if groups.len() == 2 {
        let frac = groups[1];
        if let (Some(i), Some(f), Ok(n)) = (
            parse_u64(groups[0]),
            parse_u64(frac),
            u32::try_from(frac.len()),
        ) {
            return Digits::Decimal(i, f, n);
        }
    }
    Digits::Bad
}

// ============================================================================
// Number expressions
// ============================================================================

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Digits,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale(u64),
}

/// Parse a number expression starting at token `i`: returns (end token
/// exclusive, value).
fn parse_number(cx: &Cx, i: usize) -> Option<(usize, u64)> {
    let mut total: u64 = 0;
    let mut current: u64;
    let mut last: Last;
    let mut last_scale: Option<u64> = None;
    match cx.kind(i)? {
        TokenKind::Number => match parse_digits(cx.text(i)) {
            Digits::Int(v) => {
                current = v;
                last = Last::Digits;
            }
            Digits::Decimal(ip, fp, places) => {
                // only meaningful with a scale word: "1.5 مليون"
                if !cx.joined(i) || !cx.is_word(i + 1) {
                    return None;
                }
                let mult = match number_form(cx.text(i + 1))? {
                    NumWord {
                        value,
                        class: NumClass::Scale { .. },
                    } => value,
                    _ => return None,
                };
                let whole = ip.checked_mul(mult)?;
                let frac = fp.checked_mul(mult)? / 10u64.checked_pow(places)?;
                return Some((i + 2, whole.checked_add(frac)?));
            }
            Digits::Bad => return None,
        },
        TokenKind::Word => {
            if let Some(value) = fraction_of_scale(cx, i) {
                return Some((i + 2, value));
            }
            let (n, _) = number_word(cx.text(i))?;
            match n.class {
                NumClass::Unit { alone } => {
                    let in_teen = cx.joined(i) && teen_tail(cx, i + 1);
                    if !(alone || in_teen) {
                        return None;
                    }
                    current = n.value;
                    last = Last::Unit;
                }
                NumClass::Ten => {
                    current = n.value;
                    last = Last::Teen;
                }
                NumClass::Tens => {
                    current = n.value;
                    last = Last::Tens;
                }
                NumClass::Hundred => {
                    current = n.value;
                    last = Last::Hundred;
                }
                NumClass::Scale { plural: false } => {
                    total = n.value;
                    current = 0;
                    last = Last::Scale(n.value);
                    last_scale = Some(n.value);
                }
                NumClass::Scale { plural: true } => return None,
                NumClass::Dual => {
                    total = n.value.checked_mul(2)?;
                    current = 0;
                    last = Last::Scale(n.value);
                    last_scale = Some(n.value);
                }
            }
        }
        TokenKind::Latin => return None,
    }

    let mut j = i + 1;
    while j < cx.len() && cx.joined(j - 1) && cx.is_word(j) {
        let Some((n, prefix)) = number_word(cx.text(j)) else {
            break;
        };
        let next = if prefix.is_empty() {
            step_plain(last, n, current, last_scale, total)
        } else if prefix == "و" {
            step_conj(last, n, current, last_scale, total)
        } else {
            None
        };
        match next {
            Some(s) => {
                total = s.total;
                current = s.current;
                last = s.last;
                last_scale = s.last_scale;
            }
            None => break,
        }
        j += 1;
    }
    Some((j, total.checked_add(current)?))
}

/// Fraction words before a scale word, with their divisor («نصف مليون» = 500 000).
const FRACTIONS: &[(&str, u64)] = &[("نصف", 2), ("ربع", 4)];

/// «نصف مليون»، «ربع مليون»: a fraction word right before a singular scale word.
fn fraction_of_scale(cx: &Cx, i: usize) -> Option<u64> {
    let divisor = lookup_in(cx.text(i), FRACTIONS, true)?;
    if !cx.joined(i) || !cx.is_word(i + 1) {
        return None;
    }
    match number_word(cx.text(i + 1))? {
        (
            NumWord {
                value,
                class: NumClass::Scale { plural: false },
            },
            "",
        ) => value.checked_div(divisor),
        _ => None,
    }
}

fn teen_tail(cx: &Cx, i: usize) -> bool {
    matches!(
        number_table().get(cx.text(i)),
        Some(NumWord {
            class: NumClass::Ten,
            ..
        })
    )
}

struct Step {
    total: u64,
    current: u64,
    last: Last,
    last_scale: Option<u64>,
}

/// Apply a scale word (count × multiplier) to the running value.
fn apply_scale(count: u64, mult: u64, total: u64, last_scale: Option<u64>) -> Option<Step> {
    if count == 0 || last_scale.is_some_and(|p| mult >= p) {
        return None;
    }
    Some(Step {
        total: total.checked_add(count.checked_mul(mult)?)?,
        current: 0,
        last: Last::Scale(mult),
        last_scale: Some(mult),
    })
}

/// A number word directly after the previous one (no و).
fn step_plain(last: Last, n: NumWord, current: u64, ls: Option<u64>, total: u64) -> Option<Step> {
    let keep = |current: u64, last: Last| Step {
        total,
        current,
        last,
        last_scale: ls,
    };
    match (last, n.class) {
        // "خمسه عشر", "احد عشر", "اثنا عشر"
        (Last::Unit, NumClass::Ten) => Some(keep(current.checked_add(10)?, Last::Teen)),
        // "ثلاث ميه"
        (Last::Unit, NumClass::Hundred) if n.value == 100 => {
            let unit = current % 10;
            if unit < 3 {
                return None;
            }
            let base = current - unit;
            Some(keep(
                base.checked_add(unit.checked_mul(100)?)?,
                Last::Hundred,
            ))
        }
        (Last::Scale(_), _) => None,
        (_, NumClass::Scale { .. }) => apply_scale(current, n.value, total, ls),
        _ => None,
    }
}

/// A number word joined with و ("ثلاثه وعشرين", "الف ومئتين").
fn step_conj(last: Last, n: NumWord, current: u64, ls: Option<u64>, total: u64) -> Option<Step> {
    let add = |l: Last| -> Option<Step> {
        Some(Step {
            total,
            current: current.checked_add(n.value)?,
            last: l,
            last_scale: ls,
        })
    };
    let atom = match n.class {
        NumClass::Unit { .. } => Last::Unit,
        NumClass::Ten => Last::Teen,
        NumClass::Tens => Last::Tens,
        NumClass::Hundred => Last::Hundred,
        NumClass::Scale { .. } | NumClass::Dual => Last::Scale(n.value),
    };
    match (last, atom) {
        (Last::Unit, Last::Tens) => add(Last::Tens),
        (Last::Hundred, Last::Unit | Last::Teen | Last::Tens) => add(atom),
        (Last::Scale(_), Last::Unit | Last::Teen | Last::Tens | Last::Hundred) => add(atom),
        (Last::Scale(_), Last::Scale(m)) => {
            let count = if n.class == NumClass::Dual { 2 } else { 1 };
            if matches!(n.class, NumClass::Scale { plural: true }) {
                return None;
            }
            apply_scale(count, m, total.checked_add(current)?, ls)
        }
        _ => None,
    }
}

/// A vague quantity at `i`: returns the end token (exclusive).
fn parse_vague(cx: &Cx, i: usize) -> Option<usize> {
    if !cx.is_word(i) {
        return None;
    }
    if let Some(end) = VAGUE_PHRASES.iter().find_map(|p| cx.phrase_at(i, p, true)) {
        return Some(end);
    }
    if cx.word_in(i, &VAGUE_HEADS) {
        let mut end = i + 1;
        if cx.joined(i) && cx.bare_in(i + 1, &VAGUE_TAILS) {
            end += 1;
        }
        return Some(end);
    }
    if cx.bare_in(i, &VAGUE_BEFORE_NOUN)
        && cx.joined(i)
        && cx.is_word(i + 1)
        && number_word(cx.text(i + 1)).is_none()
    {
        return Some(i + 1);
    }
    None
}

/// Longest qualifier phrase ending right before token `i`, not reaching
/// before token `floor`. Returns (first token, qualifier).
fn pre_qualifier(cx: &Cx, i: usize, floor: usize) -> Option<(usize, Qualifier)> {
    let mut best: Option<(usize, Qualifier)> = None;
    for (phrase, q) in PRE_QUALIFIERS {
        let Some(start) = i.checked_sub(phrase.len()) else {
            continue;
        };
        if start < floor || !cx.joined(i - 1) {
            continue;
        }
        if cx.phrase_at(start, phrase, true) == Some(i) && best.is_none_or(|(b, _)| start < b) {
            best = Some((start, *q));
        }
    }
    best
}

/// A trailing qualifier right after token `end - 1`, or after one more noun.
/// Returns (end token exclusive, qualifier).
fn post_qualifier(cx: &Cx, end: usize) -> Option<(usize, Qualifier)> {
    let try_at = |k: usize| -> Option<(usize, Qualifier)> {
        if k == 0 || !cx.joined(k - 1) {
            return None;
        }
        POST_QUALIFIERS
            .iter()
            .find_map(|(p, q)| cx.phrase_at(k, p, false).map(|e| (e, *q)))
    };
    if let Some(r) = try_at(end) {
        return Some(r);
    }
    if cx.is_word(end) && number_word(cx.text(end)).is_none() {
        return try_at(end + 1);
    }
    None
}

fn is_percent(cx: &Cx, end: usize) -> bool {
    let after = cx
        .toks
        .get(end.wrapping_sub(1))
        .and_then(|t| cx.norm.get(t.end..))
        .unwrap_or("");
    let after = after.trim_start();
    after.starts_with('%')
        || after.starts_with('\u{066A}')
        || cx.bare_in(end, &PERCENT_WORDS)
        || (cx.bare_in(end, &PERCENT_LINK) && cx.joined(end) && cx.bare_in(end + 1, &PERCENT_TAILS))
}

/// Digits glued to Latin letters ("c4", "f16", "4x4") are a name, not a count.
fn glued_to_latin(cx: &Cx, first: usize, end: usize) -> bool {
    let latin = |k: usize| cx.kind(k) == Some(TokenKind::Latin);
    let glued = |k: usize| cx.gap(k).is_some_and(str::is_empty);
    cx.kind(first) == Some(TokenKind::Number)
        && ((first > 0 && latin(first - 1) && glued(first - 1))
            || (end == first + 1 && latin(end) && glued(first)))
}

/// All quantities in text order, non-overlapping. Numbers that belong to a
/// date ("21 يناير", "عام 2019") are skipped; decimals without a scale word are
/// skipped; percentages are skipped.
/// Every count in the text, besides the numbers inside `dates` (the spans of the
/// dates found in it: `dates::find_dates`, with or without the article's date,
/// gives the same spans).
/// Every word a quantity can start with: at a word token, [`parse_number`]
/// and [`parse_vague`] read that word only against the number words, the
/// fractions and the vague heads and phrases, so a word none of them matches
/// (proclitics allowed) starts no quantity; nor does a Latin token.
fn quantity_first_words() -> &'static FirstWords {
    static FIRST: std::sync::OnceLock<FirstWords> = std::sync::OnceLock::new();
    FIRST.get_or_init(|| {
        let lists: [&[&str]; 2] = [&VAGUE_HEADS, &VAGUE_BEFORE_NOUN];
        let words = number_table().words();
        let words = words.chain(FRACTIONS.iter().map(|(w, _)| *w));
        let words = words.chain(VAGUE_PHRASES.iter().filter_map(|p| p.first().copied()));
        FirstWords::new(words.chain(lists.into_iter().flatten().copied()))
    })
}

/// A demonym right after a number is the noun it counts, civilians («أعدم التنظيم
/// 23 كرديا»); anywhere else it describes a noun («23 مقاتلا كرديا») and is no
/// hit at all.
pub fn count_demonyms(norm: &str, tokens: &[Token], hits: &mut Vec<Hit>, quantities: &[Quantity]) {
    hits.retain_mut(|h| {
        if h.kind != TermKind::Demonym {
            return true;
        }
        let starts_word = tokens
            .get(h.first_token)
            .is_some_and(|t| t.start == h.start);
        let counted = starts_word
            && quantities
                .iter()
                .any(|q| q.number.end <= h.start && norm[q.number.end..h.start].trim().is_empty());
        if counted {
            h.kind = TermKind::Victim(VictimNoun::Civilians);
        }
        counted
    });
}

pub fn find_quantities(norm: &str, tokens: &[Token], dates: &[Range<usize>]) -> Vec<Quantity> {
    let cx = Cx { norm, toks: tokens };
    let overlaps_date = |r: &Range<usize>| dates.iter().any(|d| d.start < r.end && r.start < d.end);
    let mut out = Vec::new();
    let first = quantity_first_words();
    let mut floor = 0usize;
    let mut i = 0usize;
    while i < cx.len() {
        // most tokens start no quantity: one hashed lookup rules them out
        if cx.kind(i) != Some(TokenKind::Number) && !first.might_start(cx.text(i)) {
            i += 1;
            continue;
        }
        if let Some((end, value)) = parse_number(&cx, i) {
            let number = cx.span(i, end - 1);
            if overlaps_date(&number) || is_percent(&cx, end) || glued_to_latin(&cx, i, end) {
                i = end;
                floor = end;
                continue;
            }
            let mut span = number.clone();
            let mut qualifier = Qualifier::Exact;
            let mut next = end;
            // "نحو الـ50", "باكثر من بـ4": a lone clitic glued to the digits
            let head = if i > floor
                && cx.bare_in(i - 1, &CLITIC_ONLY)
                && cx.gap(i - 1).is_some_and(str::is_empty)
            {
                i - 1
            } else {
                i
            };
            if let Some((qs, q)) = pre_qualifier(&cx, head, floor) {
                qualifier = q;
                span.start = cx.start(qs);
            } else if let Some((qe, q)) = post_qualifier(&cx, end) {
                qualifier = q;
                span.end = cx.end(qe - 1);
                next = qe;
            }
            out.push(Quantity {
                span,
                number,
                value: Some(value),
                qualifier,
            });
            i = next;
            floor = next;
            continue;
        }
        if let Some(end) = parse_vague(&cx, i) {
            let number = cx.span(i, end - 1);
            if !overlaps_date(&number) {
                out.push(Quantity {
                    span: number.clone(),
                    number,
                    value: None,
                    qualifier: Qualifier::Vague,
                });
            }
            i = end;
            floor = end;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::dates::{find_dates, CivilDate};
    use super::*;
    use crate::text::tokenize;

    /// The counts of a text, besides its dates (as the extractor finds them).
    fn quantities(norm: &str, toks: &[Token]) -> Vec<Quantity> {
        let spans: Vec<Range<usize>> = find_dates(norm, toks, None)
            .into_iter()
            .map(|d| d.span)
            .collect();
        find_quantities(norm, toks, &spans)
    }

    /// Test-only copy of the text module's folding rules, so test sentences can
    /// be written in ordinary spelling.
    pub(in crate::extract) fn fold(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
                'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
                'ى' => out.push('ي'),
                'ة' => out.push('ه'),
                'ؤ' => out.push('و'),
                'ئ' => out.push('ي'),
                '،' => out.push(','),
                '«' | '»' | '“' | '”' => out.push('"'),
                '٠'..='٩' => {
                    let d = u32::from(c) - u32::from('٠');
                    out.push(char::from_digit(d, 10).unwrap_or('0'));
                }
                _ => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    type Q = (String, Option<u64>, Qualifier, String);

    fn quants(s: &str) -> Vec<Q> {
        let n = fold(s);
        let toks = tokenize(&n);
        quantities(&n, &toks)
            .into_iter()
            .map(|q| {
                (
                    n[q.number.clone()].to_string(),
                    q.value,
                    q.qualifier,
                    n[q.span.clone()].to_string(),
                )
            })
            .collect()
    }

    use Qualifier::*;

    /// (sentence, expected [(number text, value, qualifier, span text)]);
    /// number/span text given in ordinary spelling and folded before comparing.
    type QExpect = (&'static str, Option<u64>, Qualifier, &'static str);
    const QUANTITY_CASES: &[(&str, &[QExpect])] = &[
        // digits
        ("سقط 41 قتيلا في المواجهات", &[("41", Some(41), Exact, "41")]),
        (
            "فر 3,500 معتقل من المبنى",
            &[("3,500", Some(3500), Exact, "3,500")],
        ),
        (
            "فر 3.500 معتقل من المبنى",
            &[("3.500", Some(3500), Exact, "3.500")],
        ),
        (
            "بلغت الكلفة 1,250,000 دولار",
            &[("1,250,000", Some(1_250_000), Exact, "1,250,000")],
        ),
        ("ارتفع المؤشر 3.5 نقطة", &[]),
        ("عثر على عبوة c4 وطائرة f16", &[]),
        ("نسبة المشاركة 45% فقط", &[]),
        ("نسبة المشاركة 45 بالمئة فقط", &[]),
        ("نسبة المشاركة 45 في المائة فقط", &[]),
        (
            "قدرت الخسائر بـ4 ملايين",
            &[("4 ملايين", Some(4_000_000), Exact, "4 ملايين")],
        ),
        (
            "أطلق المسلحون 120000000 رصاصة",
            &[("120000000", Some(120_000_000), Exact, "120000000")],
        ),
        ("رقم 99999999999999999999999 لا يتسع", &[]),
        // digits + scale
        ("نزح 3 آلاف شخص", &[("3 الاف", Some(3000), Exact, "3 الاف")]),
        (
            "تضرر 2 مليون مواطن",
            &[("2 مليون", Some(2_000_000), Exact, "2 مليون")],
        ),
        (
            "يضم المخيم 12 ألف نازح",
            &[("12 الف", Some(12_000), Exact, "12 الف")],
        ),
        (
            "رصدت 1.5 مليون دولار",
            &[("1.5 مليون", Some(1_500_000), Exact, "1.5 مليون")],
        ),
        // units with case endings and proclitics
        ("أصيب خمسة جنود", &[("خمسه", Some(5), Exact, "خمسه")]),
        (
            "قتل ثلاث نساء وخمسة رجال",
            &[
                ("ثلاث", Some(3), Exact, "ثلاث"),
                ("وخمسه", Some(5), Exact, "وخمسه"),
            ],
        ),
        ("اعتقل شخص واحد فقط", &[("واحد", Some(1), Exact, "واحد")]),
        (
            "أصيب اثنان من الحراس",
            &[("اثنان", Some(2), Exact, "اثنان")],
        ),
        ("جرح مدنيان اثنين", &[("اثنين", Some(2), Exact, "اثنين")]),
        (
            "قتلت اثنتان من الممرضات",
            &[("اثنتان", Some(2), Exact, "اثنتان")],
        ),
        ("مرت عشر سنوات", &[("عشر", Some(10), Exact, "عشر")]),
        ("فقد عشرة صيادين", &[("عشره", Some(10), Exact, "عشره")]),
        (
            "انتشرت ثمانية فرق وتسع دوريات",
            &[
                ("ثمانيه", Some(8), Exact, "ثمانيه"),
                ("وتسع", Some(9), Exact, "وتسع"),
            ],
        ),
        ("لم يصب أحد بأذى", &[]),
        ("وقع لست أدري كم", &[]),
        // teens
        (
            "قتل أحد عشر عنصرا",
            &[("احد عشر", Some(11), Exact, "احد عشر")],
        ),
        (
            "نجت إحدى عشرة عائلة",
            &[("احدي عشره", Some(11), Exact, "احدي عشره")],
        ),
        (
            "أسر اثنا عشر مقاتلا",
            &[("اثنا عشر", Some(12), Exact, "اثنا عشر")],
        ),
        (
            "عالج اثني عشر مصابا",
            &[("اثني عشر", Some(12), Exact, "اثني عشر")],
        ),
        (
            "تسلل خمسة عشر مسلحا",
            &[("خمسه عشر", Some(15), Exact, "خمسه عشر")],
        ),
        (
            "دمرت تسع عشرة آلية",
            &[("تسع عشره", Some(19), Exact, "تسع عشره")],
        ),
        // tens and compounds
        ("وصل عشرون زائرا", &[("عشرون", Some(20), Exact, "عشرون")]),
        ("أحصي تسعين قتيلا", &[("تسعين", Some(90), Exact, "تسعين")]),
        (
            "قضى ثلاثة وعشرين عاملا",
            &[("ثلاثه وعشرين", Some(23), Exact, "ثلاثه وعشرين")],
        ),
        (
            "شارك مئة وخمسون متطوعا",
            &[("ميه وخمسون", Some(150), Exact, "ميه وخمسون")],
        ),
        (
            "شارك مائة وخمسين متطوعا",
            &[("مايه وخمسين", Some(150), Exact, "مايه وخمسين")],
        ),
        (
            "خسر الجيش ألفا ومئتين من جنوده",
            &[("الفا ومئتين", Some(1200), Exact, "الفا ومئتين")],
        ),
        (
            "رحل ألف ومئتا عائلة",
            &[("الف ومئتا", Some(1200), Exact, "الف ومئتا")],
        ),
        (
            "فتش مئة وخمسة وعشرين منزلا",
            &[("ميه وخمسه وعشرين", Some(125), Exact, "ميه وخمسه وعشرين")],
        ),
        (
            "صودر مئة وخمسة عشر سلاحا",
            &[("ميه وخمسه عشر", Some(115), Exact, "ميه وخمسه عشر")],
        ),
        // hundreds
        ("نقل مئة جريح", &[("ميه", Some(100), Exact, "ميه")]),
        ("نقل مائتا جريح", &[("مايتا", Some(200), Exact, "مايتا")]),
        (
            "أحصى مئتين من الضحايا",
            &[("ميتين", Some(200), Exact, "ميتين")],
        ),
        (
            "عاد ثلاثمائة لاجئ",
            &[("ثلاثمايه", Some(300), Exact, "ثلاثمايه")],
        ),
        ("عاد ثلاثمئة لاجئ", &[("ثلاثميه", Some(300), Exact, "ثلاثميه")]),
        (
            "عاد ثلاث مئة لاجئ",
            &[("ثلاث ميه", Some(300), Exact, "ثلاث ميه")],
        ),
        (
            "استقبل تسعمائة وتسعة وتسعين طلبا",
            &[(
                "تسعمايه وتسعه وتسعين",
                Some(999),
                Exact,
                "تسعمايه وتسعه وتسعين",
            )],
        ),
        // thousands, millions
        ("تجمع ألف متظاهر", &[("الف", Some(1000), Exact, "الف")]),
        ("تجمع ألفا متظاهر", &[("الفا", Some(1000), Exact, "الفا")]),
        (
            "وزعت ألفين سلة غذائية",
            &[("الفين", Some(2000), Exact, "الفين")],
        ),
        (
            "وزعت ألفان وخمسمائة سلة",
            &[("الفان وخمسمايه", Some(2500), Exact, "الفان وخمسمايه")],
        ),
        (
            "فر خمسة آلاف مدني",
            &[("خمسه الاف", Some(5000), Exact, "خمسه الاف")],
        ),
        (
            "فر عشرة آلاف مدني",
            &[("عشره الاف", Some(10_000), Exact, "عشره الاف")],
        ),
        (
            "جند خمسة وعشرين ألفا",
            &[("خمسه وعشرين الفا", Some(25_000), Exact, "خمسه وعشرين الفا")],
        ),
        (
            "هجر مئة ألف من سكان الريف",
            &[("ميه الف", Some(100_000), Exact, "ميه الف")],
        ),
        (
            "بلغت الكلفة مليون دولار",
            &[("مليون", Some(1_000_000), Exact, "مليون")],
        ),
        (
            "سجل مليونين من النازحين",
            &[("مليونين", Some(2_000_000), Exact, "مليونين")],
        ),
        (
            "تأثر ثلاثة ملايين طفل",
            &[("ثلاثه ملايين", Some(3_000_000), Exact, "ثلاثه ملايين")],
        ),
        (
            "رصد مليون ومئتا ألف دولار",
            &[("مليون وميتا الف", Some(1_200_000), Exact, "مليون وميتا الف")],
        ),
        // vague
        ("جرح عشرات المدنيين", &[("عشرات", None, Vague, "عشرات")]),
        (
            "سقط العشرات بين قتيل وجريح",
            &[("العشرات", None, Vague, "العشرات")],
        ),
        (
            "ونزح المئات والعشرات من الأسر",
            &[
                ("المئات", None, Vague, "المئات"),
                ("والعشرات", None, Vague, "والعشرات"),
            ],
        ),
        ("خرج مئات المحتجين", &[("ميات", None, Vague, "ميات")]),
        ("فر آلاف السكان", &[("الاف", None, Vague, "الاف")]),
        ("فر الآلاف من السكان", &[("الالاف", None, Vague, "الالاف")]),
        (
            "شرد مئات الآلاف من السوريين",
            &[("ميات الالاف", None, Vague, "ميات الالاف")],
        ),
        (
            "هجر عشرات الآلاف",
            &[("عشرات الالاف", None, Vague, "عشرات الالاف")],
        ),
        (
            "اعتقل عدد من الناشطين",
            &[("عدد من", None, Vague, "عدد من")],
        ),
        (
            "اعتقل عدد كبير من الناشطين",
            &[("عدد كبير من", None, Vague, "عدد كبير من")],
        ),
        (
            "استهدف العديد من المواقع",
            &[("العديد من", None, Vague, "العديد من")],
        ),
        ("بقي بضعة جنود", &[("بضعه", None, Vague, "بضعه")]),
        ("انسحبت بعد بضع ساعات", &[("بضع", None, Vague, "بضع")]),
        ("أصيب عدة أشخاص", &[("عده", None, Vague, "عده")]),
        ("وصل بعده فريق الإسعاف", &[]),
        // qualifiers before
        (
            "قتل أكثر من 41 شخصا",
            &[("41", Some(41), MoreThan, "اكثر من 41")],
        ),
        (
            "دمرت لأكثر من عشرين مرة",
            &[("عشرين", Some(20), MoreThan, "لاكثر من عشرين")],
        ),
        (
            "احتجز ما يزيد عن 150 عنصرا",
            &[("150", Some(150), MoreThan, "ما يزيد عن 150")],
        ),
        (
            "احتجز ما يزيد على 150 عنصرا",
            &[("150", Some(150), MoreThan, "ما يزيد علي 150")],
        ),
        (
            "عددهم يزيد على 60",
            &[("60", Some(60), MoreThan, "يزيد علي 60")],
        ),
        (
            "عدد الفارين تجاوز 100 سجين",
            &[("100", Some(100), MoreThan, "تجاوز 100")],
        ),
        (
            "عددهم يتجاوز خمسين",
            &[("خمسين", Some(50), MoreThan, "يتجاوز خمسين")],
        ),
        ("نقل نحو 70 جريحا", &[("70", Some(70), About, "نحو 70")]),
        (
            "يقدر عددهم بنحو 3500",
            &[("3500", Some(3500), About, "بنحو 3500")],
        ),
        (
            "غادر حوالى 200 مدني",
            &[("200", Some(200), About, "حوالي 200")],
        ),
        (
            "نفذ قرابة ثلاثين غارة",
            &[("ثلاثين", Some(30), About, "قرابه ثلاثين")],
        ),
        (
            "هاجم زهاء 100 مسلح",
            &[("100", Some(100), About, "زهاء 100")],
        ),
        (
            "فر ما يقرب من 3500 سجين",
            &[("3500", Some(3500), About, "ما يقرب من 3500")],
        ),
        (
            "فر ما يقارب 900 سجين",
            &[("900", Some(900), About, "ما يقارب 900")],
        ),
        (
            "قتل ما لا يقل عن 39 شخصا",
            &[("39", Some(39), AtLeast, "ما لا يقل عن 39")],
        ),
        (
            "قتل ما لا يقل على 39 شخصا",
            &[("39", Some(39), AtLeast, "ما لا يقل علي 39")],
        ),
        (
            "عدد لا يقل عن عشرة",
            &[("عشره", Some(10), AtLeast, "لا يقل عن عشره")],
        ),
        (
            "أصيب أقل من 5 أشخاص",
            &[("5", Some(5), LessThan, "اقل من 5")],
        ),
        (
            "تتسع القاعة حتى 300 شخص",
            &[("300", Some(300), UpTo, "حتي 300")],
        ),
        (
            "قد يرتفع العدد إلى ما يصل إلى 80",
            &[("80", Some(80), UpTo, "ما يصل الي 80")],
        ),
        (
            "قد يصل إلى 80 قتيلا",
            &[("80", Some(80), UpTo, "يصل الي 80")],
        ),
        // a fraction of a scale word
        (
            "نزوح أكثر من نصف مليون شخص",
            &[("نصف مليون", Some(500_000), MoreThan, "اكثر من نصف مليون")],
        ),
        (
            "وربع مليون لاجئ",
            &[("وربع مليون", Some(250_000), Exact, "وربع مليون")],
        ),
        ("نصف السكان", &[]),
        // qualifiers after
        ("قتل 4 على الأقل", &[("4", Some(4), AtLeast, "4 علي الاقل")]),
        (
            "قتل أربعة مدنيين على الأقل",
            &[("اربعه", Some(4), AtLeast, "اربعه مدنيين علي الاقل")],
        ),
        ("جرح 30 تقريبا", &[("30", Some(30), About, "30 تقريبا")]),
        (
            "جرح 30 شخصا تقريبا",
            &[("30", Some(30), About, "30 شخصا تقريبا")],
        ),
        (
            "أطلق 12 صاروخا على الأكثر",
            &[("12", Some(12), UpTo, "12 صاروخا علي الاكثر")],
        ),
        ("قتل 9 أمس على الطريق", &[("9", Some(9), Exact, "9")]),
        // dates are not quantities; ordinals are not quantities
        (
            "وقع الهجوم في 21 يناير 2022 وقتل 7",
            &[("7", Some(7), Exact, "7")],
        ),
        ("منذ العام 2019 قتل 5", &[("5", Some(5), Exact, "5")]),
        ("احتل في 2014 نحو ثلث البلاد", &[]),
        ("ولد عام 1990", &[]),
        (
            "بلغ عدد السكان 2000",
            &[("2000", Some(2000), Exact, "2000")],
        ),
        ("انتشرت الفرقة الأولى والكتيبة الثالثة", &[]),
        // ranges: two separate counts
        (
            "تقدر بين 30 إلى 50",
            &[("30", Some(30), Exact, "30"), ("50", Some(50), Exact, "50")],
        ),
    ];

    #[test]
    fn quantity_table() {
        let mut failures = Vec::new();
        for (sentence, expected) in QUANTITY_CASES {
            let got = quants(sentence);
            let want: Vec<Q> = expected
                .iter()
                .map(|(num, v, q, span)| (fold(num), *v, *q, fold(span)))
                .collect();
            if got != want {
                failures.push(format!("{sentence}\n  got:  {got:?}\n  want: {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn cardinal_words() {
        let cases: &[(&str, Option<u64>)] = &[
            ("خمسة", Some(5)),
            ("وخمسة", Some(5)),
            ("بخمس", Some(5)),
            ("لثلاثة", Some(3)),
            ("فعشرون", Some(20)),
            ("وعشرين", Some(20)),
            ("أحد", Some(1)),
            ("إحدى", Some(1)),
            ("واحد", Some(1)),
            ("مائة", Some(100)),
            ("مئة", Some(100)),
            ("مئتان", Some(200)),
            ("مائتين", Some(200)),
            ("خمسمائة", Some(500)),
            ("ثمانمئة", Some(800)),
            ("ألف", Some(1000)),
            ("ألفا", Some(1000)),
            ("ألفين", Some(2000)),
            ("مليون", Some(1_000_000)),
            ("مليار", Some(1_000_000_000)),
            ("آلاف", None),
            ("الخمسة", None),
            ("الاثنين", None),
            ("لست", None),
            ("كتاب", None),
            ("", None),
        ];
        for (w, v) in cases {
            assert_eq!(cardinal_word(&fold(w)), *v, "{w}");
        }
    }

    #[test]
    fn ordinals() {
        let cases: &[(&str, Option<u32>)] = &[
            ("الأولى", Some(1)),
            ("الأول", Some(1)),
            ("أول", Some(1)),
            ("الثانية", Some(2)),
            ("ثاني", Some(2)),
            ("الثالث", Some(3)),
            ("الرابعة", Some(4)),
            ("الخامس", Some(5)),
            ("السادسة", Some(6)),
            ("السابع", Some(7)),
            ("الثامنة", Some(8)),
            ("التاسع", Some(9)),
            ("العاشرة", Some(10)),
            ("والثالثة", Some(3)),
            ("للثانية", Some(2)),
            ("ثلاثة", None),
            ("الجيش", None),
        ];
        for (w, v) in cases {
            assert_eq!(ordinal_value(&fold(w)), *v, "{w}");
        }
    }

    #[test]
    fn spans_are_token_aligned_and_ordered() {
        let s = fold("قتل أكثر من 41 شخصا وأصيب نحو مئة وخمسين آخرين، فيما فر عشرات الآلاف");
        let toks = tokenize(&s);
        let qs = quantities(&s, &toks);
        assert_eq!(qs.len(), 3);
        let mut prev_end = 0;
        for q in &qs {
            assert!(q.span.start >= prev_end);
            assert!(q.span.start <= q.number.start && q.number.end <= q.span.end);
            assert!(toks.iter().any(|t| t.start == q.span.start));
            assert!(toks.iter().any(|t| t.end == q.span.end));
            prev_end = q.span.end;
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        let inputs = [
            "",
            " ",
            "و",
            "ب4",
            "اكثر من",
            "علي الاقل",
            "99999999999999999999 الف",
            "18446744073709551615 مليار",
            "9,999,999,999,999,999,999 مليار",
            "1.99999999999999999999 مليون",
            "مليار مليار مليار",
            "الف الف",
            "ليل الخميس الي",
            "اول",
            "اول من",
            "29 فبراير",
            "31 فبراير 2022",
            "0 يناير 2022",
            "9999 يناير",
            "99/99/9999",
            "منذ",
            "abc 12 def",
        ];
        let art = CivilDate::new(2024, 3, 1);
        for s in inputs {
            let toks = tokenize(s);
            let _ = quantities(s, &toks);
            let _ = find_dates(s, &toks, art);
            let _ = find_dates(s, &toks, None);
        }
        // malformed tokens must not panic either
        let bad = [
            Token {
                start: 5,
                end: 2,
                kind: TokenKind::Word,
            },
            Token {
                start: 0,
                end: 999,
                kind: TokenKind::Number,
            },
            Token {
                start: 1,
                end: 2,
                kind: TokenKind::Word,
            },
        ];
        let _ = quantities("خمسه", &bad);
        let _ = find_dates("خمسه", &bad, art);
        let far = CivilDate::new(i32::MAX, 12, 31).expect("valid");
        assert_eq!(far.add_days(10), far);
        let near = CivilDate::new(i32::MIN, 1, 1).expect("valid");
        assert_eq!(near.add_days(-10), near);
        let _ = near.add_days(i64::MIN);
        let _ = far.add_days(i64::MAX);
        let _ = far.weekday();
    }

    /// Deterministic fuzz: random sequences of table words, digits and
    /// punctuation never panic and always give ordered, in-bounds results.
    #[test]
    fn fuzz_invariants() {
        const VOCAB: &[&str] = &[
            "خمسه",
            "وعشرين",
            "الف",
            "الاف",
            "ميه",
            "وخمسين",
            "عشر",
            "اثنا",
            "احد",
            "مليون",
            "اكثر",
            "من",
            "نحو",
            "علي",
            "الاقل",
            "تقريبا",
            "عشرات",
            "الالاف",
            "عدد",
            "كبير",
            "يناير",
            "كانون",
            "الثاني",
            "اب",
            "مارس",
            "/",
            "اذار",
            "عام",
            "العام",
            "في",
            "منذ",
            "اواخر",
            "مطلع",
            "حتي",
            "امس",
            "اول",
            "اليوم",
            "الليله",
            "الماضيه",
            "ليل",
            "الخميس",
            "الي",
            "الجمعه",
            "يوم",
            "الماضي",
            "21",
            "2019",
            "3,500",
            "3.5",
            "1.5",
            "ب",
            "ال",
            "999999999999",
            "18446744073709551615",
            ",",
            "-",
            "(",
            ")",
            "%",
            "c",
            "ست",
            "لست",
            "عده",
            "بضع",
            "هذا",
            "الشهر",
            "الاسبوع",
            "ما",
            "لا",
            "يقل",
            "عن",
            "يصل",
            "شهر",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let arts = [
            None,
            CivilDate::new(2024, 2, 29),
            CivilDate::new(2022, 1, 1),
        ];
        for round in 0..3000 {
            let len = (next() % 12) as usize;
            let mut s = String::new();
            for _ in 0..len {
                let w = VOCAB[(next() % VOCAB.len() as u64) as usize];
                s.push_str(w);
                if next() % 4 != 0 {
                    s.push(' ');
                }
            }
            let toks = tokenize(&s);
            let qs = quantities(&s, &toks);
            let mut prev = 0;
            for q in &qs {
                assert!(q.span.start >= prev, "{s}");
                assert!(
                    q.span.start <= q.number.start && q.number.end <= q.span.end,
                    "{s}"
                );
                assert!(
                    q.span.end <= s.len() && s.get(q.span.clone()).is_some(),
                    "{s}"
                );
                assert_eq!(q.value.is_none(), q.qualifier == Qualifier::Vague, "{s}");
                prev = q.span.end;
            }
            let ds = find_dates(&s, &toks, arts[round % arts.len()]);
            let mut prev = 0;
            for d in &ds {
                assert!(d.span.start >= prev && d.span.end <= s.len(), "{s}");
                assert!(s.get(d.span.clone()).is_some(), "{s}");
                prev = d.span.end;
            }
        }
    }
}

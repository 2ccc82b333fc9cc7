//! Dates in normalised Arabic news text: «21 يناير 2022»، «كانون الثاني»،
//! «اواخر 2017»، «امس»، «فجر الجمعه», resolved against the article's
//! publication date.
//!
//! Invariants:
//! * every span is a byte range of `norm` from a token start to a token end;
//!   results are non-overlapping and in text order;
//! * a relative date (weekday, «امس», «اليوم», a day and month without a year…)
//!   is resolved only from the article's date; without it the value is
//!   [`DateValue::Unresolved`]: a date is never guessed;
//! * words (months, weekdays, modifiers) live in const tables, never in if-chains;
//! * with two date modifiers («منذ مطلع العام») the outer one is kept;
//!   `DateMention::relative` is true whenever the value depends on the article date.

use super::numbers::*;
use super::words::*;
pub use crate::calendar::CivilDate;
use crate::text::{Token, TokenKind};
use std::ops::Range;

/// What a date mention resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    Day(CivilDate),
    YearMonth { year: i32, month: u8 },
    Year(i32),
    Unresolved,
}

/// A word in front of the date that shifts its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateModifier {
    None,
    /// منذ
    Since,
    /// اوايل / مطلع / بدايه
    Early,
    /// منتصف / اواسط
    Mid,
    /// اواخر / نهايه
    Late,
    /// حتي
    Until,
}

/// A date found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub span: Range<usize>,
    pub value: DateValue,
    pub modifier: DateModifier,
    /// The value depends on (or would depend on) the article date.
    pub relative: bool,
}
// ============================================================================
// Tables: dates
// ============================================================================

/// (words, month, ambiguous). Ambiguous names ("اب" = father, "مارس" =
/// practised, "ماي") need a day or year next to them (or a modifier / "شهر"
/// for مارس/ماي) and take no proclitic.
const MONTHS: &[(&[&str], u8, bool)] = &[
    (&["يناير"], 1, false),
    (&["كانون", "الثاني"], 1, false),
    (&["فبراير"], 2, false),
    (&["شباط"], 2, false),
    (&["مارس"], 3, true),
    (&["اذار"], 3, false),
    (&["ابريل"], 4, false),
    (&["نيسان"], 4, false),
    (&["مايو"], 5, false),
    (&["ايار"], 5, false),
    (&["ماي"], 5, true),
    (&["يونيو"], 6, false),
    (&["يونيه"], 6, false),
    (&["حزيران"], 6, false),
    (&["يوليو"], 7, false),
    (&["يوليه"], 7, false),
    (&["يوليوز"], 7, false),
    (&["تموز"], 7, false),
    (&["اغسطس"], 8, false),
    (&["غشت"], 8, false),
    (&["اب"], 8, true),
    (&["سبتمبر"], 9, false),
    (&["شتنبر"], 9, false),
    (&["ايلول"], 9, false),
    (&["اكتوبر"], 10, false),
    (&["تشرين", "الاول"], 10, false),
    (&["نوفمبر"], 11, false),
    (&["نونبر"], 11, false),
    (&["تشرين", "الثاني"], 11, false),
    (&["ديسمبر"], 12, false),
    (&["دجنبر"], 12, false),
    (&["كانون", "الاول"], 12, false),
];

/// Weekday names, 0 = Sunday.
const WEEKDAYS: &[(&str, u8)] = &[
    ("الاحد", 0),
    ("الاثنين", 1),
    ("الثلاثاء", 2),
    ("الثلاثا", 2),
    ("الاربعاء", 3),
    ("الاربعا", 3),
    ("الخميس", 4),
    ("الجمعه", 5),
    ("السبت", 6),
];

/// Words that may precede a weekday or امس/اليوم ("يوم الخميس", "فجر اليوم").
const TIME_OF_DAY: [&str; 12] = [
    "يوم",
    "صباح",
    "مساء",
    "فجر",
    "ليل",
    "ليله",
    "ظهر",
    "ظهيره",
    "عصر",
    "صبيحه",
    "امسيه",
    "نهار",
];
/// Subset of [`TIME_OF_DAY`] that names a night ("ليل الخميس الي الجمعه").
const NIGHT_WORDS: [&str; 2] = ["ليل", "ليله"];
/// Connectors in a night range ("ليل الخميس الي الجمعه").
const NIGHT_LINKS: [&str; 2] = ["الي", "علي"];

const DATE_MODIFIERS: &[(&str, DateModifier)] = &[
    ("منذ", DateModifier::Since),
    ("اوايل", DateModifier::Early),
    ("مطلع", DateModifier::Early),
    ("بدايه", DateModifier::Early),
    ("بدايات", DateModifier::Early),
    ("منتصف", DateModifier::Mid),
    ("اواسط", DateModifier::Mid),
    ("اواخر", DateModifier::Late),
    ("نهايه", DateModifier::Late),
    ("ختام", DateModifier::Late),
    ("حتي", DateModifier::Until),
    ("لغايه", DateModifier::Until),
];

/// Modifiers that may follow another one ("منذ مطلع العام", "حتي نهايه 2022").
const INNER_MODIFIERS: [&str; 9] = [
    "اوايل",
    "مطلع",
    "بدايه",
    "بدايات",
    "منتصف",
    "اواسط",
    "اواخر",
    "نهايه",
    "ختام",
];

/// Words introducing a year number ("عام 2019"; the dual "بين عامي 2014 و2017"
/// starts at its first year).
const YEAR_WORDS: [&str; 6] = ["عام", "العام", "سنه", "السنه", "عامي", "العامين"];
/// Words between a month and its year ("يناير من عام 2022").
const MONTH_YEAR_LINKS: [&str; 1] = ["من"];
/// Word that may precede a month name ("شهر يناير").
const MONTH_WORDS: [&str; 2] = ["شهر", "الشهر"];
const PAST_WORDS: [&str; 4] = ["الماضي", "الماضيه", "المنصرم", "المنصرمه"];
const NEXT_WORDS: [&str; 4] = ["المقبل", "المقبله", "القادم", "القادمه"];
const CURRENT_WORDS: [&str; 4] = ["الجاري", "الجاريه", "الحالي", "الحاليه"];
const THIS_WORDS: [&str; 2] = ["هذا", "هذه"];
const TODAY_WORDS: [&str; 1] = ["اليوم"];
const TONIGHT_WORDS: [&str; 1] = ["الليله"];
const YESTERDAY_WORDS: [&str; 3] = ["امس", "الامس", "البارحه"];
/// "اول امس", "اول من امس" = the day before yesterday.
const BEFORE_YESTERDAY_HEAD: [&str; 1] = ["اول"];
const BEFORE_YESTERDAY_LINK: [&str; 1] = ["من"];
/// "امس الاول" = the day before yesterday.
const BEFORE_YESTERDAY_TAIL: [&str; 1] = ["الاول"];
/// Words after "اليوم" that make it "the day" rather than "today".
const NOT_TODAY_NEXT: [&str; 7] = [
    "التالي",
    "الموالي",
    "نفسه",
    "ذاته",
    "السابق",
    "الذي",
    "الاخير",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Year,
    Month,
    Week,
}
const PERIODS: &[(&str, Period)] = &[
    ("العام", Period::Year),
    ("السنه", Period::Year),
    ("الشهر", Period::Month),
    ("الاسبوع", Period::Week),
];

/// Bare year after "في" / a modifier is accepted in this range.
const BARE_YEAR_MIN: u64 = 1900;
const BARE_YEAR_MAX: u64 = 2100;
// ============================================================================
// Date resolution
// ============================================================================

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// most recent on or before the article date
    Recent,
    /// strictly before (…الماضي)
    Past,
    /// strictly after (…المقبل)
    Next,
}

fn resolve_weekday(art: Option<CivilDate>, wd: u8, dir: Dir) -> DateValue {
    let Some(a) = art else {
        return DateValue::Unresolved;
    };
    let aw = i64::from(a.weekday());
    let w = i64::from(wd);
    let back = (aw - w).rem_euclid(7);
    match dir {
        Dir::Recent => DateValue::Day(a.add_days(-back)),
        Dir::Past => DateValue::Day(a.add_days(-(if back == 0 { 7 } else { back }))),
        Dir::Next => {
            let fwd = (w - aw).rem_euclid(7);
            DateValue::Day(a.add_days(if fwd == 0 { 7 } else { fwd }))
        }
    }
}

fn resolve_day_month(art: Option<CivilDate>, month: u8, day: u8, dir: Dir) -> DateValue {
    let Some(a) = art else {
        return DateValue::Unresolved;
    };
    // Feb 29 may need up to 8 years to find a leap year.
    for k in 0..=8 {
        let y = match dir {
            Dir::Next => a.year.saturating_add(k),
            _ => a.year.saturating_sub(k),
        };
        if let Some(d) = CivilDate::new(y, month, day) {
            let ok = match dir {
                Dir::Recent => d <= a,
                Dir::Past => d < a,
                Dir::Next => d > a,
            };
            if ok {
                return DateValue::Day(d);
            }
        }
    }
    DateValue::Unresolved
}

fn resolve_month(art: Option<CivilDate>, month: u8, dir: Dir) -> DateValue {
    let Some(a) = art else {
        return DateValue::Unresolved;
    };
    let year = match dir {
        Dir::Recent if month > a.month => a.year.saturating_sub(1),
        Dir::Past if month >= a.month => a.year.saturating_sub(1),
        Dir::Next if month <= a.month => a.year.saturating_add(1),
        _ => a.year,
    };
    DateValue::YearMonth { year, month }
}

fn resolve_offset(art: Option<CivilDate>, days: i64) -> DateValue {
    art.map_or(DateValue::Unresolved, |a| DateValue::Day(a.add_days(days)))
}

fn resolve_period(art: Option<CivilDate>, p: Period, shift: i32) -> DateValue {
    let Some(a) = art else {
        return DateValue::Unresolved;
    };
    match p {
        Period::Year => DateValue::Year(a.year.saturating_add(shift)),
        Period::Month => {
            let idx = i64::from(a.year) * 12 + i64::from(a.month) - 1 + i64::from(shift);
            let year = i32::try_from(idx.div_euclid(12)).unwrap_or(a.year);
            let month = u8::try_from(idx.rem_euclid(12) + 1).unwrap_or(a.month);
            DateValue::YearMonth { year, month }
        }
        Period::Week => DateValue::Unresolved,
    }
}

// ============================================================================
// Date parsing
// ============================================================================

/// Core of a date mention (without a modifier).
struct Core {
    first: usize,
    end: usize,
    value: DateValue,
    relative: bool,
}

fn int_token(cx: &Cx, i: usize) -> Option<u64> {
    if cx.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    parse_u64(cx.text(i))
}

/// A 4-digit year token.
fn year_token(cx: &Cx, i: usize) -> Option<i32> {
    if cx.text(i).len() != 4 {
        return None;
    }
    int_token(cx, i).and_then(|y| i32::try_from(y).ok())
}

fn bare_year_token(cx: &Cx, i: usize) -> Option<i32> {
    let y = year_token(cx, i)?;
    (BARE_YEAR_MIN..=BARE_YEAR_MAX)
        .contains(&u64::try_from(y).ok()?)
        .then_some(y)
}

/// A month name at `i` (with an optional "/other name" alias). Returns
/// (end, month, ambiguous).
fn month_at(cx: &Cx, i: usize) -> Option<(usize, u8, bool)> {
    // most tokens are no month: one set lookup instead of a pass over the table
    static FIRST: std::sync::OnceLock<FirstWords> = std::sync::OnceLock::new();
    let first =
        FIRST.get_or_init(|| FirstWords::new(MONTHS.iter().filter_map(|(p, _, _)| p.first())));
    if !cx.is_word(i) || !first.might_start(cx.text(i)) {
        return None;
    }
    let (end, month, amb) = MONTHS
        .iter()
        .find_map(|(p, m, amb)| cx.phrase_at(i, p, !amb).map(|e| (e, *m, *amb)))?;
    // "مارس/اذار", "اذار (مارس)"
    if end < cx.len() && cx.joined_with(end - 1, &['/', '(', '-']) && !cx.joined(end - 1) {
        if let Some((e2, m2, _)) = MONTHS
            .iter()
            .find_map(|(p, m, _)| cx.phrase_at(end, p, false).map(|e| (e, *m, false)))
        {
            if m2 == month {
                return Some((e2, month, false));
            }
        }
    }
    Some((end, month, amb))
}

/// Optional "[من] [عام|العام|سنه] YEAR" after a month ending before `k`.
fn year_after_month(cx: &Cx, k: usize) -> Option<(usize, i32)> {
    if k == 0 || !cx.joined_with(k - 1, &[',', ')']) {
        return None;
    }
    let mut j = k;
    if cx.bare_in(j, &MONTH_YEAR_LINKS) && cx.joined(j) {
        j += 1;
    }
    if cx.word_in(j, &YEAR_WORDS) && cx.joined(j) {
        j += 1;
    }
    if j > k && !cx.joined(j - 1) {
        return None;
    }
    year_token(cx, j).map(|y| (j + 1, y))
}

/// "الماضي"/"المقبل" after token `k - 1`.
fn direction_after(cx: &Cx, k: usize) -> Option<Dir> {
    if k == 0 || !cx.joined(k - 1) {
        return None;
    }
    if cx.bare_in(k, &PAST_WORDS) {
        Some(Dir::Past)
    } else if cx.bare_in(k, &NEXT_WORDS) {
        Some(Dir::Next)
    } else {
        None
    }
}

/// Numeric date "21/1/2022", "21-01-2022", "2022-01-21".
fn numeric_date(cx: &Cx, i: usize) -> Option<Core> {
    let a = int_token(cx, i)?;
    let b = int_token(cx, i + 1)?;
    let c = int_token(cx, i + 2)?;
    let sep_ok = |k: usize| cx.gap(k).is_some_and(|g| g == "/" || g == "-");
    if !sep_ok(i) || !sep_ok(i + 1) || cx.gap(i) != cx.gap(i + 1) {
        return None;
    }
    let (y, m, d) = if cx.text(i).len() == 4 {
        (a, b, c)
    } else if cx.text(i + 2).len() == 4 {
        (c, b, a)
    } else {
        return None;
    };
    let date = CivilDate::new(
        i32::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )?;
    Some(Core {
        first: i,
        end: i + 3,
        value: DateValue::Day(date),
        relative: false,
    })
}

/// Explicit calendar dates: day+month(+year), month(+year), year word + year.
fn explicit_date(cx: &Cx, i: usize, art: Option<CivilDate>, has_mod: bool) -> Option<Core> {
    if let Some(c) = numeric_date(cx, i) {
        return Some(c);
    }
    // day number, optional "من" / "شهر", month
    let mut day: Option<u8> = None;
    let mut j = i;
    if let Some(d) = int_token(cx, i).filter(|d| (1..=31).contains(d)) {
        if cx.text(i).len() <= 2 && cx.joined(i) {
            let mut k = i + 1;
            if cx.bare_in(k, &MONTH_YEAR_LINKS) && cx.joined(k) {
                k += 1;
            }
            if cx.word_in(k, &MONTH_WORDS) && cx.joined(k) {
                k += 1;
            }
            if month_at(cx, k).is_some() {
                day = u8::try_from(d).ok();
                j = k;
            }
        }
    }
    let mut named_month = false;
    if day.is_none() && cx.word_in(i, &MONTH_WORDS) && cx.joined(i) && month_at(cx, i + 1).is_some()
    {
        named_month = true;
        j = i + 1;
    }
    if let Some((mend, month, amb)) = month_at(cx, j) {
        let year = year_after_month(cx, mend);
        let allowed = !amb
            || day.is_some()
            || year.is_some()
            || ((has_mod || named_month) && cx.text(j) != "اب");
        if allowed {
            if let Some((yend, y)) = year {
                if let Some(d) = day {
                    if let Some(date) = CivilDate::new(y, month, d) {
                        return Some(Core {
                            first: i,
                            end: yend,
                            value: DateValue::Day(date),
                            relative: false,
                        });
                    }
                }
                if day.is_none() {
                    return Some(Core {
                        first: i,
                        end: yend,
                        value: DateValue::YearMonth { year: y, month },
                        relative: false,
                    });
                }
            } else {
                let dir = direction_after(cx, mend);
                let end = if dir.is_some() { mend + 1 } else { mend };
                let dir = dir.unwrap_or(Dir::Recent);
                let value = match day {
                    Some(d) => resolve_day_month(art, month, d, dir),
                    None => resolve_month(art, month, dir),
                };
                return Some(Core {
                    first: i,
                    end,
                    value,
                    relative: true,
                });
            }
        }
    }
    // "عام 2019", "العام 2019", "سنه 2019"
    if cx.word_in(i, &YEAR_WORDS) && cx.joined(i) {
        if let Some(y) = year_token(cx, i + 1) {
            return Some(Core {
                first: i,
                end: i + 2,
                value: DateValue::Year(y),
                relative: false,
            });
        }
    }
    // "منذ 2019", "اواخر 2017"
    if has_mod {
        if let Some(y) = bare_year_token(cx, i) {
            return Some(Core {
                first: i,
                end: i + 1,
                value: DateValue::Year(y),
                relative: false,
            });
        }
    }
    None
}

/// A weekday at `j`, with optional direction, night range and explicit date.
fn weekday_from(
    cx: &Cx,
    first: usize,
    j: usize,
    night: bool,
    art: Option<CivilDate>,
) -> Option<Core> {
    let wd = lookup_in(cx.text(j), WEEKDAYS, true).filter(|_| cx.is_word(j))?;
    let mut end = j + 1;
    let mut dir = Dir::Recent;
    if let Some(d) = direction_after(cx, end) {
        dir = d;
        end += 1;
    }
    // "ليل الخميس الي الجمعه", "ليله الخميس - الجمعه"
    if night {
        if cx.joined(end - 1) && cx.bare_in(end, &NIGHT_LINKS) && cx.joined(end) {
            if lookup_in(cx.text(end + 1), WEEKDAYS, false).is_some() {
                end += 2;
            }
        } else if cx.joined_with(end - 1, &['-', '/'])
            && lookup_in(cx.text(end), WEEKDAYS, false).is_some()
        {
            end += 1;
        }
    }
    // "الجمعه 21 يناير 2022"
    if cx.joined_with(end - 1, &[',']) {
        if let Some(c) = explicit_date(cx, end, art, false) {
            if int_token(cx, end).is_some() {
                return Some(Core {
                    first,
                    end: c.end,
                    value: c.value,
                    relative: c.relative,
                });
            }
        }
    }
    Some(Core {
        first,
        end,
        value: resolve_weekday(art, wd, dir),
        relative: true,
    })
}

/// If a weekday directly follows `end - 1` ("امس الخميس"), absorb it.
fn absorb_weekday(cx: &Cx, end: usize) -> usize {
    if end > 0
        && cx.joined(end - 1)
        && cx.is_word(end)
        && lookup_in(cx.text(end), WEEKDAYS, false).is_some()
    {
        end + 1
    } else {
        end
    }
}

/// Relative dates: امس، اليوم، weekdays, "العام الماضي", ...
fn relative_date(cx: &Cx, i: usize, art: Option<CivilDate>, has_mod: bool) -> Option<Core> {
    let rel = |end: usize, value: DateValue| {
        Some(Core {
            first: i,
            end,
            value,
            relative: true,
        })
    };
    if !cx.is_word(i) {
        return None;
    }
    // "اول امس", "اول من امس"
    if cx.word_in(i, &BEFORE_YESTERDAY_HEAD) && cx.joined(i) {
        let mut k = i + 1;
        if cx.bare_in(k, &BEFORE_YESTERDAY_LINK) && cx.joined(k) {
            k += 1;
        }
        if cx.bare_in(k, &YESTERDAY_WORDS) {
            return rel(absorb_weekday(cx, k + 1), resolve_offset(art, -2));
        }
    }
    // optional time-of-day / يوم prefix
    let mut j = i;
    let mut night = false;
    if cx.word_in(i, &TIME_OF_DAY) && cx.joined(i) {
        night = cx.word_in(i, &NIGHT_WORDS);
        j = i + 1;
    }
    let yesterday_clitics = j == i;
    if (yesterday_clitics && cx.word_in(j, &YESTERDAY_WORDS)) || cx.bare_in(j, &YESTERDAY_WORDS) {
        // "امس الاول"
        if cx.joined(j) && cx.bare_in(j + 1, &BEFORE_YESTERDAY_TAIL) {
            return rel(absorb_weekday(cx, j + 2), resolve_offset(art, -2));
        }
        return rel(absorb_weekday(cx, j + 1), resolve_offset(art, -1));
    }
    if (j == i && cx.word_in(j, &TODAY_WORDS)) || (j > i && cx.bare_in(j, &TODAY_WORDS)) {
        let blocked = cx.joined(j)
            && (cx.bare_in(j + 1, &NOT_TODAY_NEXT) || ordinal_value(cx.text(j + 1)).is_some());
        if !blocked {
            return rel(absorb_weekday(cx, j + 1), resolve_offset(art, 0));
        }
        return None;
    }
    if j == i && cx.word_in(j, &TONIGHT_WORDS) {
        if cx.joined(j) && cx.bare_in(j + 1, &PAST_WORDS) {
            return rel(j + 2, resolve_offset(art, -1));
        }
        return rel(j + 1, resolve_offset(art, 0));
    }
    if let Some(c) = weekday_from(cx, i, j, night, art) {
        return Some(c);
    }
    if j > i {
        return None;
    }
    // "هذا العام", "العام الماضي", "الشهر الجاري", (modifier +) "العام"
    let mut k = i;
    let this = cx.word_in(i, &THIS_WORDS) && cx.joined(i);
    if this {
        k = i + 1;
    }
    let period = if this {
        lookup_in(cx.text(k), PERIODS, false)
    } else {
        lookup_in(cx.text(k), PERIODS, true)
    }?;
    if this {
        return rel(k + 1, resolve_period(art, period, 0));
    }
    if cx.joined(k) && cx.bare_in(k + 1, &PAST_WORDS) {
        return rel(k + 2, resolve_period(art, period, -1));
    }
    if cx.joined(k) && cx.bare_in(k + 1, &NEXT_WORDS) {
        return rel(k + 2, resolve_period(art, period, 1));
    }
    if cx.joined(k) && cx.bare_in(k + 1, &CURRENT_WORDS) {
        return rel(k + 2, resolve_period(art, period, 0));
    }
    if has_mod {
        return rel(k + 1, resolve_period(art, period, 0));
    }
    None
}

fn core_date(cx: &Cx, i: usize, art: Option<CivilDate>, has_mod: bool) -> Option<Core> {
    explicit_date(cx, i, art, has_mod).or_else(|| relative_date(cx, i, art, has_mod))
}

fn date_at(cx: &Cx, i: usize, art: Option<CivilDate>) -> Option<(usize, DateMention)> {
    let mention = |c: Core, first: usize, modifier: DateModifier| {
        (
            c.end,
            DateMention {
                span: cx.span(first, c.end - 1),
                value: c.value,
                modifier,
                relative: c.relative,
            },
        )
    };
    if cx.is_word(i) && cx.joined(i) {
        if let Some(m) = lookup_in(cx.text(i), DATE_MODIFIERS, true) {
            // "منذ مطلع العام": two modifiers, the outer one is kept
            let mut k = i + 1;
            if cx.joined(k) && cx.bare_in(k, &INNER_MODIFIERS) {
                k += 1;
            }
            if let Some(c) = core_date(cx, k, art, true) {
                return Some(mention(c, i, m));
            }
        }
    }
    // "في 2014"
    if cx.text(i) == "في" && cx.joined(i) && numeric_date(cx, i + 1).is_none() {
        if let Some(y) = bare_year_token(cx, i + 1) {
            let c = Core {
                first: i + 1,
                end: i + 2,
                value: DateValue::Year(y),
                relative: false,
            };
            return Some(mention(c, i + 1, DateModifier::None));
        }
    }
    let c = core_date(cx, i, art, false)?;
    let first = c.first;
    Some(mention(c, first, DateModifier::None))
}

/// Every word a date can start with: [`date_at`] at a word token reads that
/// word only against these tables (and «في»), so a word none of them matches
/// (proclitics allowed) starts no date. Number tokens may always start one.
fn date_first_words() -> &'static FirstWords {
    static FIRST: std::sync::OnceLock<FirstWords> = std::sync::OnceLock::new();
    FIRST.get_or_init(|| {
        let words = DATE_MODIFIERS.iter().map(|(w, _)| *w);
        let words = words.chain(MONTHS.iter().filter_map(|(p, _, _)| p.first().copied()));
        let words = words.chain(WEEKDAYS.iter().map(|(w, _)| *w));
        let words = words.chain(PERIODS.iter().map(|(w, _)| *w));
        let lists: [&[&'static str]; 9] = [
            &["في"],
            &MONTH_WORDS,
            &YEAR_WORDS,
            &BEFORE_YESTERDAY_HEAD,
            &TIME_OF_DAY,
            &YESTERDAY_WORDS,
            &TODAY_WORDS,
            &TONIGHT_WORDS,
            &THIS_WORDS,
        ];
        FirstWords::new(words.chain(lists.into_iter().flatten().copied()))
    })
}

/// All date mentions in text order, non-overlapping. Relative mentions are
/// resolved against `article_date`; without it they are
/// [`DateValue::Unresolved`].
pub fn find_dates(
    norm: &str,
    tokens: &[Token],
    article_date: Option<CivilDate>,
) -> Vec<DateMention> {
    let cx = Cx { norm, toks: tokens };
    let first = date_first_words();
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < cx.len() {
        // most tokens start no date: one hashed lookup rules them out
        if cx.is_word(i) && !first.might_start(cx.text(i)) {
            i += 1;
            continue;
        }
        match date_at(&cx, i, article_date) {
            Some((end, m)) => {
                out.push(m);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::numbers::tests::fold;
    use super::*;
    use crate::text::tokenize;

    fn dates(s: &str, art: Option<&str>) -> Vec<(String, DateValue, DateModifier, bool)> {
        let n = fold(s);
        let toks = tokenize(&n);
        let art = art.and_then(CivilDate::parse_iso);
        find_dates(&n, &toks, art)
            .into_iter()
            .map(|d| {
                (
                    n[d.span.clone()].to_string(),
                    d.value,
                    d.modifier,
                    d.relative,
                )
            })
            .collect()
    }

    fn d(y: i32, m: u8, day: u8) -> DateValue {
        DateValue::Day(CivilDate::new(y, m, day).expect("valid test date"))
    }

    type DCase = (
        &'static str,
        Option<&'static str>,
        &'static [(&'static str, DateValue, DateModifier, bool)],
    );

    const ART: Option<&str> = Some("2022-01-21"); // a Friday

    use DateModifier as M;
    const DATE_CASES: &[DCase] = &[
        // explicit days
        (
            "وقع في 21 يناير 2022",
            None,
            &[(
                "21 يناير 2022",
                DateValue::Day(CivilDate {
                    year: 2022,
                    month: 1,
                    day: 21,
                }),
                M::None,
                false,
            )],
        ),
        (
            "وقع في 21 كانون الثاني 2022",
            None,
            &[(
                "21 كانون الثاني 2022",
                DateValue::Day(CivilDate {
                    year: 2022,
                    month: 1,
                    day: 21,
                }),
                M::None,
                false,
            )],
        ),
        (
            "بتاريخ 3 تشرين الأول 2019",
            None,
            &[(
                "3 تشرين الاول 2019",
                DateValue::Day(CivilDate {
                    year: 2019,
                    month: 10,
                    day: 3,
                }),
                M::None,
                false,
            )],
        ),
        (
            "جرى في 15 من شهر آب 2020",
            None,
            &[(
                "15 من شهر اب 2020",
                DateValue::Day(CivilDate {
                    year: 2020,
                    month: 8,
                    day: 15,
                }),
                M::None,
                false,
            )],
        ),
        (
            "في 29 فبراير 2024 انتهى",
            None,
            &[(
                "29 فبراير 2024",
                DateValue::Day(CivilDate {
                    year: 2024,
                    month: 2,
                    day: 29,
                }),
                M::None,
                false,
            )],
        ),
        (
            "صدر في 21/1/2022",
            None,
            &[(
                "21/1/2022",
                DateValue::Day(CivilDate {
                    year: 2022,
                    month: 1,
                    day: 21,
                }),
                M::None,
                false,
            )],
        ),
        (
            "صدر في 2022-01-21",
            None,
            &[(
                "2022-01-21",
                DateValue::Day(CivilDate {
                    year: 2022,
                    month: 1,
                    day: 21,
                }),
                M::None,
                false,
            )],
        ),
        // month + year
        (
            "اندلعت في يناير 2022",
            None,
            &[(
                "يناير 2022",
                DateValue::YearMonth {
                    year: 2022,
                    month: 1,
                },
                M::None,
                false,
            )],
        ),
        (
            "اندلعت في مارس/آذار 2011",
            None,
            &[(
                "مارس/اذار 2011",
                DateValue::YearMonth {
                    year: 2011,
                    month: 3,
                },
                M::None,
                false,
            )],
        ),
        (
            "اندلعت في آذار/مارس 2011",
            None,
            &[(
                "اذار/مارس 2011",
                DateValue::YearMonth {
                    year: 2011,
                    month: 3,
                },
                M::None,
                false,
            )],
        ),
        (
            "اندلعت في آذار (مارس) 2011",
            None,
            &[(
                "اذار (مارس) 2011",
                DateValue::YearMonth {
                    year: 2011,
                    month: 3,
                },
                M::None,
                false,
            )],
        ),
        (
            "في أيار من عام 2015",
            None,
            &[(
                "ايار من عام 2015",
                DateValue::YearMonth {
                    year: 2015,
                    month: 5,
                },
                M::None,
                false,
            )],
        ),
        (
            "في آب 2014",
            None,
            &[(
                "اب 2014",
                DateValue::YearMonth {
                    year: 2014,
                    month: 8,
                },
                M::None,
                false,
            )],
        ),
        (
            "وفي حزيران، 2016 تغير",
            None,
            &[(
                "حزيران, 2016",
                DateValue::YearMonth {
                    year: 2016,
                    month: 6,
                },
                M::None,
                false,
            )],
        ),
        // years
        (
            "في عام 2019",
            None,
            &[("عام 2019", DateValue::Year(2019), M::None, false)],
        ),
        (
            "خلال العام 2019",
            None,
            &[("العام 2019", DateValue::Year(2019), M::None, false)],
        ),
        (
            "في سنة 2019",
            None,
            &[("سنه 2019", DateValue::Year(2019), M::None, false)],
        ),
        (
            "لعام 2020 كان صعبا",
            None,
            &[("لعام 2020", DateValue::Year(2020), M::None, false)],
        ),
        (
            "سيطر في 2014 على المدينة",
            None,
            &[("2014", DateValue::Year(2014), M::None, false)],
        ),
        ("في 250 موقعا", None, &[]),
        // modifiers
        (
            "في أواخر 2017",
            None,
            &[("اواخر 2017", DateValue::Year(2017), M::Late, false)],
        ),
        (
            "أواخر عام 2017",
            None,
            &[("اواخر عام 2017", DateValue::Year(2017), M::Late, false)],
        ),
        (
            "منذ عام 2019",
            None,
            &[("منذ عام 2019", DateValue::Year(2019), M::Since, false)],
        ),
        (
            "منذ 2019",
            None,
            &[("منذ 2019", DateValue::Year(2019), M::Since, false)],
        ),
        (
            "في نهاية 2017",
            None,
            &[("نهايه 2017", DateValue::Year(2017), M::Late, false)],
        ),
        (
            "في مطلع 2020",
            None,
            &[("مطلع 2020", DateValue::Year(2020), M::Early, false)],
        ),
        (
            "في أوائل مارس 2020",
            None,
            &[(
                "اوايل مارس 2020",
                DateValue::YearMonth {
                    year: 2020,
                    month: 3,
                },
                M::Early,
                false,
            )],
        ),
        (
            "بداية نيسان 2021",
            None,
            &[(
                "بدايه نيسان 2021",
                DateValue::YearMonth {
                    year: 2021,
                    month: 4,
                },
                M::Early,
                false,
            )],
        ),
        (
            "في منتصف 2018",
            None,
            &[("منتصف 2018", DateValue::Year(2018), M::Mid, false)],
        ),
        (
            "حتى 30 حزيران 2023",
            None,
            &[(
                "حتي 30 حزيران 2023",
                DateValue::Day(CivilDate {
                    year: 2023,
                    month: 6,
                    day: 30,
                }),
                M::Until,
                false,
            )],
        ),
        (
            "منذ مطلع العام",
            ART,
            &[("منذ مطلع العام", DateValue::Year(2022), M::Since, true)],
        ),
        (
            "في مطلع العام",
            ART,
            &[("مطلع العام", DateValue::Year(2022), M::Early, true)],
        ),
        (
            "في مطلع العام",
            None,
            &[("مطلع العام", DateValue::Unresolved, M::Early, true)],
        ),
        (
            "منذ العام الماضي",
            ART,
            &[("منذ العام الماضي", DateValue::Year(2021), M::Since, true)],
        ),
        (
            "منذ أمس",
            ART,
            &[("منذ امس", d_(2022, 1, 20), M::Since, true)],
        ),
        (
            "حتى اليوم",
            ART,
            &[("حتي اليوم", d_(2022, 1, 21), M::Until, true)],
        ),
        // day + month without year
        (
            "في 15 يناير",
            ART,
            &[("15 يناير", d_(2022, 1, 15), M::None, true)],
        ),
        (
            "في 25 ديسمبر",
            ART,
            &[("25 ديسمبر", d_(2021, 12, 25), M::None, true)],
        ),
        (
            "في 25 ديسمبر",
            None,
            &[("25 ديسمبر", DateValue::Unresolved, M::None, true)],
        ),
        (
            "في 29 شباط",
            ART,
            &[("29 شباط", d_(2020, 2, 29), M::None, true)],
        ),
        (
            "منذ ديسمبر الماضي",
            ART,
            &[(
                "منذ ديسمبر الماضي",
                DateValue::YearMonth {
                    year: 2021,
                    month: 12,
                },
                M::Since,
                true,
            )],
        ),
        (
            "في يناير الماضي",
            ART,
            &[(
                "يناير الماضي",
                DateValue::YearMonth {
                    year: 2021,
                    month: 1,
                },
                M::None,
                true,
            )],
        ),
        (
            "في يناير",
            ART,
            &[(
                "يناير",
                DateValue::YearMonth {
                    year: 2022,
                    month: 1,
                },
                M::None,
                true,
            )],
        ),
        (
            "في أبريل المقبل",
            ART,
            &[(
                "ابريل المقبل",
                DateValue::YearMonth {
                    year: 2022,
                    month: 4,
                },
                M::None,
                true,
            )],
        ),
        // ambiguous month names
        ("مارس الجيش ضغطا كبيرا", ART, &[]),
        ("زار الأب ابنه", ART, &[]),
        (
            "في شهر مارس",
            ART,
            &[(
                "شهر مارس",
                DateValue::YearMonth {
                    year: 2021,
                    month: 3,
                },
                M::None,
                true,
            )],
        ),
        // relative
        (
            "قال أمس الخميس",
            ART,
            &[("امس الخميس", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "وقع الهجوم أمس",
            ART,
            &[("امس", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "وقع الهجوم بالأمس",
            ART,
            &[("بالامس", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "وقع الهجوم يوم أمس",
            ART,
            &[("يوم امس", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "وقع الهجوم مساء أمس",
            ART,
            &[("مساء امس", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "وقع الهجوم الليلة الماضية",
            ART,
            &[("الليله الماضيه", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "وقع الهجوم أول أمس",
            ART,
            &[("اول امس", d_(2022, 1, 19), M::None, true)],
        ),
        (
            "وقع الهجوم أول من أمس",
            ART,
            &[("اول من امس", d_(2022, 1, 19), M::None, true)],
        ),
        (
            "وقع الهجوم اليوم",
            ART,
            &[("اليوم", d_(2022, 1, 21), M::None, true)],
        ),
        (
            "وقع الهجوم فجر اليوم",
            ART,
            &[("فجر اليوم", d_(2022, 1, 21), M::None, true)],
        ),
        (
            "وقع الهجوم صباح اليوم",
            ART,
            &[("صباح اليوم", d_(2022, 1, 21), M::None, true)],
        ),
        (
            "وقع الهجوم مساء اليوم",
            ART,
            &[("مساء اليوم", d_(2022, 1, 21), M::None, true)],
        ),
        (
            "تتواصل الاشتباكات الليلة",
            ART,
            &[("الليله", d_(2022, 1, 21), M::None, true)],
        ),
        ("في اليوم التالي انسحبوا", ART, &[]),
        ("في اليوم الأول للهجوم", ART, &[]),
        // weekdays, article date is a Friday
        (
            "هاجموا الجمعة",
            ART,
            &[("الجمعه", d_(2022, 1, 21), M::None, true)],
        ),
        (
            "هاجموا الخميس",
            ART,
            &[("الخميس", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "هاجموا السبت",
            ART,
            &[("السبت", d_(2022, 1, 15), M::None, true)],
        ),
        (
            "هاجموا يوم الأحد",
            ART,
            &[("يوم الاحد", d_(2022, 1, 16), M::None, true)],
        ),
        (
            "هاجموا فجر الجمعة",
            ART,
            &[("فجر الجمعه", d_(2022, 1, 21), M::None, true)],
        ),
        (
            "منذ مساء الخميس",
            ART,
            &[("منذ مساء الخميس", d_(2022, 1, 20), M::Since, true)],
        ),
        (
            "وصباح الاثنين",
            ART,
            &[("وصباح الاثنين", d_(2022, 1, 17), M::None, true)],
        ),
        (
            "ظهر الثلاثاء",
            ART,
            &[("ظهر الثلاثاء", d_(2022, 1, 18), M::None, true)],
        ),
        (
            "ليلة الأربعاء",
            ART,
            &[("ليله الاربعاء", d_(2022, 1, 19), M::None, true)],
        ),
        (
            "والخميس الماضي",
            ART,
            &[("والخميس الماضي", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "الجمعة الماضية",
            ART,
            &[("الجمعه الماضيه", d_(2022, 1, 14), M::None, true)],
        ),
        (
            "الجمعة المقبلة",
            ART,
            &[("الجمعه المقبله", d_(2022, 1, 28), M::None, true)],
        ),
        (
            "ليل الخميس إلى الجمعة",
            ART,
            &[("ليل الخميس الي الجمعه", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "ليل الخميس - الجمعة",
            ART,
            &[("ليل الخميس - الجمعه", d_(2022, 1, 20), M::None, true)],
        ),
        (
            "يوم الجمعة 14 يناير 2022",
            ART,
            &[("يوم الجمعه 14 يناير 2022", d_(2022, 1, 14), M::None, false)],
        ),
        // periods
        (
            "العام الماضي",
            ART,
            &[("العام الماضي", DateValue::Year(2021), M::None, true)],
        ),
        (
            "هذا العام",
            ART,
            &[("هذا العام", DateValue::Year(2022), M::None, true)],
        ),
        (
            "العام الجاري",
            ART,
            &[("العام الجاري", DateValue::Year(2022), M::None, true)],
        ),
        (
            "الشهر الماضي",
            ART,
            &[(
                "الشهر الماضي",
                DateValue::YearMonth {
                    year: 2021,
                    month: 12,
                },
                M::None,
                true,
            )],
        ),
        (
            "الأسبوع الماضي",
            ART,
            &[("الاسبوع الماضي", DateValue::Unresolved, M::None, true)],
        ),
        ("الحادث وقع قبل عام", ART, &[]),
    ];

    const fn d_(y: i32, m: u8, day: u8) -> DateValue {
        DateValue::Day(CivilDate {
            year: y,
            month: m,
            day,
        })
    }

    #[test]
    fn date_table() {
        let mut failures = Vec::new();
        for (sentence, art, expected) in DATE_CASES {
            let got = dates(sentence, *art);
            let want: Vec<_> = expected
                .iter()
                .map(|(s, v, m, r)| (fold(s), *v, *m, *r))
                .collect();
            if got != want {
                failures.push(format!("{sentence}\n  got:  {got:?}\n  want: {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn relative_forms_without_article_date_are_unresolved() {
        let forms = [
            "الأحد",
            "يوم الاثنين",
            "مساء الثلاثاء",
            "صباح الأربعاء",
            "فجر الخميس",
            "ليل الخميس إلى الجمعة",
            "ليلة السبت",
            "اليوم",
            "فجر اليوم",
            "صباح اليوم",
            "مساء اليوم",
            "الليلة",
            "أمس",
            "بالأمس",
            "يوم أمس",
            "الليلة الماضية",
            "مساء أمس",
            "أول أمس",
            "الأسبوع الماضي",
            "العام الماضي",
            "الشهر الماضي",
            "هذا العام",
            "12 مارس",
            "يناير الماضي",
            "أمس الخميس",
            "الجمعة المقبلة",
        ];
        for f in forms {
            let got = dates(f, None);
            assert_eq!(got.len(), 1, "{f}: {got:?}");
            assert_eq!(got[0].1, DateValue::Unresolved, "{f}");
            assert!(got[0].3, "{f} should be relative");
            assert_eq!(got[0].0, fold(f), "{f}");
        }
    }

    #[test]
    fn weekday_resolution_across_boundaries() {
        // (article date, weekday sentence, expected)
        let cases = [
            ("2024-03-01", "الخميس", (2024, 2, 29)), // Friday → leap day
            ("2024-03-02", "الأربعاء", (2024, 2, 28)),
            ("2024-01-02", "الأحد", (2023, 12, 31)), // across a year
            ("2024-01-01", "السبت", (2023, 12, 30)),
            ("2023-03-01", "الثلاثاء", (2023, 2, 28)), // Wednesday, no leap day
            ("2022-08-01", "الجمعة", (2022, 7, 29)),
        ];
        for (art, s, (y, m, dd)) in cases {
            let got = dates(s, Some(art));
            assert_eq!(got.len(), 1, "{s}");
            assert_eq!(got[0].1, d(y, m, dd), "{s} @ {art}");
        }
        // امس across the leap day and year start
        assert_eq!(dates("أمس", Some("2024-03-01"))[0].1, d(2024, 2, 29));
        assert_eq!(dates("أول أمس", Some("2024-01-01"))[0].1, d(2023, 12, 30));
        assert_eq!(
            dates("الشهر الماضي", Some("2024-01-15"))[0].1,
            DateValue::YearMonth {
                year: 2023,
                month: 12
            }
        );
    }

    #[test]
    fn quantities_and_dates_together() {
        let s = fold("منذ 21 يناير قتل أكثر من 41 شخصا في 2014 و2015، بينهم 1990 مدنيا");
        let toks = tokenize(&s);
        let qs = {
            let spans: Vec<_> = find_dates(&s, &toks, None)
                .into_iter()
                .map(|d| d.span)
                .collect();
            find_quantities(&s, &toks, &spans)
        };
        let vals: Vec<_> = qs.iter().map(|q| q.value).collect();
        // "2015" is bare (not after في) so stays a quantity; 1990 too.
        assert_eq!(vals, vec![Some(41), Some(2015), Some(1990)]);
        let ds = find_dates(&s, &toks, None);
        assert_eq!(ds.len(), 2);
    }
}

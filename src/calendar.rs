//! Calendar dates: the proleptic Gregorian [`CivilDate`] that article metadata,
//! dates read in the text, and the merging of events across articles share.
//!
//! It sits below every stage (the reader parses publication dates with it, the
//! extractor resolves relative dates, the store compares event dates), so it
//! depends on nothing in the crate. Invariants: a `CivilDate` is always valid
//! (month 1–12, day within its month, leap years), arithmetic saturates at the
//! ends of the `i32` year range, and parsing never panics.

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// ASCII digits only, as an integer.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (H. Hinnant's algorithm); exact for all i32 years.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
}

impl CivilDate {
    /// A validated date (month 1–12, day within the month, leap years).
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        if day >= 1 && day <= days_in_month(i64::from(year), month) {
            Some(CivilDate { year, month, day })
        } else {
            None
        }
    }

    /// "2022-01-21", or a longer ISO datetime starting with it
    /// ("2022-01-21T10:00:00Z", "2022-01-21 10:00").
    pub fn parse_iso(s: &str) -> Option<CivilDate> {
        let s = s.trim();
        let head = s.get(..10)?;
        let rest = &s[10..];
        if !(rest.is_empty()
            || rest.starts_with('T')
            || rest.starts_with('t')
            || rest.starts_with(' '))
        {
            return None;
        }
        let b = head.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = i32::try_from(digits(&head[..4])?).ok()?;
        let m = u8::try_from(digits(&head[5..7])?).ok()?;
        let d = u8::try_from(digits(&head[8..10])?).ok()?;
        CivilDate::new(y, m, d)
    }

    fn days(&self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// 0 = Sunday … 6 = Saturday.
    pub fn weekday(&self) -> u8 {
        // 1970-01-01 was a Thursday (4)
        u8::try_from((self.days() + 4).rem_euclid(7)).unwrap_or(0)
    }

    /// Days since 1970-01-01 (negative before): differences give distances in days.
    pub fn day_number(&self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// The date `n` days later (earlier if negative); saturates at the ends of
    /// the representable range.
    pub fn add_days(&self, n: i64) -> CivilDate {
        let lo = days_from_civil(i64::from(i32::MIN), 1, 1);
        let hi = days_from_civil(i64::from(i32::MAX), 12, 31);
        let z = self.days().saturating_add(n).clamp(lo, hi);
        let (y, m, d) = civil_from_days(z);
        CivilDate {
            year: i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX }),
            month: m,
            day: d,
        }
    }
}

impl std::fmt::Display for CivilDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_date_basics() {
        assert!(CivilDate::new(2024, 2, 29).is_some());
        assert!(CivilDate::new(2023, 2, 29).is_none());
        assert!(CivilDate::new(1900, 2, 29).is_none());
        assert!(CivilDate::new(2000, 2, 29).is_some());
        assert!(CivilDate::new(2022, 4, 31).is_none());
        assert!(CivilDate::new(2022, 13, 1).is_none());
        assert!(CivilDate::new(2022, 1, 0).is_none());
        assert_eq!(
            CivilDate::parse_iso("2022-01-21"),
            CivilDate::new(2022, 1, 21)
        );
        assert_eq!(
            CivilDate::parse_iso("2022-01-21T10:00:00Z"),
            CivilDate::new(2022, 1, 21)
        );
        assert_eq!(
            CivilDate::parse_iso("2022-01-21 10:00"),
            CivilDate::new(2022, 1, 21)
        );
        for bad in [
            "2022-1-21",
            "2022-02-30",
            "20220121",
            "2022-01-21x",
            "",
            "abcd-ef-gh",
            "٢٠٢٢-01-21",
        ] {
            assert_eq!(CivilDate::parse_iso(bad), None, "{bad}");
        }
        let x = CivilDate::new(2022, 1, 5).expect("valid");
        assert_eq!(x.to_string(), "2022-01-05");
    }

    #[test]
    fn weekday_and_day_arithmetic() {
        // (date, weekday 0=Sun)
        let cases = [
            ((1970, 1, 1), 4),
            ((2000, 1, 1), 6),
            ((2022, 1, 21), 5),
            ((2023, 12, 31), 0),
            ((2024, 1, 1), 1),
            ((2024, 2, 29), 4),
            ((2024, 3, 1), 5),
            ((1900, 3, 1), 4),
        ];
        for ((y, m, dd), w) in cases {
            let c = CivilDate::new(y, m, dd).expect("valid");
            assert_eq!(c.weekday(), w, "{c}");
        }
        // (start, delta, expected)
        let adds = [
            ((2024, 2, 28), 1, (2024, 2, 29)),
            ((2024, 2, 29), 1, (2024, 3, 1)),
            ((2023, 2, 28), 1, (2023, 3, 1)),
            ((2024, 3, 1), -1, (2024, 2, 29)),
            ((2023, 12, 31), 1, (2024, 1, 1)),
            ((2024, 1, 1), -1, (2023, 12, 31)),
            ((2024, 1, 3), -7, (2023, 12, 27)),
            ((2022, 1, 21), 365, (2023, 1, 21)),
            ((2024, 2, 29), 366, (2025, 3, 1)),
            ((2000, 1, 1), 0, (2000, 1, 1)),
        ];
        for ((y, m, dd), n, (ey, em, ed)) in adds {
            let c = CivilDate::new(y, m, dd).expect("valid");
            assert_eq!(
                c.add_days(n),
                CivilDate::new(ey, em, ed).expect("valid"),
                "{c} + {n}"
            );
        }
        // round trip over a long range
        let start = CivilDate::new(1899, 12, 25).expect("valid");
        let mut prev = start;
        for k in 1..200_000 {
            let next = start.add_days(k);
            assert!(next > prev);
            assert_eq!((prev.weekday() + 1) % 7, next.weekday());
            assert_eq!(next.add_days(-k), start);
            prev = next;
        }
    }
}

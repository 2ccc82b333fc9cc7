//! Merge: one node per real-world event across articles.
//!
//! Each article keeps its own event reports (with their quotes and offsets) in its
//! own graph. This stage groups the reports of all articles into real-world events
//! and describes them in a derived graph of their own: a merged event node with the
//! class, the most specific place, the most precise date, the articles it comes
//! from and the reason for the merge; every report points to it with `owl:sameAs`.
//!
//! A real-world event is bounded, and a report joins one only when it fits that
//! one alone:
//! * **class**: the same class. Status is ignored on purpose: an escape one outlet
//!   reports and another denies is one contested event;
//! * **place**: every two reports of an event have places that are the same or
//!   contain one another (through `isn:locatedIn`, so "the prison" and "Hasakah"
//!   meet; the store leaves countries out, too large to tell happenings apart). A
//!   place is identified by [`EventReport::place_key`]: a place unknown to the
//!   gazetteer is identified with the place its article puts it in, so two
//!   villages of one name in different districts are two places. One meeting
//!   is not containment: news name a city for what happens around it («قرب
//!   كركوك»، «جنوب غربي كركوك»), so a city the gazetteer knows and an open area
//!   it does not know (a valley, a desert: [`Setting`]) placed in a region that
//!   contains the city meet too (with no time to go by, only when both name
//!   actors). Reports without a usable place (none, or only
//!   a country) are never merged across articles, but for history (below) that
//!   `derived::events` places in a country;
//! * **time**: the day-dated reports of an event lie within [`SPAN_DAYS`] of each
//!   other: a window, never a chain of one-day steps; a report of another day
//!   than the event's reports joins it only when it names a known agent or
//!   target the event names too (the day before or after is how outlets date a
//!   night's attack, but at one place neighbouring days also see other
//!   happenings, and class and place alone cannot tell them apart). A report dated by month
//!   fits an event whose days fall in that month; one dated by a year only is too
//!   coarse to join a dated event: it is **history**, told again as the
//!   background of later news («أعلن العراق النصر على التنظيم في 2017»), and is
//!   one event with the year-dated reports of other articles of its class, its
//!   year and its exact place whose agents meet its own and whose targets are
//!   not disjoint from its own ([`history_groups`]; one naming no agent joins
//!   the one such event it fits, one fitting two events joins neither). A
//!   report with no date of its own is dated by its article: published on day
//!   p, it tells of an event of the [`ANCHOR_DAYS`] days up to p. A report with
//!   neither (an undated report of an undated article) has no time to go by: it
//!   joins the one dated event it fits, or is grouped with its like by place,
//!   class and actors alone ([`TIMELESS_PER_PLACE`]; one naming no known actor
//!   only joins the one such group naming actors it links to, see **evidence**).
//!   Its article still tells the era it speaks of
//!   ([`EventReport::era`]: the days of the article's dated reports): such a
//!   report fits no dated event with a report more than [`ERA_DAYS`] outside its
//!   era, and links to no timeless report whose era is more than that apart
//!   (an article of June 2014 on the fall of Mosul and one of July 2017 on its
//!   recapture tell of two events, even where neither dates the fighting);
//! * **region**: reports of different regions ([`EventReport::region`]) are never
//!   one event, so each (class, region) bucket is merged on its own, with the same
//!   result as merging the whole archive at once;
//! * **actors**: two reports whose known agents (the gazetteer's) are disjoint,
//!   or whose known targets are, are not one event;
//! * **evidence**: a bare report — no date of its own and no actor the gazetteer
//!   knows, such as a follow-up «وفتحت السلطات تحقيقاً» dated only by its article —
//!   joins only an event that a report with a date or actors of its own anchors,
//!   never an event of bare reports alone: one city sees many happenings in the
//!   days before an article, and class and place cannot tell them apart;
//! * **articles**: the extractor already merged what it could tell was one
//!   happening in an article, so a report joins an event holding a report of its
//!   own article only when a report of another article is in it too, and never
//!   when both are dated to a day (an undated re-mention — a headline, a denial —
//!   may be its article's event, as other outlets tell). An event holding a
//!   report of its own article counts among the events a report fits, whether or
//!   not it may join it.
//!
//! Grouping: the reports are taken in a fixed order — day-dated first (by day),
//! then month- and article-dated ones (by the start of their extent), then those
//! with no time, the most specific places first, ties by content — and each one
//! joins the event it fits if it fits exactly one (and may join it); if it fits
//! none it starts an event of its own (a report with no time waits for the
//! grouping of its like). A report with a time that fits several joins the one
//! agreeing with more of its own evidence than every other (a known agent in
//! common, a known target in common, a report of its own day: «an ISIS attack on
//! the army in Kirkuk yesterday» is the ISIS attack on the army in a quarter of
//! Kirkuk that day, not an attack by unknown hands in another quarter); where
//! two agree alike, and for a report with no time, fitting two or more it joins
//! neither (an event of its own that nothing else joins): a report never glues
//! events together.
//!
//! Invariant: the result depends only on the set of reports, never on their order
//! (the order above is a function of the reports' content, and every name and
//! choice inside a group is made from sorted data). Cost: candidate events are
//! found through an index by (class, place) whose lists are in processing order,
//! so a dated report only looks at the events of its place in its window: about
//! linear in the number of reports (an archive holds hundreds of thousands).

use crate::calendar::CivilDate;
use crate::vocab::{self, iri_segment};
use std::collections::{BTreeMap, HashMap};

/// How far apart the day-dated reports of one event may be, in days: news of a
/// night attack is dated the day before or the day after.
pub const SPAN_DAYS: i64 = 1;

/// Reports with no time (undated, in undated articles) that fit no dated event
/// are grouped among themselves by place, class and actors alone, where a place
/// holds at most this many of them: past that, place and class say too little.
pub const TIMELESS_PER_PLACE: usize = 50;

/// An undated report in an article published on day p tells of an event of the
/// days p − `ANCHOR_DAYS` to p: outlets report within a few days.
pub const ANCHOR_DAYS: i64 = 3;

/// How far outside its article's era ([`EventReport::era`]) the event of a
/// report with no time may lie, in days: articles recall earlier events and
/// date some, so only what lies a year beyond every date it gives is another
/// era.
pub const ERA_DAYS: i64 = 366;

/// One article's report of an event, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct EventReport {
    pub iri: String,
    pub article: String,
    /// The event class IRI.
    pub class: String,
    /// The place IRI.
    pub place: Option<String>,
    /// The place's identity for merging: its IRI for a gazetteer place; for a
    /// place the gazetteer does not know, its IRI and the place its article puts
    /// it in (`…@…`). `None`: no place to merge by (none, or a country).
    pub place_key: Option<String>,
    /// The identities of the places that contain the place (transitively, as the
    /// gazetteer and the report's article tell; countries left out), sorted.
    pub within: Vec<String>,
    /// The region the place lies in: for a gazetteer place, its connected part of
    /// the gazetteer's `isn:locatedIn` graph (named by its smallest IRI); for a
    /// place the gazetteer does not know, the region of the place its article puts
    /// it in (the last part of [`EventReport::place_key`]). Reports of different
    /// regions never merge, so every region (per class) is merged on its own: the
    /// store recomputes only the regions an ingest touched.
    pub region: Option<String>,
    /// Lexical form of the date: `2022-01-21`, `2022-01` or `2022`.
    pub date: Option<String>,
    /// The article's publication date (`2022-01-21`), if it has one.
    pub published: Option<String>,
    /// The report's agents that the gazetteer knows, sorted.
    pub agents: Vec<String>,
    /// The report's targets that the gazetteer knows, sorted.
    pub targets: Vec<String>,
    /// What kind of place [`EventReport::place_key`] is, for the one meeting of
    /// places that is not containment (a city and an open area around it).
    pub setting: Setting,
    /// For a report with no date in an article with no publication date: the
    /// first and last day of the article's dated reports (`2014-06-08/2014-06-10`,
    /// see [`era_of`]), the era the article speaks of. `None` otherwise, or when
    /// the article dates nothing.
    pub era: Option<String>,
}

/// The era of an article's reports: from the first to the last day their dates
/// span (a month or a year spans all its days), as `FIRST/LAST`.
pub fn era_of(reports: &[EventReport]) -> Option<String> {
    let (lo, hi) = reports
        .iter()
        .filter_map(|r| date_range(r.date.as_deref()?))
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))?;
    let epoch = CivilDate::new(1970, 1, 1)?;
    Some(format!(
        "{}/{}",
        epoch.add_days(lo - epoch.day_number()),
        epoch.add_days(hi - epoch.day_number())
    ))
}

/// A report's era ([`EventReport::era`]) in day numbers.
fn era_days(r: &EventReport) -> Option<(i64, i64)> {
    let (a, b) = r.era.as_deref()?.split_once('/')?;
    let day = |s: &str| CivilDate::parse_iso(s).map(|d| d.day_number());
    Some((day(a)?, day(b)?))
}

/// The days within [`ERA_DAYS`] of an era: where its report's event may lie.
fn era_reach((first, last): (i64, i64)) -> (i64, i64) {
    (first - ERA_DAYS, last + ERA_DAYS)
}

/// Whether two eras ([`era_days`]), if both are known, are at most
/// [`ERA_DAYS`] apart.
fn eras_meet(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> bool {
    match (a.map(era_reach), b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => true,
    }
}

/// A place's part in the one meeting of places that is not containment: news
/// name a city for what happens around it («كمين قرب كركوك»، «على بعد 45 كيلومتراً
/// جنوب غربي كركوك»), where another outlet names the valley or the desert. A
/// city and an open area meet when a place (not a country) contains both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Setting {
    /// Any other place: a town, a village, a quarter, a facility, a governorate.
    #[default]
    Spot,
    /// A city the gazetteer knows (`isn:City`).
    City,
    /// An open area the gazetteer does not know (an `isn:Region` an article
    /// names: a valley, a desert, a rural stretch).
    Area,
}

impl Setting {
    /// Its name in a merge input (see `isn:mergeInput`).
    pub fn as_str(self) -> &'static str {
        match self {
            Setting::Spot => "",
            Setting::City => "city",
            Setting::Area => "area",
        }
    }

    pub fn parse(s: &str) -> Setting {
        match s {
            "city" => Setting::City,
            "area" => Setting::Area,
            _ => Setting::Spot,
        }
    }
}

/// A real-world event: the reports that tell it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedEvent {
    pub iri: String,
    pub class: String,
    pub place: Option<String>,
    pub date: Option<String>,
    /// Indices into the reports given to [`consolidate`], sorted.
    pub reports: Vec<usize>,
    /// Articles the reports come from, sorted.
    pub articles: Vec<String>,
    /// Why these reports were merged, in words.
    pub reason: String,
}

/// A date and its extent, for comparing dates of different precisions.
fn date_range(lexical: &str) -> Option<(i64, i64)> {
    let parts: Vec<&str> = lexical.split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
    let year = i32::try_from(num(0)?).ok()?;
    let day = |m: u8, d: u8| CivilDate::new(year, m, d).map(|c| c.day_number());
    Some(match parts.len() {
        1 => (day(1, 1)?, day(12, 31)?),
        2 => {
            let m = u8::try_from(num(1)?).ok()?;
            let first = day(m, 1)?;
            let next = if m == 12 {
                CivilDate::new(year + 1, 1, 1)?.day_number()
            } else {
                day(m + 1, 1)?
            };
            (first, next - 1)
        }
        _ => {
            let d = CivilDate::parse_iso(lexical)?.day_number();
            (d, d)
        }
    })
}

/// When a report says its event happened (day numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// on this day
    Day(i64),
    /// some time in these days: a month, a year, or the days before its
    /// article's publication
    Within(i64, i64),
    /// no telling
    Any,
    /// only a year: too coarse to tell one happening from another
    Year,
}

impl When {
    fn of(r: &EventReport) -> When {
        match r.date.as_deref().and_then(date_range) {
            Some(_) if dated_by_year(r) => When::Year,
            Some((a, b)) if a == b => When::Day(a),
            Some((a, b)) => When::Within(a, b),
            None => match r.published.as_deref().and_then(CivilDate::parse_iso) {
                Some(p) => When::Within(p.day_number() - ANCHOR_DAYS, p.day_number()),
                None => When::Any,
            },
        }
    }

    /// The processing phase (day-dated, then extents, then no time) and the
    /// position in it.
    fn order(self) -> (usize, i64) {
        match self {
            When::Day(d) => (0, d),
            When::Within(a, _) => (1, a),
            When::Any | When::Year => (2, 0),
        }
    }
}

/// Whether a report names an actor the gazetteer knows (an agent or a target).
fn names_actors(r: &EventReport) -> bool {
    !r.agents.is_empty() || !r.targets.is_empty()
}

/// A bare report: no date of its own and no known actor, so only as specific as
/// its class and place; it joins only an event another report anchors (the
/// module header's **evidence**).
fn bare(r: &EventReport) -> bool {
    r.date.is_none() && !names_actors(r)
}

/// Whether two sorted lists share an element.
fn intersect<T: Ord>(a: &[T], b: &[T]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Whether two reports' known agents, and known targets, are not disjoint
/// (where both name some).
fn actors_agree(a: &EventReport, b: &EventReport) -> bool {
    [(&a.agents, &b.agents), (&a.targets, &b.targets)]
        .iter()
        .all(|(x, y)| x.is_empty() || y.is_empty() || intersect(x, y))
}

/// The places each place key lies within, and its setting, over all reports.
struct Places<'a> {
    within: HashMap<&'a str, Vec<&'a str>>,
    setting: HashMap<&'a str, Setting>,
}

impl<'a> Places<'a> {
    fn new(reports: &'a [EventReport]) -> Places<'a> {
        let mut within: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
        let mut setting: HashMap<&'a str, Setting> = HashMap::new();
        for r in reports {
            if let Some(k) = r.place_key.as_deref() {
                let w = within.entry(k).or_default();
                w.extend(r.within.iter().map(String::as_str).filter(|c| *c != k));
                // (one key has one setting; the largest, should inputs disagree)
                let s = setting.entry(k).or_default();
                *s = (*s).max(r.setting);
            }
        }
        for w in within.values_mut() {
            w.sort_unstable();
            w.dedup();
        }
        Places { within, setting }
    }

    fn setting(&self, k: &str) -> Setting {
        self.setting.get(k).copied().unwrap_or_default()
    }

    /// `a` and `b` are a city and an open area that one place contains.
    fn around(&self, a: &str, b: &str) -> bool {
        matches!(
            (self.setting(a), self.setting(b)),
            (Setting::City, Setting::Area) | (Setting::Area, Setting::City)
        ) && intersect(self.containers(a), self.containers(b))
    }

    /// `a` names where a happening told at `a` and at `b` was more precisely:
    /// it lies within `b`, or it is the open area around the city `b`.
    fn finer(&self, a: &str, b: &str) -> bool {
        self.inside(a, b) || (self.setting(a) == Setting::Area && self.around(a, b))
    }

    fn containers(&self, k: &str) -> &[&'a str] {
        self.within.get(k).map_or(&[], Vec::as_slice)
    }

    /// `a` lies within `b`.
    fn inside(&self, a: &str, b: &str) -> bool {
        self.containers(a).binary_search(&b).is_ok()
    }

    fn meet(&self, a: &str, b: &str) -> bool {
        a == b || self.inside(a, b) || self.inside(b, a) || self.around(a, b)
    }
}

/// An event being formed.
#[derive(Debug, Default)]
struct Group<'a> {
    members: Vec<usize>,
    articles: Vec<&'a str>,
    /// the articles of the day-dated members
    dated_articles: Vec<&'a str>,
    /// distinct place keys of the members
    places: Vec<&'a str>,
    /// first and last day of the day-dated members
    span: Option<(i64, i64)>,
    /// the days every month-, year- or article-dated member allows
    extent: Option<(i64, i64)>,
    /// distinct non-empty agent (target) lists of the members
    agents: Vec<&'a [String]>,
    targets: Vec<&'a [String]>,
    /// a report that fitted several events: nothing joins it
    closed: bool,
    /// a member has evidence of its own: a date, or actors the gazetteer knows
    /// (see [`bare`]); a bare report joins only such an event
    anchored: bool,
    /// the members' region
    region: Option<&'a str>,
    /// index lists (index, class, key) the group is in
    listed: Vec<(usize, &'a str, &'a str)>,
}

impl<'a> Group<'a> {
    /// Whether report `r`, said to happen `when`, fits this event — whether or
    /// not the event holds a report of `r`'s own article, which `r` may not join:
    /// such an event still counts among those `r` fits.
    /// Whether `r` may join this event it fits: a report of its own article is
    /// in it only if another article's is too (the extractor told them apart: only
    /// other articles can tell they are one), and never two day-dated reports of
    /// one article (told apart by their days, or despite them).
    fn may_join(&self, r: &EventReport, when: When) -> bool {
        let own = r.article.as_str();
        self.articles.iter().any(|a| *a != own)
            && !(matches!(when, When::Day(_)) && self.dated_articles.contains(&own))
    }

    fn fits(
        &self,
        r: &EventReport,
        when: When,
        era: Option<(i64, i64)>,
        places: &Places<'_>,
    ) -> bool {
        if self.closed || (bare(r) && !self.anchored) {
            return false;
        }
        let Some(key) = r.place_key.as_deref() else {
            return false;
        };
        let time = match when {
            When::Day(d) => {
                // another day than its reports': only with an actor in common
                let widens = self.span.is_some_and(|(lo, hi)| d < lo || hi < d);
                self.span
                    .is_none_or(|(lo, hi)| hi.max(d) - lo.min(d) <= SPAN_DAYS)
                    && self.extent.is_none_or(|(a, b)| a <= d && d <= b)
                    && (!widens || self.shares_actors(r))
            }
            When::Within(a, b) => {
                self.span.is_none_or(|(lo, hi)| lo <= b && a <= hi)
                    && self.extent.is_none_or(|(x, y)| x.max(a) <= y.min(b))
            }
            // every dated member within the report's era
            When::Any => era.map(era_reach).is_none_or(|(lo, hi)| {
                self.span.is_none_or(|(a, b)| lo <= a && b <= hi)
                    && self.extent.is_none_or(|(x, y)| x <= hi && lo <= y)
            }),
            When::Year => false,
        };
        time && self.region.is_none_or(|g| r.region.as_deref() == Some(g))
            && self.places.iter().all(|p| places.meet(p, key))
            && (r.agents.is_empty() || self.agents.iter().all(|a| intersect(a, &r.agents)))
            && (r.targets.is_empty() || self.targets.iter().all(|a| intersect(a, &r.targets)))
    }

    /// Whether `r` names a known agent or target this event, which it does not
    /// contradict ([`Group::fits`]), names too.
    fn shares_actors(&self, r: &EventReport) -> bool {
        (!r.agents.is_empty() && !self.agents.is_empty())
            || (!r.targets.is_empty() && !self.targets.is_empty())
    }

    /// How much of `r`'s own evidence this event, which `r` fits, agrees with
    /// positively (not merely does not contradict): known agents it shares,
    /// known targets it shares, a report of `r`'s own day. Ranks the events a
    /// dated report fits ([`best_fit`]).
    fn agreement(&self, r: &EventReport, when: When) -> u8 {
        let agents = !r.agents.is_empty() && !self.agents.is_empty();
        let targets = !r.targets.is_empty() && !self.targets.is_empty();
        let day = match when {
            When::Day(d) => self.span.is_some_and(|(lo, hi)| lo <= d && d <= hi),
            _ => false,
        };
        u8::from(agents) + u8::from(targets) + u8::from(day)
    }

    fn add(&mut self, i: usize, r: &'a EventReport, when: When) {
        self.members.push(i);
        self.anchored |= !bare(r);
        if self.region.is_none() {
            self.region = r.region.as_deref();
        }
        self.articles.push(&r.article);
        if matches!(when, When::Day(_)) {
            self.dated_articles.push(&r.article);
        }
        if let Some(k) = r.place_key.as_deref() {
            if !self.places.contains(&k) {
                self.places.push(k);
            }
        }
        match when {
            When::Day(d) => {
                self.span = Some(self.span.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
            }
            When::Within(a, b) => {
                self.extent = Some(self.extent.map_or((a, b), |(x, y)| (x.max(a), y.min(b))));
            }
            When::Any | When::Year => {}
        }
        if !r.agents.is_empty() && !self.agents.contains(&r.agents.as_slice()) {
            self.agents.push(&r.agents);
        }
        if !r.targets.is_empty() && !self.targets.contains(&r.targets.as_slice()) {
            self.targets.push(&r.targets);
        }
    }
}

/// Of the events a report fits (`fit`, with their [`Group::agreement`] with
/// it), the one it is taken to tell: the only one, or — for a report with a
/// time of its own or of its article — the one that agrees with it on more
/// evidence than every other («an attack by ISIS on the army in Kirkuk
/// yesterday» is the attack by ISIS on the army in a quarter of Kirkuk that
/// day, not a bombing by unknown hands there the day after). `None` when no
/// event fits or two fit alike: the report then glues nothing.
fn best_fit(fit: &[(usize, u8)], when: When) -> Option<usize> {
    match fit {
        [] => None,
        [(only, _)] => Some(*only),
        _ if matches!(when, When::Any | When::Year) => None,
        _ => {
            let best = fit.iter().map(|&(_, a)| a).max()?;
            let mut top = fit.iter().filter(|&&(_, a)| a == best);
            match (top.next(), top.next()) {
                (Some(&(g, _)), None) => Some(g),
                _ => None,
            }
        }
    }
}

/// The order reports are taken in: a function of their content only.
fn processing_order(reports: &[EventReport], when: &[When], places: &Places<'_>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..reports.len()).collect();
    let depth = |i: usize| {
        reports[i]
            .place_key
            .as_deref()
            .map_or(0, |k| places.containers(k).len())
    };
    order.sort_by(|&a, &b| {
        (when[a].order(), std::cmp::Reverse(depth(a)), &reports[a]).cmp(&(
            when[b].order(),
            std::cmp::Reverse(depth(b)),
            &reports[b],
        ))
    });
    order
}

/// One index list: groups in the order they were listed, with the phase and
/// position of the report that listed them (nondecreasing within a phase).
#[derive(Default)]
struct List {
    by_phase: [Vec<(i64, usize)>; 3],
}

impl List {
    /// The groups that may fit a report said to happen `when`: a superset of
    /// the ones that do (see [`consolidate`]).
    fn candidates(&self, when: When, longest: i64, out: &mut Vec<usize>) {
        let range = |v: &[(i64, usize)], from: i64, to: i64, out: &mut Vec<usize>| {
            let start = v.partition_point(|&(t, _)| t < from);
            out.extend(
                v[start..]
                    .iter()
                    .take_while(|&&(t, _)| t <= to)
                    .map(|&(_, g)| g),
            );
        };
        let [day, within, any] = &self.by_phase;
        match when {
            // an event of a day-dated report started at most SPAN_DAYS before it
            When::Day(d) => range(day, d - SPAN_DAYS, i64::MAX, out),
            When::Within(a, b) => {
                range(day, a - SPAN_DAYS, b + SPAN_DAYS, out);
                range(within, a - longest - SPAN_DAYS, i64::MAX, out);
            }
            When::Any => {
                for v in [day, within, any] {
                    out.extend(v.iter().map(|&(_, g)| g));
                }
            }
            When::Year => {}
        }
    }
}

/// The index lists of [`consolidate`].
const AT: usize = 0;
const UNDER: usize = 1;
const NEAR: usize = 2;

/// Groups reports into real-world events (the rules are in the module header).
///
/// Cost: each report looks up the events listed under its own place (events
/// with a member there or within it) and under each place containing it (events
/// with a member exactly there), a city or an open area also under each place
/// containing it (events with a city or an open area within it), and of those
/// only the ones listed in its time window: a day-dated event is listed by reports within [`SPAN_DAYS`] of its
/// first day, so the window is a binary search away. Reports with no time look
/// at every event of their places, stopping at the second that fits.
pub fn consolidate(reports: &[EventReport]) -> Vec<MergedEvent> {
    consolidate_with(reports, TIMELESS_PER_PLACE)
}

/// [`consolidate`] with another bound on timeless reports per place.
fn consolidate_with(reports: &[EventReport], timeless_per_place: usize) -> Vec<MergedEvent> {
    let places = Places::new(reports);
    let when: Vec<When> = reports.iter().map(When::of).collect();
    let eras: Vec<Option<(i64, i64)>> = reports.iter().map(era_days).collect();
    let order = processing_order(reports, &when, &places);
    // the longest extent of a month-, year- or article-dated report
    let longest = when
        .iter()
        .filter_map(|w| match w {
            When::Within(a, b) => Some(b - a),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let mut groups: Vec<Group<'_>> = Vec::new();
    // (class, key) → events with a member exactly at the key (`AT`), at it or
    // within it (`UNDER`), or a city or open area within it (`NEAR`)
    let mut index: [HashMap<(&str, &str), List>; 3] = Default::default();
    let mut seen: Vec<usize> = Vec::new(); // per group: the last report that looked at it
    let mut candidates: Vec<usize> = Vec::new();
    let mut fit: Vec<(usize, u8)> = Vec::new();
    let mut timeless: Vec<usize> = Vec::new();
    let mut history: Vec<usize> = Vec::new();
    for (step, &i) in order.iter().enumerate() {
        let r = &reports[i];
        let w = when[i];
        if w == When::Year && in_history(r) {
            history.push(i);
            continue;
        }
        // (a report dated by a year is history, above, unless it has no place)
        let Some(key) = r.place_key.as_deref() else {
            let mut g = Group::default();
            g.add(i, r, w);
            g.closed = true;
            groups.push(g);
            seen.push(usize::MAX);
            continue;
        };
        candidates.clear();
        let class = r.class.as_str();
        let near = places.setting(key) != Setting::Spot;
        // a city or an open area: the lists of cities and open areas under each
        // place containing it
        let near_lists = || {
            places
                .containers(key)
                .iter()
                .filter(move |_| near)
                .map(|c| (NEAR, *c))
        };
        let lookups = std::iter::once((UNDER, key))
            .chain(places.containers(key).iter().map(|c| (AT, *c)))
            .chain(near_lists());
        for (ix, k) in lookups {
            if let Some(l) = index[ix].get(&(class, k)) {
                l.candidates(w, longest, &mut candidates);
            }
        }
        fit.clear();
        for &g in &candidates {
            if seen[g] == step {
                continue;
            }
            seen[g] = step;
            if groups[g].fits(r, w, eras[i], &places) {
                fit.push((g, groups[g].agreement(r, w)));
                // (with no time of its own, a second fit is enough to know)
                if fit.len() > 1 && w == When::Any {
                    break;
                }
            }
        }
        let g = match best_fit(&fit, w) {
            Some(only) if groups[only].may_join(r, w) => only,
            // no time, and no dated event fits it: grouped with its like below
            None if fit.is_empty() && w == When::Any => {
                timeless.push(i);
                continue;
            }
            _ => {
                groups.push(Group {
                    closed: !fit.is_empty(),
                    ..Group::default()
                });
                seen.push(usize::MAX);
                groups.len() - 1
            }
        };
        groups[g].add(i, r, w);
        // list the event under the report's place and what contains it
        let (phase, t) = w.order();
        let keys = [(AT, key), (UNDER, key)]
            .into_iter()
            .chain(places.containers(key).iter().map(|c| (UNDER, *c)))
            .chain(near_lists());
        for (ix, k) in keys {
            let entry = (ix, class, k);
            if groups[g].closed || groups[g].listed.contains(&entry) {
                continue;
            }
            groups[g].listed.push(entry);
            index[ix].entry((class, k)).or_default().by_phase[phase].push((t, g));
        }
    }
    let mut members: Vec<Vec<usize>> = groups.into_iter().map(|g| g.members).collect();
    members.extend(history_groups(reports, &history));
    members.extend(timeless_groups(
        reports,
        &eras,
        &timeless,
        &places,
        timeless_per_place,
    ));
    let mut merged: Vec<MergedEvent> = members
        .into_iter()
        .map(|m| describe(reports, m, &places))
        .collect();
    // ordered by IRI, ties by first report: independent of the input order
    merged.sort_by(|a, b| (&a.iri, &reports[a.reports[0]]).cmp(&(&b.iri, &reports[b.reports[0]])));
    // groups may describe alike (same class, place and date, yet told apart): every
    // one after the first gets a tag from its first report
    let mut previous: Option<String> = None;
    for m in &mut merged {
        let base = m.iri.clone();
        if previous.as_deref() == Some(base.as_str()) {
            let tag = short_hash(&reports[m.reports[0]].iri);
            m.iri = format!("{base}~{tag}");
        }
        previous = Some(base);
    }
    merged
}

/// A report dated only by a year («في عام 2017»).
pub(crate) fn dated_by_year(r: &EventReport) -> bool {
    r.date.as_ref().is_some_and(|d| d.len() == 4)
}

/// A report dated only by a year that may be told again as history: placed
/// (not in a country alone, but for a state's statement: see
/// `derived::events`).
fn in_history(r: &EventReport) -> bool {
    r.place_key.is_some()
}

/// Reports of history ([`in_history`], taken in processing order), grouped: a
/// report naming who acted joins the one event whose every report is of its
/// class, its year and its exact place, of another article, with agents that
/// meet its own and targets not disjoint from its own; fitting none it starts
/// one, fitting two it joins neither (an event of its own that nothing joins).
/// Then a report naming no agent joins the one event it fits («بعد إعلان النصر
/// على التنظيم في 2017»: by whom is left unsaid); never one of its like, whose
/// agreement would rest on nothing.
fn history_groups(reports: &[EventReport], history: &[usize]) -> Vec<Vec<usize>> {
    /// An event being formed: its members, and whether it is closed.
    type Forming = (Vec<usize>, bool);
    // (class, year, place) → the events being formed there
    let mut by_key: BTreeMap<(&str, &str, &str), Vec<Forming>> = BTreeMap::new();
    let (named, unnamed): (Vec<usize>, Vec<usize>) = history
        .iter()
        .partition(|&&i| !reports[i].agents.is_empty());
    for i in named.into_iter().chain(unnamed) {
        let r = &reports[i];
        let key = (
            r.class.as_str(),
            r.date.as_deref().unwrap_or_default(),
            r.place_key.as_deref().unwrap_or_default(),
        );
        let groups = by_key.entry(key).or_default();
        let fits = |members: &[usize]| {
            members
                .iter()
                .all(|&m| reports[m].article != r.article && actors_agree(&reports[m], r))
        };
        // (an event of unnamed reports only is closed: none joins another)
        let fit: Vec<usize> = (0..groups.len())
            .filter(|&g| !groups[g].1 && fits(&groups[g].0))
            .take(2)
            .collect();
        match fit.as_slice() {
            [only] => groups[*only].0.push(i),
            _ => groups.push((vec![i], !fit.is_empty() || r.agents.is_empty())),
        }
    }
    by_key
        .into_values()
        .flatten()
        .map(|(members, _)| members)
        .collect()
}

/// Timeless reports that fit no dated event, grouped by links "same class,
/// places that meet, other articles, actors not disjoint", through places
/// holding at most `per_place` of them: the reports that name actors (agents or
/// targets) form the connected components of their links, and so do those that
/// name none; a component of the latter then joins the one component of the
/// former it links to, and none if it links to two.
fn timeless_groups(
    reports: &[EventReport],
    eras: &[Option<(i64, i64)>],
    timeless: &[usize],
    places: &Places<'_>,
    per_place: usize,
) -> Vec<Vec<usize>> {
    // (class, key) → reports at the key (owners), and at it or within it
    // (members); and (near) the cities within the key (owners) and the open
    // areas within it (members)
    type Bucket = (Vec<usize>, Vec<usize>);
    let mut buckets: BTreeMap<(bool, &str, &str), Bucket> = BTreeMap::new();
    for &i in timeless {
        let r = &reports[i];
        let Some(key) = r.place_key.as_deref() else {
            continue;
        };
        let b = buckets.entry((false, &r.class, key)).or_default();
        b.0.push(i);
        b.1.push(i);
        for c in places.containers(key) {
            buckets.entry((false, &r.class, c)).or_default().1.push(i);
            match places.setting(key) {
                Setting::City => buckets.entry((true, &r.class, c)).or_default().0.push(i),
                Setting::Area => buckets.entry((true, &r.class, c)).or_default().1.push(i),
                Setting::Spot => {}
            }
        }
    }
    let mut parent: HashMap<usize, usize> = timeless.iter().map(|&i| (i, i)).collect();
    fn root(parent: &mut HashMap<usize, usize>, mut i: usize) -> usize {
        while parent[&i] != i {
            let up = parent[&parent[&i]];
            parent.insert(i, up);
            i = up;
        }
        i
    }
    let named = |i: usize| names_actors(&reports[i]);
    // the linked pairs, through places that hold few timeless reports; a city
    // and an open area around it are not one place, so with no time to go by
    // they link only when both name actors (a report naming none may still join
    // through a place it shares)
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (&(near, _, _), (owners, members)) in &buckets {
        if members.len() > per_place {
            continue;
        }
        for &o in owners {
            for &m in members {
                let (a, b) = (&reports[o], &reports[m]);
                if a.article != b.article
                    && a.region == b.region
                    && actors_agree(a, b)
                    && eras_meet(eras[o], eras[m])
                    && (!near || (named(o) && named(m)))
                {
                    links.push((o, m));
                }
            }
        }
    }
    let union = |parent: &mut HashMap<usize, usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        // the smaller index is the root: only membership is used
        parent.insert(ra.max(rb), ra.min(rb));
    };
    // reports that name actors link among themselves; one naming none (a bare
    // report: no time, no actor) joins the one group naming actors it links to,
    // and none if it links to two (it would glue them). Bare reports make no
    // event of their own like: «an investigation in Tabqa», with no time and no
    // actor, is every investigation there.
    for &(a, b) in &links {
        if named(a) && named(b) {
            union(&mut parent, a, b);
        }
    }
    let mut reaches: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(a, b) in &links {
        if named(a) != named(b) {
            let (bare, with) = if named(a) { (b, a) } else { (a, b) };
            let (rb, rw) = (root(&mut parent, bare), root(&mut parent, with));
            let r = reaches.entry(rb).or_default();
            if !r.contains(&rw) {
                r.push(rw);
            }
        }
    }
    for (bare, with) in reaches {
        if let [only] = with.as_slice() {
            union(&mut parent, bare, *only);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in timeless {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

fn describe(reports: &[EventReport], mut members: Vec<usize>, places: &Places<'_>) -> MergedEvent {
    members.sort_by(|&a, &b| reports[a].cmp(&reports[b]));
    let first = &reports[members[0]];
    let mut keys: Vec<(&str, &str)> = members
        .iter()
        .filter_map(|&i| {
            Some((
                reports[i].place_key.as_deref()?,
                reports[i].place.as_deref()?,
            ))
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    // the most specific place: one that lies within all the others
    let chosen = keys
        .iter()
        .find(|(k, _)| keys.iter().all(|(q, _)| k == q || places.finer(k, q)))
        .or(keys.first());
    let place = chosen.map(|(_, iri)| *iri).or(first.place.as_deref());
    let mut dates: Vec<&str> = members
        .iter()
        .filter_map(|&i| reports[i].date.as_deref())
        .collect();
    dates.sort_unstable_by_key(|d| (std::cmp::Reverse(d.len()), *d));
    let date = dates.first().copied();
    let mut articles: Vec<String> = members
        .iter()
        .map(|&i| reports[i].article.clone())
        .collect();
    articles.sort();
    articles.dedup();
    let class_local = first.class.rsplit(['#', '/']).next().unwrap_or("event");
    // The IRI is made from what the event's bucket alone decides (a bucket is
    // merged on its own): a place the gazetteer does not know is named with a tag
    // of its identity (a village of one name in two districts is two places), and
    // an event with no place to merge by (none, or a country) is one report's
    // own, tagged by it.
    let place_part = match (place, chosen) {
        (Some(p), Some((key, _))) => {
            let segment = iri_segment(p.strip_prefix(vocab::ID).unwrap_or(p)).replace("%2F", "-");
            if *key == p {
                segment
            } else {
                format!("{segment}~{}", short_hash(key))
            }
        }
        (Some(p), None) => format!(
            "{}~{}",
            iri_segment(p.strip_prefix(vocab::ID).unwrap_or(p)).replace("%2F", "-"),
            short_hash(&first.iri)
        ),
        (None, _) => format!("unplaced-{}", short_hash(&first.iri)),
    };
    let iri = format!(
        "{}event/{}/{}/{}",
        vocab::ID,
        class_local.to_ascii_lowercase(),
        place_part,
        date.unwrap_or("undated")
    );
    let reason = if members.len() == 1 {
        "one report".to_owned()
    } else {
        let mut date_list: Vec<&str> = dates.clone();
        date_list.sort_unstable();
        date_list.dedup();
        let mut anchors: Vec<&str> = members
            .iter()
            .filter(|&&i| reports[i].date.is_none())
            .filter_map(|&i| reports[i].published.as_deref())
            .collect();
        let timeless = members
            .iter()
            .filter(|&&i| reports[i].date.is_none() && reports[i].published.is_none())
            .count();
        let anchored = anchors.len();
        anchors.sort_unstable();
        anchors.dedup();
        let mut names: Vec<&str> = keys
            .iter()
            .map(|(_, p)| p.rsplit('/').next().unwrap_or(p))
            .collect();
        names.dedup();
        let mut why = format!(
            "{} reports in {} articles: same class {class_local}; {}",
            members.len(),
            articles.len(),
            match names.as_slice() {
                [one] => format!("place {one}"),
                _ if keys.iter().any(|(a, _)| {
                    keys.iter().any(|(b, _)| {
                        places.around(a, b) && !places.inside(a, b) && !places.inside(b, a)
                    })
                }) =>
                {
                    format!(
                        "places {} meet through isn:locatedIn, or are a city and an open area around it",
                        names.join(", ")
                    )
                }
                _ => format!("places {} meet through isn:locatedIn", names.join(", ")),
            }
        );
        if !date_list.is_empty() {
            why.push_str(&format!(
                "; dates {} within {SPAN_DAYS} day(s)",
                date_list.join(", ")
            ));
        }
        if anchored > 0 {
            why.push_str(&format!(
                "; {anchored} undated, published {} (within {ANCHOR_DAYS} days after)",
                anchors.join(", ")
            ));
        }
        if timeless > 0 {
            why.push_str(&format!("; {timeless} undated in undated articles"));
        }
        why.push_str("; actors not disjoint; no other event fits them");
        why
    };
    MergedEvent {
        iri,
        class: first.class.clone(),
        place: place.map(str::to_owned),
        date: date.map(str::to_owned),
        reports: members,
        articles,
        reason,
    }
}

/// FNV-1a of some bytes: a stable hash for tags in IRIs and fingerprints (the
/// same in every run and on every machine, unlike std's hasher).
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A short stable tag from a string, for telling apart alike IRIs.
fn short_hash(s: &str) -> String {
    format!("{:08x}", fnv1a(s.bytes()) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Places of the tests: prison ⊂ ghwayran ⊂ hasakah; tal ⊂ hasakah; raqqa;
    /// a village «tell» the gazetteer does not know, in two districts; the cities
    /// qamishli and amuda ([`CITIES`]) and two open areas the gazetteer does not
    /// know (`region/…`) in hasakah.
    const GEOGRAPHY: &[(&str, &[&str])] = &[
        ("region/plain@hasakah", &["hasakah"]),
        ("region/wadi@hasakah", &["hasakah"]),
        ("prison", &["ghwayran", "hasakah"]),
        ("ghwayran", &["hasakah"]),
        ("hasakah", &[]),
        ("tal", &["hasakah"]),
        ("raqqa", &[]),
        ("village/tell@qamishli", &["qamishli", "hasakah"]),
        ("village/tell@amuda", &["amuda", "hasakah"]),
        ("qamishli", &["hasakah"]),
        ("amuda", &["hasakah"]),
    ];

    const CITIES: &[&str] = &["qamishli", "amuda"];

    fn id(s: &str) -> String {
        format!("{}{s}", vocab::ID)
    }

    fn setting_of(place: &str) -> Setting {
        if CITIES.contains(&place) {
            Setting::City
        } else if place.starts_with("region/") {
            Setting::Area
        } else {
            Setting::Spot
        }
    }

    /// A report: `place` is a key of [`GEOGRAPHY`]; `date` and `published` ISO
    /// or none; `agents` ids of agents, and of targets behind `>`.
    fn rep(
        iri: &str,
        article: &str,
        class: &str,
        place: Option<&str>,
        date: Option<&str>,
        published: Option<&str>,
        agents: &[&str],
    ) -> EventReport {
        let within = place
            .and_then(|p| GEOGRAPHY.iter().find(|(k, _)| *k == p))
            .map(|(_, w)| w.iter().map(|c| id(c)).collect())
            .unwrap_or_default();
        // an actor written «>x» is a target, any other an agent
        let mut targets: Vec<String> = agents
            .iter()
            .filter_map(|a| a.strip_prefix('>'))
            .map(id)
            .collect();
        targets.sort();
        let mut agents: Vec<String> = agents
            .iter()
            .filter(|a| !a.starts_with('>'))
            .map(|a| id(a))
            .collect();
        agents.sort();
        EventReport {
            iri: iri.into(),
            article: article.into(),
            class: format!("{}{class}", vocab::ISN),
            place: place.map(|p| id(p.split('@').next().unwrap_or(p))),
            place_key: place.map(id),
            within,
            // one region for the tests' geography (see `reports_of_two_regions_never_merge`)
            region: place.map(|_| "region".to_owned()),
            date: date.map(str::to_owned),
            published: published.map(str::to_owned),
            agents,
            targets,
            setting: place.map_or(Setting::Spot, setting_of),
            era: None,
        }
    }

    /// A report with only a class, place and date.
    fn report(
        iri: &str,
        article: &str,
        class: &str,
        place: Option<&str>,
        date: Option<&str>,
    ) -> EventReport {
        rep(iri, article, class, place, date, None, &[])
    }

    /// The rule of the module header, applied by comparing each report with
    /// every member of every event formed so far: the indexed implementation
    /// must group exactly as it does.
    fn naive_groups(reports: &[EventReport], per_place: usize) -> Vec<Vec<String>> {
        let places = Places::new(reports);
        let when: Vec<When> = reports.iter().map(When::of).collect();
        let order = processing_order(reports, &when, &places);
        // (members, closed)
        let mut groups: Vec<(Vec<usize>, bool)> = Vec::new();
        // the pairwise part of the rule: class, place, actors
        let related = |r: usize, m: usize| -> bool {
            let (a, b) = (&reports[r], &reports[m]);
            let (Some(ka), Some(kb)) = (a.place_key.as_deref(), b.place_key.as_deref()) else {
                return false;
            };
            b.class == a.class
                && a.region == b.region
                && places.meet(ka, kb)
                && [(&a.agents, &b.agents), (&a.targets, &b.targets)]
                    .iter()
                    .all(|(x, y)| x.is_empty() || y.is_empty() || x.iter().any(|v| y.contains(v)))
        };
        let fits = |members: &[usize], r: usize| -> bool {
            if reports[r].place_key.is_none() {
                return false;
            }
            // a bare report joins only an event a report with a date or actors
            // of its own anchors
            if bare(&reports[r]) && members.iter().all(|&m| bare(&reports[m])) {
                return false;
            }
            let days: Vec<i64> = members
                .iter()
                .filter_map(|&m| match when[m] {
                    When::Day(d) => Some(d),
                    _ => None,
                })
                .collect();
            // an actor of the report's that a member names too
            let shares_actors = || {
                let of = |m: usize| (&reports[m].agents, &reports[m].targets);
                let (a, t) = of(r);
                members.iter().any(|&m| {
                    let (ma, mt) = of(m);
                    (!a.is_empty() && !ma.is_empty()) || (!t.is_empty() && !mt.is_empty())
                })
            };
            let in_time = match when[r] {
                When::Day(d) => {
                    members.iter().all(|&m| match when[m] {
                        When::Day(e) => (d - e).abs() <= SPAN_DAYS,
                        When::Within(x, y) => x <= d && d <= y,
                        When::Any => true,
                        When::Year => false,
                    }) && (days.is_empty() || days.contains(&d) || shares_actors())
                }
                When::Within(x, y) => {
                    // some day of the event in the extent's reach, and every
                    // other extent overlapping it
                    (days.is_empty()
                        || (days.iter().min().is_some_and(|&lo| lo <= y)
                            && days.iter().max().is_some_and(|&hi| x <= hi)))
                        && members.iter().all(|&m| match when[m] {
                            When::Within(p, q) => p.max(x) <= q.min(y),
                            _ => true,
                        })
                }
                When::Any => era_days(&reports[r]).map(era_reach).is_none_or(|(lo, hi)| {
                    members.iter().all(|&m| match when[m] {
                        When::Day(d) => lo <= d && d <= hi,
                        When::Within(x, y) => x <= hi && lo <= y,
                        When::Any | When::Year => true,
                    })
                }),
                When::Year => false,
            };
            in_time && members.iter().all(|&m| related(r, m))
        };
        let mut timeless: Vec<usize> = Vec::new();
        let mut history: Vec<usize> = Vec::new();
        for &i in &order {
            // (history has no index: its grouping is shared)
            if when[i] == When::Year && in_history(&reports[i]) {
                history.push(i);
                continue;
            }
            // what of the report's own evidence each event it fits shares
            let agreement = |members: &[usize]| -> u8 {
                let r = &reports[i];
                let shares = |of: fn(&EventReport) -> &Vec<String>| {
                    !of(r).is_empty() && members.iter().any(|&m| !of(&reports[m]).is_empty())
                };
                let day = members.iter().any(|&m| match (when[i], when[m]) {
                    (When::Day(d), When::Day(e)) => d == e,
                    _ => false,
                });
                u8::from(shares(|r| &r.agents)) + u8::from(shares(|r| &r.targets)) + u8::from(day)
            };
            let fit: Vec<(usize, u8)> = (0..groups.len())
                .filter(|&g| !groups[g].1 && fits(&groups[g].0, i))
                .map(|g| (g, agreement(&groups[g].0)))
                .collect();
            // the one it fits, or the one agreeing on the most evidence with a
            // report dated by a day, a month or its article (a tie: none)
            let best = fit.iter().map(|f| f.1).max();
            let top: Vec<usize> = fit
                .iter()
                .filter(|f| Some(f.1) == best)
                .map(|f| f.0)
                .collect();
            let chosen = match (fit.len(), when[i]) {
                (1, _) => Some(fit[0].0),
                (_, When::Day(_) | When::Within(..)) if top.len() == 1 => Some(top[0]),
                _ => None,
            };
            let alone = reports[i].place_key.is_none() || when[i] == When::Year;
            match chosen {
                Some(only)
                    if !alone && {
                        // another article's report in it, and no two day-dated
                        // reports of one article
                        let members = &groups[only].0;
                        let own = |m: &usize| reports[*m].article == reports[i].article;
                        let day = |m: usize| matches!(when[m], When::Day(_));
                        members.iter().any(|m| !own(m))
                            && !(day(i) && members.iter().any(|&m| own(&m) && day(m)))
                    } =>
                {
                    groups[only].0.push(i)
                }
                None if fit.is_empty() && !alone && when[i] == When::Any => timeless.push(i),
                _ => groups.push((vec![i], alone || !fit.is_empty())),
            }
        }
        // timeless reports that fit no event: linked pairwise, through places
        // that hold few of them
        let holds = |class: &str, k: &str| {
            timeless
                .iter()
                .filter(|&&t| {
                    let kt = reports[t].place_key.as_deref().unwrap_or_default();
                    reports[t].class == class && (kt == k || places.inside(kt, k))
                })
                .count()
        };
        let named = |i: usize| names_actors(&reports[i]);
        let linked = |x: usize, y: usize| {
            let (a, b) = (timeless[x], timeless[y]);
            if !related(a, b)
                || reports[a].article == reports[b].article
                || !eras_meet(era_days(&reports[a]), era_days(&reports[b]))
            {
                return false;
            }
            let (ka, kb) = (
                reports[a].place_key.as_deref().unwrap_or_default(),
                reports[b].place_key.as_deref().unwrap_or_default(),
            );
            let class = &reports[a].class;
            let nested = ka == kb || places.inside(ka, kb) || places.inside(kb, ka);
            let upper = if places.inside(ka, kb) { kb } else { ka };
            // a city and an open area: through a place containing both, which
            // holds few timeless open areas of the class
            let areas_in = |c: &str| {
                timeless
                    .iter()
                    .filter(|&&t| {
                        let kt = reports[t].place_key.as_deref().unwrap_or_default();
                        reports[t].class == *class
                            && places.setting(kt) == Setting::Area
                            && places.inside(kt, c)
                    })
                    .count()
            };
            (nested && holds(class, upper) <= per_place)
                || (places.around(ka, kb)
                    && named(a)
                    && named(b)
                    && places
                        .containers(ka)
                        .iter()
                        .any(|c| places.inside(kb, c) && areas_in(c) <= per_place))
        };
        // components among reports naming actors (those naming none are alone)
        let n = timeless.len();
        let mut component: Vec<usize> = (0..n).collect();
        let merge = |component: &mut Vec<usize>, x: usize, y: usize| {
            let (cx, cy) = (component[x], component[y]);
            for c in component.iter_mut() {
                if *c == cy {
                    *c = cx;
                }
            }
        };
        for x in 0..n {
            for y in 0..n {
                if named(timeless[x]) && named(timeless[y]) && linked(x, y) {
                    merge(&mut component, x, y);
                }
            }
        }
        // a component naming none joins the one naming actors it links to
        let unnamed: BTreeSet<usize> = (0..n)
            .filter(|&x| !named(timeless[x]))
            .map(|x| component[x])
            .collect();
        let mut joins = Vec::new();
        for c in unnamed {
            let mut with: Vec<usize> = Vec::new();
            for x in (0..n).filter(|&x| component[x] == c) {
                for y in 0..n {
                    if named(timeless[y]) && linked(x, y) {
                        with.push(component[y]);
                    }
                }
            }
            with.sort_unstable();
            with.dedup();
            if let [only] = with.as_slice() {
                joins.push((c, *only));
            }
        }
        // (the named component keeps its label: several may join it)
        for (c, only) in joins {
            let x = (0..n).find(|&x| component[x] == c).unwrap_or(0);
            let y = (0..n).find(|&y| component[y] == only).unwrap_or(0);
            merge(&mut component, y, x);
        }
        let mut pooled: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (x, &t) in timeless.iter().enumerate() {
            pooled.entry(component[x]).or_default().push(t);
        }
        groups.extend(pooled.into_values().map(|m| (m, false)));
        groups.extend(
            history_groups(reports, &history)
                .into_iter()
                .map(|m| (m, false)),
        );
        let mut g: Vec<Vec<String>> = groups
            .into_iter()
            .map(|(m, _)| {
                let mut v: Vec<String> = m.iter().map(|&i| reports[i].iri.clone()).collect();
                v.sort();
                v
            })
            .collect();
        g.sort();
        g
    }

    fn groups(reports: &[EventReport]) -> Vec<Vec<String>> {
        groups_with(reports, TIMELESS_PER_PLACE)
    }

    fn groups_with(reports: &[EventReport], per_place: usize) -> Vec<Vec<String>> {
        let mut g: Vec<Vec<String>> = consolidate_with(reports, per_place)
            .into_iter()
            .map(|m| {
                let mut v: Vec<String> =
                    m.reports.iter().map(|&i| reports[i].iri.clone()).collect();
                v.sort();
                v
            })
            .collect();
        g.sort();
        g
    }

    fn g(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// (what the case shows, reports, the events expected)
    type Case = (&'static str, Vec<EventReport>, Vec<Vec<String>>);

    fn cases() -> Vec<Case> {
        let history = |iri: &str, article: &str, place: &str, year: &str, actors: &[&str]| {
            rep(
                iri,
                article,
                "Statement",
                Some(place),
                Some(year),
                None,
                actors,
            )
        };
        vec![
            (
                "history: a happening dated by a year is one across articles only at one exact place, in one year, with agents that meet and targets not disjoint; one with no agent fitting several stays alone",
                vec![
                    history("h1", "A", "raqqa", "2017", &["iraq", ">isis"]),
                    history("h2", "B", "raqqa", "2017", &["iraq"]),
                    history("h3", "C", "raqqa", "2017", &["sdf"]),
                    history("h4", "D", "raqqa", "2016", &["iraq"]),
                    history("h5", "E", "hasakah", "2017", &["iraq"]),
                    history("h6", "F", "raqqa", "2017", &[]),
                    history("h7", "G", "raqqa", "2017", &["iraq", ">sdf"]),
                ],
                vec![
                    g(&["h1", "h2"]),
                    g(&["h3"]),
                    g(&["h4"]),
                    g(&["h5"]),
                    g(&["h6"]),
                    g(&["h7"]),
                ],
            ),
            (
                "history: a report naming no agent joins the one event it fits; fitting two, or only its like, it stays alone",
                vec![
                    history("n1", "A", "raqqa", "2017", &["iraq", ">isis"]),
                    history("n2", "B", "raqqa", "2017", &[">isis"]),
                    history("n3", "C", "mosul", "2017", &["iraq"]),
                    history("n4", "D", "mosul", "2017", &["sdf"]),
                    history("n5", "E", "mosul", "2017", &[]),
                    history("n6", "F", "kirkuk", "2017", &[">isis"]),
                    history("n7", "G", "kirkuk", "2017", &[">isis"]),
                ],
                vec![
                    g(&["n1", "n2"]),
                    g(&["n3"]),
                    g(&["n4"]),
                    g(&["n5"]),
                    g(&["n6"]),
                    g(&["n7"]),
                ],
            ),
            (
                "class, nested places and close dates merge; other places, classes and placeless reports stay apart",
                vec![
                    rep("a1", "A", "Attack", Some("prison"), Some("2022-01-20"), None, &["isis"]),
                    rep("b1", "B", "Attack", Some("hasakah"), Some("2022-01-21"), None, &["isis"]),
                    report("c1", "C", "Attack", Some("ghwayran"), None),
                    report("d1", "D", "Attack", Some("raqqa"), Some("2022-01-20")),
                    report("e1", "E", "Bombing", Some("prison"), Some("2022-01-20")),
                    report("f1", "F", "Attack", None, Some("2022-01-20")),
                ],
                vec![g(&["a1", "b1", "c1"]), g(&["d1"]), g(&["e1"]), g(&["f1"])],
            ),
            (
                "reports on consecutive days at one place are one event only within the window: no chain",
                vec![
                    rep("a1", "A", "Attack", Some("prison"), Some("2022-01-20"), None, &["isis"]),
                    rep("b1", "B", "Attack", Some("prison"), Some("2022-01-21"), None, &["isis"]),
                    rep("c1", "C", "Attack", Some("prison"), Some("2022-01-22"), None, &["isis"]),
                    rep("d1", "D", "Attack", Some("prison"), Some("2022-01-23"), None, &["isis"]),
                    rep("e1", "E", "Attack", Some("prison"), Some("2022-01-24"), None, &["isis"]),
                ],
                vec![g(&["a1", "b1"]), g(&["c1", "d1"]), g(&["e1"])],
            ),
            (
                "a report of the next day joins an event only with an actor in common; of its own day, without",
                vec![
                    report("a1", "A", "Bombing", Some("prison"), Some("2022-01-20")),
                    report("b1", "B", "Bombing", Some("prison"), Some("2022-01-21")),
                    report("c1", "C", "Bombing", Some("prison"), Some("2022-01-21")),
                    rep("a2", "A", "Attack", Some("prison"), Some("2022-01-20"), None, &["isis"]),
                    rep("b2", "B", "Attack", Some("prison"), Some("2022-01-21"), None, &["sdf"]),
                    rep("c2", "C", "Attack", Some("prison"), Some("2022-01-21"), None, &["isis"]),
                ],
                vec![g(&["a1"]), g(&["a2", "c2"]), g(&["b1", "c1"]), g(&["b2"])],
            ),
            (
                "a report fitting several events joins the one sharing the most of its evidence; a tie, none",
                vec![
                    // two attacks in quarters of Hasakah that day: by ISIS on the
                    // SDF, and by unknown hands
                    rep("a1", "A", "Attack", Some("ghwayran"), Some("2022-01-20"), None, &["isis", ">sdf"]),
                    report("b1", "B", "Attack", Some("tal"), Some("2022-01-20")),
                    // the city only, ISIS on the SDF: the first
                    rep("c1", "C", "Attack", Some("hasakah"), Some("2022-01-20"), None, &["isis", ">sdf"]),
                    // the city only, no actors: both alike, so neither
                    report("d1", "D", "Attack", Some("hasakah"), Some("2022-01-20")),
                ],
                vec![g(&["a1", "c1"]), g(&["b1"]), g(&["d1"])],
            ),
            (
                "an undated report joins the one event its article's date points to",
                vec![
                    report("a1", "A", "Attack", Some("prison"), Some("2022-01-05")),
                    report("b1", "B", "Attack", Some("prison"), Some("2022-01-20")),
                    rep("u1", "U", "Attack", Some("prison"), None, Some("2022-01-21"), &[]),
                ],
                vec![g(&["a1"]), g(&["b1", "u1"])],
            ),
            (
                "bare reports (no date, no actors) of articles on consecutive days make no event of their own like",
                vec![
                    rep("u1", "U", "Investigation", Some("hasakah"), None, Some("2022-01-21"), &[]),
                    rep("v1", "V", "Investigation", Some("hasakah"), None, Some("2022-01-22"), &[]),
                    rep("w1", "W", "Investigation", Some("hasakah"), None, Some("2022-01-22"), &[]),
                ],
                vec![g(&["u1"]), g(&["v1"]), g(&["w1"])],
            ),
            (
                "bare reports join the event a report with a date, or with actors, anchors",
                vec![
                    report("a1", "A", "Attack", Some("prison"), Some("2022-01-20")),
                    rep("u1", "U", "Attack", Some("hasakah"), None, Some("2022-01-21"), &[]),
                    rep("v1", "V", "Attack", Some("prison"), None, Some("2022-01-22"), &[]),
                    rep("b1", "B", "Bombing", Some("tal"), None, Some("2022-01-21"), &["isis"]),
                    rep("c1", "C", "Bombing", Some("tal"), None, Some("2022-01-22"), &[]),
                ],
                vec![g(&["a1", "u1", "v1"]), g(&["b1", "c1"])],
            ),
            (
                "an undated report whose article was published long after every event stays alone",
                vec![
                    report("a1", "A", "Attack", Some("prison"), Some("2022-01-05")),
                    rep("u1", "U", "Attack", Some("prison"), None, Some("2022-02-21"), &[]),
                ],
                vec![g(&["a1"]), g(&["u1"])],
            ),
            (
                "an undated report of an undated article, at a place with two events, stays alone",
                vec![
                    report("a1", "A", "Attack", Some("prison"), Some("2022-01-05")),
                    report("b1", "B", "Attack", Some("prison"), Some("2022-01-20")),
                    report("u1", "U", "Attack", Some("prison"), None),
                ],
                vec![g(&["a1"]), g(&["b1"]), g(&["u1"])],
            ),
            (
                "an undated report does not bridge events told apart by their dates",
                vec![
                    report("a1", "A", "Attack", Some("prison"), Some("2022-01-20")),
                    report("c1", "C", "Attack", Some("ghwayran"), None),
                    report("d1", "D", "Attack", Some("hasakah"), Some("2022-03-01")),
                ],
                vec![g(&["a1"]), g(&["c1"]), g(&["d1"])],
            ),
            (
                "a report that fits two events joins neither",
                vec![
                    report("a1", "A", "Attack", Some("prison"), Some("2022-01-20")),
                    report("b1", "B", "Attack", Some("tal"), Some("2022-01-20")),
                    report("h1", "H", "Attack", Some("hasakah"), Some("2022-01-20")),
                    // and what comes after it does not join it either
                    report("h2", "I", "Attack", Some("hasakah"), Some("2022-01-21")),
                ],
                vec![g(&["a1"]), g(&["b1"]), g(&["h1"]), g(&["h2"])],
            ),
            (
                "two villages of one name the gazetteer does not know, in different districts, stay apart",
                vec![
                    report("a1", "A", "ArmedClash", Some("village/tell@qamishli"), Some("2022-05-02")),
                    report("b1", "B", "ArmedClash", Some("village/tell@amuda"), Some("2022-05-02")),
                    report("c1", "C", "ArmedClash", Some("qamishli"), Some("2022-05-02")),
                ],
                vec![g(&["a1", "c1"]), g(&["b1"])],
            ),
            (
                "reports whose known agents are disjoint are two events; shared agents are one",
                vec![
                    rep("a1", "A", "Attack", Some("prison"), Some("2022-01-20"), None, &["isis"]),
                    rep("b1", "B", "Attack", Some("prison"), Some("2022-01-20"), None, &["sdf"]),
                    rep("c1", "C", "Attack", Some("prison"), Some("2022-01-20"), None, &["isis", "sdf"]),
                    rep("d1", "D", "Attack", Some("raqqa"), Some("2022-01-20"), None, &["isis"]),
                    rep("e1", "E", "Attack", Some("raqqa"), Some("2022-01-21"), None, &["isis"]),
                    rep("f1", "F", "Attack", Some("raqqa"), Some("2022-01-21"), None, &[]),
                ],
                // c1 fits both a1's event and b1's: it joins neither
                vec![g(&["a1"]), g(&["b1"]), g(&["c1"]), g(&["d1", "e1", "f1"])],
            ),
            (
                "an undated re-mention joins its own article's event when another article's report is in it, never on its own article's word",
                vec![
                    report("a1", "A", "PrisonBreak", Some("prison"), Some("2022-01-25")),
                    report("b1", "B", "PrisonBreak", Some("prison"), Some("2022-01-25")),
                    report("a2", "A", "PrisonBreak", Some("prison"), None),
                    report("c1", "C", "Arrest", Some("raqqa"), Some("2022-03-01")),
                    rep("c2", "C", "Arrest", Some("raqqa"), None, Some("2022-03-02"), &[]),
                ],
                vec![g(&["a1", "a2", "b1"]), g(&["c1"]), g(&["c2"])],
            ),
            (
                "bombings of one day at one place aimed at different forces are two events",
                vec![
                    rep("a1", "A", "Bombing", Some("raqqa"), Some("2022-04-02"), None, &[">army"]),
                    rep("b1", "B", "Bombing", Some("raqqa"), Some("2022-04-02"), None, &[">police"]),
                    rep("c1", "C", "Bombing", Some("raqqa"), Some("2022-04-02"), None, &[">army"]),
                ],
                vec![g(&["a1", "c1"]), g(&["b1"])],
            ),
            (
                "a report dated by month joins the one event of that month at its place",
                vec![
                    report("a1", "A", "PrisonBreak", Some("prison"), Some("2022-01-20")),
                    report("b1", "B", "PrisonBreak", Some("ghwayran"), Some("2022-01")),
                    report("c1", "C", "PrisonBreak", Some("prison"), Some("2022-03-03")),
                ],
                vec![g(&["a1", "b1"]), g(&["c1"])],
            ),
            (
                "two day-dated reports of one article never share an event, and a report whose event holds its own article's counts it as a fit",
                vec![
                    report("a1", "A", "Attack", Some("prison"), Some("2022-01-20")),
                    report("a2", "A", "Attack", Some("prison"), Some("2022-01-20")),
                    report("b1", "B", "Attack", Some("prison"), Some("2022-01-20")),
                    // C's headline names only the city and no date: it fits C's own
                    // event and D's; its own counts, so it joins neither (not D's)
                    report("c1", "C", "Bombing", Some("ghwayran"), Some("2022-02-02")),
                    rep("c2", "C", "Bombing", Some("hasakah"), None, Some("2022-02-03"), &[]),
                    report("d1", "D", "Bombing", Some("tal"), Some("2022-02-01")),
                ],
                vec![g(&["a1", "b1"]), g(&["a2"]), g(&["c1"]), g(&["c2"]), g(&["d1"])],
            ),
            (
                "a timeless report naming no actors, between two groups with other actors, joins neither",
                vec![
                    rep("a1", "A", "ArmedClash", Some("raqqa"), None, None, &["sdf"]),
                    rep("b1", "B", "ArmedClash", Some("raqqa"), None, None, &["isis"]),
                    report("c1", "C", "ArmedClash", Some("raqqa"), None),
                    rep("d1", "D", "ArmedClash", Some("raqqa"), None, None, &["sdf"]),
                    report("e1", "E", "Killing", Some("raqqa"), None),
                    rep("f1", "F", "Killing", Some("raqqa"), None, None, &["isis"]),
                ],
                vec![g(&["a1", "d1"]), g(&["b1"]), g(&["c1"]), g(&["e1", "f1"])],
            ),
            (
                "undated reports of undated articles merge where their place has one event only",
                vec![
                    report("a1", "A", "Killing", Some("raqqa"), None),
                    report("b1", "B", "Killing", Some("raqqa"), None),
                    report("c1", "C", "Killing", Some("raqqa"), Some("2022-06-01")),
                ],
                vec![g(&["a1", "b1", "c1"])],
            ),
            (
                "a city and an open area around it meet; a town, or a second open area, does not",
                vec![
                    report("a1", "A", "Attack", Some("qamishli"), Some("2022-03-05")),
                    report("b1", "B", "Attack", Some("region/plain@hasakah"), Some("2022-03-05")),
                    report("c1", "C", "Attack", Some("tal"), Some("2022-03-05")),
                    report("d1", "D", "Attack", Some("region/wadi@hasakah"), Some("2022-03-05")),
                ],
                vec![g(&["a1", "b1"]), g(&["c1"]), g(&["d1"])],
            ),
            (
                "undated reports of undated articles: a city and an open area around it, two outlets each",
                vec![
                    rep("a1", "A", "Attack", Some("qamishli"), None, None, &["isis"]),
                    rep("b1", "B", "Attack", Some("qamishli"), None, None, &["isis", ">army"]),
                    report("c1", "C", "Attack", Some("region/plain@hasakah"), None),
                    rep("d1", "D", "Attack", Some("region/plain@hasakah"), None, None, &["isis"]),
                    // another class at the same places stays apart
                    report("e1", "E", "Bombing", Some("amuda"), None),
                ],
                vec![g(&["a1", "b1", "c1", "d1"]), g(&["e1"])],
            ),
            (
                "with no time, a city and an open area around it need actors named on both sides",
                vec![
                    rep("a1", "A", "Attack", Some("qamishli"), None, None, &["isis"]),
                    report("b1", "B", "Attack", Some("region/plain@hasakah"), None),
                ],
                vec![g(&["a1"]), g(&["b1"])],
            ),
            // a report with no time stays in its article's era: an article of
            // 2014, one of July 2017, one that dates nothing
            (
                "with no time, another era: not the dated event",
                vec![dated_2017(), timeless("t14", "A", ERA_2014)],
                vec![g(&["d"]), g(&["t14"])],
            ),
            (
                "with no time, its era: the dated event",
                vec![dated_2017(), timeless("t17", "B", ERA_2017)],
                vec![g(&["d", "t17"])],
            ),
            (
                "with no time and no era: the one dated event it fits",
                vec![dated_2017(), timeless("t", "C", None)],
                vec![g(&["d", "t"])],
            ),
            (
                "two reports with no time, eras apart, do not link",
                vec![
                    named(timeless("t14", "A", ERA_2014)),
                    named(timeless("t17", "B", ERA_2017)),
                ],
                vec![g(&["t14"]), g(&["t17"])],
            ),
            (
                "a report with no time and no era links to one with an era",
                vec![named(timeless("t14", "A", ERA_2014)), named(timeless("t", "C", None))],
                vec![g(&["t", "t14"])],
            ),
            (
                "bare reports with no time make no event of their own like",
                vec![timeless("u", "A", None), timeless("v", "B", None)],
                vec![g(&["u"]), g(&["v"])],
            ),
            (
                "bare reports with no time join the one group naming actors they link to",
                vec![
                    timeless("u", "A", None),
                    timeless("v", "B", None),
                    named(timeless("w", "C", None)),
                ],
                vec![g(&["u", "v", "w"])],
            ),
        ]
    }

    const ERA_2014: Option<&str> = Some("2014-06-08/2014-06-10");
    const ERA_2017: Option<&str> = Some("2017-06-01/2017-07-12");

    fn dated_2017() -> EventReport {
        report("d", "D", "Attack", Some("raqqa"), Some("2017-07-10"))
    }

    /// A report with no time in an article of that era.
    fn timeless(iri: &str, article: &str, era: Option<&str>) -> EventReport {
        let mut r = report(iri, article, "Attack", Some("raqqa"), None);
        r.era = era.map(str::to_owned);
        r
    }

    /// `r` with ISIS as its agent.
    fn named(mut r: EventReport) -> EventReport {
        r.agents = vec![id("isis")];
        r
    }

    #[test]
    fn an_event_of_a_city_and_an_open_area_is_placed_in_the_area() {
        let reports = [
            rep(
                "a1",
                "A",
                "Attack",
                Some("qamishli"),
                Some("2022-03-05"),
                None,
                &["isis"],
            ),
            rep(
                "b1",
                "B",
                "Attack",
                Some("region/plain@hasakah"),
                Some("2022-03-06"),
                None,
                &["isis"],
            ),
        ];
        let merged = consolidate(&reports);
        assert_eq!(merged.len(), 1, "{merged:?}");
        assert_eq!(
            merged[0].place.as_deref(),
            Some(id("region/plain").as_str())
        );
        assert!(
            merged[0]
                .reason
                .contains("a city and an open area around it"),
            "{}",
            merged[0].reason
        );
    }

    #[test]
    fn an_articles_era_spans_its_dated_reports() {
        let r = |d: Option<&str>| report("x", "A", "Attack", Some("raqqa"), d);
        assert_eq!(era_of(&[r(None)]), None);
        assert_eq!(
            era_of(&[r(Some("2014-06-08")), r(None), r(Some("2014-05"))]).as_deref(),
            Some("2014-05-01/2014-06-08")
        );
        assert_eq!(
            era_of(&[r(Some("2017"))]).as_deref(),
            Some("2017-01-01/2017-12-31")
        );
    }

    #[test]
    fn reports_of_two_regions_never_merge() {
        let mut a = report("a", "one", "Attack", Some("prison"), Some("2022-01-21"));
        let mut b = report("b", "two", "Attack", Some("hasakah"), Some("2022-01-21"));
        assert_eq!(
            groups(&[a.clone(), b.clone()]).len(),
            1,
            "one region: one event"
        );
        a.region = Some("east".to_owned());
        b.region = Some("west".to_owned());
        assert_eq!(groups(&[a.clone(), b.clone()]).len(), 2);
        assert_eq!(naive_groups(&[a, b], TIMELESS_PER_PLACE).len(), 2);
    }

    #[test]
    fn the_cases_group_as_the_rule_says() {
        for (what, reports, expected) in cases() {
            assert_eq!(groups(&reports), expected, "{what}");
            assert_eq!(
                naive_groups(&reports, TIMELESS_PER_PLACE),
                expected,
                "{what} (the oracle)"
            );
        }
    }

    #[test]
    fn the_result_does_not_depend_on_the_order_of_reports() {
        let mut reports = vec![
            report("a1", "A", "Attack", Some("prison"), Some("2022-01-20")),
            report("b1", "B", "Attack", Some("hasakah"), Some("2022-01-21")),
            report("b2", "B", "PrisonBreak", Some("prison"), Some("2022-01-21")),
            report("c1", "C", "PrisonBreak", Some("ghwayran"), Some("2022-01")),
            report("d1", "D", "Attack", Some("hasakah"), Some("2022-03-01")),
        ];
        let forward = consolidate(&reports);
        reports.reverse();
        let backward = consolidate(&reports);
        let key = |m: &[MergedEvent], r: &[EventReport]| -> Vec<(String, Vec<String>, String)> {
            let mut v: Vec<_> = m
                .iter()
                .map(|e| {
                    let mut members: Vec<String> =
                        e.reports.iter().map(|&i| r[i].iri.clone()).collect();
                    members.sort();
                    (e.iri.clone(), members, e.reason.clone())
                })
                .collect();
            v.sort();
            v
        };
        let mut fwd_reports = reports.clone();
        fwd_reports.reverse();
        assert_eq!(key(&forward, &fwd_reports), key(&backward, &reports));
    }

    #[test]
    fn the_merged_event_takes_the_most_specific_place_and_the_most_precise_date() {
        let reports = [
            report("a1", "A", "Attack", Some("hasakah"), Some("2022-01")),
            report("b1", "B", "Attack", Some("prison"), Some("2022-01-21")),
        ];
        let m = consolidate(&reports);
        assert_eq!(m.len(), 1);
        assert_eq!(
            m[0].place.as_deref(),
            Some("https://w3id.org/isnad/id/prison")
        );
        assert_eq!(m[0].date.as_deref(), Some("2022-01-21"));
        assert_eq!(
            m[0].iri,
            "https://w3id.org/isnad/id/event/attack/prison/2022-01-21"
        );
        assert_eq!(m[0].articles, ["A", "B"]);
    }

    #[test]
    fn an_unknown_village_is_named_by_its_iri_and_alike_events_get_tags() {
        let reports = [
            report(
                "a1",
                "A",
                "ArmedClash",
                Some("village/tell@qamishli"),
                Some("2022-05-02"),
            ),
            report(
                "b1",
                "B",
                "ArmedClash",
                Some("village/tell@amuda"),
                Some("2022-05-02"),
            ),
        ];
        let mut iris: Vec<String> = consolidate(&reports).into_iter().map(|m| m.iri).collect();
        iris.sort();
        assert_eq!(iris.len(), 2);
        // each village's events are named by the village and a tag of its identity,
        // the same whatever else is merged beside it (buckets are merged alone)
        let base = "https://w3id.org/isnad/id/event/armedclash/village-tell~";
        assert!(
            iris.iter()
                .all(|i| i.starts_with(base) && i.ends_with("/2022-05-02")),
            "{iris:?}"
        );
        assert_ne!(iris[0], iris[1]);
        for r in &reports {
            let alone = consolidate(std::slice::from_ref(r)).remove(0).iri;
            assert!(iris.contains(&alone), "{alone} {iris:?}");
        }
        // alike events of one place are told apart by a tag of their first report
        let twice = [
            report("c1", "C", "Attack", Some("raqqa"), Some("2022")),
            report("d1", "D", "Attack", Some("raqqa"), Some("2022")),
        ];
        let mut iris: Vec<String> = consolidate(&twice).into_iter().map(|m| m.iri).collect();
        iris.sort();
        assert_eq!(iris[0], "https://w3id.org/isnad/id/event/attack/raqqa/2022");
        assert!(iris[1].starts_with(&format!("{}~", iris[0])), "{iris:?}");
    }

    #[test]
    fn dates_of_different_precision_have_extents() {
        let w = |d: Option<&str>, p: Option<&str>| {
            When::of(&rep("x", "X", "Attack", Some("raqqa"), d, p, &[]))
        };
        let day = |s: &str| CivilDate::parse_iso(s).map(|d| d.day_number()).unwrap_or(0);
        assert_eq!(w(Some("2022-01-31"), None), When::Day(day("2022-01-31")));
        assert_eq!(
            w(Some("2022-02"), None),
            When::Within(day("2022-02-01"), day("2022-02-28"))
        );
        // a year alone is too coarse to go by
        assert_eq!(w(Some("2022"), Some("2023-05-05")), When::Year);
        // an undated report is dated by its article: the days before publication
        assert_eq!(
            w(None, Some("2022-01-10")),
            When::Within(day("2022-01-07"), day("2022-01-10"))
        );
        assert_eq!(w(None, None), When::Any);
    }

    fn arbitrary_reports(raw: &[Raw]) -> Vec<EventReport> {
        let classes = ["Attack", "Bombing"];
        let places = [
            "prison",
            "ghwayran",
            "hasakah",
            "tal",
            "qamishli",
            "region/plain@hasakah",
            "raqqa",
            "village/tell@qamishli",
            "village/tell@amuda",
            "region/wadi@hasakah",
        ];
        let dates = [
            "2022-01-19",
            "2022-01-20",
            "2022-01-21",
            "2022-01-22",
            "2022-01-23",
            "2022-01",
            "2022-02-01",
            "2022",
            "2021-12-31",
        ];
        let published = ["2022-01-20", "2022-01-22", "2022-01-25", "2022-02-02"];
        let agents: [&[&str]; 6] = [
            &[],
            &["isis"],
            &["sdf"],
            &["isis", "sdf"],
            &[">army"],
            &["isis", ">police"],
        ];
        // the era of each article's reports with no time (none for some): near
        // the dates above, more than a year before them, or in between
        let eras = [
            None,
            Some("2022-01-20/2022-01-21"),
            Some("2020-06-01/2020-06-01"),
            Some("2022-01-01/2022-01-31"),
            None,
            Some("2021-01-01/2021-01-05"),
        ];
        raw.iter()
            .enumerate()
            .map(|(i, &(article, class, place, date, publ, ag))| {
                let mut r = rep(
                    &format!("r{i:02}"),
                    &format!("A{article}"),
                    classes[class],
                    (place < 8 || i % 3 != 0).then_some(places[place]),
                    date.map(|d| dates[d]),
                    publ.map(|p| published[p]),
                    agents[ag],
                );
                if r.date.is_none() && r.published.is_none() {
                    r.era = eras[article].map(str::to_owned);
                }
                r
            })
            .collect()
    }

    /// (article, class, place, date, publication date, actors), as indices
    type Raw = (usize, usize, usize, Option<usize>, Option<usize>, usize);

    fn raw_reports() -> impl proptest::strategy::Strategy<Value = Vec<Raw>> {
        proptest::collection::vec(
            (
                0..6usize,
                0..2usize,
                0..10usize,
                proptest::option::of(0..9usize),
                proptest::option::of(0..4usize),
                0..6usize,
            ),
            0..40,
        )
    }

    proptest::proptest! {
        #[test]
        fn the_index_groups_as_comparing_with_every_member_does(
            raw in raw_reports(),
            per_place in 1..8usize,
        ) {
            let reports = arbitrary_reports(&raw);
            proptest::prop_assert_eq!(
                groups_with(&reports, per_place),
                naive_groups(&reports, per_place)
            );
            proptest::prop_assert_eq!(
                groups(&reports),
                naive_groups(&reports, TIMELESS_PER_PLACE)
            );
        }

        #[test]
        fn shuffling_the_reports_changes_nothing(raw in raw_reports(), seed in 0u64..1000) {
            let reports = arbitrary_reports(&raw);
            let mut shuffled = reports.clone();
            // Fisher–Yates with a small LCG: a permutation drawn from the seed
            let mut x = seed;
            for i in (1..shuffled.len()).rev() {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (x >> 33) as usize % (i + 1));
            }
            let describe = |m: Vec<MergedEvent>, r: &[EventReport]| {
                let mut v: Vec<(String, Vec<String>, String)> = m
                    .into_iter()
                    .map(|e| {
                        let mut members: Vec<String> =
                            e.reports.iter().map(|&i| r[i].iri.clone()).collect();
                        members.sort();
                        (e.iri, members, e.reason)
                    })
                    .collect();
                v.sort();
                v
            };
            proptest::prop_assert_eq!(
                describe(consolidate(&reports), &reports),
                describe(consolidate(&shuffled), &shuffled)
            );
        }
    }
}

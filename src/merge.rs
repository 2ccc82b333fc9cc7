//! Merge: one node per real-world event across articles.
//!
//! Each article keeps its own event reports (with their quotes and offsets) in its
//! own graph. This stage groups the reports of all articles into real-world events
//! and describes them in a derived graph of their own: a merged event node with the
//! class, the most specific place, the earliest date, the articles it comes from and
//! the reason for the merge; every report points to it with `owl:sameAs`.
//!
//! Two reports are of the same happening when they have the same class, places
//! that are the same or contain one another (through `isn:locatedIn`, so "the
//! prison" and "Hasakah" can meet), and dates within [`DATE_WINDOW_DAYS`] of each
//! other (or at least one undated). Reports without a place are never merged across
//! articles: too little to go on. Reports of one article are not merged here: the
//! extractor already merged what it could tell was one happening. Status is ignored on purpose: an escape one outlet
//! reports and another denies is one contested event.
//!
//! Invariant: the result depends only on the set of reports, never on their order
//! (the groups are the connected components of the "same happening" relation, and
//! every name and choice inside a group is made from sorted data).

use crate::calendar::CivilDate;
use crate::vocab::{self, iri_segment};
use std::collections::{BTreeMap, HashMap};

/// How far apart two dated reports of one event may be: news of a night attack is
/// dated the day before or the day after.
pub const DATE_WINDOW_DAYS: i64 = 1;

/// One article's report of an event, as stored.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EventReport {
    pub iri: String,
    pub article: String,
    /// The event class IRI.
    pub class: String,
    pub place: Option<String>,
    /// Lexical form of the date: `2022-01-21`, `2022-01` or `2022`.
    pub date: Option<String>,
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

/// Whether two date extents are within [`DATE_WINDOW_DAYS`] of each other.
fn extents_meet((a0, a1): (i64, i64), (b0, b1): (i64, i64)) -> bool {
    a0 <= b1 + DATE_WINDOW_DAYS && b0 <= a1 + DATE_WINDOW_DAYS
}

#[cfg(test)]
fn dates_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.and_then(date_range), b.and_then(date_range)) {
        (Some(a), Some(b)) => extents_meet(a, b),
        _ => true,
    }
}

/// Groups reports into real-world events. `containers(p)` lists the places that
/// contain place `p` (transitively) closely enough for two reports there to be
/// one event: the store leaves countries out, which are too large to tell
/// happenings apart.
///
/// Cost: reports are indexed by (class, place or container), so only reports
/// whose places meet are ever compared, and dated ones only within the date
/// window: about linear in the number of reports, not quadratic (an archive
/// holds hundreds of thousands).
pub fn consolidate(
    reports: &[EventReport],
    containers: impl Fn(&str) -> Vec<String>,
) -> Vec<MergedEvent> {
    let n = reports.len();
    // sorted view, so that every choice below is independent of the input order
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| reports[a].cmp(&reports[b]));
    let mut rank = vec![0; n];
    for (k, &i) in order.iter().enumerate() {
        rank[i] = k;
    }
    // places and their containers, once each
    let mut up: HashMap<&str, Vec<String>> = HashMap::new();
    for r in reports {
        if let Some(p) = r.place.as_deref() {
            up.entry(p).or_insert_with(|| containers(p));
        }
    }
    let within = |a: &str, b: &str| up.get(a).is_some_and(|c| c.iter().any(|x| x == b));
    let ranges: Vec<Option<(i64, i64)>> = reports
        .iter()
        .map(|r| r.date.as_deref().and_then(date_range))
        .collect();

    // (class, key place) → reports whose place is the key ("owners") and reports
    // whose place is the key or lies within it ("members"), in sorted order. Two
    // reports' places meet exactly when one owns a key the other is a member of.
    #[derive(Default)]
    struct Bucket {
        owners: Vec<usize>,
        members: Vec<usize>,
    }
    let mut buckets: BTreeMap<(&str, &str), Bucket> = BTreeMap::new();
    for &i in &order {
        let r = &reports[i];
        let Some(p) = r.place.as_deref() else {
            continue;
        };
        let b = buckets.entry((&r.class, p)).or_default();
        b.owners.push(i);
        b.members.push(i);
        for c in &up[p] {
            if c != p {
                buckets.entry((&r.class, c)).or_default().members.push(i);
            }
        }
    }

    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // the root is the member first in sorted order: stable whatever the input order
    let union = |parent: &mut [usize], i: usize, j: usize| {
        let (ri, rj) = (root(parent, i), root(parent, j));
        if rank[ri] < rank[rj] {
            parent[rj] = ri;
        } else {
            parent[ri] = rj;
        }
    };
    // reports of one article were already told apart by the extractor
    let other_article = |a: usize, b: usize| reports[a].article != reports[b].article;

    // 1. dated reports with close dates merge, and undated reports with each other
    for b in buckets.values() {
        // undated: every member meets every owner, so one or two hubs suffice
        let undated_owners: Vec<usize> = b
            .owners
            .iter()
            .copied()
            .filter(|&i| ranges[i].is_none())
            .collect();
        if let Some(&hub) = undated_owners.first() {
            let undated_members = || b.members.iter().copied().filter(|&i| ranges[i].is_none());
            let second = undated_owners
                .iter()
                .copied()
                .find(|&o| other_article(o, hub));
            let outsider = undated_members().find(|&m| other_article(m, hub));
            for m in undated_members() {
                if other_article(m, hub) {
                    union(&mut parent, m, hub);
                } else if let Some(o) = second {
                    union(&mut parent, m, o);
                } else if let (Some(x), true) = (outsider, b.owners.contains(&m)) {
                    // every owner is of the hub's article: they meet the
                    // members of other articles
                    union(&mut parent, m, x);
                }
            }
        }
        // dated: owners against members whose dates overlap the window
        let mut dated: Vec<(i64, i64, usize)> = b
            .members
            .iter()
            .filter_map(|&i| ranges[i].map(|(s, e)| (s, e, i)))
            .collect();
        if dated.is_empty() {
            continue;
        }
        dated.sort_unstable();
        let longest = dated.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
        for &o in &b.owners {
            let Some((os, oe)) = ranges[o] else { continue };
            let from = dated.partition_point(|&(s, _, _)| s < os - DATE_WINDOW_DAYS - longest);
            for &(s, e, m) in &dated[from..] {
                if s > oe + DATE_WINDOW_DAYS {
                    break;
                }
                if extents_meet((s, e), (os, oe)) && other_article(o, m) {
                    union(&mut parent, o, m);
                }
            }
        }
    }
    // 2. an undated group joins a dated group when exactly one fits it: an undated
    //    report must not bridge two events told apart by their dates
    let phase1: Vec<usize> = (0..n).map(|i| root(&mut parent, i)).collect();
    let mut dated_group = vec![false; n];
    for i in 0..n {
        if ranges[i].is_some() {
            dated_group[phase1[i]] = true;
        }
    }
    // the dated groups each undated group meets, stopping at two
    let mut fits: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for b in buckets.values() {
        for (owners, members) in [(&b.owners, &b.members), (&b.members, &b.owners)] {
            for &u in owners {
                if dated_group[phase1[u]] {
                    continue;
                }
                let f = fits.entry(phase1[u]).or_default();
                if f.len() > 1 {
                    continue;
                }
                for &j in members {
                    let g = phase1[j];
                    if dated_group[g] && other_article(u, j) && !f.contains(&g) {
                        f.push(g);
                        if f.len() > 1 {
                            break;
                        }
                    }
                }
            }
        }
    }
    for (g, f) in fits {
        if let [only] = f.as_slice() {
            union(&mut parent, g, *only);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut merged: Vec<MergedEvent> = groups
        .into_values()
        .map(|g| describe(reports, g, &within))
        .collect();
    // ordered by IRI, ties by first report: independent of the input order
    merged.sort_by(|a, b| {
        (&a.iri, &reports[a.reports[0]].iri).cmp(&(&b.iri, &reports[b.reports[0]].iri))
    });
    // groups may describe alike (same class, place and date, yet told apart): every
    // one after the first gets a tag from its first report
    for i in 1..merged.len() {
        if merged[i].iri
            == merged[i - 1]
                .iri
                .split_once("~")
                .map_or(merged[i - 1].iri.as_str(), |(base, _)| base)
        {
            let tag = short_hash(&reports[merged[i].reports[0]].iri);
            merged[i].iri = format!("{}~{tag}", merged[i].iri);
        }
    }
    merged
}

fn describe(
    reports: &[EventReport],
    mut members: Vec<usize>,
    within: &impl Fn(&str, &str) -> bool,
) -> MergedEvent {
    members.sort_by(|&a, &b| reports[a].cmp(&reports[b]));
    let first = &reports[members[0]];
    let mut places: Vec<&str> = members
        .iter()
        .filter_map(|&i| reports[i].place.as_deref())
        .collect();
    places.sort_unstable();
    places.dedup();
    // the most specific place: one that lies within all the others
    let place = places
        .iter()
        .copied()
        .find(|p| places.iter().all(|q| p == q || within(p, q)))
        .or(places.first().copied());
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
    let place_part = match place {
        Some(p) => iri_segment(p.strip_prefix(vocab::ID).unwrap_or(p)).replace("%2F", "-"),
        None => format!("unplaced-{}", short_hash(&first.iri)),
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
        format!(
            "{} reports in {} articles: same class {class_local}; places {} meet through isn:locatedIn; dates {} within {} day(s)",
            members.len(),
            articles.len(),
            places.iter().map(|p| p.rsplit('/').next().unwrap_or(p)).collect::<Vec<_>>().join(", "),
            if date_list.is_empty() { "none".to_owned() } else { date_list.join(", ") },
            DATE_WINDOW_DAYS
        )
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

/// A short stable tag from a string (FNV-1a), for telling apart alike IRIs.
fn short_hash(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", h as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(
        iri: &str,
        article: &str,
        class: &str,
        place: Option<&str>,
        date: Option<&str>,
    ) -> EventReport {
        EventReport {
            iri: iri.into(),
            article: article.into(),
            class: format!("{}{class}", vocab::ISN),
            place: place.map(|p| format!("{}{p}", vocab::ID)),
            date: date.map(str::to_owned),
        }
    }

    /// prison ⊂ neighbourhood ⊂ city
    fn containers(p: &str) -> Vec<String> {
        let chain = ["prison", "ghwayran", "hasakah"];
        match chain.iter().position(|c| p.ends_with(&format!("/{c}"))) {
            Some(i) => chain[i + 1..]
                .iter()
                .map(|c| format!("{}{c}", vocab::ID))
                .collect(),
            None => Vec::new(),
        }
    }

    fn within(a: &str, b: &str) -> bool {
        containers(a).iter().any(|c| c == b)
    }

    /// The first, quadratic implementation: every pair compared. The indexed
    /// one must group exactly as it did.
    #[allow(clippy::needless_range_loop)]
    fn naive_groups(
        reports: &[EventReport],
        within: impl Fn(&str, &str) -> bool,
    ) -> Vec<Vec<String>> {
        // sorted view, so that every choice below is independent of the input order
        let mut order: Vec<usize> = (0..reports.len()).collect();
        order.sort_by(|&a, &b| reports[a].cmp(&reports[b]));
        let mut parent: Vec<usize> = (0..reports.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        // the smaller index becomes the root: roots are stable whatever the input order
        // once translated through `order`, and only group membership is used below
        fn union(parent: &mut [usize], i: usize, j: usize) {
            let (ri, rj) = (root(parent, i), root(parent, j));
            parent[ri.max(rj)] = ri.min(rj);
        }
        let places_meet = |a: &str, b: &str| a == b || within(a, b) || within(b, a);
        let related = |a: &EventReport, b: &EventReport| {
            // reports of one article were already told apart by the extractor
            a.class == b.class
                && a.article != b.article
                && matches!((&a.place, &b.place), (Some(pa), Some(pb)) if places_meet(pa, pb))
        };
        // 1. dated reports with close dates merge, and undated reports with each other
        for (k, &i) in order.iter().enumerate() {
            for &j in &order[k + 1..] {
                let (a, b) = (&reports[i], &reports[j]);
                let dates_ok = match (&a.date, &b.date) {
                    (Some(da), Some(db)) => dates_compatible(Some(da), Some(db)),
                    (None, None) => true,
                    _ => false,
                };
                if dates_ok && related(a, b) {
                    union(&mut parent, i, j);
                }
            }
        }
        // 2. an undated group joins a dated group when exactly one fits it: an undated
        //    report must not bridge two events told apart by their dates
        let phase1: Vec<usize> = (0..reports.len()).map(|i| root(&mut parent, i)).collect();
        let dated_group =
            |g: usize| (0..reports.len()).any(|i| phase1[i] == g && reports[i].date.is_some());
        let mut joins = Vec::new();
        for &i in &order {
            let g = phase1[i];
            if g != i || dated_group(g) {
                continue; // not a group's root, or not an undated group
            }
            let mut candidates: Vec<usize> = (0..reports.len())
                .filter(|&j| dated_group(phase1[j]))
                .filter(|&j| {
                    (0..reports.len()).any(|m| phase1[m] == g && related(&reports[m], &reports[j]))
                })
                .map(|j| phase1[j])
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            if let [only] = candidates.as_slice() {
                joins.push((g, *only));
            }
        }
        for (a, b) in joins {
            union(&mut parent, a, b);
        }
        let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for i in 0..reports.len() {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(reports[i].iri.clone());
        }
        let mut g: Vec<Vec<String>> = groups.into_values().collect();
        for v in &mut g {
            v.sort();
        }
        g.sort();
        g
    }

    fn groups(reports: &[EventReport]) -> Vec<Vec<String>> {
        let mut g: Vec<Vec<String>> = consolidate(reports, containers)
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

    #[test]
    fn reports_merge_on_class_nested_places_and_close_dates() {
        let reports = [
            report("a1", "A", "Attack", Some("prison"), Some("2022-01-20")),
            report("b1", "B", "Attack", Some("hasakah"), Some("2022-01-21")),
            report("c1", "C", "Attack", Some("ghwayran"), None),
            report("d1", "D", "Attack", Some("raqqa"), Some("2022-01-20")), // elsewhere
            report("e1", "E", "Bombing", Some("prison"), Some("2022-01-20")), // other class
            report("f1", "F", "Attack", None, Some("2022-01-20")),          // no place
        ];
        assert_eq!(
            groups(&reports),
            [g(&["a1", "b1", "c1"]), g(&["d1"]), g(&["e1"]), g(&["f1"])]
        );
    }

    #[test]
    fn an_undated_report_does_not_bridge_events_told_apart_by_date() {
        let reports = [
            report("a1", "A", "Attack", Some("prison"), Some("2022-01-20")),
            report("c1", "C", "Attack", Some("ghwayran"), None),
            report("d1", "D", "Attack", Some("hasakah"), Some("2022-03-01")),
        ];
        assert_eq!(groups(&reports), [g(&["a1"]), g(&["c1"]), g(&["d1"])]);
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
        let forward = consolidate(&reports, containers);
        reports.reverse();
        let backward = consolidate(&reports, containers);
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
        let m = consolidate(&reports, containers);
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
    fn dates_of_different_precision_compare_by_extent() {
        assert!(dates_compatible(Some("2022-01-31"), Some("2022-02-01")));
        assert!(dates_compatible(Some("2022-01-15"), Some("2022-01")));
        assert!(dates_compatible(Some("2022"), Some("2022-06-01")));
        assert!(!dates_compatible(Some("2022-01-10"), Some("2022-01-20")));
        assert!(!dates_compatible(Some("2021"), Some("2022-06-01")));
        assert!(dates_compatible(None, Some("2022-06-01")));
    }

    proptest::proptest! {
        #[test]
        fn the_index_groups_as_comparing_every_pair_does(
            raw in proptest::collection::vec(
                (0..6usize, 0..2usize, 0..5usize, proptest::option::of(0..8usize)),
                0..40,
            )
        ) {
            let classes = ["Attack", "Bombing"];
            let places = ["prison", "ghwayran", "hasakah", "raqqa", "tabqa"];
            let dates = ["2022-01-19", "2022-01-20", "2022-01-21", "2022-01-23",
                         "2022-01", "2022-02-01", "2022", "2021-12-31"];
            let reports: Vec<EventReport> = raw
                .iter()
                .enumerate()
                .map(|(i, &(article, class, place, date))| {
                    report(
                        &format!("r{i:02}"),
                        &format!("A{article}"),
                        classes[class],
                        (place < 4 || i % 3 != 0).then_some(places[place]),
                        date.map(|d| dates[d]),
                    )
                })
                .collect();
            proptest::prop_assert_eq!(groups(&reports), naive_groups(&reports, within));
        }
    }
}

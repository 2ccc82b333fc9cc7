//! The events graph, bucket by bucket: the event reports of the articles that
//! changed, the (class, region) buckets they fall in (now, and in the events graph
//! as it stands), every report of those buckets, merged ([`crate::merge`]) and
//! written as the difference with what the graph held.
//!
//! Why a cache of merge inputs: a bucket (a governorate and its towns, per class)
//! gathers years of reports, and reading each one back from its article graph
//! costs about eight index lookups. So every report's merge input (its
//! [`EventReport`] and the merged event it is in) is kept on its bucket's node in
//! `id/graph/merge-input`, a literal per month of reports ([`chunk_of`]): a
//! bucket's unchanged reports are one index range of a few hundred literals, only
//! the changed articles' reports are read in their graphs, and only the months
//! whose inputs changed are written.
//!
//! Invariants: a bucket is a function of one report and the gazetteer
//! ([`bucket`]), and reports of different buckets never merge, so merging the
//! buckets one by one gives what merging the whole archive gives; a merged event
//! names its bucket (`isn:mergeBucket`) and its articles (`prov:wasDerivedFrom`),
//! which is how the next refresh finds the events an article was in. A report's
//! merge input is a function of its own article graph and the gazetteer (whose
//! fingerprint the derived data carries), so it stays true until its article is
//! written again, which marks it. All reads go through the store's indexes by
//! subject, or by predicate and object: never a scan of the archive (except in
//! [`rebuild`]).

use super::{
    described, figures, integer, iri_of, isn, node, objects, quad, subjects, tag, text_of, Change,
    Geography, EVENTS_GRAPH, MERGE_INPUT_GRAPH,
};
use crate::merge::{self, EventReport, MergedEvent, Setting};
use crate::vocab::{self, local};
use crate::Error;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a pass over buckets changed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Touched {
    pub buckets: usize,
    /// Merged events that were not there before, and ones that are gone.
    pub added: usize,
    pub removed: usize,
}

/// The bucket of a report: its class and region; a report with no place to merge
/// by (none, or a country) is an event of its own, in a bucket of its article.
pub fn bucket(r: &EventReport) -> String {
    match &r.region {
        Some(region) => format!("{} {region}", r.class),
        None => format!("{} unplaced {}", r.class, r.article),
    }
}

/// Reads event reports from the article graphs.
struct Reader<'a> {
    store: &'a Store,
    geo: &'a Geography,
    published: HashMap<String, Option<String>>,
    is_article: HashMap<String, bool>,
}

impl<'a> Reader<'a> {
    fn new(store: &'a Store, geo: &'a Geography) -> Reader<'a> {
        Reader {
            store,
            geo,
            published: HashMap::new(),
            is_article: HashMap::new(),
        }
    }

    /// The smallest object of (s, p, ?, g) as text: one choice whatever the
    /// store's order.
    fn least(
        &self,
        s: &str,
        p: &NamedNode,
        g: &str,
        literal: bool,
    ) -> Result<Option<String>, Error> {
        // (an empty literal says nothing, and a merge input could not tell it from
        // no value)
        Ok(objects(self.store, s, p, Some(g))?
            .iter()
            .filter_map(|t| if literal { text_of(t) } else { iri_of(t) })
            .filter(|v| !v.is_empty())
            .min())
    }

    fn is_article(&mut self, g: &str) -> Result<bool, Error> {
        if let Some(&k) = self.is_article.get(g) {
            return Ok(k);
        }
        let gn = NamedNodeRef::new_unchecked(g);
        let k = self.store.contains(QuadRef::new(
            gn,
            &node(vocab::RDF_TYPE),
            &isn(local::ARTICLE),
            GraphNameRef::NamedNode(gn),
        ))?;
        self.is_article.insert(g.to_owned(), k);
        Ok(k)
    }

    /// The report `e` of article `g`, if `e` is one (an event the article tells,
    /// with a class).
    fn report(&mut self, e: &str, g: &str) -> Result<Option<EventReport>, Error> {
        let derived = node(vocab::PROV_WAS_DERIVED_FROM);
        if !self.is_article(g)?
            || !self.store.contains(QuadRef::new(
                NamedNodeRef::new_unchecked(e),
                &derived,
                NamedNodeRef::new_unchecked(g),
                GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(g)),
            ))?
        {
            return Ok(None);
        }
        let Some(class) = self.least(e, &node(vocab::RDF_TYPE), g, false)? else {
            return Ok(None);
        };
        let published = match self.published.get(g) {
            Some(p) => p.clone(),
            None => {
                let p = self.least(g, &node(vocab::SCHEMA_DATE_PUBLISHED), g, true)?;
                self.published.insert(g.to_owned(), p.clone());
                p
            }
        };
        let mut actors = [Vec::new(), Vec::new()];
        for (p, out) in [local::AGENT, local::TARGET].into_iter().zip(&mut actors) {
            for a in objects(self.store, e, &isn(p), Some(g))? {
                if let Some(a) = iri_of(&a) {
                    if self.geo.is_known(&a) {
                        out.push(a);
                    }
                }
            }
            out.sort();
            out.dedup();
        }
        let [agents, targets] = actors;
        let mut r = EventReport {
            iri: e.to_owned(),
            article: g.to_owned(),
            class,
            place: self.least(e, &isn(local::PLACE_P), g, false)?,
            date: self.least(e, &isn(local::DATE), g, true)?,
            published,
            agents,
            targets,
            ..EventReport::default()
        };
        if let Some(p) = r.place.clone() {
            if !self.geo.is_country(&p) {
                let (key, within) = self.identity(&p, g, 0)?;
                r.region = Some(self.geo.region(&key));
                r.setting = if self.geo.is_city(&p) {
                    Setting::City
                } else if !self.geo.is_known(&p)
                    // (an area placed nowhere meets no city: no lookup for it)
                    && !within.is_empty()
                    && self.store.contains(QuadRef::new(
                        NamedNodeRef::new_unchecked(&p),
                        &node(vocab::RDF_TYPE),
                        &isn(local::REGION),
                        GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(g)),
                    ))?
                {
                    Setting::Area
                } else {
                    Setting::Spot
                };
                r.place_key = Some(key);
                r.within = within;
            }
        }
        if let Some(country) = self.history_country(&r) {
            r.region = Some(country.clone());
            r.place_key = Some(country);
            r.within = Vec::new();
            r.setting = Setting::Spot;
        }
        Ok(Some(r))
    }

    /// The country a statement of history is told of, if it is one: dated only by
    /// a year, it is a state's (told of the state's country: «أعلن العراق النصر في
    /// 2017» is Iraq's, wherever the article's last place was) or one placed in a
    /// country. Articles telling it again then meet in one bucket of the
    /// country's, which only such reports have. Not other classes: "attacks in
    /// Iraq in 2016" is no one happening.
    fn history_country(&self, r: &EventReport) -> Option<String> {
        let statement = r.class.strip_prefix(vocab::ISN) == Some(local::STATEMENT);
        if !statement || !merge::dated_by_year(r) {
            return None;
        }
        let mut states = r.agents.iter().filter_map(|a| self.geo.country_of_state(a));
        match states.next().filter(|first| states.all(|c| c == *first)) {
            Some(c) => Some(c.to_owned()),
            None => r.place.clone().filter(|p| self.geo.is_country(p)),
        }
    }

    /// A place's identity for merging and the identities of the places containing
    /// it (see [`EventReport::place_key`]): a gazetteer place is itself; a place
    /// the gazetteer does not know is the place of that name in the place its
    /// article puts it in (`…@…`, the most specific one named), so two villages of
    /// one name in different districts are two places.
    fn identity(
        &self,
        place: &str,
        article: &str,
        depth: usize,
    ) -> Result<(String, Vec<String>), Error> {
        if self.geo.is_known(place) {
            return Ok((place.to_owned(), self.geo.within(place).to_vec()));
        }
        let mut direct: Vec<String> = Vec::new();
        // (a chain of unknown places longer than this is a loop, or nonsense)
        if depth < 8 {
            for c in objects(self.store, place, &isn(local::LOCATED_IN), Some(article))? {
                if let Some(c) = iri_of(&c) {
                    if !self.geo.is_country(&c) && c != place {
                        direct.push(c);
                    }
                }
            }
        }
        direct.sort();
        let mut within: Vec<String> = Vec::new();
        let mut deepest: Option<(usize, String)> = None;
        for c in direct {
            let (key, up) = self.identity(&c, article, depth + 1)?;
            if deepest.as_ref().is_none_or(|(n, _)| up.len() > *n) {
                deepest = Some((up.len(), key.clone()));
            }
            within.extend(up);
            within.push(key);
        }
        within.sort();
        within.dedup();
        let key = match deepest {
            Some((_, c)) => format!("{place}@{c}"),
            None => place.to_owned(),
        };
        Ok((key, within))
    }

    /// The reports article `g` tells now.
    fn reports_of(&mut self, g: &str) -> Result<Vec<EventReport>, Error> {
        let trigger = isn(local::TRIGGER);
        let gn = node(g);
        let mut iris: Vec<String> = Vec::new();
        for q in self.store.quads_for_pattern(
            None,
            Some(trigger.as_ref()),
            None,
            Some(gn.as_ref().into()),
        ) {
            if let NamedOrBlankNode::NamedNode(e) = q?.subject {
                iris.push(e.into_string());
            }
        }
        iris.sort();
        iris.dedup();
        let mut out = Vec::new();
        for e in iris {
            out.extend(self.report(&e, g)?);
        }
        // reports with no time of their own or of their article keep the era
        // the article's dated reports span
        if let Some(era) = merge::era_of(&out) {
            for r in &mut out {
                if r.date.is_none() && r.published.is_none() {
                    r.era = Some(era.clone());
                }
            }
        }
        Ok(out)
    }
}

/// The node a bucket's merge inputs hang on.
fn bucket_node(bucket: &str) -> String {
    format!("{}id/bucket/{}", vocab::ID, tag(bucket))
}

/// The fields of a merge input, in order (see `isn:mergeInput` in the ontology):
/// tabs part the fields (a tab, line break or backslash inside one is escaped: a
/// date literal written through SPARQL Update may hold anything) and spaces the
/// items of a list (IRIs, which hold none); an absent value is an empty field.
fn encode_input(r: &EventReport, event: &str) -> String {
    let opt = |o: &Option<String>| escape(o.as_deref().unwrap_or_default());
    [
        escape(&r.iri),
        escape(&r.article),
        escape(&r.class),
        opt(&r.place),
        opt(&r.place_key),
        r.within.join(" "),
        opt(&r.region),
        opt(&r.date),
        opt(&r.published),
        r.agents.join(" "),
        r.targets.join(" "),
        escape(event),
        r.setting.as_str().to_owned(),
        opt(&r.era),
    ]
    .join("\t")
}

fn escape(s: &str) -> String {
    if !s.contains(['\t', '\n', '\\']) {
        return s.to_owned();
    }
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The report and merged event of a merge input; `None` if it is not one.
fn decode_input(s: &str) -> Option<(EventReport, String)> {
    let f: Vec<&str> = s.split('\t').collect();
    let &[iri, article, class, place, place_key, within, region, date, published, agents, targets, event, setting, era] =
        f.as_slice()
    else {
        return None;
    };
    let opt = |v: &str| (!v.is_empty()).then(|| unescape(v));
    let list = |v: &str| {
        v.split(' ')
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Some((
        EventReport {
            iri: unescape(iri),
            article: unescape(article),
            class: unescape(class),
            place: opt(place),
            place_key: opt(place_key),
            within: list(within),
            region: opt(region),
            date: opt(date),
            published: opt(published),
            agents: list(agents),
            targets: list(targets),
            setting: Setting::parse(setting),
            era: opt(era),
        },
        unescape(event),
    ))
}

/// The part of a bucket's merge inputs one literal holds: the reports of one
/// month (by their date, else their article's), or those with no time. A
/// bucket gathers years of reports, and a literal per report cost one string
/// lookup per report at every refresh of the bucket; a literal per month is a
/// few hundred lookups for a bucket of ten thousand reports, and an ingest
/// rewrites only the months it changed.
fn chunk_of(r: &EventReport) -> &str {
    match r.date.as_deref().or(r.published.as_deref()) {
        Some(d) => d.get(..7).unwrap_or(d),
        None => "",
    }
}

/// A bucket's merge inputs as stored: one literal per chunk ([`chunk_of`]), a
/// line per report.
#[derive(Default)]
struct Inputs {
    /// Chunk → its literal's text.
    chunks: BTreeMap<String, String>,
}

impl Inputs {
    /// The inputs of a bucket's merged events (their reports indexing `reports`).
    fn of(merged: &[MergedEvent], reports: &[EventReport]) -> Inputs {
        let mut lines: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for m in merged {
            for &r in &m.reports {
                let r = &reports[r];
                lines
                    .entry(chunk_of(r))
                    .or_default()
                    .push(encode_input(r, &m.iri));
            }
        }
        let chunks = lines
            .into_iter()
            .map(|(chunk, mut lines)| {
                lines.sort();
                (chunk.to_owned(), lines.join("\n"))
            })
            .collect();
        Inputs { chunks }
    }

    /// A bucket's stored inputs (those of another bucket whose node shares its
    /// hash left out), decoded: each report with the merged event it is in.
    fn stored(
        store: &Store,
        bucket_name: &str,
    ) -> Result<(Inputs, Vec<(EventReport, String)>), Error> {
        let input = isn(local::MERGE_INPUT);
        let mut chunks = BTreeMap::new();
        let mut decoded = Vec::new();
        for q in described(store, &bucket_node(bucket_name), MERGE_INPUT_GRAPH)? {
            let Term::Literal(l) = &q.object else {
                continue;
            };
            if q.predicate != input {
                continue;
            }
            let lines: Vec<(EventReport, String)> =
                l.value().split('\n').filter_map(decode_input).collect();
            // (a chunk holds the reports of one bucket: the first tells whose)
            let Some(chunk) = lines
                .first()
                .filter(|(r, _)| bucket(r) == bucket_name)
                .map(|(r, _)| chunk_of(r).to_owned())
            else {
                continue;
            };
            chunks.insert(chunk, l.value().to_owned());
            decoded.extend(lines);
        }
        Ok((Inputs { chunks }, decoded))
    }

    fn quad(bucket_name: &str, text: &str) -> Quad {
        quad(
            &bucket_node(bucket_name),
            &isn(local::MERGE_INPUT),
            Literal::new_simple_literal(text),
            MERGE_INPUT_GRAPH,
        )
    }

    /// Writes `self` where `old` was stored: the chunks that differ.
    fn replace(self, old: Inputs, bucket_name: &str, change: &mut Change) {
        let mut gone = Vec::new();
        let mut put = Vec::new();
        let mut old = old.chunks;
        for (chunk, text) in self.chunks {
            match old.remove(&chunk) {
                Some(before) if before == text => {}
                Some(before) => {
                    gone.push(Inputs::quad(bucket_name, &before));
                    put.push(Inputs::quad(bucket_name, &text));
                }
                None => put.push(Inputs::quad(bucket_name, &text)),
            }
        }
        gone.extend(old.values().map(|t| Inputs::quad(bucket_name, t)));
        change.set(gone, put);
    }
}

/// Recomputes the buckets the `dirty` articles were in or are in now.
pub fn refresh(
    store: &Store,
    geo: &Geography,
    dirty: &BTreeSet<&str>,
    change: &mut Change,
) -> Result<Touched, Error> {
    let mut reader = Reader::new(store, geo);
    let derived = node(vocab::PROV_WAS_DERIVED_FROM);
    let bucket_p = isn(local::MERGE_BUCKET);
    let mut buckets: BTreeMap<String, Vec<EventReport>> = BTreeMap::new();
    for a in dirty {
        // the buckets the article's reports were in
        for m in subjects(store, &derived, &node(a).into(), EVENTS_GRAPH)? {
            for b in objects(store, &m, &bucket_p, Some(EVENTS_GRAPH))? {
                if let Some(b) = text_of(&b) {
                    buckets.entry(b).or_default();
                }
            }
        }
        // and the ones its reports are in now
        for r in reader.reports_of(a)? {
            buckets.entry(bucket(&r)).or_default().push(r);
        }
    }
    let same_as = node(vocab::OWL_SAME_AS);
    let mut touched = Touched {
        buckets: buckets.len(),
        ..Touched::default()
    };
    for (b, mut reports) in buckets {
        // the bucket's other reports: its cached merge inputs, from articles that
        // did not change (those of changed articles were read above, as they are now)
        let (old_inputs, inputs_before) = Inputs::stored(store, &b)?;
        // the bucket's merged events as stored: those its inputs name (every
        // merged event has a report, and every report an input)
        let mut members_before: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (report, event) in inputs_before {
            members_before
                .entry(event)
                .or_default()
                .insert(report.iri.clone());
            if !dirty.contains(report.article.as_str()) {
                reports.push(report);
            }
        }
        reports.sort();
        reports.dedup_by(|a, b| a.iri == b.iri);
        let merged = merge::consolidate(&reports);
        // an event with the same name and the same reports as before, none of them
        // from a changed article, is as it was: its quads and figures stay
        let mut kept: BTreeSet<&str> = BTreeSet::new();
        for m in &merged {
            let same = members_before.get(m.iri.as_str()).is_some_and(|before| {
                before.len() == m.reports.len()
                    && m.reports.iter().all(|&r| {
                        before.contains(&reports[r].iri)
                            && !dirty.contains(reports[r].article.as_str())
                    })
            });
            if same {
                kept.insert(m.iri.as_str());
            }
        }
        let mut old_quads = Vec::new();
        let mut old_figures = Vec::new();
        let before: BTreeSet<&str> = members_before.keys().map(String::as_str).collect();
        for &m in before.difference(&kept) {
            old_quads.extend(described(store, m, EVENTS_GRAPH)?);
            for q in store.quads_for_pattern(
                None,
                Some(same_as.as_ref()),
                Some(NamedNodeRef::new_unchecked(m).into()),
                Some(NamedNodeRef::new_unchecked(EVENTS_GRAPH).into()),
            ) {
                old_quads.push(q?);
            }
            old_figures.extend(figures::stored(store, m)?);
        }
        let changed: Vec<MergedEvent> = merged
            .iter()
            .filter(|m| !kept.contains(m.iri.as_str()))
            .cloned()
            .collect();
        let fresh: BTreeSet<&str> = merged.iter().map(|m| m.iri.as_str()).collect();
        touched.added += fresh.difference(&before).count();
        touched.removed += before.difference(&fresh).count();
        change.set(old_quads, event_quads(&b, &changed, &reports));
        change.set(old_figures, figures::compute(store, &changed, &reports)?);
        Inputs::of(&merged, &reports).replace(old_inputs, &b, change);
    }
    Ok(touched)
}

/// Every bucket, from every article's reports (nothing stored is read back).
///
/// Memory: an archive holds about seven reports per article, so the reports wait
/// for their bucket encoded as merge inputs (one string each, half the size of an
/// [`EventReport`] and one allocation instead of fifteen), and are decoded a
/// bucket at a time.
pub fn rebuild(
    store: &Store,
    geo: &Geography,
    articles: &BTreeSet<String>,
    change: &mut Change,
) -> Result<Touched, Error> {
    let mut reader = Reader::new(store, geo);
    let mut buckets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in articles {
        for r in reader.reports_of(a)? {
            buckets
                .entry(bucket(&r))
                .or_default()
                .push(encode_input(&r, ""));
        }
    }
    drop(reader);
    let mut touched = Touched {
        buckets: buckets.len(),
        ..Touched::default()
    };
    while let Some((b, encoded)) = buckets.pop_first() {
        let mut reports: Vec<EventReport> = encoded
            .iter()
            .filter_map(|e| decode_input(e).map(|(r, _)| r))
            .collect();
        drop(encoded);
        reports.sort();
        reports.dedup_by(|a, b| a.iri == b.iri);
        let merged = merge::consolidate(&reports);
        touched.added += merged.len();
        change.set(Vec::new(), event_quads(&b, &merged, &reports));
        change.set(Vec::new(), figures::compute(store, &merged, &reports)?);
        Inputs::of(&merged, &reports).replace(Inputs::default(), &b, change);
    }
    Ok(touched)
}

/// The quads describing a bucket's merged events, and the reports' links to them.
fn event_quads(bucket: &str, merged: &[MergedEvent], reports: &[EventReport]) -> Vec<Quad> {
    let g = EVENTS_GRAPH;
    let mut quads = Vec::new();
    let rdf_type = node(vocab::RDF_TYPE);
    let same_as = node(vocab::OWL_SAME_AS);
    let derived = node(vocab::PROV_WAS_DERIVED_FROM);
    for m in merged {
        let s = m.iri.as_str();
        quads.push(quad(s, &rdf_type, node(&m.class), g));
        if let Some(p) = &m.place {
            quads.push(quad(s, &isn(local::PLACE_P), node(p), g));
            // the places it lies within, as its place's report tells them (the
            // gazetteer's and its article's): "what happened in Hasakah" is then an
            // index lookup, not a path over every article's isn:locatedIn
            let within: BTreeSet<&str> = m
                .reports
                .iter()
                .map(|&r| &reports[r])
                .find(|r| r.place.as_deref() == Some(p.as_str()))
                .map(|r| {
                    r.within
                        .iter()
                        .map(|w| w.split('@').next().unwrap_or(w))
                        .filter(|w| *w != p.as_str())
                        .collect()
                })
                .unwrap_or_default();
            for w in within {
                quads.push(quad(s, &isn(local::PLACE_WITHIN), node(w), g));
            }
        }
        if let Some(d) = &m.date {
            let (datatype, precision) = match d.len() {
                4 => (xsd::G_YEAR, local::YEAR_PRECISION),
                7 => (xsd::G_YEAR_MONTH, local::MONTH_PRECISION),
                _ => (xsd::DATE, local::DAY_PRECISION),
            };
            quads.push(quad(
                s,
                &isn(local::DATE),
                Literal::new_typed_literal(d, datatype),
                g,
            ));
            quads.push(quad(s, &isn(local::DATE_PRECISION_P), isn(precision), g));
        }
        for a in &m.articles {
            quads.push(quad(s, &derived, node(a), g));
        }
        quads.push(quad(
            s,
            &isn(local::MERGE_REASON),
            Literal::new_simple_literal(&m.reason),
            g,
        ));
        quads.push(quad(
            s,
            &isn(local::MERGE_BUCKET),
            Literal::new_simple_literal(bucket),
            g,
        ));
        quads.push(quad(
            s,
            &isn(local::REPORT_COUNT),
            integer(m.reports.len()),
            g,
        ));
        for &r in &m.reports {
            quads.push(quad(&reports[r].iri, &same_as, node(s), g));
        }
    }
    quads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_inputs_decode_to_what_was_encoded() {
        let full = EventReport {
            iri: "https://w3id.org/isnad/id/a/e1".into(),
            article: "https://w3id.org/isnad/id/a".into(),
            class: "https://w3id.org/isnad/ontology#Attack".into(),
            place: Some("https://w3id.org/isnad/id/place/x".into()),
            place_key: Some(
                "https://w3id.org/isnad/id/place/x@https://w3id.org/isnad/id/place/y".into(),
            ),
            within: vec![
                "https://w3id.org/isnad/id/place/y".into(),
                "https://w3id.org/isnad/id/place/z".into(),
            ],
            region: Some("https://w3id.org/isnad/id/place/y".into()),
            date: Some("2022-01".into()),
            published: Some("2022-01-21\tnoon \\t\nnext line \\n".into()),
            agents: vec!["https://w3id.org/isnad/id/actor/isis".into()],
            targets: vec![
                "https://w3id.org/isnad/id/actor/sdf".into(),
                "https://w3id.org/isnad/id/actor/x".into(),
            ],
            setting: Setting::Area,
            era: Some("2021-12-01/2022-01-20".into()),
        };
        let bare = EventReport {
            iri: "https://w3id.org/isnad/id/b/e1".into(),
            article: "https://w3id.org/isnad/id/b".into(),
            class: "https://w3id.org/isnad/ontology#Clash".into(),
            ..EventReport::default()
        };
        for r in [full, bare] {
            let s = encode_input(&r, "https://w3id.org/isnad/id/event/m");
            assert_eq!(
                decode_input(&s),
                Some((r.clone(), "https://w3id.org/isnad/id/event/m".to_owned()))
            );
        }
        assert_eq!(decode_input("too\tfew"), None);
    }
}

//! Evaluation against gold annotations (format: `shared/gold/SCHEMA.md`).
//!
//! Matching rules, from the schema:
//! * entities: a predicted entity matches a gold entity when one of its spellings in
//!   the article (or its canonical Arabic label) equals one of the gold surface
//!   forms after normalisation; matching is one-to-one. Type agreement is reported
//!   separately (a gold `X_place` and `X` differ only in type).
//! * events: same type, and the place, an agent or a target agree through the
//!   entity alignment (or the gold event names none of them); one-to-one, best
//!   overlap first. A place agrees exactly, or at another granularity when one
//!   contains the other («the prison» and «Hasakah»): annotators and extractors pick
//!   the most specific place differently.
//! * claims: at three levels, each one-to-one: `number` (kind and count), `victim`
//!   (also the victim) and `attributed` (also the source: `article` or an aligned
//!   entity; an unnamed source counts as `article`, since the gold gives sources
//!   as entity ids and has none for anonymous sources).
//!
//! Scores are micro-averaged over all articles.

use crate::extract::claims::Victim;
use crate::extract::lexicon::{CountKind, EntityClass};
use crate::extract::numbers::Qualifier;
use crate::extract::recognise::Source;
use crate::extract::Extraction;
use crate::text::normalise;
use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub doc: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub class: String,
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub ar: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub class: String,
    #[serde(default)]
    pub agents: Vec<String>,
    #[serde(default)]
    pub targets: Vec<String>,
    #[serde(default)]
    pub place: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    pub event: String,
    pub kind: String,
    pub victim: String,
    pub count: Option<u64>,
    pub qualifier: String,
    pub source: String,
    #[serde(default)]
    pub quote: String,
}

/// Reads every `*.json` gold file in a directory, sorted by name.
pub fn read_gold_dir(dir: &Path) -> Result<Vec<GoldDoc>, Error> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
        let doc: GoldDoc = serde_json::from_str(&text).map_err(|e| Error::Gold {
            path: p.display().to_string(),
            reason: e.to_string(),
        })?;
        docs.push(doc);
    }
    Ok(docs)
}

/// True/false positives and false negatives of one measure.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    fn of(matched: usize, predicted: usize, gold: usize) -> Counts {
        Counts {
            tp: matched,
            fp: predicted - matched,
            fn_: gold - matched,
        }
    }
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of one article, with what was missed and what was spurious.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocScore {
    pub doc: String,
    pub entities: Counts,
    pub entities_typed: Counts,
    pub events: Counts,
    pub claims_number: Counts,
    pub claims_victim: Counts,
    pub claims_attributed: Counts,
    pub missed_entities: Vec<String>,
    pub spurious_entities: Vec<String>,
    pub wrong_types: Vec<String>,
    pub missed_events: Vec<String>,
    pub spurious_events: Vec<String>,
    pub missed_claims: Vec<String>,
    pub spurious_claims: Vec<String>,
    /// Predicted events (indices into the extraction's events) matched to gold
    /// events (their ids): what the merging score pairs across articles.
    #[serde(skip)]
    pub matched_events: Vec<(usize, String)>,
}

/// Gold type name of an entity class (the schema folds outlets into Organization).
fn gold_type(c: EntityClass) -> &'static str {
    match c {
        EntityClass::NewsOutlet => "Organization",
        c => c.local(),
    }
}

fn kind_name(k: CountKind) -> &'static str {
    match k {
        CountKind::Killed => "killed",
        CountKind::Injured => "injured",
        CountKind::Escaped => "escaped",
        CountKind::Captured => "captured",
        CountKind::Held => "held",
        CountKind::Attackers => "attackers",
        CountKind::Displaced => "displaced",
    }
}

pub fn qualifier_name(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::About => "about",
        Qualifier::AtLeast => "at_least",
        Qualifier::MoreThan => "more_than",
        Qualifier::UpTo => "up_to",
        Qualifier::LessThan => "less_than",
        Qualifier::Vague => "vague",
    }
}

/// A surface form as compared: normalised, without a leading article, since after
/// «ل» the article contracts («للتحالف» spells «التحالف»).
fn comparable(s: &str) -> String {
    let n = normalise(s);
    match n.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest.to_owned(),
        _ => n,
    }
}

/// Greedy one-to-one matching of candidate pairs, best score first (ties by index).
fn match_pairs(mut pairs: Vec<(i64, usize, usize)>) -> Vec<(usize, usize)> {
    pairs.sort_by_key(|&(score, p, g)| (std::cmp::Reverse(score), p, g));
    let (mut used_p, mut used_g) = (BTreeSet::new(), BTreeSet::new());
    let mut out = Vec::new();
    for (_, p, g) in pairs {
        if used_p.contains(&p) || used_g.contains(&g) {
            continue;
        }
        used_p.insert(p);
        used_g.insert(g);
        out.push((p, g));
    }
    out
}

pub fn score_doc(gold: &GoldDoc, x: &Extraction) -> DocScore {
    let rec = &x.recognition;
    let mut score = DocScore {
        doc: gold.doc.clone(),
        ..DocScore::default()
    };

    // Entities mentioned (named, not anonymous sources).
    let mut forms: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for m in rec.mentions.iter().filter(|m| !m.anaphor) {
        let e = &rec.entities[m.entity];
        if e.class == EntityClass::UnnamedSource {
            continue;
        }
        let f = forms.entry(m.entity).or_default();
        f.insert(comparable(x.original(m.span.clone())));
        f.insert(comparable(&e.label_ar));
    }
    let predicted: Vec<usize> = forms.keys().copied().collect();
    let gold_forms: Vec<BTreeSet<String>> = gold
        .entities
        .iter()
        .map(|g| g.ar.iter().map(|s| comparable(s)).collect())
        .collect();
    let mut pairs = Vec::new();
    for (pi, p) in predicted.iter().enumerate() {
        for (gi, g) in gold.entities.iter().enumerate() {
            let overlap = forms[p].intersection(&gold_forms[gi]).count() as i64;
            if overlap > 0 {
                let typed = i64::from(gold_type(rec.entities[*p].class) == g.class);
                pairs.push((overlap * 2 + typed, pi, gi));
            }
        }
    }
    let matched = match_pairs(pairs);
    let mut align: BTreeMap<usize, &str> = BTreeMap::new();
    let mut typed = 0;
    for &(pi, gi) in &matched {
        let e = &rec.entities[predicted[pi]];
        align.insert(predicted[pi], &gold.entities[gi].id);
        if gold_type(e.class) == gold.entities[gi].class {
            typed += 1;
        } else {
            score.wrong_types.push(format!(
                "{} ({}, gold {})",
                gold.entities[gi].id,
                gold_type(e.class),
                gold.entities[gi].class
            ));
        }
    }
    // Unnamed sources («مصدر أمني») are no entities by the schema, but some gold
    // files list them as such: a phrase that equals the forms of a gold entity left
    // unmatched is that entity (a match, and typed: the gold calls them
    // Organization); one the gold does not list costs nothing.
    let mut matched_g: BTreeSet<usize> = matched.iter().map(|m| m.1).collect();
    let mut unnamed_align: BTreeMap<String, &str> = BTreeMap::new();
    let phrases: BTreeSet<String> = x
        .claims
        .iter()
        .map(|c| &c.source)
        .chain(x.events.iter().map(|e| &e.source))
        .filter_map(|s| match s {
            Source::Unnamed(span) => Some(x.norm.norm[span.clone()].to_owned()),
            _ => None,
        })
        .collect();
    for phrase in phrases {
        let form = comparable(&phrase);
        let hit = (0..gold.entities.len())
            .find(|gi| !matched_g.contains(gi) && gold_forms[*gi].contains(&form));
        if let Some(gi) = hit {
            matched_g.insert(gi);
            unnamed_align.insert(phrase, &gold.entities[gi].id);
        }
    }
    let n_unnamed = unnamed_align.len();
    score.entities = Counts::of(
        matched.len() + n_unnamed,
        predicted.len() + n_unnamed,
        gold.entities.len(),
    );
    score.entities_typed = Counts::of(
        typed + n_unnamed,
        predicted.len() + n_unnamed,
        gold.entities.len(),
    );
    let matched_p: BTreeSet<usize> = matched.iter().map(|m| m.0).collect();
    for (gi, g) in gold.entities.iter().enumerate() {
        if !matched_g.contains(&gi) {
            score
                .missed_entities
                .push(format!("{} {} «{}»", g.id, g.class, g.ar.join("|")));
        }
    }
    for (pi, p) in predicted.iter().enumerate() {
        if !matched_p.contains(&pi) {
            let e = &rec.entities[*p];
            let f: Vec<_> = forms[p].iter().cloned().collect();
            score.spurious_entities.push(format!(
                "{} {} «{}»",
                e.iri,
                e.class.local(),
                f.join("|")
            ));
        }
    }
    let gold_id = |e: usize| align.get(&e).copied();
    let by_gold: BTreeMap<&str, usize> = align.iter().map(|(&e, &g)| (g, e)).collect();

    // Events.
    let mut pairs = Vec::new();
    for (pi, ev) in x.events.iter().enumerate() {
        for (gi, g) in gold.events.iter().enumerate() {
            if ev.class.local() != g.class {
                continue;
            }
            // the place agrees exactly (2), or at another granularity: one contains
            // the other, as «the prison» and «Hasakah» (1)
            let exact = ev
                .place
                .and_then(gold_id)
                .is_some_and(|p| Some(p) == g.place.as_deref());
            let nested = ev
                .place
                .zip(g.place.as_deref().and_then(|gp| by_gold.get(gp).copied()))
                .is_some_and(|(p, gp)| rec.within(p, gp) || rec.within(gp, p));
            let place = if exact { 2 } else { i64::from(nested) };
            let agents = ev
                .agents
                .iter()
                .filter(|a| gold_id(**a).is_some_and(|id| g.agents.iter().any(|x| x == id)))
                .count() as i64;
            let targets = ev
                .targets
                .iter()
                .filter(|t| gold_id(**t).is_some_and(|id| g.targets.iter().any(|x| x == id)))
                .count() as i64;
            let unconstrained = g.place.is_none() && g.agents.is_empty() && g.targets.is_empty();
            let s = place + agents + targets;
            if s > 0 || unconstrained {
                pairs.push((s, pi, gi));
            }
        }
    }
    let matched = match_pairs(pairs);
    score.events = Counts::of(matched.len(), x.events.len(), gold.events.len());
    score.matched_events = matched
        .iter()
        .map(|&(pi, gi)| (pi, gold.events[gi].id.clone()))
        .collect();
    let mg: BTreeSet<usize> = matched.iter().map(|m| m.1).collect();
    let mp: BTreeSet<usize> = matched.iter().map(|m| m.0).collect();
    for (gi, g) in gold.events.iter().enumerate() {
        if !mg.contains(&gi) {
            score.missed_events.push(format!(
                "{} {} place={:?} agents={:?}",
                g.id, g.class, g.place, g.agents
            ));
        }
    }
    for (pi, ev) in x.events.iter().enumerate() {
        if !mp.contains(&pi) {
            let place = ev.place.map(|p| rec.entities[p].label_ar.clone());
            score.spurious_events.push(format!(
                "{} «{}» place={place:?}",
                ev.class.local(),
                x.original(ev.trigger.clone())
            ));
        }
    }

    // Claims, at three levels of agreement.
    let victim_id = |v: &Victim| -> Option<String> {
        match v {
            Victim::Civilians => Some("civilians".into()),
            Victim::Everyone => Some("total".into()),
            Victim::Entity(e) => gold_id(*e).map(str::to_owned),
        }
    };
    let source_id = |s: &Source| -> Option<String> {
        match s {
            Source::Article => Some("article".into()),
            Source::Entity(e) => gold_id(*e).map(str::to_owned),
            // the schema's sources are entity ids, and anonymous sources are not
            // entities there («مصادر محلية» has no id): the gold can only say
            // `article` for them, so that is what an unnamed source is scored as,
            // unless the gold lists the phrase as an entity (above)
            Source::Unnamed(span) => Some(
                unnamed_align
                    .get(&x.norm.norm[span.clone()])
                    .map_or("article", |id| id)
                    .to_owned(),
            ),
        }
    };
    let level = |need_victim: bool, need_source: bool| {
        let mut pairs = Vec::new();
        for (pi, c) in x.claims.iter().enumerate() {
            for (gi, g) in gold.claims.iter().enumerate() {
                if kind_name(c.kind) != g.kind || c.count != g.count {
                    continue;
                }
                let v = victim_id(&c.victim).is_some_and(|v| v == g.victim);
                let s = source_id(&c.source).is_some_and(|s| s == g.source);
                if (need_victim && !v) || (need_source && !s) {
                    continue;
                }
                let q = i64::from(qualifier_name(c.qualifier) == g.qualifier);
                pairs.push((i64::from(v) * 4 + i64::from(s) * 2 + q, pi, gi));
            }
        }
        match_pairs(pairs)
    };
    let n = level(false, false);
    score.claims_number = Counts::of(n.len(), x.claims.len(), gold.claims.len());
    score.claims_victim = Counts::of(level(true, false).len(), x.claims.len(), gold.claims.len());
    let full = level(true, true);
    score.claims_attributed = Counts::of(full.len(), x.claims.len(), gold.claims.len());
    let mg: BTreeSet<usize> = full.iter().map(|m| m.1).collect();
    let mp: BTreeSet<usize> = full.iter().map(|m| m.0).collect();
    for (gi, g) in gold.claims.iter().enumerate() {
        if !mg.contains(&gi) {
            score.missed_claims.push(format!(
                "{} {:?} {} victim={} source={} «{}»",
                g.kind, g.count, g.qualifier, g.victim, g.source, g.quote
            ));
        }
    }
    for (pi, c) in x.claims.iter().enumerate() {
        if !mp.contains(&pi) {
            score.spurious_claims.push(format!(
                "{} {:?} {} victim={} source={} «{}»",
                kind_name(c.kind),
                c.count,
                qualifier_name(c.qualifier),
                victim_id(&c.victim).unwrap_or_else(|| format!("{:?}", c.victim)),
                source_id(&c.source).unwrap_or_else(|| format!("{:?}", c.source)),
                x.original(c.span.clone())
            ));
        }
    }
    score
}

/// Totals over all articles.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub docs: Vec<DocScore>,
    pub entities: Counts,
    pub entities_typed: Counts,
    pub events: Counts,
    pub claims_number: Counts,
    pub claims_victim: Counts,
    pub claims_attributed: Counts,
    /// Merging across articles, when it was scored.
    pub merging: Option<MergeScore>,
}

impl Report {
    pub fn add(&mut self, d: DocScore) {
        self.entities.add(d.entities);
        self.entities_typed.add(d.entities_typed);
        self.events.add(d.events);
        self.claims_number.add(d.claims_number);
        self.claims_victim.add(d.claims_victim);
        self.claims_attributed.add(d.claims_attributed);
        self.docs.push(d);
    }

    /// The measures in display order.
    pub fn measures(&self) -> [(&'static str, Counts); 6] {
        [
            ("entities", self.entities),
            ("entities (typed)", self.entities_typed),
            ("events", self.events),
            ("claims: number", self.claims_number),
            ("claims: +victim", self.claims_victim),
            ("claims: +source", self.claims_attributed),
        ]
    }
}

/// One event report as the merging score sees it: its article, the gold event it
/// was matched to, and the merged event it was put in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MergedReport {
    /// The report's IRI.
    pub iri: String,
    pub article: String,
    pub gold: Option<String>,
    pub merged: String,
}

/// How well reports were merged across articles, scored on pairs of reports from
/// different articles that were both matched to gold events: a pair belongs
/// together when the gold ids are equal (gold files share ids for one incident).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct MergeScore {
    /// Pairs put in one merged event that belong together (tp), that do not (fp),
    /// and pairs that belong together but were kept apart (fn).
    pub pairs: Counts,
    /// The pairs' precision, recall and F1.
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Reports matched to a gold event (the ones the pairs are made of).
    pub matched_reports: usize,
    /// Merged events holding reports of two or more articles.
    pub cross_article_merges: usize,
    /// Of those, the ones holding matched reports of different articles whose
    /// gold events differ (a wrong merge).
    pub wrong_cross_article_merges: usize,
    /// The pairs kept apart that belong together, and the pairs put together
    /// that do not: `report (gold id) + report (gold id)`.
    pub missed_pairs: Vec<String>,
    pub wrong_pairs: Vec<String>,
}

/// Scores merging from every report's article, gold event (if matched) and
/// merged event. Order-independent.
pub fn score_merging(reports: &[MergedReport]) -> MergeScore {
    let mut score = MergeScore::default();
    let mut matched: Vec<&MergedReport> = reports.iter().filter(|r| r.gold.is_some()).collect();
    matched.sort();
    score.matched_reports = matched.len();
    for (i, a) in matched.iter().enumerate() {
        for b in &matched[i + 1..] {
            if a.article == b.article {
                continue;
            }
            let short = |iri: &str| {
                let s = iri.strip_prefix(crate::vocab::ID).unwrap_or(iri);
                s.strip_prefix("article/").unwrap_or(s).to_owned()
            };
            let pair = || {
                format!(
                    "{} ({}) + {} ({})",
                    short(&a.iri),
                    a.gold.as_deref().unwrap_or_default(),
                    short(&b.iri),
                    b.gold.as_deref().unwrap_or_default()
                )
            };
            match (a.gold == b.gold, a.merged == b.merged) {
                (true, true) => score.pairs.tp += 1,
                (false, true) => {
                    score.pairs.fp += 1;
                    score.wrong_pairs.push(pair());
                }
                (true, false) => {
                    score.pairs.fn_ += 1;
                    score.missed_pairs.push(pair());
                }
                (false, false) => {}
            }
        }
    }
    score.precision = score.pairs.precision();
    score.recall = score.pairs.recall();
    score.f1 = score.pairs.f1();
    let mut by_event: BTreeMap<&str, Vec<&MergedReport>> = BTreeMap::new();
    for r in reports {
        by_event.entry(&r.merged).or_default().push(r);
    }
    for members in by_event.values() {
        let articles: BTreeSet<&str> = members.iter().map(|r| r.article.as_str()).collect();
        if articles.len() < 2 {
            continue;
        }
        score.cross_article_merges += 1;
        let wrong = members.iter().enumerate().any(|(i, a)| {
            members[i + 1..].iter().any(|b| {
                a.article != b.article && a.gold.is_some() && b.gold.is_some() && a.gold != b.gold
            })
        });
        score.wrong_cross_article_merges += usize::from(wrong);
    }
    score
}

/// Scores merging as `isnad ingest` merges: every article scored goes into a
/// throwaway in-memory store, whose derived events graph is then read back.
#[cfg(feature = "store")]
pub struct MergeEval {
    store: crate::store::Store,
    docs: Vec<ScoredDoc>,
}

/// (article IRI, number of event reports, matched (report index, gold id))
#[cfg(feature = "store")]
type ScoredDoc = (String, usize, Vec<(usize, String)>);

#[cfg(feature = "store")]
impl MergeEval {
    /// A store with the reference graphs (and the extra gazetteers) loaded.
    pub fn new(extra: &[(String, String)]) -> Result<MergeEval, Error> {
        let store = crate::store::Store::in_memory()?;
        store.load_reference_graphs(extra)?;
        Ok(MergeEval {
            store,
            docs: Vec::new(),
        })
    }

    /// Adds one scored article.
    pub fn add(
        &mut self,
        x: &Extraction,
        lex: &crate::extract::lexicon::Lexicon,
        score: &DocScore,
    ) -> Result<(), Error> {
        let quads = crate::rdf::article_quads(x, lex);
        self.store.put_articles(&[crate::store::ArticleGraph {
            iri: &x.iri,
            sha256: &x.sha256,
            quads: &quads,
        }])?;
        self.docs
            .push((x.iri.clone(), x.events.len(), score.matched_events.clone()));
        Ok(())
    }

    /// Merges and scores.
    pub fn finish(self) -> Result<MergeScore, Error> {
        use oxigraph::model::Term;
        self.store.refresh_derived()?;
        let merged_of: std::collections::HashMap<String, String> = self
            .store
            .select(&format!(
                "SELECT ?r ?e WHERE {{ GRAPH <{}> {{ ?r <{}> ?e }} }}",
                crate::store::EVENTS_GRAPH,
                crate::vocab::OWL_SAME_AS
            ))?
            .into_iter()
            .filter_map(|row| match (row.first(), row.get(1)) {
                (Some(Some(Term::NamedNode(r))), Some(Some(Term::NamedNode(e)))) => {
                    Some((r.as_str().to_owned(), e.as_str().to_owned()))
                }
                _ => None,
            })
            .collect();
        let mut reports = Vec::new();
        for (iri, n_events, matched) in &self.docs {
            for i in 0..*n_events {
                // the report IRIs `rdf::article_quads` writes
                let r = format!("{iri}/event/{}", i + 1);
                reports.push(MergedReport {
                    iri: r.clone(),
                    article: iri.clone(),
                    gold: matched.iter().find(|m| m.0 == i).map(|m| m.1.clone()),
                    // a report the merge left out is an event of its own
                    merged: merged_of.get(&r).cloned().unwrap_or(r),
                });
            }
        }
        Ok(score_merging(&reports))
    }
}

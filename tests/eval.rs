//! The scorer (`isnad::eval`) on an article written for this test and gold
//! annotations written by hand: what matches at each level, and how anonymous
//! sources are scored whether the gold lists them as entities or credits the
//! article.

mod common;
use common::extract_text as run;

use isnad::eval::{score_doc, Counts, GoldDoc};

const TEXT: &str = "هجوم على حاجز للجيش في كركوك\n\
قال مصدر أمني إن خمسة جنود قتلوا في هجوم شنه تنظيم داعش على حاجز للجيش العراقي في كركوك.";

fn gold(json: &str) -> GoldDoc {
    serde_json::from_str(json).expect("gold parses")
}

/// The entities, the event, and a claim credited to «مصدر أمني», with the source
/// given as `source` and, when `listed`, the phrase listed among the entities.
fn gold_with_source(source: &str, listed: bool) -> GoldDoc {
    let extra = if listed {
        r#",{"id": "security_source", "type": "Organization", "ar": ["مصدر أمني"]}"#
    } else {
        ""
    };
    gold(&format!(
        r#"{{"doc": "test.txt",
        "entities": [
          {{"id": "isis", "type": "ArmedGroup", "ar": ["داعش", "تنظيم داعش"]}},
          {{"id": "iraqi_army", "type": "StateForce", "ar": ["الجيش العراقي", "الجيش"]}},
          {{"id": "kirkuk", "type": "City", "ar": ["كركوك"]}}{extra}
        ],
        "events": [
          {{"id": "e1", "type": "Attack", "agents": ["isis"], "targets": ["iraqi_army"], "place": "kirkuk"}}
        ],
        "claims": [
          {{"event": "e1", "kind": "killed", "victim": "iraqi_army", "count": 5,
           "qualifier": "exact", "source": "{source}"}}
        ]}}"#
    ))
}

fn tp(c: Counts) -> (usize, usize, usize) {
    (c.tp, c.fp, c.fn_)
}

#[test]
fn a_fully_right_extraction_scores_every_level() {
    let s = score_doc(&gold_with_source("article", false), &run(TEXT));
    assert_eq!(tp(s.entities), (3, 0, 0), "{:?}", s.spurious_entities);
    assert_eq!(tp(s.entities_typed), (3, 0, 0), "{:?}", s.wrong_types);
    assert_eq!(tp(s.events), (1, 0, 0), "{:?}", s.spurious_events);
    assert_eq!(tp(s.claims_number), (1, 0, 0));
    assert_eq!(tp(s.claims_victim), (1, 0, 0));
    // an anonymous source the gold does not list is scored as the article
    assert_eq!(tp(s.claims_attributed), (1, 0, 0), "{:?}", s.missed_claims);
}

#[test]
fn an_anonymous_source_the_gold_lists_is_that_entity() {
    let s = score_doc(&gold_with_source("security_source", true), &run(TEXT));
    assert_eq!(tp(s.entities), (4, 0, 0), "{:?}", s.missed_entities);
    assert_eq!(tp(s.claims_attributed), (1, 0, 0), "{:?}", s.missed_claims);
}

#[test]
fn a_wrong_source_or_victim_fails_only_its_level() {
    // the gold credits someone the article never names: number and victim still match
    let s = score_doc(&gold_with_source("isis", false), &run(TEXT));
    assert_eq!(tp(s.claims_victim), (1, 0, 0));
    assert_eq!(tp(s.claims_attributed), (0, 1, 1));
    // once the gold lists the phrase as an entity, the phrase is that entity, and
    // a gold claim crediting the article no longer matches it
    let s = score_doc(&gold_with_source("article", true), &run(TEXT));
    assert_eq!(tp(s.entities), (4, 0, 0));
    assert_eq!(tp(s.claims_attributed), (0, 1, 1));
}

/// (iri, article, gold event, merged event)
fn merged(rows: &[(&str, &str, Option<&str>, &str)]) -> Vec<isnad::eval::MergedReport> {
    rows.iter()
        .map(|&(iri, article, gold, merged)| isnad::eval::MergedReport {
            iri: iri.into(),
            article: article.into(),
            gold: gold.map(str::to_owned),
            merged: merged.into(),
        })
        .collect()
}

#[test]
fn merging_is_scored_on_pairs_of_matched_reports_from_different_articles() {
    let score = isnad::eval::score_merging(&merged(&[
        // one incident told by A, B and C: A and B merged, C kept apart
        ("a1", "A", Some("attack"), "m1"),
        ("b1", "B", Some("attack"), "m1"),
        ("c1", "C", Some("attack"), "m2"),
        // another incident glued to the first
        ("d1", "D", Some("bombing"), "m1"),
        // reports of one article are never a pair, and unmatched ones are no pair
        ("a2", "A", Some("bombing"), "m3"),
        ("e1", "E", None, "m3"),
    ]));
    // pairs: a1+b1 right; a1+c1, b1+c1 missed; a1+d1, b1+d1 wrong; a2+d1 missed
    assert_eq!(tp(score.pairs), (1, 2, 3));
    assert!((score.precision - 1.0 / 3.0).abs() < 1e-9 && (score.recall - 0.25).abs() < 1e-9);
    assert_eq!(score.matched_reports, 5);
    // m1 (A, B, D) wrongly, m3 (A, E) with nothing to tell it wrong
    assert_eq!(score.cross_article_merges, 2);
    assert_eq!(score.wrong_cross_article_merges, 1);
    assert_eq!(score.wrong_pairs.len(), 2);
    assert!(
        score
            .missed_pairs
            .contains(&"a1 (attack) + c1 (attack)".to_owned()),
        "{:?}",
        score.missed_pairs
    );
}

#[test]
fn merging_of_incidents_that_no_one_merged_scores_no_false_pair() {
    let score = isnad::eval::score_merging(&merged(&[
        ("a1", "A", Some("x"), "m1"),
        ("b1", "B", Some("y"), "m2"),
    ]));
    assert_eq!(tp(score.pairs), (0, 0, 0));
    assert_eq!(score.cross_article_merges, 0);
}

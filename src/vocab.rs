//! Vocabulary: every IRI isnad writes, in one place.
//!
//! The names here are a public contract (users' queries and outside checkers rely
//! on them): extend freely, never rename or drop. A test checks that every
//! `isn:` term below is declared in `ontology/isnad.ttl`.

/// The ontology namespace.
pub const ISN: &str = "https://w3id.org/isnad/ontology#";
/// The namespace of resources isnad mints (articles, events, claims, entities).
pub const ID: &str = "https://w3id.org/isnad/id/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SCHEMA: &str = "https://schema.org/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const GEO: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const WD: &str = "http://www.wikidata.org/entity/";

/// Prefixes used when writing Turtle/TriG and accepted in SPARQL queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("isn", ISN),
    ("id", ID),
    ("prov", PROV),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("geo", GEO),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("wd", WD),
];

/// The named graph that holds the gazetteer (known entities) in a store.
pub const GAZETTEER_GRAPH: &str = "https://w3id.org/isnad/id/graph/gazetteer";

macro_rules! terms {
    ($ns:ident; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: &str = concat!($local);)*
        /// Every local name of this namespace declared here (for the ontology check).
        pub const ALL: &[&str] = &[$($local),*];
    };
}

/// Local names in the `isn:` namespace. Use [`isn`] to build full IRIs.
pub mod local {
    terms! { ISN;
        // classes
        ACTOR = "Actor", PERSON = "Person", ORGANIZATION = "Organization",
        ARMED_GROUP = "ArmedGroup", STATE_FORCE = "StateForce", COALITION = "Coalition",
        GOVERNMENT = "Government", NEWS_OUTLET = "NewsOutlet", UNNAMED_SOURCE = "UnnamedSource",
        COLLECTIVE_VICTIM = "CollectiveVictim",
        PLACE = "Place", COUNTRY = "Country", REGION = "Region", CITY = "City",
        NEIGHBORHOOD = "Neighborhood", VILLAGE = "Village", FACILITY = "Facility",
        EVENT = "Event", ATTACK = "Attack", BOMBING = "Bombing", ARMED_CLASH = "ArmedClash",
        AIRSTRIKE = "Airstrike", PRISON_BREAK = "PrisonBreak", MUTINY = "Mutiny", ARREST = "Arrest",
        KILLING = "Killing", DISPLACEMENT = "Displacement", STATEMENT = "Statement",
        MEETING = "Meeting", DEPLOYMENT = "Deployment", INVESTIGATION = "Investigation",
        CLAIM = "Claim", COUNT_CLAIM = "CountClaim", ARTICLE = "Article",
        COUNT_KIND = "CountKind", QUALIFIER = "Qualifier", STANCE = "Stance",
        EVENT_STATUS = "EventStatus", DATE_PRECISION = "DatePrecision",
        // individuals
        KILLED = "Killed", INJURED = "Injured", ESCAPED = "Escaped", CAPTURED = "Captured",
        HELD = "Held", ATTACKERS = "Attackers", DISPLACED = "Displaced",
        EXACT = "Exact", ABOUT_Q = "About", AT_LEAST = "AtLeast", MORE_THAN = "MoreThan",
        UP_TO = "UpTo", LESS_THAN = "LessThan", VAGUE = "Vague",
        CIVILIANS = "Civilians", EVERYONE = "Everyone",
        ASSERTED = "Asserted", DENIED = "Denied", DISPUTED = "Disputed",
        OCCURRED = "Occurred", FOILED = "Foiled", REFUTED = "Refuted", ATTEMPTED = "Attempted",
        POSSIBLE = "Possible",
        DAY_PRECISION = "DayPrecision", MONTH_PRECISION = "MonthPrecision",
        YEAR_PRECISION = "YearPrecision",
        // properties
        LOCATED_IN = "locatedIn", AGENT = "agent", TARGET = "target", PLACE_P = "place",
        DATE = "date", DATE_PRECISION_P = "datePrecision", SUB_EVENT_OF = "subEventOf",
        STATUS = "status", TRIGGER = "trigger", ABOUT = "about", COUNT_KIND_P = "countKind",
        COUNT = "count", QUALIFIER_P = "qualifier", VICTIM = "victim", STANCE_P = "stance",
        MENTIONED_AS = "mentionedAs", QUOTE = "quote", START = "start", END = "end",
        SHA256 = "sha256", ROLE = "role", SPEAKS_FOR = "speaksFor", MEMBER_OF = "memberOf",
        SOURCE_KIND = "sourceKind", ANAPHOR = "anaphor", CITED_AS = "citedAs",
        MERGE_REASON = "mergeReason", PART_OF = "partOf", CAPITAL_OF = "capitalOf",
        TEXT = "text",
        // derived graphs (src/derived/): merged events, figure groups, counts, markers
        FIGURE_GROUP = "FigureGroup", FIGURE = "Figure",
        MERGE_BUCKET = "mergeBucket", REPORT_COUNT = "reportCount", PLACE_WITHIN = "placeWithin",
        FIGURES_OF = "figuresOf", GROUP_KIND = "groupKind", GROUP_VICTIM = "groupVictim",
        DISTINCT_FIGURES = "distinctFigures", CONTESTED = "contested",
        EVENT_CLASS_NAME = "eventClassName", PLACE_LABEL = "placeLabel", VICTIM_LABEL = "victimLabel",
        IN_GROUP = "inGroup", FIGURE_CLAIM = "figureClaim", FIGURE_TEXT = "figureText", FIGURE_VALUE = "figureValue",
        SOURCE_COUNT = "sourceCount", SOURCE_NAMES = "sourceNames", ARTICLE_NAMES = "articleNames",
        ENTITY_COUNT = "entityCount", EVENT_COUNT = "eventCount", CLAIM_COUNT = "claimCount",
        ARTICLE_COUNT = "articleCount", MENTION_FORMS = "mentionForms",
        DISPLAY_LABEL = "displayLabel", DISPLAY_CLASS = "displayClass",
        FORM_OF = "formOf", FORM_TEXT = "formText", FORM_ARTICLE_COUNT = "formArticleCount",
        MERGED_EVENT_COUNT = "mergedEventCount", DERIVED_FINGERPRINT = "derivedFingerprint",
        PENDING_REFRESH = "pendingRefresh", PENDING_MENTION = "pendingMention",
        MERGE_INPUT = "mergeInput",
        SOURCE_TALLY = "SourceTally", TALLY_OF = "tallyOf", TALLY_SOURCE = "tallySource",
        CREDITED_CLAIMS = "creditedClaims", CREDITED_EVENTS = "creditedEvents",
        // lexicon annotation properties (ontology/lexicon.ttl)
        TRIGGER_TERM = "triggerTerm", CUE_TERM = "cueTerm", VICTIM_TERM = "victimTerm",
        DEMONYM_TERM = "demonymTerm",
        VERB_TERM = "verbTerm",
        REPORTING_TERM = "reportingTerm",
        PLACE_CUE = "placeCue", PLACE_LIST_CUE = "placeListCue", PERSON_CUE = "personCue", ORGANIZATION_CUE = "organizationCue",
        UNIT_CUE = "unitCue",
        SOURCE_TERM = "sourceTerm", NON_EVENT_TERM = "nonEventTerm", PATTERN_TERM = "patternTerm", SEIZURE_TERM = "seizureTerm",
        PART_HEAD = "partHead", FEATURE_HEAD = "featureHead", DIRECTION_HEAD = "directionHead",
        ROUTE_HEAD = "routeHead", UNIT_HEAD = "unitHead", DIRECTION_TERM = "directionTerm",
        FLIGHT_TERM = "flightTerm", CUSTODY_TERM = "custodyTerm", GENERIC_TERM = "genericTerm",
        CAPTURE_TERM = "captureTerm", DEFEAT_TERM = "defeatTerm",
        DECLARATION_TERM = "declarationTerm", NEWS_TERM = "newsTerm", VISIT_TERM = "visitTerm",
    }
}

/// Full IRI of an `isn:` term, e.g. `isn(local::ATTACK)`.
pub fn isn(local: &str) -> String {
    format!("{ISN}{local}")
}

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const RDFS_SUBCLASS_OF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
pub const RDFS_SEE_ALSO: &str = "http://www.w3.org/2000/01/rdf-schema#seeAlso";
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
pub const PROV_WAS_ATTRIBUTED_TO: &str = "http://www.w3.org/ns/prov#wasAttributedTo";
pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
pub const SCHEMA_IDENTIFIER: &str = "https://schema.org/identifier";
pub const SCHEMA_URL: &str = "https://schema.org/url";
pub const SCHEMA_HEADLINE: &str = "https://schema.org/headline";
pub const SCHEMA_DATE_PUBLISHED: &str = "https://schema.org/datePublished";
pub const SCHEMA_PUBLISHER: &str = "https://schema.org/publisher";
pub const GEO_LAT: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#lat";
pub const GEO_LONG: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#long";

/// Makes one IRI path segment from arbitrary text: deterministic and readable
/// (Arabic letters are kept: IRIs allow them), spaces become `_`, and characters
/// that are not allowed or would be ambiguous are percent-encoded.
pub fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '.' | '_' | '~' => out.push(c),
            ' ' => out.push('_'),
            c if !c.is_ascii() && c.is_alphanumeric() => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// `https://w3id.org/isnad/ontology#Attack` → `isn:Attack`.
pub fn compact_iri(iri: &str) -> String {
    for (prefix, ns) in PREFIXES {
        if let Some(rest) = iri.strip_prefix(ns) {
            if !rest.is_empty() && !rest.contains(['/', '#']) {
                return format!("{prefix}:{rest}");
            }
        }
    }
    format!("<{iri}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_isn_term_is_declared_in_the_ontology() {
        use oxrdfio::{RdfFormat, RdfParser};
        let mut declared = std::collections::BTreeSet::new();
        for ttl in [
            crate::extract::lexicon::ONTOLOGY_TTL,
            crate::extract::lexicon::LEXICON_TTL,
        ] {
            for q in RdfParser::from_format(RdfFormat::Turtle).for_reader(ttl.as_bytes()) {
                let q = q.expect("ontology parses");
                if q.predicate.as_str() == RDF_TYPE {
                    declared.insert(q.subject.to_string());
                }
            }
        }
        for name in local::ALL {
            assert!(
                declared.contains(&format!("<{}>", isn(name))),
                "isn:{name} is used by isnad but not declared (with rdf:type) in ontology/"
            );
        }
    }

    #[test]
    fn iri_segments_are_readable_and_safe() {
        let cases = [
            ("report-17.txt", "report-17.txt"),
            ("كارل هاريس", "كارل_هاريس"),
            ("a/b?c", "a%2Fb%3Fc"),
            ("", "_"),
        ];
        for (input, want) in cases {
            assert_eq!(iri_segment(input), want, "{input}");
        }
    }
}

//! Lexicon: everything isnad knows before it reads an article, loaded as data.
//!
//! Three embedded Turtle files feed it, and users may add more with `--gazetteer`:
//! * `ontology/gazetteer.ttl`: known actors, places and sources (labels, spellings,
//!   types, `isn:locatedIn`, `isn:anaphor` back-reference nouns, `isn:citedAs`
//!   names valid only where the article credits the entity);
//! * `ontology/geonames.ttl`: towns and villages of Syria and Iraq imported from
//!   GeoNames by `scripts/import-geonames` (hand-written entries take precedence there);
//! * `ontology/lexicon.ttl`: cue words attached to ontology terms: event triggers on
//!   event classes, count cues on count kinds, victim nouns, reporting verbs on
//!   stances, status cues (foiled, attempted …), entity cue nouns, the heads and
//!   direction adjectives of compound places, idioms that hold a trigger but report
//!   no event, words of finding or seizing weapons, military unit nouns, and the
//!   words that tell which event a trigger reports (fleeing, custody, taking ground,
//!   defeat, generic triggers, declarations and the news they announce).
//!
//! Extraction code holds no entity names and no cue words: it asks the lexicon.
//!
//! All terms are normalised with [`crate::text::normalise`] and compiled into one
//! Aho-Corasick automaton, so an article is scanned once for every kind of term.
//! [`Lexicon::scan`] keeps only hits that sit on word boundaries, allowing a legal
//! proclitic prefix (و ف ب ل ك ال and their combinations; before a verb of
//! `isn:verbTerm` or a reporting frame only و ف) before the term and, for
//! cue words only, a short inflectional suffix after it (after a two-letter word
//! only a verb ending: «فرت» is «فر», «فرات» is not).
//!
//! Invariant: hits are byte ranges of the normalised text that start after the
//! proclitic prefix, so a hit's original slice is the word as written minus its
//! clitics.

use crate::hash::FastMap;
use crate::text::{self, Token};
use crate::vocab::{self, local};
use crate::Error;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use oxrdf::{Literal, NamedOrBlankNode, Term as RdfTerm};
use oxrdfio::{RdfFormat, RdfParser};
use std::collections::BTreeMap;
use std::ops::Range;

/// The embedded ontology, gazetteer and lexicon (the binary works from any directory).
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/isnad.ttl");
pub const GAZETTEER_TTL: &str = include_str!("../../ontology/gazetteer.ttl");
pub const GEONAMES_TTL: &str = include_str!("../../ontology/geonames.ttl");
pub const LEXICON_TTL: &str = include_str!("../../ontology/lexicon.ttl");

macro_rules! local_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $local:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// Local name in the `isn:` namespace.
            pub fn local(self) -> &'static str { match self { $($name::$variant => $local),* } }
            pub fn iri(self) -> String { vocab::isn(self.local()) }
            pub fn from_local(s: &str) -> Option<$name> {
                match s { $($local => Some($name::$variant),)* _ => None }
            }
        }
    };
}

local_enum! {
    /// The classes of things isnad recognises in text.
    EntityClass {
        Person = "Person", Organization = "Organization", ArmedGroup = "ArmedGroup",
        StateForce = "StateForce", Coalition = "Coalition", Government = "Government",
        NewsOutlet = "NewsOutlet", UnnamedSource = "UnnamedSource",
        Country = "Country", Region = "Region", City = "City", Neighborhood = "Neighborhood",
        Village = "Village", Facility = "Facility",
    }
}

impl EntityClass {
    pub fn is_place(self) -> bool {
        matches!(
            self,
            EntityClass::Country
                | EntityClass::Region
                | EntityClass::City
                | EntityClass::Neighborhood
                | EntityClass::Village
                | EntityClass::Facility
        )
    }
    /// Actors that can carry out or suffer violence (not sources, not places).
    pub fn is_armed(self) -> bool {
        matches!(
            self,
            EntityClass::ArmedGroup | EntityClass::StateForce | EntityClass::Coalition
        )
    }
    pub fn is_actor(self) -> bool {
        !self.is_place() && self != EntityClass::UnnamedSource
    }
    /// How specific a place is: higher is smaller.
    pub fn place_rank(self) -> u8 {
        match self {
            EntityClass::Facility => 6,
            EntityClass::Neighborhood => 5,
            EntityClass::Village => 4,
            EntityClass::City => 3,
            EntityClass::Region => 2,
            EntityClass::Country => 1,
            _ => 0,
        }
    }
}

local_enum! {
    /// Event classes (`isn:Event` subclasses).
    EventClass {
        Attack = "Attack", Bombing = "Bombing", ArmedClash = "ArmedClash", Airstrike = "Airstrike",
        PrisonBreak = "PrisonBreak", Mutiny = "Mutiny", Arrest = "Arrest", Killing = "Killing",
        Displacement = "Displacement", Statement = "Statement", Meeting = "Meeting",
        Deployment = "Deployment", Investigation = "Investigation",
    }
}

local_enum! {
    /// What a count claim counts.
    CountKind {
        Killed = "Killed", Injured = "Injured", Escaped = "Escaped", Captured = "Captured",
        Held = "Held", Attackers = "Attackers", Displaced = "Displaced",
    }
}

local_enum! {
    /// The stance of a source towards what it reports.
    Stance { Asserted = "Asserted", Denied = "Denied", Disputed = "Disputed" }
}

local_enum! {
    /// Whether an event happened, per the article.
    EventStatus {
        Occurred = "Occurred", Foiled = "Foiled", Refuted = "Refuted",
        Attempted = "Attempted", Possible = "Possible",
    }
}

/// The group a victim noun («جنديا»، «مدنيين») designates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VictimNoun {
    /// `isn:Civilians`.
    Civilians,
    /// `isn:Everyone` (a plain «شخصا»، «قتيلا»).
    Everyone,
    /// Members of the nearest actor of this class.
    MemberOf(EntityClass),
    /// Members of some armed actor («عنصرا»، «مقاتلا»): the one the context names.
    Member,
}

/// How a compound place's head noun relates the compound to the name after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadKind {
    /// A part of the place named («ريف دير الزور»، «بادية حماة»، «قاطع عمليات ديالى»):
    /// the compound lies in it (`isn:partHead`).
    Part,
    /// A natural feature called by the name after it («وادي زغيتون»، «بحيرة حمرين»):
    /// named after the place, not inside it (`isn:featureHead`).
    Feature,
    /// A direction noun naming a part of the place, only after a preposition
    /// («في شرق دير الزور»; `isn:directionHead`).
    Direction,
    /// A way between places joined by dashes («طريق القامشلي – المالكية»، «مثلث
    /// X–Y–Z»; `isn:routeHead`).
    Route,
    /// An administrative unit named after the settlement that seats it («ناحية X»،
    /// «قضاء X» where X is a known town; `isn:unitHead`).
    Unit,
}

/// A known entity from the gazetteer.
#[derive(Debug, Clone)]
pub struct KnownEntity {
    pub iri: String,
    pub class: EntityClass,
    pub label_ar: Option<String>,
    pub label_en: Option<String>,
    pub located_in: Vec<String>,
    /// The twin of a country: its government when this is the place, and back
    /// (`rdfs:seeAlso` in the gazetteer).
    pub counterpart: Option<String>,
    /// Typed in the imported `ontology/geonames.ttl`, not written by hand.
    pub imported: bool,
    /// The bodies an actor belongs to (`isn:memberOf`: a force to its ministry, a
    /// ministry to its state).
    pub member_of: Vec<String>,
    /// The government whose capital this city is (`isn:capitalOf`): «أعلنت واشنطن»
    /// speaks for it.
    pub capital_of: Option<String>,
}

/// What a lexicon term means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// A spelling of a known entity (index into [`Lexicon::entities`]).
    Entity(u32),
    /// A back-reference noun («التنظيم») for a known entity.
    Anaphor(u32),
    /// A spelling that names a known entity only where the article credits it
    /// («العربية» right after «وفقاً لـ»; `isn:citedAs` in the gazetteer).
    CitedName(u32),
    Trigger(EventClass),
    Count(CountKind),
    Victim(VictimNoun),
    Reporting(Stance),
    Status(EventStatus),
    /// «مصدر»، «مصادر»، «مسؤول»: an unnamed source noun.
    SourceNoun,
    /// A cue noun before a new entity's name («حي»، «قوات»، «المتحدث باسم»).
    EntityCue(EntityClass),
    /// A plural cue noun before a coordinated list of names («أحياء X وY وZ»).
    EntityListCue(EntityClass),
    /// The head noun of a compound place of this class («ريف»، «وادي»، «شرق»، «طريق»).
    CompoundHead(EntityClass, HeadKind),
    /// A direction adjective that closes a compound place («الشرقي»، «الغربية»).
    Direction,
    /// A military unit noun that a number or an ordinal after it identifies
    /// («اللواء 42»، «الفوج الأول»); the class is the unit's when its parent is unknown.
    UnitCue(EntityClass),
    /// An idiom holding a trigger word that reports no happening («في مواجهة»).
    NonEvent,
    /// A word of trend or repetition («تراجع»، «المتكررة»): plural attacks next to
    /// it are a pattern of events, not one.
    Pattern,
    /// A verb or noun of finding or seizing («ضبط»، «تحتوي على»): weapons named
    /// after it are objects, not bombings or strikes.
    Seizure,
    /// A word of fleeing or getting out («فر»، «الهروب»، «خروج»): a prison break, a
    /// displacement or nothing, as its context says (the events room decides).
    Flight,
    /// A word of custody («سجن»، «السجناء»): flight near it is a prison break.
    Custody,
    /// A people or faith as a counted noun («23 كرديا»): civilians, only right
    /// after a number ([`super::numbers::count_demonyms`] makes it a victim noun
    /// there and drops it elsewhere, where it is an adjective: «مقاتلا كرديا»).
    Demonym,
    /// A trigger that says only that something was targeted or blew up
    /// («استهداف»، «انفجار»): it yields to a more specific event told with it.
    Generic,
    /// A word of taking control of ground («سيطر على»): an attack or a battle won,
    /// as its agent says.
    Capture,
    /// A word of defeating or driving out («هزم»، «دحر»): the group it names after
    /// it is the defeated side.
    Defeat,
    /// A verb or noun of declaring («أعلن»، «إعلان»).
    Declaration,
    /// What a declaration can announce as news («النصر»، «المسؤولية عن»).
    News,
    /// A verb of visiting or receiving («زار»، «استقبل»): a meeting with whom or
    /// where is named after it.
    Visit,
}

impl TermKind {
    /// Cue words inflect («هجوما»، «قتلى»); names and their back-references do not.
    /// Entity cue nouns do not either: «قواتها» and «إقليمية» introduce no name.
    fn allows_suffix(self) -> bool {
        !matches!(
            self,
            TermKind::Entity(_)
                | TermKind::Anaphor(_)
                | TermKind::CitedName(_)
                | TermKind::EntityCue(_)
                | TermKind::EntityListCue(_)
                | TermKind::CompoundHead(..)
                | TermKind::Direction
                | TermKind::UnitCue(_)
        )
    }
}

/// A term occurrence in a normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Normalised byte range, proclitics excluded, inflectional suffix included.
    pub start: usize,
    pub end: usize,
    /// Where the term itself ends: `end` less the inflectional suffix («هجومين»: after
    /// «هجوم»).
    pub term_end: usize,
    pub kind: TermKind,
    /// Index of the first and one past the last token the hit covers.
    pub first_token: usize,
    pub end_token: usize,
}

impl Hit {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

struct Pattern {
    kind: TermKind,
    /// The term's leading «ال» was dropped: only valid after «لل» («للحسكة»).
    after_lam: bool,
    /// A verb (`isn:verbTerm`) or a reporting frame: only a conjunction may
    /// stand before it ([`VERB_PREFIXES`]).
    verb: bool,
}

/// What may stand before a verb: a conjunction, nothing else. The other
/// proclitics take nouns: «لنقل» is "to carry", «كفر» is no «ك» + «فر».
const VERB_PREFIXES: &[&str] = &["", "و", "ف"];

/// Short endings a cue word may carry: case/number endings, pronoun suffixes and
/// verb agreement. Names never take them.
const CUE_SUFFIXES: &[&str] = &[
    "ا", "ان", "ين", "ون", "ات", "ه", "ها", "هم", "ي", "يه", "ت", "وا", "تا", "يا",
];

/// The endings a two-letter cue word («فر») may take: verb agreement only. Noun
/// endings would make other words of it («فرات» is the Euphrates, not «fled»).
const SHORT_STEM_SUFFIXES: &[&str] = &["ا", "ت", "وا", "تا"];

/// Whether `rest` may follow the cue word `term` (normalised) as its ending.
fn suffix_fits(term: &str, rest: &str) -> bool {
    if term.chars().count() <= 2 {
        SHORT_STEM_SUFFIXES.contains(&rest)
    } else {
        CUE_SUFFIXES.contains(&rest)
    }
}

/// Everything isnad knows before reading: gazetteer entities and cue terms.
pub struct Lexicon {
    pub entities: Vec<KnownEntity>,
    by_iri: FastMap<String, u32>,
    /// [`Lexicon::country_of`] of each entity, worked out once
    country: Vec<Option<u32>>,
    /// the news outlets with their Arabic labels normalised, in entity order
    outlets: Vec<(u32, Option<String>)>,
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entities", &self.entities.len())
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

/// Triples of one Turtle document grouped by subject IRI (objects kept as terms).
type Triples = BTreeMap<String, Vec<(String, RdfTerm)>>;

fn parse_turtle(name: &str, ttl: &str, into: &mut Triples) -> Result<(), Error> {
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_reader(ttl.as_bytes()) {
        let quad = quad.map_err(|e| Error::Input {
            path: name.to_owned(),
            reason: format!("invalid Turtle: {e}"),
        })?;
        if let NamedOrBlankNode::NamedNode(s) = quad.subject {
            into.entry(s.into_string())
                .or_default()
                .push((quad.predicate.into_string(), quad.object));
        }
    }
    Ok(())
}

fn literal(term: &RdfTerm) -> Option<&Literal> {
    match term {
        RdfTerm::Literal(l) => Some(l),
        _ => None,
    }
}

const RDFS_SEE_ALSO: &str = "http://www.w3.org/2000/01/rdf-schema#seeAlso";

fn isn_local(iri: &str) -> Option<&str> {
    iri.strip_prefix(vocab::ISN)
}

impl Lexicon {
    /// The embedded gazetteer and lexicon.
    pub fn builtin() -> Result<Lexicon, Error> {
        Lexicon::with_extra(&[])
    }

    /// The embedded data plus extra gazetteer/lexicon documents `(name, turtle)`.
    pub fn with_extra(extra: &[(String, String)]) -> Result<Lexicon, Error> {
        let mut triples = Triples::new();
        parse_turtle("ontology/geonames.ttl", GEONAMES_TTL, &mut triples)?;
        let imported = triples
            .iter()
            .filter(|(_, props)| props.iter().any(|(p, _)| p == vocab::RDF_TYPE))
            .map(|(s, _)| s.clone())
            .collect();
        parse_turtle("ontology/gazetteer.ttl", GAZETTEER_TTL, &mut triples)?;
        parse_turtle("ontology/lexicon.ttl", LEXICON_TTL, &mut triples)?;
        for (name, ttl) in extra {
            parse_turtle(name, ttl, &mut triples)?;
        }
        Ok(Lexicon::from_triples(&triples, &imported))
    }

    fn from_triples(triples: &Triples, imported: &std::collections::HashSet<String>) -> Lexicon {
        let mut entities = Vec::new();
        let mut terms: Vec<(String, TermKind)> = Vec::new();
        // verb forms among the terms (normalised): they take only a conjunction
        let mut verbs: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (subject, props) in triples {
            let class = props.iter().find_map(|(p, o)| match o {
                RdfTerm::NamedNode(n) if p == vocab::RDF_TYPE => {
                    isn_local(n.as_str()).and_then(EntityClass::from_local)
                }
                _ => None,
            });
            if let Some(class) = class {
                let idx = entities.len() as u32;
                let mut entity = KnownEntity {
                    iri: subject.clone(),
                    class,
                    label_ar: None,
                    label_en: None,
                    located_in: Vec::new(),
                    counterpart: None,
                    imported: imported.contains(subject),
                    member_of: Vec::new(),
                    capital_of: None,
                };
                for (p, o) in props {
                    let lit = literal(o);
                    let lang = lit.and_then(|l| l.language()).unwrap_or("");
                    match p.as_str() {
                        vocab::RDFS_LABEL => {
                            let value = lit.map(|l| l.value().to_owned());
                            if lang == "ar" {
                                if let Some(v) = &value {
                                    terms.push((v.clone(), TermKind::Entity(idx)));
                                }
                                entity.label_ar = entity.label_ar.or(value);
                            } else if lang == "en" {
                                entity.label_en = entity.label_en.or(value);
                            }
                        }
                        vocab::SKOS_ALT_LABEL => {
                            if let Some(l) = lit {
                                terms.push((l.value().to_owned(), TermKind::Entity(idx)));
                            }
                        }
                        _ if isn_local(p) == Some(local::LOCATED_IN) => {
                            if let RdfTerm::NamedNode(n) = o {
                                entity.located_in.push(n.as_str().to_owned());
                            }
                        }
                        _ if isn_local(p) == Some(local::MEMBER_OF) => {
                            if let RdfTerm::NamedNode(n) = o {
                                entity.member_of.push(n.as_str().to_owned());
                            }
                        }
                        _ if isn_local(p) == Some(local::CAPITAL_OF) => {
                            if let RdfTerm::NamedNode(n) = o {
                                entity.capital_of = Some(n.as_str().to_owned());
                            }
                        }
                        // the twin is one of ours; a GeoNames record is not
                        RDFS_SEE_ALSO => {
                            if let RdfTerm::NamedNode(n) = o {
                                if n.as_str().starts_with(vocab::ID) {
                                    entity.counterpart = Some(n.as_str().to_owned());
                                }
                            }
                        }
                        _ if isn_local(p) == Some(local::ANAPHOR) => {
                            if let Some(l) = lit {
                                terms.push((l.value().to_owned(), TermKind::Anaphor(idx)));
                            }
                        }
                        _ if isn_local(p) == Some(local::CITED_AS) => {
                            if let Some(l) = lit {
                                terms.push((l.value().to_owned(), TermKind::CitedName(idx)));
                            }
                        }
                        _ => {}
                    }
                }
                entities.push(entity);
                continue;
            }
            // Cue terms hang off ontology terms (classes and individuals).
            let Some(subject_local) = isn_local(subject) else {
                continue;
            };
            for (p, o) in props {
                let (Some(prop), Some(lit)) = (isn_local(p), literal(o)) else {
                    continue;
                };
                if prop == local::VERB_TERM {
                    verbs.insert(text::normalise(lit.value()).trim().to_owned());
                    continue;
                }
                let kind = match prop {
                    local::TRIGGER_TERM => {
                        EventClass::from_local(subject_local).map(TermKind::Trigger)
                    }
                    local::CUE_TERM => CountKind::from_local(subject_local)
                        .map(TermKind::Count)
                        .or_else(|| EventStatus::from_local(subject_local).map(TermKind::Status)),
                    local::VICTIM_TERM => match subject_local {
                        local::CIVILIANS => Some(TermKind::Victim(VictimNoun::Civilians)),
                        local::EVERYONE => Some(TermKind::Victim(VictimNoun::Everyone)),
                        local::ACTOR => Some(TermKind::Victim(VictimNoun::Member)),
                        other => EntityClass::from_local(other)
                            .map(|c| TermKind::Victim(VictimNoun::MemberOf(c))),
                    },
                    local::REPORTING_TERM => {
                        Stance::from_local(subject_local).map(TermKind::Reporting)
                    }
                    local::SOURCE_TERM => Some(TermKind::SourceNoun),
                    local::NON_EVENT_TERM => Some(TermKind::NonEvent),
                    local::PATTERN_TERM => Some(TermKind::Pattern),
                    local::SEIZURE_TERM => Some(TermKind::Seizure),
                    local::FLIGHT_TERM => Some(TermKind::Flight),
                    local::CUSTODY_TERM => Some(TermKind::Custody),
                    local::DEMONYM_TERM => {
                        (subject_local == local::CIVILIANS).then_some(TermKind::Demonym)
                    }
                    local::GENERIC_TERM => Some(TermKind::Generic),
                    local::CAPTURE_TERM => Some(TermKind::Capture),
                    local::DEFEAT_TERM => Some(TermKind::Defeat),
                    local::DECLARATION_TERM => Some(TermKind::Declaration),
                    local::NEWS_TERM => Some(TermKind::News),
                    local::VISIT_TERM => Some(TermKind::Visit),
                    local::PLACE_CUE | local::PERSON_CUE | local::ORGANIZATION_CUE => {
                        EntityClass::from_local(subject_local).map(TermKind::EntityCue)
                    }
                    local::PLACE_LIST_CUE => {
                        EntityClass::from_local(subject_local).map(TermKind::EntityListCue)
                    }
                    local::PART_HEAD
                    | local::FEATURE_HEAD
                    | local::DIRECTION_HEAD
                    | local::ROUTE_HEAD
                    | local::UNIT_HEAD => {
                        let kind = match prop {
                            local::PART_HEAD => HeadKind::Part,
                            local::FEATURE_HEAD => HeadKind::Feature,
                            local::DIRECTION_HEAD => HeadKind::Direction,
                            local::UNIT_HEAD => HeadKind::Unit,
                            _ => HeadKind::Route,
                        };
                        EntityClass::from_local(subject_local)
                            .filter(|c| c.is_place())
                            .map(|c| TermKind::CompoundHead(c, kind))
                    }
                    local::DIRECTION_TERM => Some(TermKind::Direction),
                    local::UNIT_CUE => {
                        EntityClass::from_local(subject_local).map(TermKind::UnitCue)
                    }
                    _ => None,
                };
                if let Some(kind) = kind {
                    terms.push((lit.value().to_owned(), kind));
                }
            }
        }
        Lexicon::compile(entities, terms, &verbs)
    }

    fn compile(
        entities: Vec<KnownEntity>,
        terms: Vec<(String, TermKind)>,
        verbs: &std::collections::HashSet<String>,
    ) -> Lexicon {
        let mut seen = std::collections::HashSet::new();
        let mut strings = Vec::new();
        let mut patterns = Vec::new();
        for (term, kind) in terms {
            let norm = text::normalise(&term);
            let norm = norm.trim();
            if norm.is_empty() {
                continue;
            }
            // a verb, or a reporting frame (its verb first): a conjunction only
            let verb = verbs.contains(norm) || matches!(kind, TermKind::Reporting(_));
            let mut push = |s: &str, after_lam: bool| {
                if seen.insert((s.to_owned(), format!("{kind:?}"), after_lam)) {
                    strings.push(s.to_owned());
                    patterns.push(Pattern {
                        kind,
                        after_lam,
                        verb,
                    });
                }
            };
            push(norm, false);
            // a name of several words that the text glued together («الولاياتالمتحدة»:
            // text taken from web pages often loses the space where a tag or a line
            // break stood); no word is written that way
            if matches!(kind, TermKind::Entity(_))
                && norm.contains(' ')
                && norm.split(' ').all(|w| w.chars().count() >= 2)
            {
                push(&norm.replace(' ', ""), false);
            }
            if let Some(rest) = norm.strip_prefix("ال") {
                if rest.chars().count() >= 2 {
                    push(rest, true);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&strings)
            .expect("lexicon automaton builds from plain strings");
        let by_iri = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.iri.clone(), i as u32))
            .collect();
        let outlets = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.class == EntityClass::NewsOutlet)
            .map(|(i, e)| (i as u32, e.label_ar.as_deref().map(text::normalise)))
            .collect();
        let mut lex = Lexicon {
            entities,
            by_iri,
            country: Vec::new(),
            outlets,
            patterns,
            automaton,
        };
        // of the entity the IRI index names (the last of one IRI), as country_of reads it
        lex.country = (0..lex.entities.len())
            .map(|i| {
                lex.entity_by_iri(&lex.entities[i].iri)
                    .and_then(|e| lex.find_country(e))
            })
            .collect();
        lex
    }

    pub fn entity(&self, idx: u32) -> &KnownEntity {
        &self.entities[idx as usize]
    }

    pub fn entity_by_iri(&self, iri: &str) -> Option<&KnownEntity> {
        self.by_iri.get(iri).map(|&i| &self.entities[i as usize])
    }

    /// The index of the known entity with this IRI.
    pub fn index_of(&self, iri: &str) -> Option<u32> {
        self.by_iri.get(iri).copied()
    }

    /// The region (governorate) and the country a known place lies in, following
    /// `isn:locatedIn` from the place itself: the nearest of each class.
    pub fn region_and_country(&self, idx: u32) -> (Option<&str>, Option<&str>) {
        let (mut region, mut country) = (None, None);
        let mut queue = std::collections::VecDeque::from([self.entity(idx)]);
        let mut seen = std::collections::HashSet::new();
        while let Some(e) = queue.pop_front() {
            if !seen.insert(e.iri.as_str()) {
                continue;
            }
            match e.class {
                EntityClass::Region => region = region.or(Some(e.iri.as_str())),
                EntityClass::Country => country = country.or(Some(e.iri.as_str())),
                _ => {}
            }
            queue.extend(e.located_in.iter().filter_map(|p| self.entity_by_iri(p)));
        }
        (region, country)
    }

    /// The country (its territory's IRI) a known place lies in or a known actor
    /// belongs to: up `isn:locatedIn` from a place, up `isn:memberOf` from an actor
    /// to the state whose territory twin it names.
    pub fn country_of(&self, iri: &str) -> Option<&str> {
        self.country_of_entity(*self.by_iri.get(iri)?)
    }

    /// [`Lexicon::country_of`] of the known entity `idx`.
    pub fn country_of_entity(&self, idx: u32) -> Option<&str> {
        let c = self.country.get(idx as usize).copied().flatten()?;
        Some(&self.entities[c as usize].iri)
    }

    /// [`Lexicon::country_of`] of entity `start`, walked up the gazetteer (once
    /// per entity, when the lexicon is built).
    fn find_country(&self, start: &KnownEntity) -> Option<u32> {
        let mut at = start;
        for _ in 0..8 {
            if at.class == EntityClass::Country {
                return self.index_of(&at.iri);
            }
            if at.class == EntityClass::Government {
                if let Some(twin) = at
                    .counterpart
                    .as_deref()
                    .and_then(|c| self.entity_by_iri(c))
                    .filter(|t| t.class == EntityClass::Country)
                {
                    return self.index_of(&twin.iri);
                }
            }
            let up = if at.class.is_place() {
                at.located_in.first()
            } else {
                at.member_of.first()
            };
            at = self.entity_by_iri(up?)?;
        }
        None
    }

    /// The first news outlet labelled `name`: its Arabic label normalised is
    /// `norm` (`name` normalised), or its English label is `name` in any case.
    pub fn outlet_named(&self, name: &str, norm: &str) -> Option<&KnownEntity> {
        self.outlets
            .iter()
            .find(|(i, ar)| {
                ar.as_deref() == Some(norm)
                    || self.entities[*i as usize]
                        .label_en
                        .as_deref()
                        .is_some_and(|l| l.eq_ignore_ascii_case(name))
            })
            .map(|&(i, _)| &self.entities[i as usize])
    }

    /// All boundary-valid term occurrences in `norm`, sorted by start then longest
    /// (so that [`hits_starting_in`] reads a stretch without scanning the article).
    /// Overlapping hits are all kept: each stage picks what it needs.
    pub fn scan(&self, norm: &str, tokens: &[Token]) -> Vec<Hit> {
        // token index for each byte of norm (usize::MAX between tokens)
        let mut token_at = vec![usize::MAX; norm.len() + 1];
        for (i, t) in tokens.iter().enumerate() {
            token_at[t.start..t.end].fill(i);
        }
        let mut hits = Vec::new();
        for m in self.automaton.find_overlapping_iter(norm) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let first = token_at[m.start()];
            if first == usize::MAX {
                continue;
            }
            let prefix = &norm[tokens[first].start..m.start()];
            let prefix_ok = if pattern.after_lam {
                prefix.ends_with("لل") && text::is_proclitic_prefix(prefix)
            } else if pattern.verb {
                VERB_PREFIXES.contains(&prefix)
            } else {
                text::is_proclitic_prefix(prefix)
            };
            if !prefix_ok {
                continue;
            }
            let Some(last) = m.end().checked_sub(1).map(|b| token_at[b]) else {
                continue;
            };
            if last == usize::MAX {
                continue;
            }
            let rest = &norm[m.end()..tokens[last].end];
            let end = if rest.is_empty() {
                m.end()
            } else if pattern.kind.allows_suffix() && suffix_fits(&norm[m.start()..m.end()], rest) {
                tokens[last].end
            } else {
                continue;
            };
            hits.push(Hit {
                start: m.start(),
                end,
                term_end: m.end(),
                kind: pattern.kind,
                first_token: first,
                end_token: last + 1,
            });
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits
    }
}

/// The hits that start inside `range`, from hits sorted by start (as
/// [`Lexicon::scan`] returns them): two binary searches, no scan of the article.
pub fn hits_starting_in<'h>(hits: &'h [Hit], range: &Range<usize>) -> &'h [Hit] {
    let from = hits.partition_point(|h| h.start < range.start);
    let to = hits.partition_point(|h| h.start < range.end);
    &hits[from..to.max(from)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::builtin().expect("embedded lexicon parses")
    }

    fn hits_of(lex: &Lexicon, s: &str) -> Vec<(String, TermKind)> {
        let norm = text::normalise(s);
        let tokens = text::tokenize(&norm);
        lex.scan(&norm, &tokens)
            .into_iter()
            .map(|h| (norm[h.range()].to_owned(), h.kind))
            .collect()
    }

    #[test]
    fn embedded_data_loads() {
        let lex = lexicon();
        assert!(
            lex.entities.len() > 50,
            "gazetteer too small: {}",
            lex.entities.len()
        );
        for e in &lex.entities {
            assert!(e.label_ar.is_some(), "{} has no Arabic label", e.iri);
        }
    }

    #[test]
    fn entity_names_match_behind_proclitics_only() {
        let lex = lexicon();
        let cases: &[(&str, bool)] = &[
            ("وصلت التعزيزات إلى الحسكة", true),
            ("وصلت التعزيزات والحسكة", true),
            ("عاد إلى بالحسكة", true),
            ("قدمت للحسكة قوافل", true),
            ("كلمة الحسكةوية ليست اسما", false),
            ("زالحسكة", false),
        ];
        for (sentence, found) in cases {
            let hits = hits_of(&lex, sentence);
            let got = hits.iter().any(|(_, k)| {
                matches!(k, TermKind::Entity(i) if lex.entity(*i).iri.ends_with("/hasakah"))
            });
            assert_eq!(got, *found, "{sentence}: {hits:?}");
        }
    }

    /// The import (scripts/import-geonames, which reimplements `text::normalise`) left
    /// every hand-written town its names, and put each imported place in a governorate.
    #[test]
    fn imported_places_leave_hand_written_towns_their_names() {
        let lex = lexicon();
        let names = |props: &[(String, RdfTerm)]| -> Vec<String> {
            props
                .iter()
                .filter(|(p, _)| p == vocab::RDFS_LABEL || p == vocab::SKOS_ALT_LABEL)
                .filter_map(|(_, o)| literal(o).filter(|l| l.language() == Some("ar")))
                .map(|l| text::normalise(l.value()))
                .collect()
        };
        let town = |c: EntityClass| {
            matches!(
                c,
                EntityClass::City | EntityClass::Village | EntityClass::Neighborhood
            )
        };
        let mut hand = Triples::new();
        parse_turtle("gazetteer", GAZETTEER_TTL, &mut hand).unwrap();
        let mut taken = std::collections::HashMap::new();
        for (iri, props) in &hand {
            let Some(&idx) = lex.by_iri.get(iri) else {
                continue;
            };
            if town(lex.entity(idx).class) {
                let country = lex.region_and_country(idx).1;
                for n in names(props) {
                    taken.insert((n, country), iri.as_str());
                }
            }
        }
        let mut imported = Triples::new();
        parse_turtle("geonames", GEONAMES_TTL, &mut imported).unwrap();
        let mut count = 0;
        for (iri, props) in &imported {
            let e = lex
                .entity_by_iri(iri)
                .expect("typed in gazetteer.ttl or geonames.ttl");
            if !e.imported {
                continue; // a hand-written place's GeoNames link
            }
            count += 1;
            assert!(town(e.class), "{iri}: {:?}", e.class);
            let [region] = e.located_in.as_slice() else {
                panic!("{iri}: in {:?}", e.located_in);
            };
            let region = lex
                .entity_by_iri(region)
                .expect("a hand-written governorate");
            assert!(
                region.class == EntityClass::Region && !region.imported,
                "{iri}"
            );
            let country = lex.region_and_country(lex.by_iri[iri]).1;
            assert!(country.is_some(), "{iri}: in no country");
            for n in names(props) {
                assert!(
                    !taken.contains_key(&(n.clone(), country)),
                    "{iri}: «{n}» is {}'s",
                    taken[&(n.clone(), country)]
                );
            }
        }
        assert!(count > 300, "only {count} imported places");
    }

    #[test]
    fn cue_words_take_inflections() {
        let lex = lexicon();
        let hits = hits_of(&lex, "شنوا هجوما أسفر عن مقتل جنديين");
        assert!(
            hits.iter()
                .any(|(_, k)| *k == TermKind::Trigger(EventClass::Attack)),
            "{hits:?}"
        );
        assert!(
            hits.iter()
                .any(|(_, k)| *k == TermKind::Count(CountKind::Killed)),
            "{hits:?}"
        );
    }

    #[test]
    fn idioms_and_seizure_words_are_their_own_kinds() {
        let lex = lexicon();
        let hits = hits_of(&lex, "وقفت العشائر في مواجهة المسلحين");
        assert!(
            hits.iter().any(|(_, k)| *k == TermKind::NonEvent),
            "{hits:?}"
        );
        let hits = hits_of(&lex, "وضبطت الدورية صواريخ في مخزن");
        assert!(
            hits.iter().any(|(_, k)| *k == TermKind::Seizure),
            "{hits:?}"
        );
    }
}

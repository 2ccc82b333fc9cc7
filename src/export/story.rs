//! The story a drawing tells, as plain data: events (each with its figures),
//! the entities around them and the links between them, every text already in
//! the reader's language. [`super::read`] fills it from the store,
//! [`super::draw`] turns it into DOT; neither knows about the other.
//!
//! Also here: the `--around` neighbourhood ([`Story::around`]), a breadth-first
//! walk over the story's own links (petgraph), undirected, that keeps what lies
//! within a number of hops of one entity or event.
//!
//! Invariants: every list is sorted (events by date then IRI, entities and links
//! by IRI), so a story drawn twice gives the same text; a link's ends are IRIs of
//! events or entities of the same story.

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::Bfs;
use std::collections::{BTreeMap, BTreeSet};

/// The language of labels: English where the gazetteer (or the ontology) has an
/// English label, Arabic otherwise; or Arabic throughout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ar,
    En,
}

impl Lang {
    /// The language tag of labels in this language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }
}

/// What a source says of a figure: the colours of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stance {
    Asserted,
    Denied,
    Disputed,
}

/// One figure one source gives: «41 — المرصد السوري».
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Figure {
    /// The number with its qualifier as a sign (`≥181`, `≈100`), or the quote
    /// when the article gives no number («عشرات المعتقلين»).
    pub amount: String,
    /// Who the article credits; the article itself only where it credits no one.
    pub source: String,
    pub stance: Stance,
    /// The exact words the figure was read from.
    pub quote: String,
    /// The identifier of the article it was read in.
    pub article: String,
    /// The claim's IRI.
    pub iri: String,
    /// For sorting: the count, when there is one.
    pub count: Option<u64>,
}

/// The figures of one kind about one side of one event, side by side (several
/// sources, several numbers: contested when they differ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureGroup {
    /// «قتلى — المدنيون», «killed — Civilians».
    pub heading: String,
    pub figures: Vec<Figure>,
}

impl FigureGroup {
    /// Whether the sources give different figures.
    pub fn contested(&self) -> bool {
        let amounts: BTreeSet<&str> = self.figures.iter().map(|f| f.amount.as_str()).collect();
        amounts.len() > 1
    }
}

/// One event: a merged real-world event, or one article's report of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventBox {
    pub iri: String,
    /// The class's label («هجوم», «Attack»).
    pub title: String,
    /// The class's local name (`Attack`).
    pub class: String,
    /// The place's label, repeated in the heading.
    pub place: Option<String>,
    /// `2022-01-21`, `2022-01` or `2022`.
    pub date: Option<String>,
    /// Statuses other than "occurred" the reports give («أُحبط», «مُكذَّب»), sorted.
    pub statuses: Vec<String>,
    /// How many reports tell it, and in which articles (identifiers, sorted).
    pub reports: usize,
    pub articles: Vec<String>,
    /// The reports' quotes, each with its article: «…» — report.txt.
    pub quotes: Vec<String>,
    pub figures: Vec<FigureGroup>,
}

/// What an entity is, for its shape and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntityKind {
    ArmedGroup,
    StateForce,
    Government,
    Organization,
    Person,
    UnnamedSource,
    Place,
    Article,
    Other,
}

impl EntityKind {
    /// The kind of an `isn:` class (its local name).
    pub fn of_class(local: &str) -> EntityKind {
        use crate::vocab::local as l;
        match local {
            l::ARMED_GROUP => EntityKind::ArmedGroup,
            l::STATE_FORCE | l::COALITION => EntityKind::StateForce,
            l::GOVERNMENT => EntityKind::Government,
            l::ORGANIZATION | l::NEWS_OUTLET => EntityKind::Organization,
            l::PERSON => EntityKind::Person,
            l::UNNAMED_SOURCE => EntityKind::UnnamedSource,
            l::PLACE
            | l::COUNTRY
            | l::REGION
            | l::CITY
            | l::NEIGHBORHOOD
            | l::VILLAGE
            | l::FACILITY => EntityKind::Place,
            l::ARTICLE => EntityKind::Article,
            _ => EntityKind::Other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub iri: String,
    pub label: String,
    pub kind: EntityKind,
    /// How the articles name it, and its label in the other language.
    pub tooltip: String,
}

/// How two things of a story are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// actor → event it carried out
    Agent,
    /// event → actor or place it was aimed at
    Target,
    /// event → where it happened
    Place,
    /// event → the event it is part of
    PartOf,
    /// place → place it lies in
    LocatedIn,
    /// person or unit → the body it speaks for or belongs to
    Belongs,
    /// source → event it reported or gave figures about (drawn in the `--around` view)
    Credited,
    /// event → side a figure counts (drawn in the `--around` view)
    Counted,
}

impl LinkKind {
    /// Links that are only drawn in the neighbourhood view: elsewhere the source
    /// and the side counted are named in the figure's record.
    pub fn is_mention(self) -> bool {
        matches!(self, LinkKind::Credited | LinkKind::Counted)
    }

    pub fn joins_event(self) -> bool {
        !matches!(self, LinkKind::LocatedIn | LinkKind::Belongs)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
}

/// The words of a drawing that are not in the store: headings, legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub lang: Lang,
    /// Labels of the three stances (from the ontology).
    pub asserted: String,
    pub denied: String,
    pub disputed: String,
    /// Qualifier signs and their labels (from the ontology): (`≈`, «نحو»).
    pub signs: Vec<(String, String)>,
}

impl Words {
    /// Fixed words of the drawing in `lang`; stance and qualifier labels are
    /// filled in by the reader from the ontology.
    pub fn new(lang: Lang) -> Words {
        Words {
            lang,
            asserted: "asserted".into(),
            denied: "denied".into(),
            disputed: "disputed".into(),
            signs: Vec::new(),
        }
    }

    /// A fixed word of the drawing.
    pub fn word(&self, key: Word) -> &'static str {
        let (ar, en) = match key {
            Word::Isnad => ("إسناد", "isnad"),
            Word::Reports => ("تقارير", "reports"),
            Word::Articles => ("مقالات", "articles"),
            Word::Stance => ("موقف المصدر", "the source's stance"),
            Word::Contested => ("أرقام متضاربة", "contested figures"),
            Word::Agent => ("منفِّذ", "carried out by"),
            Word::Target => ("مستهدَف", "aimed at"),
            Word::Place => ("مكان", "place"),
            Word::PartOf => ("جزء من", "part of"),
            Word::LocatedIn => ("يقع في", "lies in"),
            Word::Belongs => ("تابع لـ", "speaks for / part of"),
            Word::Credited => ("مصدر", "reported by"),
            Word::Counted => ("محصى", "counted"),
            Word::ArticleItself => ("المقال نفسه", "the article itself"),
            Word::Events => ("أحداث", "events"),
            Word::Around => ("حول", "around"),
            Word::Depth => ("عمق", "depth"),
            Word::Undated => ("غير مؤرخ", "undated"),
        };
        match self.lang {
            Lang::Ar => ar,
            Lang::En => en,
        }
    }
}

/// The fixed words a drawing uses (see [`Words::word`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Isnad,
    Reports,
    Articles,
    Stance,
    Contested,
    Agent,
    Target,
    Place,
    PartOf,
    LocatedIn,
    Belongs,
    Credited,
    Counted,
    ArticleItself,
    Events,
    Around,
    Depth,
    Undated,
}

/// Everything one drawing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub title: String,
    pub events: Vec<EventBox>,
    pub entities: Vec<Entity>,
    pub links: Vec<Link>,
    pub words: Words,
    /// Whether sources and counted sides are drawn as nodes with their links
    /// (the neighbourhood view), not only named in the figures' records.
    pub mentions_as_nodes: bool,
    /// The entity or event a neighbourhood is drawn around.
    pub centre: Option<String>,
}

impl Story {
    /// Puts every list in its canonical order and drops duplicate links.
    pub fn sort(&mut self) {
        for e in &mut self.events {
            for g in &mut e.figures {
                g.figures.sort_by(|a, b| {
                    (a.count.is_none(), a.count, &a.source, &a.article, &a.iri).cmp(&(
                        b.count.is_none(),
                        b.count,
                        &b.source,
                        &b.article,
                        &b.iri,
                    ))
                });
            }
            e.figures.sort_by(|a, b| a.heading.cmp(&b.heading));
        }
        // chronological, undated last, then by IRI
        self.events.sort_by(|a, b| {
            (a.date.is_none(), &a.date, &a.iri).cmp(&(b.date.is_none(), &b.date, &b.iri))
        });
        self.entities.sort_by(|a, b| a.iri.cmp(&b.iri));
        self.entities.dedup_by(|a, b| a.iri == b.iri);
        self.links.sort();
        self.links.dedup();
    }

    /// The part of the story within `depth` hops of `centre` (an event's or an
    /// entity's IRI), every link taken both ways. `None` when the story has no
    /// such node.
    pub fn around(&self, centre: &str, depth: usize) -> Option<Story> {
        let mut graph: UnGraph<&str, ()> = UnGraph::new_undirected();
        let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        let names = self
            .events
            .iter()
            .map(|e| e.iri.as_str())
            .chain(self.entities.iter().map(|e| e.iri.as_str()));
        for iri in names {
            index.entry(iri).or_insert_with(|| graph.add_node(iri));
        }
        for l in &self.links {
            if let (Some(&a), Some(&b)) = (index.get(l.from.as_str()), index.get(l.to.as_str())) {
                graph.add_edge(a, b, ());
            }
        }
        let start = *index.get(centre)?;
        // breadth first: the first visit of a node is by a shortest path
        let mut hops: BTreeMap<NodeIndex, usize> = BTreeMap::from([(start, 0)]);
        let mut bfs = Bfs::new(&graph, start);
        while let Some(n) = bfs.next(&graph) {
            let d = hops[&n];
            for m in graph.neighbors(n) {
                hops.entry(m).or_insert(d + 1);
            }
        }
        let kept: BTreeSet<&str> = hops
            .iter()
            .filter(|(_, &d)| d <= depth)
            .map(|(&n, _)| graph[n])
            .collect();
        let mut out = self.clone();
        out.events.retain(|e| kept.contains(e.iri.as_str()));
        out.entities.retain(|e| kept.contains(e.iri.as_str()));
        out.links
            .retain(|l| kept.contains(l.from.as_str()) && kept.contains(l.to.as_str()));
        out.mentions_as_nodes = true;
        out.centre = Some(centre.to_owned());
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(iri: &str) -> Entity {
        Entity {
            iri: iri.into(),
            label: iri.into(),
            kind: EntityKind::Other,
            tooltip: String::new(),
        }
    }

    fn event(iri: &str) -> EventBox {
        EventBox {
            iri: iri.into(),
            title: iri.into(),
            class: "Attack".into(),
            place: None,
            date: None,
            statuses: vec![],
            reports: 1,
            articles: vec![],
            quotes: vec![],
            figures: vec![],
        }
    }

    fn link(from: &str, to: &str) -> Link {
        Link {
            from: from.into(),
            to: to.into(),
            kind: LinkKind::Agent,
        }
    }

    #[test]
    fn the_neighbourhood_stops_at_its_depth_whatever_the_link_direction() {
        // a → e1 ← b → e2 → c, and d alone
        let story = Story {
            title: String::new(),
            events: vec![event("e1"), event("e2")],
            entities: ["a", "b", "c", "d"].map(entity).to_vec(),
            links: vec![
                link("a", "e1"),
                link("b", "e1"),
                link("b", "e2"),
                link("e2", "c"),
            ],
            words: Words::new(Lang::Ar),
            mentions_as_nodes: false,
            centre: None,
        };
        let names = |s: &Story| -> Vec<String> {
            let mut v: Vec<String> = s.events.iter().map(|e| e.iri.clone()).collect();
            v.extend(s.entities.iter().map(|e| e.iri.clone()));
            v.sort();
            v
        };
        assert_eq!(names(&story.around("a", 0).unwrap()), ["a"]);
        assert_eq!(names(&story.around("a", 1).unwrap()), ["a", "e1"]);
        assert_eq!(names(&story.around("a", 2).unwrap()), ["a", "b", "e1"]);
        assert_eq!(
            names(&story.around("a", 4).unwrap()),
            ["a", "b", "c", "e1", "e2"]
        );
        let two = story.around("a", 2).unwrap();
        assert_eq!(two.links, vec![link("a", "e1"), link("b", "e1")]);
        assert!(story.around("nowhere", 3).is_none());
    }
}

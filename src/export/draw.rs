//! Drawing a [`Story`] as Graphviz DOT text, for people.
//!
//! Left to right: the actors that carried events out, then one cluster per event
//! (a heading node: class, place, date, statuses other than "occurred", how many
//! reports in how many articles; and one record per kind of figure and side
//! counted, every source's figure a row in it, coloured by the source's stance and
//! framed in red when the sources disagree), then what the events were aimed at
//! and where they happened. Events that are part of another point to it. A legend
//! is the graph's label.
//!
//! Every node is an HTML-like label, so that the SVG output carries each node's
//! IRI as its link (`HREF`) and its evidence (quotes, the forms the articles use)
//! as its tooltip (`TOOLTIP`), with one escaping rule for all of them.
//!
//! Invariants: the text depends only on the story (node names are positions in
//! its sorted lists); every piece of text from the store goes through [`html`],
//! which escapes XML's special characters and Graphviz's backslash escapes and
//! drops control characters, so no label can break the DOT or HTML syntax.

use super::story::{EntityKind, Lang, LinkKind, Stance, Story, Word};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The font: DejaVu Sans has Arabic glyphs and is on every Debian (fonts-dejavu-core).
pub const FONT: &str = "DejaVu Sans";

/// Text from the store made safe inside an HTML-like label or one of its
/// attribute values: `& < > " '` as XML entities; a backslash doubled (Graphviz
/// reads `\N`, `\G`… in labels, links and tooltips as the node's or graph's name);
/// line ends as `&#10;` (attributes) — callers put `<BR/>` in text themselves;
/// other control characters, which XML forbids, as spaces.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("&#10;"),
            c if c.is_control() => out.push(' '),
            // XML 1.0 has no noncharacters U+FFFE/U+FFFF
            '\u{fffe}' | '\u{ffff}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text for a cell: like [`html`], line ends as line breaks.
fn cell_text(s: &str) -> String {
    html(s).replace("&#10;", "<BR/>")
}

/// A quoted DOT string (for the few plain attributes: colours, the font).
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A date kept whole inside right-to-left text: between left-to-right marks
/// (which every renderer knows; Graphviz's Pango does not honour isolates),
/// «2022-01-21» in an Arabic line would show as 21-01-2022. Figures and signs
/// get cells of their own instead, where no Arabic turns them around.
fn ltr(s: &str) -> String {
    format!("\u{200e}{s}\u{200e}")
}

/// Shortens a long text for a label (the whole of it stays in the tooltip).
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Fill colour of an entity.
fn entity_colour(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::ArmedGroup => "#f4c7c3",
        EntityKind::StateForce => "#d5e8d4",
        EntityKind::Government => "#e1d5f0",
        EntityKind::Organization => "#fff2cc",
        EntityKind::Person => "#dae8fc",
        EntityKind::UnnamedSource => "#eeeeee",
        EntityKind::Place => "#d0ece7",
        EntityKind::Article => "#e0e0e0",
        EntityKind::Other => "#f5f5f5",
    }
}

fn stance_colour(s: Stance) -> &'static str {
    match s {
        Stance::Asserted => "#e3f1de",
        Stance::Denied => "#f6c1bd",
        Stance::Disputed => "#ffe08a",
    }
}

const EVENT_FILL: &str = "#ffe3c2";
const CLUSTER_FILL: &str = "#fdf7ef";
const CLUSTER_LINE: &str = "#d9b48f";
const CONTESTED: &str = "#c0392b";

/// (colour, style) of a link.
fn link_style(kind: LinkKind) -> (&'static str, &'static str) {
    match kind {
        LinkKind::Agent => ("#a93226", "solid"),
        LinkKind::Target => ("#1f4e79", "solid"),
        LinkKind::Place => ("#1e8449", "dashed"),
        LinkKind::PartOf => ("#7f6000", "dotted"),
        LinkKind::LocatedIn => ("#1e8449", "dotted"),
        LinkKind::Belongs => ("#555555", "dotted"),
        LinkKind::Credited => ("#7d3c98", "dashed"),
        LinkKind::Counted => ("#7d3c98", "dotted"),
    }
}

fn link_word(kind: LinkKind) -> Word {
    match kind {
        LinkKind::Agent => Word::Agent,
        LinkKind::Target => Word::Target,
        LinkKind::Place => Word::Place,
        LinkKind::PartOf => Word::PartOf,
        LinkKind::LocatedIn => Word::LocatedIn,
        LinkKind::Belongs => Word::Belongs,
        LinkKind::Credited => Word::Credited,
        LinkKind::Counted => Word::Counted,
    }
}

/// The attributes a node's table carries to the SVG: its IRI as link, its
/// evidence as tooltip.
fn anchor(iri: &str, tooltip: &str) -> String {
    format!(" HREF=\"{}\" TOOLTIP=\"{}\"", html(iri), html(tooltip))
}

/// The story as DOT text.
pub fn to_dot(story: &Story) -> String {
    let w = &story.words;
    let mut out = String::new();
    let _ = writeln!(out, "digraph isnad {{");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, fontname={f}, fontsize=12, nodesep=0.12, ranksep=0.45, pad=0.2, labelloc=t, labeljust={j}];",
        f = quoted(FONT),
        j = if w.lang == Lang::Ar { "r" } else { "l" },
    );
    let _ = writeln!(
        out,
        "  node [fontname={f}, fontsize=12, shape=plain];\n  edge [fontname={f}, fontsize=9, arrowsize=0.6, penwidth=1.1];",
        f = quoted(FONT)
    );

    // which entities are drawn: those linked to a drawn event, and the centre
    let drawn_link = |k: LinkKind| story.mentions_as_nodes || !k.is_mention();
    let events: BTreeSet<&str> = story.events.iter().map(|e| e.iri.as_str()).collect();
    let mut shown: BTreeSet<&str> = BTreeSet::new();
    for l in &story.links {
        if l.kind.joins_event() && drawn_link(l.kind) {
            for (a, b) in [(&l.from, &l.to), (&l.to, &l.from)] {
                if events.contains(b.as_str()) && !events.contains(a.as_str()) {
                    shown.insert(a);
                }
            }
        }
    }
    if let Some(c) = &story.centre {
        shown.insert(c);
    }
    let mut names: BTreeMap<&str, String> = BTreeMap::new();
    for (i, e) in story.events.iter().enumerate() {
        names.insert(&e.iri, format!("e{i}"));
    }

    // entities
    for (i, e) in story
        .entities
        .iter()
        .filter(|e| shown.contains(e.iri.as_str()))
        .enumerate()
    {
        let name = format!("n{i}");
        let centre = story.centre.as_deref() == Some(e.iri.as_str());
        let style = match e.kind {
            EntityKind::Person | EntityKind::Place => " STYLE=\"ROUNDED\"",
            _ => "",
        };
        let _ = writeln!(
            out,
            "  {name} [label=<<TABLE BORDER=\"{b}\" CELLBORDER=\"0\" CELLPADDING=\"3\" BGCOLOR=\"{c}\"{style}{a}><TR><TD>{t}</TD></TR></TABLE>>];",
            b = if centre { 3 } else { 1 },
            c = entity_colour(e.kind),
            a = anchor(&e.iri, &e.tooltip),
            t = cell_text(&short(&e.label, 40)),
        );
        names.insert(&e.iri, name);
    }

    // events, one cluster each
    for (i, e) in story.events.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph cluster_e{i} {{\n    graph [style=\"rounded,filled\", fillcolor=\"{CLUSTER_FILL}\", color=\"{CLUSTER_LINE}\", label=\"\", margin=6];"
        );
        let mut rows = vec![format!("<TR><TD><B>{}</B></TD></TR>", cell_text(&e.title))];
        let when_where: Vec<String> = e
            .place
            .iter()
            .map(|p| short(p, 36))
            .chain(std::iter::once(match &e.date {
                Some(d) => ltr(d),
                None => w.word(Word::Undated).into(),
            }))
            .collect();
        rows.push(format!(
            "<TR><TD>{}</TD></TR>",
            cell_text(&when_where.join(" · "))
        ));
        if !e.statuses.is_empty() {
            rows.push(format!(
                "<TR><TD><FONT COLOR=\"{CONTESTED}\">{}</FONT></TD></TR>",
                cell_text(&e.statuses.join(" · "))
            ));
        }
        if e.reports > 1 {
            rows.push(format!(
                "<TR><TD><FONT POINT-SIZE=\"10\">{} {} · {} {}</FONT></TD></TR>",
                w.word(Word::Reports),
                e.reports,
                w.word(Word::Articles),
                e.articles.len()
            ));
        }
        let _ = writeln!(
            out,
            "    e{i} [label=<<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLPADDING=\"2\" CELLSPACING=\"0\" BGCOLOR=\"{EVENT_FILL}\"{a}>{r}</TABLE>>];",
            a = anchor(&e.iri, &e.quotes.join("\n")),
            r = rows.join("")
        );
        for (j, g) in e.figures.iter().enumerate() {
            let contested = g.contested();
            let mut rows = vec![format!(
                "<TR><TD COLSPAN=\"2\" BGCOLOR=\"#f2f2f2\"><B>{}</B></TD></TR>",
                cell_text(&short(&g.heading, 60))
            )];
            for f in &g.figures {
                let tip = format!("«{}» — {}", f.quote, f.article);
                rows.push(format!(
                    "<TR><TD BGCOLOR=\"{c}\"{a}><B>{amount}</B></TD><TD BGCOLOR=\"{c}\"{a}>{source}</TD></TR>",
                    c = stance_colour(f.stance),
                    a = anchor(&f.iri, &tip),
                    amount = cell_text(&short(&f.amount, 30)),
                    source = cell_text(&short(&f.source, 48)),
                ));
            }
            let _ = writeln!(
                out,
                "    e{i}f{j} [label=<<TABLE BORDER=\"{b}\" COLOR=\"{frame}\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\" BGCOLOR=\"white\">{r}</TABLE>>];",
                b = if contested { 2 } else { 1 },
                frame = if contested { CONTESTED } else { "#888888" },
                r = rows.join("")
            );
            let _ = writeln!(out, "    e{i} -> e{i}f{j} [style=invis];");
        }
        let _ = writeln!(out, "  }}");
    }

    // links between drawn things; a place that is also the target is drawn once
    let targets: BTreeSet<(&str, &str)> = story
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Target)
        .map(|l| (l.from.as_str(), l.to.as_str()))
        .collect();
    for l in &story.links {
        if !drawn_link(l.kind)
            || (l.kind == LinkKind::Place && targets.contains(&(l.from.as_str(), l.to.as_str())))
        {
            continue;
        }
        let (Some(a), Some(b)) = (names.get(l.from.as_str()), names.get(l.to.as_str())) else {
            continue;
        };
        let (colour, style) = link_style(l.kind);
        let extra = match l.kind {
            // containment and sub-events show a relation, not the story's flow
            LinkKind::PartOf | LinkKind::LocatedIn | LinkKind::Belongs => ", constraint=false",
            _ => "",
        };
        let _ = writeln!(
            out,
            "  {a} -> {b} [color=\"{colour}\", style={style}{extra}, tooltip={}];",
            quoted(w.word(link_word(l.kind)))
        );
    }

    let _ = writeln!(out, "  label=<{}>;", legend(story));
    let _ = writeln!(out, "}}");
    out
}

/// The title and the legend, as the graph's HTML label.
fn legend(story: &Story) -> String {
    let w = &story.words;
    let mut cells = Vec::new();
    cells.push(format!(
        "<TD><B>{}</B></TD>",
        cell_text(w.word(Word::Stance))
    ));
    for (s, label) in [
        (Stance::Asserted, &w.asserted),
        (Stance::Denied, &w.denied),
        (Stance::Disputed, &w.disputed),
    ] {
        cells.push(format!(
            "<TD BGCOLOR=\"{}\" BORDER=\"1\">{}</TD>",
            stance_colour(s),
            cell_text(label)
        ));
    }
    cells.push(format!(
        "<TD BORDER=\"2\" COLOR=\"{CONTESTED}\">{}</TD>",
        cell_text(w.word(Word::Contested))
    ));
    // each sign in a cell of its own, so that no Arabic around it mirrors it
    for (sign, label) in &w.signs {
        let (sign, label) = (
            format!("<TD><B>{}</B></TD>", cell_text(sign)),
            format!("<TD>{}</TD>", cell_text(label)),
        );
        // read from the right in Arabic: the sign first
        cells.push(match w.lang {
            Lang::Ar => format!("{label}{sign}"),
            Lang::En => format!("{sign}{label}"),
        });
    }
    let mut row2 = Vec::new();
    for kind in [
        EntityKind::ArmedGroup,
        EntityKind::StateForce,
        EntityKind::Government,
        EntityKind::Organization,
        EntityKind::Person,
        EntityKind::UnnamedSource,
        EntityKind::Place,
    ] {
        let label = kind_word(kind, w.lang);
        row2.push(format!(
            "<TD BGCOLOR=\"{}\" BORDER=\"1\">{}</TD>",
            entity_colour(kind),
            cell_text(label)
        ));
    }
    let mut kinds: Vec<LinkKind> = vec![
        LinkKind::Agent,
        LinkKind::Target,
        LinkKind::Place,
        LinkKind::PartOf,
        LinkKind::LocatedIn,
    ];
    if story.mentions_as_nodes {
        kinds.extend([LinkKind::Credited, LinkKind::Counted]);
    }
    for k in kinds {
        let (colour, style) = link_style(k);
        let line = match style {
            "dashed" => "╌╌╌▶",
            "dotted" => "┈┈┈▶",
            _ => "───▶",
        };
        row2.push(format!(
            "<TD><FONT COLOR=\"{colour}\">{line}</FONT> {}</TD>",
            cell_text(w.word(link_word(k)))
        ));
    }
    // Arabic reads from the right: the legend too
    if w.lang == Lang::Ar {
        cells.reverse();
        row2.reverse();
    }
    let span = cells.len().max(row2.len());
    format!(
        "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\"><TR><TD COLSPAN=\"{span}\" ALIGN=\"{align}\"><FONT POINT-SIZE=\"20\"><B>{title}</B></FONT></TD></TR><TR><TD COLSPAN=\"{span}\"><TABLE BORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\"><TR>{c1}</TR></TABLE></TD></TR><TR><TD COLSPAN=\"{span}\"><TABLE BORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\"><TR>{c2}</TR></TABLE></TD></TR></TABLE>",
        title = cell_text(&story.title),
        align = if w.lang == Lang::Ar { "RIGHT" } else { "LEFT" },
        c1 = cells.join(""),
        c2 = row2.join(""),
    )
}

/// The word for a kind of entity in the legend.
fn kind_word(kind: EntityKind, lang: Lang) -> &'static str {
    let (ar, en) = match kind {
        EntityKind::ArmedGroup => ("جماعة مسلحة", "armed group"),
        EntityKind::StateForce => ("قوة نظامية", "state force"),
        EntityKind::Government => ("حكومة", "government"),
        EntityKind::Organization => ("منظمة", "organisation"),
        EntityKind::Person => ("شخص", "person"),
        EntityKind::UnnamedSource => ("مصدر غير مسمى", "unnamed source"),
        EntityKind::Place => ("مكان", "place"),
        EntityKind::Article => ("مقال", "article"),
        EntityKind::Other => ("غير ذلك", "other"),
    };
    match lang {
        Lang::Ar => ar,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::story::{Entity, EventBox, Figure, FigureGroup, Link, Words};

    const HOSTILE: &str = "a\"b'c<d>e&f\\N\\G\\\\g]h}i|j{k\nl\u{1}m\u{7f}n\u{fffe}o";

    fn hostile_story() -> Story {
        let h = |tag: &str| format!("{tag} {HOSTILE}");
        Story {
            title: h("title"),
            events: vec![EventBox {
                iri: "https://w3id.org/isnad/id/event/x\\N\"<>".into(),
                title: h("class"),
                class: "Attack".into(),
                place: Some(h("place")),
                date: Some("2022-01-21".into()),
                statuses: vec![h("status")],
                reports: 2,
                articles: vec![h("article")],
                quotes: vec![h("quote")],
                figures: vec![FigureGroup {
                    heading: h("heading"),
                    figures: vec![
                        Figure {
                            amount: "≥181".into(),
                            source: h("source"),
                            stance: Stance::Denied,
                            quote: h("figure quote"),
                            article: h("figure article"),
                            iri: "https://w3id.org/isnad/id/claim/1".into(),
                            count: Some(181),
                        },
                        Figure {
                            amount: format!("«{HOSTILE}»"),
                            source: h("other source"),
                            stance: Stance::Asserted,
                            quote: HOSTILE.into(),
                            article: "a.txt".into(),
                            iri: "https://w3id.org/isnad/id/claim/2".into(),
                            count: None,
                        },
                    ],
                }],
            }],
            entities: vec![Entity {
                iri: "https://w3id.org/isnad/id/e".into(),
                label: h("entity"),
                kind: EntityKind::ArmedGroup,
                tooltip: h("tooltip"),
            }],
            links: vec![Link {
                from: "https://w3id.org/isnad/id/e".into(),
                to: "https://w3id.org/isnad/id/event/x\\N\"<>".into(),
                kind: LinkKind::Agent,
            }],
            words: Words::new(Lang::En),
            mentions_as_nodes: false,
            centre: None,
        }
    }

    #[test]
    fn store_text_is_escaped_for_html_labels_and_graphviz() {
        assert_eq!(
            html("<a href=\"x\">&'\\N\n\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\\\\N&#10; "
        );
        let dot = to_dot(&hostile_story());
        // every backslash is a doubled one: no \N, \G… reaches Graphviz
        assert!(!dot.replace("\\\\", "").contains('\\'), "{dot}");
        for raw in ["\"b'c", "<d>", "e&f", "\u{1}", "\u{7f}", "\u{fffe}"] {
            assert!(!dot.contains(raw), "{raw:?} reached the DOT text");
        }
        assert!(dot.contains("&lt;d&gt;e&amp;f"));
        // a line break of a label is a line break of the cell, not of the DOT text
        assert!(dot.contains("j{k<BR/>l m n o"));
        // the edge between the hostile event and the entity is drawn
        assert!(dot.contains("n0 -> e0"));
    }

    #[test]
    fn graphviz_reads_the_hostile_story_back_as_its_text() {
        let Some(_) = crate::export::render::find_dot() else {
            println!("skipped: Graphviz `dot` is not on PATH (scripts/setup-system installs it)");
            return;
        };
        let mut svg = Vec::new();
        crate::export::render::render(
            &to_dot(&hostile_story()),
            crate::export::render::Image::Svg,
            &mut svg,
        )
        .expect("dot accepts the drawing");
        let svg = String::from_utf8(svg).unwrap();
        // the source's name as written, escaped once by the SVG writer
        assert!(
            svg.contains("source a&quot;b&#39;c&lt;d&gt;e&amp;f\\N\\G\\\\g]h}i|j{k"),
            "{svg}"
        );
        assert!(svg.contains("xlink:href=\"https://w3id.org/isnad/id/claim/1\""));
        assert!(svg.contains("xlink:title=\"«figure quote a&quot;b"));
    }
}

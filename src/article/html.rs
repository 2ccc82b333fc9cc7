//! HTML pages: the article text and its metadata, without the page around it.
//!
//! The page is parsed with `scraper` (html5ever, the HTML5 parsing algorithm, so
//! broken markup still gives a tree). Then:
//!
//! * **Root.** The article lives in the `<article>` with the most paragraph
//!   text (if it holds at least 30% of the page's paragraph text: otherwise the
//!   `<article>`s are teaser cards), else `[itemprop=articleBody]`, `<main>`,
//!   `[role=main]`, `<body>`.
//! * **Left out** inside the root: scripts, styles, templates, forms, media and
//!   embedded frames; `<nav>`, `<aside>`, `<footer>`, `<header>` (kept inside an
//!   `<article>`, where it holds the headline and date); the ARIA landmarks
//!   navigation, complementary, banner, contentinfo and search; elements marked
//!   hidden; elements whose class or id is one of a few boilerplate names
//!   ([`BOILERPLATE_NAMES`], whole names only, so `has-sidebar` is kept);
//!   comments; and "read also" blocks: a block whose text starts with one of
//!   [`READ_ALSO`] (normalised like the rest of isnad's matching), plus the list
//!   right after such a heading.
//! * **Text.** Block elements (paragraphs, headings, list items, cells…) become
//!   paragraphs separated by a blank line; `<br>` a line break; runs of HTML white
//!   space one space. The headline comes first (as in a text file, where the first
//!   line is the headline) unless the text already starts with it.
//! * **Metadata.** Headline: `og:title`, JSON-LD `headline`, `<title>`, the first
//!   `<h1>`. Date: `article:published_time`, JSON-LD `datePublished`, `<meta>`
//!   date names, the first `<time datetime>`. URL: `<link rel=canonical>`,
//!   `og:url`. Publisher: `og:site_name`, JSON-LD `publisher.name`.
//!
//! Invariants: never panics and never recurses on the document tree (the walk is
//! iterative, so deeply nested pages are fine); the text it returns is what
//! every span of the article indexes.

use crate::calendar::CivilDate;
use crate::text::normalise;
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

/// Class or id values (whole, case-insensitive) that mark page furniture.
pub const BOILERPLATE_NAMES: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "share",
    "sharing",
    "share-buttons",
    "social",
    "social-share",
    "related",
    "related-articles",
    "related-news",
    "related-posts",
    "read-also",
    "readalso",
    "read_also",
    "read-more",
    "more-news",
    "comments",
    "comment-list",
    "comments-section",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "newsletter",
    "tags",
    "cookie-banner",
];

/// Openings of "read also" and "related" blocks (compared after normalisation).
pub const READ_ALSO: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضًا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "اقرأ ايضا",
    "إقرأ أيضا",
    "شاهد أيضا",
    "طالع أيضا",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "مقالات ذات صلة",
    "ذات صلة",
    "read also",
    "read more",
    "related",
];

/// Elements whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "select", "textarea", "input", "label", "iframe", "frame", "frameset", "object", "embed",
    "svg", "math", "canvas", "video", "audio", "picture", "map", "head", "title", "dialog", "menu",
];

/// Elements that start and end a paragraph of the text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "address",
    "hr",
    "center",
];

const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "banner",
    "contentinfo",
    "search",
];

/// What a page gives: its article text and metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub headline: Option<String>,
    pub published: Option<CivilDate>,
    pub url: Option<String>,
    pub publisher: Option<String>,
}

/// The charset a page declares in its first bytes (`<meta charset>` or
/// `http-equiv` content type), if any.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(i) = rest.find("<meta") {
        rest = &rest[i + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(j) = tag.find("charset") {
            let value = tag[j + 7..].trim_start();
            let Some(value) = value.strip_prefix('=') else {
                continue;
            };
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c)))
                .unwrap_or(value.len());
            if let Some(e) = encoding_rs::Encoding::for_label(&value.as_bytes()[..end]) {
                return Some(e);
            }
        }
    }
    None
}

/// Pages whose elements nest deeper than this are refused: the HTML5 tree
/// builder looks through the stack of open elements for every tag, so parsing
/// time grows with the square of the depth (browsers cap the depth too). Real
/// pages stay far below it.
pub const MAX_DEPTH: usize = 1000;

/// Elements that never have content, or whose end tag the parser may imply:
/// not counted by [`nesting_depth`].
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
    "option", "optgroup", "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head", "body",
];

/// An estimate of how deep a page's elements nest, from its tags alone (cheap,
/// linear): start tags open, end tags close, comments and the content of
/// `script`, `style`, `textarea` and `title` are skipped, and elements in
/// [`UNCOUNTED`] are not counted.
pub fn nesting_depth(source: &str) -> usize {
    let bytes = source.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|b| *b == b'<') {
        i += off + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |j| j + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start.min(bytes.len())..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
            .map_or(bytes.len(), |n| start + n);
        if end <= start || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        // ASCII bytes only up to `end`, so these are char boundaries
        let name = source[start..end].to_ascii_lowercase();
        let tag_end = find(bytes, end, b">").unwrap_or(bytes.len());
        i = tag_end;
        if UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if bytes.get(tag_end.wrapping_sub(1)) == Some(&b'/') {
            continue; // <x/>
        }
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            i = find_ignore_case(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|j| from + j)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|j| from + j)
}

/// Extracts the article from a page.
pub fn extract_page(source: &str) -> Page {
    let doc = Html::parse_document(source);
    let meta = Meta::read(&doc);
    let root = choose_root(&doc);
    let mut text = root.map(article_text).unwrap_or_default();
    let headline = meta
        .get(&["og:title", "twitter:title"])
        .or(meta.ld_headline.clone())
        .or_else(|| first_text(&doc, "title"))
        .or_else(|| first_text(&doc, "h1"));
    if let Some(h) = &headline {
        if !text.is_empty() && !text.starts_with(h.as_str()) {
            text = format!("{h}\n\n{text}");
        }
    }
    let published = meta
        .get(&["article:published_time"])
        .and_then(|d| CivilDate::parse_iso(&d))
        .or_else(|| meta.ld_date.as_deref().and_then(CivilDate::parse_iso))
        .or_else(|| {
            meta.get(&[
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "datepublished",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "dcterms.date",
                "og:published_time",
                "article:published",
                "sailthru.date",
                "parsely-pub-date",
            ])
            .and_then(|d| CivilDate::parse_iso(&d))
        })
        .or_else(|| first_time(root, &doc));
    let url = meta.canonical.clone().or_else(|| meta.get(&["og:url"]));
    let publisher = meta.get(&["og:site_name"]).or(meta.ld_publisher.clone());
    Page {
        text,
        headline,
        published,
        url,
        publisher,
    }
}

/// `<meta>` values by lower-case property/name/itemprop, the canonical link and
/// what the JSON-LD blocks say about the article.
#[derive(Default)]
struct Meta {
    values: Vec<(String, String)>,
    canonical: Option<String>,
    ld_headline: Option<String>,
    ld_date: Option<String>,
    ld_publisher: Option<String>,
}

impl Meta {
    fn read(doc: &Html) -> Meta {
        let mut meta = Meta::default();
        for node in doc.tree.root().descendants() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            let e = el.value();
            match e.name() {
                "meta" => {
                    let Some(content) = e.attr("content").map(clean) else {
                        continue;
                    };
                    if content.is_empty() {
                        continue;
                    }
                    for key in ["property", "name", "itemprop"] {
                        if let Some(k) = e.attr(key) {
                            meta.values
                                .push((k.trim().to_ascii_lowercase(), content.clone()));
                        }
                    }
                }
                "link" if meta.canonical.is_none() => {
                    let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") {
                        meta.canonical = e.attr("href").map(clean).filter(|h| !h.is_empty());
                    }
                }
                "script"
                    if e.attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
                {
                    let json: String = el.text().collect();
                    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) {
                        meta.read_json_ld(&value);
                    }
                }
                _ => {}
            }
        }
        meta
    }

    /// The first value under any of `keys` (in the order of `keys`).
    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.values
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    }

    /// Takes headline, datePublished and publisher.name from the first JSON-LD
    /// object that has a datePublished or a headline (walked without recursion).
    fn read_json_ld(&mut self, value: &serde_json::Value) {
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    let date = map.get("datePublished").and_then(|d| d.as_str());
                    let headline = map.get("headline").and_then(|d| d.as_str());
                    if date.is_some() || headline.is_some() {
                        if self.ld_date.is_none() {
                            self.ld_date = date.map(clean);
                        }
                        if self.ld_headline.is_none() {
                            self.ld_headline = headline.map(clean).filter(|h| !h.is_empty());
                        }
                        if self.ld_publisher.is_none() {
                            self.ld_publisher = map
                                .get("publisher")
                                .and_then(|p| p.get("name"))
                                .and_then(|n| n.as_str())
                                .map(clean)
                                .filter(|n| !n.is_empty());
                        }
                        return;
                    }
                    stack.extend(map.values().rev());
                }
                _ => {}
            }
        }
    }
}

/// White space collapsed and trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_text(doc: &Html, tag: &str) -> Option<String> {
    doc.tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == tag)
        .map(|e| clean(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

/// The date of the first `<time datetime>`, in the root first, then anywhere.
fn first_time(root: Option<ElementRef<'_>>, doc: &Html) -> Option<CivilDate> {
    let find = |node: ego_tree::NodeRef<'_, Node>| {
        node.descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "time")
            .find_map(|e| e.value().attr("datetime").and_then(CivilDate::parse_iso))
    };
    root.and_then(|r| find(*r))
        .or_else(|| find(doc.tree.root()))
}

fn element_named<'a>(doc: &'a Html, pred: impl Fn(&ElementRef<'a>) -> bool) -> Vec<ElementRef<'a>> {
    doc.tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| pred(e))
        .collect()
}

fn choose_root(doc: &Html) -> Option<ElementRef<'_>> {
    let paragraph_chars = |e: &ElementRef<'_>| -> usize {
        e.descendants()
            .filter_map(ElementRef::wrap)
            .filter(|p| p.value().name() == "p")
            .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
            .sum()
    };
    // the first few dozen only: nested articles would make this quadratic
    let mut articles = element_named(doc, |e| e.value().name() == "article");
    articles.truncate(32);
    if !articles.is_empty() {
        // the largest article; the first among equals
        let mut best = articles[0];
        let mut best_size = paragraph_chars(&best);
        for a in &articles[1..] {
            let size = paragraph_chars(a);
            if size > best_size {
                best = *a;
                best_size = size;
            }
        }
        // an <article> that holds little of the page's paragraphs is a teaser
        // card, not the story
        let page_size = paragraph_chars(&doc.root_element());
        if best_size * 10 >= page_size * 3 && (best_size > 0 || articles.len() == 1) {
            return Some(best);
        }
    }
    let by = |pred: &dyn Fn(&ElementRef<'_>) -> bool| element_named(doc, pred).into_iter().next();
    by(&|e| e.value().attr("itemprop") == Some("articleBody"))
        .or_else(|| by(&|e| e.value().name() == "main"))
        .or_else(|| by(&|e| e.value().attr("role") == Some("main")))
        .or_else(|| by(&|e| e.value().name() == "body"))
        .or_else(|| Some(doc.root_element()))
}

/// Whether an element (other than the root) is page furniture; `in_article`:
/// whether it lies inside an `<article>` (where a `<header>` is the story's).
fn is_boilerplate(e: &ElementRef<'_>, in_article: bool) -> bool {
    let el = e.value();
    let name = el.name();
    if SKIPPED_TAGS.contains(&name) || (name == "header" && !in_article) {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| SKIPPED_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
    {
        return true;
    }
    let furniture = |v: &str| {
        let v = v.to_ascii_lowercase();
        BOILERPLATE_NAMES.contains(&v.as_str())
    };
    el.classes().any(furniture) || el.id().is_some_and(furniture)
}

/// Whether a block's text opens with a "read also" phrase.
fn is_read_also(e: &ElementRef<'_>) -> bool {
    // the opening words only: a bounded look at the first descendants keeps
    // this constant-time per element, so deep nesting stays linear
    let mut prefix = String::new();
    for node in e.descendants().take(64) {
        if let Node::Text(t) = node.value() {
            prefix.push_str(t);
            if prefix.chars().filter(|c| !c.is_whitespace()).count() >= 24 {
                break;
            }
        }
    }
    let norm = normalise(prefix.trim_start_matches(|c: char| !c.is_alphanumeric()));
    let norm = clean(&norm);
    READ_ALSO.iter().any(|p| {
        let p = normalise(p);
        norm.starts_with(&p)
            && norm[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The article text under `root`, paragraph by paragraph.
fn article_text(root: ElementRef<'_>) -> String {
    let mut out = TextBuilder::default();
    let is_article = |n: ego_tree::NodeRef<'_, Node>| {
        n.value()
            .as_element()
            .is_some_and(|e| e.name() == "article")
    };
    // open <article> elements around the walk's position (the root's ancestors
    // counted once, the rest as the walk enters and leaves them)
    let mut articles = root.ancestors().filter(|a| is_article(*a)).count();
    let mut skip_until: Option<NodeId> = None;
    let mut skip_nodes: HashSet<NodeId> = HashSet::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => out.inline(t),
                    Node::Element(el) => {
                        let e = ElementRef::wrap(node).expect("an element node");
                        let is_root = node.id() == root.id();
                        let name = el.name();
                        let block = BLOCK_TAGS.contains(&name);
                        if !is_root
                            && (skip_nodes.contains(&node.id()) || is_boilerplate(&e, articles > 0))
                        {
                            skip_until = Some(node.id());
                            continue;
                        }
                        if !is_root && block && is_read_also(&e) {
                            skip_until = Some(node.id());
                            // a "read also" heading takes the list after it along
                            let next = node.next_siblings().find(|n| n.value().is_element());
                            if let Some(next) = next {
                                let next_name = next.value().as_element().map(|e| e.name());
                                if matches!(next_name, Some("ul" | "ol")) {
                                    skip_nodes.insert(next.id());
                                }
                            }
                            continue;
                        }
                        if name == "article" {
                            articles += 1;
                        }
                        if name == "br" {
                            out.line_break();
                        } else if block {
                            out.end_block();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip_until {
                    if id == node.id() {
                        skip_until = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if el.name() == "article" {
                        articles = articles.saturating_sub(1);
                    }
                    if BLOCK_TAGS.contains(&el.name()) {
                        out.end_block();
                    }
                }
            }
        }
    }
    out.finish()
}

/// Assembles paragraphs from inline text.
#[derive(Default)]
struct TextBuilder {
    blocks: Vec<String>,
    current: String,
}

impl TextBuilder {
    fn inline(&mut self, text: &str) {
        for (i, piece) in text.split(is_html_space).enumerate() {
            if i > 0 && !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                self.current.push(' ');
            }
            self.current.push_str(piece);
        }
    }
    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
    }
    fn end_block(&mut self) {
        let lines: Vec<&str> = self
            .current
            .split('\n')
            .map(|l| l.trim_matches(' '))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.blocks.push(lines.join("\n"));
        }
        self.current.clear();
    }
    fn finish(mut self) -> String {
        self.end_block();
        self.blocks.join("\n\n")
    }
}

/// HTML's white space (ASCII only: a no-break space is text).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>انفجار في سوق المدينة | موقع الأخبار</title>
<meta property="og:title" content="انفجار في سوق المدينة">
<meta property="og:site_name" content="موقع الأخبار">
<meta property="article:published_time" content="2023-03-14T09:30:00+03:00">
<link rel="canonical" href="https://news.example/2023/03/market-blast">
<style>.x { color: red }</style>
<script>var tracking = "قتل مئة";</script>
</head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/syria">سوريا</a></nav></header>
<div class="has-sidebar"><main>
<article>
  <header><h1>انفجار في سوق المدينة</h1><time datetime="2023-03-14">14 آذار</time></header>
  <!-- تعليق لا يظهر -->
  <p>قُتل خمسة مدنيين   وأصيب آخرون<br>في انفجار وقع صباح اليوم.</p>
  <div class="share">شارك على فيسبوك</div>
  <p><strong>اقرأ أيضاً:</strong> <a href="/other">خبر آخر عن مقتل عشرين</a></p>
  <h3>مواضيع ذات صلة</h3>
  <ul><li>قصة أولى</li><li>قصة ثانية</li></ul>
  <p>وقال مصدر أمني إن التحقيق جارٍ.</p>
  <footer>الوسوم: سوريا</footer>
</article>
<aside><h2>الأكثر قراءة</h2><p>مقال جانبي</p></aside>
</main></div>
<footer>جميع الحقوق محفوظة</footer>
</body></html>"#;

    #[test]
    fn article_text_without_the_page_around_it() {
        let page = extract_page(PAGE);
        assert_eq!(
            page.text,
            "انفجار في سوق المدينة\n\n14 آذار\n\nقُتل خمسة مدنيين وأصيب آخرون\nفي انفجار وقع صباح اليوم.\n\nوقال مصدر أمني إن التحقيق جارٍ."
        );
        for absent in [
            "الرئيسية",
            "تعليق",
            "شارك",
            "خبر آخر",
            "قصة أولى",
            "ذات صلة",
            "الوسوم",
            "الأكثر قراءة",
            "الحقوق",
            "tracking",
            "color",
        ] {
            assert!(!page.text.contains(absent), "{absent} leaked into the text");
        }
    }

    #[test]
    fn metadata_from_standard_tags() {
        let page = extract_page(PAGE);
        assert_eq!(page.headline.as_deref(), Some("انفجار في سوق المدينة"));
        assert_eq!(page.published, CivilDate::new(2023, 3, 14));
        assert_eq!(
            page.url.as_deref(),
            Some("https://news.example/2023/03/market-blast")
        );
        assert_eq!(page.publisher.as_deref(), Some("موقع الأخبار"));
    }

    #[test]
    fn fallbacks_title_time_and_json_ld() {
        let page = extract_page(
            r#"<html><head><title>عنوان الصفحة</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","datePublished":"2021-07-02T10:00:00Z","publisher":{"@type":"Organization","name":"وكالة المثال"}}]}</script>
            </head><body><p>نص الخبر هنا.</p></body></html>"#,
        );
        assert_eq!(page.headline.as_deref(), Some("عنوان الصفحة"));
        assert_eq!(page.published, CivilDate::new(2021, 7, 2));
        assert_eq!(page.publisher.as_deref(), Some("وكالة المثال"));
        assert_eq!(page.text, "عنوان الصفحة\n\nنص الخبر هنا.");
        let page = extract_page(
            r#"<body><div><time datetime="2020-02-29T08:00">أمس</time> <p>نص</p></div></body>"#,
        );
        assert_eq!(page.published, CivilDate::new(2020, 2, 29));
        assert_eq!(page.headline, None);
    }

    #[test]
    fn the_largest_article_is_the_story() {
        let page = extract_page(
            "<body><article><p>قصير</p></article><article><p>هذا هو النص الأطول في الصفحة كلها</p></article></body>",
        );
        assert_eq!(page.text, "هذا هو النص الأطول في الصفحة كلها");
    }

    #[test]
    fn teaser_cards_are_not_the_story() {
        let page = extract_page(
            "<body><div><p>هذا هو نص الخبر الطويل الذي يروي ما حدث في المدينة أمس بالتفصيل</p></div>\
             <div class=\"cards\"><article><p>عنوان آخر</p></article><article><p>عنوان ثالث</p></article></div></body>",
        );
        assert!(page.text.starts_with("هذا هو نص الخبر"), "{}", page.text);
    }

    #[test]
    fn deep_nesting_and_garbage_do_not_panic() {
        let deep = "<div>".repeat(3_000) + "نص" + &"</div>".repeat(3_000);
        assert!(extract_page(&deep).text.contains("نص"));
        assert_eq!(nesting_depth(&deep), 3_000);
        for junk in [
            "",
            "<",
            "<<>>",
            "<p",
            "</p></p>",
            "<html><body></html>",
            "\u{0}<b>",
        ] {
            let _ = extract_page(junk);
        }
    }

    #[test]
    fn nesting_depth_counts_what_the_parser_keeps_open() {
        // PAGE: div main article header h1 (html, head, body, p not counted)
        assert_eq!(nesting_depth(PAGE), 5);
        assert_eq!(nesting_depth("<p>a<p>b<p>c<li>x<li>y<br><img src=x>"), 0);
        assert_eq!(nesting_depth("<div><span/></div><div><div></div></div>"), 2);
        assert_eq!(
            nesting_depth("<script>if (a<b) { x = '<div><div>' }</SCRIPT><b>"),
            1
        );
        assert_eq!(nesting_depth("<!-- <div><div><div> --><i>"), 1);
        for junk in [
            "", "<", "</", "<!--", "<script>", "< div>", "<1>", "<\u{0}>", "<é>", "<a",
        ] {
            let _ = nesting_depth(junk);
        }
    }

    #[test]
    fn declared_charsets() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"windows-1256\">"),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\">"
            ),
            Some(encoding_rs::ISO_8859_6)
        );
        assert_eq!(declared_charset(b"<meta name=x content=y><p>"), None);
    }
}

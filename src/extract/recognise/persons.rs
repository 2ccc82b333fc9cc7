//! People: a name after a title or a reporting verb («المتحدث باسم ORG فلان»،
//! «قال فلان»), a name in apposition just before a title («فلان، النائبة عن X»،
//! «"فلان" رئيس المجلس»), the dead or wounded named in a list («وعرف من القتلى X،
//! Y»), a byline at the top of the article or a signature line anywhere («فلان /
//! وكالات»), and later mentions of a person named in full (in full again, or by
//! surname alone). A title that names no one in its sentence («وقال وزير الدفاع
//! إن …») refers back to the one person the article names with that title.
//!
//! A title runs through what describes it before the name: the body it serves (a
//! known or cue-named organisation, a back-reference noun such as «المرصد»), places,
//! definite words and genitives («القائد العام للقوات المسلحة»), a portfolio
//! («وزير حقوق الإنسان»), ranks after the office («قائد عمليات X اللواء»), and one
//! comma of apposition before a rank or the name («رئيس لجنة X، فلان»). The person
//! speaks for the first body the title names, or the body an office names
//! («وزير الدفاع العراقي» → «وزارة الدفاع العراقية»). Titles are read once the
//! organisations are named, so a title can run through a name a cue introduced.
//!
//! Invariants: a title's role is kept as a span of the text (output as written),
//! from the first title of a chain to the last (a gazetteer person keeps the
//! gazetteer's role); a single word after a title is
//! never a person (too often a common noun), nor a word another cue introduces
//! («وكالة أعماق»); a person named again by part of their name is the same entity.

use super::*;

impl Entity {
    /// A person whose title says they comment on events rather than act in them.
    pub fn is_commentator(&self, norm: &str) -> bool {
        self.role_in(norm)
            .and_then(|r| r.split(' ').next())
            .is_some_and(|w| COMMENTATORS.contains(&w))
    }
}

/// Titles of people who comment on events rather than act in them («المحلل
/// العسكري»، «الباحث»، «مراسل»): what they say is a source, not an official statement.
pub(super) const COMMENTATORS: &[&str] = &[
    "المحلل",
    "المحلله",
    "محلل",
    "الباحث",
    "الباحثه",
    "باحث",
    "الخبير",
    "الخبيره",
    "خبير",
    "مراسل",
    "مراسله",
    "الكاتب",
    "الكاتبه",
    "الصحفي",
    "الصحفيه",
    "الصحافي",
    "الصحافيه",
    "الاكاديمي",
];

/// Words that tie a title to the organisation it serves («المتحدث باسم X»، «في X»).
pub(super) const TITLE_LINKS: &[&str] = &["في", "باسم", "لدي", "ب", "ل", "عن"];

/// Demonstratives inside a title: «الناطق الرسمي لهذه القوات فلان».
pub(super) const TITLE_DEMONSTRATIVES: &[&str] = &["هذه", "هذا", "لهذه", "لهذا", "بهذه", "بهذا"];

/// Indefinite heads of a portfolio or office that continue a title: «وزير حقوق
/// الإنسان»، «وزير الدولة لشؤون …»، «مستشار شؤون الأمن».
pub(super) const TITLE_CONTINUATIONS: &[&str] =
    &["حقوق", "شوون", "لشوون", "دوله", "شعبه", "قسم", "ركن", "اول"];

/// Articles a definite word of a title may carry: «القائد العام للقوات المسلحة».
pub(super) const TITLE_ARTICLES: &[&str] = &["ال", "لل", "بال", "وال"];

/// Titles whose office names the body it belongs to: «وزير الدفاع العراقي» speaks for
/// «وزارة الدفاع العراقية».
pub(super) const TITLE_BODIES: &[(&str, &str)] = &[("وزير", "وزاره"), ("وزيره", "وزاره")];

/// How many words a title may run before the name it introduces.
pub(super) const TITLE_WORDS: usize = 9;

/// Nouns that stand after a reporting verb or a title but never start a person's
/// name («وقالت وسائل إعلام …»، «ذكر تقرير …»).
#[rustfmt::skip]
pub(super) const NOT_FIRST_NAMES: &[&str] = &[
    "وسائل", "وسايل", "تقارير", "تقرير", "بيان", "اوساط", "جهات", "مصادر", "صحيفه", "وكاله",
    "حسابات", "صفحات", "منصات", "معلومات", "انباء", "حصيله", "ارقام", "شهود", "بجروح",
    "بجراح",
];

/// Words that are never part of a person's name: prepositions with a pronoun,
/// vague quantities, section headings («توجه المئات منهم»، «شؤون عربية»).
#[rustfmt::skip]
pub(super) const NOT_NAME_WORDS: &[&str] = &[
    "منهم", "منها", "منه", "منهن", "عنهم", "عنه", "عنها", "لهم", "لها", "له", "بهم", "بها",
    "فيهم", "فيها", "عليهم", "عليها", "اليهم", "اليها", "الميات", "المئات", "الالاف",
    "العشرات", "عشرات", "مئات", "الاف", "شوون", "اخبار", "تقارير",
];

/// Words that open a list of the dead or wounded by name: «وعرف من القتلى X، Y».
pub(super) const VICTIM_LIST_OPENERS: &[&[&str]] = &[
    &["من", "القتلي"],
    &["من", "الضحايا"],
    &["من", "الجرحي"],
    &["من", "المصابين"],
    &["القتلي", "هم"],
];

/// How many words a name in a list of victims may have («عبدالله محمد غازي الموسى»).
pub(super) const LISTED_NAME_WORDS: usize = 4;

/// First names spelt like a function word once folded («علي» and «على»): written
/// as the name, they are names' words.
pub(super) const FOLDED_FIRST_NAMES: &[&str] = &["علي"];

/// What may follow «NAME /» on an author's signature line («فلان / وكالات»).
pub(super) const SIGNATURE_TAILS: &[&str] = &["وكالات", "وكالات الانباء"];

/// How many lines at the top of an article may hold a byline.
pub(super) const BYLINE_LINES: usize = 4;

/// The cue is also a reporting term: a verb that introduces a name («قال»، «يرى»),
/// not a title. Only the hits starting where the cue does are read (hits are sorted
/// by start).
pub(super) fn is_reporting_verb(hits: &[Hit], cue: &Hit) -> bool {
    let from = hits.partition_point(|r| r.start < cue.start);
    hits[from..]
        .iter()
        .take_while(|r| r.start == cue.start)
        .any(|r| matches!(r.kind, TermKind::Reporting(_)) && r.end == cue.end)
}

/// People after titles and reporting verbs, once places and organisations are
/// named (a title runs through the organisation it names), and people named just
/// before a title in apposition («فيان دخيل، النائبة …»).
pub(super) fn person_cues(f: &mut Found<'_>, hits: &[Hit], lex: &Lexicon) {
    victims_named(f);
    for h in hits {
        if h.kind == TermKind::EntityCue(EntityClass::Person) {
            person_after_cue(f, hits, lex, h);
        }
    }
    for h in hits {
        if h.kind == TermKind::EntityCue(EntityClass::Person) && !is_reporting_verb(hits, h) {
            person_before_title(f, h);
        }
    }
    bare_titles(f, hits);
}

/// How many tokens after a title a person it names may start.
const BARE_TITLE_REACH: usize = TITLE_WORDS + 3;

/// «وقال وزير حقوق الإنسان إن … وقال الوزير فلان»: a title that names no one where
/// it stands refers to the one person the article names with that title (a
/// back-reference mention of the title word).
fn bare_titles(f: &mut Found<'_>, hits: &[Hit]) {
    let norm = f.ctx.norm;
    let mut found = Vec::new();
    for h in hits {
        if h.kind != TermKind::EntityCue(EntityClass::Person) {
            continue;
        }
        // one title per word: «النائبة» also holds the cue «نائبة» (hits are sorted by
        // start, so those of the same first word are adjacent)
        let word = hits.partition_point(|o| o.first_token < h.first_token);
        let word = &hits[word..hits.partition_point(|o| o.first_token <= h.first_token)];
        let inner = word.iter().any(|o| {
            o.kind == h.kind
                && (o.start, o.end) != (h.start, h.end)
                && o.start <= h.start
                && o.end >= h.end
        });
        if inner || is_reporting_verb(hits, h) || f.covered(h.start).is_some() {
            continue;
        }
        // a person the title names stands in its sentence, within reach
        let last = (h.end_token + BARE_TITLE_REACH).min(f.ctx.tokens.len());
        let reach = (h.end_token..last)
            .find(|&k| {
                k > 0
                    && norm[f.ctx.tokens[k - 1].end..f.ctx.tokens[k].start]
                        .contains(['.', '\n', '!', '?', ';'])
            })
            .or((last < f.ctx.tokens.len()).then_some(last))
            .map_or(norm.len(), |k| f.ctx.tokens[k].start);
        let named_here = f.spans.iter().any(|(r, e)| {
            f.rec.entities[*e].class == EntityClass::Person
                && ((r.start >= h.end && r.start < reach)
                    || (r.end <= h.start && f.ctx.token_index_at(r.end) == h.first_token))
        });
        if named_here {
            continue;
        }
        let title = norm[h.range()].trim_start_matches("ال");
        let mut holders: Vec<usize> = f
            .titles
            .iter()
            .filter(|(r, _)| norm[r.clone()].trim_start_matches("ال").starts_with(title))
            .map(|&(_, e)| e)
            .collect();
        holders.dedup();
        if let [idx] = holders.as_slice() {
            found.push((h.range(), *idx));
        }
    }
    for (span, entity) in found {
        f.anaphors.push(Mention {
            entity,
            span,
            anaphor: true,
        });
    }
}

/// Only a comma and spaces (on one line) between tokens `i - 1` and `i`.
fn comma_gap(ctx: &Ctx<'_>, i: usize) -> bool {
    i > 0 && {
        let gap = &ctx.norm[ctx.tokens[i - 1].end..ctx.tokens[i].start];
        gap.trim() == "،" || gap.trim() == ","
    }
}

/// A title (a person cue that is no verb) starting in token `i`.
fn title_at(hits: &[Hit], i: usize) -> Option<&Hit> {
    let from = hits.partition_point(|h| h.first_token < i);
    hits[from..]
        .iter()
        .take_while(|h| h.first_token == i)
        .filter(|h| h.kind == TermKind::EntityCue(EntityClass::Person))
        .find(|h| !is_reporting_verb(hits, h))
}

/// Token `i` is part of a reporting term: a title never runs across one.
fn reporting_at(hits: &[Hit], i: usize) -> bool {
    hits.iter()
        .any(|h| h.first_token <= i && i < h.end_token && matches!(h.kind, TermKind::Reporting(_)))
}

/// Token `i` describes the title before it: a link, a demonstrative, the head of a
/// portfolio, a definite word («الأمريكي»، «للقوات»، «الجيوش الفرنسية») or an
/// organisation cue before one («وزارة الداخلية»). A person's first name is never
/// definite.
fn describes_title(ctx: &Ctx<'_>, hits: &[Hit], i: usize) -> bool {
    let w = ctx.word(i);
    if TITLE_LINKS.contains(&w)
        || TITLE_DEMONSTRATIVES.contains(&w)
        || TITLE_CONTINUATIONS.contains(&w)
    {
        return true;
    }
    let definite = TITLE_ARTICLES
        .iter()
        .any(|a| w.strip_prefix(a).is_some_and(|r| r.chars().count() >= 2));
    // «الناطق باسم وزارة الداخلية وخلية …»: an organisation cue and the definite
    // words after it describe the title too
    let organisation = ctx.cue[i]
        && i + 1 < ctx.tokens.len()
        && ctx.joined(i + 1)
        && ctx.word(i + 1).starts_with("ال");
    (definite || organisation) && !reporting_at(hits, i)
}

pub(super) fn person_after_cue(f: &mut Found<'_>, hits: &[Hit], lex: &Lexicon, h: &Hit) {
    let is_verb = is_reporting_verb(hits, h);
    let mut i = h.end_token;
    let mut speaks_for = None;
    // where the title ends: the last title of a chain («قائد عمليات X اللواء»)
    let mut title_end = h.end;
    // the walk passed what describes the title: a comma may then stand before the
    // name («رئيس لجنة X، فلان»)
    let mut described = false;
    let mut comma_used = false;
    // a person the walk reaches who is named already (a known one: «الوزير فلان»)
    let mut named = None;
    // «رئيس حكومة إقليم كردستان فلان»: a known name that starts inside the title
    if let Some((r, e)) = f
        .covered(h.end - 1)
        .filter(|(r, _)| r.start > h.start && !is_verb)
    {
        if !f.rec.entities[*e].class.is_place() {
            speaks_for = Some(*e);
        }
        i = f.ctx.token_index_at(r.end);
        described = true;
    }
    if !is_verb {
        // Skip what describes the title: the organisation («باسم قوات X»، «لقوات
        // التحالف»), a place, a nisba or other definite words («الأمريكي»، «الجيوش
        // الفرنسية»), a rank after the office («قائد عمليات X اللواء»), one comma of
        // apposition before a rank («الناطق باسم …، اللواء»).
        for _ in 0..TITLE_WORDS {
            if i >= f.ctx.tokens.len() {
                break;
            }
            if !f.ctx.joined(i) {
                let apposed = comma_gap(&f.ctx, i) && !comma_used && title_at(hits, i).is_some();
                if !apposed {
                    break;
                }
                comma_used = true;
            }
            // a known name first: «اللواء 59» is a unit, not the rank «اللواء»
            let known = f.skip_known(i);
            if let Some(t) = title_at(hits, i).filter(|t| t.start > h.start && known.is_none()) {
                title_end = t.end;
                i = t.end_token;
                described = false;
            } else if let Some(next) = known {
                if let Some(&(_, org)) = f.covered(f.ctx.tokens[i].end - 1) {
                    let class = f.rec.entities[org].class;
                    if class == EntityClass::Person {
                        named = Some(org); // the person the title names
                        break;
                    }
                    if !class.is_place() {
                        speaks_for.get_or_insert(org);
                    }
                }
                i = next;
                described = true;
            } else if describes_title(&f.ctx, hits, i) {
                if speaks_for.is_none() {
                    speaks_for = referred_body(f, hits, lex, i);
                }
                i += 1;
                described = true;
            } else {
                break;
            }
        }
    }
    let person = match named {
        Some(p) => Some(p),
        None => new_person_at(f, i, is_verb, described && !comma_used),
    };
    if speaks_for.is_none() && !is_verb && person.is_some() {
        speaks_for = office_body(f, lex, h);
    }
    let Some(idx) = person else {
        return;
    };
    if !is_verb {
        // «المحلل العسكري، العقيد فلان»: the role runs from the first title of the
        // apposition, which says what the person is here
        let mut first = h;
        while let Some(t) = apposed_title(&f.ctx, hits, first) {
            first = t;
        }
        f.titles.push((first.start..title_end, idx));
    }
    let person = &mut f.rec.entities[idx];
    // a gazetteer person keeps the gazetteer's role; the title here is only
    // remembered (for a bare title that refers to them)
    if person.known {
        return;
    }
    if !is_verb && person.role.is_none() {
        person.role = f.titles.last().map(|(r, _)| r.clone());
    }
    if person.speaks_for.is_none() {
        person.speaks_for = speaks_for;
    }
}

/// The person named at token `i` after a title or verb (a comma may stand before the
/// name when `apposed`): a new one, or the one already named there.
fn new_person_at(f: &mut Found<'_>, i: usize, is_verb: bool, apposed: bool) -> Option<usize> {
    if i >= f.ctx.tokens.len() {
        return None;
    }
    let apposed_name = !is_verb && apposed && comma_gap(&f.ctx, i);
    if !(f.ctx.joined(i) || f.ctx.quoted_gap(i) || apposed_name) {
        return None;
    }
    let (span, end) = person_name_at(f, i)?;
    if end - i < 2 || !person_name(&f.ctx, i, end) {
        return None; // a single word after a title or verb is too often a common noun
    }
    let already = f
        .covered(span.start)
        .filter(|(r, e)| r.start == span.start && f.rec.entities[*e].class == EntityClass::Person)
        .map(|&(_, e)| e);
    already.or_else(|| f.add_new(span, EntityClass::Person))
}

/// «مدير المرصد فلان»: a back-reference noun in a title names the body the person
/// serves when the article has named it already (or it is the only body the noun
/// can mean).
fn referred_body(f: &mut Found<'_>, hits: &[Hit], lex: &Lexicon, i: usize) -> Option<usize> {
    let anaphors: Vec<(&Hit, &KnownEntity)> = hits
        .iter()
        .filter(|h| h.first_token == i)
        .filter_map(|h| match h.kind {
            TermKind::Anaphor(a) => Some((h, lex.entity(a))),
            _ => None,
        })
        .collect();
    let named = f
        .rec
        .entities
        .iter()
        .position(|e| anaphors.iter().any(|(_, a)| a.iri == e.iri));
    match (named, anaphors.as_slice()) {
        (Some(e), _) => Some(e),
        // the noun names the gazetteer's entity itself, as a back-reference with no
        // antecedent does
        (None, [(h, only)])
            if !only.class.is_place() && !f.rec.entities.iter().any(|e| e.class == only.class) =>
        {
            let idx = f.rec.add_known(only);
            f.spans.push((h.range(), idx));
            Some(idx)
        }
        _ => None,
    }
}

/// «وزير الدفاع العراقي»: the known body the office names («وزارة الدفاع العراقية»),
/// its portfolio and nisba put after the body's noun.
fn office_body(f: &mut Found<'_>, lex: &Lexicon, title: &Hit) -> Option<usize> {
    let ctx = &f.ctx;
    let (_, body) = TITLE_BODIES
        .iter()
        .find(|(t, _)| *t == &ctx.norm[title.range()])?;
    let mut name = (*body).to_owned();
    let mut i = title.end_token;
    while i < ctx.tokens.len() && i < title.end_token + 3 && ctx.joined(i) {
        let w = ctx.word(i);
        if !w.starts_with("ال") || ctx.cue[i] {
            break;
        }
        name.push(' ');
        name.push_str(w);
        // the body is feminine: «العراقي» → «العراقية»
        if i > title.end_token && w.ends_with('ي') {
            name.push('ه');
        }
        i += 1;
    }
    let tokens = crate::text::tokenize(&name);
    let known = lex
        .scan(&name, &tokens)
        .into_iter()
        .find_map(|h| match h.kind {
            TermKind::Entity(e) if h.start == 0 && h.end == name.len() => Some(lex.entity(e)),
            _ => None,
        })?;
    Some(f.rec.add_known(known))
}

/// For each token: a first name that folds like a function word, written as the
/// name in the original («علي», where the preposition is «على»).
pub(super) fn folded_names(text: &NormText, original: &str, tokens: &[Token]) -> Vec<bool> {
    tokens
        .iter()
        .map(|t| {
            FOLDED_FIRST_NAMES.contains(&t.text(&text.norm))
                && original
                    .get(text.orig_bytes(t.range()))
                    .is_some_and(|w| w.ends_with('ي'))
        })
        .collect()
}

/// The name of a person starting at token `i`, as [`Ctx::name_at`] finds names,
/// but a first name spelt like a function word («علي») is a name's word, and a
/// compound («عبد الله»، «أبو بكر») counts as one of its three words.
fn person_name_at(f: &Found<'_>, i: usize) -> Option<(Range<usize>, usize)> {
    let ctx = &f.ctx;
    if ctx.quoted_gap(i) {
        return ctx.quoted_name(i, ctx.tokens[i].start, EntityClass::Person);
    }
    let word_ok = |k: usize, first: bool| {
        (f.folded_name[k] && !ctx.claimed[k]) || ctx.name_word(k, EntityClass::Person, first)
    };
    if !word_ok(i, true) {
        return None;
    }
    let words = max_name_tokens(EntityClass::Person);
    let mut compound = false;
    let mut end = i + 1;
    while end < ctx.tokens.len() && ctx.joined(end) && word_ok(end, false) {
        compound |= COMPOUND_HEADS.contains(&ctx.word(end - 1));
        // a compound's second word is no word of its own («نجم عبد الله الجبوري»),
        // but a word past the limit is a surname («الجبوري»), not a verb («نفذ»)
        let room = end - i < words
            || (compound
                && end - i == words
                && (ctx.word(end).starts_with("ال")
                    || COMPOUND_HEADS.contains(&ctx.word(end - 1))));
        if !room {
            break;
        }
        end += 1;
    }
    // one word carrying the conjunction is the sentence going on («وأدى إلى»)
    if end == i + 1 && ctx.word(i).starts_with('و') && ctx.word(i).chars().count() > 3 {
        return None;
    }
    Some((ctx.tokens[i].start..ctx.tokens[end - 1].end, end))
}

/// Tokens `from..end` can be a person's name: no word is a cue of another class
/// («وكالة أعماق») or never in a name («منهم»), and the first is no common noun
/// that opens a subject («وسائل»).
fn person_name(ctx: &Ctx<'_>, from: usize, end: usize) -> bool {
    !NOT_FIRST_NAMES.contains(&ctx.word(from))
        && (from..end).all(|k| !ctx.cue[k] && !NOT_NAME_WORDS.contains(&ctx.word(k)))
}

/// «فيان دخيل، النائبة الكردية»، «اغتالوا "محمد النجم" رئيس المجلس»: a name of two
/// or three words in apposition right before a title (after a comma, or in quotes)
/// is the person the title describes.
pub(super) fn person_before_title(f: &mut Found<'_>, h: &Hit) {
    let ctx = &f.ctx;
    let title = h.first_token;
    if title < 2 || f.covered(h.start).is_some() {
        return;
    }
    let gap = &ctx.norm[ctx.tokens[title - 1].end..ctx.tokens[title].start];
    let quoted = gap.trim() == "\"";
    if !(comma_gap(ctx, title) || quoted) {
        return;
    }
    // the name's words, from the one before the gap backwards
    let last = title - 1;
    let mut first = last;
    while first > 0
        && last + 1 - first < max_name_tokens(EntityClass::Person)
        && ctx.joined(first)
        && ctx.name_word(first - 1, EntityClass::Person, false)
        && !ctx.cue[first - 1]
    {
        first -= 1;
    }
    // a quoted name opens with its quote; the name's first word is no definite noun
    let opened = ctx.quoted_gap(first)
        && ctx.norm[ctx.tokens[first - 1].end..ctx.tokens[first].start]
            .trim_start()
            .starts_with('"');
    if quoted && !opened {
        return;
    }
    if last == first
        || !ctx.name_word(first, EntityClass::Person, true)
        || !person_name(ctx, first, last + 1)
        || (!quoted
            && first > 0
            && ctx.joined(first)
            && ctx.name_word(first - 1, EntityClass::Person, false))
    {
        return;
    }
    let span = ctx.tokens[first].start..ctx.tokens[last].end;
    if let Some(idx) = f.add_new(span, EntityClass::Person) {
        let person = &mut f.rec.entities[idx];
        if person.role.is_none() {
            person.role = Some(h.range());
        }
    }
}

/// How many words («العسكري العراقي») may stand between two titles in apposition,
/// and how many bytes before a title the other may start.
pub(super) const APPOSITION_REACH: usize = 3;
pub(super) const APPOSITION_BYTES: usize = 200;

/// A title before `title` that it stands in apposition to («المحلل العسكري
/// العراقي، العقيد»): at most a few definite words and one comma between them.
pub(super) fn apposed_title<'h>(ctx: &Ctx<'_>, hits: &'h [Hit], title: &Hit) -> Option<&'h Hit> {
    let near = hits_before(hits, title.start, APPOSITION_BYTES);
    let first = near.iter().rfind(|p| {
        p.kind == TermKind::EntityCue(EntityClass::Person)
            && p.end_token <= title.first_token
            && p.start < title.start
            && title.first_token - p.end_token <= APPOSITION_REACH
            && !is_reporting_verb(near, p)
    })?;
    let gap = &ctx.norm[first.end..title.start];
    let words = (first.end_token..title.first_token).all(|i| ctx.word(i).starts_with("ال"));
    let commas = gap.matches(['،', ',']).count();
    let other = gap
        .chars()
        .any(|c| !c.is_alphabetic() && !matches!(c, ' ' | '،' | ','));
    (words && commas <= 1 && !other).then_some(first)
}

/// «وعرف من القتلى X، Y، Z»: people named in a list after the dead or wounded (the
/// first item right after the opener, the next ones after a comma).
pub(super) fn victims_named(f: &mut Found<'_>) {
    let n = f.ctx.tokens.len();
    let mut i = 0;
    while i < n {
        let Some(opener) = VICTIM_LIST_OPENERS.iter().find(|words| {
            i + words.len() < n
                && words.iter().enumerate().all(|(k, w)| {
                    let t = f.ctx.word(i + k);
                    (t == *w || (k == 0 && t.strip_prefix('و') == Some(w)))
                        && (k == 0 || f.ctx.joined(i + k))
                })
        }) else {
            i += 1;
            continue;
        };
        let mut at = i + opener.len();
        let mut first = true;
        while at < n
            && if first {
                f.ctx.joined(at)
            } else {
                comma_gap(&f.ctx, at)
            }
        {
            let Some(end) = listed_name(f, at) else {
                break;
            };
            f.add_new(
                f.ctx.tokens[at].start..f.ctx.tokens[end - 1].end,
                EntityClass::Person,
            );
            at = end;
            first = false;
        }
        i = at.max(i + 1);
    }
}

/// A name of two to four words starting at token `i` in a list (it ends at a comma or
/// where the words stop being a name's); the token after it.
fn listed_name(f: &Found<'_>, i: usize) -> Option<usize> {
    let ctx = &f.ctx;
    let word_ok = |k: usize, first: bool| {
        !ctx.cue[k] && (f.folded_name[k] || ctx.name_word(k, EntityClass::Person, first))
    };
    if !word_ok(i, true) {
        return None;
    }
    let mut end = i + 1;
    while end < ctx.tokens.len()
        && end - i < LISTED_NAME_WORDS
        && ctx.joined(end)
        && word_ok(end, false)
    {
        end += 1;
    }
    (end - i >= 2 && person_name(ctx, i, end)).then_some(end)
}

/// «فلان الفلاني / وكالات»: a signature line, wherever it stands, names the author.
pub(super) fn signatures(f: &mut Found<'_>) {
    let norm = f.ctx.norm;
    for (slash, _) in norm.match_indices('/') {
        let line_start = norm[..slash].rfind('\n').map_or(0, |p| p + 1);
        let line_end = norm[slash..].find('\n').map_or(norm.len(), |p| slash + p);
        let after = &norm[slash + 1..line_end];
        let tail_start = slash + 1 + (after.len() - after.trim_start().len());
        let tail_end = slash + 1 + after.trim_end().len();
        let outlet = f.spans.iter().any(|(r, e)| {
            r.start == tail_start
                && r.end == tail_end
                && f.rec.entities[*e].class == EntityClass::NewsOutlet
        });
        if !(outlet || SIGNATURE_TAILS.contains(&after.trim())) {
            continue;
        }
        let first = f.ctx.token_index_at(line_start);
        let last = f.ctx.token_index_at(slash);
        if !(2..=3).contains(&last.saturating_sub(first))
            || !norm[line_start..f.ctx.tokens[first].start]
                .trim()
                .is_empty()
            || !norm[f.ctx.tokens[last - 1].end..slash].trim().is_empty()
        {
            continue;
        }
        let names = (first..last).all(|i| {
            f.ctx.tokens[i].kind == TokenKind::Word
                && f.ctx.name_word(i, EntityClass::Person, i == first)
                && (i == first || f.ctx.joined(i))
        }) && person_name(&f.ctx, first, last);
        if names {
            f.add_new(
                f.ctx.tokens[first].start..f.ctx.tokens[last - 1].end,
                EntityClass::Person,
            );
        }
    }
}

/// «OUTLET – الاسم الاسم»، «OUTLET - (الاسم الاسم)» or a name alone on one of the
/// first lines: the author.
pub(super) fn bylines(f: &mut Found<'_>) {
    let norm = f.ctx.norm;
    let mut line_start = 0;
    for line in norm.split('\n').take(BYLINE_LINES) {
        let line_range = line_start..line_start + line.len();
        line_start = line_range.end + 1;
        let name_start = match line.rfind('-') {
            Some(dash) => {
                // what stands before the dash must be a known name (the outlet), or
                // the name after it is set apart in brackets («OUTLET - (X Y)»)
                let before = line_range.start..line_range.start + dash;
                let words: Vec<usize> = (0..f.ctx.tokens.len())
                    .filter(|&i| before.contains(&f.ctx.tokens[i].start))
                    .collect();
                let after = line[dash + 1..].trim();
                let bracketed = after.starts_with('(') && after.ends_with(')');
                if words.is_empty()
                    || !(bracketed
                        || words
                            .iter()
                            .all(|&i| f.covered(f.ctx.tokens[i].start).is_some()))
                {
                    continue;
                }
                line_range.start + dash + 1
            }
            None => line_range.start,
        };
        let words: Vec<usize> = (0..f.ctx.tokens.len())
            .filter(|&i| {
                f.ctx.tokens[i].start >= name_start && f.ctx.tokens[i].end <= line_range.end
            })
            .collect();
        if !(2..=3).contains(&words.len()) {
            continue;
        }
        let rest = &norm[f.ctx.tokens[words[words.len() - 1]].end..line_range.end];
        if !matches!(rest.trim(), "" | ")") {
            continue;
        }
        let all_names = words.iter().enumerate().all(|(k, &i)| {
            f.ctx.tokens[i].kind == TokenKind::Word
                && f.ctx.name_word(i, EntityClass::Person, k == 0)
                && !f.ctx.cue[i]
        }) && person_name(&f.ctx, words[0], words[words.len() - 1] + 1);
        if all_names {
            let span = f.ctx.tokens[words[0]].start..f.ctx.tokens[words[words.len() - 1]].end;
            f.add_new(span, EntityClass::Person);
        }
    }
}

/// A person named in full is later named again, in full or by surname alone.
pub(super) fn person_re_mentions(f: &mut Found<'_>) {
    let persons: Vec<(usize, Vec<String>)> = f
        .rec
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.class == EntityClass::Person && !e.known)
        .map(|(i, e)| (i, e.label_ar.split(' ').map(str::to_owned).collect()))
        .collect();
    for (entity, words) in persons {
        // the surname: the last word, or the last two after a compound head («عبد الكريم»)
        let surname: Option<Vec<String>> = match words.len() {
            n if n >= 3 && COMPOUND_HEADS.contains(&words[n - 2].as_str()) => {
                Some(words[n - 2..].to_vec())
            }
            n if n >= 2 && words[n - 1].chars().count() >= 3 => Some(words[n - 1..].to_vec()),
            _ => None,
        };
        let matches_at = |i: usize, ws: &[String]| {
            i + ws.len() <= f.ctx.tokens.len()
                && ws
                    .iter()
                    .enumerate()
                    .all(|(k, w)| f.ctx.word(i + k) == w && (k == 0 || f.ctx.joined(i + k)))
        };
        let mut i = 0;
        while i < f.ctx.tokens.len() {
            let n = if matches_at(i, &words) {
                words.len()
            } else if let Some(s) = surname.as_ref().filter(|s| matches_at(i, s)) {
                s.len()
            } else {
                0
            };
            if n > 0 {
                let span = f.ctx.tokens[i].start..f.ctx.tokens[i + n - 1].end;
                if f.covered(span.start).is_none() {
                    f.spans.push((span, entity));
                }
                i += n;
            } else {
                i += 1;
            }
        }
    }
}

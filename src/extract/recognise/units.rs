//! Military units, commands and the names organisation cues give them.
//!
//! * A unit noun of the lexicon (`isn:unitCue`: «فرقة»، «لواء»، «فوج»، «سرية») with a
//!   number or an ordinal after it («الفرقة 11»، «اللواء12»، «اللواء الخامس
//!   والأربعين») is one unit. The unit or force named right after it through «في»،
//!   «من»، «بـ»، «التابع لـ» («السرية الرابعة بالفوج الأول»، «اللواء 12 في الحشد
//!   الشعبي») is what it is part of; a unit takes its parent's class (a unit of an
//!   armed group is an armed group). Its IRI is its parent's IRI and its own noun
//!   and number («…/pmf/لواء-12»), so the same unit is one node in every article
//!   that names its parent, and «اللواء 45» and «اللواء الخامس والأربعين» are one
//!   node. A unit named again without its parent is the unit named with it.
//! * The sector of a command («قاطع عمليات ديالى»، «قاطع قيادة عمليات كركوك») is a
//!   place (Region) named after the command, not the command.
//! * A name after an organisation cue (`org_cue_name`) is no name when it only
//!   describes («قوات عراقية وكردية»، «وحدات شيعية مدعومة»، «قوات بلاده»، «خلية
//!   تابعة»); a military council is a state force («مجلس X العسكري»); a directorate
//!   or authority of the police or security is a state force, one of a place an
//!   administration («مديرية ناحية X»).
//!
//! Invariants: a unit needs its number or ordinal (a rank «اللواء فلان» is a
//! person's title, left to `persons`); a unit's parent is named after it, so units
//! are resolved from the last to the first and a chain never loops; spans are
//! token-aligned.

use super::*;
use crate::extract::numbers::{cardinal_word, ordinal_value};

/// Links from a unit to the unit or force it belongs to («في»، «من»، «ضمن»).
const PARENT_LINKS: &[&str] = &["في", "من", "ضمن"];

/// «التابع لـ»: the participle before a parent named with «لـ».
const BELONGING: &[&str] = &["التابع", "التابعه", "التابعين", "التابعتين", "التابعان"];

/// Proclitics that tie a parent to the unit before it («بالفرقة»، «للحشد»).
const PARENT_CLITICS: &[&str] = &["ب", "بال", "ل", "لل"];

/// Nouns of a command's sector: «قاطع عمليات ديالى» is the area, not the command.
const SECTOR_NOUNS: &[&str] = &["قاطع"];

/// «عشر»/«عشرة» after an ordinal unit: «الحادي عشر» 11, «الخامسة عشرة» 15.
const TEEN_TAILS: &[&str] = &["عشر", "عشره"];

/// The unit of «الحادي عشر»، «الحادية والعشرين» (1 only in compounds).
const ONE_IN_COMPOUNDS: &[&str] = &["حادي", "حاديه"];

/// Cue nouns of bodies named after the place they serve: «مجلس محافظة نينوى»،
/// «شرطة كركوك»، «مديرية ناحية زمار».
const BODIES_OF_PLACES: &[&str] = &["مجلس", "شرطه", "مديريه", "دايره", "قياده"];

/// Words that describe what an organisation cue names rather than name it: «قوات
/// بلاده»، «قوات بقيادة …»، «خلية تابعة لـ…»، «وحدات مدعومة من …».
#[rustfmt::skip]
const DESCRIPTIVE_WORDS: &[&str] = &[
    "بلاده", "بلادها", "بلادهم", "بقياده", "تابعه", "تابع", "تابعين", "تابعون", "مدعومه",
    "مدعوم", "مدعومين", "مواليه", "موالي", "موالين", "مشتركه", "مشترك", "خاصه", "خاص",
    "اضافيه", "كبيره", "صغيره", "عده", "اخري", "تتبع", "يتبع", "تعمل", "يقودها", "يقوده",
];

/// Adjectives after an organisation's name that make it a state force: «مجلس منبج
/// العسكري»، «المجلس العسكري».
const MILITARY_ADJECTIVES: &[&str] = &["العسكري", "العسكريه"];

/// Words that make an authority a security body: «مديرية شرطة X»، «مديرية أمن X».
#[rustfmt::skip]
const SECURITY_WORDS: &[&str] = &[
    "شرطه", "الشرطه", "امن", "الامن", "استخبارات", "الاستخبارات", "مخابرات", "المخابرات",
    "مكافحه", "حرس", "الحرس", "الدفاع",
];

/// A unit noun with its number, as found in the text.
struct UnitPhrase {
    /// Normalised byte range of the noun (with its article) and number.
    span: Range<usize>,
    /// The noun as normalised, without proclitics («لواء»، «فرقه»).
    noun: String,
    number: u32,
    class: EntityClass,
    first_token: usize,
    end_token: usize,
}

/// What a unit belongs to.
#[derive(Clone, Copy)]
enum Parent {
    /// Another unit (index into the phrases).
    Unit(usize),
    /// A recognised entity.
    Entity(usize),
}

/// Finds the article's units, their parents and identities; adds them as entities.
pub(super) fn units(f: &mut Found<'_>, hits: &[Hit], lex: &Lexicon) {
    let mut phrases: Vec<UnitPhrase> = Vec::new();
    for h in hits {
        let TermKind::UnitCue(class) = h.kind else {
            continue;
        };
        if phrases
            .last()
            .is_some_and(|p| p.first_token == h.first_token)
            || f.covered(h.start).is_some()
        {
            continue;
        }
        if let Some(p) = unit_phrase(&f.ctx, h, class) {
            phrases.push(p);
        }
    }
    if phrases.is_empty() {
        return;
    }
    let parents: Vec<Option<Parent>> = (0..phrases.len())
        .map(|i| parent_of(f, hits, lex, &phrases, i))
        .collect();
    // identities from the last unit to the first: a parent always comes after
    let mut resolved: Vec<Option<(String, EntityClass, Option<String>)>> =
        vec![None; phrases.len()];
    for i in (0..phrases.len()).rev() {
        let p = &phrases[i];
        let parent = match parents[i] {
            Some(Parent::Unit(j)) => resolved[j].as_ref().map(|(iri, c, _)| (iri.clone(), *c)),
            Some(Parent::Entity(e)) => {
                let e = &f.rec.entities[e];
                Some((e.iri.clone(), e.class))
            }
            None => None,
        };
        let own = iri_segment(&format!("{}-{}", p.noun, p.number));
        resolved[i] = Some(match parent {
            Some((iri, class)) => {
                let class = if class.is_armed() { class } else { p.class };
                (format!("{iri}/{own}"), class, Some(iri))
            }
            None => (
                format!(
                    "{}{}/{own}",
                    vocab::ID,
                    p.class.local().to_ascii_lowercase()
                ),
                p.class,
                None,
            ),
        });
    }
    for (i, p) in phrases.iter().enumerate() {
        let Some((mut iri, mut class, mut part_of)) = resolved[i].clone() else {
            continue;
        };
        // named again without its parent: the unit named with it
        if part_of.is_none() {
            if let Some((j, _)) = phrases.iter().enumerate().find(|(j, q)| {
                q.noun == p.noun
                    && q.number == p.number
                    && resolved[*j].as_ref().is_some_and(|r| r.2.is_some())
            }) {
                if let Some(r) = resolved[j].clone() {
                    (iri, class, part_of) = r;
                }
            }
        }
        if f.covered(p.span.start).is_some() || f.covered(p.span.end - 1).is_some() {
            continue;
        }
        let norm = f.ctx.norm;
        let idx = f.rec.add_entity(Entity {
            part_of,
            ..Entity::new(iri, class, norm[p.span.clone()].to_owned())
        });
        f.spans.push((p.span.clone(), idx));
    }
}

/// The unit noun of `h` and the number or ordinal right after it.
fn unit_phrase(ctx: &Ctx<'_>, h: &Hit, class: EntityClass) -> Option<UnitPhrase> {
    let first = ctx.tokens.get(h.first_token)?;
    let prefix = &ctx.norm[first.start..h.start];
    let definite = prefix.ends_with("ال") || prefix.ends_with("لل");
    // the article belongs to the name as written («اللواء 42»), other clitics do not
    let start = if prefix.ends_with("ال") {
        h.start - "ال".len()
    } else {
        h.start
    };
    let next = h.end_token;
    let t = ctx.tokens.get(next)?;
    if !ctx.joined(next) || t.start < h.end {
        return None;
    }
    let (number, end_token) = match t.kind {
        TokenKind::Number => (t.text(ctx.norm).parse::<u32>().ok()?, next + 1),
        TokenKind::Word if definite => ordinal_at(ctx, next)?,
        _ => return None,
    };
    if number == 0 || number > 999 {
        return None;
    }
    Some(UnitPhrase {
        span: start..ctx.tokens[end_token - 1].end,
        noun: ctx.norm[h.range()].to_owned(),
        number,
        class,
        first_token: h.first_token,
        end_token,
    })
}

/// A definite ordinal starting at token `i` («الأول»، «الحادي عشر»، «الخامس
/// والأربعين»، «العشرين») and the token after it.
fn ordinal_at(ctx: &Ctx<'_>, i: usize) -> Option<(u32, usize)> {
    let bare = ctx.word(i).strip_prefix("ال")?;
    let units = ordinal_value(bare)
        .filter(|_| ctx.word(i).starts_with("ال"))
        .or_else(|| ONE_IN_COMPOUNDS.contains(&bare).then_some(1));
    let Some(units) = units else {
        // the tens alone: «العشرين»
        let tens = tens_value(bare)?;
        return Some((tens, i + 1));
    };
    let next = i + 1;
    if next < ctx.tokens.len() && ctx.joined(next) {
        let w = ctx.word(next);
        if TEEN_TAILS.contains(&w) {
            return Some((units + 10, next + 1));
        }
        if let Some(tens) = w.strip_prefix("وال").and_then(tens_value) {
            return Some((units + tens, next + 1));
        }
    }
    // «الحادي» alone is no ordinal
    (!ONE_IN_COMPOUNDS.contains(&bare)).then_some((units, next))
}

/// «عشرين» … «تسعين» → 20 … 90.
fn tens_value(word: &str) -> Option<u32> {
    let v = cardinal_word(word)?;
    ((20..=90).contains(&v) && v % 10 == 0).then_some(v as u32)
}

/// The unit or force unit `i` belongs to: named right after it through a link.
fn parent_of(
    f: &Found<'_>,
    hits: &[Hit],
    lex: &Lexicon,
    phrases: &[UnitPhrase],
    i: usize,
) -> Option<Parent> {
    let ctx = &f.ctx;
    let mut k = phrases[i].end_token;
    let mut clitics: &[&str] = PARENT_CLITICS;
    if k < ctx.tokens.len() && ctx.joined(k) && PARENT_LINKS.contains(&ctx.word(k)) {
        k += 1;
        clitics = &[""];
    } else if k < ctx.tokens.len() && ctx.joined(k) && BELONGING.contains(&ctx.word(k)) {
        k += 1;
        clitics = &["ل", "لل"];
    }
    if k >= ctx.tokens.len() || !ctx.joined(k) {
        return None;
    }
    let tok = ctx.tokens[k];
    let clitic_ok =
        |start: usize| start >= tok.start && clitics.contains(&&ctx.norm[tok.start..start]);
    if let Some(j) = phrases.iter().position(|p| p.first_token == k) {
        // «بالفوج»: the unit's span keeps its article, the clitic stands before it
        return clitic_ok(phrases[j].span.start).then_some(Parent::Unit(j));
    }
    if let Some((r, e)) = f
        .spans
        .iter()
        .find(|(r, _)| r.start >= tok.start && r.start < tok.end)
    {
        let class = f.rec.entities[*e].class;
        if clitic_ok(r.start) && (class.is_armed() || class == EntityClass::Government) {
            return Some(Parent::Entity(*e));
        }
        return None;
    }
    // «التابع للحشد»: a back-reference noun to a force the article has named
    hits.iter()
        .filter(|h| h.first_token == k && clitic_ok(h.start))
        .filter_map(|h| match h.kind {
            TermKind::Anaphor(a) => Some(lex.entity(a)),
            _ => None,
        })
        .find_map(|known| {
            f.rec
                .entities
                .iter()
                .position(|e| e.iri == known.iri && e.class.is_armed())
        })
        .map(Parent::Entity)
}

/// «قاطع عمليات ديالى»، «قاطع قيادة عمليات كركوك»: the sector of a command the
/// gazetteer knows is a place named after it; it takes the command's mention.
pub(super) fn sectors(f: &mut Found<'_>) {
    let n = f.ctx.tokens.len();
    for i in 0..n.saturating_sub(1) {
        let w = f.ctx.word(i);
        let Some(noun_start) = SECTOR_NOUNS.iter().find_map(|s| {
            w.strip_suffix(s)
                .filter(|p| crate::text::is_proclitic_prefix(p) && !p.ends_with("ال"))
                .map(|p| f.ctx.tokens[i].start + p.len())
        }) else {
            continue;
        };
        if !f.ctx.joined(i + 1) {
            continue;
        }
        let next = f.ctx.tokens[i + 1];
        let Some(pos) = f.spans.iter().position(|(r, e)| {
            r.start == next.start && f.rec.entities[*e].class == EntityClass::StateForce
        }) else {
            continue;
        };
        let command = f.spans[pos].0.clone();
        let span = noun_start..command.end;
        let entity = new_entity(f.ctx.norm, &span, &span, EntityClass::Region);
        let idx = f.rec.add_entity(entity);
        f.spans[pos] = (span, idx);
    }
}

/// «مجلس محافظة نينوى»، «شرطة كركوك»: a body named after a place the gazetteer
/// knows is a new organisation of its cue's class; the place is part of its name
/// and no mention of its own.
pub(super) fn bodies_of_places(f: &mut Found<'_>, hits: &[Hit]) {
    for h in hits {
        let TermKind::EntityCue(class) = h.kind else {
            continue;
        };
        let cue = &f.ctx.norm[h.range()];
        if class.is_place()
            || class == EntityClass::Person
            || !BODIES_OF_PLACES.contains(&cue)
            || is_definite(&f.ctx, h)
            || f.covered(h.start).is_some()
            || h.end_token >= f.ctx.tokens.len()
            || !f.ctx.joined(h.end_token)
        {
            continue;
        }
        let next = f.ctx.tokens[h.end_token];
        let Some(pos) = f
            .spans
            .iter()
            .position(|(r, e)| r.start == next.start && f.rec.entities[*e].class.is_place())
        else {
            continue;
        };
        let place = f.spans.remove(pos).0;
        let mut span = h.start..place.end;
        let mut class = class;
        // «مجلس تل أبيض العسكري»: a military council is a state force
        let after = f.ctx.token_index_at(place.end);
        if after < f.ctx.tokens.len()
            && f.ctx.joined(after)
            && MILITARY_ADJECTIVES.contains(&f.ctx.word(after))
        {
            span.end = f.ctx.tokens[after].end;
            class = EntityClass::StateForce;
        }
        let idx = f
            .rec
            .add_entity(new_entity(f.ctx.norm, &span, &span, class));
        f.spans.push((span, idx));
    }
}

/// The name an organisation cue gives (`span`, cue included), and its class: `None`
/// when the cue is part of a person's title or the words after it only describe.
pub(super) fn org_cue_name(
    f: &mut Found<'_>,
    hits: &[Hit],
    cue: &Hit,
    class: EntityClass,
    span: Range<usize>,
) -> Option<(Range<usize>, EntityClass)> {
    let ctx = &f.ctx;
    // «آمر لواء فلان»، «رئيس حكومة فلان»: the cue is part of a person's title
    let in_title = hits.iter().any(|t| {
        t.kind == TermKind::EntityCue(EntityClass::Person)
            && t.start < cue.start
            && cue.end <= t.end
    });
    if in_title {
        return None;
    }
    let from = cue.end_token;
    let mut end_token = ctx.token_index_at(span.end).min(ctx.tokens.len());
    let mut span = span;
    // «مجموعات الدفاع الشعبية قضت»: after a definite word, an indefinite one is the
    // sentence going on, not the name (unless the name is quoted)
    if let Some(cut) = (from + 1..end_token)
        .find(|&i| definite(ctx.word(i - 1)) && !definite(ctx.word(i)) && !ctx.quoted_gap(from))
    {
        end_token = cut;
        span.end = ctx.tokens[cut - 1].end;
    }
    let words: Vec<&str> = (from..end_token).map(|i| ctx.word(i)).collect();
    // «مديرية ناحية زمار»: a cue noun after the cue is no adjective
    let feminine = feminine(&ctx.norm[cue.range()]);
    if describes(&words, from < end_token && ctx.cue[from], feminine) {
        return None;
    }
    // «لجنة تخليد مجزرة تكريت»: a known place that ends the name belongs to it (and
    // is no mention of its own)
    if end_token > from && end_token < ctx.tokens.len() && ctx.joined(end_token) {
        let next = ctx.tokens[end_token];
        let place = f
            .spans
            .iter()
            .position(|(r, e)| r.start == next.start && f.rec.entities[*e].class.is_place());
        if let Some(p) = place.filter(|_| class != EntityClass::NewsOutlet) {
            let (r, _) = f.spans.remove(p);
            span.end = r.end;
            end_token = ctx.token_index_at(r.end).min(ctx.tokens.len());
        }
    }
    let words: Vec<&str> = (from..end_token).map(|i| ctx.word(i)).collect();
    let mut class = class;
    // «مجلس منبج العسكري»: a military council is a state force
    if end_token < ctx.tokens.len()
        && ctx.joined(end_token)
        && MILITARY_ADJECTIVES.contains(&ctx.word(end_token))
    {
        span.end = ctx.tokens[end_token].end;
        class = EntityClass::StateForce;
    }
    if words.iter().any(|w| MILITARY_ADJECTIVES.contains(w)) {
        class = EntityClass::StateForce;
    }
    // «مديرية شرطة كركوك»: an authority of the police or security is a security body
    if class == EntityClass::Government && words.iter().any(|w| SECURITY_WORDS.contains(w)) {
        class = EntityClass::StateForce;
    }
    Some((span, class))
}

/// The words after an organisation cue describe it: a descriptive word first
/// («تابعة»، «بقيادة»), or an indefinite adjective first (not a cue noun that only
/// looks like one, «ناحية») that no definite word follows («عراقية وكردية»، «شيعية
/// مدعومة»، «محلي لإحدى القرى»).
fn describes(words: &[&str], first_is_cue: bool, feminine: bool) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    if DESCRIPTIVE_WORDS.contains(first) {
        return true;
    }
    // «قوات سورية الديمقراطية»، «وحدات حماية الشعب»: a definite word right after
    // it makes the first word a name's
    let named = words
        .get(1)
        .is_some_and(|w| w.strip_prefix("ال").is_some_and(|r| r.chars().count() >= 2));
    !first_is_cue && (nisba(first, feminine) || participle(first)) && !named
}

/// A cue noun that takes feminine adjectives: «قيادة»، «قوات»، «ميليشيا».
fn feminine(cue: &str) -> bool {
    cue.ends_with('ه') || cue.ends_with("ات") || cue.ends_with('ا')
}

/// A word with the article, maybe behind a proclitic («الشعبية»، «للقوات»).
fn definite(w: &str) -> bool {
    ["ال", "لل", "بال", "وال", "فال", "كال"]
        .iter()
        .any(|a| w.strip_prefix(a).is_some_and(|r| r.chars().count() >= 2))
}

/// An indefinite nisba adjective agreeing with its noun: «عراقية»، «كردي»، «شيعيين».
fn nisba(w: &str, feminine: bool) -> bool {
    // after a feminine noun the adjective agrees («ميليشيا قاطرجي» is a name)
    let endings: &[&str] = if feminine {
        &["يه", "يين", "يون"]
    } else {
        &["يه", "يين", "يون", "ي"]
    };
    !w.starts_with("ال") && w.chars().count() >= 4 && endings.iter().any(|s| w.ends_with(s))
}

/// An indefinite participle used as an adjective: «مدعومة»، «مسلحة»، «مختلفة».
fn participle(w: &str) -> bool {
    w.starts_with('م') && w.chars().count() >= 5 && ["ه", "ين", "ون"].iter().any(|s| w.ends_with(s))
}

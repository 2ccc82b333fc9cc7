//! Compound places: a head noun of the lexicon and the place it names make one
//! place of their own, labelled as written — «ريف دير الزور الشرقي»، «بادية حماة
//! الشرقية»، «قاطع عمليات ديالى»، «وادي زغيتون»، «في شرق دير الزور»، «طريق القامشلي –
//! المالكية». The head's kind (lexicon.ttl) says how the compound relates to the
//! place it names:
//! * part heads (ريف، بادية، صحراء، قاطع عمليات …) name a part of the place: the
//!   compound lies in it. The countryside or desert of a city lies around it: in the
//!   governorate named after the city (or the city's own region), next to the city;
//! * feature heads (وادي، بحيرة، جبال …) name a feature called by the name after
//!   them, which need not lie in the place of that name;
//! * direction heads (شرق، شمال غرب …) name a part of a known region or city only
//!   after a preposition («في شرق دير الزور»), and not as the last link of a chain
//!   of places («في محافظة حلب في شرق المحافظة»); between two places they only say
//!   where the first lies from the second (places.rs), and before a country («في
//!   شمال سوريا») only where in it something lies;
//! * route heads (طريق، مثلث) join two or more places by dashes;
//! * unit heads (ناحية، قضاء، محافظة) before a known town or village name the
//!   administrative unit seated there (next to the town, in its region), unless the
//!   gazetteer gives the phrase itself as a name («قضاء مخمور» is the town there);
//!   before a new name they are plain place cues (names.rs).
//!
//! Up to two direction adjectives of the lexicon close the compound («الشرقي»); a
//! definite part or feature head may take them first and the place after «ل»
//! («الريف الشرقي لدير الزور»), the same place as «ريف دير الزور الشرقي».
//!
//! One mention, one entity: the place named inside a compound is no mention of its
//! own. A gazetteer name that starts where the compound starts and reaches as far
//! («ريف دمشق»، «جبال حمرين») wins, and so does one that starts before the head
//! and runs into it («سلسلة جبال حمرين»); a gazetteer name followed by direction
//! adjectives is a compound inside it («ريف دمشق الغربي»). Identity: the class,
//! the head, the named place's canonical label (or the new name as written) and the
//! adjectives, normalised — the same compound in any article is the same node.
//!
//! Invariant: a compound starts at its head and ends at the end of a token.

use super::*;
use crate::extract::lexicon::HeadKind;

/// Prepositions before a direction head that make it name a region («في شرق X»).
const REGION_PREPOSITIONS: &[&str] = &["في", "الي", "داخل", "عبر", "نحو", "باتجاه", "من"];

/// Dashes that join the places of a route («طريق X – Y»).
const ROUTE_DASHES: &[char] = &['-'];

/// How many places a route may join («مثلث X – Y – Z»).
const MAX_ROUTE_PLACES: usize = 4;

/// A compound found in the text, before it becomes an entity.
struct Compound {
    span: Range<usize>,
    /// Normalised words that identify it (head, named place, adjectives).
    key: String,
    located_in: Vec<String>,
    near: Vec<String>,
    route: bool,
}

/// The place a compound names: a gazetteer place or a new name.
enum Named<'l> {
    Known(&'l KnownEntity),
    New(Range<usize>),
}

impl Named<'_> {
    fn key(&self, norm: &str) -> String {
        match self {
            Named::Known(k) => crate::text::normalise(k.label_ar.as_deref().unwrap_or(&k.iri)),
            Named::New(r) => norm[r.clone()].to_owned(),
        }
    }
}

pub(super) fn compound_places(f: &mut Found<'_>, hits: &[Hit], lex: &Lexicon) {
    for h in hits {
        let TermKind::CompoundHead(class, kind) = h.kind else {
            continue;
        };
        let definite = is_definite(&f.ctx, h);
        if f.covered(h.start).is_some()
            || !longest_head(hits, h)
            || after_place_cue(&f.ctx, hits, h)
            || (kind == HeadKind::Direction && !names_region(&f.ctx, hits, lex, h))
        {
            continue;
        }
        let found = match (kind, definite) {
            (HeadKind::Part | HeadKind::Feature, true) => definite_at(&f.ctx, hits, lex, h, kind),
            (_, true) => None,
            (HeadKind::Route, false) => route_at(&f.ctx, hits, lex, h),
            (_, false) => compound_at(&f.ctx, hits, lex, h, kind),
        };
        let Some(c) = found else {
            continue;
        };
        if known_runs_into(hits, c.span.start) || known_reaches(hits, c.span.start, c.span.end) {
            continue;
        }
        let norm = f.ctx.norm;
        let entity = f.rec.add_entity(Entity {
            located_in: c.located_in,
            near: c.near,
            route: c.route,
            ..Entity::new(
                new_iri(class, &c.key),
                class,
                norm[c.span.clone()].to_owned(),
            )
        });
        f.spans.push((c.span, entity));
    }
}

/// No longer head starts where this one does («شمال شرق» over «شمال»).
fn longest_head(hits: &[Hit], h: &Hit) -> bool {
    !hits.iter().any(|o| {
        o.start == h.start && o.end > h.end && matches!(o.kind, TermKind::CompoundHead(..))
    })
}

/// A gazetteer name that starts before the compound runs into it («سلسلة جبال حمرين»).
fn known_runs_into(hits: &[Hit], start: usize) -> bool {
    hits_before(hits, start, 200)
        .iter()
        .any(|k| matches!(k.kind, TermKind::Entity(_)) && k.start < start && k.end > start)
}

/// A gazetteer name from the head's start reaches at least to `end`.
fn known_reaches(hits: &[Hit], start: usize, end: usize) -> bool {
    hits.iter()
        .any(|k| matches!(k.kind, TermKind::Entity(_)) && k.start == start && k.end >= end)
}

/// The head is the first word of a name a place cue introduces («مخيم وادي X»).
fn after_place_cue(ctx: &Ctx<'_>, hits: &[Hit], h: &Hit) -> bool {
    h.first_token > 0
        && ctx.tokens[h.first_token].start == h.start
        && ctx.joined(h.first_token)
        && hits.iter().any(|c| {
            c.end_token == h.first_token
                && matches!(c.kind, TermKind::EntityCue(class) if class.is_place())
                && !is_definite(ctx, c)
        })
}

/// A direction head names a region after a preposition («في شرق دير الزور»،
/// «بشمال بغداد»), unless that preposition only links it to a place just named
/// («في بلدة X في شرق المحافظة»).
fn names_region(ctx: &Ctx<'_>, hits: &[Hit], lex: &Lexicon, h: &Hit) -> bool {
    let i = h.first_token;
    let clitic = &ctx.norm[ctx.tokens[i].start..h.start];
    let (after_prep, before) = if clitic.ends_with('ب') {
        (true, i)
    } else if clitic.is_empty()
        && i > 0
        && REGION_PREPOSITIONS.contains(&ctx.word(i - 1))
        && ctx.joined(i)
    {
        (true, i - 1)
    } else {
        (false, i)
    };
    let chained = before > 0
        && hits.iter().any(|k| {
            k.end_token == before
                && matches!(k.kind, TermKind::Entity(e) if lex.entity(e).class.is_place())
        });
    after_prep && !chained
}

/// The longest gazetteer place starting at byte `start` of token `token`, or right
/// after an article there that its name is written without («الدبس» for «دبس»).
fn known_place_at<'l, 'h>(
    ctx: &Ctx<'_>,
    hits: &'h [Hit],
    lex: &'l Lexicon,
    token: usize,
    start: usize,
) -> Option<(&'l KnownEntity, &'h Hit)> {
    let place = |k: &'h Hit| match k.kind {
        TermKind::Entity(e) if lex.entity(e).class.is_place() && k.first_token == token => {
            Some((lex.entity(e), k))
        }
        _ => None,
    };
    let at = |s: usize| {
        let from = hits.partition_point(|k| k.start < s);
        hits[from..]
            .iter()
            .take_while(move |k| k.start == s)
            .find_map(place)
    };
    let article = ctx.norm.get(start..start + ARTICLE.len()) == Some(ARTICLE);
    at(start).or_else(|| article.then(|| at(start + ARTICLE.len())).flatten())
}

/// The definite article, which a gazetteer name may be written without.
const ARTICLE: &str = "ال";

/// A token that is exactly a direction adjective of the lexicon.
fn is_direction_adjective(ctx: &Ctx<'_>, hits: &[Hit], i: usize) -> bool {
    let t = &ctx.tokens[i];
    let from = hits.partition_point(|k| k.start < t.start);
    hits[from..]
        .iter()
        .take_while(|k| k.start == t.start)
        .any(|k| k.kind == TermKind::Direction && k.end == t.end)
}

/// Up to two direction adjectives from token `i`; returns the token after them.
fn direction_adjectives(ctx: &Ctx<'_>, hits: &[Hit], mut i: usize) -> usize {
    for _ in 0..2 {
        if i < ctx.tokens.len() && ctx.joined(i) && is_direction_adjective(ctx, hits, i) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The place named from token `i`: a gazetteer place, or (if `new` allows) a new
/// name — one word, a compound («تل X»), or a definite word with its definite
/// adjective — that stops before a direction adjective. Returns it and the token
/// after it.
fn named_at<'l>(
    ctx: &Ctx<'_>,
    hits: &[Hit],
    lex: &'l Lexicon,
    i: usize,
    new: bool,
) -> Option<(Named<'l>, usize)> {
    let t = ctx.tokens.get(i)?;
    if let Some((known, k)) = known_place_at(ctx, hits, lex, i, t.start) {
        return Some((Named::Known(known), k.end_token));
    }
    if !new {
        return None;
    }
    let (_, next) = item_at(ctx, i, t.start, EntityClass::Region)?;
    let end = (i..next)
        .find(|&j| is_direction_adjective(ctx, hits, j))
        .unwrap_or(next);
    (end > i).then(|| (Named::New(t.start..ctx.tokens[end - 1].end), end))
}

/// Where a compound of this kind naming `place` lies, and the city it lies next to.
fn placement(kind: HeadKind, place: &KnownEntity, lex: &Lexicon) -> (Vec<String>, Vec<String>) {
    match kind {
        HeadKind::Feature | HeadKind::Route => (Vec::new(), Vec::new()),
        HeadKind::Direction => (vec![place.iri.clone()], Vec::new()),
        // a unit seated in a town: next to it, in the town's own region
        HeadKind::Unit => (place.located_in.clone(), vec![place.iri.clone()]),
        HeadKind::Part if place.class == EntityClass::City => {
            // the countryside of a city lies around it, in the city's region
            let named = place
                .located_in
                .iter()
                .filter_map(|r| lex.entity_by_iri(r))
                .find(|r| named_after(r, place))
                .map(|r| vec![r.iri.clone()]);
            (
                named.unwrap_or_else(|| place.located_in.clone()),
                vec![place.iri.clone()],
            )
        }
        HeadKind::Part => (vec![place.iri.clone()], Vec::new()),
    }
}

/// «ريف دير الزور الشرقي»، «وادي زغيتون»، «ريف دمشق الغربي».
fn compound_at(
    ctx: &Ctx<'_>,
    hits: &[Hit],
    lex: &Lexicon,
    h: &Hit,
    kind: HeadKind,
) -> Option<Compound> {
    let norm = ctx.norm;
    // a gazetteer place that starts with the head: a compound only with adjectives
    if let Some((known, k)) = known_place_at(ctx, hits, lex, h.first_token, h.start) {
        if k.end > h.end {
            let end = direction_adjectives(ctx, hits, k.end_token);
            if end == k.end_token {
                return None;
            }
            let span = h.start..ctx.tokens[end - 1].end;
            return Some(Compound {
                key: format!(
                    "{} {}",
                    Named::Known(known).key(norm),
                    &norm[ctx.tokens[k.end_token].start..span.end]
                ),
                span,
                located_in: vec![known.iri.clone()],
                near: Vec::new(),
                route: false,
            });
        }
    }
    let from = h.end_token;
    if from >= ctx.tokens.len() || !ctx.joined(from) {
        return None;
    }
    let new = !matches!(kind, HeadKind::Direction | HeadKind::Unit);
    let (named, next) = named_at(ctx, hits, lex, from, new)?;
    if (kind == HeadKind::Direction && !below_country(&named))
        || (kind == HeadKind::Unit && !settlement(&named))
    {
        return None;
    }
    let end = if kind == HeadKind::Unit {
        next
    } else {
        direction_adjectives(ctx, hits, next)
    };
    let span = h.start..ctx.tokens[end - 1].end;
    // a feature is called by the name as written («بحيرة حمرين»), a part of a
    // place by the place («ريف ديرالزور» is «ريف دير الزور»)
    let named_key = match kind {
        HeadKind::Feature => norm[ctx.tokens[from].start..ctx.tokens[next - 1].end].to_owned(),
        _ => named.key(norm),
    };
    let mut key = format!("{} {}", &norm[h.range()], named_key);
    if end > next {
        key.push(' ');
        key.push_str(&norm[ctx.tokens[next].start..span.end]);
    }
    let (located_in, near) = match named {
        Named::Known(place) => placement(kind, place, lex),
        Named::New(_) => (Vec::new(), Vec::new()),
    };
    Some(Compound {
        span,
        key,
        located_in,
        near,
        route: false,
    })
}

/// A direction head names a part of a governorate, district or city («في شرق دير
/// الزور»); «في شمال سوريا» only says where in the country something lies.
fn below_country(named: &Named<'_>) -> bool {
    matches!(named, Named::Known(k) if matches!(k.class, EntityClass::Region | EntityClass::City))
}

/// A unit head names the unit seated in a known town or village («ناحية X»).
fn settlement(named: &Named<'_>) -> bool {
    matches!(named, Named::Known(k) if matches!(k.class, EntityClass::City | EntityClass::Village))
}

/// «الريف الشرقي لدير الزور»، «البادية الشرقية لحماة»: the definite head, its
/// direction adjectives, then the place after «ل» — the same place as «ريف دير
/// الزور الشرقي», written the other way, so the same node.
fn definite_at(
    ctx: &Ctx<'_>,
    hits: &[Hit],
    lex: &Lexicon,
    h: &Hit,
    kind: HeadKind,
) -> Option<Compound> {
    let norm = ctx.norm;
    let t = ctx.tokens.get(h.first_token)?;
    let start = h.start.checked_sub(ARTICLE.len())?;
    if norm.get(start..h.start) != Some(ARTICLE) || h.end != t.end {
        return None;
    }
    let after_head = h.end_token;
    let j = direction_adjectives(ctx, hits, after_head);
    if j == after_head || j >= ctx.tokens.len() || !ctx.joined(j) {
        return None;
    }
    let u = &ctx.tokens[j];
    let (place, k) = ["ل", "لل"].iter().find_map(|lam| {
        let at = u.start + lam.len();
        (norm.get(u.start..at) == Some(*lam))
            .then(|| known_place_at(ctx, hits, lex, j, at))
            .flatten()
    })?;
    let (located_in, near) = placement(kind, place, lex);
    Some(Compound {
        span: start..k.end,
        key: format!(
            "{} {} {}",
            &norm[h.range()],
            Named::Known(place).key(norm),
            &norm[ctx.tokens[after_head].start..ctx.tokens[j - 1].end]
        ),
        located_in,
        near,
        route: false,
    })
}

/// «طريق القامشلي – المالكية»، «مثلث X – Y – Z»: places joined by dashes.
fn route_at(ctx: &Ctx<'_>, hits: &[Hit], lex: &Lexicon, h: &Hit) -> Option<Compound> {
    let norm = ctx.norm;
    let mut i = h.end_token;
    if i >= ctx.tokens.len() || !ctx.joined(i) {
        return None;
    }
    let mut keys = Vec::new();
    let mut near = Vec::new();
    let mut end = i;
    while keys.len() < MAX_ROUTE_PLACES {
        let Some((named, next)) = named_at(ctx, hits, lex, i, true) else {
            break;
        };
        keys.push(named.key(norm));
        if let Named::Known(k) = named {
            if k.class == EntityClass::City && !near.contains(&k.iri) {
                near.push(k.iri.clone());
            }
        }
        end = next;
        if next >= ctx.tokens.len() || !dash_between(ctx, next) {
            break;
        }
        i = next;
    }
    (keys.len() >= 2).then(|| Compound {
        span: h.start..ctx.tokens[end - 1].end,
        key: format!("{} {}", &norm[h.range()], keys.join(" - ")),
        located_in: Vec::new(),
        near,
        route: true,
    })
}

/// Only one dash and spaces (on one line) between tokens `i - 1` and `i`.
fn dash_between(ctx: &Ctx<'_>, i: usize) -> bool {
    let gap = &ctx.norm[ctx.tokens[i - 1].end..ctx.tokens[i].start];
    gap.chars().filter(|c| ROUTE_DASHES.contains(c)).count() == 1
        && gap.chars().all(|c| c == ' ' || ROUTE_DASHES.contains(&c))
}

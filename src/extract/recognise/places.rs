//! Places: what contains what. The text's own facts («X في Y»، «X بمدينة Y»، «X
//! شمال شرق Y») and the gazetteer's `isn:locatedIn` give each place the chain of
//! places it lies in; an item of a list of regions («محافظات X وY») that names a
//! city is the region named after it; a state named where a place stands («إلى
//! تركيا») is its territory.
//!
//! Invariant: the gazetteer is trusted over the text for places it knows; `within`
//! is the transitive closure of both, without cycles.

use super::*;

/// Direction words between two places: «الحسكة شمال شرق سوريا» (X lies in Y when Y
/// is a country or region; next to a city they only say where X lies from it).
#[rustfmt::skip]
pub(super) const DIRECTION_WORDS: &[&str] = &[
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "اقصي",
];

/// Prepositions that put a place inside the next one: «X في Y», «X بـY».
pub(super) const IN_WORDS: &[&str] = &["في", "داخل", "ضمن"];

/// «X في Y», «X بمدينة Y», «X شمال شرق Y»: a new place X lies in a larger place Y.
/// The gazetteer is trusted over the text for places it knows.
pub(super) fn located_in_from_text(rec: &mut Recognition, ctx: &Ctx<'_>) {
    let (norm, tokens) = (ctx.norm, ctx.tokens);
    let places: Vec<&Mention> = rec
        .mentions
        .iter()
        .filter(|m| !m.anaphor && rec.entities[m.entity].class.is_place())
        .collect();
    let mut facts = Vec::new();
    let mut near = Vec::new();
    for pair in places.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (ea, eb) = (&rec.entities[a.entity], &rec.entities[b.entity]);
        if ea.iri == eb.iri {
            continue;
        }
        // «محافظة كركوك قضاء الدبس ناحية التون كوبري»: a chain of units, each in
        // the one before it
        if admin_chain(ctx, a, b) && !eb.known && larger(ea.class, eb.class) {
            facts.push((b.entity, ea.iri.clone()));
            continue;
        }
        if ea.known || !larger(eb.class, ea.class) {
            continue;
        }
        // the words between the two names (a place cue noun counts as «cue»), and a
        // proclitic «ب» on the second
        let between: Vec<&str> = (0..tokens.len())
            .filter(|&i| tokens[i].start >= a.span.end && tokens[i].end <= b.span.start)
            .map(
                |i| match (ctx.cue[i], tokens[i].text(norm).starts_with('ب')) {
                    (true, true) => "بcue",
                    (true, false) => "cue",
                    (false, _) => tokens[i].text(norm),
                },
            )
            .collect();
        // words only; a comma may stand before «في» or «ضمن» («وادي X، ضمن قاطع Y»)
        let gap = norm[a.span.end..b.span.start].trim_start();
        let gap = gap
            .strip_prefix(',')
            .filter(|rest| IN_WORDS.iter().any(|w| rest.trim_start().starts_with(w)))
            .unwrap_or(gap);
        let gap_ok = gap.chars().all(|c| c.is_alphabetic() || c == ' ');
        let second_token = tokens
            .iter()
            .find(|t| t.start <= b.span.start && b.span.start < t.end);
        let with_ba = second_token.is_some_and(|t| norm[t.start..b.span.start].ends_with('ب'));
        let inside = match between.as_slice() {
            [] => with_ba,
            [w] if IN_WORDS.contains(w) => true,
            ["بcue"] => true,
            [w, "cue"] if IN_WORDS.contains(w) => true,
            ws if !ws.is_empty() && ws.iter().all(|w| DIRECTION_WORDS.contains(w)) => {
                if eb.class == EntityClass::City {
                    near.push((a.entity, eb.iri.clone()));
                }
                eb.class.place_rank() <= 2
            }
            _ => false,
        };
        if inside && gap_ok {
            facts.push((a.entity, eb.iri.clone()));
        }
    }
    for (e, city) in near {
        rec.entities[e].near.push(city);
    }
    for (e, parent) in facts {
        let located = &mut rec.entities[e].located_in;
        if !located.contains(&parent) {
            located.push(parent);
        }
    }
}

/// Prepositions after which a state's name is its territory: «في تركيا»، «إلى تركيا».
pub(super) const PLACE_PREPOSITIONS: &[&str] = &["في", "الي", "داخل", "نحو", "باتجاه", "عبر"];

/// Words of a border before «مع»: «الحدود مع تركيا»، «الحدودية مع تركيا».
pub(super) const BORDER_WORDS: &[&str] = &["الحدود", "حدود", "الحدودي", "الحدوديه", "الشريط"];

/// The name stands where a place does: after a place preposition, with the
/// proclitic «ب» («بتركيا»), or after «الحدود مع».
pub(super) fn in_place_slot(ctx: &Ctx<'_>, h: &Hit) -> bool {
    let i = h.first_token;
    let Some(t) = ctx.tokens.get(i) else {
        return false;
    };
    if ctx.norm[t.start..h.start].ends_with('ب') {
        return true;
    }
    if i == 0 || !ctx.joined(i) || t.start != h.start {
        return false;
    }
    let before = ctx.word(i - 1);
    PLACE_PREPOSITIONS.contains(&before)
        || (before == "مع"
            && i >= 2
            && ctx.joined(i - 1)
            && BORDER_WORDS.contains(&ctx.word(i - 2)))
}

/// Can a place of class `outer` contain one of class `inner`? A smaller rank is
/// larger; a region may lie in another (a district in a governorate).
fn larger(outer: EntityClass, inner: EntityClass) -> bool {
    outer.place_rank() < inner.place_rank()
        || (outer == EntityClass::Region && inner == EntityClass::Region)
}

/// Mention `b` follows `a` with only spaces between and starts with a place cue
/// noun («… قضاء الدبس ناحية التون كوبري»).
fn admin_chain(ctx: &Ctx<'_>, a: &Mention, b: &Mention) -> bool {
    let i = ctx.token_index_at(b.span.start);
    ctx.tokens.get(i).is_some_and(|t| t.start == b.span.start)
        && ctx.place_cue.get(i).copied().unwrap_or(false)
        && ctx.norm[a.span.end..b.span.start].chars().all(|c| c == ' ')
        && !ctx.norm[a.span.end..b.span.start].is_empty()
}

/// Fills `within` for every place: its `locatedIn` chain through the article's facts
/// and the gazetteer.
pub(super) fn containment(rec: &mut Recognition, lex: &Lexicon) {
    // the article's own facts, by IRI, looked up once each
    let article: std::collections::HashMap<&str, &[String]> = rec
        .entities
        .iter()
        .map(|e| (e.iri.as_str(), e.located_in.as_slice()))
        .collect();
    let parents = |iri: &str| {
        let own = article.get(iri).copied().unwrap_or_default();
        let known = lex
            .entity_by_iri(iri)
            .map_or(&[][..], |k| k.located_in.as_slice());
        own.iter().chain(known).cloned()
    };
    let within: Vec<Vec<String>> = rec
        .entities
        .iter()
        .map(|e| {
            let mut within: Vec<String> = Vec::new();
            let mut queue: Vec<String> = parents(&e.iri).collect();
            while let Some(p) = queue.pop() {
                if within.contains(&p) || p == e.iri {
                    continue;
                }
                queue.extend(parents(&p));
                within.push(p);
            }
            within
        })
        .collect();
    for (e, w) in rec.entities.iter_mut().zip(within) {
        e.within = w;
    }
}

/// A region whose name is a cue word and the city's name («محافظة كركوك», «كركوك»).
pub(super) fn named_after(region: &KnownEntity, city: &KnownEntity) -> bool {
    region.class == EntityClass::Region
        && matches!((&region.label_ar, &city.label_ar), (Some(r), Some(c))
            if r.strip_suffix(c.as_str()).is_some_and(|cue| cue.ends_with(' ')))
}

/// The name is an item of a list opened by a plural region cue («محافظات X وY»،
/// «محافظتي X وY»): only names, «و» and commas stand between the cue and it.
pub(super) fn region_list_item(norm: &str, hits: &[Hit], name: &Hit) -> bool {
    let near = hits_before(hits, name.start, REGION_LIST_REACH);
    let Some(cue) = near
        .iter()
        .rfind(|c| c.kind == TermKind::EntityListCue(EntityClass::Region) && c.end <= name.start)
    else {
        return false;
    };
    // what is left between the cue and this name once the names in between are
    // taken out must be links; «محافظتي حمص (وسط) ودير الزور»: a short aside in
    // brackets is no break
    let mut depth = 0usize;
    let mut link = |c: char| match c {
        '(' => {
            depth += 1;
            true
        }
        ')' => {
            depth = depth.saturating_sub(1);
            true
        }
        _ => depth > 0 || matches!(c, ' ' | 'و' | '،' | ','),
    };
    let (mut at, mut left, mut links) = (cue.end, 0, true);
    for n in near.iter().filter(|n| {
        matches!(n.kind, TermKind::Entity(_)) && n.start >= cue.end && n.end <= name.start
    }) {
        if n.start < at {
            continue;
        }
        links &= norm[at..n.start].chars().all(&mut link);
        left += n.start - at;
        at = n.end;
    }
    links && norm[at..name.start].chars().all(&mut link) && left + name.start - at <= MAX_LIST_GAP
}

/// How many bytes besides names a list of regions may run between its cue and an
/// item, and how far before the item its cue may stand at all.
pub(super) const MAX_LIST_GAP: usize = 80;
pub(super) const REGION_LIST_REACH: usize = 300;

//! People: a name after a title or a reporting verb («المتحدث باسم ORG فلان»،
//! «قال فلان»), a byline at the top of the article, and later mentions of a person
//! named in full (in full again, or by surname alone).
//!
//! Invariants: a title's role is kept as a span of the text (output as written);
//! a single word after a title is never a person (too often a common noun); a
//! person named again by part of their name is the same entity.

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
    "الاكاديمي",
];

/// Words that tie a title to the organisation it serves («المتحدث باسم X»، «في X»).
pub(super) const TITLE_LINKS: &[&str] = &["في", "باسم", "لدي", "ب", "ل"];

/// How many lines at the top of an article may hold a byline.
pub(super) const BYLINE_LINES: usize = 4;

/// A person named after a title or a reporting verb.
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

pub(super) fn person_after_cue(f: &mut Found<'_>, hits: &[Hit], h: &Hit) {
    let is_verb = is_reporting_verb(hits, h);
    let mut i = h.end_token;
    let mut speaks_for = None;
    if !is_verb {
        // Skip what describes the title: the organisation («باسم قوات X»، «لقوات
        // التحالف»), a place, a nisba or other definite words («الأمريكي»، «الجيوش
        // الفرنسية»). A person's first name is never definite.
        for _ in 0..6 {
            if let Some(next) = f.skip_known(i) {
                let (_, org) = *f
                    .covered(f.ctx.tokens[i].end - 1)
                    .expect("skip_known found it");
                if !f.rec.entities[org].class.is_place()
                    && f.rec.entities[org].class != EntityClass::Person
                {
                    speaks_for.get_or_insert(org);
                }
                i = next;
            } else if i < f.ctx.tokens.len()
                && (TITLE_LINKS.contains(&f.ctx.word(i)) || f.ctx.word(i).starts_with("ال"))
                && !f.ctx.claimed[i]
            {
                i += 1;
            } else {
                break;
            }
        }
    }
    if i >= f.ctx.tokens.len() || !(f.ctx.joined(i) || f.ctx.quoted_gap(i)) {
        return;
    }
    let Some((span, end)) = f.ctx.name_at(i, f.ctx.tokens[i].start, EntityClass::Person) else {
        return;
    };
    if end - i < 2 {
        return; // a single word after a title or verb is too often a common noun
    }
    if let Some(idx) = f.add_new(span, EntityClass::Person) {
        let person = &mut f.rec.entities[idx];
        if !is_verb && person.role.is_none() {
            // «المحلل العسكري، العقيد فلان»: the role runs from the first title of
            // the apposition, which says what the person is here
            let mut first = h;
            while let Some(t) = apposed_title(&f.ctx, hits, first) {
                first = t;
            }
            person.role = Some(first.start..h.end);
        }
        if person.speaks_for.is_none() {
            person.speaks_for = speaks_for;
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

/// «OUTLET – الاسم الاسم» or a name alone on one of the first lines: the author.
pub(super) fn bylines(f: &mut Found<'_>) {
    let norm = f.ctx.norm;
    let mut line_start = 0;
    for line in norm.split('\n').take(BYLINE_LINES) {
        let line_range = line_start..line_start + line.len();
        line_start = line_range.end + 1;
        let name_start = match line.rfind('-') {
            Some(dash) => {
                // what stands before the dash must be a known name (the outlet)
                let before = line_range.start..line_range.start + dash;
                let words: Vec<usize> = (0..f.ctx.tokens.len())
                    .filter(|&i| before.contains(&f.ctx.tokens[i].start))
                    .collect();
                if words.is_empty()
                    || !words
                        .iter()
                        .all(|&i| f.covered(f.ctx.tokens[i].start).is_some())
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
        if !rest.trim().is_empty() {
            continue;
        }
        let all_names = words.iter().enumerate().all(|(k, &i)| {
            f.ctx.tokens[i].kind == TokenKind::Word
                && f.ctx.name_word(i, EntityClass::Person, k == 0)
                && !f.ctx.cue[i]
        });
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

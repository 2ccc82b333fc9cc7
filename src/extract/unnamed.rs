//! Unnamed sources: where an anonymous source's phrase ends, and which phrase a
//! definite re-mention names again.
//!
//! A phrase is a source noun from the lexicon («مصدر»، «مصادر»، «مسؤول»، «وسائل
//! إعلام») and what qualifies it, in the order Arabic writes it: the body the
//! source belongs to, as a definite noun or name in construct after an indefinite
//! noun («مصادر المعارضة السورية»، «مصادر الحشد الشعبي»; not a day, «مصادر
//! الاثنين», nor a place); its adjectives («مصدر أمني مطلع»، «مصادر عراقية
//! رسمية»، «مصدر أمني رفيع المستوى»); then the body after a preposition («مصدر في
//! الحشد الشعبي»، «مسؤول أمني في وزارة الداخلية»، «وسائل إعلام مقربة من النظام»،
//! «مصدر طبي في مستشفى …»), with a place that ends the body's name («في قيادة
//! شرطة الأنبار»); a town or region right after the preposition is where the
//! source is, not its body («مصادر طبية في المدينة»).
//! An adjective agrees in definiteness with the word before it and has an
//! adjective's shape: a relative adjective («أمني»، «طبية»، «عراقيين») or one of a
//! few participles («مطلع»، «مقربة»، «رفيع»). A phrase never takes a preposition
//! without its body, a verb, a day, a complementizer or the reported content.
//!
//! A definite phrase («المصدر الأمني»، «المصدر» alone) after an indefinite one with
//! the same noun and no other qualifiers («مصدر أمني») is that same source again.
//!
//! Invariant: a phrase is a normalised byte range that starts at its noun and ends
//! on a word boundary, inside the noun's sentence.

use super::lexicon::{EntityClass, Hit, TermKind};
use super::recognise::Recognition;
use crate::text::{Token, TokenKind, COMPLEMENTIZERS};
use std::ops::Range;

/// How many qualifying words (construct name, adjectives) a phrase may take before
/// its body.
const MAX_QUALIFIERS: usize = 4;

/// How many words after its preposition the body's name may start
/// («مصدر في قيادة عمليات X»: the name may follow a cue noun or two).
const BODY_REACH: usize = 2;

/// Prepositions that attach the body a source belongs to («مصدر في الحشد»).
const BODY_PREPOSITIONS: &[&str] = &["في", "من", "داخل", "ب", "لدي", "ضمن"];

/// Participles and other adjectives that qualify a source and are no relative
/// adjectives (every inflection the scan leaves unfolded is listed).
const SOURCE_ADJECTIVES: &[&str] = &[
    "مطلع",
    "مطلعه",
    "مطلعون",
    "مطلعين",
    "مقرب",
    "مقربه",
    "مقربون",
    "مقربين",
    "رفيع",
    "رفيعه",
    "بارز",
    "بارزه",
    "موثوق",
    "موثوقه",
    "خاص",
    "خاصه",
    "متطابقه",
    "متعدده",
    "عديده",
    "مختلفه",
    "اخري",
    "مسوول",
    "مسوولون",
    "مسوولين",
    // broken plurals of relative adjectives («مسؤولون أكراد»)
    "اكراد",
    "عرب",
    "اتراك",
    "روس",
    "اجانب",
];

/// The word after «رفيع» that makes it «رفيع المستوى» (high-ranking).
const RANK_WORD: &str = "المستوي";

/// Function words that end like relative adjectives («التي»، «الذي»، «حتى»).
const FUNCTION_WORDS: &[&str] = &[
    "الذي",
    "التي",
    "اللذي",
    "اي",
    "حتي",
    "لكي",
    "كي",
    "لدي",
    "علي",
    "الي",
    "في",
    "متي",
    "فيه",
    "فيها",
    "عليه",
    "اليه",
    "لديه",
];

/// Endings of relative adjectives (normalised: ة is ه, ى is ي).
const NISBA_ENDINGS: &[&str] = &["ي", "يه", "يون", "يين", "يان", "يات"];

/// A place that says where a source is, not what it belongs to: any place but a
/// facility («مصدر طبي في مستشفى …»، «مصدر في سجن …» belong to one).
fn is_location(rec: &Recognition, entity: usize) -> bool {
    let class = rec.entities[entity].class;
    class.is_place() && class != EntityClass::Facility
}

/// Where the unnamed-source phrase opened by the source noun `noun` ends.
pub fn phrase_end(
    norm: &str,
    tokens: &[Token],
    hits: &[Hit],
    rec: &Recognition,
    noun: &Hit,
) -> usize {
    let mut definite = is_definite(norm, noun.start);
    let mut end = noun.end;
    let mut i = noun.end_token;
    let mut qualifiers = 0;
    while qualifiers < MAX_QUALIFIERS {
        let Some(next) = adjacent(norm, tokens, i, end) else {
            break;
        };
        let word = next.text(norm);
        if BODY_PREPOSITIONS.contains(&word) {
            // «مصدر في الحشد»، «مصدر في شرطة كركوك»: through the body named after
            // the preposition; else the phrase ends before it
            return body_after(norm, tokens, rec, i).unwrap_or(end);
        }
        // «مصادر الحشد الشعبي»، «مصادر المعارضة السورية»: a definite noun or name in
        // construct right after an indefinite noun; adjectives after it agree with it
        if qualifiers == 0 && !definite && in_construct(word) && !is_cue(hits, next) {
            let named = rec
                .mentions
                .iter()
                .find(|m| next.start <= m.span.start && m.span.start < next.end);
            if named.is_some_and(|m| rec.entities[m.entity].class.is_place()) {
                break; // «مصادر المدينة»: a place is where the source is
            }
            end = named.map_or(next.end, |m| m.span.end);
            i = tokens.partition_point(|t| t.end <= end);
            qualifiers += 1;
            definite = true;
            continue;
        }
        let rank = word == RANK_WORD
            && tokens
                .get(i.wrapping_sub(1))
                .is_some_and(|t| t.text(norm).starts_with("رفيع"));
        if !(rank || is_adjective(word, definite)) || is_cue(hits, next) {
            break;
        }
        end = next.end;
        i += 1;
        qualifiers += 1;
    }
    end
}

/// The noun starting at `start` carries the article: the scan starts a hit after
/// its proclitics, so the article is what the word has just before it («المصدر»،
/// «للمصدر»).
fn is_definite(norm: &str, start: usize) -> bool {
    let before = &norm[..start];
    before.ends_with("ال") || before.ends_with("لل")
}

/// Days and times written after a source noun («قالت مصادر الاثنين»): no body in
/// construct.
const TIME_WORDS: &[&str] = &[
    "اليوم",
    "الليله",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "امس",
    "الصباح",
    "المساء",
];

/// A word that can stand in construct after a source noun: a definite noun that
/// is no time word and no function word («المعارضة» in «مصادر المعارضة»).
fn in_construct(word: &str) -> bool {
    word.strip_prefix("ال")
        .is_some_and(|stem| stem.chars().count() >= 2)
        && !TIME_WORDS.contains(&word)
        && !FUNCTION_WORDS.contains(&word)
}

/// The token `i`, when only spaces stand between `end` and it (a comma or a quote
/// closes the phrase).
fn adjacent<'t>(norm: &str, tokens: &'t [Token], i: usize, end: usize) -> Option<&'t Token> {
    tokens
        .get(i)
        .filter(|t| t.kind == TokenKind::Word)
        .filter(|t| {
            norm.get(end..t.start)
                .is_some_and(|gap| gap.trim().is_empty())
        })
}

/// The end of the body named after the preposition at token `prep`, within
/// [`BODY_REACH`] words of it, with only letters and spaces between. A place named
/// right after the preposition is where the source is, not a body it belongs to
/// («مصادر طبية في المدينة»), unless it is a facility («في مستشفى الشفاء»); after
/// a noun it names the body («في شرطة كركوك»),
/// and so does a place right after the body's name («في قيادة شرطة الأنبار»).
fn body_after(norm: &str, tokens: &[Token], rec: &Recognition, prep: usize) -> Option<usize> {
    let after = tokens.get(prep)?.end;
    let reach = tokens
        .get(prep + 1 + BODY_REACH)
        .map_or(usize::MAX, |t| t.start);
    let m = rec.mentions.iter().find(|m| {
        m.span.start > after
            && m.span.start < reach
            && norm
                .get(after..m.span.start)
                .is_some_and(|gap| gap.chars().all(|c| c.is_alphabetic() || c == ' '))
    })?;
    // a place right after the preposition is where the source is; after a noun
    // («في شرطة كركوك») it names the body
    let right_after = norm[after..m.span.start].trim().is_empty();
    if right_after && is_location(rec, m.entity) {
        return None;
    }
    // «مصدر في قيادة شرطة الأنبار»: a place right after the body's name is part of it
    let place_after = rec.mentions.iter().find(|p| {
        p.span.start > m.span.end
            && rec.entities[p.entity].class.is_place()
            && norm
                .get(m.span.end..p.span.start)
                .is_some_and(|gap| gap.chars().all(|c| c == ' '))
    });
    Some(place_after.map_or(m.span.end, |p| p.span.end))
}

/// An adjective of a source noun: a relative adjective or a listed participle,
/// definite after a definite noun and indefinite after an indefinite one.
fn is_adjective(word: &str, definite: bool) -> bool {
    let stem = match (definite, word.strip_prefix("ال")) {
        (true, Some(stem)) => stem,
        (false, None) => word,
        _ => return false,
    };
    if FUNCTION_WORDS.contains(&word) || COMPLEMENTIZERS.contains(&word) {
        return false;
    }
    SOURCE_ADJECTIVES.contains(&stem)
        || (stem.chars().count() >= 3 && NISBA_ENDINGS.iter().any(|e| stem.ends_with(e)))
}

/// The token holds a cue of its own (a reporting verb, a trigger, a count word):
/// it is what the source says, not what qualifies it. (Victim nouns may qualify:
/// «مصدر عسكري».)
fn is_cue(hits: &[Hit], token: &Token) -> bool {
    hits.iter().any(|h| {
        h.start >= token.start
            && h.start < token.end
            && matches!(
                h.kind,
                TermKind::Reporting(_)
                    | TermKind::Trigger(_)
                    | TermKind::Count(_)
                    | TermKind::Status(_)
            )
    })
}

/// The words of a phrase without the article on its noun and adjectives (the body
/// after a preposition keeps its own).
fn bare_words(phrase: &str) -> Vec<&str> {
    let mut in_body = false;
    phrase
        .split_whitespace()
        .map(|w| {
            in_body |= BODY_PREPOSITIONS.contains(&w);
            if in_body {
                w
            } else {
                w.strip_prefix("ال").unwrap_or(w)
            }
        })
        .collect()
}

/// The earlier phrase a definite phrase names again («المصدر الأمني» after «مصدر
/// أمني»; «المصدر في الحشد الشعبي» after «مصدر في الحشد»): the last one before it
/// with the same noun whose words agree with its own as far as the shorter goes.
pub fn antecedent(
    norm: &str,
    phrase: &Range<usize>,
    earlier: &[Range<usize>],
) -> Option<Range<usize>> {
    let text = norm.get(phrase.clone())?;
    if !is_definite(norm, phrase.start) {
        return None;
    }
    let words = bare_words(text);
    earlier
        .iter()
        .rev()
        .filter(|e| e.end <= phrase.start)
        .find(|e| {
            let Some(other) = norm.get((*e).clone()) else {
                return false;
            };
            let theirs = bare_words(other);
            !is_definite(norm, e.start)
                && theirs.first() == words.first()
                && theirs.iter().zip(&words).all(|(a, b)| a == b)
        })
        .cloned()
}

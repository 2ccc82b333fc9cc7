//! Word access for the number and date finders: tokens by index, and table
//! lookups that accept the proclitics و ف ب ل ك (and «لل» for «ال»).
//!
//! Shared by `numbers` and `dates`, which both read normalised tokens against
//! word tables: small tables by a pass, the large or hot ones compiled once into
//! a hashed [`WordTable`] (the same answers as [`lookup_in`]), and
//! [`FirstWords`], one lookup that rules out a token no phrase of a table starts
//! with. Invariant: nothing here allocates per token (forms of a word are
//! borrowed slices), and every accessor is total: an index or a malformed token
//! offset out of range reads as empty text, never a panic.

use crate::hash::FastMap;
use crate::text::{Token, TokenKind};
use std::ops::Range;

/// Proclitic combinations that may precede a word (ال is handled separately:
/// tables list the ال-form explicitly where it is allowed).
pub(super) const PREFIXES: [&str; 12] = [
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
];

/// Tokens that are only clitics, split off digits by the tokenizer ("بـ4").
pub(super) const CLITIC_ONLY: [&str; 14] = [
    "ب", "ل", "ك", "و", "ف", "ال", "بال", "وال", "لل", "فال", "كال", "وب", "ول", "وبال",
];

// ============================================================================
// Token access
// ============================================================================

pub(super) struct Cx<'a> {
    pub(super) norm: &'a str,
    pub(super) toks: &'a [Token],
}

impl<'a> Cx<'a> {
    pub(super) fn len(&self) -> usize {
        self.toks.len()
    }
    pub(super) fn text(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.norm.get(t.start..t.end))
            .unwrap_or("")
    }
    pub(super) fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
    pub(super) fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }
    pub(super) fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.start)
    }
    pub(super) fn end(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.end)
    }
    /// Text between token `i` and token `i + 1`.
    pub(super) fn gap(&self, i: usize) -> Option<&'a str> {
        let a = self.toks.get(i)?;
        let b = self.toks.get(i.checked_add(1)?)?;
        self.norm.get(a.end..b.start)
    }
    /// Token `i + 1` follows token `i` with only whitespace between.
    pub(super) fn joined(&self, i: usize) -> bool {
        self.gap(i)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
    }
    /// Like [`Cx::joined`] but also allowing the given punctuation.
    pub(super) fn joined_with(&self, i: usize, punct: &[char]) -> bool {
        self.gap(i)
            .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || punct.contains(&c)))
    }
    pub(super) fn span(&self, first: usize, last: usize) -> Range<usize> {
        let s = self.start(first);
        let e = self.end(last);
        if e >= s {
            s..e
        } else {
            s..s
        }
    }
    /// Words `phrase` appear at `i..` joined by whitespace; proclitics allowed on
    /// the first word if `clitics`. Returns the index after the phrase.
    pub(super) fn phrase_at(&self, i: usize, phrase: &[&str], clitics: bool) -> Option<usize> {
        let (first, rest) = phrase.split_first()?;
        if !self.is_word(i) || !word_is(self.text(i), first, clitics) {
            return None;
        }
        let mut j = i;
        for w in rest {
            if !self.joined(j) || self.text(j + 1) != *w {
                return None;
            }
            j += 1;
        }
        Some(j + 1)
    }
    /// Token `i` (a word, proclitics allowed) is in `table`.
    pub(super) fn word_in(&self, i: usize, table: &[&str]) -> bool {
        self.is_word(i) && table.iter().any(|w| word_is(self.text(i), w, true))
    }
    /// Token `i` is exactly one of `table` (no proclitics).
    pub(super) fn bare_in(&self, i: usize, table: &[&str]) -> bool {
        self.is_word(i) && table.contains(&self.text(i))
    }
}

/// A form of a word once a proclitic is stripped: a slice of the word, or
/// "ال" followed by a slice ("للعام" → "ال" + "عام"). Borrowed, so that the
/// lookups below, run for every token against every table, never allocate.
#[derive(Debug, Clone, Copy)]
pub(super) enum Form<'a> {
    Slice(&'a str),
    Al(&'a str),
}

impl Form<'_> {
    pub(super) fn is(self, target: &str) -> bool {
        match self {
            Form::Slice(s) => s == target,
            Form::Al(r) => target.strip_prefix("ال") == Some(r),
        }
    }
}

/// A word table compiled into one hashed lookup per form: the same answers as
/// [`lookup_in`] over the table it was built from (the first entry of a word
/// wins), without a pass over the table.
pub(super) struct WordTable<T> {
    words: FastMap<Box<str>, T>,
    /// the words that start with ال, without it (for the "لل" forms)
    after_al: FastMap<Box<str>, T>,
}

impl<T: Copy> WordTable<T> {
    pub(super) fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = (S, T)>) -> WordTable<T> {
        let mut words: FastMap<Box<str>, T> = FastMap::default();
        for (w, v) in entries {
            words.entry(w.as_ref().into()).or_insert(v);
        }
        let after_al = words
            .iter()
            .filter_map(|(w, v)| w.strip_prefix("ال").map(|r| (r.into(), *v)))
            .collect();
        WordTable { words, after_al }
    }

    /// Every word of the table.
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(|w| &**w)
    }

    /// The value of exactly `word`.
    pub(super) fn get(&self, word: &str) -> Option<T> {
        self.words.get(word).copied()
    }

    /// The value of a form (an "ال" form is looked up without allocating).
    pub(super) fn form(&self, f: Form) -> Option<T> {
        match f {
            Form::Slice(s) => self.words.get(s).copied(),
            Form::Al(r) => self.after_al.get(r).copied(),
        }
    }

    /// [`lookup_in`] over the table.
    pub(super) fn lookup(&self, word: &str, clitics: bool) -> Option<T> {
        if let Some(v) = self.get(word) {
            return Some(v);
        }
        if !clitics {
            return None;
        }
        // the exact form was the word itself, just looked up
        clitic_forms(word).find_map(|(_, f)| self.form(f))
    }
}

/// The first words of a table of phrases, to rule out at once a word that can
/// start none of them: [`FirstWords::might_start`] is true for every word that
/// `word_is` (with or without proclitics) matches to one of them.
pub(super) struct FirstWords(WordTable<()>);

impl FirstWords {
    pub(super) fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> FirstWords {
        FirstWords(WordTable::new(words.into_iter().map(|w| (w, ()))))
    }

    pub(super) fn might_start(&self, word: &str) -> bool {
        self.0.lookup(word, true).is_some()
    }
}

/// At least two characters (without counting them all).
pub(super) fn two_chars(s: &str) -> bool {
    s.chars().nth(1).is_some()
}

/// The forms of `word` once proclitics are stripped, exact form first, as
/// (prefix, form). "لل" is restored to "ال" ("للعام" → "العام").
pub(super) fn forms(word: &str) -> impl Iterator<Item = (&'static str, Form<'_>)> {
    let exact = two_chars(word).then_some(("", Form::Slice(word)));
    exact.into_iter().chain(clitic_forms(word))
}

/// [`forms`] without the exact form: the forms under a proclitic.
pub(super) fn clitic_forms(word: &str) -> impl Iterator<Item = (&'static str, Form<'_>)> {
    // every proclitic starts with one of these letters: other words have none
    let clitic = matches!(word.chars().next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك'));
    let prefixes = if clitic { &PREFIXES[1..] } else { &[] };
    prefixes
        .iter()
        .filter_map(move |&p| {
            let rest = strip(word, p).filter(|r| two_chars(r))?;
            let al = p
                .ends_with('ل')
                .then(|| rest.strip_prefix('ل').filter(|r| two_chars(r)))
                .flatten()
                .map(|r| (p, Form::Al(r)));
            Some(std::iter::once((p, Form::Slice(rest))).chain(al))
        })
        .flatten()
}

/// `word` without the prefix `p` (a few bytes: compared in place, not by a call
/// to `memcmp`).
fn strip<'w>(word: &'w str, p: &str) -> Option<&'w str> {
    let (w, pb) = (word.as_bytes(), p.as_bytes());
    if w.len() >= pb.len() && w.iter().zip(pb).all(|(a, b)| a == b) {
        word.get(pb.len()..)
    } else {
        None
    }
}

pub(super) fn word_is(word: &str, target: &str, clitics: bool) -> bool {
    if word == target {
        return true;
    }
    // every form ends the word, and ends the target too: a cheap first test
    clitics
        && word.ends_with(target.strip_prefix("ال").unwrap_or(target))
        && forms(word).any(|(_, f)| f.is(target))
}

pub(super) fn lookup_in<T: Copy>(word: &str, table: &[(&str, T)], clitics: bool) -> Option<T> {
    if let Some((_, v)) = table.iter().find(|(w, _)| *w == word) {
        return Some(*v);
    }
    if !clitics {
        return None;
    }
    forms(word).find_map(|(_, f)| table.iter().find(|(w, _)| f.is(w)).map(|(_, v)| *v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_form_comes_first_and_only_once() {
        // clitic_forms skips PREFIXES[0]: it must be the empty prefix
        assert_eq!(PREFIXES[0], "");
        assert!(PREFIXES[1..].iter().all(|p| !p.is_empty()));
        let all: Vec<(&str, &str)> = forms("وللعام")
            .map(|(p, f)| match f {
                Form::Slice(s) => (p, s),
                Form::Al(r) => (p, r),
            })
            .collect();
        assert_eq!(
            all,
            [
                ("", "وللعام"),
                ("و", "للعام"),
                ("ول", "لعام"),
                ("ول", "عام")
            ]
        );
    }
}

//! Text layer: normalisation for matching, with an exact map back to the original.
//!
//! Every later stage (lexicon and gazetteer matching, event and claim
//! extraction) works on a *normalised* copy of an article, but everything it
//! reports must point into the *original* text. This module owns both sides:
//!
//! * [`NormText::new`] / [`normalise`] fold the text for matching (rules
//!   below), and [`NormText`] keeps, for every byte of the normalised text,
//!   the original character that produced it.
//! * [`tokenize`], [`sentences`] and [`clauses`] segment the normalised text.
//! * [`is_proclitic_prefix`], [`proclitic_splits`] and [`pronoun_suffix`]
//!   propose clitic splits of a normalised Arabic word.
//!
//! # Normalisation
//!
//! Each original character maps to zero or one normalised character (the map
//! is context free except for CR, which is dropped before LF and otherwise
//! becomes `\n`):
//!
//! * dropped: tashkeel U+064B–U+065F, superscript alef U+0670, tatweel U+0640
//!   (the "combining" drops), and the invisible controls U+200B–U+200F,
//!   U+202A–U+202E, U+2060, U+2066–U+2069, U+FEFF, U+061C, U+00AD;
//! * folded: `أ إ آ ٱ → ا`, `ى → ي`, `ة → ه`, `ؤ → و`, `ئ → ي`, `ک → ك`,
//!   `ی → ي`, `ە → ه`; Arabic-Indic and Persian digits → ASCII; `، ؛ ؟ ٬ ٫` →
//!   `, ; ? , .`; quote marks → `"`; dashes → `-`; exotic spaces and tab →
//!   `' '`; Latin capitals → lower case (only where the lower case is a single
//!   Latin character);
//! * everything else passes through unchanged.
//!
//! **Canonical equivalence without NFC.** Because the combining hamza and
//! madda (U+0653–U+0655) lie inside the dropped tashkeel block, a decomposed
//! `ا + U+0654` normalises to `ا`, exactly like the precomposed `أ`. Every
//! Arabic canonical decomposition is "base letter + one of these marks", and
//! both sides fold to the same base, so the result is the same for NFC and NFD
//! input without an explicit normalisation pass.
//!
//! # Invariants
//!
//! * `normalise(s) == NormText::new(s).norm`, and `normalise` is idempotent.
//! * [`NormText::orig_bytes`] always returns char boundaries of the original.
//!   For a non-empty range it starts at the first original char that produced
//!   `norm[a]` and ends after the original char that produced `norm[b-1]`,
//!   extended over *immediately* following dropped combining marks (so a
//!   word's last diacritic is part of its span). For every token `t`,
//!   `normalise(&orig[orig_bytes(t.range())]) == t.text(norm)`.
//! * Tokens, sentences and clauses are non-empty, ordered, non-overlapping
//!   byte ranges on char boundaries of `norm`; sentences and clauses are
//!   trimmed of whitespace, and no token straddles a sentence or clause
//!   boundary.
//! * No function in this module panics, whatever the input (out-of-range or
//!   mid-character offsets are clamped).
use std::ops::Range;

/// What kind of characters a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Arabic letters (plus any non-dropped Arabic combining marks after them).
    Word,
    /// ASCII digits after normalisation, with internal separators between
    /// digits (`3,500`, `3.5`).
    Number,
    /// Latin letters (lower-cased in the normalised text).
    Latin,
}

/// A token of the normalised text. All offsets are byte offsets into [`NormText::norm`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `norm` (empty if the token does not fit `norm`).
    pub fn text<'a>(&self, norm: &'a str) -> &'a str {
        norm.get(self.start..self.end).unwrap_or("")
    }

    /// The token's byte range in the normalised text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The original text together with its normalised form and an offset map.
#[derive(Debug, Clone)]
pub struct NormText {
    /// The normalised text (see module docs).
    pub norm: String,
    /// For each byte of `norm`: original byte range of the char that produced
    /// it, the end extended over immediately following dropped combining marks.
    src: Vec<Range<usize>>,
    /// Byte offset of every char of the original, ascending.
    char_starts: Vec<usize>,
    /// Byte length of the original.
    orig_len: usize,
}

impl NormText {
    /// Normalise `original`, remembering where every normalised byte came from.
    pub fn new(original: &str) -> NormText {
        let mut norm = String::with_capacity(original.len());
        let mut src: Vec<Range<usize>> = Vec::with_capacity(original.len());
        // Start (in `norm`) of the last emitted char, while only combining
        // marks have been dropped since it was emitted.
        let mut extendable: Option<usize> = None;
        fold_chars(original, |ev| match ev {
            Fold::Emit(c, at) => {
                let from = norm.len();
                norm.push(c);
                src.resize(norm.len(), at);
                extendable = Some(from);
            }
            Fold::DropMark(end) => {
                if let Some(from) = extendable {
                    for r in &mut src[from..] {
                        r.end = end;
                    }
                }
            }
            Fold::DropOther => extendable = None,
        });
        NormText {
            norm,
            src,
            char_starts: original.char_indices().map(|(i, _)| i).collect(),
            orig_len: original.len(),
        }
    }

    /// Byte range in the ORIGINAL text covering `norm[r]`.
    ///
    /// The bounds are clamped to `norm`; a bound inside a multi-byte char
    /// counts as that whole char. An empty range maps to the empty range at
    /// the start of the original char that produced `norm[r.start]` (or at the
    /// end of the original when `r.start == norm.len()`).
    pub fn orig_bytes(&self, r: Range<usize>) -> Range<usize> {
        let len = self.src.len();
        let a = r.start.min(len);
        let b = r.end.clamp(a, len);
        if a == b {
            let at = self.src.get(a).map_or(self.orig_len, |s| s.start);
            return at..at;
        }
        self.src[a].start..self.src[b - 1].end
    }

    /// Same as [`NormText::orig_bytes`], in Unicode-scalar (char) offsets
    /// into the original.
    pub fn orig_chars(&self, r: Range<usize>) -> Range<usize> {
        let b = self.orig_bytes(r);
        self.char_offset(b.start)..self.char_offset(b.end)
    }

    /// Char offset in the original of a byte offset in the original.
    ///
    /// A byte inside a multi-byte char gives that char's offset; anything at
    /// or past the end gives the original's char count. O(log n).
    pub fn char_offset(&self, orig_byte: usize) -> usize {
        if orig_byte >= self.orig_len {
            return self.char_starts.len();
        }
        // `char_starts[0] == 0 <= orig_byte`, so the count is at least 1.
        self.char_starts.partition_point(|&s| s <= orig_byte) - 1
    }
}

/// The same folding applied to a standalone string (used for lexicon and
/// gazetteer labels). Always equals `NormText::new(s).norm`.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_chars(s, |ev| {
        if let Fold::Emit(c, _) = ev {
            out.push(c);
        }
    });
    out
}

/// One step of the folding walk over the original text.
enum Fold {
    /// Emit this char, produced by the original char at this byte range.
    Emit(char, Range<usize>),
    /// A combining mark (tashkeel, superscript alef, tatweel) ending at this
    /// original byte offset was dropped.
    DropMark(usize),
    /// Some other char was dropped (invisible control, CR before LF).
    DropOther,
}

/// What the context-free part of the folding does with one char.
enum Action {
    Keep(char),
    DropMark,
    DropOther,
}

/// The single folding walk shared by [`normalise`] and [`NormText::new`].
fn fold_chars(s: &str, mut sink: impl FnMut(Fold)) {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let action = if c == '\r' {
            if matches!(chars.peek(), Some(&(_, '\n'))) {
                Action::DropOther
            } else {
                Action::Keep('\n')
            }
        } else {
            fold_char(c)
        };
        sink(match action {
            Action::Keep(k) => Fold::Emit(k, i..end),
            Action::DropMark => Fold::DropMark(end),
            Action::DropOther => Fold::DropOther,
        });
    }
}

/// Context-free folding of one char (CR is handled by the caller).
fn fold_char(c: char) -> Action {
    let k = match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => return Action::DropMark,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}' => return Action::DropOther,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' => 'ي',
        'ة' | 'ە' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '٠'..='٩' => digit(c as u32 - 0x0660),
        '۰'..='۹' => digit(c as u32 - 0x06F0),
        '،' | '٬' => ',',
        '؛' => ';',
        '؟' => '?',
        '٫' => '.',
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '\'' | '‘' | '’' | '‛' | '`' | '‹' | '›'
        | '＂' | '＇' => '"',
        '–' | '—' | '‒' | '−' | '‐' | '‑' | '―' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => ' ',
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{00C0}'..='\u{024F}' => simple_latin_lower(c),
        _ => c,
    };
    Action::Keep(k)
}

fn digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// Lower-case a non-ASCII Latin letter when its lower case is a single char
/// of the same block (so the result is a fixed point of the folding).
fn simple_latin_lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if ('\u{00C0}'..='\u{024F}').contains(&l) => l,
        _ => c,
    }
}

/// Character classes used by the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    ArabicLetter,
    /// Arabic combining mark that survives normalisation (Quranic annotation
    /// signs etc.): continues a word, never starts one.
    ArabicMark,
    Latin,
    /// Latin combining diacritic: continues a Latin token, never starts one.
    LatinMark,
    Digit,
    Other,
}

fn class(c: char) -> Class {
    match c {
        '0'..='9' => Class::Digit,
        'a'..='z' | 'A'..='Z' => Class::Latin,
        '\u{0300}'..='\u{036F}' => Class::LatinMark,
        '\u{00C0}'..='\u{024F}' if c.is_alphabetic() => Class::Latin,
        _ if is_arabic_letter(c) => Class::ArabicLetter,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08CA}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}' => Class::ArabicMark,
        _ => Class::Other,
    }
}

/// Arabic letters (base letters, not marks, digits or punctuation).
fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}')
}

/// Tokens of a normalised string, in order.
///
/// Maximal runs of Arabic letters ([`TokenKind::Word`]), Latin letters
/// ([`TokenKind::Latin`]) or ASCII digits with `,`/`.` between two digits
/// ([`TokenKind::Number`]). A change of script always splits; everything else
/// (spaces, punctuation, quotes, symbols) separates tokens.
pub fn tokenize(norm: &str) -> Vec<Token> {
    let bytes = norm.as_bytes();
    let mut tokens = Vec::new();
    let mut current: Option<(usize, TokenKind)> = None;
    for (i, c) in norm.char_indices() {
        let kind = match (class(c), current.map(|(_, k)| k)) {
            (Class::ArabicLetter, _) | (Class::ArabicMark, Some(TokenKind::Word)) => {
                Some(TokenKind::Word)
            }
            (Class::Latin, _) | (Class::LatinMark, Some(TokenKind::Latin)) => {
                Some(TokenKind::Latin)
            }
            (Class::Digit, _) => Some(TokenKind::Number),
            // Inside a number the previous char is always a digit, so this
            // is a separator between two digits.
            (Class::Other, Some(TokenKind::Number))
                if matches!(c, ',' | '.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                Some(TokenKind::Number)
            }
            _ => None,
        };
        match (current, kind) {
            (Some((_, cur)), Some(k)) if cur == k => {}
            _ => {
                if let Some((start, k)) = current {
                    tokens.push(Token {
                        start,
                        end: i,
                        kind: k,
                    });
                }
                current = kind.map(|k| (i, k));
            }
        }
    }
    if let Some((start, kind)) = current {
        tokens.push(Token {
            start,
            end: norm.len(),
            kind,
        });
    }
    tokens
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';')
}

/// Shrink `r` over leading and trailing whitespace of `s`.
fn trim(s: &str, r: Range<usize>) -> Range<usize> {
    let Some(slice) = s.get(r.clone()) else {
        return r.start..r.start;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// Push the trimmed `r` unless it is empty.
fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, r: Range<usize>) {
    let t = trim(s, r);
    if !t.is_empty() {
        out.push(t);
    }
}

fn char_after(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// Sentence ranges (byte ranges into `norm`, trimmed of surrounding
/// whitespace, never empty).
///
/// A sentence ends after a run of `.`, `!`, `?`, `;` (plus any closing `"`, `)`
/// or `]` glued to it) and at every line break: headlines are lines. A `.`
/// between two ASCII letters or digits (`3.5`, `u.s`) does not end a sentence.
pub fn sentences(norm: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = norm.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_line_break(c) {
            push_trimmed(&mut out, norm, start..i);
            start = i + c.len_utf8();
            continue;
        }
        if !is_terminator(c) {
            continue;
        }
        if c == '.' && is_inner_dot(norm, i) {
            continue;
        }
        let mut end = i + 1;
        while let Some(&(j, d)) = chars.peek() {
            if !(is_terminator(d) || matches!(d, '"' | ')' | ']')) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        push_trimmed(&mut out, norm, start..end);
        start = end;
    }
    push_trimmed(&mut out, norm, start..norm.len());
    out
}

/// A `.` at byte `i` with ASCII alphanumerics on both sides (`3.5`, `u.s`).
fn is_inner_dot(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    i > 0
        && b.get(i - 1).is_some_and(u8::is_ascii_alphanumeric)
        && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
}

/// Words that open a new clause when they stand as whole words after a space.
/// Multi-word openers are written with single spaces; any whitespace run
/// matches.
const CLAUSE_OPENERS: [&str; 4] = ["فيما", "بينما", "في حين", "حيث"];

/// The first letters of [`CLAUSE_OPENERS`].
const OPENER_FIRST: [char; 3] = ['ف', 'ب', 'ح'];

/// Byte length of the clause opener starting at `i`, if any.
fn opener_at(s: &str, i: usize) -> Option<usize> {
    let rest = s.get(i..)?;
    CLAUSE_OPENERS.iter().find_map(|opener| {
        let mut tail = rest;
        for (n, part) in opener.split(' ').enumerate() {
            if n > 0 {
                let after_gap = tail.trim_start();
                if after_gap.len() == tail.len() {
                    return None;
                }
                tail = after_gap;
            }
            tail = tail.strip_prefix(part)?;
        }
        let word_ends = !tail
            .chars()
            .next()
            .is_some_and(|c| matches!(class(c), Class::ArabicLetter | Class::ArabicMark));
        word_ends.then_some(rest.len() - tail.len())
    })
}

/// Clamp `r` into `s` and shrink it onto char boundaries.
fn clamp_to_chars(s: &str, r: Range<usize>) -> Range<usize> {
    let mut a = r.start.min(s.len());
    let mut b = r.end.clamp(a, s.len());
    while !s.is_char_boundary(a) {
        a += 1;
    }
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    a..b.max(a)
}

/// Clause ranges inside one sentence range (byte ranges into `norm`, trimmed,
/// never empty).
///
/// Splits at `,` `;` `:` (the delimiter belongs to neither side; `,` and `:`
/// between digits do not split), at `-` with whitespace on both sides, and
/// before the openers فيما، بينما، في حين، حيث standing as whole words after
/// whitespace (the opener starts the following clause).
pub fn clauses(norm: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let sentence = clamp_to_chars(norm, sentence);
    let mut out = Vec::new();
    let mut start = sentence.start;
    // the character before (inside the sentence), carried along; the one after
    // and the openers are read only where they can matter
    let mut before: Option<char> = None;
    for (off, c) in norm[sentence.clone()].char_indices() {
        let i = sentence.start + off;
        let after =
            || char_after(norm, i + c.len_utf8()).filter(|_| i + c.len_utf8() < sentence.end);
        let delimiter = match c {
            ';' => true,
            ',' | ':' => {
                let between_digits = before.is_some_and(|p| p.is_ascii_digit())
                    && after().is_some_and(|n| n.is_ascii_digit());
                !between_digits
            }
            '-' => {
                before.is_some_and(char::is_whitespace) && after().is_some_and(char::is_whitespace)
            }
            _ => false,
        };
        if delimiter {
            push_trimmed(&mut out, norm, start..i);
            start = i + c.len_utf8();
        } else if before.is_some_and(char::is_whitespace)
            && OPENER_FIRST.contains(&c)
            && opener_at(&norm[..sentence.end], i).is_some()
        {
            push_trimmed(&mut out, norm, start..i);
            start = i;
        }
        before = Some(c);
    }
    push_trimmed(&mut out, norm, start..sentence.end);
    out
}

/// Legal proclitic prefixes (normalised), including the empty prefix.
const PROCLITICS: [&str; 27] = [
    "", "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال",
    "فبال", "وكال", "فكال", "وب", "ول", "فب", "فل", "وك", "فك", "وس", "فس",
];

/// A conjunction glued to a word («واحد» stays, «وأحد» → «احد»، «واتهم» → «اتهم»).
pub fn strip_conjunction(word: &str) -> &str {
    match word.strip_prefix('و') {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => word,
    }
}

/// True if `prefix` (normalised) is a legal sequence of proclitics, including
/// `""` and the article forms.
pub fn is_proclitic_prefix(prefix: &str) -> bool {
    PROCLITICS.contains(&prefix)
}

/// Minimum number of letters a proclitic split must leave.
const MIN_STEM_AFTER_PROCLITIC: usize = 2;

/// Byte lengths of the legal proclitic prefixes of a normalised word that
/// leave a stem of at least 2 letters, longest first, always ending with 0.
pub fn proclitic_splits(word: &str) -> Vec<usize> {
    let mut splits: Vec<usize> = PROCLITICS
        .iter()
        .filter(|p| !p.is_empty() && word.starts_with(**p))
        .filter(|p| word[p.len()..].chars().count() >= MIN_STEM_AFTER_PROCLITIC)
        .map(|p| p.len())
        .collect();
    splits.sort_unstable_by(|a, b| b.cmp(a));
    splits.dedup();
    splits.push(0);
    splits
}

/// Pronoun suffixes (normalised), longest first.
const PRONOUN_SUFFIXES: [&str; 7] = ["هما", "ها", "هم", "هن", "كم", "نا", "ه"];

/// Minimum number of letters a pronoun-suffix split must leave.
const MIN_STEM_BEFORE_SUFFIX: usize = 3;

/// Byte length of a pronoun suffix (ه، ها، هم، هما، هن، كم، نا in normalised
/// form) if the word carries one and a stem of at least 3 letters remains;
/// `None` otherwise. Ambiguous by nature (`مدينه` < `مدينة` ends in ه):
/// callers use it only to retry a failed lexical match.
pub fn pronoun_suffix(word: &str) -> Option<usize> {
    PRONOUN_SUFFIXES.iter().find_map(|suffix| {
        let stem = word.strip_suffix(suffix)?;
        (stem.chars().count() >= MIN_STEM_BEFORE_SUFFIX).then_some(suffix.len())
    })
}

/// An article's sentences and their clauses, cut once: every stage asks which
/// sentence and clause a span stands in, and the answer is two binary searches
/// (sentences are in text order and do not overlap; nor do a sentence's clauses).
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub sentences: Vec<Range<usize>>,
    /// Every sentence's clauses, in text order.
    clauses: Vec<Range<usize>>,
}

impl Layout {
    pub fn new(norm: &str) -> Layout {
        let sentences = sentences(norm);
        let clauses = sentences
            .iter()
            .flat_map(|s| clauses(norm, s.clone()))
            .collect();
        Layout { sentences, clauses }
    }

    /// The sentence that contains `r`, and the clause of it that contains `r` (the
    /// whole sentence when no single clause does).
    pub fn sentence_and_clause(&self, r: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
        let before = |rs: &[Range<usize>]| rs.partition_point(|s| s.start <= r.start);
        let sentence = self.sentences[..before(&self.sentences)]
            .last()
            .filter(|s| r.end <= s.end)?;
        let clause = self.clauses[..before(&self.clauses)]
            .last()
            .filter(|c| sentence.start <= c.start && r.end <= c.end)
            .unwrap_or(sentence);
        Some((sentence.clone(), clause.clone()))
    }
}

/// Words that open reported content or a clause of fact («قال إن …»، «أكد أن …»):
/// what follows them is what was said, not who said it.
pub const COMPLEMENTIZERS: &[&str] = &["ان", "بان", "انه", "انها", "انهم", "لان"];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalisation_table() {
        let cases: &[(&str, &str, &str)] = &[
            // (rule, input, expected)
            ("tashkeel dropped", "كَتَبَ", "كتب"),
            ("tanwin and sukun dropped", "كتابٌ مْ", "كتاب م"),
            ("shadda dropped", "مدّ", "مد"),
            ("superscript alef dropped", "هٰذا", "هذا"),
            ("tatweel dropped", "كـــبير", "كبير"),
            ("ZWJ/ZWNJ dropped", "ب\u{200D}ب\u{200C}ب\u{200B}", "ببب"),
            ("LRM/RLM dropped", "\u{200E}أ\u{200F}", "ا"),
            ("bidi embeddings dropped", "\u{202B}حلب\u{202C}", "حلب"),
            ("bidi isolates dropped", "\u{2067}حلب\u{2069}", "حلب"),
            ("BOM dropped", "\u{FEFF}حلب", "حلب"),
            ("ALM dropped", "\u{061C}-5", "-5"),
            ("soft hyphen dropped", "حل\u{00AD}ب", "حلب"),
            ("hamza above alef", "أحمد", "احمد"),
            ("hamza below alef", "إدلب", "ادلب"),
            ("madda alef", "آمن", "امن"),
            ("wasla alef", "ٱلحرب", "الحرب"),
            ("alef maqsura", "على", "علي"),
            ("teh marbuta", "مدينة", "مدينه"),
            ("hamza on waw", "مؤتمر", "موتمر"),
            ("hamza on yeh", "رئيس", "رييس"),
            ("persian kaf", "کرد", "كرد"),
            ("persian yeh", "ایران", "ايران"),
            ("persian ae", "ە", "ه"),
            ("arabic-indic digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"),
            ("persian digits", "۰۱۲۳۴۵۶۷۸۹", "0123456789"),
            ("arabic comma", "أ، ب", "ا, ب"),
            ("arabic semicolon", "أ؛ ب", "ا; ب"),
            ("arabic question mark", "لماذا؟", "لماذا?"),
            ("arabic thousands separator", "٣٬٥٠٠", "3,500"),
            ("arabic decimal separator", "٣٫٥", "3.5"),
            ("guillemets", "«قسد»", "\"قسد\""),
            ("curly double quotes", "“أ” „ب‟", "\"ا\" \"ب\""),
            (
                "single quotes, prime, backtick",
                "'أ' ‘ب’ ″ `",
                "\"ا\" \"ب\" \" \"",
            ),
            ("dashes", "أ – ب — ج ‒ د − ه", "ا - ب - ج - د - ه"),
            ("nbsp", "أ\u{00A0}ب", "ا ب"),
            ("en quad..hair space", "أ\u{2000}ب\u{200A}ج", "ا ب ج"),
            (
                "narrow nbsp, mmsp, ideographic",
                "أ\u{202F}ب\u{205F}ج\u{3000}د",
                "ا ب ج د",
            ),
            ("tab", "أ\tب", "ا ب"),
            ("CRLF -> LF", "أ\r\nب", "ا\nب"),
            ("lone CR -> LF", "أ\rب", "ا\nب"),
            ("CR CR LF", "أ\r\r\nب", "ا\n\nب"),
            ("LF kept", "أ\nب", "ا\nب"),
            ("ascii latin lowercased", "HAT Reuters", "hat reuters"),
            ("latin-1 lowercased", "ÉCOLE", "école"),
            ("decomposed hamza above", "ا\u{0654}", "ا"),
            ("decomposed madda", "ا\u{0653}", "ا"),
            ("decomposed hamza below", "ا\u{0655}", "ا"),
            ("lone combining mark", "\u{064E}", ""),
            ("other chars pass through", "😀 % $ ( ) ٪", "😀 % $ ( ) ٪"),
            ("control chars pass through", "\u{0}\u{7}", "\u{0}\u{7}"),
            ("empty", "", ""),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(normalise(input), *expected, "rule: {rule}");
            assert_eq!(NormText::new(input).norm, *expected, "rule: {rule}");
        }
    }

    #[test]
    fn folding_is_idempotent_on_every_char() {
        let mut buf = [0u8; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let once = normalise(c.encode_utf8(&mut buf));
            assert_eq!(normalise(&once), once, "{c:?}");
        }
    }

    #[test]
    fn decomposed_and_precomposed_hamza_agree() {
        assert_eq!(normalise("ا\u{0654}"), normalise("أ"));
        assert_eq!(normalise("سا\u{0654}ل"), normalise("سأل"));
        assert_eq!(normalise("ي\u{0654}"), normalise("ئ"));
        assert_eq!(normalise("و\u{0654}"), normalise("ؤ"));
    }

    /// Original text of every token of `input`.
    fn token_spans(input: &str) -> Vec<(String, &str, Range<usize>)> {
        let nt = NormText::new(input);
        tokenize(&nt.norm)
            .into_iter()
            .map(|t| {
                let b = nt.orig_bytes(t.range());
                (
                    t.text(&nt.norm).to_string(),
                    &input[b],
                    nt.orig_chars(t.range()),
                )
            })
            .collect()
    }

    #[test]
    fn span_mapping_table() {
        type Row = (
            &'static str,
            &'static str,
            &'static [(&'static str, &'static str, Range<usize>)],
        );
        let cases: &[Row] = &[
            // (case, input, [(token, original slice, original chars)])
            (
                "tashkeel inside and at the end of a word",
                "كَتَبَ الوَلَدُ",
                &[("كتب", "كَتَبَ", 0..6), ("الولد", "الوَلَدُ", 7..15)],
            ),
            (
                "tatweel inside a word",
                "كـتـاب",
                &[("كتاب", "كـتـاب", 0..6)],
            ),
            (
                "tatweel after a proclitic before a quote",
                "لـ\"قسد\"",
                &[("ل", "لـ", 0..2), ("قسد", "قسد", 3..6)],
            ),
            (
                "bidi marks around a word are outside the span",
                "\u{200F}دمشق\u{200F} \u{2067}حلب\u{2069}",
                &[("دمشق", "دمشق", 1..5), ("حلب", "حلب", 8..11)],
            ),
            (
                "zero-width joiner inside a word",
                "حل\u{200D}ب",
                &[("حلب", "حل\u{200D}ب", 0..4)],
            ),
            (
                "mark after a bidi mark is not glued to the word",
                "حلب\u{200F}\u{064E}",
                &[("حلب", "حلب", 0..3)],
            ),
            ("CRLF", "أ\r\nب", &[("ا", "أ", 0..1), ("ب", "ب", 3..4)]),
            (
                "emoji and astral chars",
                "😀 حلب 𝕏 12",
                &[("حلب", "حلب", 2..5), ("12", "12", 8..10)],
            ),
            (
                "decomposed hamza",
                "ا\u{0654}مس",
                &[("امس", "ا\u{0654}مس", 0..4)],
            ),
            (
                "decomposed hamza at the end",
                "سا\u{0654}",
                &[("سا", "سا\u{0654}", 0..3)],
            ),
            (
                "folded digits",
                "٣٬٥٠٠ قتيل",
                &[("3,500", "٣٬٥٠٠", 0..5), ("قتيل", "قتيل", 6..10)],
            ),
            ("superscript alef", "هٰذا", &[("هذا", "هٰذا", 0..4)]),
        ];
        for (case, input, expected) in cases {
            let got = token_spans(input);
            let want: Vec<(String, &str, Range<usize>)> = expected
                .iter()
                .map(|(t, o, c)| (t.to_string(), *o, c.clone()))
                .collect();
            assert_eq!(got, want, "case: {case}");
        }
    }

    #[test]
    fn empty_and_out_of_range_spans() {
        let input = "\u{200F}أَ ب";
        let nt = NormText::new(input);
        assert_eq!(nt.norm, "ا ب");
        // Empty range at the first norm char: starts at the char producing it.
        assert_eq!(nt.orig_bytes(0..0), 3..3);
        // Empty range between chars.
        assert_eq!(nt.orig_bytes(3..3), 8..8);
        // Empty range at the end of norm: end of the original.
        assert_eq!(nt.orig_bytes(5..5), input.len()..input.len());
        // Out of range and reversed ranges are clamped.
        assert_eq!(nt.orig_bytes(0..100), 3..input.len());
        assert_eq!(nt.orig_bytes(100..200), input.len()..input.len());
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = nt.orig_bytes(4..1);
        assert_eq!(reversed, 8..8);
        // Mid-char bounds count as the whole char.
        assert_eq!(nt.orig_bytes(1..2), 3..7);
        assert_eq!(nt.orig_chars(0..2), 1..3);
        // char_offset: boundaries, mid-char bytes and past the end.
        assert_eq!(nt.char_offset(0), 0);
        assert_eq!(nt.char_offset(3), 1);
        assert_eq!(nt.char_offset(4), 1);
        assert_eq!(nt.char_offset(input.len()), input.chars().count());
        assert_eq!(nt.char_offset(usize::MAX), input.chars().count());

        let empty = NormText::new("");
        assert_eq!(empty.orig_bytes(0..0), 0..0);
        assert_eq!(empty.orig_chars(0..5), 0..0);
        assert_eq!(empty.char_offset(3), 0);

        let only_marks = NormText::new("\u{064E}\u{200F}");
        assert_eq!(only_marks.norm, "");
        assert_eq!(only_marks.orig_bytes(0..1), 5..5);
    }

    fn tok(input: &str) -> Vec<(String, TokenKind)> {
        let norm = normalise(input);
        tokenize(&norm)
            .iter()
            .map(|t| (t.text(&norm).to_string(), t.kind))
            .collect()
    }

    #[test]
    fn tokenisation_table() {
        use TokenKind::{Latin as L, Number as N, Word as W};
        let cases: &[(&str, &[(&str, TokenKind)])] = &[
            ("", &[]),
            ("  ,. \n", &[]),
            ("قتل ثلاثة", &[("قتل", W), ("ثلاثه", W)]),
            ("123 ١٢٣ ۱۲۳", &[("123", N), ("123", N), ("123", N)]),
            ("3,500 قتيل", &[("3,500", N), ("قتيل", W)]),
            ("٣٬٥٠٠", &[("3,500", N)]),
            ("3٬500", &[("3,500", N)]),
            ("3.5 مليون", &[("3.5", N), ("مليون", W)]),
            ("٣٫٥", &[("3.5", N)]),
            ("1,234,567.89", &[("1,234,567.89", N)]),
            ("عام 2019.", &[("عام", W), ("2019", N)]),
            ("2019, ثم", &[("2019", N), ("ثم", W)]),
            ("3,,5", &[("3", N), ("5", N)]),
            (".5", &[("5", N)]),
            ("ب4", &[("ب", W), ("4", N)]),
            ("4ب", &[("4", N), ("ب", W)]),
            ("لـ\"قسد\"", &[("ل", W), ("قسد", W)]),
            (
                "هيئة تحرير الشام HAT",
                &[("هييه", W), ("تحرير", W), ("الشام", W), ("hat", L)],
            ),
            ("ISIS-K", &[("isis", L), ("k", L)]),
            ("Reuters/رويترز", &[("reuters", L), ("رويترز", W)]),
            ("abcب", &[("abc", L), ("ب", W)]),
            ("a1", &[("a", L), ("1", N)]),
            ("Café", &[("café", L)]),
            ("cafe\u{0301}", &[("cafe\u{0301}", L)]),
            ("كتاب\u{06E1} ثم", &[("كتاب\u{06E1}", W), ("ثم", W)]),
            ("\u{06E1}ب", &[("ب", W)]),
            ("😀حلب😀", &[("حلب", W)]),
            ("20%", &[("20", N)]),
        ];
        for (input, expected) in cases {
            let want: Vec<(String, TokenKind)> =
                expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
            assert_eq!(tok(input), want, "input: {input:?}");
        }
    }

    fn sents(input: &str) -> Vec<String> {
        let norm = normalise(input);
        sentences(&norm)
            .into_iter()
            .map(|r| norm[r].to_string())
            .collect()
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            (" \n\n \t", &[]),
            ("قتل ثلاثة. وأصيب آخرون!", &["قتل ثلاثه.", "واصيب اخرون!"]),
            ("هل انتهى القتال؟ لا", &["هل انتهي القتال?", "لا"]),
            ("وصل الوفد؛ ثم غادر", &["وصل الوفد;", "ثم غادر"]),
            ("بلغ العدد 3.5 مليون نازح.", &["بلغ العدد 3.5 مليون نازح."]),
            (
                "انتهى عام 2019. وبدأ عام جديد",
                &["انتهي عام 2019.", "وبدا عام جديد"],
            ),
            (
                "عنوان الخبر\nنص الخبر هنا",
                &["عنوان الخبر", "نص الخبر هنا"],
            ),
            ("عنوان\r\n\r\n  نص  \r\n", &["عنوان", "نص"]),
            ("قال: \"انتهى.\" ثم غادر.", &["قال: \"انتهي.\"", "ثم غادر."]),
            ("ماذا حدث؟! لا أحد يعرف...", &["ماذا حدث?!", "لا احد يعرف..."]),
            (
                "انسحبت القوات.وقال المتحدث",
                &["انسحبت القوات.", "وقال المتحدث"],
            ),
            ("أعلنت u.s. وقف الدعم", &["اعلنت u.s.", "وقف الدعم"]),
            ("(قتل جندي.) ثم", &["(قتل جندي.)", "ثم"]),
            ("أ\u{2029}ب", &["ا", "ب"]),
            (".", &["."]),
        ];
        for (input, expected) in cases {
            assert_eq!(sents(input), *expected, "input: {input:?}");
        }
    }

    fn clause_texts(input: &str) -> Vec<String> {
        let norm = normalise(input);
        clauses(&norm, 0..norm.len())
            .into_iter()
            .map(|r| norm[r].to_string())
            .collect()
    }

    #[test]
    fn clause_table() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            (
                "قال المتحدث، إن القوات تقدمت",
                &["قال المتحدث", "ان القوات تقدمت"],
            ),
            ("أ؛ ب", &["ا", "ب"]),
            ("وقال: لن ننسحب", &["وقال", "لن ننسحب"]),
            (
                "انتهى الاجتماع - وغادر الوفد",
                &["انتهي الاجتماع", "وغادر الوفد"],
            ),
            ("الطريق بين حلب-دمشق مقطوع", &["الطريق بين حلب-دمشق مقطوع"]),
            (
                "بين 2019-2020 قتل 3,500 شخص",
                &["بين 2019-2020 قتل 3,500 شخص"],
            ),
            ("الساعة 10:30 صباحا", &["الساعه 10:30 صباحا"]),
            (
                "قصفت الطائرات البلدة فيما انسحب المسلحون",
                &["قصفت الطايرات البلده", "فيما انسحب المسلحون"],
            ),
            (
                "تقدم الجيش بينما تراجع التنظيم",
                &["تقدم الجيش", "بينما تراجع التنظيم"],
            ),
            (
                "تقدم الجيش في حين تراجع التنظيم",
                &["تقدم الجيش", "في حين تراجع التنظيم"],
            ),
            (
                "تقدم الجيش في  حين تراجع التنظيم",
                &["تقدم الجيش", "في  حين تراجع التنظيم"],
            ),
            (
                "وصل الوفد إلى دمشق حيث التقى الوزير",
                &["وصل الوفد الي دمشق", "حيث التقي الوزير"],
            ),
            (
                "هاجموا القرية، حيث قتل مدنيان",
                &["هاجموا القريه", "حيث قتل مدنيان"],
            ),
            ("فيما يتعلق بالهدنة", &["فيما يتعلق بالهدنه"]),
            (
                "نظرت المحكمة في حيثيات القضية",
                &["نظرت المحكمه في حيثيات القضيه"],
            ),
            ("وذلك في حينه", &["وذلك في حينه"]),
            ("قالوا وفيما بعد", &["قالوا وفيما بعد"]),
            ("،،  ،", &[]),
            ("قتل جندي، وأصيب آخر.", &["قتل جندي", "واصيب اخر."]),
        ];
        for (input, expected) in cases {
            assert_eq!(clause_texts(input), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn every_clause_opener_starts_with_a_listed_first_letter() {
        for o in CLAUSE_OPENERS {
            let first = o.chars().next().expect("openers are words");
            assert!(OPENER_FIRST.contains(&first), "{o}");
        }
    }

    #[test]
    fn clauses_stay_inside_the_sentence_range() {
        let norm = normalise("أولا، ثانيا. ثالثا، رابعا");
        let ss = sentences(&norm);
        assert_eq!(ss.len(), 2);
        let second: Vec<&str> = clauses(&norm, ss[1].clone())
            .into_iter()
            .map(|r| &norm[r])
            .collect();
        assert_eq!(second, ["ثالثا", "رابعا"]);
        // An opener right at the start of the range is not preceded by a
        // space inside the sentence: no empty clause.
        let norm = normalise("أ. حيث ب");
        let ss = sentences(&norm);
        assert_eq!(clauses(&norm, ss[1].clone()), [ss[1].clone()]);
        // Bad ranges never panic.
        assert!(clauses(&norm, 100..200).is_empty());
        // A start inside a char is moved to the next boundary.
        let from_mid: Vec<&str> = clauses(&norm, 1..norm.len())
            .into_iter()
            .map(|r| &norm[r])
            .collect();
        assert_eq!(from_mid, [".", "حيث ب"]);
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = clauses(&norm, 5..2);
        assert!(reversed.is_empty());
    }

    #[test]
    fn proclitic_prefix_table() {
        for p in PROCLITICS {
            assert!(is_proclitic_prefix(p), "{p:?}");
        }
        for p in ["وو", "لال", "سو", "الل", "بب", "x", "ا", "وفال", "سال"] {
            assert!(!is_proclitic_prefix(p), "{p:?}");
        }
    }

    #[test]
    fn proclitic_splits_table() {
        let cases: &[(&str, &str, &[usize])] = &[
            // (prefix exercised, word as written, splits of the normalised word)
            ("", "جيش", &[0]),
            ("و", "وقال", &[2, 0]),
            ("ف", "فقال", &[2, 0]),
            ("ب", "بغداد", &[2, 0]),
            ("ل", "لقوات", &[2, 0]),
            ("ك", "كقائد", &[2, 0]),
            ("س", "سيعلن", &[2, 0]),
            ("ال", "الجيش", &[4, 0]),
            ("وال", "والحسكة", &[6, 2, 0]),
            ("فال", "فالقوات", &[6, 2, 0]),
            ("بال", "بالموصل", &[6, 2, 0]),
            ("كال", "كالعادة", &[6, 2, 0]),
            ("لل", "للجيش", &[4, 2, 0]),
            ("ولل", "وللقوات", &[6, 4, 2, 0]),
            ("فلل", "فللجيش", &[6, 4, 2, 0]),
            ("وبال", "وبالموصل", &[8, 4, 2, 0]),
            ("فبال", "فبالمدينة", &[8, 4, 2, 0]),
            ("وكال", "وكالعادة", &[8, 4, 2, 0]),
            ("فكال", "فكالعادة", &[8, 4, 2, 0]),
            ("وب", "وبغداد", &[4, 2, 0]),
            ("ول", "ولقوات", &[4, 2, 0]),
            ("فب", "فبغداد", &[4, 2, 0]),
            ("فل", "فلنذهب", &[4, 2, 0]),
            ("وك", "وكذلك", &[4, 2, 0]),
            ("فك", "فكتب", &[4, 2, 0]),
            ("وس", "وسيعلن", &[4, 2, 0]),
            ("فس", "فسيعلن", &[4, 2, 0]),
            // Stems shorter than two letters are never proposed.
            ("stem of exactly 2", "بال", &[2, 0]),
            ("و leaves 2, ول leaves 1", "ولد", &[2, 0]),
            ("ال leaves 1", "إلى", &[0]),
            ("ل leaves 1", "لل", &[0]),
            ("single letter", "و", &[0]),
            ("empty word", "", &[0]),
            ("latin word", "bank", &[0]),
            ("whole word is a prefix", "وال", &[2, 0]),
        ];
        for (prefix, word, expected) in cases {
            let norm = normalise(word);
            assert_eq!(
                proclitic_splits(&norm),
                *expected,
                "prefix {prefix:?} word {word:?}"
            );
            for &n in *expected {
                assert!(is_proclitic_prefix(&norm[..n]), "{word:?} split {n}");
            }
        }
    }

    #[test]
    fn pronoun_suffix_table() {
        let cases: &[(&str, Option<usize>)] = &[
            ("كتابه", Some(2)),
            ("كتابها", Some(4)),
            ("كتابهم", Some(4)),
            ("كتابهما", Some(6)),
            ("كتابهن", Some(4)),
            ("كتابكم", Some(4)),
            ("كتابنا", Some(4)),
            ("قاله", Some(2)),
            ("بيتهم", Some(4)),
            ("مدينة", Some(2)), // ambiguous: ة folds to ه
            ("منه", None),
            ("له", None),
            ("لهما", None),
            ("عنها", None),
            ("كتاب", None),
            ("ه", None),
            ("", None),
        ];
        for (word, expected) in cases {
            assert_eq!(pronoun_suffix(&normalise(word)), *expected, "word {word:?}");
        }
    }

    /// Characters the property tests draw from.
    const ALPHABET: &[char] = &[
        'ا', 'أ', 'إ', 'آ', 'ٱ', 'ب', 'ت', 'ة', 'ى', 'ي', 'ئ', 'ؤ', 'و', 'ل', 'ه', 'ک', 'ی', 'ە',
        'م', 'ن', 'ف', 'ك', 'س', '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}',
        '\u{064B}', '\u{0653}', '\u{0654}', '\u{0655}', '\u{0670}', '\u{0640}', '\u{06E1}', '0',
        '5', '9', '٠', '٣', '٩', '۰', '۴', '٬', '٫', ',', '.', '\u{200B}', '\u{200C}', '\u{200D}',
        '\u{200E}', '\u{200F}', '\u{202B}', '\u{202C}', '\u{2067}', '\u{2069}', '\u{FEFF}',
        '\u{061C}', '\u{00AD}', '،', '؛', '؟', '!', '?', ';', ':', '-', '–', '—', '"', '«', '»',
        '\'', '’', ' ', ' ', ' ', '\u{00A0}', '\u{2009}', '\t', '\n', '\r', 'a', 'Z', 'x', 'É',
        'é', '\u{0301}', '😀', '𝕏', '\u{0}', '(', ')',
    ];

    fn text_strategy() -> impl Strategy<Value = String> {
        let ch = prop_oneof![9 => proptest::sample::select(ALPHABET), 1 => any::<char>()];
        proptest::collection::vec(ch, 0..80).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn normalisation_and_spans(s in text_strategy()) {
            let nt = NormText::new(&s);
            prop_assert_eq!(&normalise(&s), &nt.norm);
            prop_assert_eq!(normalise(&nt.norm), nt.norm.clone());
            for t in tokenize(&nt.norm) {
                let text = t.text(&nt.norm);
                prop_assert!(!text.is_empty());
                let b = nt.orig_bytes(t.range());
                prop_assert!(b.start < b.end && b.end <= s.len());
                prop_assert!(s.is_char_boundary(b.start) && s.is_char_boundary(b.end));
                prop_assert_eq!(normalise(&s[b.clone()]), text);
                let c = nt.orig_chars(t.range());
                prop_assert_eq!(c.start, s[..b.start].chars().count());
                prop_assert_eq!(c.end - c.start, s[b].chars().count());
            }
        }

        #[test]
        fn any_range_maps_to_char_boundaries(s in text_strategy(), a in 0usize..200, b in 0usize..200) {
            let nt = NormText::new(&s);
            let r = nt.orig_bytes(a..b);
            prop_assert!(r.start <= r.end && r.end <= s.len());
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            let c = nt.orig_chars(a..b);
            prop_assert_eq!(c.start, s[..r.start].chars().count());
            prop_assert_eq!(c.end, s[..r.end].chars().count());
        }

        #[test]
        fn segmentation_is_well_formed(s in text_strategy()) {
            let norm = normalise(&s);
            let tokens = tokenize(&norm);
            let ss = sentences(&norm);
            let mut prev_end = 0;
            for sent in &ss {
                prop_assert!(sent.start >= prev_end && sent.start < sent.end);
                prop_assert_eq!(norm[sent.clone()].trim(), &norm[sent.clone()]);
                prev_end = sent.end;
                let cs = clauses(&norm, sent.clone());
                let mut prev_clause_end = sent.start;
                for c in &cs {
                    prop_assert!(c.start >= prev_clause_end && c.start < c.end && c.end <= sent.end);
                    prop_assert_eq!(norm[c.clone()].trim(), &norm[c.clone()]);
                    prev_clause_end = c.end;
                }
                for t in tokens.iter().filter(|t| t.start < sent.end && t.end > sent.start) {
                    prop_assert!(t.start >= sent.start && t.end <= sent.end);
                    prop_assert_eq!(cs.iter().filter(|c| c.start <= t.start && t.end <= c.end).count(), 1);
                }
            }
            // Every token lies in some sentence.
            for t in &tokens {
                prop_assert!(ss.iter().any(|r| r.start <= t.start && t.end <= r.end));
            }
        }

        #[test]
        fn clitics_never_panic_and_respect_stem_lengths(s in text_strategy()) {
            let norm = normalise(&s);
            for t in tokenize(&norm) {
                let w = t.text(&norm);
                let splits = proclitic_splits(w);
                prop_assert_eq!(splits.last(), Some(&0));
                prop_assert!(splits.windows(2).all(|p| p[0] > p[1]));
                for &n in &splits[..splits.len() - 1] {
                    prop_assert!(is_proclitic_prefix(&w[..n]));
                    prop_assert!(w[n..].chars().count() >= 2);
                }
                if let Some(n) = pronoun_suffix(w) {
                    prop_assert!(w[..w.len() - n].chars().count() >= 3);
                }
            }
        }
    }
}

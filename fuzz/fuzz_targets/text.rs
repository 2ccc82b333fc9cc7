//! The normaliser and the segmenters on arbitrary text: no panic, and the
//! invariants of `isnad::text` (normalisation idempotent and equal to the offset
//! map's, every token's original span cuts exactly what it normalises to,
//! sentences and clauses ordered, trimmed, non-overlapping and holding every
//! token).
#![no_main]

use isnad::text::{clauses, normalise, sentences, tokenize, NormText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s = s.as_ref();
    let nt = NormText::new(s);
    assert_eq!(normalise(s), nt.norm);
    assert_eq!(normalise(&nt.norm), nt.norm, "normalisation is idempotent");
    let norm = nt.norm.as_str();
    let tokens = tokenize(norm);
    let mut prev = 0;
    for t in &tokens {
        assert!(t.start >= prev && t.start < t.end && t.end <= norm.len());
        prev = t.end;
        let b = nt.orig_bytes(t.range());
        assert!(b.start < b.end && b.end <= s.len());
        assert!(s.is_char_boundary(b.start) && s.is_char_boundary(b.end));
        assert_eq!(normalise(&s[b.clone()]), t.text(norm));
        let c = nt.orig_chars(t.range());
        assert_eq!(c.start, s[..b.start].chars().count());
        assert_eq!(c.end - c.start, s[b].chars().count());
    }
    let ss = sentences(norm);
    let mut prev_end = 0;
    for sent in &ss {
        assert!(sent.start >= prev_end && sent.start < sent.end && sent.end <= norm.len());
        assert_eq!(norm[sent.clone()].trim(), &norm[sent.clone()]);
        prev_end = sent.end;
        let mut prev_clause = sent.start;
        for c in clauses(norm, sent.clone()) {
            assert!(c.start >= prev_clause && c.start < c.end && c.end <= sent.end);
            assert_eq!(norm[c.clone()].trim(), &norm[c.clone()]);
            prev_clause = c.end;
        }
    }
    for t in &tokens {
        assert!(ss.iter().any(|r| r.start <= t.start && t.end <= r.end));
    }
    // arbitrary ranges map to char boundaries of the original
    if data.len() >= 2 {
        let (a, b) = (data[0] as usize * 3, data[1] as usize * 5);
        let r = nt.orig_bytes(a..b);
        assert!(r.start <= r.end && r.end <= s.len());
        assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
    }
});

//! Property test: whatever the text — Arabic with diacritics, tatweel, bidi and
//! zero-width marks, digits of every script, names, cue words and numbers — the
//! extractor does not panic and every span it reports is an exact slice of the
//! original text, with character offsets that cut that same slice.

mod common;
use common::lexicon;

use isnad::article::Article;
use isnad::extract::extract;
use isnad::text::normalise;
use proptest::prelude::*;

/// Pieces the generated text is made of: words the extractor reacts to, and the
/// characters that make offsets hard.
const PIECES: &[&str] = &[
    "الحسكة",
    "وبالحسكة",
    "للحسكة",
    "قسد",
    "داعش",
    "تنظيم الدولة الإسلامية",
    "سجن",
    "غويران",
    "حي",
    "أحياء",
    "قرية",
    "قال",
    "المتحدث باسم",
    "نائب",
    "العقيد",
    " جون براون ",
    "المرصد",
    "التنظيم",
    "هجوم",
    "هجوماً",
    "قتل",
    "مقتل",
    "قتيلا",
    "جنديا",
    "مدنيين",
    "من",
    "بينهم",
    "و",
    "نحو",
    "أكثر من",
    "على الأقل",
    "عشرات",
    "خمسة",
    "آلاف",
    "أحد عشر",
    "41",
    "٤١",
    "۳۵۰۰",
    "3,500",
    "١٢٬٥٠٠",
    "الخميس",
    "أمس",
    "كانون الثاني",
    "2022",
    "وفقاً لـ",
    "مصدر أمني",
    "نفت",
    "فرار",
    "\u{064B}",
    "\u{064E}",
    "\u{0651}",
    "\u{0670}",
    "\u{0640}",
    "\u{200F}",
    "\u{200E}",
    "\u{202B}",
    "\u{202C}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{00A0}",
    "\u{0654}",
    "ا\u{0653}",
    " ",
    " ",
    " ",
    "،",
    ".",
    "؟",
    "\n",
    "\r\n",
    "«",
    "»",
    "\"",
    "(",
    ")",
    "–",
    "x",
    "😀",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_reported_span_is_an_exact_slice(text in text()) {
        let x = extract(Article::from_text("p.txt", text.clone()), lexicon());
        let chars: Vec<char> = text.chars().collect();
        let mut spans: Vec<std::ops::Range<usize>> = x.recognition.mentions.iter().map(|m| m.span.clone()).collect();
        spans.extend(x.events.iter().flat_map(|e| [e.trigger.clone(), e.sentence.clone()]));
        spans.extend(x.claims.iter().map(|c| c.span.clone()));
        spans.extend(x.recognition.entities.iter().filter_map(|e| e.role.clone()));
        for span in spans {
            let bytes = x.norm.orig_bytes(span.clone());
            prop_assert!(text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end));
            let slice = &text[bytes.clone()];
            prop_assert_eq!(x.original(span.clone()), slice);
            // the slice normalises back to what was matched
            prop_assert_eq!(normalise(slice), &x.norm.norm[span.clone()]);
            // character offsets cut the same slice
            let c = x.char_span(span);
            prop_assert_eq!(chars[c.start..c.end].iter().collect::<String>(), slice);
        }
        // and the RDF mapping of it all does not panic
        let _ = isnad::rdf::article_quads(&x, lexicon());
    }
}

//! Property tests of the input stage and the whole pipeline (proptest): arbitrary
//! bytes in any format never panic, and whatever articles they give come out
//! with spans inside the decoded text and RDF that parses back
//! (`isnad::verify`), written straight as N-Quads the same bytes as the quads
//! serialised; Arabic text survives every encoding isnad reads.
//! The fuzz targets in `fuzz/` push the same properties much further.

mod common;
use common::lexicon;

use isnad::article::{decode::decode, parse_bytes, Article, Format};
use isnad::extract::extract;
use isnad::rdf::{article_nquads, article_quads};
use isnad::verify::check_article_quads;
use proptest::prelude::*;

/// Pieces that make interesting inputs when glued together: Arabic words the
/// lexicon knows, numbers, markup, JSON punctuation, odd characters.
const PIECES: &[&str] = &[
    "قتل",
    "مقتل",
    "أصيب",
    "جرح",
    "هجوم",
    "قصف",
    "داعش",
    "تنظيم",
    "المرصد السوري",
    "مصدر",
    "أمني",
    "قال",
    "وأضاف",
    "نفى",
    "نحو",
    "أكثر من",
    "على الأقل",
    "خمسة",
    "عشرين",
    "١٢",
    "35",
    "مدنيين",
    "جنود",
    "في",
    "حلب",
    "الموصل",
    "حي",
    "قرية",
    "أمس",
    "الخميس",
    "2022-01-21",
    "،",
    ".",
    "؟",
    "«",
    "»",
    "\n",
    "\r\n",
    " ",
    "\u{200f}",
    "\u{0651}",
    "ـ",
    "<p>",
    "</p>",
    "<article>",
    "<nav>",
    "</nav>",
    "<script>",
    "<!--",
    "-->",
    "<br>",
    "<meta property=\"og:title\" content=\"",
    "\">",
    "&amp;",
    "&#1604;",
    "{",
    "}",
    "[",
    "]",
    "\"text\":",
    "\"id\":",
    "\"published\":",
    ",",
    ":",
    "\"",
    "\\",
    "\u{0}",
    "\u{feff}",
    "😀",
    "a",
    "Z",
    "اقرأ أيضا",
];

fn input_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(|s| s.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..6),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn format() -> impl Strategy<Value = Option<Format>> {
    proptest::sample::select(vec![
        None,
        Some(Format::Text),
        Some(Format::Html),
        Some(Format::Json),
        Some(Format::JsonLines),
    ])
}

/// Oxigraph's N-Quads of `quads`.
fn nquads_of(quads: &[oxrdf::Quad]) -> Vec<u8> {
    let mut w =
        oxrdfio::RdfSerializer::from_format(oxrdfio::RdfFormat::NQuads).for_writer(Vec::new());
    for q in quads {
        w.serialize_quad(q).expect("writes to memory");
    }
    w.finish().expect("writes to memory")
}

fn arabic_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(&PIECES[..40]), 1..30)
        .prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_in_any_format_never_break_the_contract(bytes in input_bytes(), format in format()) {
        let Ok(input) = parse_bytes("prop", "prop.txt", &bytes, format) else {
            return Ok(());
        };
        for article in input.articles {
            prop_assert!(!article.text.trim().is_empty());
            let x = extract(article, lexicon());
            let quads = article_quads(&x, lexicon());
            let problems = check_article_quads(&x.article, &quads);
            prop_assert!(problems.is_empty(), "{:#?}", problems);
        }
    }

    #[test]
    fn raw_text_through_the_extractor(bytes in input_bytes()) {
        let article = Article::from_text("prop.txt", String::from_utf8_lossy(&bytes));
        let x = extract(article, lexicon());
        let quads = article_quads(&x, lexicon());
        let problems = check_article_quads(&x.article, &quads);
        prop_assert!(problems.is_empty(), "{:#?}", problems);
        // the N-Quads `isnad extract` writes straight are the quads, serialised
        let mut direct = Vec::new();
        article_nquads(&x, lexicon(), &mut direct);
        let expected = nquads_of(&quads);
        prop_assert_eq!(
            String::from_utf8_lossy(&direct).into_owned(),
            String::from_utf8_lossy(&expected).into_owned()
        );
    }

    #[test]
    fn arabic_survives_every_encoding(text in arabic_text()) {
        let text = text.replace('\u{0}', "").replace(['😀', '\u{feff}'], "");
        // a legacy encoding is recognised by its Arabic letters: give it some
        let arabic = text.chars().filter(|c| isnad::article::decode::is_arabic_letter(*c)).count();
        prop_assume!(arabic >= 3);
        let mut encodings: Vec<Vec<u8>> = vec![text.as_bytes().to_vec()];
        encodings.push([b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        encodings.push(le);
        encodings.push(be);
        let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
        if !unmappable {
            encodings.push(cp1256.into_owned());
        }
        for bytes in encodings {
            let decoded = decode(&bytes, None);
            prop_assert_eq!(decoded.map(|d| d.text), Ok(text.clone()));
        }
    }
}

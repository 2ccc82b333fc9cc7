//! The whole pipeline on arbitrary bytes: reading (decoding, HTML, JSON, JSON
//! Lines, sniffing), extraction and the RDF mapping. No panic; every article
//! passes `isnad::verify::check_article_quads` (offsets inside the text and
//! cutting exactly the quote, spellings from the text, output that parses back
//! as N-Quads and TriG to the same quads).
//!
//! The first byte picks how the rest is read: as raw text (lossy UTF-8, so the
//! extractor sees text even when the reader would refuse it), as text, HTML,
//! JSON or JSON Lines, or sniffed.
#![no_main]

use isnad::article::{parse_bytes, Article, Format};
use isnad::extract::extract;
use isnad::extract::lexicon::Lexicon;
use isnad::rdf::article_quads;
use isnad::verify::check_article_quads;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::builtin().expect("the embedded lexicon loads"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let articles = match mode % 6 {
        0 => vec![Article::from_text("fuzz", String::from_utf8_lossy(bytes))],
        m => {
            let format = match m {
                1 => Some(Format::Text),
                2 => Some(Format::Html),
                3 => Some(Format::Json),
                4 => Some(Format::JsonLines),
                _ => None,
            };
            match parse_bytes("fuzz", "fuzz", bytes, format) {
                Ok(input) => input.articles,
                Err(_) => return,
            }
        }
    };
    for article in articles {
        let x = extract(article, lexicon());
        let quads = article_quads(&x, lexicon());
        let problems = check_article_quads(&x.article, &quads);
        assert!(problems.is_empty(), "{problems:#?}");
    }
});

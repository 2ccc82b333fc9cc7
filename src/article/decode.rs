//! Decoding: the bytes of an input file become Unicode text, or a one-line reason
//! why they cannot.
//!
//! Order of evidence, strongest first:
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE): the rest must decode
//!    cleanly in that encoding, BOM removed;
//! 2. NUL bytes (without a UTF-16 BOM): a binary file;
//! 3. valid UTF-8;
//! 4. a charset the document declares (HTML `<meta charset>`), if the bytes
//!    decode cleanly in it;
//! 5. the Arabic legacy encodings, windows-1256 and ISO-8859-6: both are tried
//!    and the one giving the larger share of Arabic letters wins (windows-1256 on
//!    a tie: short texts read as Arabic in both). `chardetng` (Firefox's
//!    detector) decides whether the bytes are Arabic at all: when it names one
//!    of the two, any Arabic will do; when it names another encoding, at least
//!    70% of the letters must be Arabic (short texts fool the detector).
//!
//! Anything else is refused: "not valid UTF-8 …". Decoding never uses
//! replacement characters, so decoded text holds exactly what the file says.
//! Line ends are kept as they are (CR LF included): the text layer treats them.
//!
//! Invariant: never panics, whatever the bytes.

use encoding_rs::{Encoding, ISO_8859_6, UTF_8, WINDOWS_1256};

/// Decoded text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Share of C0 control characters (other than tab, LF, FF, CR) above which
/// decoded text is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// Decodes `bytes`; `declared` is an encoding the document itself names (HTML).
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        return match encoding.decode_without_bom_handling_and_without_replacement(body) {
            Some(text) => checked(text.into_owned(), encoding),
            None => Err(format!(
                "not valid {} after its byte-order mark",
                encoding.name()
            )),
        };
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return checked(text.to_owned(), UTF_8),
        Err(e) => e.valid_up_to(),
    };
    if let Some(encoding) = declared.filter(|e| *e != UTF_8 && e.is_single_byte()) {
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
            return checked(text.into_owned(), encoding);
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // Between the two Arabic encodings, the one whose text has the larger share
    // of Arabic letters (windows-1256, the commoner, on a tie: a few letters can
    // read as Arabic in both, and the detector's choice between them is a guess).
    // If the detector named neither, that share must be at least 70%.
    let arabic_guess = guess == WINDOWS_1256 || guess == ISO_8859_6;
    let mut best: Option<(f64, &'static Encoding, String)> = None;
    for encoding in [WINDOWS_1256, ISO_8859_6] {
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
            let (arabic, letters) = letter_counts(&text);
            let share = if letters == 0 {
                0.0
            } else {
                arabic as f64 / letters as f64
            };
            let enough = share >= 0.7 || (arabic_guess && arabic > 0);
            if enough && best.as_ref().is_none_or(|(s, _, _)| share > *s) {
                best = Some((share, encoding, text.into_owned()));
            }
        }
    }
    if let Some((_, encoding, text)) = best {
        return checked(text, encoding);
    }
    Err(format!(
        "not valid UTF-8 (first bad byte at offset {utf8_error}) and not in an Arabic \
         legacy encoding (windows-1256, ISO-8859-6){}",
        if guess == UTF_8 {
            String::new()
        } else {
            format!("; it looks like {}", guess.name())
        }
    ))
}

/// Refuses decoded text that is mostly control characters (binary data that
/// happened to decode).
fn checked(text: String, encoding: &'static Encoding) -> Result<Decoded, String> {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{FFFD}' {
            controls += 1;
        }
    }
    if chars > 0 && controls as f64 > chars as f64 * MAX_CONTROL_SHARE {
        return Err(format!(
            "binary data ({controls} control characters in {chars})"
        ));
    }
    Ok(Decoded { text, encoding })
}

/// Whether a character is an Arabic letter (Arabic, Arabic Supplement, Arabic
/// Extended-A and the presentation forms).
pub fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c as u32,
            0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// (Arabic letters, all letters) in `text`.
pub fn letter_counts(text: &str) -> (usize, usize) {
    let mut arabic = 0;
    let mut letters = 0;
    for c in text.chars() {
        // fast paths for the bulk of the text: ASCII, and the Arabic letters
        // proper (U+0621–U+064A, all alphabetic); Unicode's tables for the rest
        let (letter, is_arabic) = if c.is_ascii() {
            (c.is_ascii_alphabetic(), false)
        } else if ('\u{0621}'..='\u{064A}').contains(&c) {
            (true, true)
        } else {
            (c.is_alphabetic(), is_arabic_letter(c))
        };
        letters += usize::from(letter);
        arabic += usize::from(is_arabic);
    }
    (arabic, letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "قالت مصادر محلية إن اشتباكات عنيفة دارت في المدينة مساء الخميس، \
        وأسفرت عن مقتل عدد من المسلحين وإصابة آخرين بجروح.\r\nوأضافت المصادر أن القوات \
        أغلقت الطرق المؤدية إلى السوق.";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(
            !unmappable,
            "sample not representable in {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes(), None).unwrap();
        assert_eq!(plain.text, SAMPLE);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let with_bom = decode(&bom, None).unwrap();
        assert_eq!(with_bom.text, SAMPLE, "the BOM is removed");
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let units: Vec<u16> = SAMPLE.encode_utf16().collect();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in units {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, None).unwrap().text, SAMPLE);
        assert_eq!(decode(&be, None).unwrap().text, SAMPLE);
        // an odd trailing byte is not UTF-16
        le.push(0x41);
        let err = decode(&le, None).unwrap_err();
        assert!(err.contains("UTF-16LE"), "{err}");
    }

    #[test]
    fn arabic_legacy_encodings_are_detected() {
        for encoding in [WINDOWS_1256, ISO_8859_6] {
            let bytes = encode(encoding, SAMPLE);
            assert!(std::str::from_utf8(&bytes).is_err());
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, SAMPLE, "{}", encoding.name());
        }
    }

    #[test]
    fn a_short_legacy_text_is_still_read() {
        let short = "قتل ثلاثة";
        for encoding in [WINDOWS_1256, ISO_8859_6] {
            let d = decode(&encode(encoding, short), None).unwrap();
            assert_eq!(d.text, short, "{}", encoding.name());
        }
    }

    #[test]
    fn declared_charset_is_used_when_the_bytes_fit() {
        let bytes = encode(WINDOWS_1256, SAMPLE);
        let d = decode(&bytes, Some(WINDOWS_1256)).unwrap();
        assert_eq!(d.encoding, WINDOWS_1256);
        assert_eq!(d.text, SAMPLE);
    }

    #[test]
    fn binary_and_foreign_bytes_are_refused_with_a_reason() {
        assert_eq!(decode(b"", None).unwrap_err(), "empty file");
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(decode(png, None).unwrap_err().contains("binary"));
        let controls: Vec<u8> = (1u8..32).cycle().take(400).collect();
        assert!(decode(&controls, None).unwrap_err().contains("binary"));
        // Latin-1 French: not UTF-8, not Arabic
        let (latin, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le café était fermé à cause des événements de la journée précédente.");
        let err = decode(&latin, None).unwrap_err();
        assert!(err.starts_with("not valid UTF-8"), "{err}");
    }

    #[test]
    fn letter_counts_count_arabic_letters_only() {
        assert_eq!(letter_counts("قتل 3 in Idlib"), (3, 10));
        assert_eq!(letter_counts("123 !?"), (0, 0));
    }
}

//! Attribution on sentences written for these tests: who each figure is credited
//! to (outlets, relays, documents, titled speakers, unnamed sources), where an
//! unnamed source's phrase ends, and which frame credits which mention of a figure.

mod common;
use common::{extract_text as run, source_tail};
use isnad::extract::Extraction;

/// The source of the claim counting `count` in `text`.
fn source_of(text: &str, count: u64) -> Option<String> {
    let x = run(text);
    x.claims
        .iter()
        .find(|c| c.count == Some(count))
        .map(|c| source_tail(&x, &c.source))
}

/// Every case credits the figure 6 to the expected source; failures are listed together.
fn assert_credits(cases: &[(&str, &str)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = source_of(text, 6);
            (got.as_deref() != Some(*want)).then(|| format!("{text}\n   want {want}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn an_unnamed_source_ends_after_its_qualifiers_and_its_body() {
    assert_credits(&[
        (
            "وقال مصدر أمني مطلع إن 6 عناصر قتلوا في الكمين.",
            "مصدر أمني مطلع",
        ),
        (
            "وذكرت مصادر عراقية رسمية أن 6 مدنيين قتلوا في القصف.",
            "مصادر عراقية رسمية",
        ),
        (
            "وأفاد مسؤول أمني رفيع المستوى بمقتل 6 جنود في الهجوم.",
            "مسؤول أمني رفيع المستوى",
        ),
        ("وأكد مصدر طبي أن 6 أشخاص قتلوا في الانفجار.", "مصدر طبي"),
        (
            "وقال مصدر عسكري لوكالة فرانس برس إن 6 جنود قتلوا في الهجوم.",
            "مصدر عسكري",
        ),
        (
            "وقال مصدر أمني رفض الكشف عن اسمه إن 6 جنود قتلوا في الهجوم.",
            "مصدر أمني",
        ),
        // a town is where the source is, not the body it belongs to; a facility is one
        (
            "وقالت مصادر طبية في المدينة إن 6 أشخاص قتلوا في القصف.",
            "مصادر طبية",
        ),
        (
            "وبحسب مصادر طبية في مستشفى الشفاء، قتل 6 مدنيين في القصف.",
            "مصادر طبية في مستشفى الشفاء",
        ),
        (
            "وأكد مسؤولون أكراد أن 6 مقاتلين قتلوا في الهجوم.",
            "مسؤولون أكراد",
        ),
        // the body after a preposition, after an adjective too
        (
            "وقال مسؤول أمني في وزارة الدفاع العراقية إن 6 جنود قتلوا في الهجوم.",
            "مسؤول أمني في وزارة الدفاع العراقية",
        ),
        (
            "وذكرت وسائل إعلام مقربة من الحكومة السورية أن 6 جنود قتلوا في الهجوم.",
            "وسائل إعلام مقربة من الحكومة السورية",
        ),
        // a body in construct right after the noun
        (
            "وأعلنت مصادر الحشد الشعبي مقتل 6 من عناصرها في الهجوم.",
            "مصادر الحشد الشعبي",
        ),
        (
            "وبحسب وسائل إعلام محلية قتل 6 أشخاص في القصف.",
            "وسائل إعلام محلية",
        ),
        // a place right after the body's name is part of it
        (
            "وقال مصدر في قيادة شرطة الأنبار لوكالة الأناضول إن 6 جنود قتلوا في الهجوم.",
            "مصدر في قيادة شرطة الأنبار",
        ),
    ]);
}

#[test]
fn a_definite_unnamed_source_is_the_one_named_before() {
    let x = run("وقال مصدر أمني إن الهجوم وقع فجراً. وأكد المصدر الأمني مقتل 6 جنود في الهجوم. وأضاف المصدر أن 4 آخرين أصيبوا.");
    let sources: Vec<(Option<u64>, String)> = x
        .claims
        .iter()
        .map(|c| (c.count, source_tail(&x, &c.source)))
        .collect();
    assert_eq!(
        sources,
        [
            (Some(6), "مصدر أمني".to_owned()),
            (Some(4), "مصدر أمني".to_owned())
        ]
    );
    // a definite source with other qualifiers is another source
    assert_eq!(
        source_of(
            "وقال مصدر أمني إن الهجوم وقع فجراً. وأكد المصدر الطبي مقتل 6 جنود.",
            6
        )
        .as_deref(),
        Some("مصدر الطبي")
    );
}

#[test]
fn more_verbs_and_citations_name_their_source() {
    assert_credits(&[
        ("وطبقاً لمصدر أمني، قتل 6 جنود في الهجوم.", "مصدر أمني"),
        ("كشفت مصادر محلية عن مقتل 6 مدنيين في القصف.", "مصادر محلية"),
        (
            "وأحصت قوات سوريا الديمقراطية مقتل 6 من عناصرها في الهجوم.",
            "sdf",
        ),
        (
            "وعلى لسان المرصد السوري لحقوق الإنسان، قتل 6 أشخاص في الهجوم.",
            "sohr",
        ),
        (
            "وشدد المرصد السوري لحقوق الإنسان على أن 6 مدنيين قتلوا في القصف.",
            "sohr",
        ),
        // confirming, admitting, alleging
        (
            "وتأكدت قوات سوريا الديمقراطية في بيان لها من مقتل 6 من مقاتليها في هجوم للتنظيم.",
            "sdf",
        ),
        (
            "واعترف المرصد السوري لحقوق الإنسان بأن 6 مدنيين قتلوا في الغارة.",
            "sohr",
        ),
    ]);
}

#[test]
fn the_one_told_is_no_source() {
    assert_credits(&[
        (
            "وقال لوكالة فرانس برس مسؤول محلي إن 6 أشخاص قتلوا في الهجوم.",
            "مسؤول محلي",
        ),
        (
            "وأكد لوكالة رويترز المرصد السوري لحقوق الإنسان مقتل 6 أشخاص في الهجوم.",
            "sohr",
        ),
    ]);
}

#[test]
fn a_relay_credits_the_one_it_passes_on_when_named() {
    assert_credits(&[
        (
            "ونقلت وكالة الأنباء العراقية، عن المتحدث باسم وزارة الدفاع العراقية، اللواء تحسين الخفاجي، قوله إن 6 جنود قتلوا في الكمين.",
            "تحسين_الخفاجي",
        ),
        (
            "ونقلت وكالة رويترز عن المرصد السوري لحقوق الإنسان أن 6 أشخاص قتلوا في الهجوم.",
            "sohr",
        ),
        // an anonymous origin leaves the named relayer answerable
        (
            "ونقلت وكالة الأنباء العراقية عن مصادر محلية أن 6 أشخاص قتلوا في الهجوم.",
            "ina",
        ),
        ("ونقل التلفزيون عن مصدر عسكري أن 6 جنود قتلوا في الهجوم.", "مصدر عسكري"),
    ]);
}

#[test]
fn a_document_speaks_for_its_issuer() {
    assert_credits(&[
        (
            "وقال بيان صادر عن وزارة الدفاع العراقية إن 6 جنود قتلوا في الهجوم.",
            "iraqi-ministry-of-defence",
        ),
        (
            "وذكر بيان لخلية الإعلام الأمني أن 6 جنود قتلوا في الهجوم.",
            "security-media-cell",
        ),
        (
            "أصدرت خلية الإعلام الأمني بياناً عن الهجوم.\nالبيان أضاف أن 6 جنود قتلوا في الهجوم.",
            "security-media-cell",
        ),
    ]);
}

#[test]
fn a_speaker_in_apposition_after_a_comma_is_credited() {
    assert_credits(&[(
        "وقال الناطق باسم وزارة الدفاع العراقية، اللواء تحسين الخفاجي، إن 6 جنود قتلوا في الكمين.",
        "تحسين_الخفاجي",
    )]);
}

#[test]
fn a_citation_inside_a_speakers_words_is_the_speakers() {
    assert_credits(&[
        (
            "وقال مدير المرصد السوري رامي عبد الرحمن: استناداً إلى مصادر طبية، قتل 6 مدنيين في القصف.",
            "rami-abdel-rahman",
        ),
        (
            "وأعلنت قوات سوريا الديمقراطية مقتل 6 من عناصرها في هجوم على حاجز، بحسب مصادر محلية.",
            "sdf",
        ),
    ]);
}

#[test]
fn a_frame_after_a_figure_credits_it_only_when_it_closes_the_sentence() {
    assert_credits(&[
        (
            "قتل 6 أشخاص في القصف على البلدة، وفقاً للمرصد السوري لحقوق الإنسان.",
            "sohr",
        ),
        (
            "قتل 6 أشخاص في القصف على البلدة، على ما أفاد مصدر طبي.",
            "مصدر طبي",
        ),
        // «وبحسب …» opens a statement of its own
        (
            "قتل 6 أشخاص في القصف على البلدة، وبحسب شهود عيان استمر القصف ساعتين.",
            "article",
        ),
        // a citation that is a sentence of its own credits the sentence before it
        (
            "أسفر الانفجار عن 6 قتلى في السوق. وفقاً لوكالة رويترز.",
            "reuters",
        ),
    ]);
}

#[test]
fn each_mention_of_a_figure_is_credited_to_its_own_sentence() {
    let x = run("قتل 6 جنود في هجوم على حاجز قرب المدينة. وأكد مصدر أمني مقتل 6 جنود في الهجوم.");
    let sources: Vec<String> = x
        .claims
        .iter()
        .filter(|c| c.count == Some(6))
        .map(|c| source_tail(&x, &c.source))
        .collect();
    assert_eq!(sources, ["article", "مصدر أمني"]);
}

#[test]
fn an_outlet_named_by_a_common_word_is_found_only_where_it_is_credited() {
    assert_credits(&[
        (
            "أسفر الانفجار عن مقتل 6 أشخاص في السوق، وفقاً لـ\"العربية\".",
            "al-arabiya",
        ),
        (
            "وذكرت الحرة أن 6 جنود قتلوا في الهجوم على الحاجز.",
            "alhurra",
        ),
        (
            "وبحسب موقع \"فرات بوست\" قتل 6 مدنيين في القصف على البلدة.",
            "furat-post",
        ),
    ]);
    // named, not credited: the outlet that received a statement, a dateline
    let x = run("وذكر بيان لخلية الإعلام الأمني تلقته \"الغدير\" أن 6 جنود قتلوا في الهجوم.");
    assert_eq!(
        x.claims
            .first()
            .map(|c| source_tail(&x, &c.source))
            .as_deref(),
        Some("security-media-cell")
    );
    let named = |x: &Extraction, tail: &str| {
        x.recognition
            .mentions
            .iter()
            .any(|m| x.recognition.entities[m.entity].iri.ends_with(tail))
    };
    assert!(named(&x, "/al-ghadeer"));
    assert!(named(
        &run("يمانيون - قتل 6 أشخاص في غارة على القرية."),
        "/yamaniyoon"
    ));
    // elsewhere the word is the adjective it also is
    let x = run("وتحدث الشيخ باللغة العربية عن الهجوم الذي أوقع 6 قتلى في المدينة العربية.");
    let outlets: Vec<&str> = x
        .recognition
        .mentions
        .iter()
        .map(|m| x.recognition.entities[m.entity].iri.as_str())
        .filter(|iri| iri.ends_with("/al-arabiya"))
        .collect();
    assert!(outlets.is_empty(), "{outlets:?}");
}

#[test]
fn a_platform_is_where_a_statement_appears_not_who_makes_it() {
    let x = run("وقال المرصد السوري لحقوق الإنسان في تغريدة على تويتر إن 6 أشخاص قتلوا في الهجوم.");
    let c = x.claims.first().expect("a claim");
    assert_eq!(source_tail(&x, &c.source), "sohr");
    let platform = x
        .recognition
        .mentions
        .iter()
        .map(|m| &x.recognition.entities[m.entity])
        .find(|e| e.iri.ends_with("/twitter"))
        .map(|e| e.class);
    assert_eq!(
        platform,
        Some(isnad::extract::lexicon::EntityClass::Organization)
    );
    assert_eq!(
        source_of("وغرد قائد الشرطة العميد سالم النعيمي عبر حسابه على تلغرام بأن 6 عناصر قتلوا في الهجوم.", 6).as_deref(),
        Some("سالم_النعيمي")
    );
}

#[test]
fn a_figure_told_by_joined_sources_is_a_claim_of_each() {
    let x = run("وقتل 6 عناصر من الشرطة في الهجوم على الحاجز، على ما أفاد مصدر أمني ومصدر طبي.");
    let sources: Vec<String> = x
        .claims
        .iter()
        .filter(|c| c.count == Some(6))
        .map(|c| source_tail(&x, &c.source))
        .collect();
    assert_eq!(sources, ["مصدر أمني", "مصدر طبي"]);
    // «و» joining what was said is no second source
    let x = run("وأفاد المرصد السوري لحقوق الإنسان ومقره لندن بمقتل 6 أشخاص في الهجوم.");
    let sources: Vec<String> = x
        .claims
        .iter()
        .map(|c| source_tail(&x, &c.source))
        .collect();
    assert_eq!(sources, ["sohr"]);
}

#[test]
fn a_document_no_one_is_named_for_does_not_continue_the_last_speaker() {
    let x = run("وقال المرصد السوري لحقوق الإنسان إن 9 أشخاص قتلوا في الهجوم على القرية. وكان تقرير أولي قد أشار إلى سقوط 6 قتلى في الهجوم.");
    let by_count = |n: u64| {
        x.claims
            .iter()
            .find(|c| c.count == Some(n))
            .map(|c| source_tail(&x, &c.source))
    };
    assert_eq!(by_count(9).as_deref(), Some("sohr"));
    assert_eq!(by_count(6).as_deref(), Some("article"));
}

#[test]
fn a_quote_running_past_its_sentence_is_the_speakers_to_its_end() {
    let x = run("وقال المرصد السوري لحقوق الإنسان في بيان: \"قتل 9 أشخاص في الهجوم على القرية. وأصيب 6 آخرون بجروح خطيرة.\" وفي سياق آخر، قتل 3 أشخاص في حادث سير.");
    let by_count = |n: u64| {
        x.claims
            .iter()
            .find(|c| c.count == Some(n))
            .map(|c| source_tail(&x, &c.source))
    };
    assert_eq!(by_count(6).as_deref(), Some("sohr"));
    assert_eq!(by_count(3).as_deref(), Some("article"));
}

//! Place recognition on sentences written for these tests: where a name after a
//! place cue ends, compound places («ريف X الشرقي»، «وادي X»، «طريق X – Y»), one
//! entity per mention, a state as a place, and the place events get.

mod common;
use common::{entity_written, extract_text as run, has, mentions};

use isnad::extract::lexicon::EntityClass::{self, *};
use isnad::extract::Extraction;
use isnad::text::normalise;

/// The entity mentioned exactly as `surface`.
fn entity<'a>(x: &'a Extraction, surface: &str) -> &'a isnad::extract::recognise::Entity {
    entity_written(x, surface)
        .unwrap_or_else(|| panic!("no mention «{surface}» in {:?}", mentions(x)))
}

fn ends_with_id(iris: &[String], id: &str) -> bool {
    iris.iter().any(|i| i.ends_with(&format!("/{id}")))
}

#[test]
fn a_place_name_ends_before_the_next_cue_a_verb_or_a_function_word() {
    let cases: &[(&str, EntityClass, &str)] = &[
        (
            "نفذت القوات إنزالا في محافظة نينوى قضاء الزيتون ناحية الرمان فجرا.",
            Region,
            "قضاء الزيتون",
        ),
        (
            "نفذت القوات إنزالا في محافظة نينوى قضاء الزيتون ناحية الرمان فجرا.",
            Region,
            "ناحية الرمان",
        ),
        (
            "دخلت الدوريات إلى قرية الزيتون بلغ عدد سكانها ألفي نسمة.",
            Village,
            "قرية الزيتون",
        ),
        (
            "سقطت القذائف على بلدة الصفصاف قرية الرمان المجاورة.",
            Village,
            "بلدة الصفصاف",
        ),
        (
            "وتقع بلدة الصفصاف تشهد منذ أيام توترا.",
            Village,
            "بلدة الصفصاف",
        ),
        (
            "وانتشرت الدوريات في ريف النخيل ضمن بادية السماوة.",
            Region,
            "ريف النخيل",
        ),
        (
            "وانتشرت الدوريات في ريف النخيل ببادية السماوة.",
            Region,
            "ريف النخيل",
        ),
        (
            "انفجرت عبوة قرب معبر الزيتون الحدودي صباح اليوم.",
            Facility,
            "معبر الزيتون",
        ),
    ];
    for (text, class, surface) in cases {
        let x = run(text);
        assert!(
            has(&x, *class, surface),
            "{text}: want {class:?} «{surface}», got {:?}",
            mentions(&x)
        );
    }
}

#[test]
fn adjectives_of_a_place_and_function_words_name_no_place() {
    let cases: &[&str] = &[
        "ووقع الهجوم في منطقة ريفية بعيدة عن المدينة.",
        "وتعد المنطقة منطقة جبلية وعرة يصعب الوصول إليها.",
        "وتنشط الخلايا في منطقة صحراوية واسعة.",
        "اعتقل المشتبه به في مدينة عراقية حدودية.",
        "وانفجرت السيارة في منطقة شعبية مزدحمة.",
        "ودفن المسلحون الضحايا أحياء بما في ذلك نساء.",
        "وسيطر التنظيم على مدن رئيسية في البلاد.",
    ];
    for text in cases {
        let x = run(text);
        let places: Vec<_> = mentions(&x)
            .into_iter()
            .filter(|(c, _)| c.is_place())
            .collect();
        assert!(places.is_empty(), "{text}: {places:?}");
    }
}

#[test]
fn a_place_cue_before_another_leaves_the_name_to_it() {
    let x = run("استهدف تفجير سوقا في منطقة ساحة النخيل وسط المدينة.");
    assert!(has(&x, Neighborhood, "ساحة النخيل"), "{:?}", mentions(&x));
    assert!(
        !mentions(&x).iter().any(|(c, _)| *c == Region),
        "{:?}",
        mentions(&x)
    );
}

#[test]
fn a_compound_place_is_one_place_of_its_own_in_the_place_it_names() {
    // (text, the compound as written, class, a place it lies in or "")
    let cases: &[(&str, &str, EntityClass, &str)] = &[
        (
            "تقدمت القوات في ريف دير الزور الشرقي بدعم جوي.",
            "ريف دير الزور الشرقي",
            Region,
            "deir-ez-zor-governorate",
        ),
        (
            "قتل رعاة بهجوم في بادية حماة الشرقية أمس.",
            "بادية حماة الشرقية",
            Region,
            "hama-governorate",
        ),
        (
            "وقصفت الطائرات مواقع في ريف حلب الشمالي الغربي.",
            "ريف حلب الشمالي الغربي",
            Region,
            "aleppo-governorate",
        ),
        (
            "وجرت عمليات تفتيش ضمن قاطع قيادة عمليات كركوك ليلا.",
            "قاطع قيادة عمليات كركوك",
            Region,
            "kirkuk-governorate",
        ),
        (
            "شنت الطائرات غارات على أهداف في قاطع عمليات ديالى مساء.",
            "قاطع عمليات ديالى",
            Region,
            "diyala-governorate",
        ),
        (
            "وتحصن المسلحون في ريف دمشق الغربي منذ أشهر.",
            "ريف دمشق الغربي",
            Region,
            "rif-dimashq-governorate",
        ),
        (
            "وتدور اشتباكات في شرق دير الزور منذ الصباح.",
            "شرق دير الزور",
            Region,
            "deir-ez-zor",
        ),
        (
            "نصب المسلحون كمينا في وادي السدرة.",
            "وادي السدرة",
            Region,
            "",
        ),
        (
            "قصفت الطائرات أوكارا قرب بحيرة حمرين.",
            "بحيرة حمرين",
            Region,
            "",
        ),
        (
            "وانسحب التنظيم إلى وادي الفرات بعد المعارك.",
            "وادي الفرات",
            Region,
            "",
        ),
        (
            "استهدفت مسيرة سيارة على طريق القامشلي – المالكية ظهرا.",
            "طريق القامشلي – المالكية",
            Facility,
            "",
        ),
        (
            "وسيطر المهاجمون على طريق النخيل - الرمان لساعات.",
            "طريق النخيل - الرمان",
            Facility,
            "",
        ),
    ];
    for (text, surface, class, parent) in cases {
        let x = run(text);
        let e = entity(&x, surface);
        assert_eq!(e.class, *class, "{text}");
        assert_eq!(e.label_ar, normalise(surface), "{text}: label as written");
        if parent.is_empty() {
            assert!(e.located_in.is_empty(), "{text}: {:?}", e.located_in);
        } else {
            assert!(
                ends_with_id(&e.located_in, parent),
                "{text}: {surface} in {:?}",
                e.located_in
            );
        }
        // the place named inside the compound is no mention of its own
        let inner: Vec<_> = mentions(&x)
            .into_iter()
            .filter(|(c, s)| c.is_place() && s != surface)
            .collect();
        assert!(inner.is_empty(), "{text}: also {inner:?}");
    }
}

#[test]
fn a_countryside_lies_next_to_its_city() {
    let x = run("قتل عنصران بقصف في ريف القامشلي.");
    let e = entity(&x, "ريف القامشلي");
    assert!(ends_with_id(&e.near, "qamishli"), "{:?}", e.near);
    assert!(
        ends_with_id(&e.located_in, "hasakah-governorate"),
        "{:?}",
        e.located_in
    );
}

#[test]
fn gazetteer_names_that_begin_with_a_head_stay_what_they_are() {
    let cases: &[(&str, EntityClass, &str, &str)] = &[
        (
            "وصلت قافلة إلى ريف دمشق أمس.",
            Region,
            "ريف دمشق",
            "rif-dimashq-governorate",
        ),
        (
            "وتنتشر الخلايا في جبال حمرين منذ سنوات.",
            Region,
            "جبال حمرين",
            "hamrin-mountains",
        ),
        (
            "وتمتد العمليات إلى سلسلة جبال حمرين.",
            Region,
            "سلسلة جبال حمرين",
            "hamrin-mountains",
        ),
    ];
    for (text, class, surface, id) in cases {
        let x = run(text);
        let e = entity(&x, surface);
        assert_eq!(e.class, *class, "{text}");
        assert!(e.iri.ends_with(&format!("/{id}")), "{text}: {}", e.iri);
    }
}

#[test]
fn a_compound_has_one_iri_whatever_its_spelling_and_article() {
    let a = run("تقدمت القوات في ريف دير الزور الشرقي.");
    let b = run("وعادت الهدنة إلى ريف ديرالزور الشرقي.");
    let c = run("تقدمت القوات في ريف دير الزور الغربي.");
    let ia = &entity(&a, "ريف دير الزور الشرقي").iri;
    let ib = &entity(&b, "ريف ديرالزور الشرقي").iri;
    let ic = &entity(&c, "ريف دير الزور الغربي").iri;
    assert_eq!(ia, ib);
    assert_ne!(ia, ic);
    let d = run("وسقطت قذائف في ريف دير الزور.");
    assert_ne!(&entity(&d, "ريف دير الزور").iri, ia);
    // the same place written the other way round is the same node
    let e = run("وتقدمت القوات بالريف الشرقي لدير الزور.");
    let ie = &entity(&e, "الريف الشرقي لدير الزور").iri;
    assert_eq!(ia, ie);
    let f = run("وقصفت الطائرات مواقع في البادية الشرقية للرقة.");
    let g = run("وقصفت الطائرات مواقع في بادية الرقة الشرقية.");
    assert_eq!(
        entity(&f, "البادية الشرقية للرقة").iri,
        entity(&g, "بادية الرقة الشرقية").iri
    );
    // a definite head alone refers back, it names nothing new
    let h = run("وعاد الهدوء إلى الريف الشرقي بعد أيام.");
    assert!(
        !mentions(&h).iter().any(|(c, _)| c.is_place()),
        "{:?}",
        mentions(&h)
    );
}

#[test]
fn a_direction_names_a_region_only_after_a_preposition_and_below_a_country() {
    // between two places it says where the first lies
    let x = run("وقتل عنصران في مدينة الشحيل شرق دير الزور.");
    assert!(
        !mentions(&x).iter().any(|(_, s)| s.starts_with("شرق")),
        "{:?}",
        mentions(&x)
    );
    // before a country it says where in it
    let x = run("وتحتجز القوات آلاف المقاتلين في شمال سوريا.");
    assert!(has(&x, Country, "سوريا"), "{:?}", mentions(&x));
    let x = run("وتصاعدت الهجمات بشمال بغداد خلال الشهر.");
    assert!(has(&x, Region, "شمال بغداد"), "{:?}", mentions(&x));
}

#[test]
fn a_countryside_is_not_also_its_city_or_governorate() {
    let x = run("قصفت الطائرات قرى في ريف حلب وريف إدلب.");
    let iris: Vec<&str> = x
        .recognition
        .mentions
        .iter()
        .map(|m| x.recognition.entities[m.entity].iri.as_str())
        .collect();
    assert!(
        !iris
            .iter()
            .any(|i| i.ends_with("/aleppo") || i.ends_with("/aleppo-governorate")),
        "{iris:?}"
    );
    assert!(has(&x, Region, "ريف حلب"), "{:?}", mentions(&x));
    assert!(has(&x, Region, "ريف إدلب"), "{:?}", mentions(&x));
}

#[test]
fn a_state_named_where_a_place_stands_is_its_territory() {
    let cases: &[(&str, EntityClass, &str)] = &[
        ("وفر القيادي إلى تركيا قبل أشهر.", Country, "تركيا"),
        ("ويقيم آلاف اللاجئين بتركيا منذ سنوات.", Country, "تركيا"),
        ("وتقع البلدة الحدودية مع تركيا.", Country, "تركيا"),
        ("وأعلنت تركيا إغلاق المعبر.", Government, "تركيا"),
        ("ودانت تركيا الهجوم في بيان.", Government, "تركيا"),
    ];
    for (text, class, surface) in cases {
        let x = run(text);
        assert!(
            has(&x, *class, surface),
            "{text}: want {class:?} «{surface}», got {:?}",
            mentions(&x)
        );
    }
}

#[test]
fn a_nationality_adjective_is_no_place() {
    for text in [
        "استهدفت طائرة مسيرة تركية سيارة عسكرية.",
        "ونفذ التحالف الضربة بقيادة أميركية.",
    ] {
        let x = run(text);
        let places: Vec<_> = mentions(&x)
            .into_iter()
            .filter(|(c, _)| c.is_place())
            .collect();
        assert!(places.is_empty(), "{text}: {places:?}");
    }
}

#[test]
fn a_unit_named_after_a_known_town_is_a_region_next_to_it() {
    let x = run("وشنت القوات حملة تفتيش في ناحية الطارمية شمال العاصمة.");
    let unit = entity(&x, "ناحية الطارمية");
    assert_eq!(unit.class, Region);
    assert!(ends_with_id(&unit.near, "tarmiyah"), "{:?}", unit.near);
    assert!(
        ends_with_id(&unit.located_in, "baghdad-governorate"),
        "{:?}",
        unit.located_in
    );
    // where the gazetteer gives the phrase as a name, it is what the gazetteer says
    let x = run("وشنت القوات حملة تفتيش في قضاء الطارمية شمال العاصمة.");
    assert!(
        entity(&x, "قضاء الطارمية").iri.ends_with("/tarmiyah"),
        "{:?}",
        mentions(&x)
    );
    // before a new name the unit noun is a plain cue
    let x = run("وشنت القوات حملة تفتيش في ناحية الزيتون.");
    assert!(has(&x, Region, "ناحية الزيتون"), "{:?}", mentions(&x));
}

#[test]
fn a_chain_of_units_puts_each_in_the_one_before() {
    let x = run("نفذت القوات إنزالا في محافظة كركوك قضاء الزيتون ناحية الرمان فجرا.");
    let district = entity(&x, "قضاء الزيتون");
    assert!(
        ends_with_id(&district.located_in, "kirkuk-governorate"),
        "{:?}",
        district.located_in
    );
    let sub = entity(&x, "ناحية الرمان");
    assert!(
        sub.located_in.contains(&district.iri),
        "{:?}",
        sub.located_in
    );
}

#[test]
fn an_event_is_placed_in_the_most_specific_place_of_its_sentence() {
    let cases: &[(&str, &str)] = &[
        (
            "شنت قسد هجوما واسعا في محافظة دير الزور، في ريف دير الزور الشرقي تحديدا.",
            "ريف دير الزور الشرقي",
        ),
        (
            "وقع انفجار في قرية الزيتون بريف حلب الشمالي.",
            "قرية الزيتون",
        ),
        (
            "قتل ثلاثة جنود بهجوم في وادي السدرة، ضمن قاطع قيادة عمليات كركوك.",
            "وادي السدرة",
        ),
        (
            "نفذت القوات هجوما في محافظة كركوك قضاء الزيتون ناحية الرمان.",
            "ناحية الرمان",
        ),
        (
            "واستهدفت طائرة مسيرة سيارة قرب قرية الزيتون على طريق القامشلي – المالكية.",
            "قرية الزيتون",
        ),
    ];
    for (text, place) in cases {
        let x = run(text);
        let placed: Vec<String> = x
            .events
            .iter()
            .filter_map(|e| e.place)
            .map(|p| x.recognition.entities[p].label_ar.clone())
            .collect();
        assert!(
            placed.iter().any(|p| *p == normalise(place)),
            "{text}: want an event at «{place}», got {placed:?}"
        );
    }
}

#[test]
fn a_name_cut_off_by_the_end_of_the_text_is_the_entity_it_begins() {
    let x = run("وقالت خلية الإعلام الأمني إن الهجوم أحبط.\nوبحسب بيان لخلية الإعلا");
    let new: Vec<_> = x
        .recognition
        .entities
        .iter()
        .filter(|e| !e.known && e.label_ar.contains("الإعلا"))
        .map(|e| e.label_ar.clone())
        .collect();
    assert!(new.is_empty(), "{new:?}");
}

#[test]
fn compound_spans_are_exact_slices_on_word_boundaries() {
    let texts = [
        "وتقدمت القوات بريف دير الزور الشرقي، ثم في بادية حماة.",
        "وسيطروا على طريق معدان – التبني وعلى وادي السدرة.",
        "في قاطع قيادة عمليات كركوك ووادي الزيتون",
    ];
    for text in texts {
        let x = run(text);
        for m in &x.recognition.mentions {
            let r = x.char_span(m.span.clone());
            let (s, e) = (r.start, r.end);
            let chars: Vec<char> = text.chars().collect();
            let slice: String = chars[s..e].iter().collect();
            assert_eq!(slice, x.original(m.span.clone()), "{text}");
            let after = chars.get(e).copied();
            assert!(
                !after.is_some_and(char::is_alphabetic),
                "{text}: «{slice}» ends inside a word"
            );
        }
    }
}

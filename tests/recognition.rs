//! Recognition on sentences written for these tests: gazetteer names behind
//! clitics, names introduced by cue words (and where they end), back-references,
//! identity, and places located by the text.

mod common;
use common::{assert_has, entity_written, extract_text as run, has, mentions};

use isnad::extract::lexicon::EntityClass;
use isnad::extract::Extraction;

/// Each sentence of the table has its mention (class, surface as written).
fn assert_table(cases: &[(&str, EntityClass, &str)]) {
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
fn gazetteer_names_are_found_behind_every_proclitic() {
    use EntityClass::*;
    let cases: &[(&str, EntityClass, &str)] = &[
        ("وصلت تعزيزات إلى الحسكة مساء أمس.", City, "الحسكة"),
        ("عادت الحياة تدريجيا والحسكة تستعيد هدوءها.", City, "الحسكة"),
        ("قدمت فرق الإغاثة للحسكة مساعدات عاجلة.", City, "حسكة"),
        ("دارت اشتباكات بالحسكة طوال الليل.", City, "الحسكة"),
        ("وقال المسؤول إن قسد استعادت السيطرة.", StateForce, "قسد"),
        ("هاجم مسلحون من داعش نقطة تفتيش.", ArmedGroup, "داعش"),
        (
            "أعلنت وزارة الدفاع أن تنظيم الدولة الإسلامية تبنى الهجوم.",
            ArmedGroup,
            "تنظيم الدولة الإسلامية",
        ),
        (
            "انتشرت قوات كثيرة في محافظة ديالى شرقي البلاد.",
            Region,
            "محافظة ديالى",
        ),
        (
            "قصف التحالف الدولي مواقع في البادية السورية.",
            Coalition,
            "التحالف الدولي",
        ),
        (
            "وبحسب المرصد السوري لحقوق الإنسان فإن الاشتباكات توقفت.",
            Organization,
            "المرصد السوري لحقوق الإنسان",
        ),
        (
            "نقلت وكالة الأنباء العراقية عن مصدر أمني قوله إن الوضع مستقر.",
            NewsOutlet,
            "وكالة الأنباء العراقية",
        ),
        ("ففي الموصل عادت الأسواق إلى العمل.", City, "الموصل"),
        ("وصلت الأرتال كالعادة إلى بغداد قبل الفجر.", City, "بغداد"),
    ];
    assert_table(cases);
}

#[test]
fn a_name_whose_words_the_text_glued_together_is_found() {
    use EntityClass::*;
    assert_table(&[
        (
            "وقالت الولاياتالمتحدة إن الغارة استهدفت قياديا.",
            Government,
            "الولاياتالمتحدة",
        ),
        (
            "وانفجرت سيارة مفخخة في ديرالزور صباح اليوم.",
            City,
            "ديرالزور",
        ),
    ]);
}

#[test]
fn a_body_named_for_a_place_of_its_own_is_that_places_body() {
    // the gazetteer knows «الإدارة الذاتية» as North-East Syria's administration;
    // named for a city, it is the city's (the city's name is part of it, as in a
    // compound place)
    let text = "وكشفت الإدارة الذاتية لمدينة عين العرب عن حصيلة جديدة، فيما دعت الإدارة الذاتية لشمال وشرق سوريا إلى الإغاثة.";
    let x = run(text);
    assert_has(
        &x,
        EntityClass::Government,
        "الإدارة الذاتية لمدينة عين العرب",
    );
    let local = entity_written(&x, "الإدارة الذاتية لمدينة عين العرب").expect("the city's body");
    let regional = entity_written(&x, "الإدارة الذاتية لشمال وشرق سوريا").expect("the region's");
    assert_ne!(local.iri, regional.iri, "{:?}", mentions(&x));
    assert!(
        regional.iri.ends_with("/autonomous-administration"),
        "{}",
        regional.iri
    );
}

#[test]
fn a_name_inside_a_longer_word_is_not_a_mention() {
    for text in [
        "تحدث الحسكاوي عن طفولته.",
        "هذه تعليقات تقسيدية لا معنى لها.",
    ] {
        let x = run(text);
        assert!(mentions(&x).is_empty(), "{text}: {:?}", mentions(&x));
    }
}

#[test]
fn cue_words_introduce_new_names_that_end_at_the_right_word() {
    use EntityClass::*;
    // (sentence, class, the name as written: exactly where it must end)
    let cases: &[(&str, EntityClass, &str)] = &[
        (
            "سقطت قذيفة على حي البساتين القريب من السوق.",
            Neighborhood,
            "حي البساتين",
        ),
        (
            "نزحت عشرات العائلات من قرية الخضراء بعد القصف.",
            Village,
            "قرية الخضراء",
        ),
        (
            "تقع بلدة أم الرمان على الطريق الدولي.",
            Village,
            "بلدة أم الرمان",
        ),
        (
            "وصلت التعزيزات إلى ناحية الكرامة في وقت متأخر.",
            Region,
            "ناحية الكرامة",
        ),
        (
            "يعيش آلاف النازحين في مخيم الأمل الجديد منذ سنوات.",
            Facility,
            "مخيم الأمل",
        ),
        (
            "نقل المعتقلون إلى سجن الرميلة الذي بني حديثا.",
            Facility,
            "سجن الرميلة",
        ),
        (
            "أعلنت قوات النخبة العربية انتشارها في المنطقة.",
            StateForce,
            "قوات النخبة العربية",
        ),
        (
            "تبنت كتائب الفجر الهجوم في بيان.",
            ArmedGroup,
            "كتائب الفجر",
        ),
        (
            "تلقت مؤسسة «النور» الخيرية تبرعات كبيرة.",
            Organization,
            "النور",
        ),
    ];
    assert_table(cases);
}

#[test]
fn a_compound_village_name_keeps_its_second_word() {
    use EntityClass::*;
    // the second word is also a title («الشيخ»), a compound-place head («الوادي»),
    // or the head hides a verb behind a proclitic («كفر» is no «ك» + «فر»)
    let cases: &[(&str, EntityClass, &str)] = &[
        (
            "قصفت الطائرات مواقع قرب قرية تل الشيخ شمالي المدينة.",
            Village,
            "قرية تل الشيخ",
        ),
        (
            "عثرت دورية على مخبأ للأسلحة في قرية بئر الوادي ليلا.",
            Village,
            "قرية بئر الوادي",
        ),
        (
            "اندلعت مواجهات في قرية كفر العبد بعد منتصف الليل.",
            Village,
            "قرية كفر العبد",
        ),
        // the second word is also the name of a town the gazetteer knows
        (
            "غادرت عشرات الأسر قرية أبو السودا هربا من القصف.",
            Village,
            "قرية أبو السودا",
        ),
    ];
    assert_table(cases);
    // and the head does not hide an escape
    let text = "اندلعت مواجهات في قرية كفر العبد بعد منتصف الليل.";
    let x = run(text);
    let triggers: Vec<&str> = x.events.iter().map(|e| &text[e.trigger.clone()]).collect();
    assert!(!triggers.iter().any(|t| t.contains("فر")), "{triggers:?}");
}

#[test]
fn generic_phrases_after_cue_words_are_not_names() {
    let cases = [
        "انتشرت قواتها بشكل واسع في المدينة.",
        "أعلنت مجموعة أخرى مسؤوليتها.",
        "هذه منطقة عمليات عسكرية مغلقة.",
        "تحدثت مصادر إقليمية ودولية عن الحادث.",
        "عاد الهدوء إلى المدينة بعد يومين.",
        "هاجم المسلحون السجن فجراً، واقتحموا بوابة سجن وأدى ذلك إلى فرار عدد من النزلاء.",
    ];
    for text in cases {
        let x = run(text);
        let new: Vec<_> = x
            .recognition
            .entities
            .iter()
            .filter(|e| !e.known)
            .map(|e| e.label_ar.clone())
            .collect();
        assert!(new.is_empty(), "{text}: invented {new:?}");
    }
}

#[test]
fn a_plural_place_noun_introduces_one_place_per_item() {
    let x = run("امتدت المواجهات إلى أحياء البساتين والنشوة الشرقية وتل حجر وأحياء أخرى.");
    for name in ["البساتين", "النشوة الشرقية", "تل حجر"] {
        assert!(
            has(&x, EntityClass::Neighborhood, name),
            "{name}: {:?}",
            mentions(&x)
        );
    }
    assert_eq!(mentions(&x).len(), 3, "{:?}", mentions(&x));
    let x = run("قتل راعيان بين قريتي الصفا وأم جرن شرقي المحافظة.");
    for name in ["الصفا", "أم جرن"] {
        assert!(
            has(&x, EntityClass::Village, name),
            "{name}: {:?}",
            mentions(&x)
        );
    }
}

#[test]
fn persons_are_named_after_titles_and_reporting_verbs() {
    let cases: &[(&str, &str)] = &[
        (
            "وقال المتحدث باسم قوات سوريا الديمقراطية سامر الخطيب إن المعارك مستمرة.",
            "سامر الخطيب",
        ),
        (
            "وترى الباحثة في مجموعة الأزمات الدولية ليلى منصور أن الخطر باق.",
            "ليلى منصور",
        ),
        (
            "وصرح الجنرال الأمريكي «جون ميلر» بأن الدعم سيستمر.",
            "جون ميلر",
        ),
        (
            "أعلنت وزيرة الدفاع الهولندية كارين دي فريس انسحاب قواتها.",
            "كارين دي فريس",
        ),
        ("وأكد عمر الحلبي أن المنطقة آمنة.", "عمر الحلبي"),
        (
            "نقل مراسل وكالة الأنباء العراقية (علي حسن) عن شهود أن الوضع هادئ.",
            "علي حسن",
        ),
    ];
    for (text, name) in cases {
        let x = run(text);
        assert!(
            has(&x, EntityClass::Person, name),
            "{text}: want «{name}», got {:?}",
            mentions(&x)
        );
    }
}

#[test]
fn a_spokesperson_is_linked_to_the_organisation_and_keeps_the_role() {
    let x = run("وقال المتحدث باسم قوات سوريا الديمقراطية سامر الخطيب إن المعارك مستمرة.");
    let rec = &x.recognition;
    let person = rec
        .entities
        .iter()
        .find(|e| e.class == EntityClass::Person)
        .expect("a person");
    assert_eq!(person.role_in(&x.norm.norm), Some("المتحدث باسم"));
    let org = person.speaks_for.map(|i| rec.entities[i].iri.as_str());
    assert_eq!(org, Some("https://w3id.org/isnad/id/sdf"));
}

/// The role is output as the article writes it, hamza and ta marbuta included, from
/// the first title of a chain («نائب قائد … الجنرال»).
#[test]
fn a_role_is_quoted_as_written() {
    let x = run("وقالت وزيرة الدفاع الفرنسية فلورانس بيرو إن المهمة انتهت. وأكد نائب قائد التحالف الجنرال جون براون أن الغارات مستمرة.");
    let roles: Vec<&str> = x
        .recognition
        .entities
        .iter()
        .filter_map(|e| e.role.clone())
        .map(|span| x.original(span))
        .collect();
    assert_eq!(roles, ["وزيرة", "نائب قائد التحالف الجنرال"]);
}

#[test]
fn a_person_named_again_by_surname_is_the_same_node() {
    let x = run("قال الناطق باسم التحالف الدولي العقيد مايكل براون إن الغارات مستمرة. وأضاف براون أن الوضع تحت السيطرة. وختم عبد الرحمن الجبوري حديثه بالتحذير. وتابع الجبوري قائلا إن الخطر قائم.");
    let persons: Vec<_> = x
        .recognition
        .entities
        .iter()
        .filter(|e| e.class == EntityClass::Person)
        .collect();
    assert!(persons.len() <= 2, "{persons:?}");
    assert_has(&x, EntityClass::Person, "براون");
}

#[test]
fn a_byline_names_the_author() {
    let x = run("عودة الهدوء إلى المدينة\n\nسمير داود\n\nعاد الهدوء إلى الأحياء الشرقية بعد أسبوع من المعارك.");
    assert_has(&x, EntityClass::Person, "سمير داود");
    let x = run("عودة الهدوء إلى المدينة\nرويترز – سمير داود\nعاد الهدوء بعد أسبوع من المعارك.");
    assert_has(&x, EntityClass::Person, "سمير داود");
}

#[test]
fn back_references_resolve_to_the_entity_named_before() {
    let x = run("شن تنظيم داعش هجوما على سجن الرميلة. وتمكن التنظيم من إحراق بوابة السجن.");
    let rec = &x.recognition;
    let anaphors: Vec<_> = rec.mentions.iter().filter(|m| m.anaphor).collect();
    let targets: Vec<&str> = anaphors
        .iter()
        .map(|m| rec.entities[m.entity].iri.as_str())
        .collect();
    assert!(
        targets.contains(&"https://w3id.org/isnad/id/isis"),
        "{targets:?}"
    );
    assert!(
        targets.iter().any(|t| t.ends_with("/facility/الرميله")),
        "{targets:?}"
    );
    // nothing named before: a shared back-reference noun resolves to nothing
    let x = run("تمكن التنظيم من إحراق البوابة.");
    assert!(
        x.recognition.mentions.is_empty(),
        "{:?}",
        x.recognition.mentions
    );
}

#[test]
fn the_same_new_name_is_one_node_with_or_without_its_cue_noun() {
    let x = run("اشتدت المعارك في حي البساتين. وقال سكان من البساتين إن القصف لم يتوقف، وإن أحياء البساتين والقلعة خالية.");
    let ids: std::collections::BTreeSet<_> = x
        .recognition
        .entities
        .iter()
        .filter(|e| e.label_ar.contains("البساتين"))
        .map(|e| e.iri.clone())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
}

#[test]
fn the_text_locates_new_places_in_known_ones() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "وقع الانفجار في قرية الخضراء في محافظة ديالى.",
            "الخضراء",
            "diyala-governorate",
        ),
        (
            "نزح السكان من حي البساتين بمدينة الحسكة.",
            "البساتين",
            "hasakah",
        ),
        ("تقع بلدة الصفا شمال شرق سوريا.", "الصفا", "syria-place"),
    ];
    for (text, place, parent) in cases {
        let x = run(text);
        let e = x
            .recognition
            .entities
            .iter()
            .find(|e| e.label_ar.contains(place))
            .unwrap_or_else(|| panic!("{text}: no {place}"));
        assert!(
            e.located_in
                .iter()
                .any(|p| p.ends_with(&format!("/{parent}"))),
            "{text}: {place} in {:?}",
            e.located_in
        );
    }
    // «north-east of a city» says where, not what contains it
    let x = run("تقع بلدة الصفا شمال شرق بغداد.");
    let e = x
        .recognition
        .entities
        .iter()
        .find(|e| e.label_ar.contains("الصفا"))
        .expect("the village");
    assert!(e.located_in.is_empty(), "{:?}", e.located_in);
}

#[test]
fn a_country_acting_is_its_government() {
    let x = run("أعلن العراق انتهاء العمليات العسكرية في المنطقة.");
    assert_has(&x, EntityClass::Government, "العراق");
    let x = run("عاد آلاف النازحين إلى العراق خلال الشهر الماضي.");
    assert_has(&x, EntityClass::Country, "العراق");
}

#[test]
fn a_capital_speaking_is_its_government_and_a_capital_struck_a_city() {
    use EntityClass::*;
    for (text, class, surface) in [
        (
            "وأعلنت واشنطن فرض عقوبات جديدة على قادة التنظيم.",
            Government,
            "واشنطن",
        ),
        ("ونفت أنقرة أي صلة لها بالغارة.", Government, "أنقرة"),
        ("وقالت بغداد إن الحدود مؤمنة بالكامل.", Government, "بغداد"),
        // struck, reached or named as a place: the city
        ("قصفت طائرات مسيرة دمشق فجر اليوم.", City, "دمشق"),
        ("وصل وفد أمني إلى بغداد مساء أمس.", City, "بغداد"),
    ] {
        let x = run(text);
        assert_has(&x, class, surface);
    }
}

/// Every entity cue in the lexicon, in a sentence of its own, introduces a name of
/// its class. The sentences are generated from the lexicon itself, so a cue added
/// there is tested here.
#[test]
fn every_entity_cue_in_the_lexicon_introduces_a_name() {
    use oxigraph::io::{RdfFormat, RdfParser};
    const ISN: &str = "https://w3id.org/isnad/ontology#";
    let mut failures = Vec::new();
    let mut tested = 0;
    for q in RdfParser::from_format(RdfFormat::Turtle)
        .for_reader(isnad::extract::lexicon::LEXICON_TTL.as_bytes())
    {
        let q = q.unwrap();
        let property = q.predicate.as_str().strip_prefix(ISN).unwrap_or("");
        let oxigraph::model::Term::Literal(cue) = &q.object else {
            continue;
        };
        let class_name = q.subject.to_string();
        let class_name = class_name
            .trim_start_matches(&format!("<{ISN}"))
            .trim_end_matches('>')
            .to_owned();
        let Some(class) = EntityClass::from_local(&class_name) else {
            continue;
        };
        let cue = cue.value();
        let (text, want) = match property {
            "placeCue" => (
                format!("وصل الوفد إلى {cue} الزيتون صباح اليوم."),
                "الزيتون",
            ),
            "placeListCue" => (
                format!("وصل الوفد إلى {cue} الزيتون والرمان صباح اليوم."),
                "الرمان",
            ),
            "organizationCue" => (
                format!("وقالت {cue} الزيتون في بيان إن الوضع هادئ."),
                "الزيتون",
            ),
            "personCue" if cue.ends_with("باسم") => (
                format!("وأوضح {cue} قوات سوريا الديمقراطية سامي يوسف أن الوضع هادئ."),
                "سامي يوسف",
            ),
            "personCue" => (
                format!("في المساء {cue} سامي يوسف إن الوضع هادئ."),
                "سامي يوسف",
            ),
            _ => continue,
        };
        tested += 1;
        let x = run(&text);
        let found = x
            .recognition
            .entities
            .iter()
            .any(|e| e.class == class && e.label_ar.contains(want));
        if !found {
            failures.push(format!("{property} «{cue}»: {text} → {:?}", mentions(&x)));
        }
    }
    assert!(tested > 80, "only {tested} cues tested");
    assert!(
        failures.is_empty(),
        "{} cues introduce no name:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// In a list of governorates a name shared with a city is the governorate's, brackets
/// between the items included; elsewhere it is the city's.
#[test]
fn a_list_of_governorates_names_governorates() {
    let tails = |text: &str| -> Vec<String> {
        run(text)
            .recognition
            .entities
            .iter()
            .map(|e| {
                e.iri
                    .trim_start_matches("https://w3id.org/isnad/id/")
                    .to_owned()
            })
            .collect()
    };
    let found = tails(
        "وتنشط الخلايا في محافظات صلاح الدين وكركوك وديالى، وفي محافظتي حمص (وسط) ودير الزور (شرق).",
    );
    for want in [
        "kirkuk-governorate",
        "homs-governorate",
        "deir-ez-zor-governorate",
    ] {
        assert!(found.iter().any(|t| t == want), "{want}: {found:?}");
    }
    for city in ["kirkuk", "homs", "deir-ez-zor"] {
        assert!(!found.iter().any(|t| t == city), "{city}: {found:?}");
    }
    let found = tails("وقع الانفجار في كركوك بعد أيام من هجوم في حمص.");
    assert!(found.iter().any(|t| t == "kirkuk"), "{found:?}");
}

// ---------------------------------------------------------------------------
// Places imported from GeoNames (ontology/geonames.ttl)
// ---------------------------------------------------------------------------

const ID: &str = "https://w3id.org/isnad/id/";

/// Every place the sentence mentions that comes from the import.
fn imported_places(x: &Extraction) -> Vec<String> {
    x.recognition
        .entities
        .iter()
        .filter(|e| {
            common::lexicon()
                .entity_by_iri(&e.iri)
                .is_some_and(|k| k.imported)
        })
        .map(|e| e.iri.clone())
        .collect()
}

#[test]
fn imported_towns_are_found_typed_and_located_in_their_governorate() {
    use EntityClass::*;
    // (sentence, name as written, class, IRI, governorate)
    let cases: &[(&str, &str, EntityClass, &str, &str)] = &[
        (
            "نزحت عشرات العائلات من عين حلاقيم بعد القصف.",
            "عين حلاقيم",
            Village,
            "ayn-halaqim",
            "hama-governorate",
        ),
        (
            "دارت اشتباكات عنيفة في محيط تلبيسة طوال الليل.",
            "تلبيسة",
            City,
            "tallbisah",
            "homs-governorate",
        ),
        (
            "وصلت التعزيزات إلى داقوق مساء أمس.",
            "داقوق",
            City,
            "daquq",
            "kirkuk-governorate",
        ),
        // a name that is also a common word, behind its place cue
        (
            "قصفت الطائرات قرية الكرامة فجر اليوم.",
            "قرية الكرامة",
            Village,
            "al-karamah",
            "raqqa-governorate",
        ),
    ];
    for (text, surface, class, iri, governorate) in cases {
        let x = run(text);
        let e = entity_written(&x, surface)
            .unwrap_or_else(|| panic!("{text}: no «{surface}» in {:?}", mentions(&x)));
        assert_eq!(e.iri, format!("{ID}{iri}"), "{text}");
        assert_eq!(e.class, *class, "{text}");
        assert_eq!(e.located_in, vec![format!("{ID}{governorate}")], "{text}");
    }
}

#[test]
fn a_town_named_like_a_common_word_is_not_found_in_the_bare_word() {
    for text in [
        "طالب المحتجون بالحرية والكرامة.",
        "رفع المسلحون الراية السوداء فوق المبنى.",
        "تضررت المزرعة والشجرة الكبيرة قرب المنزل.",
        "شكر المنظمون الراعي الرسمي للمهرجان.",
        "اقتحم المسلحون السجن فجرا.",
        "قال جاسم العلي إن الطريق مغلق.",
    ] {
        let x = run(text);
        assert!(imported_places(&x).is_empty(), "{text}: {:?}", mentions(&x));
    }
}

#[test]
fn a_place_cue_of_another_kind_keeps_its_own_place() {
    use EntityClass::*;
    // «حي تلبيسة» is a quarter, «ريف داقوق» a region, not the towns themselves
    for (text, class, surface) in [
        ("سقطت قذيفة على حي تلبيسة أمس.", Neighborhood, "حي تلبيسة"),
        ("انتشرت الخلايا في ريف داقوق.", Region, "ريف داقوق"),
    ] {
        let x = run(text);
        assert_has(&x, class, surface);
        assert!(imported_places(&x).is_empty(), "{text}: {:?}", mentions(&x));
    }
}

#[test]
fn a_name_two_places_share_is_the_one_whose_governorate_the_article_names() {
    // «صوران» is a city in Hama and a village in Aleppo
    let cases: &[(&str, &str)] = &[
        ("سقطت قذائف على صوران في ريف حماة الشمالي.", "suran-hama"),
        ("اندلعت اشتباكات في صوران قرب مدينة إعزاز.", "suran-aleppo"),
        (
            "ذكرت مصادر محلية في حلب أن اشتباكات اندلعت في صوران.",
            "suran-aleppo",
        ),
        // no governorate named: a place of the article's own, linked to neither
        ("وصلت تعزيزات عسكرية إلى صوران صباح اليوم.", "city/صوران"),
    ];
    for (text, want) in cases {
        let x = run(text);
        let e = entity_written(&x, "صوران")
            .unwrap_or_else(|| panic!("{text}: no «صوران» in {:?}", mentions(&x)));
        assert_eq!(e.iri, format!("{ID}{want}"), "{text}");
    }
    // a hand-written place of that name is the default when nothing tells them apart
    let extra = [(
        "test.ttl".to_owned(),
        "@prefix isn: <https://w3id.org/isnad/ontology#> .\n\
         @prefix id: <https://w3id.org/isnad/id/> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         id:test-suran a isn:Village ; rdfs:label \"صوران\"@ar ; isn:locatedIn id:idlib-governorate .\n"
            .to_owned(),
    )];
    let lex = isnad::extract::lexicon::Lexicon::with_extra(&extra).unwrap();
    for (text, want) in [
        ("وصلت تعزيزات عسكرية إلى صوران صباح اليوم.", "test-suran"),
        ("سقطت قذائف على صوران في ريف حماة الشمالي.", "suran-hama"),
    ] {
        let x = isnad::extract::extract(isnad::article::Article::from_text("t.txt", text), &lex);
        let e = entity_written(&x, "صوران").expect("found");
        assert_eq!(e.iri, format!("{ID}{want}"), "{text}");
    }
}

#[test]
fn hand_written_places_keep_precedence_over_their_geonames_rows() {
    // GeoNames has Tadmur, Dhiban and al-Bab too: the hand entries are found, with
    // their conventions («الباب» bare is only an anaphor), and nothing imported
    for (text, surface, iri) in [
        (
            "سيطر التنظيم على مدينة تدمر في ريف حمص الشرقي.",
            "مدينة تدمر",
            "palmyra",
        ),
        ("قصفت الطائرات ذيبان في ريف دير الزور.", "ذيبان", "dhiban"),
        ("فتح الحراس الباب أمام الزوار.", "", ""),
    ] {
        let x = run(text);
        if !surface.is_empty() {
            let e = entity_written(&x, surface).expect("found");
            assert_eq!(e.iri, format!("{ID}{iri}"), "{text}");
        }
        assert!(imported_places(&x).is_empty(), "{text}: {:?}", mentions(&x));
    }
}

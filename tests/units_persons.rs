//! Military units and commands, organisations named by cue words, and people
//! introduced by titles — on sentences written for these tests.

mod common;
use common::{entity_written as entity, extract_text as run, mentions};

use isnad::extract::lexicon::EntityClass;
use isnad::extract::recognise::Source;

const ID: &str = "https://w3id.org/isnad/id/";

fn tail(iri: &str) -> &str {
    iri.strip_prefix(ID).unwrap_or(iri)
}

#[test]
fn a_unit_with_a_number_or_an_ordinal_is_a_unit_of_its_parent() {
    use EntityClass::*;
    // (text, unit as written, class, parent IRI tail or "")
    let cases: &[(&str, &str, EntityClass, &str)] = &[
        (
            "قتل جنديان من اللواء 17 بالفرقة الخامسة في هجوم قرب الحدود.",
            "اللواء 17",
            StateForce,
            "stateforce/فرقه-5",
        ),
        (
            "وقال مصدر في اللواء30 التابع للحشد الشعبي إن الهجوم صُدّ.",
            "اللواء30",
            StateForce,
            "pmf",
        ),
        (
            "انتشرت قوة من الفوج الثالث في اللواء 9 على الطريق.",
            "الفوج الثالث",
            StateForce,
            "stateforce/لواء-9",
        ),
        (
            "هاجم مسلحون نقطة للسرية الثانية بالفوج الأول ليلا.",
            "سرية الثانية",
            StateForce,
            "stateforce/فوج-1",
        ),
        (
            "تبنت الكتيبة 7 في هيئة تحرير الشام الهجوم على الموقع.",
            "الكتيبة 7",
            ArmedGroup,
            "hts",
        ),
        (
            "وصلت تعزيزات من الفرقة الحادية عشرة إلى المدينة.",
            "الفرقة الحادية عشرة",
            StateForce,
            "",
        ),
    ];
    for (text, unit, class, parent) in cases {
        let x = run(text);
        let e =
            entity(&x, unit).unwrap_or_else(|| panic!("{text}: no «{unit}» in {:?}", mentions(&x)));
        assert_eq!(e.class, *class, "{text}");
        let got = e.part_of.as_deref().map(tail).unwrap_or("");
        assert_eq!(got, *parent, "{text}: parent of «{unit}»");
    }
}

#[test]
fn a_unit_named_by_number_and_by_ordinal_is_one_node_in_every_article() {
    let x = run(
        "أصيب جندي من اللواء الثاني والعشرين في الجيش العراقي. وكان اللواء 22 قد انتشر في المنطقة.",
    );
    let a = entity(&x, "اللواء الثاني والعشرين").expect("the ordinal form");
    let b = entity(&x, "اللواء 22").expect("the number form");
    assert_eq!(a.iri, b.iri);
    assert_eq!(tail(&a.iri), "iraqi-army/لواء-22");
    // another article naming the unit with its parent: the same node
    let y = run("نفذ اللواء 22 في الجيش العراقي عملية تفتيش.");
    assert_eq!(
        entity(&y, "اللواء 22").map(|e| e.iri.as_str()),
        Some(a.iri.as_str())
    );
    // the chain of a company, its regiment and its brigade
    let z = run("قتل مقاتل من السرية الأولى بالفوج الثاني في اللواء 8.");
    let company = entity(&z, "السرية الأولى").expect("the company");
    assert_eq!(tail(&company.iri), "stateforce/لواء-8/فوج-2/سريه-1");
}

#[test]
fn a_rank_before_a_name_is_a_person_not_a_unit() {
    let x = run("وقال اللواء سعد حميد الكعبي إن القوات تقدمت.");
    assert!(
        mentions(&x).contains(&(EntityClass::Person, "سعد حميد الكعبي".to_owned())),
        "{:?}",
        mentions(&x)
    );
    assert!(
        !x.recognition
            .entities
            .iter()
            .any(|e| e.part_of.is_some() || e.class == EntityClass::StateForce),
        "{:?}",
        mentions(&x)
    );
}

#[test]
fn the_sector_of_a_command_is_a_place() {
    let x = run("نفذت القوات عملية تفتيش ضمن قاطع عمليات نينوى أمس.");
    assert!(
        mentions(&x).contains(&(EntityClass::Region, "قاطع عمليات نينوى".to_owned())),
        "{:?}",
        mentions(&x)
    );
    assert!(
        !mentions(&x)
            .iter()
            .any(|(c, _)| *c == EntityClass::StateForce),
        "{:?}",
        mentions(&x)
    );
}

#[test]
fn a_cue_word_with_adjectives_or_a_participle_names_nothing() {
    let texts = [
        "وقال الوزير إن قوات بلاده ستبقى في المنطقة.",
        "وهزمت قوات بقيادة الولايات المتحدة التنظيم.",
        "وشاركت قوات عراقية وكردية في المعركة.",
        "وقاتلت وحدات شيعية مدعومة من إيران في المدينة.",
        "وجرت العملية بقيادة أميركية.",
        "واعتقلت الشرطة خلية تابعة للتنظيم.",
        "واغتيل رئيس مجلس محلي لإحدى القرى.",
        "وظهرت مجموعات مسلحة في الريف.",
    ];
    for text in texts {
        let x = run(text);
        let new: Vec<_> = x
            .recognition
            .entities
            .iter()
            .filter(|e| !e.known && !e.class.is_place())
            .map(|e| e.label_ar.clone())
            .collect();
        assert!(new.is_empty(), "{text}: {new:?}");
    }
}

#[test]
fn state_bodies_are_typed_by_what_they_are() {
    use EntityClass::*;
    let cases: &[(&str, &str, EntityClass)] = &[
        (
            "وأعلن مجلس تل أبيض العسكري صد الهجوم.",
            "مجلس تل أبيض العسكري",
            StateForce,
        ),
        (
            "وأعلنت مديرية ناحية بعشيقة، أمس، استقبال النازحين.",
            "مديرية ناحية بعشيقة",
            Government,
        ),
        ("وقالت شرطة كركوك إن الطريق أغلق.", "شرطة كركوك", StateForce),
        (
            "وطالب مجلس محافظة نينوى بتعويض المتضررين.",
            "مجلس محافظة نينوى",
            Government,
        ),
        (
            "وقاتلت مجموعات الدفاع الشعبية إلى جانب الجيش.",
            "مجموعات الدفاع الشعبية",
            ArmedGroup,
        ),
        ("وشارك الحشد الشعبي في العملية.", "الحشد الشعبي", StateForce),
        (
            "وشاركت قوات عراقية وكردية في المعركة.",
            "قوات عراقية",
            StateForce,
        ),
        (
            "وقاتلت ميليشيا قاطرجي في البادية.",
            "ميليشيا قاطرجي",
            ArmedGroup,
        ),
    ];
    for (text, surface, class) in cases {
        let x = run(text);
        assert!(
            mentions(&x).contains(&(*class, surface.to_string())),
            "{text}: want {class:?} «{surface}», got {:?}",
            mentions(&x)
        );
    }
}

#[test]
fn people_are_found_after_titles_with_their_role_and_body() {
    // (text, person, role as written, IRI tail of the body spoken for or "")
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "وقال وزير الدفاع العراقي ثابت محمد العباسي إن الجيش استعاد المنطقة.",
            "ثابت محمد العباسي",
            "وزير",
            "iraqi-ministry-of-defence",
        ),
        (
            "وأوضح الناطق باسم القائد العام للقوات المسلحة، اللواء سامي حسن علوان، أن الانفجار وقع صباحا.",
            "سامي حسن علوان",
            "الناطق باسم القائد العام للقوات المسلحة، اللواء",
            "",
        ),
        (
            "وقال قائد عمليات نينوى اللواء عادل حسين الزبيدي إن المسلحين فروا.",
            "عادل حسين الزبيدي",
            "قائد عمليات نينوى اللواء",
            "nineveh-operations-command",
        ),
        (
            "وأكد عضو مجلس محافظة كركوك أحمد رمضان العبيدي أن الوضع مستقر.",
            "أحمد رمضان العبيدي",
            "عضو",
            "government/مجلس_محافظه_كركوك",
        ),
        (
            "وقالت النائبة عن محافظة نينوى سهام جاسم الموسوي إن النازحين بلا مأوى.",
            "سهام جاسم الموسوي",
            "النائبة",
            "",
        ),
        (
            "وقال مدير المركز الإعلامي في قسد كمال حسن إن الهجوم صد.",
            "كمال حسن",
            "مدير",
            "sdf",
        ),
        (
            "وقال الناطق الرسمي لهذه القوات جوان أحمد للصحفيين إن المعركة انتهت.",
            "جوان أحمد",
            "الناطق الرسمي",
            "",
        ),
        (
            "ويقول رئيس لجنة إعمار القرى، سعيد كامل، إن العمل بطيء.",
            "سعيد كامل",
            "رئيس",
            "organization/لجنه_اعمار_القري",
        ),
        (
            "وقال رئيس جهاز مكافحة الإرهاب الفريق أول الركن سالم حميد الكعبي إن العملية نجحت.",
            "سالم حميد الكعبي",
            "رئيس جهاز مكافحة الإرهاب الفريق أول الركن",
            "iraqi-counter-terrorism-service",
        ),
        (
            "وقال محافظ نينوى نجم عبد الله الجبوري إن الوضع تحت السيطرة.",
            "نجم عبد الله الجبوري",
            "محافظ",
            "",
        ),
        (
            "وقال قائد الفرقة 11 العميد ركن حسين علي جبار إن القوات تقدمت.",
            "حسين علي جبار",
            "قائد الفرقة 11 العميد",
            "stateforce/فرقه-11",
        ),
        (
            "وذكر مصطفى علي، وهو صحافي من المدينة، أن سبعين مدنيا محتجزون.",
            "مصطفى علي",
            "",
            "",
        ),
        (
            "وقال آمر الفوج الثالث في اللواء 59 العقيد سامي خليل إن الهجوم صد.",
            "سامي خليل",
            "آمر الفوج الثالث في اللواء 59 العقيد",
            "stateforce/لواء-59/فوج-3",
        ),
        (
            "وقال قائد شرطة كركوك اللواء كريم حسن الجبوري إن الوضع مستقر.",
            "كريم حسن الجبوري",
            "قائد شرطة كركوك اللواء",
            "stateforce/شرطه_كركوك",
        ),
        (
            "وقال الناطق العسكري باسم الحشد الشعبي حيدر كامل الساعدي إن الهجوم صد.",
            "حيدر كامل الساعدي",
            "الناطق العسكري",
            "pmf",
        ),
        (
            "وقتل في الغارة قيادي في التنظيم يدعى أبو حفص العراقي.",
            "أبو حفص العراقي",
            "",
            "",
        ),
    ];
    for (text, name, role, body) in cases {
        let x = run(text);
        let person = entity(&x, name)
            .filter(|e| e.class == EntityClass::Person)
            .unwrap_or_else(|| panic!("{text}: no person «{name}» in {:?}", mentions(&x)));
        if !role.is_empty() {
            let got = person.role.clone().map(|r| x.original(r));
            assert_eq!(got, Some(*role), "{text}: role");
        }
        let got = person
            .speaks_for
            .map(|i| tail(&x.recognition.entities[i].iri).to_owned())
            .unwrap_or_default();
        assert_eq!(got, *body, "{text}: body");
    }
}

#[test]
fn a_name_in_apposition_before_a_title_is_the_person() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "وأكدت ذلك ليلى حسن، النائبة عن قضاء سنجار، في تصريح للصحفيين.",
            "ليلى حسن",
            "النائبة",
        ),
        (
            "واغتال مسلحون \"خالد العلي\" رئيس المجلس المحلي للبلدة.",
            "خالد العلي",
            "رئيس",
        ),
    ];
    for (text, name, role) in cases {
        let x = run(text);
        let person = entity(&x, name)
            .filter(|e| e.class == EntityClass::Person)
            .unwrap_or_else(|| panic!("{text}: no person «{name}» in {:?}", mentions(&x)));
        assert_eq!(
            person.role.clone().map(|r| x.original(r)),
            Some(*role),
            "{text}"
        );
    }
}

#[test]
fn words_after_a_title_or_verb_that_name_no_one_are_no_person() {
    let texts = [
        "وقالت وسائل إعلام محلية إن القصف استمر.",
        "قال وزير حقوق الإنسان العراقي اليوم إن الضحايا كثر.",
        "وأكدت توجه المئات منهم إلى المخيمات.",
        "وأصيب آمر اللواء بجروح متوسطة.",
        "وقالت وكالة أعماق إن عناصر التنظيم نفذوا الهجوم.",
    ];
    for text in texts {
        let x = run(text);
        let persons: Vec<_> = mentions(&x)
            .into_iter()
            .filter(|(c, _)| *c == EntityClass::Person)
            .collect();
        assert!(persons.is_empty(), "{text}: {persons:?}");
    }
}

/// «على» (the preposition) folds like «علي» (the name) but stays a preposition.
#[test]
fn the_preposition_spelt_like_ali_ends_a_name() {
    let x = run("وأكد حسن كامل على ضرورة الحذر.");
    let persons: Vec<_> = mentions(&x)
        .into_iter()
        .filter(|(c, _)| *c == EntityClass::Person)
        .collect();
    assert_eq!(persons, [(EntityClass::Person, "حسن كامل".to_owned())]);
}

#[test]
fn a_byline_with_its_name_in_brackets_names_the_author() {
    let x = run("نبض الفرات - (سامر يوسف)\nأعلن التنظيم مسؤوليته عن الهجوم.");
    assert!(
        mentions(&x).contains(&(EntityClass::Person, "سامر يوسف".to_owned())),
        "{:?}",
        mentions(&x)
    );
}

#[test]
fn a_titled_speaker_is_credited_with_the_figures() {
    let cases: &[(&str, &str)] = &[
        (
            "وأوضح الناطق باسم خلية الإعلام الأمني، العميد سعد حسن الربيعي، أن 4 جنود قتلوا في الهجوم.",
            "سعد حسن الربيعي",
        ),
        (
            "وقال رئيس لجنة الأمن في مجلس محافظة نينوى، خالد جاسم العبيدي، إن 6 مدنيين قتلوا بانفجار عبوة.",
            "خالد جاسم العبيدي",
        ),
        (
            "وقال قائد عمليات نينوى اللواء عادل حسين الزبيدي إن 3 مسلحين قتلوا في الاشتباك.",
            "عادل حسين الزبيدي",
        ),
    ];
    for (text, name) in cases {
        let x = run(text);
        let sources: Vec<String> = x
            .claims
            .iter()
            .map(|c| match &c.source {
                Source::Entity(e) => x.recognition.entities[*e].label_ar.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert!(!sources.is_empty(), "{text}: no claim");
        assert!(
            sources.iter().all(|s| crate_norm(s) == crate_norm(name)),
            "{text}: {sources:?}"
        );
    }
}

/// Labels of new entities are normalised text: compare normalised.
fn crate_norm(s: &str) -> String {
    isnad::text::normalise(s)
}

/// A back-reference noun several states' bodies share names the body of the
/// article's country when nothing named before fits.
#[test]
fn a_shared_body_noun_is_the_body_of_the_articles_country() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "انفجرت عبوة قرب كركوك. وقالت وزارة الداخلية إن التحقيق بدأ.",
            "وزارة الداخلية",
            "iraqi-ministry-of-interior",
        ),
        (
            "سقطت قذائف على حمص وريف حماة. وقال الجيش إن الرد سيكون قاسيا.",
            "الجيش",
            "syrian-army",
        ),
    ];
    for (text, noun, want) in cases {
        let x = run(text);
        let got = entity(&x, noun).map(|e| tail(&e.iri));
        assert_eq!(got, Some(*want), "{text}: {:?}", mentions(&x));
    }
    // no country leads: the noun names no one
    let x = run("وقال الجيش إن الرد سيكون قاسيا.");
    assert!(entity(&x, "الجيش").is_none(), "{:?}", mentions(&x));
}

#[test]
fn the_dead_named_in_a_list_and_a_signature_line_are_people() {
    let x = run("وعرف من القتلى سامي خليل داود، عبدالله حسن كريم الجبوري، علي كامل ناصر، المتحدرون من قرى الريف.");
    for name in [
        "سامي خليل داود",
        "عبدالله حسن كريم الجبوري",
        "علي كامل ناصر",
    ] {
        assert!(
            mentions(&x).contains(&(EntityClass::Person, name.to_owned())),
            "{name}: {:?}",
            mentions(&x)
        );
    }
    let x = run("عاد الهدوء إلى المدينة بعد أسبوع من المعارك.\nليلى سمير العاني / وكالات\nمشاركة");
    assert!(
        mentions(&x).contains(&(EntityClass::Person, "ليلى سمير العاني".to_owned())),
        "{:?}",
        mentions(&x)
    );
    // a date with slashes is no signature
    let x = run("وقع الهجوم في 2016/03/27 صباحا.");
    assert!(
        !mentions(&x).iter().any(|(c, _)| *c == EntityClass::Person),
        "{:?}",
        mentions(&x)
    );
}

/// A title that names no one where it stands is the person the article names with
/// it elsewhere, and is credited as that person.
#[test]
fn a_bare_title_refers_to_the_person_named_with_it() {
    let x = run("وقال محافظ الأنبار إن 12 مدنيا قتلوا في القصف. وأضاف المحافظ صالح حميد الدليمي أن الإغاثة وصلت.");
    let sources: Vec<String> = x
        .claims
        .iter()
        .filter(|c| c.count == Some(12))
        .map(|c| match &c.source {
            Source::Entity(e) => x.recognition.entities[*e].label_ar.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(sources, [crate_norm("صالح حميد الدليمي")]);
    // two people with the title: the bare one names neither
    let x = run("وقال محافظ الأنبار إن 12 مدنيا قتلوا. والتقى المحافظ صالح حميد الدليمي والمحافظ سعد كامل العاني.");
    let anaphors: Vec<_> = x
        .recognition
        .mentions
        .iter()
        .filter(|m| m.anaphor)
        .collect();
    assert!(
        anaphors
            .iter()
            .all(|m| x.recognition.entities[m.entity].class != EntityClass::Person),
        "{anaphors:?}"
    );
}

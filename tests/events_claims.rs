//! Events and count claims on sentences written for these tests: one trigger per
//! event family, statuses, figures with their qualifiers, victims and sources.

mod common;
use common::{extract_text as run, lexicon, source_tail, victim_tail};
use isnad::article::Article;
use isnad::extract::claims::Victim;
use isnad::extract::events::Event;
use isnad::extract::lexicon::{CountKind, EventClass, EventStatus, Stance};
use isnad::extract::numbers::Qualifier;
use isnad::extract::recognise::Source;
use isnad::extract::{extract, Extraction};

/// The first event of `class` (there must be one).
fn event_of(x: &Extraction, class: EventClass) -> &Event {
    x.events
        .iter()
        .find(|e| e.class == class)
        .unwrap_or_else(|| panic!("no {class:?} event"))
}

/// How many events of `class` the extraction holds.
fn count_events(x: &Extraction, class: EventClass) -> usize {
    x.events.iter().filter(|e| e.class == class).count()
}

/// The IRIs of an event's agents.
fn agent_iris<'a>(x: &'a Extraction, e: &Event) -> Vec<&'a str> {
    e.agents.iter().map(|&a| iri_of(x, a)).collect()
}

fn iri_of(x: &Extraction, e: usize) -> &str {
    &x.recognition.entities[e].iri
}

/// The source of the first claim found in `text`, as [`source_tail`] names it.
fn first_source(text: &str) -> Option<String> {
    let x = run(text);
    x.claims.first().map(|c| source_tail(&x, &c.source))
}

#[test]
fn each_trigger_family_gives_its_event_class() {
    use EventClass::*;
    let cases: &[(&str, EventClass)] = &[
        ("شن مسلحون هجوماً على حاجز للجيش قرب الموصل.", Attack),
        ("انفجرت عبوة ناسفة بدورية في ريف دير الزور.", Bombing),
        (
            "اندلعت اشتباكات عنيفة بين الطرفين في أطراف المدينة.",
            ArmedClash,
        ),
        ("نفذت طائرات مسيرة غارة على موقع في البادية.", Airstrike),
        ("تمكن عشرات السجناء من الفرار من سجن المدينة.", PrisonBreak),
        ("اندلع استعصاء داخل المهاجع مساء الأحد.", Mutiny),
        ("أعلنت الشرطة اعتقال خمسة مطلوبين في بعقوبة.", Arrest),
        ("نفذ التنظيم إعداماً ميدانياً بحق راعيين في الصحراء.", Killing),
        ("تسبب القتال في نزوح مئات العائلات من القرى.", Displacement),
        (
            "أصدرت وزارة الدفاع العراقية بياناً حول التطورات الأخيرة.",
            Statement,
        ),
        (
            "عقدت قيادة عمليات ديالى اجتماعاً في بعقوبة لبحث الوضع الأمني.",
            Meeting,
        ),
        ("وصلت تعزيزات عسكرية كبيرة إلى الحدود.", Deployment),
        (
            "فتحت قيادة عمليات ديالى تحقيقاً في ملابسات الحادث.",
            Investigation,
        ),
    ];
    assert_each_has_event(cases);
}

#[test]
fn a_statement_needs_someone_who_states() {
    let x = run("وجاء في بيان صدر مساء أمس أن الوضع مستقر.");
    assert!(
        x.events.iter().all(|e| e.class != EventClass::Statement),
        "{:?}",
        x.events
    );
}

#[test]
fn foiled_denied_and_attempted_events_are_not_reported_as_happened() {
    let cases: &[(&str, EventStatus)] = &[
        (
            "أحبطت قوى الأمن الداخلي محاولة فرار جماعية من السجن.",
            EventStatus::Foiled,
        ),
        (
            "ونفت قوات سوريا الديمقراطية فرار أي سجين.",
            EventStatus::Refuted,
        ),
        (
            "ويحاول التنظيم تهريب عناصره من السجون.",
            EventStatus::Attempted,
        ),
        ("وقع هجوم على حاجز أمني قرب المدينة.", EventStatus::Occurred),
    ];
    for (text, status) in cases {
        let x = run(text);
        let statuses: Vec<EventStatus> = x.events.iter().map(|e| e.status).collect();
        assert!(
            statuses.contains(status),
            "{text}: want {status:?}, got {statuses:?}"
        );
        if *status != EventStatus::Occurred {
            assert!(
                !statuses.contains(&EventStatus::Occurred),
                "{text}: also reported as happened"
            );
        }
    }
}

#[test]
fn an_attack_has_its_agent_target_and_place() {
    let x = run("شن تنظيم داعش هجوماً على سجن غويران في مدينة الحسكة.");
    let attack = event_of(&x, EventClass::Attack);
    let agents = agent_iris(&x, attack);
    let targets: Vec<&str> = attack.targets.iter().map(|&t| iri_of(&x, t)).collect();
    assert_eq!(agents, ["https://w3id.org/isnad/id/isis"]);
    assert_eq!(targets, ["https://w3id.org/isnad/id/ghwayran-prison"]);
    assert_eq!(
        attack.place.map(|p| iri_of(&x, p)),
        Some("https://w3id.org/isnad/id/ghwayran-prison")
    );
}

#[test]
fn mentions_of_the_same_happening_in_one_article_are_one_event() {
    let x =
        run("هاجم مسلحو داعش سجن غويران ليلاً. وأدى الهجوم على السجن في الحسكة إلى حالة من الذعر.");
    let attacks = count_events(&x, EventClass::Attack);
    assert_eq!(attacks, 1, "{:?}", x.events);
}

#[test]
fn bombings_and_escapes_at_the_place_of_an_attack_are_its_sub_events() {
    let x = run("شن داعش هجوماً على سجن غويران. وانفجرت سيارة مفخخة عند بوابة سجن غويران، وتمكن سجناء من الفرار من سجن غويران.");
    let attack = x
        .events
        .iter()
        .position(|e| e.class == EventClass::Attack)
        .expect("attack");
    for class in [EventClass::Bombing, EventClass::PrisonBreak] {
        let e = event_of(&x, class);
        assert_eq!(e.sub_event_of, Some(attack), "{class:?}");
    }
}

/// (sentence, kind, count, qualifier)
#[test]
fn numbers_next_to_casualty_words_are_count_claims_with_qualifiers() {
    use CountKind::*;
    use Qualifier::*;
    let cases: &[(&str, CountKind, Option<u64>, Qualifier)] = &[
        ("أسفر الهجوم عن مقتل 12 شخصاً.", Killed, Some(12), Exact),
        (
            "قتل أكثر من ثلاثين شخصاً في الهجوم.",
            Killed,
            Some(30),
            MoreThan,
        ),
        (
            "أدى الهجوم إلى إصابة نحو ٤٠ شخصاً.",
            Injured,
            Some(40),
            About,
        ),
        (
            "قتل في الاشتباكات أربعة مدنيين على الأقل.",
            Killed,
            Some(4),
            AtLeast,
        ),
        (
            "تمكن عشرات السجناء من الفرار بعد الهجوم.",
            Escaped,
            None,
            Vague,
        ),
        (
            "ألقت القوات القبض على 89 عنصراً بعد الاشتباكات.",
            Captured,
            Some(89),
            Exact,
        ),
        (
            "يضم السجن الذي تعرض للهجوم نحو 3500 سجين.",
            Held,
            Some(3500),
            About,
        ),
        (
            "شارك في الهجوم ما يقرب من مئة مهاجم.",
            Attackers,
            Some(100),
            About,
        ),
        (
            "تسبب القصف في نزوح خمسة آلاف شخص.",
            Displaced,
            Some(5000),
            Exact,
        ),
    ];
    for (text, kind, count, qualifier) in cases {
        let x = run(text);
        let found = x
            .claims
            .iter()
            .any(|c| c.kind == *kind && c.count == *count && c.qualifier == *qualifier);
        let got: Vec<_> = x
            .claims
            .iter()
            .map(|c| (c.kind, c.count, c.qualifier))
            .collect();
        assert!(
            found,
            "{text}: want {kind:?} {count:?} {qualifier:?}, got {got:?}"
        );
    }
}

#[test]
fn years_and_dates_are_not_counts() {
    let x = run("قتل 5 أشخاص في هجوم وقع في 21 كانون الثاني 2022 على حاجز قرب المدينة.");
    let counts: Vec<Option<u64>> = x.claims.iter().map(|c| c.count).collect();
    assert_eq!(counts, [Some(5)], "{:?}", x.claims);
}

#[test]
fn a_breakdown_gives_one_claim_per_item_plus_the_total() {
    let x = run("أسفر الهجوم على سجن غويران عن مقتل 41 شخصاً، بينهم 20 من قوى الأمن الداخلي و16 من عناصر تنظيم داعش و5 مدنيين.");
    let mut got: Vec<(Option<u64>, String)> = x
        .claims
        .iter()
        .filter(|c| c.kind == CountKind::Killed)
        .map(|c| (c.count, victim_tail(&x, &c.victim)))
        .collect();
    got.sort();
    let want = [
        (Some(5), "civilians".to_owned()),
        (Some(16), "isis".to_owned()),
        (Some(20), "asayish".to_owned()),
        (Some(41), "everyone".to_owned()),
    ];
    assert_eq!(got, want);
}

#[test]
fn a_victim_noun_names_the_group_counted() {
    let x = run("قتل 11 جندياً من الجيش العراقي في هجوم شنه داعش على مقر عسكري في ديالى.");
    let c = x.claims.first().expect("a claim");
    assert_eq!(victim_tail(&x, &c.victim), "iraqi-army");
    let x = run("قتل 7 مدنيين في قصف على قرية قرب المدينة.");
    assert_eq!(
        x.claims.first().map(|c| c.victim.clone()),
        Some(Victim::Civilians)
    );
}

#[test]
fn the_source_a_sentence_credits_is_the_claims_source() {
    let cases: &[(&str, &str)] = &[
        (
            "وفقاً للمرصد السوري لحقوق الإنسان، قتل 30 شخصاً في الاشتباكات.",
            "https://w3id.org/isnad/id/sohr",
        ),
        (
            "وبحسب وكالة الأنباء العراقية فإن 11 جندياً قتلوا في الهجوم.",
            "https://w3id.org/isnad/id/ina",
        ),
        (
            "وأفاد المرصد السوري لحقوق الإنسان بمقتل 25 شخصاً في الاشتباكات.",
            "https://w3id.org/isnad/id/sohr",
        ),
        (
            "وقالت قوات سوريا الديمقراطية إن 23 من مقاتليها قتلوا في الهجوم.",
            "https://w3id.org/isnad/id/sdf",
        ),
    ];
    for (text, source) in cases {
        let x = run(text);
        let c = x
            .claims
            .first()
            .unwrap_or_else(|| panic!("{text}: no claim"));
        let got = match &c.source {
            Source::Entity(e) => iri_of(&x, *e).to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(&got, source, "{text}");
        assert_eq!(c.stance, Stance::Asserted);
    }
}

#[test]
fn an_unnamed_source_is_credited_by_its_kind() {
    let x = run("وقال مصدر أمني إن 9 عناصر قتلوا في الهجوم على الحاجز.");
    let c = x.claims.first().expect("a claim");
    let Source::Unnamed(span) = &c.source else {
        panic!("{:?}", c.source)
    };
    assert_eq!(x.original(span.clone()), "مصدر أمني");
}

#[test]
fn without_a_frame_the_article_is_the_source() {
    assert_eq!(
        first_source("قتل 14 شخصاً في هجوم على حاجز أمني قرب المدينة.").as_deref(),
        Some("article")
    );
}

#[test]
fn a_denial_is_a_claim_with_a_denied_stance() {
    let x = run("ونفت قوات سوريا الديمقراطية فرار 100 سجين من السجن.");
    let c = x.claims.first().expect("a claim");
    assert_eq!(c.stance, Stance::Denied);
    assert_eq!(c.count, Some(100));
}

/// Every reporting frame the issue names credits the figure in its sentence to the
/// source it introduces. (frame sentence, expected source: an IRI tail or the
/// unnamed phrase as written)
#[test]
fn every_attribution_frame_credits_its_source() {
    let cases: &[(&str, &str)] = &[
        (
            "وفق المرصد السوري لحقوق الإنسان قتل 12 شخصاً في الهجوم.",
            "sohr",
        ),
        (
            "وفقاً لـ«المرصد السوري لحقوق الإنسان»، قتل 12 شخصاً في الهجوم.",
            "sohr",
        ),
        ("بحسب وكالة الأنباء العراقية، قتل 12 شخصاً في الهجوم.", "ina"),
        (
            "حسب المرصد السوري لحقوق الإنسان، قتل 12 شخصاً في الهجوم.",
            "sohr",
        ),
        (
            "أفادت وكالة الأنباء العراقية بمقتل 12 شخصاً في الهجوم.",
            "ina",
        ),
        (
            "قالت قوات سوريا الديمقراطية إن 12 من عناصرها قتلوا في الهجوم.",
            "sdf",
        ),
        (
            "ذكرت وكالة الأنباء العراقية أن 12 شخصاً قتلوا في الهجوم.",
            "ina",
        ),
        (
            "أعلنت خلية الإعلام الأمني مقتل 12 جندياً في الهجوم.",
            "security-media-cell",
        ),
        (
            "أكد المرصد السوري لحقوق الإنسان مقتل 12 شخصاً في الهجوم.",
            "sohr",
        ),
        (
            "أشارت وكالة الأنباء العراقية إلى مقتل 12 شخصاً في الهجوم.",
            "ina",
        ),
        (
            "نقلت القناة نقلاً عن وكالة الأنباء العراقية أن 12 شخصاً قتلوا في الهجوم.",
            "ina",
        ),
        (
            "استناداً إلى المرصد السوري لحقوق الإنسان، قتل 12 شخصاً في الهجوم.",
            "sohr",
        ),
        (
            "وقالت مصادر محلية إن 12 شخصاً قتلوا في الهجوم.",
            "مصادر محلية",
        ),
        ("وأفاد مصدر أمني بمقتل 12 شخصاً في الهجوم.", "مصدر أمني"),
        ("وذكرت مصادر طبية أن 12 شخصاً قتلوا في الهجوم.", "مصادر طبية"),
        (
            "ويقول المرصد السوري لحقوق الإنسان إن 12 شخصاً قتلوا في الهجوم.",
            "sohr",
        ),
        (
            "وتشير وكالة الأنباء العراقية إلى مقتل 12 شخصاً في الهجوم.",
            "ina",
        ),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = first_source(text);
        if got.as_deref() != Some(*want) {
            failures.push(format!("{text}: want {want}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_spokesperson_is_credited_and_linked_to_the_organisation() {
    let x = run("وقال المتحدث باسم قوات سوريا الديمقراطية سامر الخطيب إن 30 من عناصر التنظيم قتلوا في الاشتباكات.");
    let c = x.claims.first().expect("a claim");
    let Source::Entity(p) = c.source else {
        panic!("{:?}", c.source)
    };
    let person = &x.recognition.entities[p];
    assert_eq!(person.label_ar, "سامر الخطيب");
    assert_eq!(
        person.speaks_for.map(|o| iri_of(&x, o)),
        Some("https://w3id.org/isnad/id/sdf")
    );
}

#[test]
fn a_subjectless_frame_continues_the_last_named_source() {
    assert_eq!(first_source("وقال المرصد السوري لحقوق الإنسان إن الاشتباكات مستمرة. وأضاف أن 17 شخصاً قتلوا في الهجوم.").as_deref(), Some("sohr"));
}

#[test]
fn two_frames_in_one_sentence_credit_their_own_clauses() {
    let x = run("قال المرصد السوري لحقوق الإنسان إن 40 شخصاً قتلوا في الهجوم، فيما أعلنت قوات سوريا الديمقراطية مقتل 23 من عناصرها.");
    let by_count = |n: u64| {
        x.claims
            .iter()
            .find(|c| c.count == Some(n))
            .map(|c| source_tail(&x, &c.source))
    };
    assert_eq!(by_count(40).as_deref(), Some("sohr"));
    assert_eq!(by_count(23).as_deref(), Some("sdf"));
}

#[test]
fn a_back_reference_fills_an_events_agent() {
    let x = run("تبنى تنظيم داعش الهجوم على سجن غويران. وقالت مصادر إن التنظيم فجر سيارة مفخخة عند البوابة.");
    let bombing = event_of(&x, EventClass::Bombing);
    let agents = agent_iris(&x, bombing);
    assert_eq!(agents, ["https://w3id.org/isnad/id/isis"]);
}

#[test]
fn an_event_report_is_credited_to_the_source_that_tells_it() {
    let x = run("وأفاد المرصد السوري لحقوق الإنسان بأن مسلحين هاجموا حاجزاً للجيش قرب البوكمال.");
    let attack = event_of(&x, EventClass::Attack);
    assert_eq!(source_tail(&x, &attack.source), "sohr");
}

#[test]
fn a_breakdown_listed_on_the_following_lines_inherits_the_kind() {
    let text = "هاجم مسلحو داعش سجن غويران. وأسفر الهجوم عن سقوط 41 قتيلاً موزعين كالتالي:\n- 20 من قوى الأمن الداخلي\n- 16 من عناصر التنظيم\n- 5 مدنيين\nوما زالت الاشتباكات مستمرة.";
    let x = run(text);
    let mut got: Vec<(Option<u64>, CountKind)> =
        x.claims.iter().map(|c| (c.count, c.kind)).collect();
    got.sort_by_key(|(n, _)| *n);
    assert_eq!(
        got,
        [
            (Some(5), CountKind::Killed),
            (Some(16), CountKind::Killed),
            (Some(20), CountKind::Killed),
            (Some(41), CountKind::Killed)
        ]
    );
}

#[test]
fn a_number_counting_something_else_is_no_claim() {
    let x = run("أسفر الهجوم عن مقتل شخصين واحتراق 3 صهاريج و4 سيارات.");
    let counts: Vec<Option<u64>> = x.claims.iter().map(|c| c.count).collect();
    assert!(
        !counts.contains(&Some(3)) && !counts.contains(&Some(4)),
        "{counts:?}"
    );
}

#[test]
fn coordinated_kinds_and_sides_give_one_claim_each() {
    let x = run("أسفرت الاشتباكات عن مقتل وإصابة عشرات من صفوف قوات سوريا الديمقراطية وتنظيم داعش.");
    let mut got: Vec<(CountKind, String)> = x
        .claims
        .iter()
        .map(|c| (c.kind, victim_tail(&x, &c.victim)))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (CountKind::Killed, "isis".to_owned()),
            (CountKind::Killed, "sdf".to_owned()),
            (CountKind::Injured, "isis".to_owned()),
            (CountKind::Injured, "sdf".to_owned()),
        ]
    );
    assert!(x
        .claims
        .iter()
        .all(|c| c.count.is_none() && c.qualifier == Qualifier::Vague));
}

/// An exact figure for several sides together is one claim (the same figure for each
/// side would count the dead twice), quoted with every side it covers.
#[test]
fn one_figure_for_sides_named_together_is_one_claim() {
    let x = run("وقتل في الهجوم على السجن 14 من قوى الأمن الداخلي وقوات مكافحة الإرهاب ووحدات حماية الشعب، حسب المرصد السوري لحقوق الإنسان.");
    let fourteen: Vec<_> = x.claims.iter().filter(|c| c.count == Some(14)).collect();
    assert_eq!(fourteen.len(), 1, "{:?}", x.claims);
    let c = fourteen[0];
    assert_eq!(victim_tail(&x, &c.victim), "asayish");
    assert_eq!(
        x.original(c.span.clone()),
        "14 من قوى الأمن الداخلي وقوات مكافحة الإرهاب ووحدات حماية الشعب"
    );
    assert_eq!(source_tail(&x, &c.source), "sohr");
}

#[test]
fn a_subject_named_before_its_verb_is_credited() {
    assert_eq!(first_source("وكان المرصد السوري لحقوق الإنسان، ومقره لندن، قد أفاد بفرار أكثر من 150 سجيناً من سجن غويران.").as_deref(), Some("sohr"));
}

#[test]
fn a_reporting_verb_behind_a_preposition_is_no_frame() {
    // «لنقل» is "to carry", not "conveyed"
    let x = run("استخدمت الشاحنات لنقل المحروقات التابعة لمؤسسة «النور»، وقتل 3 أشخاص في الهجوم على القافلة.");
    let c = x.claims.first().expect("a claim");
    assert_eq!(c.source, Source::Article);
}

#[test]
fn others_are_of_the_group_counted_before() {
    let x = run("قتل ستة عناصر من الجيش العراقي وأصيب أربعة آخرون في هجوم على حاجز قرب تكريت.");
    let injured = x
        .claims
        .iter()
        .find(|c| c.kind == CountKind::Injured)
        .expect("the injured");
    assert_eq!(victim_tail(&x, &injured.victim), "iraqi-army");
}

#[test]
fn a_definite_event_noun_refers_back_to_the_event_reported_before() {
    let text = "شن مسلحون هجوماً على حاجز عسكري قرب بلدة الصفا جنوب غربي مدينة دير الزور.\nوذكر المرصد السوري لحقوق الإنسان أن حصيلة الهجوم بلغت تسعة قتلى من قوات النظام، فيما شنت طائرات روسية غارات على البادية.";
    let x = run(text);
    let attacks: Vec<_> = x
        .events
        .iter()
        .filter(|e| e.class == EventClass::Attack)
        .collect();
    assert_eq!(attacks.len(), 1, "{attacks:?}");
    assert!(x
        .claims
        .iter()
        .all(|c| x.events[c.event].class == EventClass::Attack));
}

#[test]
fn a_headline_and_its_lead_on_the_outskirts_of_a_city_are_one_event() {
    let text = "مقتل ستة جنود بهجوم في دير الزور\n\nقتل ستة جنود إثر هجوم شنه مسلحون على حاجز قرب بلدة الصفا جنوب غربي مدينة دير الزور.";
    let x = run(text);
    let attacks = count_events(&x, EventClass::Attack);
    assert_eq!(attacks, 1, "{:?}", x.events);
}

#[test]
fn a_participle_continues_the_speaker_and_what_follows_an_is_content() {
    let text = "هاجم تنظيم داعش حي البساتين.\nوقالت سلمى أحمد وهي تغادر منزلها \"الوضع صعب جدا. لقد غادرنا بيتنا\"، مؤكدة أيضا أن التنظيم \"قتل ثلاثة شبان\" من جيرانها.";
    let x = run(text);
    let c = x.claims.first().expect("a claim");
    let Source::Entity(e) = c.source else {
        panic!("{:?}", c.source)
    };
    assert_eq!(x.recognition.entities[e].label_ar, "سلمي احمد");
}

#[test]
fn an_unnamed_source_phrase_runs_through_its_body_or_one_adjective() {
    let cases: &[(&str, &str)] = &[
        (
            "وأكد مصدر في الحشد الشعبي أن 4 عناصر قتلوا في التفجير.",
            "مصدر في الحشد الشعبي",
        ),
        ("وقال مصدر أمني إن 4 عناصر قتلوا في التفجير.", "مصدر أمني"),
        ("وقالت مصادر إن 4 عناصر قتلوا في التفجير.", "مصادر"),
        (
            "وأفاد مصدر في شرطة كركوك بأن 4 عناصر قتلوا في التفجير.",
            "مصدر في شرطة كركوك",
        ),
    ];
    for (text, want) in cases {
        let x = run(text);
        let Some(Source::Unnamed(span)) = x.claims.first().map(|c| c.source.clone()) else {
            panic!("{text}: {:?}", x.claims.first().map(|c| &c.source));
        };
        assert_eq!(x.original(span), *want, "{text}");
    }
}

#[test]
fn an_official_speaking_is_a_statement_once() {
    let x = run("وقال المتحدث باسم التحالف الدولي العقيد مايكل براون إن الغارات مستمرة. وأضاف براون أن الوضع تحت السيطرة. وقال شاهد عيان إن القصف عنيف.");
    let statements: Vec<_> = x
        .events
        .iter()
        .filter(|e| e.class == EventClass::Statement)
        .collect();
    assert_eq!(statements.len(), 1, "{statements:?}");
    let speaker = &x.recognition.entities[statements[0].agents[0]];
    assert_eq!(speaker.label_ar, "مايكل براون");
}

#[test]
fn a_source_cited_through_a_document_is_credited_and_never_continued_wrongly() {
    let text = "وقال مصدر طبي إن الجرحى نقلوا إلى المشفى.\nوشنت المسيرات أكثر من 40 غارة أسفرت عن مقتل 27 شخصاً بينهم 9 مدنيين، بحسب إحصائية للمرصد السوري لحقوق الإنسان.";
    let x = run(text);
    assert!(!x.claims.is_empty());
    for c in &x.claims {
        assert_eq!(source_tail(&x, &c.source), "sohr");
    }
}

#[test]
fn an_event_takes_the_date_of_its_own_clause_not_of_a_later_one() {
    use isnad::extract::dates::{CivilDate, DateValue};
    let mut article = Article::from_text("d.txt", "أصدر جهاز مكافحة الإرهاب بياناً اليوم حول العملية، مبيناً أن المعتقلين نفذوا هجمات خلال العام الماضي.");
    article.published = CivilDate::new(2023, 4, 12);
    let x = extract(article, lexicon());
    let statement = event_of(&x, EventClass::Statement);
    assert_eq!(
        statement.date,
        Some(DateValue::Day(CivilDate::new(2023, 4, 12).unwrap()))
    );
    let attacks = event_of(&x, EventClass::Attack);
    assert_eq!(attacks.date, Some(DateValue::Year(2022)));
}

#[test]
fn idioms_and_seized_weapons_are_no_events() {
    let cases: &[(&str, EventClass)] = &[
        (
            "وتعهد الوزير بدعم الشرطة في مواجهة خلايا التنظيم في الصحراء.",
            EventClass::ArmedClash,
        ),
        (
            "ضبطت قوة أمنية مخزناً يضم صواريخ وعبوات ناسفة في قرية قرب الرمادي.",
            EventClass::Bombing,
        ),
        (
            "ضبطت قوة أمنية مخزناً يضم صواريخ وعبوات ناسفة في قرية قرب الرمادي.",
            EventClass::Airstrike,
        ),
    ];
    for (text, class) in cases {
        let x = run(text);
        let classes: Vec<EventClass> = x.events.iter().map(|e| e.class).collect();
        assert!(!classes.contains(class), "{text}: got {classes:?}");
    }
    // a bombing told after the seizure in another sentence still happened
    let x = run("ضبطت الشرطة أسلحة في المدينة. وانفجرت عبوة ناسفة بدورية للجيش قرب تكريت.");
    assert!(x.events.iter().any(|e| e.class == EventClass::Bombing));
}

#[test]
fn a_defused_bomb_is_a_foiled_bombing_and_a_denial_by_participle_refutes() {
    let x = run("وفككت فرق الهندسة عبوة ناسفة زرعت على الطريق العام.");
    let statuses: Vec<(EventClass, EventStatus)> =
        x.events.iter().map(|e| (e.class, e.status)).collect();
    assert_eq!(statuses, [(EventClass::Bombing, EventStatus::Foiled)]);
    let x = run("وقال المتحدث إن القوات تسيطر على الوضع، نافياً الأنباء عن هروب معتقلين.");
    let escape = event_of(&x, EventClass::PrisonBreak);
    assert_eq!(escape.status, EventStatus::Refuted);
}

#[test]
fn a_killing_told_inside_an_attack_is_that_attack() {
    let x = run("شن مسلحو داعش هجوماً على نقطة للشرطة في كركوك وأعدموا خلاله ستة من عناصرها.");
    let classes: Vec<EventClass> = x.events.iter().map(|e| e.class).collect();
    assert_eq!(classes, [EventClass::Attack]);
    let claim = x.claims.first().expect("a claim");
    assert_eq!((claim.kind, claim.count), (CountKind::Killed, Some(6)));
    assert_eq!(claim.event, 0);
    // an execution told on its own stays a killing
    let x = run("وأعدم التنظيم ثلاثة رعاة في صحراء الأنبار الأسبوع الماضي.");
    assert!(x.events.iter().any(|e| e.class == EventClass::Killing));
}

#[test]
fn lam_on_an_armed_group_right_after_an_event_noun_names_its_agent() {
    let x = run("وشهد قضاء الطارمية هجوماً لتنظيم داعش على مقر للجيش العراقي.");
    let attack = event_of(&x, EventClass::Attack);
    let agents = agent_iris(&x, attack);
    assert_eq!(agents, ["https://w3id.org/isnad/id/isis"]);
    let targets: Vec<&str> = attack.targets.iter().map(|&t| iri_of(&x, t)).collect();
    assert_eq!(targets, ["https://w3id.org/isnad/id/iraqi-army"]);
    // the owner outranks the victims named before the trigger
    let x = run("قتل أربعة عناصر من الحشد الشعبي في هجوم لتنظيم داعش قرب بيجي.");
    let attack = event_of(&x, EventClass::Attack);
    let agents = agent_iris(&x, attack);
    assert_eq!(agents, ["https://w3id.org/isnad/id/isis"]);
    // the side a figure counts suffered the attack; members without a figure may act
    let x = run("قتل خمسة عناصر من الجيش العراقي في هجوم على حاجز قرب بيجي.");
    let attack = event_of(&x, EventClass::Attack);
    assert!(attack.agents.is_empty(), "{:?}", attack.agents);
    let x = run("شن عناصر من تنظيم داعش هجوماً على حاجز قرب بيجي.");
    let attack = event_of(&x, EventClass::Attack);
    let agents = agent_iris(&x, attack);
    assert_eq!(agents, ["https://w3id.org/isnad/id/isis"]);
    // «مواقع لهيئة …»: the «لـ» of a noun after a verb is not the event's owner
    let x = run("وقصفت المدفعية مواقع لهيئة تحرير الشام في ريف إدلب.");
    let strike = event_of(&x, EventClass::Airstrike);
    assert!(strike.agents.is_empty(), "{:?}", strike.agents);
}

#[test]
fn citations_relays_and_participles_make_no_statement_of_their_own() {
    for text in [
        "قتل خمسة مدنيين في قصف على قرية، وفقا لوزارة الدفاع العراقية.",
        "ونقل مراسل الوكالة عن مصادر محلية أن القصف استهدف سوقاً.",
    ] {
        let x = run(text);
        let classes: Vec<EventClass> = x.events.iter().map(|e| e.class).collect();
        assert!(
            !classes.contains(&EventClass::Statement),
            "{text}: {classes:?}"
        );
    }
    // «مشيرا» goes on with the subject of «أكد»: one statement, by the coalition
    let x = run("وأكد التحالف الدولي وقوع الهجوم، مشيراً إلى أن الولايات المتحدة ترسل تعزيزات.");
    let speakers: Vec<&str> = x
        .events
        .iter()
        .filter(|e| e.class == EventClass::Statement)
        .flat_map(|e| e.agents.iter().map(|&a| iri_of(&x, a)))
        .collect();
    assert_eq!(speakers, ["https://w3id.org/isnad/id/coalition"]);
}

#[test]
fn a_statements_agent_is_not_named_in_what_it_says() {
    let x = run("وذكرت الحكومة العراقية في بيانها أن تنظيم داعش خسر معظم قادته.");
    let agents: Vec<&str> = x
        .events
        .iter()
        .filter(|e| e.class == EventClass::Statement)
        .flat_map(|e| e.agents.iter().map(|&a| iri_of(&x, a)))
        .collect();
    assert!(
        !agents.contains(&"https://w3id.org/isnad/id/isis"),
        "{agents:?}"
    );
}

#[test]
fn meetings_withdrawals_and_background_takeovers_are_events() {
    use EventClass::*;
    let cases: &[(&str, EventClass)] = &[
        (
            "بحث وزير الدفاع العراقي خلال لقائه قائد التحالف الدولي الوضع على الحدود.",
            Meeting,
        ),
        (
            "وقررت واشنطن سحب قواتها من قاعدة في ريف الحسكة.",
            Deployment,
        ),
        ("واحتل تنظيم داعش مدينة الموصل صيف 2014.", Attack),
        (
            "وتمكنت القوات العراقية من دحر التنظيم في تلعفر.",
            ArmedClash,
        ),
    ];
    assert_each_has_event(cases);
}

#[test]
fn a_happening_dated_by_its_year_is_not_the_undated_news() {
    let x = run(
        "اندلعت اشتباكات عنيفة قرب سجن غويران في الحسكة. وكانت القوات الكردية قد دحرت التنظيم في سوريا في آذار 2019.",
    );
    let clashes = count_events(&x, EventClass::ArmedClash);
    assert_eq!(clashes, 2, "{:?}", x.events);
}

#[test]
fn an_adjective_of_origin_names_the_side_counted() {
    let x = run("واندلعت معارك بين القوات العراقية وفصائل مسلحة، قتل فيها 7 جنود عراقيين.");
    let c = x.claims.first().expect("a claim");
    assert_eq!(c.count, Some(7));
    assert_eq!(victim_tail(&x, &c.victim), "iraqi-security-forces");
    // a known victim word after the noun is no adjective of origin
    let x = run("قتل 4 أشخاص مدنيين في قصف نفذه الدفاع المدني على حي سكني.");
    assert_ne!(
        x.claims.first().map(|c| victim_tail(&x, &c.victim)),
        Some("civil-defence".to_owned())
    );
}

#[test]
fn one_written_after_a_noun_is_an_adjective_not_a_figure() {
    let x = run("قتل أكثر من 30 شخصاً خلال ليلة واحدة من القصف على المدينة.");
    let counts: Vec<Option<u64>> = x.claims.iter().map(|c| c.count).collect();
    assert_eq!(counts, [Some(30)]);
    let x = run("أسفر الانفجار عن قتيل واحد وجريحين.");
    let counts: Vec<Option<u64>> = x.claims.iter().map(|c| c.count).collect();
    assert!(counts.contains(&Some(1)), "{counts:?}");
}

#[test]
fn a_figure_repeated_with_its_victim_named_is_one_claim() {
    let nines = |text: &str| -> Vec<String> {
        let x = run(text);
        x.claims
            .iter()
            .filter(|c| c.count == Some(9))
            .map(|c| {
                format!(
                    "{} {}",
                    source_tail(&x, &c.source),
                    victim_tail(&x, &c.victim)
                )
            })
            .collect()
    };
    // one source tells the figure twice: one claim, the repeat that names the dead
    // («وقال الجيش»: in an article about Diyala, the Iraqi army)
    assert_eq!(
        nines(
            "وقال الجيش إن هجوماً على ثكنة في ديالى أسفر عن 9 قتلى، وأضاف أن الهجوم أسفر عن 9 قتلى من الجيش العراقي."
        ),
        ["iraqi-army iraqi-army"]
    );
    // the article states it, then the army: two sources, two claims side by side
    assert_eq!(
        nines(
            "وأسفر هجوم على ثكنة في ديالى عن 9 قتلى، وقال الجيش إن الهجوم أسفر عن 9 قتلى من الجيش العراقي."
        ),
        ["article everyone", "iraqi-army iraqi-army"]
    );
}

#[test]
fn a_source_foiling_or_denying_the_escape_already_told_speaks_of_that_escape() {
    let x = run(
        "فر عشرات السجناء من سجن الرقة المركزي فجر الأحد. وزعم مسؤول أمني أن الحراس تمكنوا من إحباط الهروب.",
    );
    let escapes: Vec<EventStatus> = x
        .events
        .iter()
        .filter(|e| e.class == EventClass::PrisonBreak)
        .map(|e| e.status)
        .collect();
    assert_eq!(escapes, [EventStatus::Occurred]);
    // another attempt, told without the article, stays a foiled one of its own
    let x = run(
        "فر عشرات السجناء من سجن الرقة المركزي فجر الأحد. وأحبط الحراس محاولة فرار أخرى مساء اليوم نفسه.",
    );
    let escapes: Vec<EventStatus> = x
        .events
        .iter()
        .filter(|e| e.class == EventClass::PrisonBreak)
        .map(|e| e.status)
        .collect();
    assert_eq!(escapes, [EventStatus::Occurred, EventStatus::Foiled]);
}

#[test]
fn the_outbreak_of_a_war_is_a_clash() {
    let x = run("واندلعت الحرب في اليمن عام 2014 بعد سيطرة الحوثيين على صنعاء.");
    assert!(x.events.iter().any(|e| e.class == EventClass::ArmedClash));
}

#[test]
fn a_long_title_after_the_reporting_verb_leads_to_the_speaker() {
    let x = run(
        "وأعلن نائب قائد عمليات الأنبار في غرب العراق اللواء سعد الدليمي أن 4 جنود قتلوا في هجوم على الحدود.",
    );
    let c = x.claims.first().expect("a claim");
    assert_eq!(c.count, Some(4));
    assert_eq!(source_tail(&x, &c.source), "سعد_الدليمي");
    // a comma ends the title: the name after it is no subject of the verb
    let x = run("وقال مسؤول في الشرطة، إن اللواء سعد الدليمي نجا من هجوم قتل فيه 4 جنود.");
    let c = x.claims.first().expect("a claim");
    assert_ne!(source_tail(&x, &c.source), "سعد_الدليمي");
}

/// Each sentence gives (at least) an event of its class.
fn assert_each_has_event(cases: &[(&str, EventClass)]) {
    for (text, class) in cases {
        let x = run(text);
        let classes: Vec<EventClass> = x.events.iter().map(|e| e.class).collect();
        assert!(
            classes.contains(class),
            "{text}: want {class:?}, got {classes:?}"
        );
    }
}

/// A document's words («وجاء فيه»، «وأضاف البيان») are its issuer's, and a citation
/// naming no one inside them («وحسب الصور») stays the speaker's.
#[test]
fn a_documents_words_are_credited_to_its_issuer() {
    let cases: &[(&str, u64)] = &[
        (
            "أصدرت وزارة الدفاع العراقية بياناً حول الهجوم على الموقع. وجاء فيه أن 6 جنود قتلوا في الاشتباكات.",
            6,
        ),
        (
            "وأصدرت وزارة الدفاع العراقية بياناً مساء السبت.\nوورد في البيان: \"وحسب الصور الجوية فإن نحو 300 معتقل حاولوا الفرار من السجن بعد الهجوم\".",
            300,
        ),
        (
            "أصدرت وزارة الدفاع العراقية بياناً عن الكمين. وأضاف البيان أن 4 جنود أصيبوا في الهجوم.",
            4,
        ),
    ];
    for (text, count) in cases {
        let x = run(text);
        let c = x
            .claims
            .iter()
            .find(|c| c.count == Some(*count))
            .unwrap_or_else(|| panic!("{text}: no claim of {count}: {:?}", x.claims));
        assert_eq!(
            source_tail(&x, &c.source),
            "iraqi-ministry-of-defence",
            "{text}"
        );
    }
    // a document that names its owner is the owner's, not the last issuer's
    assert_eq!(first_source("أصدرت وزارة الدفاع العراقية بياناً حول الهجوم. وجاء في تقرير للمرصد السوري لحقوق الإنسان أن 9 مدنيين قتلوا في القصف.").as_deref(), Some("sohr"));
    // with no document before it, a citation naming no one is the article's
    assert_eq!(
        first_source("وحسب الصور الجوية فإن 12 شخصاً قتلوا في الهجوم على القرية.").as_deref(),
        Some("article")
    );
}

/// A commentator («المحلل»، «الخبير») quoted at length is a source, not an official
/// making a statement, even with a rank in apposition; an officer speaking is one.
#[test]
fn a_commentator_speaking_is_a_source_not_a_statement() {
    let x = run("من جهته، يرى المحلل العسكري العراقي، العقيد سالم حميد الدليمي، أن الهجوم كان متوقعاً. ويضيف الدليمي أن 8 جنود قتلوا في الكمين.");
    assert_eq!(
        count_events(&x, EventClass::Statement),
        0,
        "{:?}",
        x.recognition.entities
    );
    let c = x.claims.first().expect("a claim");
    assert!(
        source_tail(&x, &c.source).contains("الدليمي"),
        "{:?}",
        c.source
    );
    let person = x
        .recognition
        .entities
        .iter()
        .find(|e| e.label_ar == "سالم حميد الدليمي")
        .expect("the commentator");
    assert_eq!(
        person.role_in(&x.norm.norm),
        Some("المحلل العسكري العراقي, العقيد")
    );
    let x = run("وأوضح الباحث في شؤون الجماعات المسلحة كريم سعدون العبيدي في تصريح صحفي أن التنظيم يستغل الفراغ الأمني.");
    assert_eq!(count_events(&x, EventClass::Statement), 0, "{:?}", x.events);
    let x = run("وقال العقيد سالم حميد الدليمي إن 8 جنود قتلوا في الكمين.");
    assert_eq!(count_events(&x, EventClass::Statement), 1, "{:?}", x.events);
    let x = run("وقال وزير الداخلية العراقي عبد الأمير الشمري في تصريح صحفي إن التحقيق مستمر.");
    assert_eq!(count_events(&x, EventClass::Statement), 1, "{:?}", x.events);
}

/// Plural attacks with a word of trend or repetition are a pattern, not a happening;
/// one attack next to such a word, or plural strikes with none, still are events.
#[test]
fn a_trend_in_attacks_is_no_attack() {
    for text in [
        "وتصاعدت خلال الأشهر الماضية هجمات التنظيم في البادية السورية.",
        "وتراجعت وتيرة الغارات على ريف إدلب منذ بداية العام.",
        "وتعاني القرى الحدودية من الهجمات المتكررة للخلايا المسلحة.",
    ] {
        let x = run(text);
        assert!(x.events.is_empty(), "{text}: {:?}", x.events);
    }
    let x = run("وشن الطيران الروسي غارات على مواقع للفصائل في ريف إدلب.");
    assert_eq!(count_events(&x, EventClass::Airstrike), 1);
    let x = run("وأدى الهجوم على الحاجز إلى تصاعد التوتر في المنطقة.");
    assert_eq!(count_events(&x, EventClass::Attack), 1);
}

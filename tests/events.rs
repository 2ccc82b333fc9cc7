//! Event detection on sentences written for these tests: the events analysts count
//! (claims of responsibility, declarations, inquiries, sieges, raids, captures),
//! background history kept apart from the news, words that report different
//! events in different contexts, words that report none, and where and by whom.

mod common;
use common::{extract_text as run, iri_tail};
use isnad::extract::dates::DateValue;
use isnad::extract::events::Event;
use isnad::extract::lexicon::EventClass::{self, *};
use isnad::extract::Extraction;

fn classes(x: &Extraction) -> Vec<EventClass> {
    x.events.iter().map(|e| e.class).collect()
}

fn events_of(x: &Extraction, class: EventClass) -> Vec<&Event> {
    x.events.iter().filter(|e| e.class == class).collect()
}

/// The one event of `class` (there must be exactly one).
fn only(x: &Extraction, class: EventClass) -> &Event {
    let found = events_of(x, class);
    assert_eq!(found.len(), 1, "{class:?} in {:?}", x.events);
    found[0]
}

fn agents<'a>(x: &'a Extraction, e: &Event) -> Vec<&'a str> {
    e.agents.iter().map(|&a| iri_tail(x, a)).collect()
}

fn targets<'a>(x: &'a Extraction, e: &Event) -> Vec<&'a str> {
    e.targets.iter().map(|&a| iri_tail(x, a)).collect()
}

fn place<'a>(x: &'a Extraction, e: &Event) -> Option<&'a str> {
    e.place.map(|p| iri_tail(x, p))
}

/// (sentence, class it reports, an agent it must have, or "" for any)
#[test]
fn the_events_analysts_count_are_detected_with_their_agent() {
    let cases: &[(&str, EventClass, &str)] = &[
        // claims of responsibility and declarations of news
        (
            "تبنى تنظيم داعش تفجير السيارة في سوق البلدة.",
            Statement,
            "isis",
        ),
        (
            "وأعلن تنظيم داعش مسؤوليته عن الهجوم عبر وكالته الإعلامية.",
            Statement,
            "isis",
        ),
        (
            "وأعلنت قوات سوريا الديمقراطية السيطرة الكاملة على مدينة الرقة.",
            Statement,
            "sdf",
        ),
        (
            "وأعلن تنظيم داعش اختيار قائد جديد زعيماً له بعد مقتل سلفه.",
            Statement,
            "isis",
        ),
        (
            "وأعلنت الحكومة العراقية دحر تنظيم داعش نهائياً.",
            Statement,
            "",
        ),
        // inquiries, also when nobody is named as opening them
        (
            "وشكلت قيادة عمليات ديالى لجنة للتحقيق في ملابسات الحادث.",
            Investigation,
            "diyala-operations-command",
        ),
        (
            "وتخضع الجثث لفحص الحمض النووي قبل تسليمها إلى ذويها.",
            Investigation,
            "",
        ),
        // sieges, cordons, reinforcing a unit
        (
            "وحاصرت قوات سوريا الديمقراطية المسلحين داخل أحد المباني.",
            Deployment,
            "sdf",
        ),
        ("وتم تعزيز القوة بآليات إضافية بعد الاشتباك.", Deployment, ""),
        (
            "وقوات الأسايش تمشط المباني بحثاً عن المسلحين.",
            Deployment,
            "",
        ),
        // raids and air drops are attacks by the force
        (
            "ونفذ التحالف الدولي عملية إنزال جوي قرب مدينة دير الزور.",
            Attack,
            "coalition",
        ),
        (
            "وأطلق الجيش العراقي عملية عسكرية واسعة في صحراء الأنبار.",
            Attack,
            "iraqi-army",
        ),
        (
            "وشنت طائرات التحالف الدولي غارتين على مواقع التنظيم.",
            Airstrike,
            "coalition",
        ),
        // visits and delegations
        (
            "وزار وفد من الحكومة العراقية مخيم الهول في ريف الحسكة.",
            Meeting,
            "iraq",
        ),
        // taking ground: an armed group's seizure is an attack, a state's a battle won
        (
            "وسيطر تنظيم داعش على مدينة الموصل عام 2014.",
            Attack,
            "isis",
        ),
        (
            "واستعاد الجيش العراقي السيطرة على مدينة تكريت بعد معارك طويلة.",
            ArmedClash,
            "iraqi-army",
        ),
        // a suicide attack is a bombing; blowing oneself up too
        ("وشن تنظيم داعش هجوماً انتحارياً في بغداد.", Bombing, "isis"),
        ("وقال شهود إن المهاجم فجر نفسه عند مدخل السوق.", Bombing, ""),
        // carrying out a killing
        (
            "وكشفت مصادر رسمية عن قيام تنظيم داعش بقتل عشرات المدنيين في القرية.",
            Killing,
            "isis",
        ),
        // abduction and hostages
        ("واختطف مسلحو داعش عشرات النساء من القرية.", Arrest, "isis"),
        (
            "وقام تنظيم داعش بأسر العشرات من الجنود في القاعدة.",
            Arrest,
            "isis",
        ),
    ];
    for (text, class, agent) in cases {
        let x = run(text);
        let found = events_of(&x, *class);
        assert!(
            !found.is_empty(),
            "{text}: no {class:?} in {:?}",
            classes(&x)
        );
        if !agent.is_empty() {
            assert!(
                found.iter().any(|e| agents(&x, e).contains(agent)),
                "{text}: {class:?} agents {:?}",
                found.iter().map(|e| agents(&x, e)).collect::<Vec<_>>()
            );
        }
    }
}

/// (sentence, class it must not report)
#[test]
fn words_in_another_sense_report_no_event() {
    let cases: &[(&str, EventClass)] = &[
        // what spreads is violence, not forces
        (
            "وأدى القتال إلى انتشار العنف في أنحاء المحافظة.",
            Deployment,
        ),
        // a purpose is not a happening; an attack suffered is one (below)
        ("وكانت القوة في طريقها لاعتقال مطلوب قرب القرية.", Arrest),
        ("وتأسس الفصيل لقتال التنظيم في المنطقة.", ArmedClash),
        // a commitment to defeat
        ("وقال القائد إن التحالف ملتزم بهزيمة التنظيم.", ArmedClash),
        // what is called for has not happened
        ("ودعا المحافظ إلى التحقيق في أسباب الحادث.", Investigation),
        ("وطالبت الأحزاب بفتح تحقيق في الحادث.", Investigation),
        // none recorded
        ("ولم تسجل أي هجمات في المدينة منذ أشهر.", Attack),
        // a claim not made
        ("ولم يعلن أي تنظيم مسؤوليته عن الهجوم حتى الآن.", Statement),
        // a name holding a short trigger word
        ("وبحسب موقع فرات بوست فإن الوضع هادئ.", PrisonBreak),
        // fighters fleeing a battle make no escape and no exodus
        (
            "وقتل ثلاثة مسلحين بينما فر الآخرون إلى البساتين.",
            PrisonBreak,
        ),
        (
            "وقتل ثلاثة مسلحين بينما فر الآخرون إلى البساتين.",
            Displacement,
        ),
        // control held now is a state, not news; under someone's control too
        ("وتسيطر قوات النظام على كامل المحافظة.", ArmedClash),
        (
            "ورفعت القوات علمها فوق مبنى كان تحت سيطرة التنظيم في البلدة.",
            Attack,
        ),
        // seizing what is no ground
        ("وقال إن مجرمين استولوا على كراسي الحكم في سوريا.", Attack),
        // receiving the displaced is no meeting; a ministry is no visit
        ("واستقبلت مديرية الناحية آلاف النازحين من المدينة.", Meeting),
        ("وقالت وزارة الدفاع العراقية إن الوضع مستقر.", Meeting),
        // «بأسره» is "as a whole"
        ("وأثار الهجوم قلق العالم بأسره.", Arrest),
        // a drone is not a march
        ("وخرجت مسيرة احتجاجية في وسط المدينة.", Airstrike),
        // «استهدف تفجير»: the attack told by a generic word is the bombing
        ("استهدف تفجير انتحاري سوقاً شعبياً في بغداد.", Attack),
        // the attackers' retreat ends their attack
        (
            "وفتح المهاجمون النار على الحاجز ثم انسحبوا إلى البساتين.",
            Deployment,
        ),
    ];
    for (text, class) in cases {
        let x = run(text);
        assert!(
            !classes(&x).contains(class),
            "{text}: {class:?} in {:?}",
            x.events
        );
    }
    // an attack suffered («تعرضت لهجوم») is one
    let x = run("وتعرضت دورية للجيش العراقي لهجوم قرب بيجي.");
    assert!(classes(&x).contains(&Attack), "{:?}", x.events);
}

#[test]
fn fleeing_is_an_escape_near_custody_and_an_exodus_when_people_flee() {
    let x = run("وفر عشرات السجناء من السجن المركزي فجر الأحد.");
    assert_eq!(classes(&x), [PrisonBreak]);
    let x = run("وفر آلاف المدنيين من القرية هرباً من القصف.");
    assert!(classes(&x).contains(&Displacement), "{:?}", x.events);
    assert!(!classes(&x).contains(&PrisonBreak), "{:?}", x.events);
    // fleeing told with the displaced is their displacement, not a second one
    let x = run("واستقبلت البلدة آلاف النازحين الذين وصلوا هرباً من المعارك.");
    assert_eq!(events_of(&x, Displacement).len(), 1, "{:?}", x.events);
    // people getting out under a deal are displaced
    let x = run("وخرج نحو ألفي مدني من المدينة بموجب اتفاق.");
    assert!(classes(&x).contains(&Displacement), "{:?}", x.events);
    // a car veering off the road is nobody's exodus
    let x = run("وأدى الانفجار إلى خروج السيارة عن الطريق.");
    assert!(!classes(&x).contains(&Displacement), "{:?}", x.events);
}

#[test]
fn background_history_is_its_own_event_with_its_year() {
    let x = run(
        "هاجم مسلحو داعش قرية قرب الموصل ليل الثلاثاء.\nوكان التنظيم قد سيطر على مدينة الموصل عام 2014.",
    );
    let attacks = events_of(&x, Attack);
    assert_eq!(attacks.len(), 2, "{attacks:?}");
    assert_eq!(attacks[1].date, Some(DateValue::Year(2014)));
    assert_eq!(place(&x, attacks[1]), Some("mosul"));
    // a year told later in the sentence dates the background it tells
    let x = run("وسيطر داعش على مساحات واسعة من العراق، بين عامي 2014 و2017.");
    let capture = only(&x, Attack);
    assert_eq!(capture.date, Some(DateValue::Year(2014)));
    assert_eq!(place(&x, capture), Some("iraq-place"));
    // «منذ» opens a reference point: its year dates the other happening
    let x = run("ويعد الهجوم على الحاجز قرب كركوك الأعنف منذ هزيمة التنظيم عام 2017.");
    let attack = only(&x, Attack);
    assert_eq!(attack.date, None, "{:?}", x.events);
}

#[test]
fn a_generic_trigger_told_with_a_specific_event_is_that_event() {
    for (text, class) in [
        ("استهدفت عبوة ناسفة دورية للجيش العراقي قرب بيجي.", Bombing),
        (
            "قتل عنصران إثر استهداف طائرة مسيرة لسيارتهما قرب القامشلي.",
            Airstrike,
        ),
    ] {
        let x = run(text);
        assert_eq!(classes(&x), [class], "{text}: {:?}", x.events);
    }
}

#[test]
fn a_statement_noun_that_only_carries_what_a_source_says_is_no_event() {
    for text in [
        "وقالت خلية الإعلام الأمني في بيان إن قوة أمنية اعتقلت خمسة مطلوبين في كركوك.",
        "وذكر بيان للجيش العراقي أن قوة أمنية اعتقلت خمسة مطلوبين في كركوك.",
        "وبحسب بيان لقيادة العمليات فإن قوة أمنية اعتقلت خمسة مطلوبين في كركوك.",
    ] {
        let x = run(text);
        assert!(!classes(&x).contains(&Statement), "{text}: {:?}", x.events);
        assert!(classes(&x).contains(&Arrest), "{text}: {:?}", x.events);
        // the claims it carries keep an event to be about
        assert!(x.claims.iter().all(|c| c.event < x.events.len()));
    }
    // a statement issued is one
    let x = run("وأصدرت وزارة الدفاع العراقية بياناً حول الهجوم على الحاجز.");
    assert!(classes(&x).contains(&Statement), "{:?}", x.events);
}

#[test]
fn two_claims_by_one_group_at_two_places_stay_two_and_one_speaker_is_one() {
    // a party's plain statements are one, wherever they are placed
    let x = run(
        "وأصدر الرئيس الأمريكي دونالد ترامب قراراً بشن غارات على قرية في ريف إدلب.\nوغرد ترامب على تويتر بعد العملية في أنقرة.",
    );
    assert_eq!(events_of(&x, Statement).len(), 1, "{:?}", x.events);
    // two declarations of news told at places apart stay two
    let x = run(
        "أعلن تنظيم داعش مسؤوليته عن تفجير في مدينة الموصل.\nوأعلن تنظيم داعش مسؤوليته عن هجوم في مدينة الرقة.",
    );
    assert_eq!(events_of(&x, Statement).len(), 2, "{:?}", x.events);
    // a spokesman speaks in the statement of the body he speaks for
    let x = run(
        "أعلنت قوات سوريا الديمقراطية السيطرة الكاملة على مدينة الرقة.\nوقال المتحدث باسم قوات سوريا الديمقراطية مصطفى بالي إن العمليات العسكرية انتهت.",
    );
    let statement = only(&x, Statement);
    assert!(agents(&x, statement).contains(&"sdf"), "{:?}", x.events);
    assert_eq!(statement.agents.len(), 2, "{:?}", x.events);
}

#[test]
fn an_events_place_is_its_own_clauses_most_specific_and_no_landmark() {
    let cases: &[(&str, EventClass, Option<&str>)] = &[
        // a place inside another wins over a larger kind of place
        (
            "انفجرت عبوة ناسفة في حي الزهور وسط مدينة الحسكة.",
            Bombing,
            Some("الزهور"),
        ),
        // a city after a direction following a village only says where it lies
        (
            "وهاجم مسلحو داعش قرية العبيد جنوب مدينة كركوك.",
            Attack,
            Some("العبيد"),
        ),
        // a relative clause after the event noun and its adjective is about it
        (
            "وجاء الهجوم رداً على الخسارة الكبيرة التي مني بها التنظيم في مدينة تل أبيض.",
            ArmedClash,
            Some("tal-abyad"),
        ),
        // the place right after the trigger, not one told of something else
        (
            "وقتل ثلاثة جنود في سجن غويران، منذ دحر التنظيم في سوريا.",
            ArmedClash,
            Some("syria-place"),
        ),
    ];
    for (text, class, want) in cases {
        let x = run(text);
        let e = events_of(&x, *class);
        let got: Vec<Option<&str>> = e.iter().map(|e| place(&x, e)).collect();
        assert!(got.contains(want), "{text}: {class:?} places {got:?}");
    }
    // a place named as an actor («قوات دمشق») is not where
    let x = run("وأرسلت قوات دمشق تعزيزات إلى المنطقة بعد الهجوم.");
    let d = only(&x, Deployment);
    assert_ne!(place(&x, d), Some("damascus"), "{:?}", x.events);
    // an escape's destination is not where it happened
    let x = run("وفر عشرات السجناء من سجن الرقة المركزي باتجاه مدينة الطبقة.");
    let escape = only(&x, PrisonBreak);
    assert_ne!(place(&x, escape), Some("tabqa"), "{:?}", x.events);
}

#[test]
fn the_defeated_the_arrested_and_an_events_owner_are_read_from_the_words() {
    let x = run("ودحر الجيش العراقي تنظيم داعش في تلعفر.");
    let defeat = only(&x, ArmedClash);
    assert_eq!(agents(&x, defeat), ["iraqi-army"]);
    assert_eq!(targets(&x, defeat), ["isis"]);
    // the defeated may be named after a comma
    let x = run("وهزم تحالف واسع من قوات محلية ودولية، تنظيم داعش في العام 2017.");
    let defeat = only(&x, ArmedClash);
    assert_eq!(targets(&x, defeat), ["isis"]);
    // the speaker of a quote did not carry out what it tells
    let x = run("وقال الناطق باسم خلية الإعلام الأمني، إن قوة للجيش تعرضت لكمين قرب القرية.");
    let ambush = only(&x, Attack);
    assert!(
        !agents(&x, ambush).contains(&"security-media-cell"),
        "{:?}",
        x.events
    );
    let x = run("وقالت قوات سوريا الديمقراطية إن سيارة مفخخة انفجرت عند بوابة السجن.");
    let bombing = only(&x, Bombing);
    assert!(bombing.agents.is_empty(), "{:?}", x.events);
    // «أنها نفذت»: the speaker speaks of what it did itself
    let x = run("وأعلنت القيادة المركزية الأمريكية، أنها نفذت ضربة جوية في سوريا.");
    let strike = only(&x, Airstrike);
    assert_eq!(agents(&x, strike), ["centcom"], "{:?}", x.events);
    // a defeat's object pronoun: the group named before was defeated
    let x = run("ولم يعد لتنظيم داعش أي أراض في سوريا، بعد عام على دحره من العراق.");
    let defeat = only(&x, ArmedClash);
    assert_eq!(targets(&x, defeat), ["isis"]);
    assert!(defeat.agents.is_empty(), "{:?}", defeat.agents);
    // an arrest takes the armed group it names
    let x = run("وأعلنت الشرطة اعتقال عناصر من تنظيم داعش في كركوك.");
    let arrest = only(&x, Arrest);
    assert_eq!(targets(&x, arrest), ["isis"]);
    // «لـ» after an event noun and its adjectives names whose event it is
    let x = run("وهزت تفجيرات انتحارية لتنظيم داعش مدينة السويداء.");
    let bombing = only(&x, Bombing);
    assert_eq!(agents(&x, bombing), ["isis"]);
    // the «لـ» written apart with a tatweel, before quotes, reads the same: the
    // owner after an event noun, the target after other words
    let x = run("وقتل جنديان بهجوم لـ\"داعش\" قرب كركوك.");
    assert_eq!(agents(&x, only(&x, Attack)), ["isis"], "{:?}", x.events);
    let x = run("وشنت طائرات التحالف غارات على مواقع لـ “داعش” في ريف الحسكة.");
    let strike = only(&x, Airstrike);
    assert_eq!(agents(&x, strike), ["coalition"]);
    assert_eq!(targets(&x, strike), ["isis"], "{:?}", x.events);
    // the owner of the later of two coordinated words is not the earlier's target
    let x = run("وتخلل المعارك قصف مدفعي وغارات للتحالف الدولي.");
    let strike = only(&x, Airstrike);
    assert_eq!(agents(&x, strike), ["coalition"]);
    assert!(x
        .events
        .iter()
        .all(|e| !targets(&x, e).contains(&"coalition")));
}

#[test]
fn a_summary_of_two_attacks_is_no_event_and_absorbs_neither() {
    let x = run("في هجومين في العراق وسوريا، قتل العشرات.\nوشن مسلحو داعش هجوماً على مقر للجيش العراقي في محافظة ديالى.");
    let attacks = events_of(&x, Attack);
    assert_eq!(attacks.len(), 1, "{attacks:?}");
    assert_eq!(place(&x, attacks[0]), Some("diyala-governorate"));
    // a mention of one of the two at the summary's place makes it that happening
    let x = run("شن التنظيم هجومين متزامنين على سجن غويران وعلى حاجز في ديالى.\nوهاجم مسلحو داعش سجن غويران ليلاً.");
    let attacks = events_of(&x, Attack);
    assert_eq!(attacks.len(), 1, "{attacks:?}");
    assert_eq!(place(&x, attacks[0]), Some("ghwayran-prison"));
    // «كمين» ends like a dual, but is one ambush
    let x = run("قتل أربعة جنود في كمين نصبه تنظيم داعش قرب كركوك.");
    assert_eq!(events_of(&x, Attack).len(), 1, "{:?}", x.events);
}

#[test]
fn a_declaration_is_placed_by_what_it_claims_and_names_its_speaker_and_the_accused() {
    // a claim of responsibility for «the attack» told earlier is placed where the
    // attack was, not at the last place named before it
    let x = run(
        "قتل ثلاثة جنود في كمين قرب كركوك.\nوتنشط خلايا التنظيم في مناطق عدة من العراق.\nوأعلن تنظيم داعش مسؤوليته عن الهجوم.",
    );
    let claim = only(&x, Statement);
    assert_eq!(agents(&x, claim), ["isis"], "{:?}", x.events);
    assert_eq!(place(&x, claim), Some("kirkuk"), "{:?}", x.events);
    // the same with a claiming verb
    let x =
        run("وانفجرت عبوة ناسفة في سوق بمدينة الرقة.\nوسقط الضحايا في سوريا.\nوتبنى داعش التفجير.");
    assert_eq!(
        place(&x, only(&x, Statement)),
        Some("raqqa"),
        "{:?}",
        x.events
    );
    // a verbal noun's genitive is its speaker: a country there is its government
    for text in [
        "وتنشط الخلايا هناك بعد إعلان العراق النصر على داعش في عام 2017.",
        "وأعلن العراق النصر على داعش في عام 2017.",
    ] {
        let x = run(text);
        let victory = only(&x, Statement);
        assert_eq!(agents(&x, victory), ["iraq"], "{text}: {:?}", x.events);
        assert_eq!(targets(&x, victory), ["isis"], "{text}: {:?}", x.events);
        assert_eq!(victory.date, Some(DateValue::Year(2017)), "{text}");
    }
    // who a statement accuses is its target, not a speaker
    let x = run("قتل ثلاثة جنود في كمين قرب كركوك، لكن بيان الجيش العراقي اتهم داعش بالمسؤولية.");
    let statement = only(&x, Statement);
    assert_eq!(agents(&x, statement), ["iraqi-army"], "{:?}", x.events);
    assert_eq!(targets(&x, statement), ["isis"], "{:?}", x.events);
    // the participle of accusing, feminine («متهمة», normalised with «ه»)
    let x =
        run("قتل ثلاثة جنود في كمين قرب كركوك، وأصدرت قيادة العمليات بيانا متهمة داعش بالمسؤولية.");
    let statement = only(&x, Statement);
    assert!(!agents(&x, statement).contains(&"isis"), "{:?}", x.events);
    assert_eq!(targets(&x, statement), ["isis"], "{:?}", x.events);
}

#[test]
fn a_declaration_in_a_phrase_of_time_is_not_the_act_of_the_actor_before_it() {
    // «بعد إعلان النصر»: the actor before the preposition is the subject of another
    // predicate; the declaration, dated, is told with its speaker left unsaid
    let x = run("وعادت خلايا تنظيم داعش إلى الهجمات بعد إعلان النصر على التنظيم في عام 2017.");
    let victory = only(&x, Statement);
    assert!(agents(&x, victory).is_empty(), "{:?}", x.events);
    assert_eq!(targets(&x, victory), ["isis"], "{:?}", x.events);
    assert_eq!(victory.date, Some(DateValue::Year(2017)));
    // undated, such a declaration is no event (no one made it, no time tells it)
    let x = run("وعادت خلايا تنظيم داعش إلى الهجمات بعد إعلان النصر على التنظيم.");
    assert!(
        x.events.iter().all(|e| e.class != Statement),
        "{:?}",
        x.events
    );
}

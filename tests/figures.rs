//! Count claims on sentences written for these tests: what a figure counts (its
//! kind) and who was counted (its victim) — the side the text names, the class its
//! noun implies, breakdowns, figures written as nouns, «آخرون» and «منهم», and the
//! event a figure is tied to.

mod common;
use common::{extract_text as run, victim_tail};
use isnad::extract::lexicon::CountKind;
use CountKind::*;

/// Every claim of a text as (kind, count, victim), sorted.
fn claims_of(text: &str) -> Vec<(CountKind, Option<u64>, String)> {
    let x = run(text);
    let mut got: Vec<_> = x
        .claims
        .iter()
        .map(|c| (c.kind, c.count, victim_tail(&x, &c.victim)))
        .collect();
    got.sort();
    got
}

type Want = &'static [(CountKind, Option<u64>, &'static str)];

/// Asserts that every text gives (among others) the wanted claims.
fn assert_claims(cases: &[(&str, Want)]) {
    for (text, want) in cases {
        let got = claims_of(text);
        for (kind, count, victim) in *want {
            assert!(
                got.iter()
                    .any(|(k, c, v)| k == kind && c == count && v == victim),
                "{text}\nwant {kind:?} {count:?} {victim}\ngot {got:?}"
            );
        }
    }
}

/// Asserts that every text gives exactly the wanted claims.
fn assert_exact_claims(cases: &[(&str, Want)]) {
    for (text, want) in cases {
        let got = claims_of(text);
        let mut want: Vec<_> = want
            .iter()
            .map(|(k, c, v)| (*k, *c, (*v).to_owned()))
            .collect();
        want.sort();
        assert_eq!(got, want, "{text}");
    }
}

/// Asserts that no claim of a text has the given count.
fn assert_no_count(cases: &[(&str, u64)]) {
    for (text, count) in cases {
        let got = claims_of(text);
        assert!(
            got.iter().all(|(_, c, _)| *c != Some(*count)),
            "{text}: {count} is no figure, got {got:?}"
        );
    }
}

#[test]
fn the_victim_is_the_side_the_text_counts_not_the_nearest_actor() {
    assert_claims(&[
        // a body that speaks for the forces fields no soldiers
        (
            "وقالت خلية الإعلام الأمني في بيان إن 5 جنود قتلوا في الهجوم على الحاجز.",
            &[(Killed, Some(5), "everyone")],
        ),
        (
            "أعلنت خلية الإعلام الأمني مقتل 4 جنود من الجيش العراقي بهجوم قرب كركوك.",
            &[(Killed, Some(4), "iraqi-army")],
        ),
        // a word of allegiance names the side
        (
            "قتل في الهجوم الذي شنه تنظيم داعش على البلدة 12 مقاتلاً موالياً لقوات النظام.",
            &[(Killed, Some(12), "syrian-army")],
        ),
        (
            "وقتل في الكمين 9 من المسلحين العاملين مع قوات سوريا الديمقراطية.",
            &[(Killed, Some(9), "sdf")],
        ),
        // a victim noun after «من» is the figure's own noun, «ـها» says whose
        (
            "أسفر القصف على القرية عن مقتل 6 من المدنيين.",
            &[(Killed, Some(6), "civilians")],
        ),
        (
            "قالت قوات سوريا الديمقراطية إن الاشتباكات أدت إلى مقتل ثلاثة من مقاتليها.",
            &[(Killed, Some(3), "sdf")],
        ),
        // «من مقاتليه»: the pronoun points to the side named before, not to the attacker
        (
            "أعلن الحشد الشعبي مقتل اثنين من مقاتليه بهجوم لتنظيم داعش شمال بغداد.",
            &[(Killed, Some(2), "pmf")],
        ),
        // a force only described («الميليشيات») is not the attacker named by its name
        (
            "وأفاد المرصد بمقتل 9 عناصر من قوات النظام و4 من الميليشيات الموالية لها في هجوم لتنظيم داعش.",
            &[(Killed, Some(9), "syrian-army"), (Killed, Some(4), "everyone")],
        ),
        // civilians and fighters together, or a total before «من بينهم»: everyone
        (
            "قتل تنظيم داعش 14 شخصاً من المدنيين والعسكريين في هجوم على قرية قرب الموصل.",
            &[(Killed, Some(14), "everyone")],
        ),
        (
            "قتل نحو 90 شخصاً من بينهم مدنيون في تفجيرات استهدفت المدينة.",
            &[(Killed, Some(90), "everyone")],
        ),
        // a side named by a back-reference before its name is of that class
        (
            "أسفرت الاشتباكات بين تنظيم داعش والجيش السوري عن مقتل 30 عنصراً من التنظيم.",
            &[(Killed, Some(30), "isis")],
        ),
        // in a clash both sides suffer: a bare «عنصرا» may be the side named as its agent
        (
            "وخاض الجيش السوري معارك عنيفة في البادية قتل فيها 17 عنصراً.",
            &[(Killed, Some(17), "syrian-army")],
        ),
        // the side after «في صفوف», past an adjective
        (
            "وبعد انتهاء المعارك خرج من المدينة نحو ألفي مدني وعشرات المقاتلين الأجانب في صفوف تنظيم داعش.",
            &[(Displaced, Some(2000), "civilians"), (Displaced, None, "isis")],
        ),
    ]);
}

#[test]
fn a_unit_counted_is_the_force_it_is_part_of() {
    assert_claims(&[
        (
            "قتل ثلاثة جنود من الفرقة الخامسة في الجيش العراقي بانفجار عبوة ناسفة قرب تكريت.",
            &[(Killed, Some(3), "iraqi-army")],
        ),
        (
            "وأصيب خمسة من مقاتلي الفوج الثاني التابع للواء 30 في الحشد الشعبي بهجوم للتنظيم.",
            &[(Injured, Some(5), "pmf")],
        ),
    ]);
}

#[test]
fn fighters_named_by_their_tribes_are_the_tribal_forces() {
    assert_claims(&[(
        "واندلعت اشتباكات بين قسد ومسلحين عشائريين قتل فيها ستة مسلحين عشائريين.",
        &[(Killed, Some(6), "arab-tribal-forces")],
    )]);
}

#[test]
fn a_side_named_after_a_place_word_is_not_the_side_counted() {
    // «من جيب التنظيم» says where the displaced came from, not who they are
    assert_claims(&[(
        "بعد معارك عنيفة أحصت قوات سوريا الديمقراطية خروج أكثر من 40 ألف شخص من جيب تنظيم داعش.",
        &[(Displaced, Some(40_000), "civilians")],
    )]);
}

#[test]
fn a_breakdown_gives_each_item_its_own_side() {
    assert_exact_claims(&[
        (
            "ارتفعت حصيلة الاشتباكات في ريف دير الزور إلى 30 قتيلاً، هم 12 من قوات سوريا الديمقراطية و10 من عناصر تنظيم داعش و8 مدنيين.",
            &[
                (Killed, Some(30), "everyone"),
                (Killed, Some(12), "sdf"),
                (Killed, Some(10), "isis"),
                (Killed, Some(8), "civilians"),
            ],
        ),
        (
            "وأسفرت المعارك مع تنظيم داعش عن 25 قتيلاً (ستة مدنيين، وتسعة من المسلحين الموالين لقوات النظام، وعشرة من التنظيم).",
            &[
                (Killed, Some(25), "everyone"),
                (Killed, Some(6), "civilians"),
                (Killed, Some(9), "syrian-army"),
                (Killed, Some(10), "isis"),
            ],
        ),
    ]);
}

#[test]
fn a_bare_figure_counts_the_side_named_after_its_toll_noun() {
    assert_claims(&[
        (
            "وارتفعت حصيلة القتلى من المدنيين جراء الغارات الروسية على ريف إدلب إلى 31.",
            &[(Killed, Some(31), "civilians")],
        ),
        (
            "وبلغ عدد قتلى قوات سوريا الديمقراطية في الهجوم على الحاجز 9.",
            &[(Killed, Some(9), "sdf")],
        ),
    ]);
}

#[test]
fn displaced_are_everyone_when_fighters_are_counted_among_them() {
    assert_claims(&[(
        "وبعد المعارك أحصت قوات سوريا الديمقراطية خروج أكثر من 30 ألف شخص من البلدة، بينهم ألفا عنصر من تنظيم داعش.",
        &[(Displaced, Some(30_000), "everyone")],
    )]);
    // with no fighters among them, the displaced are civilians
    assert_claims(&[(
        "وبعد المعارك نزح أكثر من 30 ألف شخص من البلدة.",
        &[(Displaced, Some(30_000), "civilians")],
    )]);
}

#[test]
fn attackers_held_displaced_and_captured_are_counted_by_their_kind() {
    assert_claims(&[
        (
            "هاجم نحو 60 مسلحاً من تنظيم داعش حاجزاً للجيش العراقي قرب تكريت.",
            &[(Attackers, Some(60), "isis")],
        ),
        (
            "وقال ضابط إن انتحاريين اثنين فجرا نفسيهما وسط سوق المدينة.",
            &[(Attackers, Some(2), "everyone")],
        ),
        (
            "ويقبع في سجن الصناعة الذي تعرض لهجوم مساء الخميس نحو 4000 معتقل من عناصر تنظيم داعش.",
            &[(Held, Some(4000), "isis")],
        ),
        (
            "وأكدت المنظمة نزوح أكثر من نصف مليون شخص من المدينة منذ بدء المعارك.",
            &[(Displaced, Some(500_000), "civilians")],
        ),
        (
            "أدى القصف المتواصل إلى تشريد أكثر من 9 آلاف شخص من أهالي القرى.",
            &[(Displaced, Some(9000), "civilians")],
        ),
        (
            "وأعلن الجيش العراقي أن تنظيم داعش اختطف 40 امرأة خلال هجومه على القرية.",
            &[(Captured, Some(40), "civilians")],
        ),
        // civilians fleeing a danger are displaced, not escaped prisoners
        (
            "وتمكن آلاف المدنيين من الفرار من القصف على المدينة.",
            &[(Displaced, None, "civilians")],
        ),
    ]);
}

#[test]
fn a_cue_belongs_to_the_figure_it_stands_before() {
    assert_exact_claims(&[
        // «وإصابة 183» is the next figure's cue; «سقوط» counts the dead
        (
            "أعلنت الإدارة المحلية سقوط 90 مدنياً وإصابة 120 آخرين في الهجوم على المدينة.",
            &[
                (Killed, Some(90), "civilians"),
                (Injured, Some(120), "civilians"),
            ],
        ),
        // «لقوا حتفهم، وأصيب» are two clauses, not «مقتل وإصابة» of one figure
        (
            "أعلن الجيش العراقي أن 6 جنود لقوا حتفهم، وأصيب 2 آخران في كمين قرب كركوك.",
            &[
                (Killed, Some(6), "iraqi-army"),
                (Injured, Some(2), "iraqi-army"),
            ],
        ),
    ]);
    // a verb right after a figure is its predicate, not «مقتل وإصابة» of the next
    assert_exact_claims(&[
        (
            "قال الجيش العراقي إن خمسة جنود قتلوا وأصيب اثنان آخران في كمين قرب كركوك.",
            &[
                (Killed, Some(5), "iraqi-army"),
                (Injured, Some(2), "iraqi-army"),
            ],
        ),
        (
            "أسفرت المعارك عن مقتل ستة مدنيين إضافة لمقتل وإصابة العشرات من صفوف تنظيم داعش.",
            &[
                (Killed, Some(6), "civilians"),
                (Killed, None, "isis"),
                (Injured, None, "isis"),
            ],
        ),
        // «راح ضحيتها»: the killed
        (
            "هاجم تنظيم داعش القرية وارتكب مجزرة بحق أهاليها راح ضحيتها 35 مدنياً.",
            &[(Killed, Some(35), "civilians")],
        ),
    ]);
    // «منهم» after the noun: members of the side named before, even its doer
    assert_claims(&[(
        "وقال المرصد إن تنظيم داعش هاجم القرية وقتل سبعة عناصر منهم في مواجهات مع أهاليها.",
        &[(Killed, Some(7), "isis")],
    )]);
}

#[test]
fn others_and_of_them_count_the_group_counted_before() {
    assert_claims(&[
        // «آخرون» with its side: the side of the figure before them too
        (
            "وقتل جنديان اثنان، وأصيب ثلاثة آخرون من الجيش العراقي في هجوم لتنظيم داعش قرب كركوك.",
            &[(Killed, Some(2), "iraqi-army"), (Injured, Some(3), "iraqi-army")],
        ),
        (
            "قتل عنصر من قوات سوريا الديمقراطية وأصيب اثنان آخران بقصف تركي على ريف الحسكة.",
            &[(Killed, Some(1), "sdf"), (Injured, Some(2), "sdf")],
        ),
        // «آخرون» in a later sentence
        (
            "قتل أربعة من عناصر الحشد الشعبي في هجوم لتنظيم داعش. وقال مصدر إن الهجوم أدى إلى جرح ستة آخرين.",
            &[(Killed, Some(4), "pmf"), (Injured, Some(6), "pmf")],
        ),
        // «منهم»: some of them
        (
            "وأسفرت المعارك عن مقتل خمسة من عناصر تنظيم داعش واعتقال 12 منهم.",
            &[(Killed, Some(5), "isis"), (Captured, Some(12), "isis")],
        ),
        // «آخرون» after a list of several sides: of all of them
        (
            "وقتل في الهجوم 4 عناصر من قوات النظام و3 مدنيين، فيما أصيب 7 آخرون.",
            &[(Injured, Some(7), "everyone")],
        ),
        // «من هؤلاء»: of those counted just before
        (
            "وارتفعت حصيلة القتلى من المدنيين في الهجوم على البلدة إلى 40. وقتل 25 من هؤلاء داخل منازلهم.",
            &[(Killed, Some(40), "civilians"), (Killed, Some(25), "civilians")],
        ),
        // a bare figure of another kind in the clause: the side just named
        (
            "قيادياً من قوات سوريا الديمقراطية قتل وأصيب اثنان بجروح في الغارة.",
            &[(Killed, Some(1), "sdf"), (Injured, Some(2), "sdf")],
        ),
    ]);
}

#[test]
fn nouns_that_count_by_their_form_are_figures() {
    assert_claims(&[
        // duals
        (
            "قتيلان من قوات سوريا الديمقراطية بهجوم على حاجز في ريف دير الزور.",
            &[(Killed, Some(2), "sdf")],
        ),
        (
            "وأسفر القصف عن سقوط قتيلين وعدد من الجرحى.",
            &[(Killed, Some(2), "everyone"), (Injured, None, "everyone")],
        ),
        (
            "أسفر الانفجار عن قتيل واحد وجريحين.",
            &[
                (Killed, Some(1), "everyone"),
                (Injured, Some(2), "everyone"),
            ],
        ),
        // a singular after a word of killing or wounding, and «أحد»
        (
            "أسفرت الغارة على المنزل عن مقتل أحد قادة تنظيم داعش.",
            &[(Killed, Some(1), "isis")],
        ),
        (
            "وأصيب مدني بجروح جراء القصف على القرية.",
            &[(Injured, Some(1), "civilians")],
        ),
        // a number word after its noun
        (
            "أسفر الهجوم على النقطة عن مقتل مقاتلين اثنين من الجيش العراقي.",
            &[(Killed, Some(2), "iraqi-army")],
        ),
    ]);
    // the noun of a number, and «قتيل وجريح», are no figures of their own
    assert_exact_claims(&[
        (
            "ويضاف إلى الحصيلة مقتل 26 مدنياً أعدمهم التنظيم في القرية.",
            &[(Killed, Some(26), "civilians")],
        ),
        (
            "وأدى القصف إلى سقوط عدد كبير من الضحايا بين قتيل وجريح.",
            &[(Killed, None, "everyone")],
        ),
    ]);
}

#[test]
fn numbers_glued_or_behind_quotes_still_count() {
    assert_claims(&[
        (
            "قتل 10 أشخاص في الهجوم بينهم ثلاثة مدنيين وسبعة من عناصر الأسايش.",
            &[(Killed, Some(3), "civilians"), (Killed, Some(7), "asayish")],
        ),
        (
            "وأكدت مصادر طبية مقتل «أربعة» جنود في الهجوم على الحاجز.",
            &[(Killed, Some(4), "everyone")],
        ),
        (
            "وأعلن الجيش مقتل (5) إرهابيين من تنظيم داعش في الاشتباك.",
            &[(Killed, Some(5), "isis")],
        ),
        (
            "وأعلن المرصد إصابة أكثر من 30 بجروح في الانفجار.",
            &[(Injured, Some(30), "everyone")],
        ),
        (
            "وأسفر الهجوم عن عدد من القتلى والجرحى في صفوف المدنيين.",
            &[(Killed, None, "everyone"), (Injured, None, "everyone")],
        ),
    ]);
}

#[test]
fn what_counts_no_one_is_no_claim() {
    assert_no_count(&[
        // labels
        ("ودفن القتلى في المقبرة رقم 14 بعد الهجوم.", 14),
        ("قتل 3 جنود من اللواء 42 في الهجوم على الموقع.", 42),
        // relatives of the dead
        ("وطالب 200 من ذوي ضحايا الهجوم بمحاسبة المسؤولين.", 200),
        // a clause of contrast does not inherit the kind
        (
            "أسفر الهجوم عن مقتل 11 جندياً، بينما نجا عنصر واحد كان في الطابق العلوي.",
            1,
        ),
        // a noun behind quotes that counts no one
        (
            "ونشرت الوزارة بعد مقتل منفذ الهجوم قائمة حملت أسماء 20 \"متطرفا\" مطلوبين.",
            20,
        ),
    ]);
}

#[test]
fn a_figure_stays_in_its_sentence() {
    let x = run("أسفر الهجوم عن مقتل مقاتلين اثنين.\n\nاعتقال مطلوب بتهمة الإرهاب في المدينة");
    let c = x.claims.first().expect("a claim");
    assert_eq!(c.kind, Killed);
    assert_eq!(c.count, Some(2));
    assert!(!x.original(c.span.clone()).contains('.'), "{:?}", x.claims);
    // «من» after a full stop opens another sentence, it names no side
    let x = run("وقال مصدر إن الضربات أسفرت عن مقتل 3 إرهابيين. من جهتها أعلنت قيادة العمليات المشتركة تنفيذ ضربات جوية.");
    let c = x.claims.first().expect("a claim");
    assert_ne!(victim_tail(&x, &c.victim), "joint-operations-command");
}

#[test]
fn a_figure_told_twice_by_one_source_is_one_claim() {
    let x = run("مقتل 28 شخصاً في اشتباكات ريف دير الزور\n\nأسفرت الاشتباكات في ريف دير الزور عن مقتل 28 شخصاً.");
    let n = x.claims.iter().filter(|c| c.count == Some(28)).count();
    assert_eq!(n, 1, "{:?}", x.claims);
}

#[test]
fn a_casualty_figure_with_no_fitting_event_is_tied_to_one() {
    // no attack trigger: the figure goes to the event reported nearest before it
    let x = run("أرسلت القوات الأمريكية تعزيزات إلى ريف إدلب ونفذت عملية إنزال. وبحسب الدفاع المدني السوري أسفرت العملية عن مقتل 9 أشخاص بينهم 4 أطفال.");
    let counts: Vec<_> = x.claims.iter().map(|c| c.count).collect();
    assert_eq!(counts, [Some(9), Some(4)], "{:?}", x.claims);
    assert!(x.claims.iter().all(|c| c.event < x.events.len()));
}

/// Every claim's span is a slice of one sentence, whatever follows its number.
#[test]
fn a_claims_span_never_leaves_its_sentence() {
    let texts = [
        "أسفر الهجوم عن مقتل 5 من. عناصر تنظيم داعش في المدينة",
        "قتل 3 جنود من الجيش؛ العراقي في الهجوم",
        "قتل عنصر من\nقوات سوريا الديمقراطية في هجوم",
        "أصيب 4 آخرون. من الجيش العراقي في الاشتباكات",
        "وقتل 12 مقاتلاً موالياً، لقوات النظام في الهجوم",
        "وقتل 7 من (عناصر) تنظيم داعش في الغارة!",
        "قتيلان من: قوات سوريا الديمقراطية بهجوم",
        "وقتل في الاشتباكات 9 عناصر. التنظيم أعلن ذلك",
    ];
    for text in texts {
        let x = run(text);
        let sentences = isnad::text::sentences(&x.norm.norm);
        for c in &x.claims {
            assert!(
                sentences
                    .iter()
                    .any(|s| s.start <= c.span.start && c.span.end <= s.end),
                "{text}: «{}» crosses a sentence",
                x.original(c.span.clone())
            );
            let quote = x.original(c.span.clone());
            assert!(
                !quote.contains(['.', '؛', ';', '!', '\n', '،', ':']),
                "{text}: «{quote}» crosses punctuation"
            );
        }
    }
}

#[test]
fn people_counted_by_their_people_or_faith_are_civilians() {
    assert_claims(&[
        (
            "وأعدم تنظيم داعش 15 إيزيديا في قرية قرب سنجار.",
            &[(Killed, Some(15), "civilians")],
        ),
        (
            "وقالت مصادر محلية إن التنظيم خطف 30 تركمانيا من ريف كركوك.",
            &[(Captured, Some(30), "civilians")],
        ),
        (
            "وقتل خمسة أكراد بقصف مدفعي على قرية في ريف عفرين.",
            &[(Killed, Some(5), "civilians")],
        ),
    ]);
    // after a noun the same word is an adjective: the fighters are not civilians
    let text = "وقتلت قوات سوريا الديمقراطية في اشتباك مع داعش، وخسرت 12 مقاتلا كرديا.";
    let got = claims_of(text);
    assert!(
        got.iter()
            .any(|(k, c, v)| *k == Killed && *c == Some(12) && v != "civilians"),
        "{text}: {got:?}"
    );
}

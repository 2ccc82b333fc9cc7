//! A synthetic corpus of Arabic conflict news, for the benchmark.
//!
//! Why synthetic: the benchmark needs 100k articles, and a corpus of copies would
//! flatter every cache (the same sentences, the same entities, the same branch
//! outcomes). Each article here is assembled from templates written for isnad (not
//! from any real article), with its own actors, places, villages, people,
//! numbers, dates, sources and sentence shapes drawn from a seeded generator, so
//! the extractor does the same kinds of work it does on real news: gazetteer
//! names and unknown names found by their cue words, attribution frames, number
//! words, breakdowns, denials and foiled events, relative and absolute dates.
//!
//! Coverage is modelled as news covers incidents: each incident (a class, a
//! place — a neighbourhood or village of a city —, a day, its actors and its
//! true figures) is told by one to six outlets over the following days, with
//! figures that differ between outlets and are revised upwards, some outlets
//! naming only the city; other incidents happen at the same places on other
//! days, and one in ten follows another at its place a few days later, by other
//! hands. The archive grows at one rate ([`INCIDENTS_PER_DAY`]), so the
//! articles after a corpus are the next days' news. A share of the leads carry
//! no date of their own (the article's
//! publication date is all there is), and a share of the articles have no
//! publication date either. The incident of every article's lead is written
//! beside the corpus ([`truth_path`]), so the benchmark scores merged events
//! against it.
//!
//! Invariant: the corpus depends only on (N, seed). Articles are written as JSON
//! Lines shards of [`SHARD`] articles, with id, title, text, published and
//! publisher, the format archives are usually exported in.

use isnad::calendar::CivilDate;
use serde::{Deserialize, Serialize};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Articles per JSON Lines file.
pub const SHARD: usize = 1000;

/// The truth of the corpus in `dir`: one [`Truth`] per article, JSON Lines, in
/// a file beside the folder (`corpus-1000-2026.truth.jsonl`), not in it: every
/// file in the folder is an input.
pub fn truth_path(dir: &Path) -> std::path::PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "corpus".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!("{name}.truth.jsonl"))
}

/// splitmix64: small, fast and good enough to vary templates.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: u32) -> bool {
        self.range(1, 100) <= percent
    }
}

/// (city, its province) in Syria and Iraq.
const CITIES: &[(&str, &str)] = &[
    ("الحسكة", "محافظة الحسكة"),
    ("القامشلي", "محافظة الحسكة"),
    ("الشدادي", "محافظة الحسكة"),
    ("رأس العين", "محافظة الحسكة"),
    ("دير الزور", "محافظة دير الزور"),
    ("الميادين", "محافظة دير الزور"),
    ("البوكمال", "محافظة دير الزور"),
    ("الرقة", "محافظة الرقة"),
    ("الطبقة", "محافظة الرقة"),
    ("منبج", "محافظة حلب"),
    ("عفرين", "محافظة حلب"),
    ("إدلب", "محافظة إدلب"),
    ("تل أبيض", "محافظة الرقة"),
    ("بعقوبة", "ديالى"),
    ("المقدادية", "ديالى"),
    ("خانقين", "ديالى"),
    ("كركوك", "محافظة كركوك"),
    ("الحويجة", "محافظة كركوك"),
    ("الموصل", "نينوى"),
    ("تلعفر", "نينوى"),
    ("سنجار", "نينوى"),
    ("تكريت", "صلاح الدين"),
    ("سامراء", "صلاح الدين"),
    ("بيجي", "صلاح الدين"),
    ("الرمادي", "الأنبار"),
    ("الفلوجة", "الأنبار"),
    ("هيت", "الأنبار"),
];

/// Parts of made-up village names: unknown to the gazetteer, found by «قرية».
const VILLAGE_HEAD: &[&str] = &[
    "تل", "عين", "بئر", "أم", "أبو", "خربة", "كفر", "جب", "رجم", "ظهر",
];
const VILLAGE_TAIL: &[&str] = &[
    "الحمرا",
    "السودا",
    "الشيخ",
    "جمال",
    "البيضا",
    "حسن",
    "الزيتون",
    "العبد",
    "الطير",
    "النخيل",
    "الغزلان",
    "سالم",
    "الرمان",
    "الحجر",
    "الصفا",
    "البرج",
    "الوادي",
    "القصب",
    "النسور",
    "الخضر",
];

/// Facilities that make a place of their own.
const FACILITIES: &[&str] = &[
    "سجن المدينة المركزي",
    "حاجز أمني",
    "مقر للشرطة",
    "نقطة عسكرية",
    "مبنى البلدية",
    "مستودع للذخيرة",
    "محطة الوقود",
    "السوق الشعبي",
];

/// Armed actors as the news names them, with the noun for their members.
const FORCES: &[(&str, &str)] = &[
    ("الجيش العراقي", "جنديا"),
    ("قوات سوريا الديمقراطية (قسد)", "عنصرا"),
    ("قوات الحشد الشعبي", "مقاتلا"),
    ("الشرطة الاتحادية", "شرطيا"),
    ("قوات البيشمركة", "مقاتلا"),
    ("جهاز مكافحة الإرهاب", "عنصرا"),
    ("قوات النظام السوري", "جنديا"),
    ("الجيش التركي", "جنديا"),
    ("الجيش الوطني السوري", "مقاتلا"),
    ("قوى الأمن الداخلي (الأسايش)", "عنصرا"),
];

const GROUPS: &[&str] = &[
    "تنظيم داعش",
    "تنظيم الدولة الإسلامية",
    "خلايا تابعة لتنظيم داعش",
    "هيئة تحرير الشام",
    "مسلحين مجهولين",
];

const AIR: &[&str] = &[
    "التحالف الدولي",
    "القوة الجوية العراقية",
    "الجيش التركي",
    "القوات الروسية",
];

const ORGS: &[&str] = &[
    "خلية الإعلام الأمني",
    "قيادة العمليات المشتركة",
    "وزارة الدفاع العراقية",
    "قوات سوريا الديمقراطية",
    "وزارة الداخلية",
    "التحالف الدولي",
];

const SOURCES: &[&str] = &[
    "المرصد السوري لحقوق الإنسان",
    "مصدر أمني",
    "مصادر محلية",
    "مصدر طبي في المستشفى",
    "وكالة الأنباء العراقية",
    "شبكة فرات بوست",
    "مصدر في الشرطة المحلية",
    "ناشطين محليين",
];

const FIRST: &[&str] = &[
    "أحمد",
    "محمد",
    "علي",
    "حسن",
    "خالد",
    "سعد",
    "كريم",
    "فرهاد",
    "جوان",
    "ياسر",
    "عمر",
    "مازن",
    "سلمان",
    "رعد",
    "نوري",
    "شيروان",
    "فاضل",
    "جاسم",
];
const LAST: &[&str] = &[
    "العبيدي",
    "الجبوري",
    "شامي",
    "الدليمي",
    "الخفاجي",
    "حسين",
    "الزبيدي",
    "عثمان",
    "رسول",
    "النعيمي",
    "الكبيسي",
    "درويش",
    "الساعدي",
    "خليل",
];
const TITLES: &[&str] = &[
    "المتحدث باسم",
    "المتحدث الرسمي باسم",
    "قائد عمليات",
    "مسؤول الإعلام في",
];

const WEEKDAYS: &[&str] = &[
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
];
const MONTHS: &[&str] = &[
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];
const SMALL_WORDS: &[&str] = &[
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
    "عشرة",
];
const QUALIFIERS: &[&str] = &["", "", "", "نحو ", "أكثر من ", "ما لا يقل عن ", "قرابة "];
const PUBLISHERS: &[&str] = &[
    "وكالة الشرق للأنباء",
    "صحيفة الرافدين",
    "موقع الجزيرة السورية",
    "شبكة أخبار الفرات",
];

/// One generated article, as a JSON Lines record.
#[derive(Serialize)]
struct Record {
    id: String,
    title: String,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    publisher: &'static str,
}

/// What the generator knows of one article: the incident its lead reports.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Truth {
    /// The article's id (`synthetic-000042`).
    pub article: String,
    /// The incident (`inc-000017`): articles with the same one report one event.
    pub incident: String,
    /// The event class of the lead (ontology local name).
    pub class: String,
    /// Where the lead ends in the text (Unicode characters): the lead's report is
    /// the report of that class whose evidence starts before it.
    pub lead_end: usize,
    /// The incident's day (ISO).
    pub date: String,
}

/// The event class (ontology local name) the lead of each kind reports.
const LEAD_CLASS: [&str; LEAD_KINDS] = [
    "Attack",
    "Bombing",
    "ArmedClash",
    "Airstrike",
    "Bombing",
    "Arrest",
];
const LEAD_KINDS: usize = 6;

/// An incident: what happened, where and when, and who did it. Its outlets'
/// articles share it; each draws its own wording, sources and figures.
#[derive(Clone)]
struct Incident {
    kind: usize,
    /// days after 1 January 2023 ([`day_zero`])
    day: i64,
    city: &'static str,
    province: &'static str,
    city2: &'static str,
    village: String,
    /// the neighbourhood of the city it happened in
    quarter: &'static str,
    facility: &'static str,
    force: (&'static str, &'static str),
    rival: (&'static str, &'static str),
    group: &'static str,
    air: &'static str,
    org: &'static str,
    /// the true numbers killed and injured
    killed: u32,
    injured: u32,
    /// how many outlets report it
    outlets: usize,
}

/// What one article draws from: its incident, told its own way.
struct Cast {
    city: &'static str,
    province: &'static str,
    city2: &'static str,
    village: String,
    facility: &'static str,
    force: (&'static str, &'static str),
    rival: (&'static str, &'static str),
    group: &'static str,
    air: &'static str,
    org: &'static str,
    person: String,
    source: &'static str,
    source2: &'static str,
    /// the lead's date phrase (with a space before it), or nothing
    date: String,
    /// where in the city («في حي X بمدينة Y»), or only the city: some outlets
    /// name the neighbourhood or village, others only the city
    in_quarter: String,
    near_village: String,
    /// the toll this outlet reports first, its revised toll, and the injured
    killed: u32,
    revised: u32,
    injured: u32,
}

fn person(r: &mut Rng) -> String {
    format!("{} {}", r.pick(FIRST), r.pick(LAST))
}

fn number(r: &mut Rng, lo: u32, hi: u32) -> String {
    let n = r.range(lo, hi);
    told(r, n)
}

/// `n` in digits, or in words for the small ones.
fn told(r: &mut Rng, n: u32) -> String {
    if (3..=10).contains(&n) && r.chance(40) {
        SMALL_WORDS[(n - 3) as usize].to_owned()
    } else {
        n.to_string()
    }
}

/// `n` with a qualifier («نحو»، «أكثر من») or none.
fn qualified(r: &mut Rng, n: u32) -> String {
    format!("{}{}", r.pick(QUALIFIERS), told(r, n))
}

/// How many incidents happen a day: the corpus is an archive that grows day by
/// day at one rate (about 2.45 articles an incident: ~274 articles a day, so the
/// 100k corpus is the year 2023 and the 10k corpus its first 36 days). A
/// corpus of any size then has the density of news a monitoring desk sees, and
/// the articles after a corpus (`generate_range` from its end) are the next
/// days' news, as a daily ingest adds them.
const INCIDENTS_PER_DAY: usize = 112;

/// The first day of the corpus.
fn day_zero() -> CivilDate {
    CivilDate::new(2023, 1, 1).expect("a valid date")
}

/// A phrase that dates an incident of `date` in an article published `delay`
/// days later, as isnad resolves it (a weekday: the latest on or before the
/// publication date), or nothing: the report then has no date of its own.
/// Without a publication date only a full date dates it.
fn date_phrase(r: &mut Rng, date: CivilDate, delay: i64, dated_article: bool) -> String {
    let month = MONTHS[usize::from(date.month) - 1];
    // WEEKDAYS starts on Saturday, `weekday()` on Sunday
    let weekday = WEEKDAYS[(usize::from(date.weekday()) + 1) % 7];
    if r.chance(15) {
        return String::new();
    }
    if !dated_article || r.chance(15) {
        return format!(" في {} {month} {}", date.day, date.year);
    }
    match (delay, r.below(4)) {
        (0, 0) => " فجر اليوم".to_owned(),
        (0, 1) => " اليوم".to_owned(),
        (1, 0 | 1) => " أمس".to_owned(),
        (1..=6, 2) => format!(" مساء {weekday}"),
        (1..=6, _) => format!(" يوم {weekday}"),
        _ => format!(" في {} {month}", date.day),
    }
}

fn incident_base(i: usize, seed: u64) -> Incident {
    let mut r = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x1C1D);
    let (city, province) = r.pick(CITIES);
    let force = r.pick(FORCES);
    let mut rival = r.pick(FORCES);
    if rival.0 == force.0 {
        rival =
            FORCES[(FORCES.iter().position(|f| f.0 == force.0).unwrap_or(0) + 1) % FORCES.len()];
    }
    // most incidents are told by one to three outlets, some by up to six
    let outlets = 1 + r.below(3) + usize::from(r.chance(30)) * r.below(4);
    Incident {
        kind: r.below(LEAD_KINDS),
        day: (i / INCIDENTS_PER_DAY) as i64,
        city,
        province,
        city2: r.pick(CITIES).0,
        village: format!("{} {}", r.pick(VILLAGE_HEAD), r.pick(VILLAGE_TAIL)),
        quarter: r.pick(VILLAGE_TAIL),
        facility: r.pick(FACILITIES),
        force,
        rival,
        group: r.pick(GROUPS),
        air: r.pick(AIR),
        org: r.pick(ORGS),
        killed: r.range(2, 60),
        injured: r.range(1, 40),
        outlets,
    }
}

/// The `i`-th incident: one in ten follows the one before it at the same place,
/// with the same class, one to three days later, by other hands.
fn incident(i: usize, seed: u64) -> Incident {
    let mut inc = incident_base(i, seed);
    let mut r = Rng::new(seed ^ (i as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ 0x5E9);
    if i > 0 && r.chance(10) {
        let before = incident(i - 1, seed);
        inc.kind = before.kind;
        inc.city = before.city;
        inc.province = before.province;
        inc.village = before.village.clone();
        inc.quarter = before.quarter;
        inc.facility = before.facility;
        inc.day = before.day + i64::from(r.range(1, 3));
        if inc.group == before.group {
            let k = GROUPS.iter().position(|g| *g == inc.group).unwrap_or(0);
            inc.group = GROUPS[(k + 1) % GROUPS.len()];
        }
        if inc.force.0 == before.force.0 {
            std::mem::swap(&mut inc.force, &mut inc.rival);
        }
    }
    inc
}

/// The `outlet`-th outlet's telling of an incident, published `delay` days after it.
fn cast(r: &mut Rng, inc: &Incident, outlet: usize, dated: bool, delay: i64) -> Cast {
    let date = day_zero().add_days(inc.day);
    // the first reports count fewer dead; later ones differ, and revise upwards
    let killed = if outlet == 0 {
        inc.killed - r.range(0, inc.killed / 3)
    } else {
        (inc.killed + r.range(0, 4)).saturating_sub(2).max(1)
    };
    Cast {
        city: inc.city,
        province: inc.province,
        city2: inc.city2,
        village: inc.village.clone(),
        facility: inc.facility,
        force: inc.force,
        rival: inc.rival,
        group: inc.group,
        air: inc.air,
        org: inc.org,
        person: person(r),
        source: r.pick(SOURCES),
        source2: r.pick(SOURCES),
        date: date_phrase(r, date, delay, dated),
        in_quarter: if r.chance(80) {
            format!("في حي {} بمدينة {}", inc.quarter, inc.city)
        } else {
            format!("في مدينة {}", inc.city)
        },
        near_village: if r.chance(80) {
            format!("قرب قرية {} بريف {}", inc.village, inc.city)
        } else {
            format!("قرب {}", inc.city)
        },
        killed,
        revised: killed + r.range(0, inc.killed / 2 + 1),
        injured: inc.injured + r.range(0, 5),
    }
}

/// The lead: what happened, where, when, to whom, and who says so.
fn lead(r: &mut Rng, c: &Cast, kind: usize) -> (String, String) {
    let (f, noun) = c.force;
    match kind {
        0 => (
            format!("هجوم لـ{} على {} في {}", c.group, c.facility, c.city),
            format!(
                "شن {}{} هجوما على {} {}، ما أدى إلى مقتل {} {} من {} وإصابة {} آخرين، وفقا لـ{}.",
                c.group, c.date, c.facility, c.in_quarter, told(r, c.killed), noun, f, told(r, c.injured), c.source
            ),
        ),
        1 => (
            format!("انفجار عبوة ناسفة بدورية قرب {}", c.city),
            format!(
                "انفجرت عبوة ناسفة{} بدورية تابعة لـ{} {}، وأسفر الانفجار عن مقتل {} {} وجرح {}، بحسب {}.",
                c.date, f, c.near_village, told(r, c.killed.min(12)), noun, told(r, c.injured), c.source
            ),
        ),
        2 => (
            format!("اشتباكات بين {} و{} في ريف {}", f, c.group, c.city),
            format!(
                "اندلعت اشتباكات عنيفة{} بين {} و{} في قرية {} بريف {}، قتل خلالها {} من {} و{} من المسلحين، حسب ما أفاد {}.",
                c.date, f, c.group, c.village, c.city, told(r, c.killed), f, number(r, 2, 40), c.source
            ),
        ),
        3 => (
            format!("غارات لـ{} على مواقع في {}", c.air, c.province),
            format!(
                "شنت طائرات {}{} غارات جوية على مواقع لـ{} قرب قرية {} في {}، قال {} إنها أسفرت عن مقتل {} مسلحا.",
                c.air, c.date, c.group, c.village, c.province, c.source, qualified(r, c.killed)
            ),
        ),
        4 => (
            format!("انتحاري يفجر سيارة مفخخة في {}", c.city),
            format!(
                "فجر انتحاري سيارة مفخخة{} قرب {} {}، ما أسفر عن سقوط {} قتيلا بينهم {} مدنيين، حسب حصيلة أولية أعلنها {}.",
                c.date, c.facility, c.in_quarter, qualified(r, c.killed), number(r, 1, 9), c.source
            ),
        ),
        _ => (
            format!("{} تعلن اعتقال مطلوبين في {}", c.org, c.city),
            format!(
                "أعلنت {}{} اعتقال {} من المشتبه بانتمائهم إلى {} خلال عملية أمنية {}.",
                c.org, c.date, told(r, c.killed), c.group, c.in_quarter
            ),
        ),
    }
}

/// Body sentence shapes (see [`body`]).
const BODY_SHAPES: usize = 16;

/// Body sentence `shape`: each a shape isnad has to read, in no fixed order.
fn body(r: &mut Rng, c: &Cast, shape: usize) -> String {
    let (f, noun) = c.force;
    let (rv, _) = c.rival;
    match shape {
        0 => format!(
            "وقال {} {}، {}، في بيان إن «القوات تمكنت من صد الهجوم وقتل {} من المهاجمين».",
            r.pick(TITLES), c.org, c.person, number(r, 2, 20)
        ),
        1 => format!(
            "في المقابل، نفى المتحدث باسم {} صحة الأنباء عن فرار سجناء من {}، مؤكدا أن الوضع تحت السيطرة.",
            c.org, c.facility
        ),
        2 => format!(
            "من جهته، أفاد {} بأن حصيلة القتلى ارتفعت إلى {} بينهم {} من {} و{} مدنيين.",
            c.source2, qualified(r, c.revised), number(r, 2, 30), f, number(r, 1, 12)
        ),
        3 => format!(
            "ويتوزع القتلى على النحو الآتي: {} من {}، و{} من {}، و{} مدنيين.",
            number(r, 2, 30), f, number(r, 2, 30), rv, number(r, 1, 9)
        ),
        4 => format!(
            "وأحبطت {} محاولة تسلل لعناصر من {} إلى قرية {}.",
            f, c.group, c.village
        ),
        5 => format!(
            "ودفعت المعارك نحو {} عائلة إلى النزوح من قرية {} باتجاه مدينة {}.",
            number(r, 20, 900), c.village, c.city2
        ),
        6 => format!(
            "ودفعت {} بتعزيزات عسكرية إلى {} وفرضت طوقا أمنيا حول {}.",
            f, c.city, c.facility
        ),
        7 => format!(
            "ونقلت {} عن مصدر أمني قوله إن {} {} أصيبوا بجروح متفاوتة ونقلوا إلى مستشفى {}.",
            r.pick(PUBLISHERS), number(r, 2, 15), noun, c.city2
        ),
        8 => "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى ساعة إعداد هذا الخبر.".to_owned(),
        9 => format!(
            "وتشهد {} توترا أمنيا متصاعدا منذ أشهر في ظل نشاط {} في المناطق الصحراوية المحيطة.",
            c.province, c.group
        ),
        10 => format!(
            "وفتحت السلطات في {} تحقيقا في ملابسات الحادث، فيما فرضت حظرا للتجوال حتى إشعار آخر.",
            c.city
        ),
        11 => format!(
            "وأكد {} أن طائرات تابعة لـ{} قصفت مواقع لـ{} في محيط {} بعد منتصف الليل.",
            c.source2, c.air, c.group, c.city2
        ),
        12 => format!(
            "وذكرت {} أن {} اعتقلت {} مشتبها بهم وضبطت أسلحة وأحزمة ناسفة في {}.",
            c.org, rv, number(r, 2, 12), c.city2
        ),
        13 => format!(
            "ويأتي ذلك بعد أيام من زيارة قام بها {} إلى {} التقى خلالها وجهاء العشائر لبحث الأوضاع الأمنية.",
            c.person, c.city
        ),
        14 => format!(
            "وبحسب {}، فإن عدد المحتجزين في {} يبلغ قرابة {} شخص، بينهم أجانب.",
            c.source, c.facility, r.range(200, 9000)
        ),
        _ => format!(
            "وأشار {} إلى أن {} قد يحاول استغلال الفراغ الأمني لشن هجمات جديدة على {}.",
            c.person, c.group, rv
        ),
    }
}

/// The `outlet`-th article about incident `i` of the corpus made with `seed`.
fn article(n: usize, i: usize, outlet: usize, inc: &Incident, seed: u64) -> (Record, Truth) {
    let mut r = Rng::new(
        seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D)
            ^ (outlet as u64).wrapping_mul(0x9FB2_1C65_1E98_DF25),
    );
    // outlets publish on the day or up to three days later, the later ones later
    let delay = (outlet as i64 / 2 + r.below(2) as i64).min(3);
    let dated = !r.chance(8);
    let published = dated.then(|| day_zero().add_days(inc.day + delay));
    let c = cast(&mut r, inc, outlet, dated, delay);
    let (title, lead) = lead(&mut r, &c, inc.kind);
    let mut text = format!("{title}\n\n{lead}");
    let lead_end = text.chars().count();
    // each shape at most once per article, in a random order
    let mut shapes: Vec<usize> = (0..BODY_SHAPES).collect();
    for i in (1..shapes.len()).rev() {
        shapes.swap(i, r.below(i + 1));
    }
    let sentences = r.range(5, 14) as usize;
    let mut paragraph = 0;
    for &shape in &shapes[..sentences] {
        paragraph += 1;
        text.push_str(if paragraph >= r.range(2, 3) {
            paragraph = 0;
            "\n\n"
        } else {
            " "
        });
        text.push_str(&body(&mut r, &c, shape));
    }
    let id = format!("synthetic-{n:06}");
    let truth = Truth {
        article: id.clone(),
        incident: format!("inc-{i:06}"),
        class: LEAD_CLASS[inc.kind].to_owned(),
        lead_end,
        date: day_zero().add_days(inc.day).to_string(),
    };
    let record = Record {
        id,
        title,
        text,
        published: published.map(|d| d.to_string()),
        publisher: PUBLISHERS[(i + outlet * 3) % PUBLISHERS.len()],
    };
    (record, truth)
}

/// The first `n` articles of the corpus made with `seed`, in order, each with
/// its truth: incident after incident, each told by its outlets.
fn articles(n: usize, seed: u64) -> impl Iterator<Item = (Record, Truth)> {
    (0..)
        .flat_map(move |i| {
            let inc = incident(i, seed);
            (0..inc.outlets).map(move |o| (i, o, inc.clone()))
        })
        .take(n)
        .enumerate()
        .map(move |(k, (i, o, inc))| article(k, i, o, &inc, seed))
}

/// Writes articles `from..from + n` of the corpus made with `seed` as JSON Lines
/// shards under `dir`, and their truth beside it ([`truth_path`]); returns the
/// bytes of article text written. From 0, a corpus of `n` articles; from more,
/// the next days' news of a corpus of `from` articles (new ids, the same places,
/// outlets and actors, incidents carried on).
pub fn generate_range(dir: &Path, from: usize, n: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut text_bytes = 0u64;
    let mut truth = BufWriter::new(std::fs::File::create(truth_path(dir))?);
    let mut all = articles(from + n, seed).skip(from);
    for shard in 0..n.div_ceil(SHARD) {
        let file = std::fs::File::create(dir.join(format!("part-{shard:04}.jsonl")))?;
        let mut w = BufWriter::new(file);
        for (rec, t) in all.by_ref().take(SHARD) {
            text_bytes += rec.text.len() as u64;
            serde_json::to_writer(&mut w, &rec)?;
            w.write_all(b"\n")?;
            serde_json::to_writer(&mut truth, &t)?;
            truth.write_all(b"\n")?;
        }
        w.flush()?;
    }
    truth.flush()?;
    Ok(text_bytes)
}

/// Reads a corpus's truth file.
pub fn read_truth(dir: &Path) -> std::io::Result<Vec<Truth>> {
    let text = std::fs::read_to_string(truth_path(dir))?;
    text.lines()
        .map(|l| serde_json::from_str(l).map_err(std::io::Error::other))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_differ_and_are_reproducible() {
        let a: Vec<(Record, Truth)> = articles(40, 7).collect();
        assert_ne!(a[1].0.text, a[2].0.text);
        let again: Vec<(Record, Truth)> = articles(40, 7).collect();
        for (x, y) in a.iter().zip(&again) {
            assert_eq!(x.0.text, y.0.text);
            assert_eq!(x.1, y.1);
        }
        assert!(a[1].0.text.len() > 500, "{}", a[1].0.text);
    }

    #[test]
    fn incidents_are_told_by_several_outlets_and_some_articles_are_undated() {
        let a: Vec<(Record, Truth)> = articles(2000, 7).collect();
        let mut per: std::collections::BTreeMap<&str, usize> = Default::default();
        for (_, t) in &a {
            *per.entry(&t.incident).or_default() += 1;
        }
        assert!(per.values().any(|&k| k >= 4));
        assert!(per.values().any(|&k| k == 1));
        let undated = a.iter().filter(|(r, _)| r.published.is_none()).count();
        assert!(undated > 50 && undated < 400, "{undated}");
        // the lead ends where the truth says: its last character is a full stop
        for (r, t) in &a {
            assert_eq!(r.text.chars().nth(t.lead_end - 1), Some('.'), "{}", r.text);
        }
    }

    #[test]
    fn the_archive_grows_day_by_day_and_the_next_articles_are_the_next_days_news() {
        let day = |t: &Truth| t.date.clone();
        let first: Vec<String> = articles(3000, 7).map(|(_, t)| day(&t)).collect();
        let next: Vec<String> = articles(3300, 7).skip(3000).map(|(_, t)| day(&t)).collect();
        let (lo, hi) = (first.iter().min().unwrap(), first.iter().max().unwrap());
        // 3,000 articles are about 11 days of news, not a year
        assert_eq!(lo, "2023-01-01");
        assert!(
            hi.as_str() >= "2023-01-09" && hi.as_str() <= "2023-01-16",
            "{hi}"
        );
        // the next 300 happen at the end of that (follow-ups a few days later)
        let end = CivilDate::parse_iso(hi).unwrap().add_days(-4).to_string();
        assert!(next.iter().all(|d| *d >= end), "{next:?} before {end}");
    }

    #[test]
    fn dates_in_the_lead_resolve_to_the_incident_day() {
        // «أمس» is the day before publication; a weekday the latest on or before it
        let date = CivilDate::new(2023, 3, 8).expect("date"); // a Wednesday
        let mut r = Rng::new(3);
        for _ in 0..50 {
            let p = date_phrase(&mut r, date, 1, true);
            assert!(
                p.is_empty()
                    || p == " أمس"
                    || p == " يوم الأربعاء"
                    || p == " مساء الأربعاء"
                    || p.starts_with(" في 8 آذار/مارس"),
                "{p}"
            );
        }
    }
}

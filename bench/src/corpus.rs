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
//! Invariant: the corpus depends only on (N, seed). Articles are written as JSON
//! Lines shards of [`SHARD`] articles, with id, title, text, published and
//! publisher, the format archives are usually exported in.

use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Articles per JSON Lines file.
pub const SHARD: usize = 1000;

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
    published: String,
    publisher: &'static str,
}

/// What one article draws from: its own cast, so sentences agree with each other.
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
    date: String,
}

fn person(r: &mut Rng) -> String {
    format!("{} {}", r.pick(FIRST), r.pick(LAST))
}

fn number(r: &mut Rng, lo: u32, hi: u32) -> String {
    let n = r.range(lo, hi);
    if (3..=10).contains(&n) && r.chance(40) {
        SMALL_WORDS[(n - 3) as usize].to_owned()
    } else {
        n.to_string()
    }
}

fn figure(r: &mut Rng, lo: u32, hi: u32) -> String {
    format!("{}{}", r.pick(QUALIFIERS), number(r, lo, hi))
}

fn date_phrase(r: &mut Rng, month: usize) -> String {
    match r.below(6) {
        0 => format!("يوم {}", r.pick(WEEKDAYS)),
        1 => "أمس".to_owned(),
        2 => "فجر اليوم".to_owned(),
        3 => format!("مساء {}", r.pick(WEEKDAYS)),
        4 => format!("في {} {} الماضي", r.range(1, 28), MONTHS[month]),
        _ => format!("ليل {} الماضي", r.pick(WEEKDAYS)),
    }
}

fn cast(r: &mut Rng, month: usize) -> Cast {
    let (city, province) = r.pick(CITIES);
    let force = r.pick(FORCES);
    let mut rival = r.pick(FORCES);
    if rival.0 == force.0 {
        rival =
            FORCES[(FORCES.iter().position(|f| f.0 == force.0).unwrap_or(0) + 1) % FORCES.len()];
    }
    Cast {
        city,
        province,
        city2: r.pick(CITIES).0,
        village: format!("{} {}", r.pick(VILLAGE_HEAD), r.pick(VILLAGE_TAIL)),
        facility: r.pick(FACILITIES),
        force,
        rival,
        group: r.pick(GROUPS),
        air: r.pick(AIR),
        org: r.pick(ORGS),
        person: person(r),
        source: r.pick(SOURCES),
        source2: r.pick(SOURCES),
        date: date_phrase(r, month),
    }
}

/// The lead: what happened, where, when, to whom, and who says so.
fn lead(r: &mut Rng, c: &Cast) -> (String, String) {
    let (f, noun) = c.force;
    match r.below(6) {
        0 => (
            format!("هجوم لـ{} على {} في {}", c.group, c.facility, c.city),
            format!(
                "شن {} {} هجوما على {} في مدينة {}، ما أدى إلى مقتل {} {} من {} وإصابة {} آخرين، وفقا لـ{}.",
                c.group, c.date, c.facility, c.city, figure(r, 2, 40), noun, f, number(r, 2, 30), c.source
            ),
        ),
        1 => (
            format!("انفجار عبوة ناسفة بدورية قرب {}", c.city),
            format!(
                "انفجرت عبوة ناسفة {} بدورية تابعة لـ{} على الطريق بين {} و{}، وأسفر الانفجار عن مقتل {} {} وجرح {}، بحسب {}.",
                c.date, f, c.city, c.city2, number(r, 1, 9), noun, number(r, 1, 12), c.source
            ),
        ),
        2 => (
            format!("اشتباكات بين {} و{} في ريف {}", f, c.group, c.city),
            format!(
                "اندلعت اشتباكات عنيفة {} بين {} و{} في قرية {} بريف {}، قتل خلالها {} من {} و{} من المسلحين، حسب ما أفاد {}.",
                c.date, f, c.group, c.village, c.city, number(r, 2, 25), f, number(r, 2, 40), c.source
            ),
        ),
        3 => (
            format!("غارات لـ{} على مواقع في {}", c.air, c.province),
            format!(
                "شنت طائرات {} {} غارات جوية على مواقع لـ{} قرب قرية {} في {}، قال {} إنها أسفرت عن مقتل {} مسلحا.",
                c.air, c.date, c.group, c.village, c.province, c.source, figure(r, 3, 60)
            ),
        ),
        4 => (
            format!("انتحاري يفجر سيارة مفخخة في {}", c.city),
            format!(
                "فجر انتحاري سيارة مفخخة {} قرب {} في {}، ما أسفر عن سقوط {} قتيلا بينهم {} مدنيين، حسب حصيلة أولية أعلنها {}.",
                c.date, c.facility, c.city, figure(r, 5, 70), number(r, 1, 9), c.source
            ),
        ),
        _ => (
            format!("{} تعلن اعتقال مطلوبين في {}", c.org, c.city),
            format!(
                "أعلنت {} {} اعتقال {} من المشتبه بانتمائهم إلى {} خلال عملية أمنية في {} و{}.",
                c.org, c.date, number(r, 2, 30), c.group, c.city, c.city2
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
            c.source2, figure(r, 10, 90), number(r, 2, 30), f, number(r, 1, 12)
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

/// The n-th article of the corpus made with `seed`.
fn article(n: usize, seed: u64) -> Record {
    let mut r = Rng::new(seed ^ (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let month = r.below(12);
    let day = r.range(1, 28);
    let c = cast(&mut r, month);
    let (title, lead) = lead(&mut r, &c);
    let mut text = format!("{title}\n\n{lead}");
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
    Record {
        id: format!("synthetic-{n:06}"),
        title,
        text,
        published: format!("2023-{:02}-{day:02}", month + 1),
        publisher: r.pick(PUBLISHERS),
    }
}

/// Writes `n` articles as JSON Lines shards under `dir`; returns the bytes of
/// article text written.
pub fn generate(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut text_bytes = 0u64;
    for shard in 0..n.div_ceil(SHARD) {
        let file = std::fs::File::create(dir.join(format!("part-{shard:04}.jsonl")))?;
        let mut w = BufWriter::new(file);
        for i in shard * SHARD..((shard + 1) * SHARD).min(n) {
            let rec = article(i, seed);
            text_bytes += rec.text.len() as u64;
            serde_json::to_writer(&mut w, &rec)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
    }
    Ok(text_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_differ_and_are_reproducible() {
        let a = article(1, 7);
        let b = article(2, 7);
        assert_ne!(a.text, b.text);
        assert_eq!(article(1, 7).text, a.text);
        assert!(a.text.len() > 500, "{}", a.text);
    }
}

"""Extraction on a cluster engine: PySpark in local mode (two worker threads) reads a
JSON Lines corpus with `sc.textFile`, pipes each partition through the built
`isnad extract -` (`RDD.pipe`, the README's recipe), and the union of the shards'
quads is exactly what `isnad extract` writes for the whole corpus: the same lines,
none twice.

The corpus: the demo articles (examples/) as JSON Lines records, and short reports
generated here from sentences written for this test. Needs Java (scripts/setup-system
installs Debian's default-jre-headless where there is none) and pyspark in the venv
(scripts/test)."""
import json
import os
import sys
import tempfile

from pyspark import SparkConf, SparkContext

from conftest import BIN, ROOT, isnad

CITIES = ["حلب", "الموصل", "دير الزور", "كركوك", "الرقة", "بعقوبة"]
SOURCES = ["مصدر أمني", "مصادر محلية", "المرصد السوري لحقوق الإنسان", "مصدر طبي"]
EVENTS = ["هجوم", "قصف مدفعي", "انفجار عبوة ناسفة"]
VICTIMS = ["مدنيين", "جنود", "عناصر من الشرطة"]


def generated(i):
    """Report number i: an attack, a toll and a source, all varying with i."""
    city, source = CITIES[i % len(CITIES)], SOURCES[(i * 3) % len(SOURCES)]
    event, victims = EVENTS[(i * 5) % len(EVENTS)], VICTIMS[(i * 7) % len(VICTIMS)]
    killed, injured = 2 + i % 17, 4 + (i * 3) % 23
    return (f"مقتل {killed} {victims} في {event} في {city}\n\n"
            f"{city} — قال {source} إن {killed} {victims} قتلوا وأصيب {injured} آخرون "
            f"في {event} استهدف حاجزاً عسكرياً على مدخل المدينة. (البلاغ رقم {i})\n")


def corpus_records():
    records = []
    examples = os.path.join(ROOT, "examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith(".txt"):
            with open(os.path.join(examples, name), encoding="utf-8") as f:
                records.append({"id": name, "text": f.read()})
    for i in range(36):
        records.append({"id": f"spark-{i:02d}", "text": generated(i),
                        "published": f"2024-03-{1 + i % 28:02d}"})
    return records


def test_spark_pipe_through_isnad_extract_gives_the_whole_corpus_quads():
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            for r in corpus_records():
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        whole = isnad("extract", corpus).splitlines()
        assert len(whole) > 1000

        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        conf = (SparkConf().setMaster("local[2]").setAppName("isnad-extract")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"))
        sc = SparkContext(conf=conf)
        try:
            sc.setLogLevel("ERROR")
            lines = sc.textFile(corpus, minPartitions=4)
            shards = lines.pipe(f"{BIN} extract -", checkCode=True).glom().collect()
        finally:
            sc.stop()

    # the corpus was cut into several partitions, each extracted on its own
    assert sum(1 for s in shards if s) >= 2, [len(s) for s in shards]
    union = [q for shard in shards for q in shard]
    assert len(union) == len(set(union)), "a quad came out of two shards"
    assert set(union) == set(whole)
    assert len(union) == len(whole)

//! Golden test: the demo corpus's extraction, quad for quad.
//!
//! Any change to what isnad extracts from `examples/` shows here as a diff. When the
//! change is intended, regenerate the file and review its diff in the commit:
//!
//!     UPDATE_GOLDEN=1 cargo test --test golden

use std::path::Path;

mod common;

const GOLDEN: &str = "tests/golden/examples.nq";

#[test]
fn demo_corpus_extraction_matches_the_golden_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = common::ok(&["extract", "examples"]);
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort_unstable();
    let actual = lines.join("\n") + "\n";
    let path = root.join(GOLDEN);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).expect("golden file exists (UPDATE_GOLDEN=1 to create it)");
    if expected != actual {
        let exp: std::collections::BTreeSet<&str> = expected.lines().collect();
        let act: std::collections::BTreeSet<&str> = actual.lines().collect();
        let missing: Vec<_> = exp.difference(&act).take(10).collect();
        let extra: Vec<_> = act.difference(&exp).take(10).collect();
        panic!(
            "extraction of examples/ changed ({} quads expected, {} produced).\nmissing: {missing:#?}\nnew: {extra:#?}\nIf intended: UPDATE_GOLDEN=1 cargo test --test golden",
            exp.len(),
            act.len()
        );
    }
}

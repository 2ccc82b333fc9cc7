//! The exports checked by independent tools: rdflib parses Turtle and TriG, pyshacl
//! validates the Turtle export against ontology/shapes.ttl (the output contract).
//! Needs python3 with rdflib and pyshacl (scripts/setup-system installs them).

use std::process::Command;

mod common;
use common::ok;

#[test]
fn exports_parse_in_rdflib_and_conform_to_the_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let mut corpora = vec!["examples".to_owned()];
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    if std::path::Path::new(seeds).is_dir() {
        corpora.push(seeds.to_owned());
    }
    let mut args = vec!["--store", store, "ingest"];
    args.extend(corpora.iter().map(String::as_str));
    ok(&args);
    let ttl = dir.path().join("export.ttl");
    let trig = dir.path().join("export.trig");
    ok(&[
        "--store",
        store,
        "export",
        "--format",
        "turtle",
        "-o",
        ttl.to_str().unwrap(),
    ]);
    ok(&[
        "--store",
        store,
        "export",
        "--format",
        "trig",
        "-o",
        trig.to_str().unwrap(),
    ]);
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/check_rdf.py"))
        .arg(&ttl)
        .arg(&trig)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/shapes.ttl"))
        .output()
        .expect("python3 runs (install it with scripts/setup-system)");
    assert!(
        out.status.success(),
        "independent check failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

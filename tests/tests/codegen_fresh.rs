//! The checked-in client is exactly what the generator produces from the spec: `cargo test` catches a
//! spec edit or generator change that was not followed by `cargo xtask codegen`.

#[test]
fn checked_in_client_matches_the_spec() {
    let drift = xtask::Codegen::default()
        .check()
        .unwrap_or_else(|error| panic!("{error}"));
    let listing: Vec<String> = drift.iter().map(ToString::to_string).collect();
    assert!(
        drift.is_empty(),
        "generated-client/ is stale; run `cargo xtask codegen`:\n{}",
        listing.join("\n")
    );
}

#[test]
fn check_names_stale_missing_and_extra_files() {
    let scratch = std::env::temp_dir().join(format!("codegen-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let codegen = xtask::Codegen {
        out: scratch.join("client"),
        ..xtask::Codegen::default()
    };
    codegen.write().unwrap_or_else(|error| panic!("{error}"));
    assert!(
        codegen.check().unwrap().is_empty(),
        "a fresh crate is up to date"
    );

    let models = codegen.out.join("src/models");
    std::fs::write(models.join("bdb.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(models.join("bdb_tag.rs")).unwrap();
    std::fs::write(models.join("leftover.rs"), "").unwrap();
    let drift: Vec<String> = codegen
        .check()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        drift,
        [
            "stale:   src/models/bdb.rs",
            "missing: src/models/bdb_tag.rs",
            "extra:   src/models/leftover.rs",
        ]
    );

    // Writing repairs all three.
    assert_eq!(codegen.write().unwrap().len(), 3);
    assert!(codegen.check().unwrap().is_empty());
    std::fs::remove_dir_all(&scratch).unwrap();
}

//! The declarations in `schema/` are Telegram's own: each matches its counterpart in the
//! pinned full schema that the build fetched.

#![cfg(feature = "telegram")]

use tl_parser::{declaration_to_string, parse};

#[test]
fn every_seed_declaration_matches_the_full_schema() {
    let dir = env!("TL_TELEGRAM_SCHEMA_DIR");
    let api = std::fs::read_to_string(format!("{dir}/api.tl")).unwrap();
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/refund.tl"))
        .unwrap();
    let full = parse(&api);
    assert!(full.diagnostics.is_empty());
    assert_eq!(full.schema.layer, Some(230));
    let seed = parse(&seed);
    assert!(seed.diagnostics.is_empty());
    assert_eq!(seed.schema.declarations.len(), 8);
    for d in &seed.schema.declarations {
        let counterpart = full
            .schema
            .declarations
            .iter()
            .find(|f| f.name == d.name && f.section == d.section)
            .unwrap_or_else(|| panic!("{} is not in the full schema", d.name));
        assert_eq!(
            declaration_to_string(d),
            declaration_to_string(counterpart),
            "{} differs",
            d.name
        );
    }
}

#[test]
fn the_fetched_files_are_the_pinned_ones() {
    // build.rs refuses files whose sha256 differs; this pins what they hold.
    let dir = env!("TL_TELEGRAM_SCHEMA_DIR");
    let mt = std::fs::read_to_string(format!("{dir}/mtproto.tl")).unwrap();
    let parsed = parse(&mt);
    assert!(parsed
        .schema
        .declarations
        .iter()
        .any(|d| d.name == "rpc_error" && d.id == Some(0x2144ca19)));
}

//! Every constructor and function of the pinned api.tl + mtproto.tl, round-tripped through the
//! schema-driven codec: value → bytes → value (equal) → bytes (identical), and value → JSON
//! text → value (equal).
//!
//! Values come from a deterministic generator that reads the parsed schema itself (not the
//! registry), so it is an independent reading of the TL rules: conditional fields and `?true`
//! flags are decided per bit (so fields sharing a bit agree), strings and bytes straddle the
//! 253/254 length-prefix boundary, and nesting is cut off after a few levels by picking the
//! constructor that ends soonest.

use std::collections::BTreeSet;

use tl_runtime::dynamic::serde_json;
use tl_runtime::dynamic::Registry;
use tl_tests::random::{declarations, Gen, ROUNDS};

#[test]
fn every_constructor_and_function_round_trips() {
    let Some(dir) = tl_tests::corpus() else {
        return;
    };
    let api = std::fs::read_to_string(dir.join("telegram/api-layer230.tl")).unwrap();
    let mtproto = std::fs::read_to_string(dir.join("telegram/mtproto.tl")).unwrap();
    let parsed = [tl_parser::parse(&api), tl_parser::parse(&mtproto)];
    let registry = Registry::from_sources(&[&api, &mtproto]).unwrap();
    assert!(registry.skipped().is_empty(), "{:?}", registry.skipped());

    let decls = declarations(&parsed);
    let mut gen = Gen::new(&decls);

    let mut covered_ctors = BTreeSet::new();
    let mut covered_fns = BTreeSet::new();
    let mut values = 0usize;
    for _ in 0..ROUNDS {
        for d in &decls {
            let value = gen.object(d, 0);
            // Constructors go through their boxed type, functions through their own name.
            let ty = if d.is_function() {
                d.name
            } else {
                d.result.name()
            };
            let bytes = registry
                .encode(ty, &value)
                .unwrap_or_else(|e| panic!("{}: encode: {e}", d.name));
            let back = registry
                .decode(ty, bytes.clone())
                .unwrap_or_else(|e| panic!("{}: decode: {e}", d.name));
            assert_eq!(back, value, "{}: decoded value", d.name);
            assert_eq!(
                registry.encode(ty, &back).unwrap(),
                bytes,
                "{}: re-encoded bytes",
                d.name
            );
            // The bare form of a constructor is the boxed one without its id.
            if !d.is_function() {
                let bare = registry.encode(d.name, &value).unwrap();
                assert_eq!(bare, bytes[4..], "{}: bare form", d.name);
            }
            let text = value.to_json().to_string();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let from_json = registry
                .value_from_json(ty, &json)
                .unwrap_or_else(|e| panic!("{}: from JSON: {e}\n{text}", d.name));
            assert_eq!(from_json, value, "{}: JSON round trip", d.name);
            if d.is_function() {
                covered_fns.insert(d.name);
            } else {
                covered_ctors.insert(d.name);
            }
            values += 1;
        }
    }

    let ctors: BTreeSet<&str> = registry.constructor_names().collect();
    let fns: BTreeSet<&str> = registry.function_names().collect();
    assert_eq!(covered_ctors, ctors, "constructors covered");
    assert_eq!(covered_fns, fns, "functions covered");
    println!(
        "round-tripped {} constructors and {} functions ({values} values)",
        ctors.len(),
        fns.len()
    );
}

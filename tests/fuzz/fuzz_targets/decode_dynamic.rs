//! Arbitrary bytes through the schema-driven codec over the pinned Telegram schema, as
//! `tl decode` reads them: as `Updates`, `Message` and `Object` (any boxed value). Each must give
//! a value or a `DecodeError`, never a panic; whatever decodes must survive encode and JSON.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tl_runtime::dynamic::Registry;

fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| {
        // The corpus beside the checkout, or $TL_CORPUS.
        let dir = std::env::var("TL_CORPUS").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/tl-corpus").to_string()
        });
        let read = |f: &str| {
            std::fs::read_to_string(format!("{dir}/telegram/{f}"))
                .unwrap_or_else(|e| panic!("{dir}/telegram/{f}: {e} (set TL_CORPUS)"))
        };
        let (api, mt) = (read("api-layer230.tl"), read("mtproto.tl"));
        Registry::from_sources(&[&api, &mt]).expect("the pinned schema loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let reg = registry();
    for ty in ["Updates", "Message", "Object"] {
        if let Ok(value) = reg.decode(ty, data.to_vec()) {
            // Compared as bytes and as JSON, not with `==`: a `double` may be NaN, which is
            // never equal to itself (the first finding of this target).
            let bytes = reg.encode(ty, &value).expect("a decoded value encodes");
            let again = reg
                .decode(ty, bytes.clone())
                .expect("re-encoded bytes decode");
            assert_eq!(reg.encode(ty, &again).expect("and encodes again"), bytes);
            let json = value.to_json();
            let back = reg.value_from_json(ty, &json).expect("its JSON reads back");
            assert_eq!(back.to_json(), json);
        }
    }
});

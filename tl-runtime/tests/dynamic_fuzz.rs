//! Arbitrary bytes never make the schema-driven decoder panic, and whatever it accepts
//! re-encodes to something that decodes to the same value.
#![cfg(all(feature = "dynamic", feature = "telegram"))]

mod common;
use common::telegram;

use proptest::prelude::*;

/// Ids of some constructors of `ty`, so that inputs get past the first id often.
fn ids_of(names: &[&str]) -> Vec<u32> {
    names
        .iter()
        .map(|n| telegram().id_of(n).unwrap_or_else(|| panic!("{n}")))
        .collect()
}

/// Random bytes, often starting with a real id of the type and with small words inside,
/// which look like counts, flags and short lengths.
fn input(ids: Vec<u32>) -> impl Strategy<Value = Vec<u8>> {
    let word = prop_oneof![
        any::<u32>(),
        0u32..8,
        Just(0x1cb5c415),
        Just(0x997275b5),
        Just(0xbc799737),
    ];
    (
        prop::sample::select(ids),
        any::<bool>(),
        prop::collection::vec(word, 0..48),
        prop::collection::vec(any::<u8>(), 0..4),
    )
        .prop_map(|(id, with_id, words, tail)| {
            let mut out = Vec::new();
            if with_id {
                out.extend_from_slice(&id.to_le_bytes());
            }
            for w in words {
                out.extend_from_slice(&w.to_le_bytes());
            }
            out.extend_from_slice(&tail);
            out
        })
}

fn check(ty: &str, bytes: Vec<u8>) {
    let reg = telegram();
    if let Ok(value) = reg.decode(ty, bytes) {
        let again = reg.encode(ty, &value).expect("a decoded value encodes");
        assert_eq!(reg.decode(ty, again).expect("and decodes again"), value);
        let json = value.to_json();
        assert_eq!(
            reg.value_from_json(ty, &json)
                .expect("and goes through JSON"),
            value
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_as_updates(bytes in input(ids_of(&[
        "updateShort", "updates", "updateShortSentMessage", "updatesCombined", "updatesTooLong",
    ]))) {
        check("Updates", bytes);
    }

    #[test]
    fn random_bytes_as_update(bytes in input(ids_of(&[
        "updateUserTyping", "updateNewMessage", "updateDcOptions", "updateConfig",
        "updateDeleteMessages",
    ]))) {
        check("Update", bytes);
    }

    #[test]
    fn random_bytes_as_message(bytes in input(ids_of(&[
        "message", "messageEmpty", "messageService",
    ]))) {
        check("Message", bytes);
    }

    #[test]
    fn random_bytes_as_any_object(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        check("Object", bytes);
    }
}

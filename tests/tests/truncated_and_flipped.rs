//! Valid bytes of every `Updates` golden vector, cut at every length and with every single bit
//! flipped: each result is a value or a `DecodeError`, never a panic, for the schema-driven
//! codec and the generated API alike, and the two agree on which inputs decode.

use tl_runtime::dynamic::Registry;
use tl_runtime::telegram::enums;
use tl_runtime::{Deserialize, Serialize};
use tl_tests::golden;

fn registry() -> Option<Registry> {
    let dir = tl_tests::corpus()?;
    let api = std::fs::read_to_string(dir.join("telegram/api-layer230.tl")).unwrap();
    let mt = std::fs::read_to_string(dir.join("telegram/mtproto.tl")).unwrap();
    Some(Registry::from_sources(&[&api, &mt]).unwrap())
}

#[test]
fn every_prefix_and_every_bit_flip_of_updates_decodes_or_errs() {
    let Some(reg) = registry() else { return };
    let updates = reg.resolve("Updates").unwrap();
    let vectors: Vec<_> = golden::all().filter(|g| g.tl_type == "Updates").collect();
    // Every one of the seven constructors is among them.
    for c in [
        "updatesTooLong",
        "updateShortMessage",
        "updateShortChatMessage",
        "updateShort",
        "updatesCombined",
        "updates",
        "updateShortSentMessage",
    ] {
        assert!(
            vectors
                .iter()
                .any(|g| g.json_text().contains(&format!("\"_\": \"{c}\""))
                    || g.json_text().contains(&format!("\"_\":\"{c}\""))),
            "no golden vector for {c}"
        );
    }
    let (mut cuts, mut flips, mut decoded) = (0, 0, 0);
    for g in &vectors {
        let bytes = g.bytes();
        assert!(
            updates.decode(bytes.clone()).is_ok(),
            "{} must decode",
            g.name
        );
        for len in 0..bytes.len() {
            // A strict prefix of a valid value never decodes as a whole value.
            assert!(
                updates.decode(bytes[..len].to_vec()).is_err(),
                "{} cut at {len}",
                g.name
            );
            cuts += 1;
        }
        for bit in 0..bytes.len() * 8 {
            let mut b = bytes.clone();
            b[bit / 8] ^= 1 << (bit % 8);
            let generated = enums::Updates::from_bytes(b.clone());
            if let Ok(g2) = &generated {
                let again = g2.to_bytes();
                assert_eq!(
                    &enums::Updates::from_bytes(again).unwrap(),
                    g2,
                    "{} bit {bit}",
                    g.name
                );
            }
            let dynamic = updates.decode(b.clone());
            assert_eq!(
                generated.is_ok(),
                dynamic.is_ok(),
                "{} bit {bit}: the codecs disagree on whether it decodes",
                g.name
            );
            if let Ok(v) = dynamic {
                // Whatever decodes survives a round trip unchanged. (The bytes may differ:
                // flag bits the schema does not use are ignored on decode, as official
                // clients do, and not written back.)
                let again = updates.encode(&v).unwrap();
                assert_eq!(updates.decode(again).unwrap(), v, "{} bit {bit}", g.name);
                decoded += 1;
            }
            flips += 1;
        }
    }
    eprintln!(
        "{} vectors: {cuts} prefixes, {flips} flips ({decoded} still decoded)",
        vectors.len()
    );
    assert!(cuts > 1000 && flips > 10_000);
}

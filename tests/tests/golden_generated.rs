//! The golden vectors through the generated Telegram API of `tl_runtime::telegram`: every
//! vector decodes and re-encodes to the same bytes, and the refund calls built by hand as Rust
//! values encode to exactly the bytes written by hand.

use flate2::write::GzEncoder;
use std::io::Write;
use tl_runtime::telegram::{enums, functions, types};
use tl_runtime::{rpc, Deserialize, Serialize};
use tl_tests::golden;

/// Decodes `bytes` as `T` and re-encodes them: both directions must give the same bytes.
fn both_ways<T: Deserialize + Serialize>(name: &str, bytes: Vec<u8>) {
    let value = T::from_bytes(bytes.clone()).unwrap_or_else(|e| panic!("{name}: decode: {e}"));
    assert_eq!(
        value.serialized_len(),
        bytes.len(),
        "{name}: serialized_len"
    );
    assert_eq!(value.to_bytes(), bytes, "{name}: re-encoded");
}

#[test]
fn every_golden_vector_decodes_and_re_encodes() {
    let mut n = 0;
    for g in golden::all() {
        match g.tl_type {
            "Updates" => both_ways::<enums::Updates>(g.name, g.bytes()),
            "payments.refundStarsCharge" => {
                both_ways::<functions::payments::RefundStarsCharge>(g.name, g.bytes())
            }
            other => panic!("{}: no generated type for {other}", g.name),
        }
        n += 1;
    }
    assert_eq!(n, 44, "16 refund calls and 28 Updates");
}

/// The `user_id` of a refund vector's JSON, as the generated Rust value.
fn input_user(json: &serde_json::Value) -> enums::InputUser {
    let long = |v: &serde_json::Value| v.as_str().unwrap().parse::<i64>().unwrap();
    match json["_"].as_str().unwrap() {
        "inputUserSelf" => enums::InputUser::InputUserSelf(types::InputUserSelf),
        "inputUser" => enums::InputUser::InputUser(types::InputUser {
            user_id: long(&json["user_id"]),
            access_hash: long(&json["access_hash"]),
        }),
        "inputUserFromMessage" => {
            let peer = &json["peer"];
            assert_eq!(peer["_"], "inputPeerChat");
            enums::InputUser::FromMessage(Box::new(types::InputUserFromMessage {
                peer: enums::InputPeer::Chat(Box::new(types::InputPeerChat {
                    chat_id: long(&peer["chat_id"]),
                })),
                msg_id: json["msg_id"].as_i64().unwrap() as i32,
                user_id: long(&json["user_id"]),
            }))
        }
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn refund_calls_built_in_rust_encode_to_the_hand_written_bytes() {
    let mut n = 0;
    for g in golden::all().filter(|g| g.tl_type == "payments.refundStarsCharge") {
        let json: serde_json::Value = serde_json::from_str(&g.json_text()).unwrap();
        let call = functions::payments::RefundStarsCharge {
            user_id: input_user(&json["user_id"]),
            charge_id: json["charge_id"].as_str().unwrap().into(),
        };
        assert_eq!(call.to_bytes(), g.bytes(), "{}", g.name);
        n += 1;
    }
    assert_eq!(n, 16);
}

#[test]
fn every_rpc_reply_reads_with_the_generated_updates() {
    let mut n = 0;
    for g in golden::RPC_RESULTS {
        let bytes = if g.is_gzip_packed() {
            let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(&g.result_bytes()).unwrap();
            g.bytes_with_packed_data(&e.finish().unwrap())
        } else {
            g.bytes()
        };
        let reply = rpc::read_rpc_result::<enums::Updates>(bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", g.name));
        assert_eq!(reply.req_msg_id, g.req_msg_id, "{}", g.name);
        match (g.result_type, reply.result) {
            ("Updates", Ok(updates)) => {
                assert_eq!(updates.to_bytes(), g.result_bytes(), "{}", g.name)
            }
            ("RpcError", Err(e)) => {
                let json: serde_json::Value = serde_json::from_str(g.json).unwrap();
                assert_eq!(e.code, 400, "{}", g.name);
                assert_eq!(
                    e.message,
                    json["error_message"].as_str().unwrap(),
                    "{}",
                    g.name
                );
                assert!(
                    [
                        "CHARGE_ALREADY_REFUNDED",
                        "USER_BOT_REQUIRED",
                        "USER_ID_INVALID"
                    ]
                    .contains(&e.name.as_str()),
                    "{}",
                    g.name
                );
            }
            (want, got) => panic!("{}: expected {want}, got {got:?}", g.name),
        }
        n += 1;
    }
    assert_eq!(n, 7);
}

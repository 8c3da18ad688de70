//! `tl decode` and `tl encode` run as a user runs them, over the Telegram schema in the corpus.

mod common;
use common::{corpus, temp_file, tl, tl_with_input};
use std::io::Write;

/// `--schema` arguments for layer 230 and the MTProto types.
fn telegram() -> Option<Vec<String>> {
    let dir = corpus()?;
    Some(vec![
        "--schema".into(),
        dir.join("telegram/api-layer230.tl")
            .to_string_lossy()
            .into_owned(),
        "--schema".into(),
        dir.join("telegram/mtproto.tl")
            .to_string_lossy()
            .into_owned(),
    ])
}

fn run(args: &[String], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    tl_with_input(args, stdin)
}

fn args(cmd: &str, schema: &[String], rest: &[&str]) -> Vec<String> {
    let mut v = vec![cmd.to_string()];
    v.extend(schema.iter().cloned());
    v.extend(rest.iter().map(|s| s.to_string()));
    v
}

#[test]
fn decode_updates_too_long_from_hex() {
    let Some(s) = telegram() else { return };
    let (code, out, err) = run(
        &args("decode", &s, &["--type", "Updates", "--hex", "7eaf17e3"]),
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\n  \"_\": \"updatesTooLong\"\n}\n"
    );
}

#[test]
fn decode_raw_bytes_from_standard_input() {
    let Some(s) = telegram() else { return };
    // payments.refundStarsCharge#25ae8f4a user_id:inputUserSelf#f7c1b13f charge_id:"abc"
    let bytes = [
        0x4a, 0x8f, 0xae, 0x25, 0x3f, 0xb1, 0xc1, 0xf7, 0x03, b'a', b'b', b'c',
    ];
    let (code, out, err) = run(
        &args("decode", &s, &["--type", "payments.refundStarsCharge"]),
        &bytes,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"_": "payments.refundStarsCharge", "user_id": {"_": "inputUserSelf"}, "charge_id": "abc"})
    );
}

#[test]
fn encode_prints_lowercase_hex_and_raw() {
    let Some(s) = telegram() else { return };
    let json = br#"{"_":"payments.refundStarsCharge","user_id":{"_":"inputUser","user_id":"1","access_hash":"-1"},"charge_id":""}"#;
    let (code, out, err) = run(
        &args("encode", &s, &["--type", "payments.refundStarsCharge"]),
        json,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        String::from_utf8(out).unwrap(),
        // id, inputUser#f21158c6, user_id 1, access_hash -1, empty string + 3 bytes padding
        "4a8fae25c65811f2 0100000000000000 ffffffffffffffff 00000000\n".replace(' ', "")
    );
    let (code, out, _) = run(
        &args(
            "encode",
            &s,
            &["--type", "payments.refundStarsCharge", "--raw"],
        ),
        json,
    );
    assert_eq!(code, 0);
    assert_eq!(out.len(), 28);
}

#[test]
fn encode_then_decode_round_trips() {
    let Some(s) = telegram() else { return };
    let json = r#"{"_":"updateShortSentMessage","out":true,"id":7,"pts":8,"pts_count":1,"date":1700000000,"ttl_period":60}"#;
    let (code, hex, err) = run(&args("encode", &s, &["--type", "Updates"]), json.as_bytes());
    assert_eq!(code, 0, "{err}");
    let hex = String::from_utf8(hex).unwrap();
    let (code, out, err) = run(
        &args("decode", &s, &["--type", "Updates", "--hex", hex.trim()]),
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let back: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let sent: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(back, sent);
}

#[test]
fn decode_a_reply_with_an_rpc_error() {
    let Some(s) = telegram() else { return };
    // rpc_result, req_msg_id, rpc_error 400 "CHARGE_ALREADY_REFUNDED" (23 bytes, no padding)
    let hex = "016d5cf3 0807060504030201 19ca4421 90010000 17 4348415247455f414c52454144595f524546554e444544";
    let (code, out, err) = run(
        &args(
            "decode",
            &s,
            &[
                "--reply",
                "--type",
                "payments.refundStarsCharge",
                "--hex",
                hex,
            ],
        ),
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["req_msg_id"], "72623859790382856");
    assert_eq!(v["result"]["error_code"], 400);
    assert_eq!(v["result"]["name"], "CHARGE_ALREADY_REFUNDED");
}

#[test]
fn decode_a_gzip_packed_reply() {
    let Some(s) = telegram() else { return };
    let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    packed.write_all(&[0x7e, 0xaf, 0x17, 0xe3]).unwrap(); // updatesTooLong
    let packed = packed.finish().unwrap();
    let mut bytes = vec![
        0x01, 0x6d, 0x5c, 0xf3, 1, 0, 0, 0, 0, 0, 0, 0, 0xa1, 0xcf, 0x72, 0x30,
    ];
    assert!(packed.len() < 254);
    bytes.push(packed.len() as u8);
    bytes.extend(&packed);
    while bytes.len() % 4 != 0 {
        bytes.push(0);
    }
    let (code, out, err) = run(
        &args("decode", &s, &["--reply", "--type", "Updates"]),
        &bytes,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["result"], serde_json::json!({"_": "updatesTooLong"}));
}

#[test]
fn bad_input_gets_a_message_and_exit_1() {
    let Some(s) = telegram() else { return };
    let cases: &[(&[&str], &[u8], &str)] = &[
        (&["decode", "--type", "Updates", "--hex", "7eaf17e"], b"", "tl: error: invalid hex: 7 digits, an odd number (every byte is two digits)\n"),
        (&["decode", "--type", "Updates", "--hex", "7eaf17xx"], b"", "tl: error: invalid hex: `x` at character 7 is not a hex digit\n"),
        (&["decode", "--type", "Updatez", "--hex", "00"], b"", "tl: error: unknown type `Updatez`; did you mean one of `Update`, `Updates`, `updates`?\n"),
        (&["decode", "--type", "Updates", "--hex", "7eaf17e300"], b"", "tl: error: cannot decode Updates: at byte 4: 1 byte left over after the value\n"),
        (&["decode", "--type", "Updates", "--hex", "7eaf17"], b"", "tl: error: cannot decode Updates: at byte 0: unexpected end of input: needed 4 bytes, 3 available\n"),
        (&["decode", "--type", "Updates", "--hex", "01020304"], b"", "tl: error: cannot decode Updates: at byte 0: unknown constructor id 0x04030201 while reading Updates\n"),
        (&["encode", "--type", "InputUser"], b"{bad", "tl: error: invalid JSON on standard input: key must be a string at line 1 column 2\n"),
        (&["encode", "--type", "InputUser"], br#"{"_":"inputUsr"}"#, "tl: error: at $._: unknown constructor `inputUsr` (expected InputUser); did you mean `inputUser`?\n"),
        (&["encode", "--type", "InputUser"], br#"{"_":"inputUser","user_id":5}"#, "tl: error: at $: missing field `access_hash` of `inputUser`\n"),
        (&["encode", "--type", "Updates"], br#"{"_":"updateShortSentMessage","out":false,"id":5000000000,"pts":1,"pts_count":1,"date":1}"#, "tl: error: at $.id: 5000000000 is out of range for `int`\n"),
        (&["encode", "--type", "Updates"], br#"{"_":"updatesCombined","updates":[{"_":"updateDeleteMessages","messages":[1,"two"],"pts":1,"pts_count":1}],"users":[],"chats":[],"date":1,"seq_start":1,"seq":1}"#, "tl: error: at $.updates[0].messages[1]: expected a number (int), found string \"two\"\n"),
    ];
    for (a, stdin, expected) in cases {
        let full = args(a[0], &s, &a[1..]);
        let (code, out, err) = run(&full, stdin);
        assert_eq!((code, err.as_str()), (1, *expected), "{a:?}");
        assert!(out.is_empty());
        assert!(!err.contains("panicked") && !err.contains("backtrace"));
    }
}

#[test]
fn a_schema_with_errors_is_refused_with_its_locations() {
    let bad = temp_file("codec-bad.tl", "a x: = A;\n");
    let (code, out, err) = tl(&["decode", "--schema", &bad, "--type", "A", "--hex", "00"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.starts_with("tl: error: the schema has errors:\n"),
        "{err}"
    );
    assert!(
        err.contains("codec-bad.tl:1:6: error: expected a type after `:`, found `=`"),
        "{err}"
    );
}

#[test]
fn conflicting_schema_files_are_an_error() {
    let a = temp_file("codec-a.tl", "x = X;\n");
    let b = temp_file("codec-b.tl", "x y:int = X;\n");
    let (code, _, err) = tl(&[
        "decode", "--schema", &a, "--schema", &b, "--type", "X", "--hex", "",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: `x` conflicts with its definition at"),
        "{err}"
    );
}

//! `tl decode` and `tl encode` over the hand-written golden vectors: the bytes decode to the
//! vector's JSON, and that JSON encodes back to the same bytes.

mod common;
use common::{corpus, tl_with_input};
use tl_tests::golden;

fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let (code, out, err) = tl_with_input(args, stdin);
    (code, String::from_utf8(out).unwrap(), err)
}

#[test]
fn every_golden_vector_round_trips_through_encode_and_decode() {
    let Some(dir) = corpus() else { return };
    let api = dir
        .join("telegram/api-layer230.tl")
        .to_string_lossy()
        .into_owned();
    let mt = dir
        .join("telegram/mtproto.tl")
        .to_string_lossy()
        .into_owned();
    let schema = ["--schema", api.as_str(), "--schema", mt.as_str()];
    let mut n = 0;
    for g in golden::all() {
        let hex: String = g.bytes().iter().map(|b| format!("{b:02x}")).collect();
        let mut args = vec!["decode"];
        args.extend(schema);
        args.extend(["--type", g.tl_type]);
        // Long values go as raw bytes on stdin (an argument is limited to 128 KiB); the
        // others as --hex, so both inputs are covered.
        let bytes = g.bytes();
        let stdin: &[u8] = if hex.len() > 4096 {
            &bytes
        } else {
            args.extend(["--hex", &hex]);
            b""
        };
        let (code, json, err) = run(&args, stdin);
        assert_eq!(code, 0, "{}: {err}", g.name);
        let got: serde_json::Value = serde_json::from_str(&json).unwrap();
        let want: serde_json::Value = serde_json::from_str(&g.json_text()).unwrap();
        assert_eq!(got, want, "{}: decoded JSON", g.name);

        let mut args = vec!["encode"];
        args.extend(schema);
        args.extend(["--type", g.tl_type]);
        let (code, out, err) = run(&args, json.as_bytes());
        assert_eq!(code, 0, "{}: {err}", g.name);
        assert_eq!(out, format!("{hex}\n"), "{}: encoded bytes", g.name);
        n += 1;
    }
    assert_eq!(n, 44);
}

//! `rpc_result`, `gzip_packed` and `rpc_error`, from bytes written out by hand.

use flate2::write::GzEncoder;
use std::io::Write;
use tl_runtime::bytes::Bytes;
use tl_runtime::rpc::{read_rpc_result, RpcError};
use tl_runtime::{DecodeErrorKind, Serialize};

/// Hex digits with blanks and `--` comments (to the end of the line) ignored.
fn hex(s: &str) -> Vec<u8> {
    let s: String = s
        .lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .flat_map(|l| l.split_whitespace())
        .collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// `rpc_result` header: id f35c6d01, then req_msg_id 0x0102030405060708.
const HEADER: &str = "016d5cf3 0807060504030201";

#[test]
fn a_vector_of_longs() {
    let bytes = hex(&format!(
        "{HEADER}
         15c4b51c 02000000        -- Vector, 2 elements
         0100000000000000         -- 1
         ffffffffffffffff         -- -1"
    ));
    let r = read_rpc_result::<Vec<i64>>(bytes).unwrap();
    assert_eq!(r.req_msg_id, 0x0102030405060708);
    assert_eq!(r.result, Ok(vec![1, -1]));
}

fn error_reply(code_hex: &str, message_hex: &str) -> Vec<u8> {
    hex(&format!("{HEADER} 19ca4421 {code_hex} {message_hex}"))
}

#[test]
fn the_refund_errors() {
    // 400 = 0x190; "CHARGE_ALREADY_REFUNDED" is 23 bytes: prefix 0x17, 24 in all, no padding.
    let r = read_rpc_result::<Vec<i64>>(error_reply(
        "90010000",
        "17 4348415247455f414c52454144595f524546554e444544",
    ))
    .unwrap();
    let e = r.result.unwrap_err();
    assert_eq!(
        (e.code, e.name.as_str(), e.value),
        (400, "CHARGE_ALREADY_REFUNDED", None)
    );
    // "USER_BOT_REQUIRED" is 17 bytes: 1 + 17 = 18, two bytes of padding.
    let r = read_rpc_result::<Vec<i64>>(error_reply(
        "90010000",
        "11 555345525f424f545f5245515549524544 0000",
    ))
    .unwrap();
    assert_eq!(
        r.result.unwrap_err(),
        RpcError::new(400, "USER_BOT_REQUIRED")
    );
    // "USER_ID_INVALID" is 15 bytes: 1 + 15 = 16, no padding.
    let r =
        read_rpc_result::<Vec<i64>>(error_reply("90010000", "0f 555345525f49445f494e56414c4944"))
            .unwrap();
    assert!(r.result.unwrap_err().is("USER_ID_INVALID"));
}

#[test]
fn flood_wait_carries_its_seconds() {
    // 420 = 0x1a4; "FLOOD_WAIT_30" is 13 bytes: 1 + 13 = 14, two bytes of padding.
    let r = read_rpc_result::<bool>(error_reply(
        "a4010000",
        "0d 464c4f4f445f574149545f3330 0000",
    ))
    .unwrap();
    let e = r.result.unwrap_err();
    assert_eq!(
        (e.code, e.name.as_str(), e.value),
        (420, "FLOOD_WAIT", Some(30))
    );
}

fn packed_reply(inner: &[u8]) -> Vec<u8> {
    let mut out = hex(&format!("{HEADER} a1cf7230"));
    Bytes::from(gzip(inner)).serialize(&mut out);
    out
}

#[test]
fn a_gzip_packed_value() {
    // Vector<long> of 1000 elements compresses well; Telegram packs large replies like this.
    let values: Vec<i64> = (0..1000).collect();
    let r = read_rpc_result::<Vec<i64>>(packed_reply(&values.to_bytes())).unwrap();
    assert_eq!(r.result, Ok(values));
}

#[test]
fn a_gzip_packed_error() {
    let inner = hex("19ca4421 90010000 0f 555345525f49445f494e56414c4944");
    let r = read_rpc_result::<Vec<i64>>(packed_reply(&inner)).unwrap();
    assert!(r.result.unwrap_err().is("USER_ID_INVALID"));
}

#[test]
fn a_decompression_bomb_is_refused() {
    let bomb = vec![0u8; 17 << 20];
    let e = read_rpc_result::<Vec<i64>>(packed_reply(&bomb)).unwrap_err();
    // At packed_data, after the gzip_packed id.
    assert_eq!(e.position, 16);
    assert_eq!(
        e.kind,
        DecodeErrorKind::InflatedTooLarge { limit: 16 << 20 }
    );
}

#[test]
fn data_that_is_not_gzip_is_an_error() {
    let mut bytes = hex(&format!("{HEADER} a1cf7230"));
    Bytes::from_static(b"not gzip").serialize(&mut bytes);
    let e = read_rpc_result::<Vec<i64>>(bytes).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::InvalidGzip { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("at byte 16: gzip_packed data does not inflate: "),
        "{e}"
    );
}

#[test]
fn trouble_inside_the_packed_data_points_at_the_gzip_packed() {
    let e =
        read_rpc_result::<Vec<i64>>(packed_reply(&hex("15c4b51c 02000000 01000000"))).unwrap_err();
    assert_eq!(e.position, 12);
    assert!(
        matches!(e.kind, DecodeErrorKind::VectorTooLong { count: 2, .. }),
        "{e}"
    );
}

#[test]
fn a_foreign_envelope_is_an_unknown_constructor() {
    let e = read_rpc_result::<bool>(hex("01020304")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "at byte 0: unknown constructor id 0x04030201 while reading rpc_result"
    );
}

#[test]
fn trailing_bytes_after_the_reply_are_refused() {
    let bytes = hex(&format!("{HEADER} b5757299 00000000"));
    let e = read_rpc_result::<bool>(bytes).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::TrailingBytes { count: 4 });
    assert_eq!(e.position, 16);
}

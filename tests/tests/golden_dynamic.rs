//! The golden vectors of `tl_tests::golden` against the schema-driven codec
//! (`tl_runtime::dynamic::Registry`) over the real Telegram schema, LAYER 230.
//!
//! Each vector is checked both ways: its bytes decode to its JSON, and its JSON encodes to its
//! bytes. The replies (`rpc_result`) are read with `tl_runtime::rpc::read_rpc_result`, and the
//! envelope once more by hand, since the dynamic registry cannot hold `rpc_result` or
//! `gzip_packed` (mtproto.tl comments them out).
//!
//! The schema is read from the corpus beside the checkout (`../shared/tl-corpus`) or from
//! `$TL_CORPUS`. Without it the tests pass with a note, except under `CI=true`, where a missing
//! corpus must not let the golden tests pass unseen.

use std::io::{Read, Write};
use std::sync::OnceLock;

use flate2::write::GzEncoder;
use serde_json::Value as Json;
use tl_runtime::dynamic::Registry;
use tl_runtime::rpc::{read_rpc_result, GZIP_PACKED_ID, RPC_RESULT_ID};
use tl_runtime::{Deserialize, Reader};
use tl_tests::golden::{self, RpcGolden, RPC_RESULTS, RPC_RESULT_HEADER_LEN};

/// The schema files, relative to the corpus directory.
const SCHEMA_FILES: [&str; 2] = ["telegram/api-layer230.tl", "telegram/mtproto.tl"];

/// The registry over api-layer230.tl + mtproto.tl; `None` (after a note) when the corpus is
/// absent outside CI.
fn registry() -> Option<&'static Registry> {
    static REGISTRY: OnceLock<Option<Registry>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| {
            let dir = tl_tests::corpus()?;
            let sources: Vec<String> = SCHEMA_FILES
                .iter()
                .map(|f| {
                    let path = dir.join(f);
                    std::fs::read_to_string(&path)
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                })
                .collect();
            let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
            Some(Registry::from_sources(&sources).expect("the corpus schemas load"))
        })
        .as_ref()
}

/// Parses a vector's JSON, naming the vector if it is malformed.
fn parse_json(name: &str, text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: bad JSON in the vector: {e}"))
}

/// The first place where two JSON values differ, as a path and both sides (shortened: some
/// strings are 70,000 bytes long).
fn json_difference(got: &Json, want: &Json, path: &str) -> Option<String> {
    match (got, want) {
        (Json::Object(g), Json::Object(w)) => {
            for key in w.keys().chain(g.keys()) {
                let sub = format!("{path}.{key}");
                match (g.get(key), w.get(key)) {
                    (Some(a), Some(b)) => {
                        if let Some(d) = json_difference(a, b, &sub) {
                            return Some(d);
                        }
                    }
                    (None, _) => return Some(format!("{sub}: missing from the decoded JSON")),
                    (_, None) => return Some(format!("{sub}: not in the vector's JSON")),
                }
            }
            None
        }
        (Json::Array(g), Json::Array(w)) if g.len() == w.len() => g
            .iter()
            .zip(w)
            .enumerate()
            .find_map(|(i, (a, b))| json_difference(a, b, &format!("{path}[{i}]"))),
        _ if got == want => None,
        _ => Some(format!(
            "{path}: got {}, want {}",
            shorten(&got.to_string()),
            shorten(&want.to_string())
        )),
    }
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(200) {
        Some((at, _)) => format!("{}... ({} bytes)", &s[..at], s.len()),
        None => s.to_string(),
    }
}

fn assert_json_eq(name: &str, what: &str, got: &Json, want: &Json) {
    if let Some(d) = json_difference(got, want, "$") {
        panic!("{name}: {what}: {d}");
    }
}

/// Compares bytes, reporting the first differing offset with some hex around it rather than
/// printing up to 70,000 bytes.
fn assert_bytes_eq(name: &str, what: &str, got: &[u8], want: &[u8]) {
    if got == want {
        return;
    }
    let at = got
        .iter()
        .zip(want)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    let window = |b: &[u8]| -> String {
        let start = at.saturating_sub(8);
        let end = (at + 16).min(b.len());
        b[start.min(end)..end]
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect()
    };
    panic!(
        "{name}: {what}: first difference at byte {at} (got {} bytes, want {}):\n  got  ...{}\n  want ...{}",
        got.len(),
        want.len(),
        window(got),
        window(want)
    );
}

/// Bytes → value → JSON equals the vector's JSON; the vector's JSON → value → bytes equals
/// its bytes.
fn check(name: &str) {
    let Some(reg) = registry() else { return };
    let g = golden::find(name).unwrap_or_else(|| panic!("no vector named {name}"));
    let bytes = g.bytes();
    let want = parse_json(name, &g.json_text());

    let decoded = reg
        .decode(g.tl_type, bytes.clone())
        .unwrap_or_else(|e| panic!("{name}: decoding as {}: {e}", g.tl_type));
    assert_json_eq(name, "bytes → JSON", &decoded.to_json(), &want);

    let value = reg
        .value_from_json(g.tl_type, &want)
        .unwrap_or_else(|e| panic!("{name}: reading the JSON as {}: {e}", g.tl_type));
    let encoded = reg
        .encode(g.tl_type, &value)
        .unwrap_or_else(|e| panic!("{name}: encoding: {e}"));
    assert_bytes_eq(name, "JSON → bytes", &encoded, &bytes);
}

/// One test per vector, named after it, so a failure (or an `#[ignore]`d codec bug) points at
/// one vector; `TESTED` lists them for the completeness check.
macro_rules! golden_tests {
    ($check:ident, $tested:ident: $($(#[$attr:meta])* $name:ident),* $(,)?) => {
        $(
            #[test]
            $(#[$attr])*
            fn $name() {
                $check(stringify!($name));
            }
        )*
        const $tested: &[&str] = &[$(stringify!($name)),*];
    };
}

golden_tests! {
    check, TESTED:
    // payments.refundStarsCharge
    refund_input_user_empty_charge_id,
    refund_input_user_self_1_byte,
    refund_from_message_2_bytes_utf8,
    refund_from_message_3_bytes_ascii,
    refund_input_user_3_bytes_utf8,
    refund_input_user_self_9_bytes_utf8,
    refund_input_user_253_bytes_ascii,
    refund_input_user_self_253_bytes_utf8,
    refund_from_message_254_bytes_ascii,
    refund_input_user_254_bytes_utf8,
    refund_input_user_self_255_bytes_ascii,
    refund_from_message_255_bytes_utf8,
    refund_input_user_300_bytes_ascii,
    refund_input_user_self_300_bytes_utf8,
    refund_from_message_70000_bytes_ascii,
    refund_input_user_70000_bytes_utf8,
    // Updates
    updates_too_long,
    short_message_no_flags,
    short_message_all_flags,
    short_message_only_out,
    short_message_only_mentioned,
    short_message_only_media_unread,
    short_message_only_silent,
    short_message_only_fwd_from,
    short_message_only_via_bot_id,
    short_message_only_reply_to,
    short_message_only_entities,
    short_message_only_ttl_period,
    short_chat_message_no_flags,
    short_chat_message_all_flags,
    short_chat_message_out_silent,
    short_chat_message_mentioned_media_unread_fwd_from_name,
    short_chat_message_via_bot_reply_to_entities_ttl_period,
    short_sent_message_no_flags,
    short_sent_message_all_flags,
    short_sent_message_only_out,
    short_sent_message_only_media,
    short_sent_message_only_entities,
    short_sent_message_only_ttl_period,
    short_delete_messages,
    short_new_message,
    updates_combined,
    updates_with_message_user_and_chat,
    updates_empty,
}

// ---- rpc_result ------------------------------------------------------------------------------

/// A result of type `Updates` read by the dynamic codec, so that `read_rpc_result::<T>` can be
/// exercised before generated types exist.
#[derive(Debug)]
struct DynUpdates(Json);

impl Deserialize for DynUpdates {
    fn decode(r: &mut Reader) -> Self {
        let reg = registry().expect("the registry is loaded before any reply is read");
        let updates = reg.resolve("Updates").expect("Updates is in the schema");
        // A `Result`-returning decoder records its error in the reader, as `decode` must.
        match updates.decode_from(r) {
            Ok(v) => Self(v.to_json()),
            Err(e) => {
                r.fail(e);
                Self(Json::Null)
            }
        }
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("writing to a Vec");
    e.finish().expect("writing to a Vec")
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

/// The reply's bytes (for a gzip-packed one, with its `packed` bytes compressed in).
fn rpc_bytes(g: &RpcGolden) -> Vec<u8> {
    if g.is_gzip_packed() {
        g.bytes_with_packed_data(&gzip(&g.result_bytes()))
    } else {
        g.bytes()
    }
}

/// Reads the envelope by hand: `rpc_result` id, `req_msg_id`, then either the result itself
/// or a `gzip_packed` whose framing (id, length prefix, data, zero padding, nothing after) is
/// checked here. Returns a reader at the start of the result: the envelope's own reader, or
/// one over the unpacked bytes.
fn open_envelope(g: &RpcGolden, bytes: &[u8]) -> Reader {
    let name = g.name;
    let mut r = Reader::new(bytes.to_vec());
    assert_eq!(r.read_u32(), Ok(RPC_RESULT_ID), "{name}: rpc_result id");
    assert_eq!(
        i64::deserialize(&mut r),
        Ok(g.req_msg_id),
        "{name}: req_msg_id"
    );
    assert_eq!(r.position(), RPC_RESULT_HEADER_LEN);
    if !g.is_gzip_packed() {
        return r;
    }
    assert_eq!(r.read_u32(), Ok(GZIP_PACKED_ID), "{name}: gzip_packed id");
    let (prefix, len) = match r.read_u8().unwrap() {
        0xfe => {
            let [a, b, c] = r.read_array().unwrap();
            (4, u32::from_le_bytes([a, b, c, 0]) as usize)
        }
        short => (1, usize::from(short)),
    };
    assert!(
        prefix == 1 || len >= 254,
        "{name}: long form for a short length"
    );
    let packed = r
        .read_bytes(len)
        .expect("packed_data as long as its prefix says");
    let padding = (4 - (prefix + len) % 4) % 4;
    let pad = r.read_bytes(padding).expect("padding present");
    assert!(pad.iter().all(|&b| b == 0), "{name}: padding is zeros");
    assert!(r.is_empty(), "{name}: nothing after packed_data");
    let inner = gunzip(&packed);
    assert_bytes_eq(name, "packed data", &inner, &g.result_bytes());
    Reader::new(inner)
}

/// A reply: the envelope by hand, the result decoded and encoded by the registry, and the whole
/// read by `read_rpc_result`.
fn check_rpc(name: &str) {
    let Some(reg) = registry() else { return };
    let g = golden::find_rpc(name).unwrap_or_else(|| panic!("no reply vector named {name}"));
    let bytes = rpc_bytes(g);
    let want = parse_json(name, g.json);
    let body = g.result_bytes();

    // The result, read where the envelope leaves off, must take all the bytes that are left.
    let mut r = open_envelope(g, &bytes);
    let decoded = reg
        .decode_prefix(g.result_type, &mut r)
        .unwrap_or_else(|e| panic!("{name}: decoding the result as {}: {e}", g.result_type));
    assert!(r.is_empty(), "{name}: bytes left after the result");
    assert_json_eq(name, "result bytes → JSON", &decoded.to_json(), &want);

    let value = reg
        .value_from_json(g.result_type, &want)
        .unwrap_or_else(|e| panic!("{name}: reading the JSON: {e}"));
    let encoded = reg
        .encode(g.result_type, &value)
        .unwrap_or_else(|e| panic!("{name}: encoding: {e}"));
    assert_bytes_eq(name, "JSON → result bytes", &encoded, &body);

    let reply = read_rpc_result::<DynUpdates>(bytes)
        .unwrap_or_else(|e| panic!("{name}: read_rpc_result: {e}"));
    assert_eq!(reply.req_msg_id, g.req_msg_id, "{name}: req_msg_id");
    match (g.result_type, reply.result) {
        ("Updates", Ok(DynUpdates(got))) => assert_json_eq(name, "read_rpc_result", &got, &want),
        ("RpcError", Err(e)) => {
            assert_eq!(
                Some(i64::from(e.code)),
                want["error_code"].as_i64(),
                "{name}"
            );
            assert_eq!(
                Some(e.message.as_str()),
                want["error_message"].as_str(),
                "{name}"
            );
        }
        (ty, got) => panic!("{name}: expected a {ty}, read_rpc_result gave {got:?}"),
    }
}

golden_tests! {
    check_rpc, TESTED_RPC:
    rpc_updates_too_long,
    rpc_update_short,
    rpc_gzip_packed_updates,
    rpc_error_charge_already_refunded,
    rpc_error_user_bot_required,
    rpc_error_user_id_invalid,
    rpc_gzip_packed_error_user_id_invalid,
}

/// A vector added to the data without a test here would never be checked.
#[test]
fn every_vector_has_a_test() {
    let mut data: Vec<&str> = golden::all().map(|g| g.name).collect();
    let mut tested = TESTED.to_vec();
    data.sort_unstable();
    tested.sort_unstable();
    assert_eq!(tested, data);

    let mut data: Vec<&str> = RPC_RESULTS.iter().map(|g| g.name).collect();
    let mut tested = TESTED_RPC.to_vec();
    data.sort_unstable();
    tested.sort_unstable();
    assert_eq!(tested, data);
}

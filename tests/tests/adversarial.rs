//! Hostile input, each case a named test: it must give the exact error kind, quickly, and
//! allocate no more than a small multiple of its own size. Wire cases go through both the
//! generated API and the schema-driven codec, which must fail identically.
//!
//! Allocation is counted by wrapping the system allocator (`stats_alloc`). The counter is global,
//! so every test of this binary holds one lock for its whole run ([`turn`]): a lock around the
//! measured call alone let another test's setup (building a 10 MB schema) land in the count.

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use std::sync::{Mutex, MutexGuard, OnceLock};
use tl_parser::DiagnosticKind;
use tl_runtime::dynamic::Registry;
use tl_runtime::{DecodeErrorKind, NonCanonical};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

static TURN: Mutex<()> = Mutex::new(());

/// Taken first by every test, so that no other test allocates while one measures.
fn turn() -> MutexGuard<'static, ()> {
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` and returns its result with the bytes allocated meanwhile (call it holding
/// [`turn`]).
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let region = Region::new(GLOBAL);
    let out = f();
    (out, region.change().bytes_allocated)
}

/// Asserts that `allocated` is within a small multiple of the input.
#[track_caller]
fn bounded(allocated: usize, input: usize) {
    assert!(
        allocated <= 4 * input + (64 << 10),
        "allocated {allocated} bytes for {input} bytes of input"
    );
}

/// The Telegram API (layer 230 and MTProto), loaded once.
fn registry() -> Option<&'static Registry> {
    static REG: OnceLock<Option<Registry>> = OnceLock::new();
    REG.get_or_init(|| {
        let dir = tl_tests::corpus()?;
        let api = std::fs::read_to_string(dir.join("telegram/api-layer230.tl")).unwrap();
        let mt = std::fs::read_to_string(dir.join("telegram/mtproto.tl")).unwrap();
        Some(Registry::from_sources(&[&api, &mt]).unwrap())
    })
    .as_ref()
}

/// Decodes `bytes` as `ty` with the generated API of `tl_runtime::telegram`.
fn generated(ty: &str, bytes: Vec<u8>) -> Result<(), tl_runtime::DecodeError> {
    use tl_runtime::telegram::enums;
    use tl_runtime::Deserialize;
    match ty {
        "Vector<long>" => Vec::<i64>::from_bytes(bytes).map(drop),
        "RichText" => enums::RichText::from_bytes(bytes).map(drop),
        "Vector<RichText>" => Vec::<enums::RichText>::from_bytes(bytes).map(drop),
        "Bool" => bool::from_bytes(bytes).map(drop),
        other => panic!("no generated type for {other}"),
    }
}

/// Decodes `bytes` as `ty` with both codecs, checks that each fails in the same way within
/// bounded memory, and returns the error kind and position.
fn decode_err(ty: &str, bytes: Vec<u8>) -> Option<(DecodeErrorKind, usize)> {
    let reg = registry()?;
    let len = bytes.len();
    let (result, allocated) = measured(|| generated(ty, bytes.clone()));
    bounded(allocated, len);
    let from_generated = result.expect_err("hostile input must not decode (generated)");
    let ty = reg.resolve(ty).unwrap();
    let (result, allocated) = measured(|| ty.decode(bytes));
    bounded(allocated, len);
    let e = result.expect_err("hostile input must not decode");
    assert_eq!(
        from_generated, e,
        "the generated API and the dynamic codec disagree"
    );
    Some((e.kind, e.position))
}

fn le(id: u32) -> [u8; 4] {
    id.to_le_bytes()
}

const VECTOR: u32 = 0x1cb5c415;

#[test]
fn vector_count_of_2_pow_31_minus_1_followed_by_8_bytes() {
    let _turn = turn();
    let mut b = le(VECTOR).to_vec();
    b.extend(le(0x7fff_ffff));
    b.extend([0; 8]);
    let Some((kind, at)) = decode_err("Vector<long>", b) else {
        return;
    };
    assert_eq!(
        kind,
        DecodeErrorKind::VectorTooLong {
            count: 0x7fff_ffff,
            min_element_len: 8,
            available: 8
        }
    );
    assert_eq!(at, 4);
}

#[test]
fn string_length_prefix_pointing_past_the_end() {
    let _turn = turn();
    // textPlain#744694e0 text:string, the length says 16, three bytes follow.
    let mut b = le(0x744694e0).to_vec();
    b.extend([16, b'a', b'b', b'c']);
    let Some((kind, at)) = decode_err("RichText", b) else {
        return;
    };
    // 16 bytes of data and 3 of padding are needed.
    assert_eq!(
        kind,
        DecodeErrorKind::UnexpectedEnd {
            needed: 19,
            available: 3
        }
    );
    assert_eq!(at, 5);
}

#[test]
fn fe_prefix_with_a_3_byte_length_beyond_the_input() {
    let _turn = turn();
    let mut b = le(0x744694e0).to_vec();
    b.extend([0xfe, 0xff, 0xff, 0xff, b'x', 0, 0, 0]);
    let Some((kind, at)) = decode_err("RichText", b) else {
        return;
    };
    assert_eq!(
        kind,
        DecodeErrorKind::UnexpectedEnd {
            // 0xffffff bytes of data and 1 of padding.
            needed: 0x100_0000,
            available: 4
        }
    );
    assert_eq!(at, 8);
}

#[test]
fn ff_length_prefix() {
    let _turn = turn();
    let mut b = le(0x744694e0).to_vec();
    b.extend([0xff, 0, 0, 0]);
    let Some((kind, at)) = decode_err("RichText", b) else {
        return;
    };
    assert_eq!(kind, DecodeErrorKind::InvalidLengthPrefix { prefix: 0xff });
    assert_eq!(at, 4);
}

#[test]
fn text_bold_nested_100000_levels() {
    let _turn = turn();
    // textBold#6724abc4 text:RichText, 100,000 times, then textEmpty#dc3d824f.
    let mut b = Vec::with_capacity(400_004);
    for _ in 0..100_000 {
        b.extend(le(0x6724abc4));
    }
    b.extend(le(0xdc3d824f));
    let Some((kind, _)) = decode_err("RichText", b) else {
        return;
    };
    assert_eq!(kind, DecodeErrorKind::TooDeep { limit: 64 });
}

#[test]
fn unknown_constructor_in_the_middle_of_a_vector() {
    let _turn = turn();
    // Vector<RichText>: textEmpty, an unknown id, textEmpty.
    let mut b = le(VECTOR).to_vec();
    b.extend(le(3));
    b.extend(le(0xdc3d824f));
    b.extend(le(0xdeadbeef));
    b.extend(le(0xdc3d824f));
    let Some((kind, at)) = decode_err("Vector<RichText>", b) else {
        return;
    };
    assert_eq!(
        kind,
        DecodeErrorKind::UnknownConstructor {
            id: 0xdeadbeef,
            type_name: "RichText"
        }
    );
    assert_eq!(at, 12);
}

#[test]
fn bool_with_a_foreign_id() {
    let _turn = turn();
    let Some((kind, at)) = decode_err("Bool", le(0x12345678).to_vec()) else {
        return;
    };
    assert_eq!(kind, DecodeErrorKind::InvalidBool { id: 0x12345678 });
    assert_eq!(at, 0);
}

#[test]
fn invalid_utf8_in_a_string() {
    let _turn = turn();
    let mut b = le(0x744694e0).to_vec();
    b.extend([3, b'a', 0xff, b'c']);
    let Some((kind, at)) = decode_err("RichText", b) else {
        return;
    };
    assert_eq!(kind, DecodeErrorKind::InvalidUtf8);
    assert_eq!(at, 6);
}

#[test]
fn non_zero_padding() {
    let _turn = turn();
    let mut b = le(0x744694e0).to_vec();
    b.extend([1, b'a', 0, 7]);
    let Some((kind, at)) = decode_err("RichText", b) else {
        return;
    };
    assert_eq!(
        kind,
        DecodeErrorKind::NonCanonical(NonCanonical::NonZeroPadding { byte: 7 })
    );
    assert_eq!(at, 7);
}

#[test]
fn trailing_bytes_after_a_top_level_value() {
    let _turn = turn();
    let mut b = le(0xdc3d824f).to_vec();
    b.extend([1, 2, 3, 4, 5]);
    let Some((kind, at)) = decode_err("RichText", b) else {
        return;
    };
    assert_eq!(kind, DecodeErrorKind::TrailingBytes { count: 5 });
    assert_eq!(at, 4);
}

fn parse_kinds(src: &str) -> Vec<DiagnosticKind> {
    let (parsed, allocated) = measured(|| tl_parser::parse(src));
    bounded(allocated, src.len());
    parsed.diagnostics.iter().map(|d| d.kind).collect()
}

#[test]
fn schema_of_10_mb_in_one_unterminated_declaration() {
    let _turn = turn();
    // Fields without end: the field limit stops it long before the end of the file.
    let src = format!("big#00000001 {}", "f:int ".repeat((10 << 20) / 6 + 1));
    assert!(src.len() >= 10 << 20);
    assert_eq!(parse_kinds(&src), [DiagnosticKind::TooLarge]);
    // One endless result type: its arguments are bounded the same way.
    let src = format!("big = Big{}", " Arg".repeat(10 << 20 >> 2));
    assert_eq!(parse_kinds(&src), [DiagnosticKind::TooLarge]);
    // One endless name: read once, then the file ends.
    let src = format!("a{}", "b".repeat(10 << 20));
    assert_eq!(parse_kinds(&src), [DiagnosticKind::Unterminated]);
}

#[test]
fn schema_with_a_10000_deep_type_application() {
    let _turn = turn();
    let src = format!(
        "deep x:{}int{} = Deep;",
        "Vector<".repeat(10_000),
        ">".repeat(10_000)
    );
    assert_eq!(parse_kinds(&src), [DiagnosticKind::TooDeep]);
    let src = format!(
        "deep x:{}int{} = Deep;",
        "(vector ".repeat(10_000),
        ")".repeat(10_000)
    );
    assert_eq!(parse_kinds(&src), [DiagnosticKind::TooDeep]);
}

/// Found by the `decode_dynamic` fuzz target: a `statsPercentValue` whose `part` is NaN. The
/// value is fine; NaN is never equal to itself, so round trips must be checked on bytes (exact)
/// and on JSON (`"NaN"`), which is what the codec guarantees.
#[test]
fn a_nan_double_round_trips_as_bytes_and_as_json() {
    let _turn = turn();
    let Some(reg) = registry() else { return };
    let input = [
        0xe0, 0x2f, 0xce, 0xcb, 0x00, 0x26, 0x3c, 0x25, 0x67, 0xff, 0xff, 0xff, 0x09, 0x73, 0x61,
        0x67, 0x65, 0x39, 0x00, 0x22,
    ];
    let ty = reg.resolve("Object").unwrap();
    let value = ty.decode(input.to_vec()).unwrap();
    let bytes = ty.encode(&value).unwrap();
    assert_eq!(bytes, input);
    let json = value.to_json();
    assert_eq!(json["_"], "statsPercentValue");
    assert_eq!(json["part"], "NaN");
    let back = reg.value_from_json("Object", &json).unwrap();
    assert_eq!(back.to_json(), json);
    // The generated API reads the same bytes, and writes them back unchanged.
    use tl_runtime::{Deserialize, Serialize};
    let generated = tl_runtime::telegram::enums::StatsPercentValue::from_bytes(input.to_vec());
    assert_eq!(generated.unwrap().to_bytes(), input);
}

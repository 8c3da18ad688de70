//! Property tests: no input panics a decoder, and encoding is a bijection on what decodes.

use bytes::Bytes;
use proptest::prelude::*;
use tl_runtime::{vector, ByteString, Deserialize, DeserializeBare, Reader, Serialize};

/// Decodes `input` as `T` both ways (whole buffer and from a reader); if the whole buffer
/// decodes, it must be canonical: encoding the value gives the input back.
fn decode_any<T: Deserialize + Serialize>(input: &[u8]) {
    if let Ok(value) = T::from_slice(input) {
        assert_eq!(value.to_bytes(), input, "accepted input must be canonical");
    }
    let _ = T::deserialize(&mut Reader::new(Bytes::copy_from_slice(input)));
}

fn decode_all(input: &[u8]) {
    decode_any::<i32>(input);
    decode_any::<u32>(input);
    decode_any::<i64>(input);
    decode_any::<bool>(input);
    decode_any::<[u8; 16]>(input);
    decode_any::<[u8; 32]>(input);
    decode_any::<String>(input);
    decode_any::<ByteString>(input);
    decode_any::<Bytes>(input);
    decode_any::<Vec<i32>>(input);
    decode_any::<Vec<String>>(input);
    decode_any::<Vec<ByteString>>(input);
    decode_any::<Vec<Vec<Bytes>>>(input);
    let _ = f64::from_slice(input);
    let _ = Vec::<i64>::deserialize_bare(&mut Reader::new(Bytes::copy_from_slice(input)));
    let _ =
        Reader::new(Bytes::copy_from_slice(input)).attempt(vector::decode_bare_of_bare::<String>);
    strings_agree(input);
}

/// A `String` and a `ByteString` accept the same inputs as the same text, and reject the rest
/// with the same error.
fn strings_agree(input: &[u8]) {
    let owned = String::from_slice(input);
    let shared = ByteString::from_slice(input);
    match (&owned, &shared) {
        (Ok(a), Ok(b)) => assert_eq!(b, a),
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("String gave {owned:?}, ByteString {shared:?}"),
    }
}

/// Bytes that often look like TL: vector headers, small counts, length prefixes.
fn tl_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(vec![0x15, 0xc4, 0xb5, 0x1c]),
        (0u8..4).prop_map(|n| vec![n, 0, 0, 0]),
        Just(vec![0xfe, 0xfe, 0x00, 0x00]),
        Just(vec![0xff]),
        any::<u8>().prop_map(|b| vec![b]),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(input in prop::collection::vec(any::<u8>(), 0..300)) {
        decode_all(&input);
    }

    #[test]
    fn tl_like_bytes_never_panic(input in tl_like()) {
        decode_all(&input);
    }

    #[test]
    fn strings_round_trip(s in ".{0,300}") {
        round_trip(ByteString::from(s.as_str()));
        round_trip(s);
    }

    #[test]
    fn strings_with_invalid_utf8_agree(
        prefix in ".{0,260}",
        bad in prop::collection::vec(any::<u8>(), 1..6),
        suffix in ".{0,10}",
    ) {
        // Written with the `bytes` encoder, so the length and padding are right and only the
        // UTF-8 can be wrong.
        let data = [prefix.as_bytes(), &bad, suffix.as_bytes()].concat();
        strings_agree(&Bytes::from(data).to_bytes());
    }

    #[test]
    fn bytes_round_trip(b in prop::collection::vec(any::<u8>(), 0..600)) {
        round_trip(Bytes::from(b));
    }

    #[test]
    fn numbers_round_trip(a in any::<i32>(), b in any::<i64>(), c in any::<u32>(), d in any::<u64>()) {
        round_trip(a);
        round_trip(b);
        round_trip(c);
        // Every bit pattern, NaNs included, must survive.
        let bytes = f64::from_bits(d).to_bytes();
        prop_assert_eq!(f64::from_slice(&bytes).unwrap().to_bits(), d);
    }

    #[test]
    fn vectors_round_trip(v in prop::collection::vec(prop::collection::vec(".{0,5}", 0..4), 0..4)) {
        let shared: Vec<Vec<ByteString>> =
            v.iter().map(|v| v.iter().map(|s| s.as_str().into()).collect()).collect();
        round_trip(shared);
        round_trip(v);
    }
}

/// encode → decode gives the value back, and encoding it again gives the same bytes.
fn round_trip<T: Serialize + Deserialize + PartialEq + std::fmt::Debug>(value: T) {
    let bytes = value.to_bytes();
    assert_eq!(bytes.len(), value.serialized_len());
    let decoded = T::from_slice(&bytes).unwrap();
    assert_eq!(decoded, value);
    assert_eq!(decoded.to_bytes(), bytes);
}

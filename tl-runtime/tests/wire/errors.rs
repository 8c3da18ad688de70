//! Every decode error kind, with the exact message a person sees, and the non-canonical input
//! policy described in the crate docs.

use crate::common::hex;
use bytes::Bytes;
use tl_runtime::{ByteString, DecodeError, DecodeErrorKind, Deserialize, NonCanonical, Reader};

fn message<T: Deserialize + std::fmt::Debug>(input: &str) -> String {
    T::from_slice(&hex(input)).unwrap_err().to_string()
}

/// The error for `input` as a TL `string`, after checking that a `String` and a `ByteString`
/// reject it with the same kind at the same byte.
fn string_message(input: &str) -> String {
    let owned = String::from_slice(&hex(input)).unwrap_err();
    let shared = ByteString::from_slice(&hex(input)).unwrap_err();
    assert_eq!(owned, shared, "String and ByteString disagree on {input:?}");
    owned.to_string()
}

#[test]
fn unexpected_end_says_how_much_was_missing() {
    assert_eq!(
        message::<i64>("01 02 03"),
        "at byte 0: unexpected end of input: needed 8 bytes, 3 available"
    );
    assert_eq!(
        string_message(""),
        "at byte 0: unexpected end of input: needed 1 byte, 0 available"
    );
}

#[test]
fn truncated_string_reports_data_and_padding_needed() {
    // length 5 after a 1-byte prefix: 5 data + 2 padding needed at byte 1, only 2 there.
    assert_eq!(
        string_message("05 | 61 62"),
        "at byte 1: unexpected end of input: needed 7 bytes, 2 available"
    );
}

#[test]
fn truncated_long_length_prefix_is_an_unexpected_end() {
    // 0xfe promises three more length bytes.
    assert_eq!(
        message::<String>("fe"),
        "at byte 1: unexpected end of input: needed 3 bytes, 0 available"
    );
    assert_eq!(
        message::<Bytes>("fe 01"),
        "at byte 1: unexpected end of input: needed 3 bytes, 1 available"
    );
}

#[test]
fn unknown_constructor_names_the_type_and_points_at_the_id() {
    assert_eq!(
        message::<Vec<i32>>("ef be ad de | 00 00 00 00"),
        "at byte 0: unknown constructor id 0xdeadbeef while reading Vector"
    );
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    // prefix, 'a', then 0xff which never occurs in UTF-8: byte 2.
    assert_eq!(
        string_message("02 | 61 ff | 00"),
        "at byte 2: string is not valid UTF-8"
    );
    let err = ByteString::from_slice(&hex("02 | 61 ff | 00")).unwrap_err();
    assert_eq!(err, DecodeError::new(2, DecodeErrorKind::InvalidUtf8));
    // Long form, bad byte after 300 good ones: 4 + 300.
    let mut input = hex("fe 2e 01 00");
    input.extend([b'a'; 300]);
    input.extend(hex("c3 28 | 00 00"));
    let err = ByteString::from_slice(&input).unwrap_err();
    assert_eq!(err, DecodeError::new(304, DecodeErrorKind::InvalidUtf8));
    assert_eq!(String::from_slice(&input).unwrap_err(), err);
}

#[test]
fn length_prefix_ff_is_invalid() {
    assert_eq!(
        message::<Bytes>("ff 00 00 00"),
        "at byte 0: invalid length prefix 0xff: a first byte of 0..=253 or 0xfe is expected"
    );
}

#[test]
fn huge_vector_count_fails_before_allocating() {
    // Vector id, count 2^31-1, then only 8 bytes.
    assert_eq!(
        message::<Vec<i64>>("15 c4 b5 1c | ff ff ff 7f | 00 00 00 00 00 00 00 00"),
        "at byte 4: vector of 2147483647 elements needs at least 17179869176 bytes, only 8 left"
    );
    let err = Vec::<Vec<i32>>::from_slice(&hex("15 c4 b5 1c | ff ff ff ff")).unwrap_err();
    assert_eq!(
        err.kind,
        DecodeErrorKind::VectorTooLong {
            count: u32::MAX,
            min_element_len: 8,
            available: 0
        }
    );
}

#[test]
fn too_deep_names_the_limit() {
    let mut r = Reader::new(Bytes::new()).with_max_depth(0);
    assert_eq!(
        r.enter().unwrap_err().to_string(),
        "at byte 0: values nested deeper than the limit of 0"
    );
}

#[test]
fn invalid_bool_shows_both_valid_ids() {
    assert_eq!(
        message::<bool>("00 00 00 00"),
        "at byte 0: invalid Bool: expected boolTrue#997275b5 or boolFalse#bc799737, found 0x00000000"
    );
}

// Non-canonical input policy.

#[test]
fn long_prefix_for_a_short_length_is_rejected() {
    // 0xfe with length 3 must have been written as the single byte 03.
    assert_eq!(
        string_message("fe 03 00 00 | 61 62 63 | 00"),
        "at byte 0: non-canonical encoding: 0xfe length prefix used for length 3 \
         (lengths below 254 use the 1-byte form)"
    );
    let err = Bytes::from_slice(&hex("fe fd 00 00")).unwrap_err();
    assert_eq!(
        err.kind,
        DecodeErrorKind::NonCanonical(NonCanonical::LongLengthPrefix { len: 253 })
    );
}

#[test]
fn long_prefix_for_length_254_is_accepted() {
    let mut input = hex("fe fe 00 00");
    input.extend([0u8; 254 + 2]);
    assert_eq!(Bytes::from_slice(&input).unwrap().len(), 254);
}

#[test]
fn non_zero_padding_is_rejected_at_the_padding_byte() {
    assert_eq!(
        string_message("01 | 61 | 00 07"),
        "at byte 3: non-canonical encoding: padding byte is 0x07, must be 0x00"
    );
}

/// Every padding length (0-3 bytes, short and long headers), with each padding byte set in
/// turn and two bytes set at once: the error names the first non-zero byte, for `string` and
/// `bytes` alike, and all-zero padding decodes.
#[test]
fn every_padding_byte_is_checked() {
    for len in (0..=9).chain(254..=258) {
        let header: Vec<u8> = if len < 254 {
            vec![len as u8]
        } else {
            vec![0xfe, len as u8, (len >> 8) as u8, 0]
        };
        let data = vec![b'x'; len];
        let pad = (header.len() + len).next_multiple_of(4) - header.len() - len;
        let record = |padding: &[u8]| [&header[..], &data, padding].concat();
        let clean = record(&vec![0; pad]);
        assert_eq!(ByteString::from_slice(&clean).unwrap().len(), len);
        assert_eq!(Bytes::from_slice(&clean).unwrap().len(), len);
        let padding_at = header.len() + len;
        for first in 0..pad {
            for also_later in [false, true] {
                let mut padding = vec![0u8; pad];
                padding[first] = 0x80 | first as u8;
                if also_later && first + 1 < pad {
                    padding[pad - 1] = 0x55;
                }
                let input = record(&padding);
                let expected = DecodeError::new(
                    padding_at + first,
                    DecodeErrorKind::NonCanonical(NonCanonical::NonZeroPadding {
                        byte: 0x80 | first as u8,
                    }),
                );
                assert_eq!(ByteString::from_slice(&input).unwrap_err(), expected);
                assert_eq!(String::from_slice(&input).unwrap_err(), expected);
                assert_eq!(Bytes::from_slice(&input).unwrap_err(), expected);
            }
        }
    }
}

#[test]
fn from_bytes_rejects_trailing_bytes() {
    assert_eq!(
        message::<i32>("01 00 00 00 | 00"),
        "at byte 4: 1 byte left over after the value"
    );
    assert_eq!(
        message::<bool>("b5 75 72 99 | 00 00 00 00"),
        "at byte 4: 4 bytes left over after the value"
    );
}

#[test]
fn deserialize_on_a_reader_leaves_trailing_bytes() {
    let mut r = Reader::new(hex("01 00 00 00 | 02 00 00 00"));
    assert_eq!(i32::deserialize(&mut r), Ok(1));
    assert_eq!(r.remaining(), 4);
    assert_eq!(i32::deserialize(&mut r), Ok(2));
    assert_eq!(r.finish(), Ok(()));
}

#[test]
fn errors_implement_std_error() {
    let err: Box<dyn std::error::Error> = Box::new(bool::from_slice(&[]).unwrap_err());
    assert!(err.to_string().starts_with("at byte 0: "));
}

//! Encodings of the built-in types, checked against bytes written by hand from the MTProto
//! serialization rules (not produced by the encoder under test).

use crate::common::{cat, hex};
use bytes::Bytes;
use tl_runtime::{ByteString, Deserialize, DeserializeBare, Reader, Serialize, SerializeBare};

/// Encodes `value`, compares with `expected`, and decodes `expected` back to `value`.
fn check<T: Serialize + Deserialize + PartialEq + std::fmt::Debug>(value: T, expected: &[u8]) {
    assert_eq!(value.serialized_len(), expected.len(), "serialized_len");
    assert_eq!(value.to_bytes(), expected, "encoding");
    assert_eq!(T::from_slice(expected).unwrap(), value, "decoding");
}

#[test]
fn int_is_4_bytes_little_endian() {
    check(1i32, &hex("01 00 00 00"));
    check(-2i32, &hex("fe ff ff ff"));
    check(0x1234_5678i32, &hex("78 56 34 12"));
}

#[test]
fn nat_is_4_bytes_little_endian() {
    check(0xdead_beefu32, &hex("ef be ad de"));
}

#[test]
fn long_is_8_bytes_little_endian() {
    check(-1i64, &hex("ff ff ff ff ff ff ff ff"));
    check(0x0102_0304_0506_0708i64, &hex("08 07 06 05 04 03 02 01"));
}

#[test]
fn double_is_ieee754_little_endian() {
    // 1.5 = 0x3ff8000000000000
    check(1.5f64, &hex("00 00 00 00 00 00 f8 3f"));
}

#[test]
fn bool_is_a_boxed_constructor() {
    check(true, &hex("b5 75 72 99")); // boolTrue#997275b5
    check(false, &hex("37 97 79 bc")); // boolFalse#bc799737
}

#[test]
fn int128_and_int256_are_raw_bytes_in_order() {
    let n: [u8; 16] = std::array::from_fn(|i| i as u8);
    check(n, &hex("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"));
    let n: [u8; 32] = std::array::from_fn(|i| 0xff - i as u8);
    check(
        n,
        &hex("ff fe fd fc fb fa f9 f8 f7 f6 f5 f4 f3 f2 f1 f0
              ef ee ed ec eb ea e9 e8 e7 e6 e5 e4 e3 e2 e1 e0"),
    );
}

fn s(len: usize) -> String {
    "a".repeat(len)
}

/// Checks `text` as a TL `string` held both ways: a `String` copy (hand-written readers) and a
/// `ByteString` slice of the input (generated code). The wire format must not tell them apart.
fn check_string(text: &str, expected: &[u8]) {
    check(text.to_owned(), expected);
    check(ByteString::from(text), expected);
}

#[test]
fn string_of_length_0_is_a_zero_length_byte_and_3_padding() {
    check_string("", &hex("00 | 00 00 00"));
}

#[test]
fn string_of_length_1_is_padded_to_4() {
    check_string(&s(1), &hex("01 | 61 | 00 00"));
}

#[test]
fn string_of_length_3_fills_4_bytes_exactly() {
    check_string("abc", &hex("03 | 61 62 63"));
}

#[test]
fn string_of_length_253_is_the_longest_short_form() {
    // 1 + 253 = 254 bytes, padded by 2 to 256.
    check_string(
        &s(253),
        &cat(&[&hex("fd"), s(253).as_bytes(), &hex("00 00")]),
    );
}

#[test]
fn string_of_length_254_uses_the_fe_form() {
    // fe + 3-byte length 0x0000fe; 4 + 254 = 258, padded by 2 to 260.
    check_string(
        &s(254),
        &cat(&[&hex("fe fe 00 00"), s(254).as_bytes(), &hex("00 00")]),
    );
}

#[test]
fn string_of_length_255() {
    // 4 + 255 = 259, padded by 1.
    check_string(
        &s(255),
        &cat(&[&hex("fe ff 00 00"), s(255).as_bytes(), &hex("00")]),
    );
}

#[test]
fn string_of_length_300() {
    // 300 = 0x00012c; 4 + 300 = 304, no padding.
    check_string(&s(300), &cat(&[&hex("fe 2c 01 00"), s(300).as_bytes()]));
}

#[test]
fn string_of_length_70000_uses_all_three_length_bytes() {
    // 70000 = 0x011170; 4 + 70000 = 70004, no padding.
    check_string(&s(70000), &cat(&[&hex("fe 70 11 01"), s(70000).as_bytes()]));
    // 70001 = 0x011171; 4 + 70001 = 70005, padded by 3.
    check_string(
        &s(70001),
        &cat(&[&hex("fe 71 11 01"), s(70001).as_bytes(), &hex("00 00 00")]),
    );
}

#[test]
fn non_ascii_string_counts_utf8_bytes() {
    // "привет" is 12 bytes of UTF-8; 1 + 12 = 13, padded by 3.
    check_string(
        "привет",
        &hex("0c | d0 bf d1 80 d0 b8 d0 b2 d0 b5 d1 82 | 00 00 00"),
    );
    // "é" is c3 a9; 1 + 2 = 3, padded by 1.
    check_string("é", &hex("02 | c3 a9 | 00"));
}

/// Where `got` starts inside `input`, if it lies within it at all.
fn offset_in(input: &Bytes, got: &str) -> Option<usize> {
    let range = input.as_ptr_range();
    let (start, end) = (got.as_ptr(), got.as_ptr().wrapping_add(got.len()));
    (range.contains(&start) && end <= range.end).then(|| start as usize - range.start as usize)
}

#[test]
fn decoded_strings_share_the_input_buffer() {
    // Short form: the data starts after the 1-byte length.
    let input = Bytes::from(hex("03 | 61 62 63"));
    let got = ByteString::from_bytes(input.clone()).unwrap();
    assert_eq!(got, "abc");
    assert_eq!(
        offset_in(&input, &got),
        Some(1),
        "zero copy: a slice of the input"
    );

    // Long form, after another value, read from a reader: the data starts at 4 + 4.
    let text = s(300);
    let input = Bytes::from(cat(&[&hex("07 00 00 00 | fe 2c 01 00"), text.as_bytes()]));
    let mut r = Reader::new(input.clone());
    assert_eq!(i32::deserialize(&mut r), Ok(7));
    let got = ByteString::deserialize(&mut r).unwrap();
    assert_eq!(got, text);
    assert_eq!(offset_in(&input, &got), Some(8));
    // The slice keeps the buffer alive on its own.
    drop((r, input));
    assert_eq!(got, text);
}

#[test]
fn owned_strings_copy_out_of_the_input() {
    let input = Bytes::from(hex("03 | 61 62 63"));
    let got = String::from_bytes(input.clone()).unwrap();
    assert_eq!(offset_in(&input, &got), None);
}

#[test]
fn bytes_are_encoded_like_strings_and_need_not_be_utf8() {
    check(Bytes::from_static(&[0xff, 0x00]), &hex("02 | ff 00 | 00"));
    check(Bytes::new(), &hex("00 00 00 00"));
}

#[test]
fn decoded_bytes_share_the_input_buffer() {
    let input = Bytes::from(hex("03 | 0a 0b 0c"));
    let got = Bytes::from_bytes(input.clone()).unwrap();
    assert_eq!(&got[..], &[0x0a, 0x0b, 0x0c]);
    assert_eq!(got.as_ptr(), input[1..].as_ptr());
}

#[test]
fn boxed_values_keep_their_box_transparent() {
    // Generated code boxes bare constructors in fields (`%T`), so the bare form of a box is
    // its content's. The boxed form is not implemented for `Box` (it would overlap the blanket
    // impl for constructors); method calls reach the content's through auto-deref.
    let value = Box::new(7i32);
    assert_eq!(value.serialized_bare_len(), 4);
    let mut out = Vec::new();
    value.serialize_bare(&mut out);
    assert_eq!(out, hex("07 00 00 00"));
    assert_eq!(value.to_bytes(), hex("07 00 00 00"));
    let mut r = Reader::new(out);
    assert_eq!(<Box<i32>>::deserialize_bare(&mut r), Ok(value));
}

/// `ByteString` skips full UTF-8 validation for text it has checked to be ASCII, eight bytes at
/// a time plus a tail. A byte of 0x80 or more at any position, in a word or in the tail, must
/// send the text to full validation: valid sequences decode as `String` does, invalid ones fail
/// as it does, at the same position.
#[test]
fn ascii_check_sees_every_byte() {
    let odd_bytes: [&[u8]; 4] = [b"\x80", b"\xff", "é".as_bytes(), "€".as_bytes()];
    // Short headers, short headers that are not ASCII themselves (128-253), long headers.
    for len in (0..40).chain(124..136).chain(248..264) {
        // Every position in short texts; the first and last dozen in long ones.
        let positions = (0..=len).filter(|&at| len < 40 || at < 12 || at + 12 > len);
        for at in positions {
            for odd in odd_bytes {
                let mut text = vec![b'a'; len];
                text.splice(at..at, odd.iter().copied());
                let mut input = match text.len() {
                    short @ 0..=253 => vec![short as u8],
                    long => vec![0xfe, long as u8, (long >> 8) as u8, 0],
                };
                input.extend_from_slice(&text);
                input.resize(input.len().next_multiple_of(4), 0);
                let owned = String::from_slice(&input);
                let shared = ByteString::from_slice(&input);
                match (&owned, &shared) {
                    (Ok(a), Ok(b)) => assert_eq!(b, a),
                    (Err(a), Err(b)) => assert_eq!(a, b),
                    // Bytes, not text: an accepted invalid text would panic in `Debug`.
                    _ => panic!(
                        "{input:02x?}: String gave {owned:?}, ByteString {:02x?}",
                        shared.as_ref().map(|s| s.as_bytes())
                    ),
                }
                assert_eq!(shared.is_ok(), std::str::from_utf8(&text).is_ok());
            }
        }
    }
}

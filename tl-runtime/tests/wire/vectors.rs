//! Vectors in their four shapes, against bytes written by hand.

use crate::common::hex;
use bytes::BufMut;
use tl_runtime::vector::*;
use tl_runtime::{Deserialize, DeserializeBare, Identifiable, Reader, Serialize, SerializeBare};

/// Hand-written like generated code:
/// `future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;`
#[derive(Debug, Clone, PartialEq)]
struct FutureSalt {
    valid_since: i32,
    valid_until: i32,
    salt: i64,
}

impl Identifiable for FutureSalt {
    const CONSTRUCTOR_ID: u32 = 0x0949d9dc;
    const NAME: &'static str = "future_salt";
}

impl SerializeBare for FutureSalt {
    fn serialized_bare_len(&self) -> usize {
        16
    }
    fn serialize_bare<B: BufMut>(&self, buf: &mut B) {
        self.valid_since.serialize(buf);
        self.valid_until.serialize(buf);
        self.salt.serialize(buf);
    }
}

impl DeserializeBare for FutureSalt {
    const MIN_BARE_LEN: usize = 16;
    fn decode_bare(r: &mut Reader) -> Self {
        Self {
            valid_since: i32::decode(r),
            valid_until: i32::decode(r),
            salt: i64::decode(r),
        }
    }
}

fn salt() -> FutureSalt {
    FutureSalt {
        valid_since: 1,
        valid_until: 2,
        salt: 3,
    }
}

const SALT_BODY: &str = "01 00 00 00 | 02 00 00 00 | 03 00 00 00 00 00 00 00";

fn write(f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::new();
    f(&mut out);
    out
}

#[test]
fn boxed_vector_of_ints_is_id_count_elements() {
    let v = vec![1i32, -1];
    let expected = hex("15 c4 b5 1c | 02 00 00 00 | 01 00 00 00 | ff ff ff ff");
    assert_eq!(v.serialized_len(), expected.len());
    assert_eq!(v.to_bytes(), expected);
    assert_eq!(Vec::<i32>::from_slice(&expected), Ok(v));
}

#[test]
fn empty_boxed_vector_is_id_and_zero_count() {
    let expected = hex("15 c4 b5 1c | 00 00 00 00");
    assert_eq!(Vec::<i64>::new().to_bytes(), expected);
    assert_eq!(Vec::<i64>::from_slice(&expected), Ok(vec![]));
}

#[test]
fn boxed_vector_of_strings_pads_each_element() {
    let v = vec!["a".to_string(), String::new()];
    let expected = hex("15 c4 b5 1c | 02 00 00 00 | 01 61 00 00 | 00 00 00 00");
    assert_eq!(v.to_bytes(), expected);
    assert_eq!(Vec::<String>::from_slice(&expected), Ok(v));
}

#[test]
fn nested_boxed_vectors_have_a_header_each() {
    let v = vec![vec![true]];
    let expected = hex("15 c4 b5 1c | 01 00 00 00 | 15 c4 b5 1c | 01 00 00 00 | b5 75 72 99");
    assert_eq!(v.to_bytes(), expected);
    assert_eq!(Vec::<Vec<bool>>::from_slice(&expected), Ok(v));
}

#[test]
fn boxed_vector_of_boxed_constructors_writes_each_id() {
    let items = [salt()];
    let expected = hex(&format!(
        "15 c4 b5 1c | 01 00 00 00 | dc d9 49 09 | {SALT_BODY}"
    ));
    assert_eq!(len_boxed_of_boxed(&items), expected.len());
    assert_eq!(write(|b| serialize_boxed_of_boxed(&items, b)), expected);
    let mut r = Reader::new(expected);
    assert_eq!(
        r.attempt(decode_boxed_of_boxed::<FutureSalt>),
        Ok(items.to_vec())
    );
    assert!(r.is_empty());
}

#[test]
fn boxed_vector_of_bare_constructors_omits_element_ids() {
    let items = [salt()];
    let expected = hex(&format!("15 c4 b5 1c | 01 00 00 00 | {SALT_BODY}"));
    assert_eq!(len_boxed_of_bare(&items), expected.len());
    assert_eq!(write(|b| serialize_boxed_of_bare(&items, b)), expected);
    let mut r = Reader::new(expected);
    assert_eq!(
        r.attempt(decode_boxed_of_bare::<FutureSalt>),
        Ok(items.to_vec())
    );
    assert!(r.is_empty());
}

#[test]
fn bare_vector_of_boxed_constructors_omits_the_vector_id() {
    let items = [salt()];
    let expected = hex(&format!("01 00 00 00 | dc d9 49 09 | {SALT_BODY}"));
    assert_eq!(len_bare_of_boxed(&items), expected.len());
    assert_eq!(write(|b| serialize_bare_of_boxed(&items, b)), expected);
    let mut r = Reader::new(expected);
    assert_eq!(
        r.attempt(decode_bare_of_boxed::<FutureSalt>),
        Ok(items.to_vec())
    );
    assert!(r.is_empty());
}

#[test]
fn bare_vector_of_bare_constructors_is_count_and_bodies() {
    // future_salts ... salts:vector<future_salt>
    let items = [salt(), salt()];
    let expected = hex(&format!("02 00 00 00 | {SALT_BODY} | {SALT_BODY}"));
    assert_eq!(len_bare_of_bare(&items), expected.len());
    assert_eq!(write(|b| serialize_bare_of_bare(&items, b)), expected);
    let mut r = Reader::new(expected);
    assert_eq!(
        r.attempt(decode_bare_of_bare::<FutureSalt>),
        Ok(items.to_vec())
    );
    assert!(r.is_empty());
}

#[test]
fn vec_bare_form_is_the_lowercase_vector() {
    let v = vec![5i32];
    let expected = hex("01 00 00 00 | 05 00 00 00");
    assert_eq!(write(|b| v.serialize_bare(b)), expected);
    let mut r = Reader::new(expected);
    assert_eq!(Vec::<i32>::deserialize_bare(&mut r), Ok(v));
}

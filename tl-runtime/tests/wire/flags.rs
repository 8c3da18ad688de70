//! Building and reading the flags word of conditional fields.

use crate::common::hex;
use tl_runtime::flags::{bit, decode_bare_if, decode_if, has};
use tl_runtime::Reader;

#[test]
fn bit_sets_only_present_fields() {
    assert_eq!(bit(true, 0) | bit(false, 1) | bit(true, 31), 0x8000_0001);
}

#[test]
fn has_reads_single_bits() {
    assert!(has(0b100, 2));
    assert!(!has(0b100, 1));
    assert!(has(0x8000_0000, 31));
}

#[test]
fn decode_if_reads_only_when_the_bit_is_set() {
    let mut r = Reader::new(hex("07 00 00 00"));
    assert_eq!(decode_if::<i32>(&mut r, 0b01, 1), None);
    assert_eq!(r.position(), 0, "absent field consumes nothing");
    assert_eq!(decode_if::<i32>(&mut r, 0b10, 1), Some(7));
    assert!(r.is_empty());
    assert_eq!(r.check(), Ok(()));
}

#[test]
fn decode_bare_if_reads_bare_values() {
    // flags.0?vector<int>
    let mut r = Reader::new(hex("01 00 00 00 | 09 00 00 00"));
    assert_eq!(decode_bare_if::<Vec<i32>>(&mut r, 1, 0), Some(vec![9]));
    assert!(r.is_empty());
    assert_eq!(r.check(), Ok(()));
}

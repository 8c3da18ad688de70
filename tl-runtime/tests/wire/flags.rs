//! Building and reading the flags word of conditional fields.

use crate::common::hex;
use tl_runtime::flags::{bit, has, read_bare_if, read_if};
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
fn read_if_reads_only_when_the_bit_is_set() {
    let mut r = Reader::new(hex("07 00 00 00"));
    assert_eq!(read_if::<i32>(&mut r, 0b01, 1), Ok(None));
    assert_eq!(r.position(), 0, "absent field consumes nothing");
    assert_eq!(read_if::<i32>(&mut r, 0b10, 1), Ok(Some(7)));
    assert!(r.is_empty());
}

#[test]
fn read_bare_if_reads_bare_values() {
    // flags.0?vector<int>
    let mut r = Reader::new(hex("01 00 00 00 | 09 00 00 00"));
    assert_eq!(read_bare_if::<Vec<i32>>(&mut r, 1, 0), Ok(Some(vec![9])));
    assert!(r.is_empty());
}

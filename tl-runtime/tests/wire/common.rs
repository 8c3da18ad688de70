//! Helpers shared by the integration tests.

/// Bytes from hex written by hand; spaces, newlines and `|` separators are ignored so the
/// expected encodings can be laid out field by field.
pub fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'|')
        .collect();
    assert!(
        digits.len().is_multiple_of(2),
        "odd number of hex digits in {s:?}"
    );
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

/// Concatenation of byte pieces, for expected encodings with a long run of data in the middle.
pub fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

//! The one error type decoding can produce.

use std::fmt;

/// Why decoding failed, and at which byte of the input.
///
/// The offset is kept apart from the kind so that callers can match on the kind without caring
/// where it happened, while the `Display` form always says where: a person reading
/// `at byte 12: unknown constructor id 0xdeadbeef while reading Updates` can find the spot in a
/// hex dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset into the input (from the start of the [`Reader`](crate::Reader)'s buffer) of the
    /// item that could not be decoded.
    pub position: usize,
    /// What went wrong.
    pub kind: DecodeErrorKind,
}

impl DecodeError {
    /// An error of `kind` at byte `position`.
    pub fn new(position: usize, kind: DecodeErrorKind) -> Self {
        Self { position, kind }
    }
}

// Display and Error are written out rather than derived with thiserror: its proc macro would
// put syn in front of every build of the runtime and the generated code.
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.position, self.kind)
    }
}

impl std::error::Error for DecodeError {}

/// What went wrong while decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input ended in the middle of a value.
    UnexpectedEnd {
        /// Bytes the value being read needs from this position on.
        needed: usize,
        /// Bytes that were left.
        available: usize,
    },
    /// A constructor id that the type being read does not have.
    UnknownConstructor {
        /// The id found on the wire.
        id: u32,
        /// The TL name of the type (or constructor) that was expected.
        type_name: &'static str,
    },
    /// A `string` whose bytes are not UTF-8.
    InvalidUtf8,
    /// A `string`/`bytes` length prefix that TL does not define (only `0xff` is left).
    InvalidLengthPrefix {
        /// The offending first byte.
        prefix: u8,
    },
    /// A vector count that cannot fit in the bytes left, checked before anything is allocated.
    VectorTooLong {
        /// The count found on the wire.
        count: u32,
        /// The fewest bytes one element can take.
        min_element_len: usize,
        /// Bytes left after the count.
        available: usize,
    },
    /// Values nested deeper than the reader allows.
    TooDeep {
        /// The reader's depth limit.
        limit: u32,
    },
    /// A valid-looking encoding that a canonical encoder would never write.
    NonCanonical(NonCanonical),
    /// Bytes left over after a complete top-level value.
    TrailingBytes {
        /// How many bytes were left.
        count: usize,
    },
    /// `gzip_packed` data that does not inflate.
    InvalidGzip {
        /// What the inflater said.
        reason: String,
    },
    /// `gzip_packed` data that inflates past the limit (a decompression bomb, or a reply far
    /// larger than any real one).
    InflatedTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A `Bool` whose id is neither `boolTrue` nor `boolFalse`.
    InvalidBool {
        /// The id found on the wire.
        id: u32,
    },
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnexpectedEnd { needed, available } => write!(
                f,
                "unexpected end of input: needed {}, {available} available",
                bytes(*needed)
            ),
            Self::UnknownConstructor { id, type_name } => {
                write!(
                    f,
                    "unknown constructor id {id:#010x} while reading {type_name}"
                )
            }
            Self::InvalidUtf8 => f.write_str("string is not valid UTF-8"),
            Self::InvalidLengthPrefix { prefix } => write!(
                f,
                "invalid length prefix {prefix:#04x}: a first byte of 0..=253 or 0xfe is expected"
            ),
            Self::VectorTooLong {
                count,
                min_element_len,
                available,
            } => write!(
                f,
                "vector of {count} elements needs at least {} bytes, only {available} left",
                (*count as u128) * (*min_element_len as u128)
            ),
            Self::TooDeep { limit } => {
                write!(f, "values nested deeper than the limit of {limit}")
            }
            Self::NonCanonical(what) => write!(f, "non-canonical encoding: {what}"),
            Self::TrailingBytes { count } => {
                write!(f, "{} left over after the value", bytes(*count))
            }
            Self::InvalidGzip { reason } => {
                write!(f, "gzip_packed data does not inflate: {reason}")
            }
            Self::InflatedTooLarge { limit } => {
                write!(
                    f,
                    "gzip_packed data inflates past the limit of {limit} bytes"
                )
            }
            Self::InvalidBool { id } => write!(
                f,
                "invalid Bool: expected boolTrue#997275b5 or boolFalse#bc799737, found {id:#010x}"
            ),
        }
    }
}

impl std::error::Error for DecodeErrorKind {}

/// `1 byte`, `2 bytes`: messages read as sentences.
fn bytes(n: usize) -> String {
    if n == 1 {
        "1 byte".to_owned()
    } else {
        format!("{n} bytes")
    }
}

/// Which non-canonical form was found; see the crate docs for the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NonCanonical {
    /// The 4-byte `0xfe` length form was used for a length below 254.
    LongLengthPrefix {
        /// The length it carried.
        len: usize,
    },
    /// A padding byte after a `string`/`bytes` was not zero.
    NonZeroPadding {
        /// The padding byte's value.
        byte: u8,
    },
}

impl fmt::Display for NonCanonical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LongLengthPrefix { len } => write!(
                f,
                "0xfe length prefix used for length {len} (lengths below 254 use the 1-byte form)"
            ),
            Self::NonZeroPadding { byte } => {
                write!(f, "padding byte is {byte:#04x}, must be 0x00")
            }
        }
    }
}

//! Runtime support for code generated from TL schemas.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod reader;

pub use bytes;
pub use error::{DecodeError, DecodeErrorKind, NonCanonical};
pub use reader::Reader;

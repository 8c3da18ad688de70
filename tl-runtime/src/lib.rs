//! Runtime support for code generated from TL schemas.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod boxed;
mod error;
pub mod flags;
pub mod primitives;
mod reader;
mod traits;
pub mod vector;

pub use bytes;
pub use error::{DecodeError, DecodeErrorKind, NonCanonical};
pub use reader::Reader;
pub use traits::{
    Deserialize, DeserializeBare, Identifiable, RemoteCall, Serialize, SerializeBare,
};

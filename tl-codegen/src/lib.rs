//! Rust code generation for TL schemas.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod names;

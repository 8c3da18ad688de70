//! Wire-format tests, in one test binary to keep link time down.

mod common;
mod errors;
mod flags;
mod primitives;
mod properties;
mod vectors;

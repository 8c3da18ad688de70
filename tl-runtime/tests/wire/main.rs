//! Wire-format tests, in one test binary to keep link time down.

mod common;
mod flags;
mod primitives;
mod vectors;

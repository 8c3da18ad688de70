//! Cross-crate tests live under `tests/tests/`; this library holds what they share: the golden
//! vectors, and the code generated from the corpus (see `build.rs`), one module per schema
//! set, so every test binary shares one copy.
#![deny(warnings)]

pub mod golden;

#[cfg(tl_corpus)]
pub mod generated;

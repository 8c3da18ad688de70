//! Cross-crate tests live under `tests/tests/`; this library holds the code generated from the
//! corpus (see `build.rs`), one module per schema set, so every test binary shares one copy.
#![deny(warnings)]

#[cfg(tl_corpus)]
pub mod generated;

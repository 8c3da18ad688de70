//! Cross-crate tests live under `tests/tests/`; this library holds the data and helpers they
//! share.

pub mod golden;

//! Cross-crate tests live under `tests/tests/`; this library only holds shared helpers.

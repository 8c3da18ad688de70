//! Cross-crate tests live under `tests/tests/`; this library holds what they share: the golden
//! vectors, and the code generated from the corpus (see `build.rs`), one module per schema
//! set, so every test binary shares one copy.
#![deny(warnings)]

pub mod golden;
pub mod random;

/// The TL corpus beside the checkout (or `$TL_CORPUS`); `None`, with a note, when it is
/// absent, except under `CI=true`, where its absence fails the test.
pub fn corpus() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("TL_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/tl-corpus")
        });
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "TL corpus not found at {}",
        dir.display()
    );
    eprintln!("note: TL corpus not found at {}; skipping", dir.display());
    None
}

#[cfg(tl_corpus)]
pub mod generated;

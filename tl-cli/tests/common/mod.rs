//! Running the built `tl` binary, and finding test data, for the end-to-end tests.

#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `tl` with `args`, feeding `stdin`: (exit code, stdout bytes, stderr).
pub fn tl_with_input<S: AsRef<std::ffi::OsStr>>(
    args: &[S],
    stdin: &[u8],
) -> (i32, Vec<u8>, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tl runs");
    // A child that exits early (bad arguments) closes its stdin; that is not a test failure.
    let _ = child.stdin.take().expect("piped stdin").write_all(stdin);
    let out = child.wait_with_output().expect("tl finishes");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs `tl` with `args`: (exit code, stdout, stderr).
pub fn tl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tl"))
        .args(args)
        .output()
        .expect("tl runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A path in the repository.
pub fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// The corpus beside the checkout (or `$TL_CORPUS`); `None` with a note when it is absent,
/// except under `CI=true`, where its absence fails the test.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("TL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(repo("../shared/tl-corpus")));
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

/// Writes `bytes` to a file of this test process's own temporary directory.
pub fn temp_file(name: &str, bytes: impl AsRef<[u8]>) -> String {
    let dir = std::env::temp_dir().join(format!("tl-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

//! Writes the golden vectors as seed inputs for the decoding fuzz targets:
//! `cargo run -p tl-tests --example fuzz_seeds` (from the repository root).

use std::path::Path;
use tl_tests::golden;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for target in ["decode_generated", "decode_dynamic"] {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir)?;
        let mut n = 0;
        for g in golden::all().filter(|g| g.tl_type == "Updates") {
            std::fs::write(dir.join(format!("{}.bin", g.name)), g.bytes())?;
            n += 1;
        }
        for g in golden::RPC_RESULTS.iter().filter(|g| !g.is_gzip_packed()) {
            std::fs::write(dir.join(format!("{}.bin", g.name)), g.bytes())?;
            n += 1;
        }
        println!("{n} seeds in {}", dir.display());
    }
    Ok(())
}

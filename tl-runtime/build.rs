//! Fetches the pinned Telegram schema and generates the Telegram API from it (feature
//! `telegram`, on by default).
//!
//! The full schema is other people's text, so it is not in the repository: it comes from the
//! `grammers-tl-types` 0.11.0 package on crates.io, which ships it as `tl/api.tl` (LAYER 230) and
//! `tl/mtproto.tl`. Cargo fetches the package (from its cache when it has it, so builds work
//! offline once it is cached) and the files are checked against pinned sha256 digests before use.

use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE: &str = "grammers-tl-types";
const VERSION: &str = "0.11.0";
/// (path in the package, where it goes in OUT_DIR, sha256)
const FILES: &[(&str, &str, &str)] = &[
    (
        "tl/api.tl",
        "api.tl",
        "0cf9e246f0178ffcae4b6c42af6034ecd797091e3ab856c2612a414810c768d7",
    ),
    (
        "tl/mtproto.tl",
        "mtproto.tl",
        "0bb29330a47686eaed858cc419a87a06e731a6054777f49f5a2005597ba019c4",
    ),
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TL_TELEGRAM_SCHEMA_DIR");
    // Without the Telegram API nothing needs the schema, and a build must not reach the network
    // for nothing.
    if std::env::var_os("CARGO_FEATURE_TELEGRAM").is_none() {
        return;
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = out.join("telegram");
    if let Err(message) = pinned_schema(&out, &dir).and_then(|()| generate(&out, &dir)) {
        // A plain message and exit status, not a panic: the reader needs the fix, not a trace.
        eprintln!("\nerror: {message}\n");
        std::process::exit(1);
    }
    println!("cargo:rustc-env=TL_TELEGRAM_SCHEMA_DIR={}", dir.display());
}

/// Generates the API from `schema/` (the declarations this project is about) together with the
/// full schema they are part of. Identical declarations merge; the seed must agree with it.
#[cfg(feature = "telegram")]
fn generate(out: &Path, dir: &Path) -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let seed = manifest.join("../schema");
    println!("cargo:rerun-if-changed={}", seed.display());
    let mut config = tl_codegen::Config::new();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&seed)
        .map_err(|e| format!("cannot read {}: {e}", seed.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tl"))
        .collect();
    seeds.sort();
    for s in &seeds {
        println!("cargo:rerun-if-changed={}", s.display());
        config.schema(s);
    }
    config
        .schema(dir.join("api.tl"))
        .schema(dir.join("mtproto.tl"))
        .runtime_path("crate")
        .decode_functions(std::env::var_os("CARGO_FEATURE_DECODE_FUNCTIONS").is_some())
        .out_dir(out)
        .file_name("telegram_api.rs");
    let generated = config.generate().map_err(|e| e.to_string())?;
    let path = out.join(config.output_name());
    // Rewriting identical output would make Cargo rebuild this crate for nothing.
    if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.code.as_str()) {
        std::fs::write(&path, &generated.code)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(not(feature = "telegram"))]
fn generate(_out: &Path, _dir: &Path) -> Result<(), String> {
    Ok(())
}

/// Puts the verified schema files into `dir`, fetching them when needed.
fn pinned_schema(out: &Path, dir: &Path) -> Result<(), String> {
    if FILES
        .iter()
        .all(|(_, name, sha)| verify(&dir.join(name), sha).is_ok())
    {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let source = match std::env::var_os("TL_TELEGRAM_SCHEMA_DIR") {
        // An explicit copy (for machines that never reach a registry); still verified.
        Some(d) => PathBuf::from(d),
        None => vendor(out)?,
    };
    for (from, to, sha) in FILES {
        let src = if std::env::var_os("TL_TELEGRAM_SCHEMA_DIR").is_some() {
            source.join(to)
        } else {
            source.join(from)
        };
        verify(&src, sha).map_err(|e| match std::env::var("TL_TELEGRAM_SCHEMA_DIR") {
            Ok(d) => format!("TL_TELEGRAM_SCHEMA_DIR is set to {d}, but: {e}"),
            Err(_) => e,
        })?;
        std::fs::copy(&src, dir.join(to))
            .map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dir.display()))?;
    }
    Ok(())
}

/// Runs `cargo vendor` on a throwaway manifest that depends on the pinned package, first
/// offline (from Cargo's cache), then online. Returns the package's directory.
fn vendor(out: &Path) -> Result<PathBuf, String> {
    let pin = out.join("pin");
    std::fs::create_dir_all(pin.join("src")).map_err(|e| e.to_string())?;
    let manifest = pin.join("Cargo.toml");
    std::fs::write(
        &manifest,
        format!(
            "[package]\nname = \"tl-schema-pin\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\n{PACKAGE} = \"={VERSION}\"\n\n[workspace]\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(pin.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    let vendor_dir = pin.join("vendor");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut last_error = String::new();
    for offline in [true, false] {
        let mut cmd = Command::new(&cargo);
        cmd.arg("vendor")
            .arg("--versioned-dirs")
            .arg("--manifest-path")
            .arg(&manifest)
            .arg(&vendor_dir)
            .env_remove("CARGO_TARGET_DIR");
        if offline {
            cmd.arg("--offline");
        }
        match cmd.output() {
            Ok(o) if o.status.success() => {
                return Ok(vendor_dir.join(format!("{PACKAGE}-{VERSION}")));
            }
            Ok(o) => last_error = String::from_utf8_lossy(&o.stderr).trim().to_string(),
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(format!(
        "tl-runtime: cannot get the Telegram schema (package {PACKAGE} {VERSION} from crates.io).\n\
         cargo vendor said: {last_error}\n\
         Fix: make crates.io reachable once and run `cargo fetch` in this workspace, or run\n\
         `cargo vendor --versioned-dirs --manifest-path {} {}` yourself,\n\
         or set TL_TELEGRAM_SCHEMA_DIR to a directory holding api.tl and mtproto.tl \
         (they are checked against pinned sha256 digests).",
        manifest.display(),
        vendor_dir.display()
    ))
}

fn verify(path: &Path, expected: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let actual = sha256(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    if actual != expected {
        return Err(format!(
            "tl-runtime: {} has sha256 {actual}, expected {expected}: not the pinned file. \
             Remove it and build again to fetch {PACKAGE} {VERSION}.",
            path.display()
        ));
    }
    Ok(())
}

/// SHA-256 (FIPS 180-4) of `data`.
///
/// Written out here because the only use is checking two files once per clean build, and the
/// `sha2` crate with its dependency tree took longer to compile than the check takes to run.
fn sha256(data: &[u8]) -> [u8; 32] {
    // The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    // The first 32 bits of the fractional parts of the square roots of the first 8 primes.
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    // Padding: a 1 bit, zeros, then the length in bits as a big-endian u64, to a multiple of
    // 64 bytes.
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for (k, wi) in K.iter().zip(w) {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(*k)
                .wrapping_add(wi);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

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
    let actual = hmac_sha256::Hash::hash(&bytes)
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

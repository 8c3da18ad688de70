//! The build-script entry point, in the style of `prost_build::Config`.

use crate::{generate, Error, Generated, Normalization, Options, Source};
use std::path::{Path, PathBuf};

/// Generates Rust from TL schema files into `OUT_DIR`, for use from `build.rs`.
///
/// ```no_run
/// # fn main() -> Result<(), tl_codegen::Error> {
/// tl_codegen::Config::new()
///     .schema("schema/api.tl")
///     .root("payments.refundStarsCharge")
///     .root("Updates")
///     .type_attribute("#[derive(Hash)]")
///     .file_name("api.rs")
///     .compile()?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    schemas: Vec<PathBuf>,
    options: Options,
    out_dir: Option<PathBuf>,
    file_name: String,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Default options: runtime at `::tl_runtime`, warnings for id mismatches, everything
    /// generated, output `tl_schema.rs`.
    pub fn new() -> Self {
        Self {
            schemas: Vec::new(),
            options: Options::default(),
            out_dir: None,
            file_name: "tl_schema.rs".into(),
        }
    }

    /// Adds a schema file; all files are read as one schema, in the order given.
    pub fn schema(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.schemas.push(path.as_ref().to_path_buf());
        self
    }

    /// The path of the runtime crate in generated code (default `::tl_runtime`), for crates
    /// that re-export it.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.options.runtime_path = path.into();
        self
    }

    /// Adds attributes to every generated struct and enum, e.g. `#[derive(Hash)]`.
    pub fn type_attribute(&mut self, attribute: impl Into<String>) -> &mut Self {
        self.options.type_attributes.push(attribute.into());
        self
    }

    /// Makes id mismatches (and undefined types) build errors instead of `cargo:warning`s.
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.options.strict = strict;
        self
    }

    /// The rule declared ids are checked against (default: Telegram's).
    pub fn normalization(&mut self, normalization: Normalization) -> &mut Self {
        self.options.normalization = normalization;
        self
    }

    /// Generates only what this function, type or constructor needs (plus other roots').
    pub fn root(&mut self, name: impl Into<String>) -> &mut Self {
        self.options.roots.push(name.into());
        self
    }

    /// Implements `Default` for every generated struct and enum.
    pub fn default_impls(&mut self, yes: bool) -> &mut Self {
        self.options.default_impls = yes;
        self
    }

    /// Implements decoding for functions too (default: only encoding), so a request decodes
    /// from the bytes it encodes to.
    pub fn decode_functions(&mut self, yes: bool) -> &mut Self {
        self.options.decode_functions = yes;
        self
    }

    /// Emits a one-variant enum for each type with a single constructor (default: the type is
    /// that constructor's struct). See [`Options::single_constructor_enums`].
    pub fn single_constructor_enums(&mut self, yes: bool) -> &mut Self {
        self.options.single_constructor_enums = yes;
        self
    }

    /// Where to write (default: the `OUT_DIR` Cargo gives build scripts).
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Name of the generated file (default `tl_schema.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// The schema files added so far.
    pub fn schemas(&self) -> &[PathBuf] {
        &self.schemas
    }

    /// The name of the file [`compile`](Self::compile) writes.
    pub fn output_name(&self) -> &str {
        &self.file_name
    }

    /// The options as set so far.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Reads the schemas and generates, without writing anything or talking to Cargo.
    pub fn generate(&self) -> Result<Generated, Error> {
        let mut texts = Vec::with_capacity(self.schemas.len());
        for path in &self.schemas {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            texts.push((path.display().to_string(), text));
        }
        let sources: Vec<Source> = texts
            .iter()
            .map(|(name, text)| Source { name, text })
            .collect();
        generate(&sources, &self.options)
    }

    /// Generates into `OUT_DIR/<file_name>` and returns that path.
    ///
    /// Prints `cargo:rerun-if-changed` for every schema file and each warning as
    /// `cargo:warning=`. The file is left untouched when its content would not change, so
    /// the including crate is not rebuilt for nothing.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        for path in &self.schemas {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?),
        };
        let generated = self.generate()?;
        for w in &generated.warnings {
            for line in w.0.lines() {
                println!("cargo:warning={line}");
            }
        }
        let path = out_dir.join(&self.file_name);
        if std::fs::read(&path).ok().as_deref() != Some(generated.code.as_bytes()) {
            std::fs::write(&path, &generated.code).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
        }
        Ok(path)
    }
}

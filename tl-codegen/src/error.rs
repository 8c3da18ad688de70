//! What can go wrong while generating.

use std::path::PathBuf;

/// Why code could not be generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A schema file could not be read.
    #[error("cannot read schema `{}`: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The generated file could not be written.
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The schemas have errors (syntax, undefined names, conflicting definitions, and in
    /// strict mode id mismatches). `rendered` holds every diagnostic as
    /// `file:line:col: error: message` with the source line and a caret.
    #[error("{count} error(s) in the schema:\n{rendered}")]
    Schema {
        /// How many errors.
        count: usize,
        /// The diagnostics, rendered for people.
        rendered: String,
    },
    /// A root given to [`Options::roots`](crate::Options::roots) names nothing in the schema.
    #[error("root `{0}` is not a function, type or constructor of the schema")]
    UnknownRoot(String),
    /// The schema uses something the generator does not support.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// An option is not valid Rust (the runtime path, an extra attribute).
    #[error("invalid option `{value}`: {message}")]
    InvalidOption {
        /// The text given.
        value: String,
        /// What the Rust parser said.
        message: String,
    },
    /// `OUT_DIR` is not set: [`Config::compile`](crate::Config::compile) runs from build.rs.
    #[error("OUT_DIR is not set; call Config::compile from a build script or set Config::out_dir")]
    NoOutDir,
}

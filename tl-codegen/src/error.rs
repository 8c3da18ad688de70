//! What can go wrong while generating.

use std::path::PathBuf;

/// Why code could not be generated.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A schema file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The generated file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The schemas have errors (syntax, undefined names, conflicting definitions, and in
    /// strict mode id mismatches). `rendered` holds every diagnostic as
    /// `file:line:col: error: message` with the source line and a caret.
    Schema {
        /// How many errors.
        count: usize,
        /// The diagnostics, rendered for people.
        rendered: String,
    },
    /// A root given to [`Options::roots`](crate::Options::roots) names nothing in the schema.
    UnknownRoot(String),
    /// The schema uses something the generator does not support.
    Unsupported(String),
    /// An option is not valid Rust (the runtime path, an extra attribute).
    InvalidOption {
        /// The text given.
        value: String,
        /// What the Rust parser said.
        message: String,
    },
    /// `OUT_DIR` is not set: [`Config::compile`](crate::Config::compile) runs from build.rs.
    NoOutDir,
}

// Written out rather than derived with thiserror: its proc macro would put syn in front of
// every build script that generates code.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Read { path, source } => {
                write!(f, "cannot read schema `{}`: {source}", path.display())
            }
            Self::Write { path, source } => write!(f, "cannot write `{}`: {source}", path.display()),
            Self::Schema { count, rendered } => {
                write!(f, "{count} error(s) in the schema:\n{rendered}")
            }
            Self::UnknownRoot(root) => write!(
                f,
                "root `{root}` is not a function, type or constructor of the schema"
            ),
            Self::Unsupported(what) => write!(f, "unsupported: {what}"),
            Self::InvalidOption { value, message } => {
                write!(f, "invalid option `{value}`: {message}")
            }
            Self::NoOutDir => f.write_str(
                "OUT_DIR is not set; call Config::compile from a build script or set Config::out_dir",
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { source, .. } | Self::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

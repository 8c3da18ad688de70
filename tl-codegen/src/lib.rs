//! Rust code generation for TL schemas.

//! Runtime support for code generated from TL schemas.

//! The schema-driven codec: TL bytes ⇄ [`Value`], for any schema read at run time.
//!
//! Where generated code knows the schema at compile time, this module reads it at run time: a
//! [`Registry`] is built from parsed `.tl` files, and [`Registry::decode`] /
//! [`Registry::encode`] walk it. It is what `tl decode` and `tl encode` use.
//!
//! Both codecs accept and reject exactly the same bytes: this one reads with the same
//! [`Reader`](crate::Reader), the same primitive and vector functions, the same strict
//! non-canonical policy and the same [`DecodeError`](crate::DecodeError)s (see the crate docs).
//! Depth is counted as generated code counts it: one level per value of a type that can
//! contain itself (found from the schema's type graph), and one per `Object` / `!X` value,
//! which can hold anything.
//!
//! # Types by name
//!
//! [`Registry::resolve`] (and every method taking a `type_name`) accepts a boxed type
//! (`Updates`: an id, then the body), a constructor name (`updateShort`: its bare body), a
//! function name (a request: id and parameters), a builtin (`int`, `long`, `Bool`, `bytes`,
//! ...), `Object`, and vectors of these (`Vector<long>`, `vector<%future_salt>`).
//!
//! # Limits
//!
//! Nothing here panics or allocates without bound on any input: vector counts are checked
//! against the bytes left before allocating, nesting is bounded by
//! [`Registry::with_max_depth`] on decode and encode alike (so whatever encodes also decodes), and oversize strings are errors rather than the panics of
//! [`put_length_prefixed`](crate::primitives::put_length_prefixed).
//!
//! A vector where any object is expected (`Object`, `!X`) is not supported: its elements could
//! be of any type, and the wire does not say which.

mod decode;
mod encode;
mod error;
mod registry;
mod value;

pub use error::{EncodeError, Error, RegistryError, UnknownType, ValueErrorKind};
pub use registry::{Registry, Skipped, TypeRef};
pub use value::{Object, Value};

//! [`Value`]: one TL value whose shape is known only at run time.

use std::sync::Arc;

use bytes::Bytes;

/// A TL value decoded (or to be encoded) by a [`Registry`](super::Registry).
///
/// The variants follow the wire types, not JSON, so that decoding and re-encoding are exact:
/// `int` and `long` stay apart, `bytes` is not mistaken for a `string`. A value carries no
/// schema; the registry checks it against the expected type when encoding.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `int` (and TDLib's `int32`).
    Int(i32),
    /// `long` (and TDLib's `int53`, `int64`).
    Long(i64),
    /// `double`.
    Double(f64),
    /// `#` used as a plain number; `#` fields that carry flags are never stored.
    Nat(u32),
    /// `string`: UTF-8 text.
    String(String),
    /// `bytes`: binary data; decoding returns a zero-copy slice of the input.
    Bytes(Bytes),
    /// `int128`, in wire order.
    Int128([u8; 16]),
    /// `int256`, in wire order.
    Int256([u8; 32]),
    /// `Bool`, and `flags.N?true` fields (which are always present, `true` or `false`).
    Bool(bool),
    /// `Vector<T>` or `vector<T>`: whether the header is boxed follows from the schema.
    Vector(Vec<Value>),
    /// A constructor, or a function call, with its fields.
    Object(Object),
}

/// A constructor (or function) and its fields.
///
/// Decoding lists the fields in declaration order, leaving out `#` flags words and absent
/// conditional fields; encoding finds them by name, so order does not matter there.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// The constructor's name as written in the schema (`updateShort`,
    /// `payments.refundStarsCharge`).
    pub name: Arc<str>,
    /// `(field name, value)` pairs.
    pub fields: Vec<(Arc<str>, Value)>,
}

impl Object {
    /// An object with no fields yet.
    pub fn new(name: impl Into<Arc<str>>) -> Self {
        Self {
            name: name.into(),
            fields: Vec::new(),
        }
    }

    /// Adds a field, builder-style.
    #[must_use]
    pub fn with(mut self, name: impl Into<Arc<str>>, value: impl Into<Value>) -> Self {
        self.fields.push((name.into(), value.into()));
        self
    }

    /// The first field called `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v)
    }
}

impl Value {
    /// A short name of the variant, for "expected X, found Y" messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Int(_) => "int",
            Value::Long(_) => "long",
            Value::Double(_) => "double",
            Value::Nat(_) => "#",
            Value::String(_) => "string",
            Value::Bytes(_) => "bytes",
            Value::Int128(_) => "int128",
            Value::Int256(_) => "int256",
            Value::Bool(_) => "Bool",
            Value::Vector(_) => "vector",
            Value::Object(_) => "object",
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Self {
        Value::Object(o)
    }
}

macro_rules! from_scalar {
    ($($ty:ty => $variant:ident),*) => {$(
        impl From<$ty> for Value {
            fn from(x: $ty) -> Self {
                Value::$variant(x.into())
            }
        }
    )*};
}

from_scalar!(
    i32 => Int, i64 => Long, f64 => Double, u32 => Nat, bool => Bool, String => String,
    &str => String, Bytes => Bytes, [u8; 16] => Int128, [u8; 32] => Int256, Vec<Value> => Vector
);

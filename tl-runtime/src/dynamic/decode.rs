//! Bytes → [`Value`], with the primitives, limits and errors generated code uses.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

use bytes::Bytes;

use super::error::Error;
use super::registry::{Combinator, Prim, Registry, Ty, TypeRef, TRUE_ID};
use super::value::{Object, Value};
use crate::primitives::{BOOL_FALSE_ID, BOOL_TRUE_ID};
use crate::vector::{self, VECTOR_ID};
use crate::{DecodeError, Deserialize, Reader};

/// A `&'static str` for a type name, as [`DecodeErrorKind::UnknownConstructor`]
/// (crate::DecodeErrorKind::UnknownConstructor) needs.
///
/// Each distinct name is leaked once and reused, so the memory is bounded by the names in the
/// schemas loaded, whatever the input.
fn static_name(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    leaked
}

impl Registry {
    /// Decodes all of `bytes` as one value of `type_name` (see [`resolve`](Self::resolve) for
    /// the names accepted); bytes left over are a `TrailingBytes` error at their offset.
    pub fn decode(&self, type_name: &str, bytes: impl Into<Bytes>) -> Result<Value, Error> {
        Ok(self.resolve(type_name)?.decode(bytes)?)
    }

    /// Decodes one value of `type_name` at the reader's position, leaving what follows.
    pub fn decode_prefix(&self, type_name: &str, r: &mut Reader) -> Result<Value, Error> {
        Ok(self.resolve(type_name)?.decode_from(r)?)
    }

    pub(crate) fn read(&self, r: &mut Reader, ty: &Ty) -> Result<Value, DecodeError> {
        match ty {
            Ty::Prim(p) => read_prim(r, *p),
            Ty::Vector { boxed, elem } => {
                if *boxed {
                    vector::read_header(r)?;
                }
                let min = self.min_len(elem);
                vector::read_elements(r, min, |r| self.read(r, elem)).map(Value::Vector)
            }
            Ty::Boxed(t_index) => {
                let t_index = *t_index;
                let t = &self.types[t_index];
                let read = |r: &mut Reader| {
                    let id = r.read_constructor_id()?;
                    let own = |&&c: &&usize| self.combinators[c].type_index == Some(t_index);
                    match self.ctor_by_id.get(&id).filter(own) {
                        Some(&c) => self.read_body(r, &self.combinators[c]),
                        None => Err(r.unknown_constructor(id, static_name(&t.name))),
                    }
                };
                if t.recursive {
                    r.nested(read)
                } else {
                    read(r)
                }
            }
            Ty::Bare(c) => {
                let c = &self.combinators[*c];
                if c.recursive {
                    r.nested(|r| self.read_body(r, c))
                } else {
                    self.read_body(r, c)
                }
            }
            Ty::Any { functions_first } => r.nested(|r| self.read_any(r, *functions_first)),
            Ty::Call(c) => {
                let c = &self.combinators[*c];
                let id = r.read_constructor_id()?;
                if id != c.id {
                    return Err(r.unknown_constructor(id, static_name(&c.name)));
                }
                self.read_body(r, c)
            }
        }
    }

    /// `Object` / `!X`: whatever the id names. `Bool` ids give a `Bool`; a vector cannot be
    /// read, since nothing says what its elements are.
    fn read_any(&self, r: &mut Reader, functions_first: bool) -> Result<Value, DecodeError> {
        let id = r.read_constructor_id()?;
        match id {
            BOOL_TRUE_ID => return Ok(Value::Bool(true)),
            BOOL_FALSE_ID => return Ok(Value::Bool(false)),
            VECTOR_ID => {
                return Err(
                    r.unknown_constructor(id, "Object (a vector's element type is not known here)")
                )
            }
            _ => {}
        }
        let (first, second) = if functions_first {
            (&self.fn_by_id, &self.ctor_by_id)
        } else {
            (&self.ctor_by_id, &self.fn_by_id)
        };
        match first.get(&id).or_else(|| second.get(&id)) {
            Some(&c) => self.read_body(r, &self.combinators[c]),
            None => Err(r.unknown_constructor(id, if functions_first { "!X" } else { "Object" })),
        }
    }

    /// The fields of `c` in order: flags words are read and kept aside, conditional fields
    /// read only when their bit is set, `?true` fields become `Bool`s. Unknown flag bits are
    /// ignored, as generated code and the official clients do.
    fn read_body(&self, r: &mut Reader, c: &Combinator) -> Result<Value, DecodeError> {
        let mut words: Vec<(usize, u32)> = Vec::new();
        let mut fields: Vec<(Arc<str>, Value)> = Vec::with_capacity(c.fields.len());
        for (i, f) in c.fields.iter().enumerate() {
            if let Some(cond) = f.cond {
                let word = words
                    .iter()
                    .find(|(w, _)| *w == cond.word)
                    .map_or(0, |(_, v)| *v);
                let set = crate::flags::has(word, cond.bit);
                if cond.flag_only {
                    fields.push((f.name.clone(), Value::Bool(set)));
                    continue;
                }
                if !set {
                    continue;
                }
            }
            if f.flags_word {
                words.push((i, r.read_u32()?));
                continue;
            }
            fields.push((f.name.clone(), self.read(r, &f.ty)?));
        }
        Ok(Value::Object(Object {
            name: c.name.clone(),
            fields,
        }))
    }
}

fn read_prim(r: &mut Reader, p: Prim) -> Result<Value, DecodeError> {
    Ok(match p {
        Prim::Int => Value::Int(i32::deserialize(r)?),
        Prim::Long => Value::Long(i64::deserialize(r)?),
        Prim::Double => Value::Double(f64::deserialize(r)?),
        Prim::Nat => Value::Nat(u32::deserialize(r)?),
        Prim::String => Value::String(String::deserialize(r)?),
        Prim::Bytes => Value::Bytes(Bytes::deserialize(r)?),
        Prim::Int128 => Value::Int128(<[u8; 16]>::deserialize(r)?),
        Prim::Int256 => Value::Int256(<[u8; 32]>::deserialize(r)?),
        Prim::Bool => Value::Bool(bool::deserialize(r)?),
        Prim::TrueBare => Value::Bool(true),
        Prim::TrueBoxed => {
            let id = r.read_constructor_id()?;
            if id != TRUE_ID {
                return Err(r.unknown_constructor(id, "True"));
            }
            Value::Bool(true)
        }
    })
}

impl TypeRef<'_> {
    /// Decodes all of `bytes` as one value; bytes left over are a `TrailingBytes` error.
    pub fn decode(&self, bytes: impl Into<Bytes>) -> Result<Value, DecodeError> {
        let mut r = Reader::new(bytes).with_max_depth(self.registry.max_depth);
        let value = self.decode_from(&mut r)?;
        r.finish()?;
        Ok(value)
    }

    /// Decodes one value at the reader's position, leaving what follows. The reader's own
    /// depth limit applies.
    pub fn decode_from(&self, r: &mut Reader) -> Result<Value, DecodeError> {
        self.registry.read(r, &self.ty)
    }
}

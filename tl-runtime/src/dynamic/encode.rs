//! [`Value`] → bytes: the exact inverse of decoding, checking the value against the schema.

use bytes::BufMut;

use super::error::{suggest, EncodeError, Path, ValueErrorKind};
use super::registry::{Combinator, Prim, Registry, Ty, TypeRef, TRUE_ID};
use super::value::{Object, Value};
use crate::primitives::{BOOL_FALSE_ID, BOOL_TRUE_ID, MAX_LENGTH_PREFIXED};
use crate::vector::VECTOR_ID;
use crate::Serialize;

impl Registry {
    /// Encodes `value` as `type_name` (see [`resolve`](Self::resolve) for the names accepted).
    ///
    /// Flags words are computed from which conditional fields are present and which `?true`
    /// fields are `true`; a `#` flags field in the value is ignored. Fields that share a bit
    /// must agree (all present or all absent).
    pub fn encode(&self, type_name: &str, value: &Value) -> Result<Vec<u8>, EncodeError> {
        let ty = self.resolve(type_name).map_err(|e| EncodeError {
            path: String::new(),
            kind: ValueErrorKind::UnknownType(e),
        })?;
        ty.encode(value)
    }

    /// The object's constructor for a boxed position: by name, then checked against the type.
    pub(crate) fn ctor_for(
        &self,
        name: &str,
        expected: Option<usize>,
        functions_first: bool,
    ) -> Result<usize, ValueErrorKind> {
        let found = match expected {
            Some(_) => self.ctor_by_name.get(name),
            None if functions_first => self
                .fn_by_name
                .get(name)
                .or_else(|| self.ctor_by_name.get(name)),
            None => self
                .ctor_by_name
                .get(name)
                .or_else(|| self.fn_by_name.get(name)),
        };
        let expected_name = match expected {
            Some(t) => self.types[t].name.to_string(),
            None if functions_first => "any query (!X)".to_owned(),
            None => "Object".to_owned(),
        };
        match found {
            Some(&c) => match (expected, self.combinators[c].type_index) {
                (Some(t), Some(actual)) if t != actual => Err(ValueErrorKind::WrongConstructor {
                    name: name.to_owned(),
                    expected: expected_name,
                    actual: self.types[actual].name.to_string(),
                }),
                _ => Ok(c),
            },
            None => {
                // Prefer the expected type's constructors, then any name at all.
                let mut suggestions = match expected {
                    Some(t) => suggest(
                        name,
                        self.types[t]
                            .ctors
                            .iter()
                            .map(|&c| &*self.combinators[c].name),
                    ),
                    None => Vec::new(),
                };
                if suggestions.is_empty() {
                    suggestions = suggest(
                        name,
                        self.ctor_by_name
                            .keys()
                            .chain(self.fn_by_name.keys())
                            .map(|k| &**k),
                    );
                }
                Err(ValueErrorKind::UnknownConstructor {
                    name: name.to_owned(),
                    expected: expected_name,
                    suggestions,
                })
            }
        }
    }

    /// Whether entering `ty` counts a nesting level (the decoder's rule).
    pub(crate) fn counts_depth(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Boxed(t) => self.types[*t].recursive,
            Ty::Bare(c) => self.combinators[*c].recursive,
            Ty::Any { .. } => true,
            _ => false,
        }
    }

    /// Enters `ty` during a walk over values (encoding, reading JSON), bounded as decoding is:
    /// `Ok(true)` when a level was counted (give it back with `depth -= 1`), `Ok(false)` when
    /// `ty` does not count, `TooDeep` past the limit.
    pub(crate) fn enter(&self, ty: &Ty, depth: &mut u32) -> Result<bool, ValueErrorKind> {
        if !self.counts_depth(ty) {
            return Ok(false);
        }
        if *depth >= self.max_depth {
            return Err(ValueErrorKind::TooDeep {
                limit: self.max_depth,
            });
        }
        *depth += 1;
        Ok(true)
    }
}

/// The flags words of a combinator, as `(field index, word)`, given whether each conditional
/// field (by index) is present or set. Fields that share a bit must agree.
fn flag_words(
    c: &Combinator,
    present: impl Fn(usize) -> Result<bool, ValueErrorKind>,
) -> Result<Vec<(usize, u32)>, ValueErrorKind> {
    let mut words: Vec<(usize, u32)> = Vec::new();
    // (word, bit, present, field name) of the first field seen on each bit.
    let mut bits: Vec<(usize, u32, bool, &str)> = Vec::new();
    for (i, f) in c.fields.iter().enumerate() {
        if f.flags_word {
            words.push((i, 0));
        }
        let Some(cond) = f.cond else { continue };
        let is_set = present(i)?;
        match bits
            .iter()
            .find(|(w, b, _, _)| *w == cond.word && *b == cond.bit)
        {
            Some(&(_, _, other, other_name)) if other != is_set => {
                let (p, a) = if is_set {
                    (&*f.name, other_name)
                } else {
                    (other_name, &*f.name)
                };
                return Err(ValueErrorKind::FlagConflict {
                    bit: format!("{}.{}", c.fields[cond.word].name, cond.bit),
                    present: p.to_owned(),
                    absent: a.to_owned(),
                });
            }
            Some(_) => {}
            None => bits.push((cond.word, cond.bit, is_set, &f.name)),
        }
        if is_set {
            if let Some((_, w)) = words.iter_mut().find(|(w, _)| *w == cond.word) {
                *w |= 1 << cond.bit;
            }
        }
    }
    Ok(words)
}

struct Encoder<'r> {
    reg: &'r Registry,
    out: Vec<u8>,
    depth: u32,
}

fn err(path: &Path<'_>, kind: ValueErrorKind) -> EncodeError {
    EncodeError {
        path: path.render(),
        kind,
    }
}

fn mismatch(expected: impl Into<String>, found: &Value) -> ValueErrorKind {
    let found = match found {
        Value::Object(o) => format!("object `{}`", o.name),
        other => other.kind_name().to_owned(),
    };
    ValueErrorKind::Mismatch {
        expected: expected.into(),
        found,
    }
}

impl Encoder<'_> {
    fn write(&mut self, ty: &Ty, v: &Value, path: &Path<'_>) -> Result<(), EncodeError> {
        let entered = self
            .reg
            .enter(ty, &mut self.depth)
            .map_err(|k| err(path, k))?;
        let result = self.write_inner(ty, v, path);
        self.depth -= u32::from(entered);
        result
    }

    fn write_inner(&mut self, ty: &Ty, v: &Value, path: &Path<'_>) -> Result<(), EncodeError> {
        match ty {
            Ty::Prim(p) => self.write_prim(*p, v).map_err(|k| err(path, k)),
            Ty::Vector { boxed, elem } => {
                let Value::Vector(items) = v else {
                    return Err(err(path, mismatch(self.reg.describe(ty), v)));
                };
                let count = u32::try_from(items.len()).map_err(|_| {
                    err(
                        path,
                        ValueErrorKind::TooLong {
                            what: "vector",
                            len: items.len(),
                            max: u32::MAX as usize,
                        },
                    )
                })?;
                if *boxed {
                    self.out.put_u32_le(VECTOR_ID);
                }
                self.out.put_u32_le(count);
                for (i, item) in items.iter().enumerate() {
                    self.write(elem, item, &Path::Index(path, i))?;
                }
                Ok(())
            }
            Ty::Boxed(t) => {
                let o = self.object(ty, v, path)?;
                let c = self
                    .reg
                    .ctor_for(&o.name, Some(*t), false)
                    .map_err(|k| err(path, k))?;
                self.write_combinator(c, true, o, path)
            }
            Ty::Bare(c) | Ty::Call(c) => {
                let o = self.object(ty, v, path)?;
                let comb = &self.reg.combinators[*c];
                if *o.name != *comb.name {
                    return Err(err(path, mismatch(format!("object `{}`", comb.name), v)));
                }
                self.write_combinator(*c, matches!(ty, Ty::Call(_)), o, path)
            }
            Ty::Any { functions_first } => match v {
                Value::Bool(b) => {
                    self.out
                        .put_u32_le(if *b { BOOL_TRUE_ID } else { BOOL_FALSE_ID });
                    Ok(())
                }
                Value::Object(o) => {
                    let c = self
                        .reg
                        .ctor_for(&o.name, None, *functions_first)
                        .map_err(|k| err(path, k))?;
                    self.write_combinator(c, true, o, path)
                }
                Value::Vector(_) => Err(err(
                    path,
                    ValueErrorKind::Unsupported(
                        "a vector cannot stand for `Object` or `!X`: its element type is not known"
                            .into(),
                    ),
                )),
                other => Err(err(path, mismatch("an object", other))),
            },
        }
    }

    fn object<'v>(
        &self,
        ty: &Ty,
        v: &'v Value,
        path: &Path<'_>,
    ) -> Result<&'v Object, EncodeError> {
        match v {
            Value::Object(o) => Ok(o),
            other => Err(err(
                path,
                mismatch(format!("an object of {}", self.reg.describe(ty)), other),
            )),
        }
    }

    fn write_combinator(
        &mut self,
        c: usize,
        boxed: bool,
        o: &Object,
        path: &Path<'_>,
    ) -> Result<(), EncodeError> {
        let comb = &self.reg.combinators[c];
        for (name, _) in &o.fields {
            if !comb.fields.iter().any(|f| f.name == *name) {
                return Err(err(
                    path,
                    ValueErrorKind::UnknownField {
                        constructor: comb.name.to_string(),
                        field: name.to_string(),
                        suggestions: suggest(name, comb.fields.iter().map(|f| &*f.name)),
                    },
                ));
            }
        }
        let words = flag_words(comb, |i| {
            let f = &comb.fields[i];
            match (o.get(&f.name), f.cond.is_some_and(|c| c.flag_only)) {
                (None, _) => Ok(false),
                (Some(Value::Bool(b)), true) => Ok(*b),
                (Some(other), true) => Err(mismatch("Bool (a flag)", other)),
                (Some(_), false) => Ok(true),
            }
        })
        .map_err(|k| err(path, k))?;
        if boxed {
            self.out.put_u32_le(comb.id);
        }
        for (i, f) in comb.fields.iter().enumerate() {
            if f.flags_word {
                let word = words.iter().find(|(w, _)| *w == i).map_or(0, |(_, v)| *v);
                self.out.put_u32_le(word);
                continue;
            }
            if f.cond.is_some_and(|c| c.flag_only) {
                continue;
            }
            let value = match o.get(&f.name) {
                Some(value) => value,
                None if f.cond.is_some() => continue,
                None => {
                    return Err(err(
                        path,
                        ValueErrorKind::MissingField {
                            constructor: comb.name.to_string(),
                            field: f.name.to_string(),
                        },
                    ))
                }
            };
            self.write(&f.ty, value, &Path::Field(path, &f.name))?;
        }
        Ok(())
    }

    fn write_prim(&mut self, p: Prim, v: &Value) -> Result<(), ValueErrorKind> {
        // Integers convert between `int`, `long` and `#` when the number fits, so values built
        // by hand need not mirror the schema's widths; anything else must match exactly.
        let int = |v: &Value| -> Option<i128> {
            match v {
                Value::Int(x) => Some((*x).into()),
                Value::Long(x) => Some((*x).into()),
                Value::Nat(x) => Some((*x).into()),
                _ => None,
            }
        };
        let out_of_range = |n: i128, ty| ValueErrorKind::OutOfRange {
            value: n.to_string(),
            ty,
        };
        match (p, v) {
            (Prim::Int, v) if int(v).is_some() => {
                let n = int(v).unwrap_or_default();
                let x = i32::try_from(n).map_err(|_| out_of_range(n, "int"))?;
                x.serialize(&mut self.out);
            }
            (Prim::Long, v) if int(v).is_some() => {
                let n = int(v).unwrap_or_default();
                let x = i64::try_from(n).map_err(|_| out_of_range(n, "long"))?;
                x.serialize(&mut self.out);
            }
            (Prim::Nat, v) if int(v).is_some() => {
                let n = int(v).unwrap_or_default();
                let x = u32::try_from(n).map_err(|_| out_of_range(n, "#"))?;
                x.serialize(&mut self.out);
            }
            (Prim::Double, Value::Double(x)) => x.serialize(&mut self.out),
            (Prim::String, Value::String(s)) => {
                check_len("string", s.len())?;
                s.serialize(&mut self.out);
            }
            (Prim::Bytes, Value::Bytes(b)) => {
                check_len("bytes", b.len())?;
                b.serialize(&mut self.out);
            }
            (Prim::Int128, Value::Int128(x)) => x.serialize(&mut self.out),
            (Prim::Int256, Value::Int256(x)) => x.serialize(&mut self.out),
            (Prim::Bool, Value::Bool(b)) => b.serialize(&mut self.out),
            (Prim::TrueBare, Value::Bool(true)) => {}
            (Prim::TrueBoxed, Value::Bool(true)) => self.out.put_u32_le(TRUE_ID),
            (Prim::TrueBare | Prim::TrueBoxed, other) => {
                return Err(mismatch("true (the only value of `true`)", other))
            }
            (p, other) => return Err(mismatch(p.name(), other)),
        }
        Ok(())
    }
}

fn check_len(what: &'static str, len: usize) -> Result<(), ValueErrorKind> {
    if len > MAX_LENGTH_PREFIXED {
        return Err(ValueErrorKind::TooLong {
            what,
            len,
            max: MAX_LENGTH_PREFIXED,
        });
    }
    Ok(())
}

impl TypeRef<'_> {
    /// Encodes `value` as this type.
    pub fn encode(&self, value: &Value) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::new();
        self.encode_to(value, &mut out)?;
        Ok(out)
    }

    /// Appends the encoding of `value` to `out`; on error, `out` is left as it was.
    pub fn encode_to(&self, value: &Value, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let mut enc = Encoder {
            reg: self.registry,
            out: std::mem::take(out),
            depth: 0,
        };
        let start = enc.out.len();
        let result = enc.write(&self.ty, value, &Path::Root);
        *out = enc.out;
        if result.is_err() {
            out.truncate(start);
        }
        result
    }
}

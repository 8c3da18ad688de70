//! [`Value`] ⇄ JSON, in the form the `tl` tool prints and reads; the rules are in the
//! [module docs](crate::dynamic#json).

use base64::Engine as _;
use serde_json::{Map, Number, Value as Json};

use super::error::{suggest, JsonError, Path, ValueErrorKind};
use super::registry::{Combinator, Prim, Registry, Ty, TypeRef};
use super::value::{Object, Value};
use crate::primitives::MAX_LENGTH_PREFIXED;

impl Value {
    /// This value as JSON (see [the JSON form](crate::dynamic#json)). Needs no schema: the
    /// variants carry the wire types.
    ///
    /// It recurses once per level of the value; values from [`Registry::decode`] and
    /// [`Registry::value_from_json`] are bounded by the registry's depth limit.
    pub fn to_json(&self) -> Json {
        match self {
            Value::Int(x) => Json::from(*x),
            Value::Long(x) => Json::String(x.to_string()),
            Value::Double(x) => match Number::from_f64(*x) {
                Some(n) => Json::Number(n),
                None if x.is_nan() => Json::String("NaN".into()),
                None if *x > 0.0 => Json::String("Infinity".into()),
                None => Json::String("-Infinity".into()),
            },
            Value::Nat(x) => Json::from(*x),
            Value::String(s) => Json::String(s.clone()),
            Value::Bytes(b) => Json::String(base64::engine::general_purpose::STANDARD.encode(b)),
            Value::Int128(x) => Json::String(hex(x)),
            Value::Int256(x) => Json::String(hex(x)),
            Value::Bool(b) => Json::Bool(*b),
            Value::Vector(items) => Json::Array(items.iter().map(Value::to_json).collect()),
            Value::Object(o) => {
                let mut map = Map::with_capacity(o.fields.len() + 1);
                map.insert("_".into(), Json::String(o.name.to_string()));
                for (name, v) in &o.fields {
                    map.insert(name.to_string(), v.to_json());
                }
                Json::Object(map)
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

fn unhex<const N: usize>(s: &str, ty: &'static str) -> Result<[u8; N], ValueErrorKind> {
    let invalid = |reason: String| ValueErrorKind::InvalidString { ty, reason };
    if s.len() != 2 * N {
        return Err(invalid(format!(
            "expected {} hex digits, found {} characters",
            2 * N,
            s.chars().count()
        )));
    }
    let mut out = [0u8; N];
    for (i, pair) in s.as_bytes().chunks(2).enumerate() {
        let digit = |c: u8| (c as char).to_digit(16);
        match (digit(pair[0]), digit(pair[1])) {
            (Some(hi), Some(lo)) => out[i] = (hi * 16 + lo) as u8,
            _ => {
                return Err(invalid(format!(
                    "`{}` at character {} is not a hex digit",
                    String::from_utf8_lossy(pair),
                    2 * i
                )))
            }
        }
    }
    Ok(out)
}

fn describe_json(j: &Json) -> String {
    match j {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("boolean {b}"),
        Json::Number(n) => format!("number {n}"),
        Json::String(s) if s.len() <= 40 => format!("string {s:?}"),
        Json::String(_) => "a string".into(),
        Json::Array(_) => "an array".into(),
        Json::Object(_) => "an object".into(),
    }
}

fn err(path: &Path<'_>, kind: ValueErrorKind) -> JsonError {
    JsonError {
        path: path.render_json(),
        kind,
    }
}

fn mismatch(expected: impl Into<String>, found: &Json) -> ValueErrorKind {
    ValueErrorKind::Mismatch {
        expected: expected.into(),
        found: describe_json(found),
    }
}

struct FromJson<'r> {
    reg: &'r Registry,
    depth: u32,
}

impl FromJson<'_> {
    fn value(&mut self, ty: &Ty, j: &Json, path: &Path<'_>) -> Result<Value, JsonError> {
        let entered = self
            .reg
            .enter(ty, &mut self.depth)
            .map_err(|k| err(path, k))?;
        let result = self.value_inner(ty, j, path);
        self.depth -= u32::from(entered);
        result
    }

    fn value_inner(&mut self, ty: &Ty, j: &Json, path: &Path<'_>) -> Result<Value, JsonError> {
        match ty {
            Ty::Prim(p) => prim(*p, j).map_err(|k| err(path, k)),
            Ty::Vector { elem, .. } => {
                let Json::Array(items) = j else {
                    return Err(err(
                        path,
                        mismatch(format!("an array ({})", self.reg.describe(ty)), j),
                    ));
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.value(elem, item, &Path::Index(path, i))?);
                }
                Ok(Value::Vector(out))
            }
            Ty::Boxed(t) => {
                let (map, name) = self.object(ty, j, path, true)?;
                let name = name.unwrap_or_default();
                let c = self
                    .reg
                    .ctor_for(name, Some(*t), false)
                    .map_err(|k| err(&Path::Field(path, "_"), k))?;
                self.fields(&self.reg.combinators[c], map, path)
            }
            Ty::Bare(c) | Ty::Call(c) => {
                let comb = &self.reg.combinators[*c];
                let (map, name) = self.object(ty, j, path, false)?;
                if let Some(name) = name {
                    if name != &*comb.name {
                        return Err(err(
                            &Path::Field(path, "_"),
                            ValueErrorKind::Mismatch {
                                expected: format!("\"{}\"", comb.name),
                                found: format!("{name:?}"),
                            },
                        ));
                    }
                }
                self.fields(comb, map, path)
            }
            Ty::Any { functions_first } => match j {
                Json::Bool(b) => Ok(Value::Bool(*b)),
                Json::Object(_) => {
                    let (map, name) = self.object(ty, j, path, true)?;
                    let c = self
                        .reg
                        .ctor_for(name.unwrap_or_default(), None, *functions_first)
                        .map_err(|k| err(&Path::Field(path, "_"), k))?;
                    self.fields(&self.reg.combinators[c], map, path)
                }
                other => Err(err(
                    path,
                    mismatch(format!("an object ({})", self.reg.describe(ty)), other),
                )),
            },
        }
    }

    /// The JSON object and its `"_"` (required when `named`).
    fn object<'j>(
        &self,
        ty: &Ty,
        j: &'j Json,
        path: &Path<'_>,
        named: bool,
    ) -> Result<(&'j Map<String, Json>, Option<&'j str>), JsonError> {
        let Json::Object(map) = j else {
            return Err(err(
                path,
                mismatch(format!("an object ({})", self.reg.describe(ty)), j),
            ));
        };
        match map.get("_") {
            Some(Json::String(s)) => Ok((map, Some(s))),
            Some(other) => Err(err(
                &Path::Field(path, "_"),
                mismatch("a constructor name (string)", other),
            )),
            None if named => Err(err(
                path,
                ValueErrorKind::MissingField {
                    constructor: format!("an object of {}", self.reg.describe(ty)),
                    field: "_".into(),
                },
            )),
            None => Ok((map, None)),
        }
    }

    fn fields(
        &mut self,
        c: &Combinator,
        map: &Map<String, Json>,
        path: &Path<'_>,
    ) -> Result<Value, JsonError> {
        for key in map.keys() {
            if key != "_" && !c.fields.iter().any(|f| *f.name == **key) {
                return Err(err(
                    &Path::Field(path, key),
                    ValueErrorKind::UnknownField {
                        constructor: c.name.to_string(),
                        field: key.clone(),
                        suggestions: suggest(key, c.fields.iter().map(|f| &*f.name)),
                    },
                ));
            }
        }
        let mut fields = Vec::with_capacity(c.fields.len());
        for f in &c.fields {
            if f.flags_word {
                continue;
            }
            let here = Path::Field(path, &f.name);
            let j = map.get(&*f.name);
            match f.cond {
                Some(cond) if cond.flag_only => {
                    let set = match j {
                        None | Some(Json::Null) => false,
                        Some(Json::Bool(b)) => *b,
                        Some(other) => {
                            return Err(err(&here, mismatch("true or false (a flag)", other)))
                        }
                    };
                    fields.push((f.name.clone(), Value::Bool(set)));
                }
                Some(_) => {
                    if let Some(j) = j.filter(|j| !j.is_null()) {
                        fields.push((f.name.clone(), self.value(&f.ty, j, &here)?));
                    }
                }
                None => match j {
                    Some(j) => fields.push((f.name.clone(), self.value(&f.ty, j, &here)?)),
                    None => {
                        return Err(err(
                            path,
                            ValueErrorKind::MissingField {
                                constructor: c.name.to_string(),
                                field: f.name.to_string(),
                            },
                        ))
                    }
                },
            }
        }
        Ok(Value::Object(Object {
            name: c.name.clone(),
            fields,
        }))
    }
}

fn prim(p: Prim, j: &Json) -> Result<Value, ValueErrorKind> {
    let integer = |j: &Json, ty: &'static str| -> Result<i128, ValueErrorKind> {
        match j {
            Json::Number(n) => n
                .as_i64()
                .map(i128::from)
                .or_else(|| n.as_u64().map(i128::from))
                .ok_or_else(|| mismatch(format!("an integer ({ty})"), j)),
            other => Err(mismatch(format!("a number ({ty})"), other)),
        }
    };
    let out_of_range = |n: i128, ty| ValueErrorKind::OutOfRange {
        value: n.to_string(),
        ty,
    };
    Ok(match p {
        Prim::Int => {
            let n = integer(j, "int")?;
            Value::Int(i32::try_from(n).map_err(|_| out_of_range(n, "int"))?)
        }
        Prim::Nat => {
            let n = integer(j, "#")?;
            Value::Nat(u32::try_from(n).map_err(|_| out_of_range(n, "#"))?)
        }
        Prim::Long => match j {
            Json::String(s) => Value::Long(parse_long(s)?),
            Json::Number(_) => {
                let n = integer(j, "long")?;
                Value::Long(i64::try_from(n).map_err(|_| out_of_range(n, "long"))?)
            }
            other => return Err(mismatch("a decimal string (long)", other)),
        },
        Prim::Double => match j {
            Json::Number(n) => Value::Double(n.as_f64().unwrap_or(f64::NAN)),
            Json::String(s) if s == "NaN" => Value::Double(f64::NAN),
            Json::String(s) if s == "Infinity" => Value::Double(f64::INFINITY),
            Json::String(s) if s == "-Infinity" => Value::Double(f64::NEG_INFINITY),
            other => return Err(mismatch("a number (double)", other)),
        },
        Prim::String => match j {
            Json::String(s) => {
                check_len("string", s.len())?;
                Value::String(s.clone())
            }
            other => return Err(mismatch("a string", other)),
        },
        Prim::Bytes => match j {
            Json::String(s) => {
                let data = base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .map_err(|e| ValueErrorKind::InvalidString {
                        ty: "bytes",
                        reason: format!("not standard padded base64: {e}"),
                    })?;
                check_len("bytes", data.len())?;
                Value::Bytes(data.into())
            }
            other => return Err(mismatch("a base64 string (bytes)", other)),
        },
        Prim::Int128 => match j {
            Json::String(s) => Value::Int128(unhex(s, "int128")?),
            other => return Err(mismatch("a hex string (int128)", other)),
        },
        Prim::Int256 => match j {
            Json::String(s) => Value::Int256(unhex(s, "int256")?),
            other => return Err(mismatch("a hex string (int256)", other)),
        },
        Prim::Bool => match j {
            Json::Bool(b) => Value::Bool(*b),
            other => return Err(mismatch("true or false (Bool)", other)),
        },
        Prim::TrueBare | Prim::TrueBoxed => match j {
            Json::Bool(true) => Value::Bool(true),
            other => return Err(mismatch("true", other)),
        },
    })
}

/// A `long` from its decimal string: an optional `-`, then digits, nothing else.
fn parse_long(s: &str) -> Result<i64, ValueErrorKind> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let shown = if s.len() > 40 {
        format!("{}...", &s[..s.floor_char_boundary_compat(40)])
    } else {
        s.to_owned()
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueErrorKind::InvalidString {
            ty: "long",
            reason: format!("{shown:?} is not a decimal integer"),
        });
    }
    s.parse().map_err(|_| ValueErrorKind::OutOfRange {
        value: shown,
        ty: "long",
    })
}

/// `str::floor_char_boundary` is not stable yet.
trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, at: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut at: usize) -> usize {
        at = at.min(self.len());
        while !self.is_char_boundary(at) {
            at -= 1;
        }
        at
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

impl Registry {
    /// Reads JSON (see [the JSON form](crate::dynamic#json)) as a value of `type_name`.
    pub fn value_from_json(&self, type_name: &str, json: &Json) -> Result<Value, JsonError> {
        let ty = self.resolve(type_name).map_err(|e| JsonError {
            path: "$".into(),
            kind: ValueErrorKind::UnknownType(e),
        })?;
        ty.value_from_json(json)
    }
}

impl TypeRef<'_> {
    /// Reads JSON as a value of this type.
    pub fn value_from_json(&self, json: &Json) -> Result<Value, JsonError> {
        FromJson {
            reg: self.registry,
            depth: 0,
        }
        .value(&self.ty, json, &Path::Root)
    }
}

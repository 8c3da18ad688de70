//! Random values of any constructor or function of a schema, for property tests of both
//! codecs.
//!
//! The generator reads the parsed schema itself (not the dynamic codec's registry), so it is an
//! independent reading of the TL rules: conditional fields and `?true` flags are decided per bit
//! (so fields sharing a bit agree), strings and bytes straddle the 253/254 length-prefix
//! boundary, and nesting is cut off after a few levels by picking the constructor that ends
//! soonest. It is deterministic: the same schema gives the same values.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tl_parser::{Declaration, ParamKind, Type, TypeKind};
use tl_runtime::dynamic::{Object, Value};

/// Builtins the codec treats as primitives, not as objects.
pub const BUILTINS: &[&str] = &[
    "vector",
    "true",
    "boolFalse",
    "boolTrue",
    "int",
    "long",
    "double",
    "string",
    "bytes",
    "int128",
    "int256",
];

/// How many values per constructor; with random flag bits this reaches every combination of
/// up to a few bits per constructor, and most pairs beyond.
pub const ROUNDS: u64 = 6;
/// Below this depth, choices are random; from it on, the cheapest way to end is taken.
const RANDOM_DEPTH: u32 = 3;

pub struct Gen<'a> {
    ctors: HashMap<&'a str, &'a Declaration<'a>>,
    by_type: BTreeMap<&'a str, Vec<&'a Declaration<'a>>>,
    functions: Vec<&'a Declaration<'a>>,
    /// Fewest nested objects any value of a type / constructor needs.
    cost: HashMap<&'a str, u32>,
    state: u64,
}

impl<'a> Gen<'a> {
    /// A generator over these declarations (builtins and repeats left out).
    pub fn new(decls: &[&'a Declaration<'a>]) -> Self {
        let mut g = Gen {
            ctors: HashMap::new(),
            by_type: BTreeMap::new(),
            functions: Vec::new(),
            cost: HashMap::new(),
            state: 0x9e37_79b9_7f4a_7c15,
        };
        for d in decls {
            if d.is_function() {
                g.functions.push(d);
            } else {
                g.ctors.insert(d.name, d);
                g.by_type.entry(d.result.name()).or_default().push(d);
            }
        }
        g.compute_costs();
        g
    }

    /// xorshift64*: deterministic, good enough to spread choices.
    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }

    /// Fixed point of: cost(constructor) = 1 + max over required fields; vectors can be
    /// empty (0); a type costs its cheapest constructor.
    fn compute_costs(&mut self) {
        let names: Vec<&'a str> = self.ctors.keys().copied().collect();
        loop {
            let mut changed = false;
            for &n in &names {
                let d = self.ctors[n];
                let c = self.decl_cost(d);
                if c < self.cost.get(n).copied().unwrap_or(u32::MAX) {
                    self.cost.insert(n, c);
                    changed = true;
                }
                let t = d.result.name();
                if c < self.cost.get(t).copied().unwrap_or(u32::MAX) {
                    self.cost.insert(t, c);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn decl_cost(&self, d: &Declaration<'_>) -> u32 {
        let mut max = 0u32;
        for p in &d.params {
            if let ParamKind::Plain {
                condition: None,
                ty,
            } = &p.kind
            {
                max = max.max(self.type_cost(ty));
            }
        }
        max.saturating_add(1)
    }

    fn type_cost(&self, ty: &Type<'_>) -> u32 {
        match &ty.kind {
            TypeKind::Nat | TypeKind::Bang(_) => 0,
            TypeKind::Named { name, percent, .. } => {
                if matches!(*name, "Vector" | "vector") || primitive(name) {
                    return 0;
                }
                let key = if *percent {
                    self.by_type[name][0].name
                } else {
                    name
                };
                self.cost.get(key).copied().unwrap_or(u32::MAX)
            }
        }
    }

    /// A random value of constructor (or function) `d`, nested at most a few levels.
    pub fn object(&mut self, d: &Declaration<'_>, depth: u32) -> Value {
        let mut obj = Object::new(d.name);
        let mut bits: HashMap<(&str, u32), bool> = HashMap::new();
        let mut words: BTreeSet<&str> = BTreeSet::new();
        for p in &d.params {
            if let Some(c) = p.condition() {
                words.insert(c.field);
            }
        }
        for p in &d.params {
            let ParamKind::Plain { condition, ty } = &p.kind else {
                panic!("repetition in {}", d.name)
            };
            let name = p.name.expect("named field");
            if condition.is_none() && words.contains(name) {
                continue; // a flags word: computed by the encoder
            }
            if let Some(c) = condition {
                let random = depth < RANDOM_DEPTH;
                let set = *bits
                    .entry((c.field, c.bit))
                    .or_insert_with(|| random && self.coin());
                if ty.is_true() {
                    obj.fields.push((name.into(), Value::Bool(set)));
                    continue;
                }
                if !set {
                    continue;
                }
            }
            let v = self.value(ty, depth + 1);
            obj.fields.push((name.into(), v));
        }
        obj.into()
    }

    fn value(&mut self, ty: &Type<'_>, depth: u32) -> Value {
        match &ty.kind {
            TypeKind::Nat => Value::Nat(self.next() as u32),
            TypeKind::Bang(_) => {
                // A query: a function, the cheapest past the random depth.
                let f = if depth < RANDOM_DEPTH {
                    let i = self.below(self.functions.len() as u64) as usize;
                    self.functions[i]
                } else {
                    *self
                        .functions
                        .iter()
                        .min_by_key(|f| self.decl_cost(f))
                        .unwrap()
                };
                self.object(f, depth)
            }
            TypeKind::Named {
                name,
                percent,
                args,
            } => match *name {
                "Vector" | "vector" => {
                    let n = if depth < RANDOM_DEPTH {
                        self.below(3)
                    } else {
                        0
                    };
                    Value::Vector((0..n).map(|_| self.value(&args[0], depth)).collect())
                }
                "int" => Value::Int(self.next() as i32),
                "long" => Value::Long(self.next() as i64),
                "double" => Value::Double((self.next() as i64 as f64) / 1024.0),
                "#" => Value::Nat(self.next() as u32),
                "string" => {
                    let len = self.length();
                    // Mostly ASCII, sometimes a two-byte character, so lengths are in bytes.
                    let mut s = String::new();
                    while s.len() < len {
                        if self.below(8) == 0 && s.len() + 2 <= len {
                            s.push('é');
                        } else {
                            s.push((b'a' + self.below(26) as u8) as char);
                        }
                    }
                    Value::String(s)
                }
                "bytes" => {
                    let len = self.length();
                    Value::Bytes(
                        (0..len)
                            .map(|_| self.next() as u8)
                            .collect::<Vec<_>>()
                            .into(),
                    )
                }
                "int128" => Value::Int128(std::array::from_fn(|_| self.next() as u8)),
                "int256" => Value::Int256(std::array::from_fn(|_| self.next() as u8)),
                "Bool" => Value::Bool(self.coin()),
                _ if *percent => {
                    let d = self.by_type[name][0];
                    self.object(d, depth)
                }
                _ if tl_parser::split_name(name)
                    .1
                    .starts_with(|c: char| c.is_ascii_lowercase()) =>
                {
                    let d = *self
                        .ctors
                        .get(name)
                        .unwrap_or_else(|| panic!("no constructor {name}"));
                    self.object(d, depth)
                }
                _ => {
                    let ctors = self.by_type[name].clone();
                    let d = if depth < RANDOM_DEPTH {
                        ctors[self.below(ctors.len() as u64) as usize]
                    } else {
                        *ctors
                            .iter()
                            .min_by_key(|d| self.cost.get(d.name).copied().unwrap_or(u32::MAX))
                            .unwrap()
                    };
                    self.object(d, depth)
                }
            },
        }
    }

    /// A string/bytes length, often at the 1-byte/4-byte prefix boundary.
    fn length(&mut self) -> usize {
        const LENGTHS: &[usize] = &[0, 1, 2, 3, 4, 5, 7, 8, 252, 253, 254, 255, 256, 300, 1021];
        LENGTHS[self.below(LENGTHS.len() as u64) as usize]
    }
}

fn primitive(name: &str) -> bool {
    matches!(
        name,
        "int" | "long" | "double" | "string" | "bytes" | "int128" | "int256" | "Bool" | "true"
    )
}

/// The declarations of parsed files that values are generated for: builtins and repeated
/// definitions left out.
pub fn declarations<'p, 'a>(parsed: &'p [tl_parser::Parsed<'a>]) -> Vec<&'p Declaration<'a>> {
    let mut seen = std::collections::BTreeSet::new();
    parsed
        .iter()
        .flat_map(|p| &p.schema.declarations)
        .filter(|d| !d.builtin && (d.is_function() || !BUILTINS.contains(&d.name)))
        .filter(|d| seen.insert((d.is_function(), d.name)))
        .collect()
}

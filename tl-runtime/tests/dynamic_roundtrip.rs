//! Every constructor and function of the pinned api.tl + mtproto.tl, round-tripped through the
//! schema-driven codec: value → bytes → value (equal) → bytes (identical), and value → JSON
//! text → value (equal).
//!
//! Values come from a deterministic generator that reads the parsed schema itself (not the
//! registry), so it is an independent reading of the TL rules: conditional fields and `?true`
//! flags are decided per bit (so fields sharing a bit agree), strings and bytes straddle the
//! 253/254 length-prefix boundary, and nesting is cut off after a few levels by picking the
//! constructor that ends soonest.
#![cfg(all(feature = "dynamic", feature = "telegram"))]

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tl_parser::{Declaration, ParamKind, Type, TypeKind};
use tl_runtime::dynamic::serde_json;
use tl_runtime::dynamic::{Object, Registry, Value};

/// Builtins the codec treats as primitives, not as objects.
const BUILTINS: &[&str] = &[
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
const ROUNDS: u64 = 6;
/// Below this depth, choices are random; from it on, the cheapest way to end is taken.
const RANDOM_DEPTH: u32 = 3;

struct Gen<'a> {
    ctors: HashMap<&'a str, &'a Declaration<'a>>,
    by_type: BTreeMap<&'a str, Vec<&'a Declaration<'a>>>,
    functions: Vec<&'a Declaration<'a>>,
    /// Fewest nested objects any value of a type / constructor needs.
    cost: HashMap<&'a str, u32>,
    state: u64,
}

impl<'a> Gen<'a> {
    fn new(decls: &[&'a Declaration<'a>]) -> Self {
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

    fn object(&mut self, d: &Declaration<'_>, depth: u32) -> Value {
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

#[test]
fn every_constructor_and_function_round_trips() {
    let dir = env!("TL_TELEGRAM_SCHEMA_DIR");
    let api = std::fs::read_to_string(format!("{dir}/api.tl")).unwrap();
    let mtproto = std::fs::read_to_string(format!("{dir}/mtproto.tl")).unwrap();
    let parsed = [tl_parser::parse(&api), tl_parser::parse(&mtproto)];
    let registry = Registry::from_sources(&[&api, &mtproto]).unwrap();
    assert!(registry.skipped().is_empty(), "{:?}", registry.skipped());

    // The declarations as the schema has them, builtins and repeats left out.
    let mut seen = BTreeSet::new();
    let decls: Vec<&Declaration<'_>> = parsed
        .iter()
        .flat_map(|p| &p.schema.declarations)
        .filter(|d| !d.builtin && (d.is_function() || !BUILTINS.contains(&d.name)))
        .filter(|d| seen.insert((d.is_function(), d.name)))
        .collect();
    let mut gen = Gen::new(&decls);

    let mut covered_ctors = BTreeSet::new();
    let mut covered_fns = BTreeSet::new();
    let mut values = 0usize;
    for _ in 0..ROUNDS {
        for d in &decls {
            let value = gen.object(d, 0);
            // Constructors go through their boxed type, functions through their own name.
            let ty = if d.is_function() {
                d.name
            } else {
                d.result.name()
            };
            let bytes = registry
                .encode(ty, &value)
                .unwrap_or_else(|e| panic!("{}: encode: {e}", d.name));
            let back = registry
                .decode(ty, bytes.clone())
                .unwrap_or_else(|e| panic!("{}: decode: {e}", d.name));
            assert_eq!(back, value, "{}: decoded value", d.name);
            assert_eq!(
                registry.encode(ty, &back).unwrap(),
                bytes,
                "{}: re-encoded bytes",
                d.name
            );
            // The bare form of a constructor is the boxed one without its id.
            if !d.is_function() {
                let bare = registry.encode(d.name, &value).unwrap();
                assert_eq!(bare, bytes[4..], "{}: bare form", d.name);
            }
            let text = value.to_json().to_string();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let from_json = registry
                .value_from_json(ty, &json)
                .unwrap_or_else(|e| panic!("{}: from JSON: {e}\n{text}", d.name));
            assert_eq!(from_json, value, "{}: JSON round trip", d.name);
            if d.is_function() {
                covered_fns.insert(d.name);
            } else {
                covered_ctors.insert(d.name);
            }
            values += 1;
        }
    }

    let ctors: BTreeSet<&str> = registry.constructor_names().collect();
    let fns: BTreeSet<&str> = registry.function_names().collect();
    assert_eq!(covered_ctors, ctors, "constructors covered");
    assert_eq!(covered_fns, fns, "functions covered");
    println!(
        "round-tripped {} constructors and {} functions ({values} values)",
        ctors.len(),
        fns.len()
    );
}

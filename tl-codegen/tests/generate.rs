//! The generator on real schemas and on small ones written here: determinism, every corpus
//! file, errors with rendered diagnostics, options.

use tl_codegen::{generate, Error, ItemKind, Options, Source};

fn corpus(path: &str) -> Option<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/tl-corpus");
    std::fs::read_to_string(root.join(path)).ok()
}

/// Generates and formats, since the checks below read the code as `tl gen` prints it.
fn gen(text: &str, options: &Options) -> Result<tl_codegen::Generated, Error> {
    let mut g = generate(
        &[Source {
            name: "test.tl",
            text,
        }],
        options,
    )?;
    g.code = tl_codegen::pretty(&g.code)?;
    Ok(g)
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let Some(api) = corpus("telegram/api-layer230.tl") else {
        return;
    };
    let sources = [Source {
        name: "api.tl",
        text: &api,
    }];
    let a = generate(&sources, &Options::default()).unwrap();
    let b = generate(&sources, &Options::default()).unwrap();
    assert!(a.code == b.code, "output differs between runs");
}

#[test]
fn every_corpus_file_generates() {
    for file in [
        "telegram/api-layer222.tl",
        "tdlib/td_api.tl",
        "tdlib/secret_api.tl",
        "tdlib/e2e_api.tl",
        "pyrogram/sys_msgs.tl",
    ] {
        let Some(text) = corpus(file) else { return };
        let g = gen(&text, &Options::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(g.code.contains("pub mod types"), "{file}");
    }
}

#[test]
fn td_api_docs_land_on_structs_and_enums() {
    let Some(text) = corpus("tdlib/td_api.tl") else {
        return;
    };
    let g = gen(&text, &Options::default()).unwrap();
    assert!(g
        .code
        .contains("/// `error code:int32 message:string = Error;`"));
    assert!(g.code.contains(
        "/// An object of this type can be returned on every function call, in case of an error"
    ));
    assert!(
        g.code
            .contains("/// Error code; subject to future changes."),
        "field docs from @code"
    );
    assert!(g.code.contains("/// TL type `AuthenticationCodeType`.\n    ///\n    /// Provides information about the method"), "//@class docs on the enum");
}

#[test]
fn a_small_schema_gives_the_expected_items() {
    let text = "// LAYER 7
        int ? = Int;
        long ? = Long;
        string ? = String;
        vector {t:Type} # [ t ] = Vector t;
        ipPort ip:int port:int = IpPort;
        a.point flags:# x:flags.0?int y:flags.0?int hidden:flags.1?true ips:vector<ipPort> = a.Point;
        self type:int = Self;
        a.pong = a.Point;
        ---functions---
        a.get {X:Type} q:!X = X;
        a.ping id:long = a.Point;
    ";
    let g = gen(text, &Options::default()).unwrap();
    let code = &g.code;
    assert!(code.contains("pub const LAYER: i32 = 7;"));
    assert!(code.contains("pub x_and_y: Option<(i32, i32)>"), "{code}");
    assert!(code.contains("pub hidden: bool"));
    assert!(code.contains("pub r#type: i32"));
    assert!(code.contains("pub struct Self_"));
    assert!(code.contains("pub struct Get<X>"));
    assert!(code.contains("type Return = X::Return;"));
    assert!(code.contains(
        "v.shown(\"ips\", &self.ips);\n                v.part_bare(&::tl_runtime::vector::BareOfBare(&self.ips));"
    ));
    // `Debug` and `PartialEq` go through the same walk as encoding: the shared-bit group is
    // printed and compared once, where it is declared, and written a part at a time; `?true`
    // fields are printed only. `Clone` goes through the encoding where the item decodes: not
    // for functions (without `decode_functions`) or generic structs, which derive it. A struct
    // without fields keeps the derived `Clone` and `PartialEq`. An enum derives nothing: its
    // `Debug`, `PartialEq` and `Serialize` share one match (`Variants::visit`).
    for (item, derive) in [
        ("pub struct Point {", None),
        ("pub enum Point {", None),
        ("pub struct Ping {", Some("#[derive(Clone)]")),
        ("pub struct Get<X> {", Some("#[derive(Clone)]")),
        ("pub struct Pong;", Some("#[derive(Clone, PartialEq)]")),
    ] {
        assert_eq!(derive_line(code, item).as_deref(), derive, "{item}");
    }
    let body = |f: &str, call: &str| {
        format!("fn {f}(&self, other: &Self) -> bool {{\n                ::tl_runtime::{call}")
    };
    for call in [
        "::tl_runtime::fields::debug(self, f, \"Point\")".to_string(),
        body("eq", "fields::eq(self, other)"),
        "impl Clone for Point {\n            #[inline]\n            fn clone(&self) -> Self {\n                \
         ::tl_runtime::clone::bare(self)"
            .to_string(),
        "fn clone(&self) -> Self {\n                ::tl_runtime::clone::boxed(self)".to_string(),
        "match self {\n                    Self::Point(x) => v.variant(\"Point\", &**x),\n                    \
         Self::Pong(x) => v.variant(\"Pong\", x),\n                }"
            .to_string(),
        "::tl_runtime::variants::debug(self, f)".to_string(),
        body("eq", "variants::eq(self, other)"),
        "::tl_runtime::variants::serialize(self, buf)".to_string(),
    ] {
        assert!(code.contains(&call), "{call} in {code}");
    }
    let walk = &code[code
        .find("v.shown(\"x_and_y\"")
        .expect("the group is shown")..];
    let order = [
        "v.shown(\"x_and_y\"",
        "v.part(x)",
        "v.part(x)",
        "v.flag(\"hidden\"",
        "v.shown(\"ips\"",
    ];
    let mut at = 0;
    for step in order {
        let found = walk[at..]
            .find(step)
            .unwrap_or_else(|| panic!("{step} after {at}"));
        at += found + step.len();
    }
    let kinds: Vec<_> = g
        .items
        .iter()
        .map(|i| (i.rust_path.as_str(), i.kind))
        .collect();
    assert!(kinds.contains(&("types::a::Point", ItemKind::Constructor)));
    assert!(kinds.contains(&("enums::a::Point", ItemKind::Type)));
    assert!(kinds.contains(&("functions::a::Ping", ItemKind::Function)));
}

#[test]
fn the_runtime_path_and_extra_attributes_are_used() {
    let mut options = Options::default();
    options.runtime_path = "crate::rt".into();
    options.type_attributes.push("#[derive(Hash)]".into());
    let g = gen("a x:int = A;", &options).unwrap();
    assert!(g.code.contains("impl crate::rt::Identifiable for A"));
    assert!(g.code.contains("#[derive(Hash)]"));

    for bad in ["not an attribute", "#[a] b", "#![a]", ""] {
        options.type_attributes = vec![bad.into()];
        assert!(
            matches!(
                gen("a x:int = A;", &options),
                Err(Error::InvalidOption { .. })
            ),
            "{bad:?}"
        );
    }

    options.type_attributes.clear();
    for good in ["crate", "::tl_runtime", "super::super::rt"] {
        options.runtime_path = good.into();
        assert!(gen("a x:int = A;", &options).is_ok(), "{good:?}");
    }
    for bad in ["", "::", "a::", "a::::b", "a b", "a::1", "a.b"] {
        options.runtime_path = bad.into();
        assert!(
            matches!(
                gen("a x:int = A;", &options),
                Err(Error::InvalidOption { .. })
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn schema_errors_carry_rendered_diagnostics() {
    let err = gen("a x:int = A;\nb y:int", &Options::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("test.tl:2:"), "{text}");
    assert!(matches!(err, Error::Schema { .. }));
}

#[test]
fn id_mismatches_warn_and_fail_in_strict_mode() {
    let text = "a#00000001 x:int = A;";
    let g = gen(text, &Options::default()).unwrap();
    assert_eq!(g.warnings.len(), 1);
    assert!(g.warnings[0].0.contains("declares id #00000001"));
    let mut strict = Options::default();
    strict.strict = true;
    let err = gen(text, &strict).unwrap_err();
    assert!(err.to_string().contains("test.tl:1:1: error"), "{err}");
}

#[test]
fn unknown_roots_are_errors() {
    let mut options = Options::default();
    options.roots.push("nope".into());
    assert!(matches!(
        gen("a x:int = A;", &options),
        Err(Error::UnknownRoot(r)) if r == "nope"
    ));
}

#[test]
fn names_that_meet_after_conversion_are_told_apart() {
    let g = gen(
        "msgs_ack x:int = Ack;\nmsgsAck y:int = Ack;\nok = Ok;",
        &Options::default(),
    )
    .unwrap();
    assert!(g.code.contains("pub struct MsgsAck "));
    assert!(g.code.contains("pub struct MsgsAck2 "));
    assert!(
        g.code.contains("pub struct Ok2;"),
        "prelude names are not shadowed"
    );
}

#[test]
fn functions_decode_only_when_asked() {
    let schema = "a x:int = A;\n---functions---\nget x:int = A;";
    let mut options = Options::default();
    let g = gen(schema, &options).unwrap();
    assert!(g.code.contains("impl ::tl_runtime::DeserializeBare for A "));
    assert!(!g.code.contains("DeserializeBare for Get"), "{}", g.code);
    // The boxed form comes from the runtime's blanket impls, not from generated impls.
    assert!(g
        .code
        .contains("impl ::tl_runtime::fields::Fields for Get "));
    assert!(!g.code.contains("Serialize for Get "), "{}", g.code);

    options.decode_functions = true;
    let g = gen(schema, &options).unwrap();
    assert!(g
        .code
        .contains("impl ::tl_runtime::DeserializeBare for Get "));
    assert!(!g.code.contains("Deserialize for Get "), "{}", g.code);
}

#[test]
fn a_type_without_a_finite_value_is_refused() {
    // Every `Loop` needs another `Loop`: no input could ever decode as one, and decoders need
    // a finite stand-in value for each type.
    let err = gen(
        "loopNext#1 next:Loop = Loop;\nholder#2 x:Loop = Holder;\n",
        &Options::default(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Unsupported(_)), "{err:?}");
    assert!(
        err.to_string().contains("type `Loop` has no finite value"),
        "{err}"
    );
    // A way out (an empty constructor, a vector or an optional field) is enough.
    gen(
        "loopNext#1 next:Loop = Loop;\nloopEnd#3 = Loop;\n",
        &Options::default(),
    )
    .unwrap();
    gen(
        "loopNext#1 next:Vector<Loop> = Loop;\n",
        &Options::default(),
    )
    .unwrap();
}

/// The generated `DeserializeBare` impl of constructor `name`, whitespace removed.
fn decoder_of(code: &str, name: &str) -> String {
    let code: String = code.split_whitespace().collect();
    let start = code
        .find(&format!("impl::tl_runtime::DeserializeBarefor{name}{{"))
        .unwrap_or_else(|| panic!("no decoder for {name}"));
    let rest = &code[start + 1..];
    let end = rest.find("impl").map_or(rest.len(), |e| e + 1);
    code[start..start + end].to_string()
}

#[test]
fn boxed_constructors_decode_field_by_field_into_their_box() {
    // The `more` strings keep each constructor over the 96 bytes below which a boxed one
    // decodes plainly (`only_boxed_constructors_over_96_bytes_decode_in_their_box`).
    let text = "
        int ? = Int;
        long ? = Long;
        string ? = String;
        big flags:# note:flags.0?string id:long seen:flags.1?true text:string more:string = Big;
        late id:long flags:# x:flags.0?long tag:string more:string more2:string = Late;
        split flags:# a:flags.0?int b:string c:flags.0?int d:string e:string f:string = Split;
        small x:int = Small;
    ";
    let g = gen(text, &Options::default()).unwrap();
    let big = decoder_of(&g.code, "Big");
    assert!(big.contains("::tl_runtime::decode_in_box!({let_flags_word=r.take_u32();}Self{"));
    // An optional field is stored from inside the branch that reads it, a `?true` one from
    // its bit, and a bare read unboxes. Strings are read straight into their place.
    assert!(
        big.contains("note?(::tl_runtime::flags::has(_flags_word,0))<-r,"),
        "{big}"
    );
    assert!(big.contains("text<-r,"), "{big}");
    assert!(
        big.contains("id:<i64as::tl_runtime::Deserialize>::decode(r),"),
        "{big}"
    );
    assert!(
        big.contains("seen:::tl_runtime::flags::has(_flags_word,1)"),
        "{big}"
    );
    assert!(
        big.contains("*::tl_runtime::boxed::decode_bare_boxed::<Self>(r)"),
        "{big}"
    );
    // A value before the flags word is read among the words and stored afterwards.
    let late = decoder_of(&g.code, "Late");
    assert!(
        late.contains("{let_id=<i64as::tl_runtime::Deserialize>::decode(r);let_flags_word=r.take_u32();}Self{id:_id,"),
        "{late}"
    );
    // A group split by another field, and a constructor held inline, keep the plain decoder.
    for name in ["Split", "Small"] {
        let plain = decoder_of(&g.code, name);
        assert!(!plain.contains("decode_in_box"), "{plain}");
        assert!(
            plain.contains("fndecode_bare(r:&mut::tl_runtime::Reader)->Self{"),
            "{plain}"
        );
    }
}

/// Writing in place pays for large structs only, and costs the compiler more than a plain
/// decoder: boxed constructors up to 96 bytes are built first and then moved into their box
/// (the trait's default `decode_bare_boxed`).
#[test]
fn only_boxed_constructors_over_96_bytes_decode_in_their_box() {
    let text = "
        int ? = Int;
        long ? = Long;
        string ? = String;
        medium id:long text:string = Sized;
        edge a:string b:string c:string = Sized;
        over a:string b:string c:string d:int = Sized;
    ";
    let g = gen(text, &Options::default()).unwrap();
    // 40, 96 and 100 bytes: all too large to be held inline by `Sized`.
    for name in ["Medium", "Edge", "Over"] {
        assert!(
            g.code.contains(&format!("Box<super::types::{name}>")),
            "{name} is not boxed:\n{}",
            g.code
        );
    }
    for name in ["Medium", "Edge"] {
        let plain = decoder_of(&g.code, name);
        assert!(!plain.contains("decode_in_box"), "{plain}");
        assert!(!plain.contains("fndecode_bare_boxed"), "{plain}");
    }
    let over = decoder_of(&g.code, "Over");
    assert!(over.contains("::tl_runtime::decode_in_box!("), "{over}");
}

#[test]
fn strings_and_bytes_are_read_into_their_place() {
    // `msgText`'s `more` strings keep it over 96 bytes, so it decodes in place.
    let text = "
        int ? = Int;
        long ? = Long;
        string ? = String;
        bytes = Bytes;
        peerUser user_id:long = Peer;
        peerChat chat_id:long = Peer;
        msgEmpty id:int = Msg;
        msgText id:int peer:Peer text:string more:string more2:string = Msg;
        holder flags:# ref:bytes key:flags.0?bytes msg:Msg peer:Peer date:int = Holder;
    ";
    let g = gen(text, &Options::default()).unwrap();
    let holder = decoder_of(&g.code, "Holder");
    assert!(holder.contains("Self{r#ref<-r,"), "{holder}");
    assert!(
        holder.contains("key?(::tl_runtime::flags::has(_flags_word,0))<-r,"),
        "{holder}"
    );
    // Values that come back in registers or are built where they are stored are stored.
    assert!(
        holder.contains("msg:<super::enums::Msgas::tl_runtime::Deserialize>::decode(r),"),
        "{holder}"
    );
    assert!(
        holder.contains("peer:<super::enums::Peeras::tl_runtime::Deserialize>::decode(r),"),
        "{holder}"
    );
    let text = decoder_of(&g.code, "MsgText");
    assert!(text.contains("text<-r,"), "{text}");
}

/// Lengths come from the runtime's counting writer, so no generated type carries a length
/// function of its own (a second body per type was 7% of the Telegram API's build), and
/// the encoded length of a generated value is still exact (`tests/` checks it on the wire).
#[test]
fn no_type_carries_its_own_length_function() {
    let text = "
        int ? = Int;
        string ? = String;
        vector {t:Type} # [ t ] = Vector t;
        peerUser flags:# user_id:int name:flags.0?string = Peer;
        peerChat chat_id:int = Peer;
        dialogs peers:Vector<Peer> names:vector<string> = Dialogs;
        ---functions---
        getPeer peer:Peer = Peer;
    ";
    let g = gen(text, &Options::default()).unwrap();
    assert!(g.code.contains("fn walk<"), "{}", g.code);
    assert!(g.code.contains("fn serialize<"), "{}", g.code);
    assert!(!g.code.contains("serialized_bare_len"), "{}", g.code);
    assert!(!g.code.contains("serialized_len"), "{}", g.code);
}

/// A type with one constructor is that constructor's struct (an alias in `enums`), held in a
/// `Box` by fields when it is over 24 bytes; a type that can contain itself stays an enum.
#[test]
fn a_type_with_one_constructor_is_its_struct() {
    let text = "
        int ? = Int;
        string ? = String;
        vector {t:Type} # [ t ] = Vector t;
        small x:int = Small;
        big a:string b:string = Big;
        holder flags:# s:Small b:Big ob:flags.0?Big v:Vector<Big> = Holder;
        node flags:# next:flags.0?Node = Node;
        two = Two;
        other = Two;
    ";
    let g = gen(text, &Options::default()).unwrap();
    let code = &g.code;
    for expected in [
        // Aliases of the struct; types that can contain themselves, or have two
        // constructors, stay enums.
        "pub type Small = super::types::Small;",
        "pub type Big = super::types::Big;",
        "pub type Holder = super::types::Holder;",
        "pub enum Node",
        "pub enum Two",
        // Fields: small structs directly, large ones boxed (inside `types`, the struct is
        // `Big`), vector elements directly.
        "pub s: super::enums::Small,",
        "pub b: Box<Big>,",
        "pub ob: Option<Box<Big>>,",
        "pub v: Vec<super::enums::Big>,",
        // Boxed ones are walked and decoded through the box.
        "v.field(\"b\", &*self.b);",
        "v.optional_boxed(\"ob\", &self.ob);",
        "::tl_runtime::boxed::decode_boxed::<Big>(r)",
        "::tl_runtime::flags::decode_boxed_if::<Big>(r, _flags_word, 0)",
    ] {
        assert!(code.contains(expected), "{expected}\n{code}");
    }
}

/// `single_constructor_enums` gives such types a one-variant enum, as grammers does.
#[test]
fn single_constructor_enums_keep_an_enum_per_type() {
    let text = "
        int ? = Int;
        string ? = String;
        big a:string b:string = Big;
        holder b:Big = Holder;
    ";
    let mut options = Options::default();
    options.single_constructor_enums = true;
    let g = gen(text, &options).unwrap();
    for item in [
        "pub enum Big {",
        "pub enum Holder {",
        "pub b: super::enums::Big,",
    ] {
        assert!(g.code.contains(item), "{item}\n{}", g.code);
    }
    assert!(!g.code.contains("pub type "), "{}", g.code);
}

/// A schema that uses `Object` keeps the derived `Clone`: the decoder of an `Object` field
/// takes every byte left, so a value holding one in the middle would not read back from its
/// encoding.
#[test]
fn a_schema_with_object_derives_clone() {
    let text = "
        int ? = Int;
        long ? = Long;
        vector {t:Type} # [ t ] = Vector t;
        message msg_id:long body:Object = Message;
        msg_container messages:vector<message> = MessageContainer;
        pong msg_id:long = Pong;
        pongs a:Pong b:Pong = Pongs;
        pongs2 a:Pong = Pongs;
    ";
    let g = gen(text, &Options::default()).unwrap();
    assert!(!g.code.contains("::tl_runtime::clone::"), "{}", g.code);
    for item in [
        "pub struct MsgContainer {",
        "pub struct Pongs {",
        "pub enum Pongs {",
    ] {
        let derive = derive_line(&g.code, item).unwrap_or_default();
        assert!(derive.starts_with("#[derive(Clone"), "{item}: {derive}");
    }
}

/// The `#[derive(..)]` line among the attributes of `item` (the text that opens it), if any.
fn derive_line(code: &str, item: &str) -> Option<String> {
    let before = &code[..code.find(item).unwrap_or_else(|| panic!("{item}"))];
    let attrs = &before[before.rfind("///").expect("a doc comment")..];
    let at = attrs.find("#[derive(")?;
    attrs[at..].lines().next().map(str::to_string)
}

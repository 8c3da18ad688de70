//! Constructors held in a `Box` by their enum's variant.
//!
//! Large constructors (`message` is 512 bytes in layer 230) are boxed so that every enum stays
//! a few words. Their boxed *wire* form (id, then body) needs nothing here: the runtime's blanket
//! [`Serialize`](crate::Serialize) and [`Deserialize`](crate::Deserialize) impls give it to
//! every [`Identifiable`](crate::Identifiable) constructor from its bare form, so a type that
//! is `Identifiable` and [`SerializeBare`](crate::SerializeBare) cannot have a hand-written
//! `Serialize` impl.

use crate::reader::Reader;
use crate::traits::{DeserializeBare, Identifiable};

/// Reads `T`'s body into a fresh box: the decoders of enum variants that hold their
/// constructor boxed call this, and it calls [`DeserializeBare::decode_bare_boxed`], which
/// for large generated constructors writes every field into the box as it is read
/// ([`decode_in_box!`](crate::decode_in_box)).
///
/// Never inlined, so each boxed constructor's decoder is one function, compiled once in each
/// crate that decodes it (it is generic, so only where it is used). Inlined into its enum's
/// decoder, and from there into callers, it made the optimiser's work grow faster than the
/// code: a crate that decodes `Updates` took 36-38 s of CPU (19-21 s on two cores) to build in
/// release, 27-28.5 s (15-16 s) with the call. The price is a call per boxed value: decoding
/// 50 messages and 20 users runs 1.8% fewer instructions and takes as long; a lone
/// `updateShortMessage` also runs fewer, but took up to 13% longer in a tight loop (the
/// criterion benchmark does not tell the two apart on this machine).
///
/// `extern "C"`, so that a call to it cannot unwind (see the crate docs): allocating the box
/// can panic as far as the compiler knows.
#[inline(never)]
pub extern "C" fn decode_bare_boxed<T: DeserializeBare>(r: &mut Reader) -> Box<T> {
    T::decode_bare_boxed(r)
}

/// Reads a `T` in its boxed form (its id, then its body) into a fresh box: how generated code
/// decodes a field whose type has the single constructor `T` and is held in a `Box` because
/// `T` is large (such a type is `T` itself, not an enum).
///
/// A different id records `UnknownConstructor` naming `T::NAME`, as the blanket
/// [`Deserialize`](crate::Deserialize) impl does; the body is then a stand-in read from the
/// exhausted reader.
#[inline]
pub fn decode_boxed<T: Identifiable + DeserializeBare>(r: &mut Reader) -> Box<T> {
    r.take_expected_id(T::CONSTRUCTOR_ID, T::NAME);
    decode_bare_boxed::<T>(r)
}

/// Builds a boxed struct by storing each field in the box as soon as its value is computed:
/// what generated decoders of large constructors use for
/// [`DeserializeBare::decode_bare_boxed`].
///
/// ```
/// # use tl_runtime::decode_in_box;
/// struct Post { id: i32, title: String, author: Option<String> }
/// let flags = 0b10;
/// let b: Box<Post> = decode_in_box!({ let base = 40; } Post {
///     id: base + 2,
///     title: format!("n{base}"),
///     author?(flags & 0b10 != 0): String::from("ann"),
/// });
/// assert_eq!((b.id, b.title.as_str(), b.author.as_deref()), (42, "n40", Some("ann")));
/// ```
///
/// The box is allocated first; then the `let`s in the optional leading braces run (generated
/// code reads the flag words there), then each field's value is computed and stored, in the
/// order written (generated code lists fields in wire order, since each value reads from the
/// input). `field?(condition): value` stores `Some(value)` if the condition holds and `None`
/// otherwise, without computing the value.
///
/// `field <- r` decodes the field's type from the reader `r` straight into the box, through
/// [`Deserialize::decode_into`](crate::Deserialize::decode_into) ([`slot::decode_to`](crate::slot::decode_to));
/// `field?(condition) <- r` does so for an `Option` field when the condition holds
/// ([`slot::decode_some_to`](crate::slot::decode_some_to), for types whose default owns
/// nothing). Generated code uses them for `string` and `bytes` fields, whose out-of-line
/// readers write through the pointer they are given: returned instead, the value came back
/// through a stack temporary that was then copied into the box with 16-byte loads, stalled on
/// the reader's 8-byte stores still in flight. Decoding 50 messages and 20 users went from
/// 4.02 to 3.80 µs with these forms (min of 8 interleaved runs).
///
/// Why it exists: a decoder that builds `Self { .. }` and then boxes it keeps the fields on
/// the stack while it reads the others and then copies the whole struct into the box: 64
/// eight-byte moves for `message` (512 bytes in layer 230). Storing into the box removes the
/// copy. The `?(condition)` form matters as much: an `Option` field written as one value
/// (`if c { Some(read()) } else { None }`) is assembled in a stack slot and copied, and a
/// `string` read by an out-of-line call is then copied right after the call wrote it, which
/// stalls the load on the stores still in flight (perf showed it on every `user` name). With a
/// store in each branch, the call writes its result straight into the box. Decoding 50
/// messages and 20 users went from 79,300 to 70,800 instructions and from 4.75 to 4.13 µs
/// (min of 8 interleaved runs); storing into the box without the branch form was slower than
/// not storing into it at all for `user`.
///
/// # Why this is sound
///
/// The box starts uninitialised and is declared initialised once every field has been
/// written, so the macro must make sure that every field is written, each into its place.
/// The compiler checks that, whatever the input:
/// - the field list is matched against `T` with a struct pattern without `..`, which must name
///   every field of `T`, each once, and nothing else (a field left out, repeated (E0025) or
///   foreign (E0026) is an error), so the stores cover all of `T`; padding needs no value;
/// - each field is borrowed in that never-run check, which rejects `repr(packed)` structs
///   (E0793: their fields may be unaligned, and `write` needs alignment) and unions (E0133:
///   reading a union field needs `unsafe`), so every store goes to an aligned field of its own;
/// - each store takes a value of the field's type (or `Option::Some`/`None` of it, which
///   only type-checks for an `Option` field), or, for `<- r`, hands the field's own pointer to
///   a decoder of the pointer's type, which writes one value there;
/// - values and conditions are computed outside the `unsafe` blocks, so the caller's
///   expressions get no `unsafe` context, and they cannot name the box or its pointer (macro
///   hygiene).
///
/// If a value panics or returns early, the allocation is freed and the fields written so far
/// are leaked, not dropped: no undefined behaviour either way.
///
/// The allocation is an [`Allocation`], not a `Box<MaybeUninit<T>>`: that box, its drop glue
/// and its helpers were compiled once per boxed type in every crate that decodes (the decoders
/// are inlined there), 15% of the code of a crate that decodes Telegram's `Updates` in a debug
/// build; `Allocation` is compiled once. The
/// `compile_fail` examples below keep those checks honest, and this module's unit tests build
/// values whose fields own heap memory in every form.
///
/// In a crate that forbids `unsafe_code` the macro still works: the lint does not look inside
/// another crate's macros, which is also why the expansion carries no `allow` of its own (an
/// `allow` under `forbid` is an error).
///
/// A missing field does not compile:
/// ```compile_fail
/// # use tl_runtime::decode_in_box;
/// pub struct Pair { pub id: i32, pub name: String }
/// let b: Box<Pair> = decode_in_box!(Pair { id: 1 });
/// ```
/// Nor does a field written twice:
/// ```compile_fail
/// # use tl_runtime::decode_in_box;
/// pub struct Pair { pub id: i32, pub name: String }
/// let b: Box<Pair> = decode_in_box!(Pair { id: 1, id: 2, name: String::new() });
/// ```
/// Nor a packed struct:
/// ```compile_fail
/// # use tl_runtime::decode_in_box;
/// #[repr(packed)]
/// pub struct Pair { pub id: i32, pub name: String }
/// let b: Box<Pair> = decode_in_box!(Pair { id: 1, name: String::new() });
/// ```
/// Nor a union:
/// ```compile_fail
/// # use tl_runtime::decode_in_box;
/// pub union Either { pub id: i32, pub other: u32 }
/// let b: Box<Either> = decode_in_box!(Either { id: 1 });
/// ```
/// Nor the optional form on a field that is not an `Option`:
/// ```compile_fail
/// # use tl_runtime::decode_in_box;
/// pub struct Pair { pub id: i32, pub name: String }
/// let b: Box<Pair> = decode_in_box!(Pair { id?(true): 1, name: String::new() });
/// ```
#[macro_export]
macro_rules! decode_in_box {
    ($T:path { $($field:ident $(?($cond:expr))? $(<- $r:ident)? $(: $value:expr)?),* $(,)? }) => {
        $crate::decode_in_box!({} $T { $($field $(?($cond))? $(<- $r)? $(: $value)?),* })
    };
    ({ $(let $local:ident = $init:expr;)* } $T:path {
        $($field:ident $(?($cond:expr))? $(<- $r:ident)? $(: $value:expr)?),* $(,)?
    }) => {{
        if let ::core::option::Option::Some(v) = ::core::option::Option::<&$T>::None {
            let $T { $($field: _),* } = v;
            $(let _ = &v.$field;)*
        }
        let slot = $crate::boxed::Allocation::of::<$T>();
        let p = slot.as_ptr() as *mut $T;
        $(let $local = $init;)*
        $($crate::__decode_in_box_store!(p, $field, [$($r)?] [$($value)?] $(, $cond)?);)*
        // SAFETY: every field of `$T` has been stored (the pattern above names them all; see
        // the macro's docs), into memory from the global allocator with `$T`'s layout, which
        // is what `Box::from_raw` asks for.
        unsafe {
            ::std::boxed::Box::from_raw(slot.into_raw() as *mut $T)
        }
    }};
}

/// Memory for one value, not yet written, that is freed when dropped unless handed over with
/// [`into_raw`](Allocation::into_raw): where [`decode_in_box!`] builds a struct before it
/// becomes a `Box`. Not generic, so that the allocation and its release on unwinding are
/// compiled once rather than once per boxed type.
#[doc(hidden)]
pub struct Allocation {
    ptr: core::ptr::NonNull<u8>,
    layout: core::alloc::Layout,
}

// `alloc`, `dealloc` and the zero-size pointer are the unsafe parts; each says why it holds.
#[allow(unsafe_code)]
impl Allocation {
    /// Allocates `layout` from the global allocator (nothing for a zero size: an aligned
    /// dangling pointer, as `Box` uses), or stops as `Box` does when memory is exhausted.
    #[inline]
    pub fn new(layout: core::alloc::Layout) -> Self {
        let ptr = if layout.size() == 0 {
            // Non-null (alignments are at least 1) and aligned; never read or freed.
            core::ptr::NonNull::new(core::ptr::without_provenance_mut(layout.align()))
        } else {
            // SAFETY: the size is not zero, which is all `alloc` asks.
            core::ptr::NonNull::new(unsafe { std::alloc::alloc(layout) })
        };
        match ptr {
            Some(ptr) => Self { ptr, layout },
            None => std::alloc::handle_alloc_error(layout),
        }
    }

    /// Memory for a `T`. (A call rather than `new(Layout::new::<T>())` at each use: an
    /// expression per generated decoder fewer for the compiler to check.)
    #[inline]
    pub fn of<T>() -> Self {
        Self::new(core::alloc::Layout::new::<T>())
    }

    /// The start of the memory.
    #[inline]
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// Gives the memory up without freeing it (to `Box::from_raw`, once a value is written).
    #[inline]
    pub fn into_raw(self) -> *mut u8 {
        let ptr = self.ptr.as_ptr();
        core::mem::forget(self);
        ptr
    }
}

#[allow(unsafe_code)]
impl Drop for Allocation {
    fn drop(&mut self) {
        if self.layout.size() != 0 {
            // SAFETY: `new` allocated this pointer with this layout from the global allocator,
            // and `into_raw`, the only other way out, forgets `self` instead of dropping it.
            unsafe { std::alloc::dealloc(self.ptr.as_ptr(), self.layout) }
        }
    }
}

/// One store of [`decode_in_box!`]: not for use on its own (its `p` must point to a live,
/// uninitialised value whose `field` is aligned, which the outer macro guarantees).
#[doc(hidden)]
#[macro_export]
macro_rules! __decode_in_box_store {
    ($p:ident, $field:ident, [] [$value:expr]) => {{
        let value = $value;
        // SAFETY: `$p` points into a live allocation of the struct and `$field` is one of its
        // aligned fields (checked by `decode_in_box!`).
        unsafe { ::core::ptr::addr_of_mut!((*$p).$field).write(value) };
    }};
    ($p:ident, $field:ident, [$r:ident] []) => {{
        let r: &mut $crate::Reader = $r;
        // SAFETY: as above, which is what `decode_to` asks of its pointer.
        unsafe { $crate::slot::decode_to(r, ::core::ptr::addr_of_mut!((*$p).$field)) };
    }};
    ($p:ident, $field:ident, [] [$value:expr], $cond:expr) => {{
        if $cond {
            let value = $value;
            // SAFETY: as above.
            unsafe {
                ::core::ptr::addr_of_mut!((*$p).$field).write(::core::option::Option::Some(value))
            };
        } else {
            // SAFETY: as above.
            unsafe { ::core::ptr::addr_of_mut!((*$p).$field).write(::core::option::Option::None) };
        }
    }};
    ($p:ident, $field:ident, [$r:ident] [], $cond:expr) => {{
        if $cond {
            let r: &mut $crate::Reader = $r;
            // SAFETY: as above, which is what `decode_some_to` asks of its pointer.
            unsafe { $crate::slot::decode_some_to(r, ::core::ptr::addr_of_mut!((*$p).$field)) };
        } else {
            // SAFETY: as above.
            unsafe { ::core::ptr::addr_of_mut!((*$p).$field).write(::core::option::Option::None) };
        }
    }};
}

#[cfg(test)]
// The macro's expansion is local code here, so the crate's `deny(unsafe_code)` sees it.
#[allow(unsafe_code)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    #[derive(Debug, PartialEq)]
    struct Owned {
        small: u8,
        text: String,
        list: Option<Vec<u16>>,
        shared: Rc<()>,
        maybe_shared: Option<Rc<()>>,
        number: Option<u64>,
        nested: Option<Box<Owned>>,
    }

    fn build(present: bool, rc: &Rc<()>, log: &RefCell<Vec<&'static str>>) -> Box<Owned> {
        let step = |name| log.borrow_mut().push(name);
        decode_in_box!({ let flags = u32::from(present); } Owned {
            small: { step("small"); 7 },
            text: { step("text"); "héllo".repeat(3) },
            list?(flags & 1 != 0): { step("list"); vec![1, 2, 3] },
            shared: { step("shared"); Rc::clone(rc) },
            maybe_shared?(flags & 1 != 0): { step("maybe_shared"); Rc::clone(rc) },
            number?(flags == 0): { step("number"); u64::MAX },
            nested?(present): {
                step("nested");
                Box::new(Owned {
                    small: 1,
                    text: String::new(),
                    list: None,
                    shared: Rc::clone(rc),
                    maybe_shared: None,
                    number: None,
                    nested: None,
                })
            },
        })
    }

    #[test]
    fn stores_every_field_in_order_and_skips_absent_values() {
        let rc = Rc::new(());
        let log = RefCell::new(Vec::new());
        let b = build(true, &rc, &log);
        assert_eq!(
            log.take(),
            ["small", "text", "list", "shared", "maybe_shared", "nested"]
        );
        assert_eq!((b.small, b.text.as_str()), (7, "héllohéllohéllo"));
        assert_eq!(b.list.as_deref(), Some(&[1, 2, 3][..]));
        assert!(b.maybe_shared.is_some());
        assert_eq!(b.number, None);
        assert_eq!(b.nested.as_ref().map(|n| n.small), Some(1));

        let b = build(false, &rc, &log);
        assert_eq!(log.take(), ["small", "text", "shared", "number"]);
        assert_eq!((b.list.as_ref(), b.maybe_shared.as_ref()), (None, None));
        assert_eq!((b.number, b.nested.is_none()), (Some(u64::MAX), true));
    }

    #[derive(Debug, PartialEq)]
    struct Named {
        id: i32,
        name: crate::ByteString,
        nick: Option<crate::ByteString>,
        gone: Option<crate::ByteString>,
        tail: crate::ByteString,
    }

    fn named(wire: &[u8]) -> (Box<Named>, crate::Reader) {
        use crate::Deserialize;
        let mut reader = crate::Reader::new(wire.to_vec());
        let r = &mut reader;
        let b = decode_in_box!(Named {
            id: i32::decode(r),
            name <- r,
            nick?(true) <- r,
            gone?(false) <- r,
            tail <- r,
        });
        (b, reader)
    }

    /// The `<- r` forms decode each field's type straight into the box, in order, and store
    /// `None` without reading.
    #[test]
    fn reads_fields_in_place() {
        // 7 | "ab" | "xyz" | "é"
        let wire = [
            7, 0, 0, 0, 2, b'a', b'b', 0, 3, b'x', b'y', b'z', 2, 0xc3, 0xa9, 0,
        ];
        let (b, r) = named(&wire);
        assert!(r.is_empty() && !r.failed());
        let expected = Named {
            id: 7,
            name: "ab".into(),
            nick: Some("xyz".into()),
            gone: None,
            tail: "é".into(),
        };
        assert_eq!(*b, expected);
        // The texts share the input buffer; dropping the box gives every share back.
        drop(r);
        let shared = b.name.clone().into_bytes();
        assert!(!shared.is_unique());
        drop(b);
        assert!(
            shared.is_unique(),
            "a field's share of the buffer outlived the box"
        );
    }

    /// Input that ends early leaves stand-ins in place (empty texts), recorded as an error.
    #[test]
    fn in_place_reads_after_an_error_store_stand_ins() {
        let (b, r) = named(&[7, 0, 0, 0, 2, b'a']);
        assert!(r.failed());
        assert_eq!(
            (b.id, b.name.as_str(), b.nick.as_deref()),
            (7, "", Some(""))
        );
    }

    #[derive(Debug, PartialEq)]
    struct Empty {
        nothing: (),
    }

    /// A zero-sized struct takes no allocation, and its box is an ordinary one.
    #[test]
    fn a_zero_sized_struct_is_boxed_without_allocating() {
        let b: Box<Empty> = decode_in_box!(Empty { nothing: () });
        assert_eq!(*b, Empty { nothing: () });
        let layout = core::alloc::Layout::new::<Empty>();
        let a = super::Allocation::new(layout);
        assert_eq!(a.as_ptr() as usize % layout.align(), 0);
        drop(a);
    }

    /// A value that panics part-way frees the allocation and leaks, never drops, what was
    /// already stored (so nothing is dropped twice or dropped uninitialised).
    #[test]
    fn a_panic_part_way_leaks_the_stored_fields() {
        let rc = Rc::new(());
        let caught = std::panic::catch_unwind(|| {
            let _: Box<Owned> = decode_in_box!(Owned {
                small: 1,
                text: String::from("kept"),
                list: None,
                shared: Rc::clone(&rc),
                maybe_shared: Some(Rc::clone(&rc)),
                number: if Rc::strong_count(&rc) == 3 {
                    panic!("value failed")
                } else {
                    None
                },
                nested: None,
            });
        });
        assert!(caught.is_err());
        assert_eq!(Rc::strong_count(&rc), 3, "the two stored shares are leaked");
    }

    #[test]
    fn every_stored_value_is_dropped_once_with_the_box() {
        let rc = Rc::new(());
        let log = RefCell::new(Vec::new());
        let full = build(true, &rc, &log);
        assert_eq!(
            Rc::strong_count(&rc),
            4,
            "shared, maybe_shared, nested.shared"
        );
        let bare = build(false, &rc, &log);
        assert_eq!(Rc::strong_count(&rc), 5);
        drop(full);
        assert_eq!(Rc::strong_count(&rc), 2);
        drop(bare);
        assert_eq!(Rc::strong_count(&rc), 1);
    }
}

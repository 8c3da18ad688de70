//! [`ByteString`], the type of TL `string` fields.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::ManuallyDrop;
use std::ops::Deref;

use bytes::Bytes;

/// An immutable UTF-8 string that shares a [`bytes::Bytes`] buffer: what generated code uses
/// for TL `string`, so a decoded text is a slice of the received message instead of a copy.
///
/// It derefs to `str` and compares with `&str` and `String`. Build one with `"text".into()`
/// (copies), `String::into` (takes the allocation over), [`ByteString::from_static`] (no
/// allocation), or `ByteString::try_from(bytes)` (checks UTF-8, shares `bytes`). It holds a
/// [`bytestring::ByteString`] ([`as_inner`](Self::as_inner), `From` both ways) and is as
/// big (four words).
///
/// Why not `bytestring::ByteString` itself: a `Bytes` is released through a function pointer,
/// which as far as the compiler knows can unwind, so every generated struct holding a string
/// had drop code with cleanup paths for each field after it, compiled again in every crate
/// that drops the API's types. This type releases its buffer through one `extern "C"`
/// function (which cannot unwind; see the crate docs), and that cleanup code disappears: a
/// release build of a crate that decodes `Updates` and prints it took 13.3 s of CPU with
/// `bytestring::ByteString` fields and 11.4 s with these.
pub struct ByteString(ManuallyDrop<bytestring::ByteString>);

impl ByteString {
    /// The empty string (no allocation).
    pub const fn new() -> Self {
        Self(ManuallyDrop::new(bytestring::ByteString::new()))
    }

    /// A string borrowing static text (no allocation).
    pub const fn from_static(text: &'static str) -> Self {
        Self(ManuallyDrop::new(bytestring::ByteString::from_static(text)))
    }

    /// Wraps text already known to be UTF-8.
    pub(crate) fn from_inner(inner: bytestring::ByteString) -> Self {
        Self(ManuallyDrop::new(inner))
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The [`bytestring::ByteString`] this wraps.
    #[inline]
    pub fn as_inner(&self) -> &bytestring::ByteString {
        &self.0
    }

    /// The shared buffer holding the text (a reference count, not a copy).
    pub fn into_bytes(self) -> Bytes {
        self.0.as_bytes().clone()
    }
}

impl Drop for ByteString {
    #[inline]
    fn drop(&mut self) {
        release(&mut self.0);
    }
}

/// Drops the text: the one place a [`ByteString`] gives up its share of the buffer, out of
/// line and `extern "C"` so that dropping one cannot unwind (see the type's docs).
#[inline(never)]
extern "C" fn release(inner: &mut ManuallyDrop<bytestring::ByteString>) {
    // SAFETY: `ManuallyDrop::drop` needs the value not to be used again. `release` is called
    // only from `Drop::drop`, which runs once per `ByteString` and is the last use of its
    // field; nothing else takes the field out or drops it. `drop_releases_the_buffer` and
    // `clones_share_and_release_the_buffer` (below) check the buffer's count comes back.
    #[allow(unsafe_code)]
    unsafe {
        ManuallyDrop::drop(inner)
    }
}

impl Default for ByteString {
    fn default() -> Self {
        Self::new()
    }
}

impl Clone for ByteString {
    #[inline]
    fn clone(&self) -> Self {
        Self::from_inner((*self.0).clone())
    }
}

impl Deref for ByteString {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ByteString {
    fn as_ref(&self) -> &str {
        self
    }
}

impl AsRef<[u8]> for ByteString {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Borrow<str> for ByteString {
    fn borrow(&self) -> &str {
        self
    }
}

impl<T: AsRef<str> + ?Sized> PartialEq<T> for ByteString {
    #[inline]
    fn eq(&self, other: &T) -> bool {
        self.as_str() == other.as_ref()
    }
}

impl PartialEq<ByteString> for str {
    fn eq(&self, other: &ByteString) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<ByteString> for &str {
    fn eq(&self, other: &ByteString) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<ByteString> for String {
    fn eq(&self, other: &ByteString) -> bool {
        self == other.as_str()
    }
}

impl Eq for ByteString {}

impl PartialOrd for ByteString {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ByteString {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for ByteString {
    // As `str` hashes, so `Borrow<str>` lookups in maps work.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for ByteString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ByteString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<&str> for ByteString {
    fn from(text: &str) -> Self {
        Self::from_inner(text.into())
    }
}

impl From<String> for ByteString {
    fn from(text: String) -> Self {
        Self::from_inner(text.into())
    }
}

impl From<Box<str>> for ByteString {
    fn from(text: Box<str>) -> Self {
        Self::from_inner(text.into())
    }
}

impl From<bytestring::ByteString> for ByteString {
    fn from(inner: bytestring::ByteString) -> Self {
        Self::from_inner(inner)
    }
}

impl From<ByteString> for bytestring::ByteString {
    fn from(text: ByteString) -> Self {
        text.as_inner().clone()
    }
}

impl From<ByteString> for String {
    fn from(text: ByteString) -> Self {
        text.as_str().to_owned()
    }
}

impl TryFrom<Bytes> for ByteString {
    type Error = std::str::Utf8Error;
    /// Shares `bytes` if they are UTF-8.
    fn try_from(bytes: Bytes) -> Result<Self, Self::Error> {
        bytestring::ByteString::try_from(bytes).map(Self::from_inner)
    }
}

impl TryFrom<Vec<u8>> for ByteString {
    type Error = std::str::Utf8Error;
    /// Takes the allocation over if it is UTF-8.
    fn try_from(bytes: Vec<u8>) -> Result<Self, Self::Error> {
        bytestring::ByteString::try_from(bytes).map(Self::from_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nounwind_boundaries() {
        let _: extern "C" fn(&mut ManuallyDrop<bytestring::ByteString>) = release;
    }

    #[test]
    fn drop_releases_the_buffer() {
        let mut buffer = Bytes::from(b"shared text".to_vec());
        let text = ByteString::try_from(buffer.slice(0..6)).unwrap();
        assert_eq!(text, "shared");
        assert!(!buffer.is_unique(), "the text holds a share of the buffer");
        drop(text);
        assert!(buffer.is_unique(), "dropping the text gave its share back");
        // A unique buffer can be turned back into its `Vec` without copying.
        buffer.truncate(6);
        assert_eq!(Vec::from(buffer), b"shared");
    }

    #[test]
    fn clones_share_and_release_the_buffer() {
        let buffer = Bytes::from(b"abc".to_vec());
        let text = ByteString::try_from(buffer.clone()).unwrap();
        let copies: Vec<ByteString> = (0..3).map(|_| text.clone()).collect();
        assert!(
            copies.iter().all(|c| c.as_ptr() == buffer.as_ptr()),
            "no copies"
        );
        drop(copies);
        drop(text);
        assert!(buffer.is_unique());
    }

    #[test]
    fn compares_and_converts_like_a_str() {
        let text = ByteString::from("héllo");
        assert_eq!(text, "héllo");
        assert_eq!("héllo", text);
        assert_eq!(String::from("héllo"), text);
        assert_eq!(text.len(), 6);
        assert_eq!(format!("{text} {text:?}"), "héllo \"héllo\"");
        assert_eq!(String::from(text.clone()), "héllo");
        assert_eq!(bytestring::ByteString::from(text.clone()), "héllo");
        assert!(ByteString::try_from(vec![0xff]).is_err());
        let (a, b) = (ByteString::from("a"), ByteString::from("b"));
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Less);
        let map: std::collections::HashMap<ByteString, u8> = [(text, 1)].into();
        assert_eq!(map.get("héllo"), Some(&1));
        assert_eq!(ByteString::default(), ByteString::from_static(""));
        assert_eq!(
            std::mem::size_of::<ByteString>(),
            std::mem::size_of::<Bytes>()
        );
    }
}

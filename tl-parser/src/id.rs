//! Constructor ids: the CRC32 of a declaration's normalized text.
//!
//! Two normalizations exist in the wild. Both drop the id, write `Vector<T>` as `Vector T` and
//! drop the braces of `{X:Type}`. Telegram's (used by the official clients and every library
//! that generates the Telegram API) also leaves out `name:flags.N?true` fields and writes
//! `bytes` fields as `string`; the original TL one keeps both. A declared id always wins on the
//! wire; the computed one only tells whether the declaration was copied faithfully.

use crate::ast::Declaration;
use crate::print::{write_declaration, Style};

/// Which normalization a computed id follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Normalization {
    /// Telegram's: `?true` fields dropped, `bytes` written as `string`.
    #[default]
    Telegram,
    /// The original TL rule: the declaration as written.
    Original,
}

impl Normalization {
    fn style(self) -> Style {
        let telegram = self == Normalization::Telegram;
        Style {
            id: false,
            angle_brackets: false,
            braces: false,
            drop_true_flags: telegram,
            bytes_as_string: telegram,
        }
    }
}

/// The text whose CRC32 is the declaration's id under `norm`.
pub fn normalized_text(d: &Declaration<'_>, norm: Normalization) -> String {
    let mut out = String::with_capacity(d.span.end.saturating_sub(d.span.start) as usize);
    write_declaration(&mut out, d, norm.style());
    out
}

/// The id computed from the declaration under `norm`.
pub fn compute(d: &Declaration<'_>, norm: Normalization) -> u32 {
    crc32fast::hash(normalized_text(d, norm).as_bytes())
}

/// The id on the wire: the declared one, or the computed one (Telegram's rule) when the
/// declaration has none.
pub fn effective(d: &Declaration<'_>) -> u32 {
    d.id.unwrap_or_else(|| compute(d, Normalization::Telegram))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(src: &str) -> Declaration<'_> {
        let parsed = crate::parse(src);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        parsed.schema.declarations.into_iter().next().unwrap()
    }

    #[test]
    fn vector_builtin_matches_its_well_known_id() {
        let d = decl("vector {t:Type} # [ t ] = Vector t;");
        assert_eq!(
            normalized_text(&d, Normalization::Original),
            "vector t:Type # [ t ] = Vector t"
        );
        assert_eq!(compute(&d, Normalization::Original), 0x1cb5c415);
        assert_eq!(compute(&d, Normalization::Telegram), 0x1cb5c415);
    }

    #[test]
    fn builtin_int_matches_its_well_known_id() {
        assert_eq!(
            compute(&decl("int ? = Int;"), Normalization::Original),
            0xa8509bda
        );
    }

    #[test]
    fn telegram_rule_drops_true_flags_and_writes_bytes_as_string() {
        let d = decl("updateShortSentMessage#9015e101 flags:# out:flags.1?true id:int pts:int pts_count:int date:int media:flags.9?MessageMedia entities:flags.7?Vector<MessageEntity> ttl_period:flags.25?int = Updates;");
        assert_eq!(
            normalized_text(&d, Normalization::Telegram),
            "updateShortSentMessage flags:# id:int pts:int pts_count:int date:int media:flags.9?MessageMedia entities:flags.7?Vector MessageEntity ttl_period:flags.25?int = Updates"
        );
        assert_eq!(compute(&d, Normalization::Telegram), 0x9015e101);
        assert_ne!(compute(&d, Normalization::Original), 0x9015e101);

        let d = decl("ipPortSecret#37982646 ipv4:int port:int secret:bytes = IpPort;");
        assert!(normalized_text(&d, Normalization::Telegram).contains("secret:string"));
        assert!(normalized_text(&d, Normalization::Original).contains("secret:bytes"));
    }

    #[test]
    fn generic_function_id() {
        let d = decl("invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;");
        assert_eq!(compute(&d, Normalization::Telegram), 0xda9b0d0d);
    }

    #[test]
    fn effective_prefers_the_declared_id() {
        assert_eq!(effective(&decl("a#00000001 = A;")), 1);
        let d = decl("a = A;");
        assert_eq!(effective(&d), crc32fast::hash(b"a = A"));
    }
}

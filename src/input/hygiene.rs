//! Text hygiene: characters that print nothing, or reorder what is printed,
//! removed before parsing, with a warning saying where each was.
//!
//! Text pasted from Word, web pages or chat arrives with zero-width spaces,
//! soft hyphens, byte-order marks and bidirectional controls. None of them
//! belongs in an official document: they split words invisibly, break
//! searching and copying, and a bidi control can make printed text read
//! differently from the data. NFC normalisation is done alongside
//! ([`crate::Document`]'s constructors).

use std::borrow::Cow;

use super::source_map::SourceMap;
use crate::error::Diagnostic;

/// True for a character that is removed from every string: control
/// characters other than line feed and tab, zero-width and bidi formatting
/// characters, the soft hyphen and the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{00AD}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// One removed character and where it was (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Removed {
    /// Line in the original text.
    pub line: usize,
    /// Column (in characters) in the original text.
    pub column: usize,
    /// The character.
    pub ch: char,
}

/// `text` without invisible characters, and what was removed. A carriage
/// return before a line feed (Windows line ends) and a byte-order mark at
/// the very start are removed silently: they are how files are saved, not
/// what was typed.
pub fn clean(text: &str) -> (Cow<'_, str>, Vec<Removed>) {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let noisy = |c: char| is_invisible(c) && c != '\r';
    let has_lone_cr = body
        .char_indices()
        .any(|(i, c)| c == '\r' && !body[i + 1..].starts_with('\n'));
    if !body.contains(noisy) && !has_lone_cr {
        return (Cow::Borrowed(body), Vec::new());
    }
    let mut out = String::with_capacity(body.len());
    let mut removed = Vec::new();
    let (mut line, mut column) = (1, 1);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            column += 1;
            continue;
        }
        if is_invisible(c) {
            removed.push(Removed {
                line,
                column,
                ch: c,
            });
        } else {
            out.push(c);
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (Cow::Owned(out), removed)
}

/// One warning per line that had characters removed, at the first of them,
/// with the YAML path of the value it was in.
pub fn warnings(removed: &[Removed], map: &SourceMap) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut i = 0;
    while i < removed.len() {
        let line = removed[i].line;
        let on_line: Vec<&Removed> = removed[i..].iter().take_while(|r| r.line == line).collect();
        i += on_line.len();
        let mut names: Vec<String> = on_line.iter().map(|r| name(r.ch)).collect();
        names.dedup();
        let first = on_line[0];
        let path = map.path_at(first.line, first.column).unwrap_or_default();
        let count = on_line.len();
        let what = if count == 1 {
            "an invisible character".to_string()
        } else {
            format!("{count} invisible characters")
        };
        out.push(
            Diagnostic::warning(path, format!("removed {what}: {}", names.join(", ")))
                .with_hint(
                    "text pasted from Word or the web carries characters that print nothing; \
                     they were removed, check the text reads as intended",
                )
                .at(first.line, first.column),
        );
    }
    out
}

/// Warnings for invisible characters that reached the data through escapes
/// (`"\u200b"` in JSON or a double-quoted YAML string) or a model built in
/// Rust: the raw-text scan cannot see them. Composing drops them
/// ([`crate::compose::typst_string_literal`]); this says where they were.
pub fn escaped(doc: &crate::model::Document, map: &SourceMap) -> Vec<Diagnostic> {
    fn walk(value: &serde_json::Value, path: String, map: &SourceMap, out: &mut Vec<Diagnostic>) {
        match value {
            serde_json::Value::String(s) => {
                let found: Vec<char> = s
                    .chars()
                    .filter(|&c| c != '\n' && c != '\t' && is_invisible(c))
                    .collect();
                if !found.is_empty() {
                    let mut names: Vec<String> = found.iter().map(|&c| name(c)).collect();
                    names.dedup();
                    let mut d = Diagnostic::warning(
                        path.clone(),
                        format!(
                            "removed {} written as an escape: {}",
                            if found.len() == 1 {
                                "an invisible character".to_string()
                            } else {
                                format!("{} invisible characters", found.len())
                            },
                            names.join(", ")
                        ),
                    )
                    .with_hint("write the text without it; it prints nothing");
                    if let Some((line, column)) = map.locate(&path) {
                        d = d.at(line, column);
                    }
                    out.push(d);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, super::source_map::join_index(&path, i), map, out);
                }
            }
            serde_json::Value::Object(fields) => {
                for (key, item) in fields {
                    walk(item, super::source_map::join_key(&path, key), map, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(doc) {
        walk(&value, String::new(), map, &mut out);
    }
    out
}

/// `U+200B ZERO WIDTH SPACE`.
fn name(c: char) -> String {
    let known = match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "BIDIRECTIONAL CONTROL",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        '\r' => "CARRIAGE RETURN",
        c if c.is_control() => "CONTROL CHARACTER",
        _ => "FORMAT CHARACTER",
    };
    format!("U+{:04X} {known}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_removed_and_located() {
        let (text, removed) = clean("a: x\u{200B}y\nb: \u{7}z\u{00AD}\n");
        assert_eq!(text, "a: xy\nb: z\n");
        assert_eq!(
            removed,
            vec![
                Removed {
                    line: 1,
                    column: 5,
                    ch: '\u{200B}'
                },
                Removed {
                    line: 2,
                    column: 4,
                    ch: '\u{7}'
                },
                Removed {
                    line: 2,
                    column: 6,
                    ch: '\u{00AD}'
                },
            ]
        );
    }

    #[test]
    fn windows_line_ends_and_a_leading_bom_are_not_reported() {
        let (text, removed) = clean("\u{FEFF}a: 1\r\nb: 2\r\n");
        assert_eq!(text, "a: 1\r\nb: 2\r\n");
        assert!(removed.is_empty());
        let (text, removed) = clean("a: 1\r\nb: x\u{200B}\r\n");
        assert_eq!(text, "a: 1\nb: x\n");
        assert_eq!(removed.len(), 1);
        let (text, removed) = clean("plain: text\n");
        assert!(matches!(text, Cow::Borrowed(_)));
        assert!(removed.is_empty());
    }

    #[test]
    fn vietnamese_text_is_untouched() {
        let s = "Tiếng Việt có dấu: Nghị định 30/2020/NĐ-CP\t– “trích yếu”";
        assert_eq!(clean(s).0, s);
    }
}

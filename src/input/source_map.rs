//! Where each value of a YAML document is: a map from YAML path
//! (`goals.targets[2].value`) to line and column.
//!
//! serde_yaml reports positions only for syntax and type errors; semantic
//! checks (a breakdown that does not add up) need the position of any value,
//! so the text is scanned once more, event by event, with yaml-rust2.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column (1-based) of every path in a YAML document.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    /// Path → (line, column) of the value (for mapping keys: of the value, not the key).
    values: HashMap<String, (usize, usize)>,
    /// Path → (line, column) of the key that introduces it.
    keys: HashMap<String, (usize, usize)>,
    /// Path → (line, column) of a key written a second time in its mapping.
    duplicates: HashMap<String, (usize, usize)>,
    /// The size and shape of the input, for [`crate::limits`].
    shape: Shape,
    /// Path → how a text scalar is written, to place a column inside it.
    styles: HashMap<String, ScalarStyle>,
    /// Plain scalars YAML reads as a decimal with exactly three digits after
    /// the point (`20.000`): most likely a Vietnamese thousands separator.
    three_decimals: Vec<(String, String, usize, usize)>,
    /// YAML tags (`!custom`, `!!binary`): (path, tag as written, line, column).
    tags: Vec<(String, String, usize, usize)>,
}

/// How a scalar is written, for columns inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScalarStyle {
    /// On one line, unquoted: characters map one to one.
    Plain,
    /// On one line, in quotes without escapes: one to one after the quote.
    Quoted,
    /// Anything else (block scalars, several lines, escapes).
    Other,
}

/// How big and how deep an input is: what [`crate::limits`] checks.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The deepest nesting of mappings and lists.
    pub depth: usize,
    /// Every value: scalars, mappings and lists.
    pub nodes: usize,
    /// The longest list: its length and path.
    pub longest_list: (usize, String),
    /// The longest text value: its length in characters and path.
    pub longest_text: (usize, String),
}

/// Paths are not recorded below this depth: an input nested thousands deep
/// would otherwise build thousands of ever longer paths (its depth is
/// still measured, and refused by [`crate::limits`]).
const MAX_RECORDED_DEPTH: usize = 64;

impl SourceMap {
    /// Scans `text`; a text that does not parse gives an empty map (serde_yaml
    /// reports the syntax error itself).
    pub fn build(text: &str) -> Self {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut builder, false).is_err() {
            // The depth reached before the error is still measured.
            return Self {
                shape: builder.shape,
                ..Self::default()
            };
        }
        Self {
            values: builder.values,
            keys: builder.keys,
            duplicates: builder.duplicates,
            shape: builder.shape,
            styles: builder.styles,
            three_decimals: builder.three_decimals,
            tags: builder.tags,
        }
    }

    /// The position of the character `offset` (in characters) inside the
    /// text at `path`, when the text is written on one line; otherwise the
    /// position of the text itself.
    pub fn locate_in(&self, path: &str, offset: usize) -> Option<(usize, usize)> {
        let (line, column) = self.locate(path)?;
        Some(match self.styles.get(path) {
            Some(ScalarStyle::Plain) => (line, column + offset),
            Some(ScalarStyle::Quoted) => (line, column + 1 + offset),
            _ => (line, column),
        })
    }

    /// Plain scalars that YAML reads as a decimal with exactly three digits
    /// after the point: (path, text as written, line, column).
    pub fn three_decimals(&self) -> &[(String, String, usize, usize)] {
        &self.three_decimals
    }

    /// Every YAML tag written: (path, tag as written, line, column).
    pub fn tags(&self) -> &[(String, String, usize, usize)] {
        &self.tags
    }

    /// The size and shape of the input.
    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// The position of the value at `path`, or of its nearest ancestor that exists.
    pub fn locate(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p) {
                return Some(*pos);
            }
            if p.is_empty() {
                return None;
            }
            p = parent_path(p);
        }
    }

    /// The path of the value that starts last at or before `line:column`:
    /// the value a character at that position belongs to.
    pub fn path_at(&self, line: usize, column: usize) -> Option<String> {
        self.values
            .iter()
            .filter(|(_, pos)| **pos <= (line, column))
            .max_by(|(pa, a), (pb, b)| a.cmp(b).then_with(|| pa.len().cmp(&pb.len())))
            .map(|(path, _)| path.clone())
    }

    /// The position of the second writing of the key that names `path`.
    pub fn locate_duplicate(&self, path: &str) -> Option<(usize, usize)> {
        self.duplicates.get(path).copied()
    }

    /// The position of the key that names `path` (for "unknown key" errors).
    pub fn locate_key(&self, path: &str) -> Option<(usize, usize)> {
        self.keys.get(path).copied().or_else(|| self.locate(path))
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``.
pub fn parent_path(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    }
}

/// Joins a key onto a path.
pub fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins an index onto a path.
pub fn join_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

enum Frame {
    Map {
        path: String,
        pending_key: Option<String>,
        /// yaml-rust2 marks a block mapping's start at its first `:`; the
        /// mapping is located at its first key instead.
        located: bool,
    },
    Seq {
        path: String,
        next: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    values: HashMap<String, (usize, usize)>,
    keys: HashMap<String, (usize, usize)>,
    duplicates: HashMap<String, (usize, usize)>,
    shape: Shape,
    styles: HashMap<String, ScalarStyle>,
    three_decimals: Vec<(String, String, usize, usize)>,
    tags: Vec<(String, String, usize, usize)>,
}

/// A tag as it was written: `!!binary` for YAML's own, `!custom` for others.
fn written(tag: &yaml_rust2::parser::Tag) -> String {
    match tag.handle.as_str() {
        "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        handle => format!("{handle}{}", tag.suffix),
    }
}

/// `20.000`, `-1.200`: digits, a point, exactly three digits.
fn is_three_decimals(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    match body.split_once('.') {
        Some((int, frac)) => {
            !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.len() == 3
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

impl Builder {
    /// The path the next value takes, or None when the next scalar is a mapping key.
    fn next_value_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Map {
                path, pending_key, ..
            }) => pending_key.take().map(|k| join_key(path, &k)),
            Some(Frame::Seq { path, next }) => {
                let p = join_index(path, *next);
                *next += 1;
                Some(p)
            }
        }
    }

    fn tagged(&mut self, path: &str, tag: Option<&yaml_rust2::parser::Tag>, mark: Marker) {
        if let Some(tag) = tag
            && self.tags.len() < 100
        {
            let at = (mark.line(), mark.col() + 1);
            self.tags.push((path.to_string(), written(tag), at.0, at.1));
        }
    }

    fn deep(&self) -> bool {
        self.stack.len() > MAX_RECORDED_DEPTH
    }

    fn record(&mut self, path: &str, mark: Marker) {
        if self.deep() {
            return;
        }
        // yaml-rust2 gives 1-based lines and 0-based columns.
        self.values
            .entry(path.to_string())
            .or_insert((mark.line(), mark.col() + 1));
    }
}

impl Builder {
    /// A mapping or list opens: one more node, one level deeper.
    fn open(&mut self) {
        self.shape.nodes += 1;
        self.shape.depth = self.shape.depth.max(self.stack.len() + 1);
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, style, _, tag) => match self.next_value_path() {
                Some(path) => {
                    self.shape.nodes += 1;
                    self.tagged(&path, tag.as_ref(), mark);
                    if !self.deep() {
                        use yaml_rust2::scanner::TScalarStyle;
                        let one_line = !text.contains('\n');
                        let kind = match style {
                            TScalarStyle::Plain if one_line => ScalarStyle::Plain,
                            TScalarStyle::SingleQuoted if one_line && !text.contains('\'') => {
                                ScalarStyle::Quoted
                            }
                            TScalarStyle::DoubleQuoted
                                if one_line && !text.contains(['"', '\\']) =>
                            {
                                ScalarStyle::Quoted
                            }
                            _ => ScalarStyle::Other,
                        };
                        if text.contains("((") {
                            self.styles.insert(path.clone(), kind);
                        }
                        if style == TScalarStyle::Plain && is_three_decimals(&text) {
                            self.three_decimals.push((
                                path.clone(),
                                text.clone(),
                                mark.line(),
                                mark.col() + 1,
                            ));
                        }
                    }
                    let chars = text.chars().count();
                    if chars > self.shape.longest_text.0 {
                        self.shape.longest_text = (chars, path.clone());
                    }
                    self.record(&path, mark)
                }
                None => {
                    let shallow = !self.deep();
                    if let Some(Frame::Map {
                        path,
                        pending_key,
                        located,
                    }) = self.stack.last_mut()
                    {
                        let pos = (mark.line(), mark.col() + 1);
                        if !*located {
                            self.values.insert(path.clone(), pos);
                            *located = true;
                        }
                        if shallow {
                            let key_path = join_key(path, &text);
                            match self.keys.entry(key_path) {
                                Entry::Occupied(e) => {
                                    self.duplicates.entry(e.key().clone()).or_insert(pos);
                                }
                                Entry::Vacant(e) => {
                                    e.insert(pos);
                                }
                            }
                        }
                        *pending_key = Some(text);
                    }
                }
            },
            Event::Alias(_) => {
                self.shape.nodes += 1;
                if let Some(path) = self.next_value_path() {
                    self.record(&path, mark);
                }
            }
            Event::MappingStart(_, tag) => {
                let path = self.next_value_path().unwrap_or_default();
                let path = if self.deep() { String::new() } else { path };
                self.tagged(&path, tag.as_ref(), mark);
                self.open();
                self.stack.push(Frame::Map {
                    path,
                    pending_key: None,
                    located: false,
                });
            }
            Event::SequenceStart(_, tag) => {
                let path = self.next_value_path().unwrap_or_default();
                let path = if self.deep() { String::new() } else { path };
                self.tagged(&path, tag.as_ref(), mark);
                self.record(&path, mark);
                self.open();
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd => {
                self.stack.pop();
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq { path, next }) = self.stack.pop()
                    && next > self.shape.longest_list.0
                {
                    self.shape.longest_list = (next, path);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_values() {
        let text = "kind: ke-hoach\ngoals:\n  targets:\n    - name: A\n      value: 10\n    - name: B\n      of-which:\n        - { name: c, value: 3 }\n";
        let map = SourceMap::build(text);
        assert_eq!(map.locate("kind"), Some((1, 7)));
        assert_eq!(map.locate("goals.targets[0].value"), Some((5, 14)));
        assert_eq!(
            map.locate("goals.targets[1].of-which[0].value"),
            Some((8, 29))
        );
        assert_eq!(map.locate_key("goals.targets[1].name"), Some((6, 7)));
        // A path that does not exist falls back to its nearest ancestor.
        assert_eq!(map.locate("goals.targets[1].missing"), Some((6, 7)));
    }

    #[test]
    fn parent_paths() {
        assert_eq!(parent_path("a.b[2].c"), "a.b[2]");
        assert_eq!(parent_path("a.b[2]"), "a.b");
        assert_eq!(parent_path("a"), "");
    }
}

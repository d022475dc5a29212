//! View → Typst source, through minijinja templates.
//!
//! Escaping is the environment's default, not a filter to remember: every
//! value a template prints becomes a Typst string literal (`#"…";`), which
//! Typst shows as literal text. `#`, `*`, `$`, `[`, `@`, `<`, `//`, a `-` at a
//! line start: none of them can become markup. Templates mark their own
//! Typst code, not data, with `|safe`; `|lit` writes a string literal for
//! code positions (function arguments such as `title:`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error as JinjaError, ErrorKind, Output, State};

use crate::error::{Error, Result};
use crate::view::View;

/// The templates built into the binary, by file name (every `*.typ.j2` of
/// `templates/`, found by the build script): `base.typ.j2` and `_blocks.typ.j2`
/// shared, and one per kind, named after its YAML key.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The Typst library of Nghị định 30 blocks, imported by every template.
pub const ND30_TYP: &str = include_str!("../templates/nd30.typ");

/// The file name under which templates import the Typst library.
pub(crate) const ND30_NAME: &str = "nd30.typ";

/// The auto-escape mode name for Typst output.
const TYPST: &str = "typst";

/// The template environment: templates loaded once, reused for every document.
pub(crate) struct Composer {
    env: Environment<'static>,
    /// Template sources by name, to locate an error's column.
    sources: HashMap<String, String>,
    /// Templates read from a directory, by name: shown in errors with their path.
    paths: HashMap<String, PathBuf>,
    /// The Typst library of ND30 blocks (built in, or the directory's `nd30.typ`).
    nd30: String,
}

impl Default for Composer {
    fn default() -> Self {
        Self::new()
    }
}

thread_local! {
    /// The view path of the block being rendered, recorded by the `at` function.
    static RENDERING: RefCell<Option<String>> = const { RefCell::new(None) };
}

impl Composer {
    /// A composer with the built-in templates.
    pub(crate) fn new() -> Self {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Custom(TYPST.into()));
        env.set_formatter(typst_formatter);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .build()
                .expect("a valid syntax configuration"),
        );
        env.add_filter("lit", lit_filter);
        env.add_function("at", at_function);
        let mut sources = HashMap::new();
        for (name, source) in BUILTIN_TEMPLATES {
            // Built-in templates are tested; a syntax error here is a bug in this crate.
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("built-in template {name} is invalid: {e}"));
            sources.insert(name.to_string(), source.to_string());
        }
        Self {
            env,
            sources,
            paths: HashMap::new(),
            nd30: ND30_TYP.to_string(),
        }
    }

    /// The built-in templates, with every `*.j2` file of `dir` replacing the
    /// built-in template of the same name (or adding a new one, e.g. a partial
    /// that a replaced template includes), and `dir/nd30.typ`, if present,
    /// replacing the Typst library of ND30 blocks.
    pub(crate) fn with_dir(dir: &Path) -> Result<Self> {
        let mut composer = Self::new();
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
            path: dir.display().to_string(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for path in files {
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if !(name.ends_with(".j2") || name == ND30_NAME) {
                continue;
            }
            let source = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: path.display().to_string(),
                source,
            })?;
            if name == ND30_NAME {
                composer.nd30 = source;
                continue;
            }
            composer.paths.insert(name.clone(), path.clone());
            composer.sources.insert(name.clone(), source.clone());
            if let Err(e) = composer.env.add_template_owned(name, source) {
                return Err(composer.template_error(e, None));
            }
        }
        Ok(composer)
    }

    /// The files of the templates directory that nothing uses: they replace
    /// no built-in template and no template names them (a misspelt
    /// `ke-hoch.typ.j2` would otherwise be ignored in silence).
    pub(crate) fn unused_templates(&self) -> Vec<String> {
        let builtin: Vec<&str> = BUILTIN_TEMPLATES.iter().map(|(n, _)| *n).collect();
        let mut unused: Vec<String> = self
            .paths
            .iter()
            .filter(|(name, _)| !builtin.contains(&name.as_str()))
            .filter(|(name, _)| {
                !self.sources.iter().any(|(other, source)| {
                    other != *name
                        && (source.contains(&format!("\"{name}\""))
                            || source.contains(&format!("'{name}'")))
                })
            })
            .map(|(name, path)| {
                let hint = match crate::suggest::closest(name, &builtin) {
                    Some(best) => format!(" (did you mean `{best}`?)"),
                    None => String::new(),
                };
                format!(
                    "{}: replaces no built-in template, and no template includes it: it is not used{hint}",
                    path.display()
                )
            })
            .collect();
        unused.sort();
        unused
    }

    /// The Typst library of ND30 blocks that templates import as `nd30.typ`.
    pub(crate) fn nd30_source(&self) -> &str {
        &self.nd30
    }

    /// Composes the Typst source of a document.
    pub(crate) fn compose(&self, view: &View) -> Result<String> {
        let name = format!("{}.typ.j2", view.kind);
        let template = self
            .env
            .get_template(&name)
            .map_err(|e| self.template_error(e, None))?;
        RENDERING.with(|r| r.borrow_mut().take());
        template
            .render(Value::from(minijinja::value::Serde(view)))
            .map_err(|e| {
                let at = RENDERING.with(|r| r.borrow_mut().take());
                self.template_error(e, at)
            })
    }

    /// A template error that names the file, line and column, the expression
    /// and the view path being rendered.
    fn template_error(&self, e: JinjaError, rendering: Option<String>) -> Error {
        let mut msg = String::new();
        if let Some(name) = e.name() {
            let file = self
                .paths
                .get(name)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| format!("{name} (built in)"));
            msg.push_str(&file);
            if let Some(line) = e.line() {
                let _ = write!(msg, ":{line}");
                if let Some(column) = self.column(name, &e) {
                    let _ = write!(msg, ":{column}");
                }
            }
            msg.push_str(": ");
        }
        msg.push_str(&e.kind().to_string());
        if let Some(detail) = e.detail() {
            let _ = write!(msg, ": {detail}");
        }
        if let Some(expr) = e
            .name()
            .and_then(|n| self.sources.get(n))
            .zip(e.range())
            .and_then(|(src, r)| src.get(r))
        {
            let _ = write!(msg, " (in `{expr}`)");
        }
        if let Some(path) = rendering {
            let _ = write!(msg, ", while rendering the view's `{path}`");
        }
        Error::Template(msg)
    }

    /// The 1-based column where an error starts, from its byte range.
    fn column(&self, name: &str, e: &JinjaError) -> Option<usize> {
        let source = self.sources.get(name)?;
        let start = e.range()?.start;
        let before = source.get(..start)?;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Some(before[line_start..].chars().count() + 1)
    }
}

/// Writes the built-in templates and `nd30.typ` into `dir` (created if
/// needed), to start a template directory from. Returns the files written.
pub fn export_templates(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |path: &Path, source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut written = Vec::new();
    for (name, source) in BUILTIN_TEMPLATES
        .iter()
        .copied()
        .chain([(ND30_NAME, ND30_TYP)])
    {
        let path = dir.join(name);
        std::fs::write(&path, source).map_err(|e| io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// `at(path, index)`: records that the block at `path[index]` of the view is
/// being rendered, so that an error can say where; `at()` records that no
/// block is. Prints nothing.
fn at_function(path: Option<String>, index: Option<usize>) -> Value {
    let at = path.map(|p| match index {
        Some(i) => format!("{p}[{i}]"),
        None => p,
    });
    RENDERING.with(|r| *r.borrow_mut() = at);
    Value::from_safe_string(String::new())
}

/// Writes `s` as a Typst string literal. Invisible characters
/// ([`crate::input::hygiene::is_invisible`]) are left out: whatever the input path
/// (YAML, JSON, a model built in Rust), none reaches the page.
pub(crate) fn typst_string_literal(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            c if c != '\n' && c != '\t' && crate::input::hygiene::is_invisible(c) => {}
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A run of this many characters without a space (a URL, a code) gets
/// break opportunities: Typst never breaks inside a word, and such a run
/// would run out of the text area or a table cell.
pub(crate) const LONG_WORD: usize = 30;

/// The pieces a long run is cut into; a line may break between any two.
const WORD_PIECE: usize = 6;

/// Escapes a data string for markup: `#"…";` shows the string literally.
/// The `;` ends the embedded expression, so text that follows (`.` or `(`)
/// cannot continue it. A long run without spaces is written as a row of
/// boxes, `#box("…");`, which lines may break between and which text
/// extraction reads back as the run itself.
pub(crate) fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut plain_from = 0;
    for (start, end) in long_runs(s) {
        if start > plain_from {
            literal(&s[plain_from..start], &mut out);
        }
        let run: Vec<(usize, char)> = s[start..end].char_indices().collect();
        for piece in run.chunks(WORD_PIECE) {
            let from = start + piece[0].0;
            let to = piece.last().map_or(from, |(i, c)| start + i + c.len_utf8());
            out.push_str("#box(");
            typst_string_literal(&s[from..to], &mut out);
            out.push_str(");");
        }
        plain_from = end;
    }
    if plain_from < s.len() || out.is_empty() {
        literal(&s[plain_from..], &mut out);
    }
    out
}

fn literal(s: &str, out: &mut String) {
    out.push('#');
    typst_string_literal(s, out);
    out.push(';');
}

/// Byte ranges of the runs of [`LONG_WORD`] or more non-space characters.
fn long_runs(s: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let (mut start, mut count) = (0, 0);
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_whitespace() {
            if count >= LONG_WORD {
                runs.push((start, i));
            }
            count = 0;
        } else {
            if count == 0 {
                start = i;
            }
            count += 1;
        }
    }
    runs
}

fn typst_formatter(
    out: &mut Output<'_>,
    state: &mut State<'_, '_>,
    value: &Value,
) -> std::result::Result<(), JinjaError> {
    let escaping = matches!(state.auto_escape(), AutoEscape::Custom(name) if name == TYPST);
    let write = |out: &mut Output<'_>, s: &str| {
        out.write_str(s)
            .map_err(|_| JinjaError::new(ErrorKind::WriteFailure, "could not write output"))
    };
    if value.is_safe() || !escaping {
        return write(out, &value.to_string());
    }
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => Ok(()),
        // Numbers and booleans cannot carry markup; they are written bare so
        // that templates can use them in code positions.
        ValueKind::Number => write(out, &value.to_string()),
        ValueKind::Bool => write(out, if value.is_true() { "true" } else { "false" }),
        _ => {
            let text = match value.as_str() {
                Some(s) => s.to_string(),
                None => value.to_string(),
            };
            write(out, &escape_markup(&text))
        }
    }
}

fn lit_filter(value: &Value) -> Value {
    let text = match value.as_str() {
        Some(s) => s.to_string(),
        None => value.to_string(),
    };
    let mut out = String::with_capacity(text.len() + 2);
    typst_string_literal(&text, &mut out);
    Value::from_safe_string(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_becomes_a_string_literal() {
        assert_eq!(escape_markup("*bold*"), "#\"*bold*\";");
        assert_eq!(
            escape_markup("a \"quote\" \\ b"),
            "#\"a \\\"quote\\\" \\\\ b\";"
        );
        assert_eq!(escape_markup("line\nbreak"), "#\"line\\nbreak\";");
        assert_eq!(escape_markup(""), "#\"\";");
    }

    #[test]
    fn invisible_characters_never_reach_typst() {
        assert_eq!(escape_markup("a\u{200B}b\u{7}c\u{202E}d"), "#\"abcd\";");
    }

    #[test]
    fn a_long_run_is_cut_into_breakable_boxes() {
        let url = format!("https://{}", "a".repeat(40));
        let typst = escape_markup(&format!("Xem {url} nhé"));
        assert!(
            typst.starts_with("#\"Xem \";#box(\"https:\");#box(\"//aaaa\");"),
            "{typst}"
        );
        assert!(typst.ends_with("#box(\"aaaaaa\");#\" nhé\";"), "{typst}");
        // Nothing is lost or added: the pieces read back as the text.
        let pieces: String = typst.split('"').skip(1).step_by(2).collect();
        assert_eq!(pieces, format!("Xem {url} nhé"));
        // Short words stay one literal.
        assert_eq!(escape_markup("Kế hoạch số 5"), "#\"Kế hoạch số 5\";");
    }
}

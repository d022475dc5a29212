//! Diagnostics for people and for tools, rendered in one place: rustc-style
//! text with the source line and a caret, and the JSON report of
//! `vanban check --format json` (the service answers with the same JSON).

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, Severity};

/// The longest part of a source line shown under a diagnostic: a 3 MB line
/// is cut around the caret, never echoed whole.
const EXCERPT_CHARS: usize = 120;

/// rustc style: `error: message`, ` --> file:line:col (path)`, the source
/// line (cut around the caret when long) and a caret, then the hint.
///
/// ```
/// let d = vanban::Diagnostic::error("number", "-5 cannot be negative").at(2, 9);
/// let text = vanban::render_diagnostic(&d, "bad.yaml", "kind: ke-hoach\nnumber: -5\n");
/// assert!(text.starts_with("error: -5 cannot be negative\n  --> bad.yaml:2:9 (number)\n"));
/// assert!(text.contains("2 | number: -5\n  |         ^"));
/// ```
pub fn render_diagnostic(d: &Diagnostic, file: &str, source: &str) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut s = format!("{level}: {}\n", d.message);
    let at = match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_string(),
    };
    if d.path.is_empty() {
        s.push_str(&format!("  --> {at}\n"));
    } else {
        s.push_str(&format!("  --> {at} ({})\n", d.path));
    }
    if let Some(line_no) = d.line
        && let Some(src) = source.lines().nth(line_no.saturating_sub(1))
    {
        let gutter = line_no.to_string();
        let pad = " ".repeat(gutter.len());
        let (excerpt, caret) = excerpt(src, d.column.unwrap_or(1).max(1));
        let caret_pad: String = excerpt
            .chars()
            .take(caret)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        s.push_str(&format!(
            "{pad} |\n{gutter} | {excerpt}\n{pad} | {caret_pad}^\n"
        ));
    }
    if let Some(hint) = &d.hint {
        s.push_str(&format!("  = hint: {hint}\n"));
    }
    s
}

/// At most [`EXCERPT_CHARS`] of `line` around the 1-based `column`, with
/// `…` where it was cut; and the caret's 0-based position in the excerpt.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let caret = (column - 1).min(chars.len());
    if chars.len() <= EXCERPT_CHARS {
        return (line.to_string(), caret);
    }
    let start = caret.saturating_sub(EXCERPT_CHARS / 2);
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut out = String::new();
    let mut caret_at = caret - start;
    if start > 0 {
        out.push('…');
        caret_at += 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    (out, caret_at)
}

/// What checking inputs found, as `vanban check --format json` prints it:
/// `{"files": [{"file", "ok", "diagnostics": [...]}]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// One entry per input, in the order given.
    pub files: Vec<CheckedFile>,
}

/// One input's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedFile {
    /// The input's name as given.
    pub file: String,
    /// True when the input would render (no error).
    pub ok: bool,
    /// Every problem found, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckedFile {
    /// The outcome of reading `file`: its warnings, or every problem.
    pub fn new<T>(
        file: impl Into<String>,
        result: &Result<T, Error>,
        warnings: &[Diagnostic],
    ) -> Self {
        let diagnostics = match result {
            Ok(_) => warnings.to_vec(),
            Err(e) => e.to_diagnostics(),
        };
        Self {
            file: file.into(),
            ok: !diagnostics.iter().any(Diagnostic::is_error),
            diagnostics,
        }
    }
}

impl CheckReport {
    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("diagnostics serialise to JSON")
    }

    /// True when every input would render.
    pub fn ok(&self) -> bool {
        self.files.iter().all(|f| f.ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("text: {}X{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error("text", "here").at(1, 5007);
        let out = render_diagnostic(&d, "f.yaml", &line);
        let shown = out.lines().nth(3).unwrap();
        assert!(shown.chars().count() < EXCERPT_CHARS + 10, "{shown}");
        assert!(shown.contains('X') && shown.contains('…'), "{shown}");
        let caret = out.lines().nth(4).unwrap();
        let x = shown.chars().position(|c| c == 'X').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^').unwrap(), x, "{out}");
    }
}

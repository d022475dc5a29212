//! Errors and diagnostics.
//!
//! Every problem with the input is a [`Diagnostic`] that names the YAML path
//! (`goals.targets[2].of-which[1].value`), the line and column, and says what
//! to do. Rendering stops on the first error-severity diagnostic set; every
//! problem found is reported at once.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document can still be rendered.
    Warning,
    /// The document cannot be rendered until this is fixed.
    Error,
}

/// One problem found in the input, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The YAML path of the offending value, e.g. `goals.targets[2].value`;
    /// empty for the document as a whole.
    pub path: String,
    /// 1-based line in the input, when known.
    pub line: Option<usize>,
    /// 1-based column in the input, when known.
    pub column: Option<usize>,
    /// What is wrong, in one line.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `path`; the location is filled in later from the source map.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    /// Adds a hint saying what to do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the line and column (1-based).
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// True for error severity.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}")?;
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, " at line {l}, column {c}")?,
            (Some(l), None) => write!(f, " at line {l}")?,
            _ => {}
        }
        if !self.path.is_empty() {
            write!(f, " ({})", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one input, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics as a slice.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.0
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The one error type of the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is not a valid document; every problem is listed.
    #[error("the document has {n} problem(s):\n{0}", n = .0.0.len())]
    Invalid(Diagnostics),
    /// A template failed to render (a bug in a template, or a custom template).
    #[error("template error: {0}")]
    Template(String),
    /// A font family that is asked for is not available (never a silent fallback).
    #[error("font error: {0}")]
    Font(String),
    /// Typst could not typeset the composed source.
    #[error("typesetting failed: {0}")]
    Typeset(String),
    /// A certificate cannot sign, or a PDF cannot take signature fields or a
    /// signature (electronic documents).
    #[error("signing failed: {0}")]
    Signing(#[from] crate::electronic::SigningError),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The diagnostics when the input was invalid.
    pub fn diagnostics(&self) -> Option<&Diagnostics> {
        match self {
            Error::Invalid(d) => Some(d),
            _ => None,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! Errors and diagnostics.
//!
//! Every problem with the input is a [`Diagnostic`] that names the YAML path
//! (`goals.targets[2].of-which[1].value`), the line and column, and says what
//! to do. Rendering stops on the first error-severity diagnostic set; every
//! problem found is reported at once.

use std::fmt;

/// How bad a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document can still be rendered.
    Warning,
    /// The document cannot be rendered until this is fixed.
    Error,
}

/// One problem found in the input, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// The file it is in, when it is not the input itself (a batch's CSV,
    /// a district file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
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
            file: None,
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

    /// Says which file the line and column are in.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
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
        match (&self.file, self.line, self.column) {
            (Some(file), Some(l), Some(c)) => write!(f, " at {file}:{l}:{c}")?,
            (Some(file), Some(l), None) => write!(f, " at {file}:{l}")?,
            (Some(file), None, _) => write!(f, " in {file}")?,
            (None, Some(l), Some(c)) => write!(f, " at line {l}, column {c}")?,
            (None, Some(l), None) => write!(f, " at line {l}")?,
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

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// This document may not read files at all.
    #[error("this document may not read files (`{name}` was asked for): {why}")]
    Denied {
        /// The file asked for.
        name: String,
        /// Why: what the caller allows instead.
        why: String,
    },
    /// There is no such file.
    #[error("`{name}` does not exist")]
    NotFound {
        /// The file asked for.
        name: String,
    },
    /// The name is not a regular file (a directory, a device, a pipe).
    #[error("`{name}` is not a regular file ({what})")]
    NotAFile {
        /// The file asked for.
        name: String,
        /// What it is instead.
        what: String,
    },
    /// The file is larger than the limit.
    #[error("`{name}` is larger than {limit} bytes")]
    TooLarge {
        /// The file asked for.
        name: String,
        /// The limit, in bytes.
        limit: usize,
    },
    /// Reading failed.
    #[error("`{name}` cannot be read: {message}")]
    Io {
        /// The file asked for.
        name: String,
        /// The system's message.
        message: String,
    },
}

/// Why a certificate cannot sign, or a PDF cannot take fields or a signature.
/// Nothing is written when one of these is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SigningError {
    /// The certificate file is not PKCS#12, or is damaged.
    #[error(
        "the certificate file is not a PKCS#12 file (.p12, .pfx), or it is damaged ({0}); \
         export the certificate together with its private key as PKCS#12"
    )]
    NotPkcs12(String),
    /// The PKCS#12 file's password is not the one given.
    #[error(
        "the password of the PKCS#12 file is wrong; check the environment variable that holds it"
    )]
    WrongPassword,
    /// The PKCS#12 file holds certificates but no private key.
    #[error(
        "the PKCS#12 file holds {certificates} certificate(s) but no private key, so it cannot sign; \
         export the certificate again together with its private key"
    )]
    NoPrivateKey {
        /// How many certificates the file holds.
        certificates: usize,
    },
    /// The PKCS#12 file holds a private key but not the certificate of that key.
    #[error(
        "the PKCS#12 file holds a private key but not its certificate; \
         export the certificate again together with its private key"
    )]
    NoCertificate,
    /// A key of a kind vanban does not sign with.
    #[error("the private key is {0}; vanban signs with RSA and ECDSA P-256 keys")]
    UnsupportedKey(String),
    /// The signing time is after the certificate's validity.
    #[error(
        "the certificate of {subject} expired on {not_after}, before the signing time {time}; \
         sign with a certificate that is valid now (the CA renews it)"
    )]
    Expired {
        /// The certificate's subject.
        subject: String,
        /// The end of its validity (RFC 3339).
        not_after: String,
        /// The signing time (RFC 3339).
        time: String,
    },
    /// The signing time is before the certificate's validity.
    #[error(
        "the certificate of {subject} is valid only from {not_before}, after the signing time {time}; \
         check the signing time and the computer's clock"
    )]
    NotYetValid {
        /// The certificate's subject.
        subject: String,
        /// The start of its validity (RFC 3339).
        not_before: String,
        /// The signing time (RFC 3339).
        time: String,
    },
    /// A signing time that cannot be read.
    #[error("{0}")]
    BadTime(String),
    /// The PDF has no unsigned signature field of that name.
    #[error(
        "the PDF has no signature field `{name}` (its fields: {}); \
         render it as an electronic document, which adds the fields",
        if available.is_empty() { "none".to_string() } else { available.join(", ") }
    )]
    NoField {
        /// The field asked for.
        name: String,
        /// The signature fields the PDF has.
        available: Vec<String>,
    },
    /// The field holds a signature already.
    #[error(
        "the signature field `{0}` is signed already; sign another field, or start from the unsigned PDF"
    )]
    AlreadySigned(String),
    /// The PDF cannot be read or updated.
    #[error("the PDF cannot be read or updated: {0}")]
    Pdf(String),
}

/// The one error type of the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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
    /// A file the caller asked for could not be read.
    #[error("{0}")]
    Load(#[from] LoadError),
    /// The manifests of a batch's shards do not make a whole batch, or a
    /// file no longer matches its manifest.
    #[error("batch manifest: {0}")]
    Manifest(String),
    /// A certificate cannot sign, or a PDF cannot take signature fields or a
    /// signature (electronic documents).
    #[error("signing failed: {0}")]
    Signing(#[from] SigningError),
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
    /// Every problem as diagnostics: an invalid input's own, or one
    /// diagnostic at the document's root saying what went wrong.
    pub fn to_diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Invalid(d) => d.0.clone(),
            other => vec![Diagnostic::error("", other.to_string())],
        }
    }

    /// The diagnostics when the input was invalid.
    pub fn diagnostics(&self) -> Option<&Diagnostics> {
        match self {
            Error::Invalid(d) => Some(d),
            _ => None,
        }
    }
}

/// Source order; problems without a position last.
pub(crate) fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.line.unwrap_or(usize::MAX), d.column.unwrap_or(0)));
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

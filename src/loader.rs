//! Files a document names (a report's `plan-file`, a batch's figures CSV):
//! read through a [`Loader`] the caller gives, never behind its back.
//!
//! [`FsLoader`] reads from a directory (what [`crate::Document::from_path`]
//! and the command line use); [`NoFiles`] refuses every read (a service that
//! must not touch its disk); a program can implement [`Loader`] over a
//! database or the parts of an upload.

use std::io::Read;
use std::path::{Path, PathBuf};

pub use crate::error::LoadError;

/// Reads the files a document names. Implementations must be usable from
/// any thread.
pub trait Loader: Send + Sync {
    /// The bytes of `name` (as written in the document, e.g.
    /// `ke-hoach-2024.yaml`), at most `limit` bytes.
    fn read(&self, name: &str, limit: usize) -> Result<Vec<u8>, LoadError>;

    /// A loader for the files that the file `name` itself names (a plan
    /// file is read relative to its own directory).
    fn nested(&self, name: &str) -> Box<dyn Loader + '_>;

    /// What identifies `name` (a canonical path), so that a file naming
    /// itself, directly or through others, is found.
    fn identity(&self, name: &str) -> String {
        name.to_string()
    }
}

/// Refuses every read: for documents that arrive over a network and must
/// carry everything they need.
#[derive(Debug, Clone, Default)]
pub struct NoFiles {
    why: Option<String>,
}

impl NoFiles {
    /// Refuses every read.
    pub const fn new() -> Self {
        Self { why: None }
    }

    /// Refuses every read, saying `why` (what the caller allows instead).
    pub fn because(why: impl Into<String>) -> Self {
        Self {
            why: Some(why.into()),
        }
    }
}

impl Loader for NoFiles {
    fn read(&self, name: &str, _limit: usize) -> Result<Vec<u8>, LoadError> {
        Err(LoadError::Denied {
            name: name.to_string(),
            why: self.why.clone().unwrap_or_else(|| {
                "the text was given without a loader; read it with `Document::from_path`, \
                 or give a `Loader` to `Document::parse`"
                    .to_string()
            }),
        })
    }

    fn nested(&self, _name: &str) -> Box<dyn Loader + '_> {
        Box::new(self.clone())
    }
}

/// Reads files relative to a directory (absolute names as they are), with
/// a size limit, refusing directories, devices and pipes.
#[derive(Debug, Clone)]
pub struct FsLoader {
    root: PathBuf,
}

impl FsLoader {
    /// Reads relative to `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Reads relative to the directory holding `file`.
    pub fn beside(file: &Path) -> Self {
        let root = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Self { root }
    }

    /// The path `name` stands for.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// What identifies the file at `path` (its canonical path).
    pub(crate) fn identity_of(&self, path: &Path) -> String {
        std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string()
    }
}

impl Loader for FsLoader {
    fn read(&self, name: &str, limit: usize) -> Result<Vec<u8>, LoadError> {
        read_file(&self.path(name), name, limit)
    }

    fn nested(&self, name: &str) -> Box<dyn Loader + '_> {
        Box::new(FsLoader::beside(&self.path(name)))
    }

    fn identity(&self, name: &str) -> String {
        self.identity_of(&self.path(name))
    }
}

/// Reads at most `limit` bytes of a regular file; `shown` names it in errors.
/// The kind of file is checked before it is opened: opening a pipe would
/// block, and a device never ends.
pub fn read_file(path: &Path, shown: &str, limit: usize) -> Result<Vec<u8>, LoadError> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            name: shown.to_string(),
        },
        _ => LoadError::Io {
            name: shown.to_string(),
            message: e.to_string(),
        },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            name: shown.to_string(),
            what: file_kind(&meta).to_string(),
        });
    }
    if meta.len() > limit as u64 {
        return Err(LoadError::TooLarge {
            name: shown.to_string(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read still stops at the limit.
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limit {
        return Err(LoadError::TooLarge {
            name: shown.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

/// Reads a document's text from `reader` (standard input, a socket), at
/// most [`crate::MAX_INPUT_BYTES`]: an endless stream is cut there, never
/// held in memory whole.
pub fn read_text(reader: impl Read) -> crate::Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(crate::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            crate::Error::Load(LoadError::Io {
                name: "<stdin>".into(),
                message: e.to_string(),
            })
        })?;
    if bytes.len() > crate::MAX_INPUT_BYTES {
        return Err(invalid(too_large("the input")));
    }
    text_of(bytes).map_err(invalid)
}

/// Reads a document's text from a file: a regular file of at most
/// [`crate::MAX_INPUT_BYTES`], in UTF-8.
pub fn read_text_file(path: &Path) -> crate::Result<String> {
    let shown = path.display().to_string();
    let bytes = read_file(path, &shown, crate::MAX_INPUT_BYTES).map_err(|e| match e {
        LoadError::TooLarge { .. } => invalid(too_large(&shown)),
        other => crate::Error::Load(other),
    })?;
    text_of(bytes).map_err(invalid)
}

/// The text of a document's bytes: UTF-8, or a diagnostic saying what the
/// bytes are instead (a Word file, UTF-16) and where they stop being text.
#[allow(clippy::result_large_err)] // one diagnostic, on a path taken once per file
pub(crate) fn text_of(bytes: Vec<u8>) -> Result<String, crate::Diagnostic> {
    let refuse = |message: String, hint: &str| {
        crate::Diagnostic::error("", message).with_hint(hint.to_string())
    };
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(refuse(
            "this is a Word (.docx) or other zipped file, not YAML or JSON text".into(),
            "copy the document's text into a YAML file (see the examples); vanban does not read Word files",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(refuse(
            "the input is UTF-16 text".into(),
            "save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8)",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let column = bytes[..at]
            .rsplit(|&b| b == b'\n')
            .next()
            .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
            + 1;
        refuse(
            format!("the input is not UTF-8 text: an invalid byte at line {line}, column {column}"),
            "save the file as UTF-8 (Unicode); text from old Vietnamese encodings (TCVN3, VNI) must be converted to Unicode first",
        )
        .at(line, column)
    })
}

fn too_large(shown: &str) -> crate::Diagnostic {
    crate::Diagnostic::error(
        "",
        format!(
            "{shown} is larger than {} bytes, the limit",
            crate::MAX_INPUT_BYTES
        ),
    )
    .with_hint("split the document, or move large tables into appendices of separate documents")
}

fn invalid(d: crate::Diagnostic) -> crate::Error {
    crate::Error::Invalid(crate::Diagnostics(vec![d]))
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_files_refuses_and_says_what_to_do() {
        let e = NoFiles::default().read("ke-hoach.yaml", 10).unwrap_err();
        assert!(e.to_string().contains("`ke-hoach.yaml`"), "{e}");
        assert!(e.to_string().contains("Document::from_path"), "{e}");
        let e = NoFiles::because("send the plan in the request")
            .read("/etc/passwd", 10)
            .unwrap_err();
        assert!(
            e.to_string().ends_with("send the plan in the request"),
            "{e}"
        );
    }

    #[test]
    fn devices_directories_and_large_files_are_refused_without_reading() {
        let dir = std::env::temp_dir().join(format!("vanban-loader-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("small.txt"), b"abc").unwrap();
        let fs = FsLoader::new(&dir);
        assert_eq!(fs.read("small.txt", 3).unwrap(), b"abc");
        assert_eq!(
            fs.read("small.txt", 2).unwrap_err(),
            LoadError::TooLarge {
                name: "small.txt".into(),
                limit: 2
            }
        );
        assert!(matches!(
            fs.read(".", 10).unwrap_err(),
            LoadError::NotAFile { .. }
        ));
        assert!(matches!(
            fs.read("missing.yaml", 10).unwrap_err(),
            LoadError::NotFound { .. }
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_file(Path::new("/dev/zero"), "/dev/zero", 10).unwrap_err(),
            LoadError::NotAFile { .. }
        ));
        std::fs::remove_dir_all(&dir).ok();
    }
}

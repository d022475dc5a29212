//! One run at a time in an output directory: two batches writing into one
//! directory would mix their PDFs under one manifest. The shards of a batch
//! run side by side, each holding its own lock; a whole run (or the summary
//! from shards) holds the directory's.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

const PREFIX: &str = ".vanban-";
const SUFFIX: &str = ".lock";
const WHOLE: &str = ".vanban-batch.lock";

/// Held while a run writes into a directory; let go when dropped.
pub(crate) struct DirLock {
    path: PathBuf,
}

impl DirLock {
    /// Takes the lock of a whole run (`shard: None`) or of shard `k` of `n`,
    /// refusing when a run that conflicts with it is still going; a lock
    /// left by a run that was killed is taken over.
    pub(crate) fn take(out_dir: &Path, shard: Option<(usize, usize)>) -> Result<Self> {
        let name = match shard {
            None => WHOLE.to_string(),
            Some((k, n)) => format!("{PREFIX}shard-{k}-of-{n}{SUFFIX}"),
        };
        let path = out_dir.join(&name);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    let _ = writeln!(file, "{}", std::process::id());
                    let lock = Self { path };
                    // Taken first, checked after: of two runs starting at once,
                    // at least one sees the other.
                    lock.refuse_conflicts(out_dir, shard.is_none())?;
                    return Ok(lock);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if let Some(pid) = live_holder(&path) {
                        return Err(busy(out_dir, &name, pid));
                    }
                    // Its run was killed: the lock is stale.
                    let _ = std::fs::remove_file(&path);
                }
                Err(source) => {
                    return Err(Error::Io {
                        path: path.display().to_string(),
                        source,
                    });
                }
            }
        }
        Err(busy(out_dir, &name, 0))
    }

    /// A whole run conflicts with every other lock; a shard with the whole run's.
    fn refuse_conflicts(&self, out_dir: &Path, whole: bool) -> Result<()> {
        let Ok(entries) = std::fs::read_dir(out_dir) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_lock = name.starts_with(PREFIX) && name.ends_with(SUFFIX);
            let conflicts = if whole { is_lock } else { name == WHOLE };
            if !conflicts || entry.path() == self.path {
                continue;
            }
            if let Some(pid) = live_holder(&entry.path()) {
                return Err(busy(out_dir, &name, pid));
            }
        }
        Ok(())
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether process `pid` still runs; `None` where that cannot be known
/// (no `/proc`).
pub(super) fn runs(pid: u32) -> Option<bool> {
    Path::new("/proc/self")
        .exists()
        .then(|| pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists())
}

/// The process that holds the lock at `path`, if it still runs. Where that
/// cannot be known (no `/proc`, no process id in the file), a lock younger
/// than a day counts as held.
fn live_holder(path: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(path).ok()?;
    let pid = text.trim().parse::<u32>().ok();
    match pid.map(runs) {
        Some(Some(running)) => running.then_some(pid?),
        _ => {
            let modified = std::fs::metadata(path).ok()?.modified().ok()?;
            let age = modified.elapsed().ok()?;
            (age.as_secs() < 24 * 3600).then_some(pid.unwrap_or(0))
        }
    }
}

fn busy(out_dir: &Path, lock: &str, pid: u32) -> Error {
    Error::Io {
        path: out_dir.display().to_string(),
        source: std::io::Error::other(format!(
            "another vanban run (process {pid}, `{lock}`) is writing into this directory: \
             wait for it to end, or write elsewhere"
        )),
    }
}

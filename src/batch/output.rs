//! Rendering a batch: parallel, one shared engine, atomic files, a manifest.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Batch, District, Figure, describe, summary_document_without};
use crate::error::{Diagnostic, Error, Result};
use crate::{Engine, PdfOptions};

/// A file written (its SHA-256 and page count), or why not.
type Written = std::result::Result<(String, usize), Vec<Diagnostic>>;

/// The file name of the province summary.
pub const SUMMARY_FILE: &str = "tong-hop.pdf";

/// Everything a run wrote, and every district that failed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// `K/N` when this is one shard of a batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// The files written.
    pub outputs: Vec<ManifestEntry>,
    /// The districts that could not be rendered, with their errors.
    pub failed: Vec<ManifestFailure>,
}

/// One file written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// The district, or none for the province summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// The file, relative to the output directory.
    pub path: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Number of pages.
    pub pages: usize,
    /// `ok`.
    pub status: String,
    /// The district's figures (the summary is built from these).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub figures: BTreeMap<String, Figure>,
    /// For the summary: the districts it could not include (status `incomplete`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The warnings the document gave (it was written all the same).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// A district that failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestFailure {
    /// The district.
    pub district: String,
    /// What is wrong, one problem per line, for people.
    pub errors: Vec<String>,
    /// The same problems with their file, line, column and YAML path, for tools.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

impl ManifestFailure {
    fn new(district: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            district: district.into(),
            errors: diagnostics.iter().map(describe).collect(),
            diagnostics,
        }
    }
}

/// The K-th of N parts of a batch (1-based K).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, 1..=count.
    pub index: usize,
    /// How many parts.
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not K/N (e.g. 2/8)"))?;
        let (index, count): (usize, usize) = (
            k.trim()
                .parse()
                .map_err(|_| format!("`{k}` is not a number"))?,
            n.trim()
                .parse()
                .map_err(|_| format!("`{n}` is not a number"))?,
        );
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {index}/{count}: K runs from 1 to N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether the district at `position` (in batch order) belongs to this shard.
    pub fn takes(&self, position: usize) -> bool {
        position % self.count == self.index - 1
    }

    fn manifest_name(&self) -> String {
        format!("manifest.shard-{}-of-{}.json", self.index, self.count)
    }
}

/// Why `output` cannot be written for `input`: the same file (rendering a
/// document over its own source), or a directory that does not exist.
pub fn check_output_path(input: &Path, output: &Path) -> std::result::Result<(), String> {
    if output == Path::new("-") {
        return Ok(());
    }
    let same = match (std::fs::canonicalize(input), std::fs::canonicalize(output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(format!(
            "the output {} is the input itself: choose another file name",
            output.display()
        ));
    }
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(format!(
            "the directory {} does not exist: create it, or write elsewhere",
            dir.display()
        ));
    }
    Ok(())
}

/// The prefix of every temporary file vanban writes; the process id follows,
/// then random characters (`.vanban-1234-Xa9…tmp`).
const TEMP_PREFIX: &str = ".vanban-";

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, created exclusively under an unpredictable name (nothing
/// planted there is followed), synced, then renamed over the target (a link
/// at the target is replaced, never followed). A run killed half-way leaves
/// at most a stray temporary file, never a half-written PDF, and the next
/// run in that directory removes it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale_temporaries(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files a killed vanban left in `dir` (once per
/// directory and process): those of a process that no longer runs, or, where
/// that cannot be known, older than an hour.
pub fn remove_stale_temporaries(dir: &Path) {
    use std::collections::HashSet;
    use std::sync::Mutex;
    static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
        if !cleaned
            .get_or_insert_with(HashSet::new)
            .insert(dir.to_path_buf())
        {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        if !name.ends_with(".tmp") {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let stale = match pid.and_then(super::lock::runs) {
            Some(running) => !running,
            None => meta
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600),
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates the output directory; an existing file there is refused by name.
fn prepare_dir(out_dir: &Path) -> Result<()> {
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::Io {
            path: out_dir.display().to_string(),
            source: std::io::Error::other(
                "this is a file, not a directory: give a directory for the batch's files",
            ),
        });
    }
    std::fs::create_dir_all(out_dir).map_err(io(out_dir))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a run's files go, by name: a directory (atomic files) or a stream
/// (a ZIP answered to a request).
pub type Store<'a> = dyn FnMut(&str, &[u8]) -> Result<()> + Send + 'a;

/// Stores a PDF under `file`; its SHA-256 and page count.
fn store_pdf(
    store: &mut Store<'_>,
    file: &str,
    (bytes, pages): (Vec<u8>, usize),
) -> Result<(String, usize)> {
    store(file, &bytes)?;
    Ok((sha256_hex(&bytes), pages))
}

/// A store writing atomic files into `out_dir`.
fn directory(out_dir: &Path) -> impl FnMut(&str, &[u8]) -> Result<()> + Send + '_ {
    move |file, bytes| {
        let path = out_dir.join(file);
        write_atomic(&path, bytes).map_err(io(&path))
    }
}

/// Renders the districts of `batch` (all, or one shard's) into `out_dir`, then,
/// for a whole batch, the province summary; writes the manifest last.
/// `progress` is told how many of how many districts are done as each ends.
pub fn run(
    batch: &Batch,
    engine: &Engine,
    out_dir: &Path,
    shard: Option<Shard>,
    options: PdfOptions,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Manifest> {
    prepare_dir(out_dir)?;
    let _lock = super::lock::DirLock::take(out_dir, shard.map(|s| (s.index, s.count)))?;
    let manifest_file = match shard {
        Some(s) => s.manifest_name(),
        None => MANIFEST_FILE.to_string(),
    };
    // The previous run's manifest goes first: a run killed from here on
    // leaves no manifest that its files would contradict.
    let previous = forget_previous(out_dir, &manifest_file, shard.is_none())?;
    let districts: Vec<District> = batch
        .districts()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| shard.is_none_or(|s| s.takes(*i)))
        .map(|(_, d)| d)
        .collect();
    let mut store = directory(out_dir);
    let mut manifest = render_districts(batch, engine, &districts, options, &mut store, progress);
    manifest.shard = shard.map(|s| format!("{}/{}", s.index, s.count));
    if shard.is_none() {
        add_summary(batch, engine, &mut store, &mut manifest, options);
    }
    remove_stale(out_dir, &previous, &manifest, &districts);
    write_manifest(&out_dir.join(manifest_file), &manifest)?;
    Ok(manifest)
}

/// Renders every district of `batch` and then the province summary, giving
/// each PDF to `store` as it is made (districts in batch order, the
/// summary last); returns the manifest, which it does not store. This is a
/// whole run without a directory: a service streams the files as they come.
/// A district whose file cannot be stored fails like one that cannot be
/// rendered; the others go on.
pub fn render_into(
    batch: &Batch,
    engine: &Engine,
    options: PdfOptions,
    store: &mut Store<'_>,
) -> Manifest {
    let districts = batch.districts();
    let mut manifest = render_districts(batch, engine, &districts, options, store, &mut |_, _| {});
    add_summary(batch, engine, store, &mut manifest, options);
    manifest
}

/// Renders `districts` (the valid ones, in parallel), storing each PDF;
/// the manifest of what was stored and of every district that failed.
fn render_districts(
    batch: &Batch,
    engine: &Engine,
    districts: &[District],
    options: PdfOptions,
    store: &mut Store<'_>,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Manifest {
    let total = districts.len();
    let mut done = total - docs_count(districts);
    progress(done, total);
    // Districts whose document is valid are rendered; the others fail as they are.
    let valid: Vec<(usize, &crate::Document)> = districts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.document.as_ref().ok().map(|doc| (i, doc)))
        .collect();
    let docs: Vec<&crate::Document> = valid.iter().map(|(_, doc)| *doc).collect();
    let mut rendered: Vec<Option<Written>> = vec![None; districts.len()];
    // Stored in batch order, whatever order they finish in: a stream's
    // files come in the same order every run. Only the few that finish
    // ahead of a slower one wait here.
    let mut finished: BTreeMap<usize, crate::Result<(Vec<u8>, usize)>> = BTreeMap::new();
    let mut next = 0;
    super::render_many_as(
        engine,
        &docs,
        options,
        batch.electronic.as_ref(),
        |k, result| {
            finished.insert(k, result);
            while let Some(result) = finished.remove(&next) {
                let d = &districts[valid[next].0];
                let written = result
                    .and_then(|pdf| store_pdf(store, &format!("{}.pdf", d.slug), pdf))
                    .map_err(|e| e.to_diagnostics());
                rendered[valid[next].0] = Some(written);
                next += 1;
            }
            done += 1;
            progress(done, total);
        },
    );
    let mut manifest = Manifest::default();
    for (d, r) in districts.iter().zip(rendered) {
        let result = match (&d.document, r) {
            (Err(errors), _) => Err(errors.clone()),
            (Ok(_), Some(written)) => written,
            (Ok(_), None) => Err(vec![Diagnostic::error("", "not rendered")]),
        };
        match result {
            Ok((sha256, pages)) => manifest.outputs.push(ManifestEntry {
                district: Some(d.name.clone()),
                path: format!("{}.pdf", d.slug),
                sha256,
                pages,
                status: "ok".into(),
                figures: d.figures.clone(),
                missing: Vec::new(),
                warnings: d
                    .document
                    .as_ref()
                    .map(|doc| doc.warnings().iter().map(describe).collect())
                    .unwrap_or_default(),
            }),
            Err(errors) => manifest.failed.push(ManifestFailure::new(&d.name, errors)),
        }
    }
    manifest
}

/// The name of a whole run's manifest.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Reads, then removes, the manifest a previous run left under `name` (and,
/// for a whole run, the summary): the files it listed.
fn forget_previous(out_dir: &Path, name: &str, whole: bool) -> Result<Vec<String>> {
    let path = out_dir.join(name);
    let mut listed: Vec<String> = crate::loader::read_file(&path, name, 64 * 1024 * 1024)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .map(|m| m.outputs.into_iter().map(|e| e.path).collect())
        .unwrap_or_default();
    for file in [Some(name), whole.then_some(SUMMARY_FILE)]
        .into_iter()
        .flatten()
    {
        let p = out_dir.join(file);
        if p.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(&p).map_err(io(&p))?;
        }
    }
    listed.retain(|f| safe_name(f));
    Ok(listed)
}

/// A plain file name in the output directory (a manifest could be edited).
fn safe_name(file: &str) -> bool {
    !file.is_empty()
        && !file.contains(['/', '\\'])
        && file != ".."
        && file != "."
        && file.ends_with(".pdf")
}

/// Removes what no longer belongs: the PDF of every district that failed
/// this time, and every file the previous manifest listed that this run did
/// not write again. The directory then holds what the manifest says.
fn remove_stale(out_dir: &Path, previous: &[String], manifest: &Manifest, districts: &[District]) {
    let written: std::collections::HashSet<&str> =
        manifest.outputs.iter().map(|e| e.path.as_str()).collect();
    let failed = districts
        .iter()
        .filter(|d| manifest.failed.iter().any(|f| f.district == d.name))
        .map(|d| format!("{}.pdf", d.slug));
    for file in failed.chain(previous.iter().cloned()) {
        if written.contains(file.as_str()) {
            continue;
        }
        let p = out_dir.join(&file);
        if p.symlink_metadata()
            .is_ok_and(|m| m.is_file() || m.file_type().is_symlink())
        {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// How many districts have a document to render.
fn docs_count(districts: &[District]) -> usize {
    districts.iter().filter(|d| d.document.is_ok()).count()
}

fn add_summary(
    batch: &Batch,
    engine: &Engine,
    store: &mut Store<'_>,
    manifest: &mut Manifest,
    options: PdfOptions,
) {
    let done: Vec<(String, BTreeMap<String, Figure>)> = manifest
        .outputs
        .iter()
        .filter_map(|e| Some((e.district.clone()?, e.figures.clone())))
        .collect();
    let missing: Vec<String> = manifest.failed.iter().map(|f| f.district.clone()).collect();
    let summary = summary_document_without(batch, &done, &missing).and_then(|doc| {
        super::render_one_as(engine, &doc, options, batch.electronic.as_ref())
            .and_then(|pdf| store_pdf(store, SUMMARY_FILE, pdf))
            .map_err(|e| e.to_diagnostics())
    });
    match summary {
        Ok((sha256, pages)) => manifest.outputs.push(ManifestEntry {
            district: None,
            path: SUMMARY_FILE.into(),
            sha256,
            pages,
            status: if missing.is_empty() {
                "ok"
            } else {
                "incomplete"
            }
            .into(),
            figures: super::summary::totals(batch, &done),
            missing,
            warnings: Vec::new(),
        }),
        Err(errors) => manifest
            .failed
            .push(ManifestFailure::new("Tổng hợp toàn tỉnh", errors)),
    }
}

fn write_manifest(path: &Path, manifest: &Manifest) -> Result<()> {
    let mut json =
        serde_json::to_vec_pretty(manifest).map_err(|e| Error::Manifest(e.to_string()))?;
    json.push(b'\n');
    write_atomic(path, &json).map_err(io(path))
}

/// The largest district PDF read back to check its hash.
const MAX_SHARD_PDF_BYTES: usize = 256 * 1024 * 1024;

/// The shards' PDFs are the files their manifests describe, and their
/// figures are the inputs' as they are now: a summary is never built from a
/// deleted or altered PDF, nor from figures edited after the shards ran.
fn check_shards(districts: &[District], out_dir: &Path, manifest: &Manifest) -> Result<()> {
    let now: BTreeMap<&str, serde_json::Value> = districts
        .iter()
        .map(|d| {
            let figures = serde_json::to_value(&d.figures).unwrap_or_default();
            (d.name.as_str(), figures)
        })
        .collect();
    let mut problems = Vec::new();
    for entry in &manifest.outputs {
        let Some(district) = &entry.district else {
            continue;
        };
        let file = &entry.path;
        if !safe_name(file) {
            problems.push(format!(
                "{district}: `{file}` is not a file of this directory"
            ));
            continue;
        }
        match crate::loader::read_file(&out_dir.join(file), file, MAX_SHARD_PDF_BYTES) {
            Err(e) => problems.push(format!("{district}: {e}")),
            Ok(bytes) if sha256_hex(&bytes) != entry.sha256 => problems.push(format!(
                "{district}: `{file}` has changed since its shard wrote it"
            )),
            Ok(_) => {}
        }
        let rendered = serde_json::to_value(&entry.figures).unwrap_or_default();
        if now
            .get(district.as_str())
            .is_some_and(|figures| *figures != rendered)
        {
            problems.push(format!(
                "{district}: the figures in the inputs have changed since its shard ran"
            ));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::Manifest(format!(
        "the shards in {} no longer match their manifests or the inputs ({}); run the shards again",
        out_dir.display(),
        problems.join("; ")
    )))
}

/// Builds the province summary from the manifests that shards wrote into
/// `out_dir`, after checking that together they cover every district once.
pub fn run_summary_from_shards(
    batch: &Batch,
    engine: &Engine,
    out_dir: &Path,
    options: PdfOptions,
) -> Result<Manifest> {
    let _lock = super::lock::DirLock::take(out_dir, None)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(out_dir)
        .map_err(io(out_dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("manifest.shard-") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    let mut manifest = Manifest::default();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(io(f))?;
        let part: Manifest = serde_json::from_str(&text)
            .map_err(|e| Error::Manifest(format!("{}: not a vanban manifest: {e}", f.display())))?;
        manifest.outputs.extend(part.outputs);
        manifest.failed.extend(part.failed);
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for name in manifest
        .outputs
        .iter()
        .filter_map(|e| e.district.clone())
        .chain(manifest.failed.iter().map(|f| f.district.clone()))
    {
        *seen.entry(name).or_default() += 1;
    }
    // Built once: the names to cover, and the figures to compare.
    let districts = batch.districts();
    let expected: Vec<String> = districts.iter().map(|d| d.name.clone()).collect();
    let missing: Vec<&String> = expected.iter().filter(|n| !seen.contains_key(*n)).collect();
    let twice: Vec<&String> = seen
        .iter()
        .filter(|(_, c)| **c > 1)
        .map(|(n, _)| n)
        .collect();
    if !missing.is_empty() || !twice.is_empty() || files.is_empty() {
        return Err(Error::Manifest(format!(
            "the shard manifests in {} do not cover the batch once: missing {:?}, more than once {:?}",
            out_dir.display(),
            missing,
            twice
        )));
    }
    check_shards(&districts, out_dir, &manifest)?;
    // Batch order, as a whole run writes it.
    let order = |name: &str| {
        expected
            .iter()
            .position(|n| n == name)
            .unwrap_or(usize::MAX)
    };
    manifest
        .outputs
        .sort_by_key(|e| order(e.district.as_deref().unwrap_or("")));
    manifest.failed.sort_by_key(|f| order(&f.district));
    add_summary(
        batch,
        engine,
        &mut directory(out_dir),
        &mut manifest,
        options,
    );
    write_manifest(&out_dir.join(MANIFEST_FILE), &manifest)?;
    Ok(manifest)
}

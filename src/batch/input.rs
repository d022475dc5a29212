//! Reading a batch: the batch file (or a directory of district files beside
//! a shared one), district figures from YAML or CSV, and each district's
//! document built from the shared form. Files are read through a
//! [`Loader`], so a service can give them from a request.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value};

use super::{District, slug};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::input::{SourceMap, join_index, join_key};
use crate::loader::{FsLoader, Loader};
use crate::model::{self, Amount, IndicatorResult, Period};
use crate::{Document, vi};

/// A batch: what every district shares, and the districts.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Batch {
    /// The period every report covers.
    pub period: Period,
    /// The indicators every district reports, in table order.
    pub indicators: Vec<IndicatorDef>,
    /// The district report form: the keys of a `bao-cao` (issuer, date,
    /// subject, signature, recipients, text …); `{district}` in any string
    /// becomes the district's name. `kind`, `period` and the indicators are added.
    pub form: Mapping,
    /// The province summary report: the keys of a `bao-cao`; its indicators
    /// and the table of districts are computed.
    pub province: Mapping,
    /// A CSV file of figures, relative to the batch file: a `district` column,
    /// then `<id>`, `<id>.plan`, `<id>.previous` columns.
    #[serde(default)]
    pub figures_csv: Option<String>,
    /// The districts.
    #[serde(default)]
    pub districts: Vec<DistrictInput>,
    /// A district whose report has warnings fails (`--deny-warnings`).
    #[serde(skip)]
    pub deny_warnings: bool,
    /// Every report issued electronically, and signed if asked
    /// (`--electronic`, `--sign`).
    #[serde(skip)]
    pub electronic: Option<crate::electronic::IssueOptions>,
    /// The batch file's name and where its values are, to locate problems.
    #[serde(skip)]
    source: Source,
}

/// An indicator every district reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct IndicatorDef {
    /// Its id (a CSV column name).
    pub id: String,
    /// Its name in tables.
    pub name: String,
    /// How a sentence reads before the figure.
    #[serde(default)]
    pub text: Option<String>,
    /// Its unit.
    pub unit: String,
}

/// One district: its name, figures and own text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DistrictInput {
    /// Its name as printed ("Huyện Văn Yên").
    pub name: String,
    /// Figures by indicator id.
    #[serde(default)]
    pub figures: BTreeMap<String, Figure>,
    /// Its own keys, merged over the form (number, signer, paragraphs …).
    #[serde(default)]
    pub document: Mapping,
    /// Problems found while reading its figures (a bad CSV cell), located.
    #[serde(skip)]
    pub problems: Vec<Diagnostic>,
    /// Where it was written, to locate its problems.
    #[serde(skip)]
    origin: Origin,
    /// The CSV cell (row, column) of each figure read from the CSV, by
    /// indicator id and field (`actual`, `plan`, `previous`).
    #[serde(skip)]
    cells: BTreeMap<(String, &'static str), (usize, usize)>,
}

impl DistrictInput {
    /// A district built by a program: its name, figures and own keys.
    pub fn new(
        name: impl Into<String>,
        figures: BTreeMap<String, Figure>,
        document: Mapping,
    ) -> Self {
        Self {
            name: name.into(),
            figures,
            document,
            ..Default::default()
        }
    }
}

/// A district's figure for one indicator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Figure {
    /// The achieved value.
    pub actual: Amount,
    /// The plan target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Amount>,
    /// The same period last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Amount>,
}

/// A file's name as shown, and where its values are.
#[derive(Debug, Clone, Default)]
struct Source {
    name: String,
    map: SourceMap,
    /// The figures CSV's name, as shown.
    csv: String,
}

/// Where a district was written.
#[derive(Debug, Clone, Default)]
enum Origin {
    /// `districts[i]` of the batch file.
    Inline(usize),
    /// A file of its own under `districts/`.
    File(Box<Source>),
    /// Only a row of the CSV.
    #[default]
    Csv,
}

/// The largest batch, district or CSV file read.
const MAX_FILE_BYTES: usize = crate::MAX_INPUT_BYTES;

/// The longest district name, in characters: far above any real one
/// ("Thành phố Buôn Ma Thuột" has 23), far below a file name's limit.
pub const MAX_DISTRICT_NAME: usize = 120;

/// File names a district may not take: the summary's and the manifests'.
fn reserved(slug: &str) -> bool {
    slug == super::output::SUMMARY_FILE.trim_end_matches(".pdf") || slug.starts_with("manifest")
}

/// Every district name that is blank, too long, takes a reserved file name
/// or the file name of another district: all reported at once.
fn check_names(batch: &Batch, file: &str) -> Result<()> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (i, d) in batch.districts.iter().enumerate() {
        let at = format!("districts[{i}].name");
        if d.name.trim().is_empty() {
            problems.push(
                Diagnostic::error(&at, "a district's name is empty")
                    .with_hint("write the district's name: name: \"Huyện Văn Yên\""),
            );
            continue;
        }
        let chars = d.name.chars().count();
        if chars > MAX_DISTRICT_NAME {
            problems.push(
                Diagnostic::error(
                    &at,
                    format!("this district's name is {chars} characters long; the limit is {MAX_DISTRICT_NAME}"),
                )
                .with_hint("write the district's name alone, without its description"),
            );
            continue;
        }
        let s = slug(&d.name);
        if reserved(&s) {
            problems.push(
                Diagnostic::error(
                    &at,
                    format!(
                        "the district `{}` would be written as `{s}.pdf`, a name the batch keeps for its summary or manifest",
                        d.name
                    ),
                )
                .with_hint("name the district as it is named officially (\"Huyện …\", \"Thành phố …\")"),
            );
            continue;
        }
        if let Some(first) = seen.get(&s) {
            problems.push(Diagnostic::error(
                &at,
                format!(
                    "the districts `{first}` and `{}` have the same file name `{s}.pdf`: district names must be unique",
                    d.name
                ),
            ));
        } else {
            seen.insert(s, d.name.clone());
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(Diagnostics(
            problems.into_iter().map(|d| d.in_file(file)).collect(),
        )))
    }
}

fn batch_error(file: &str, message: impl Into<String>) -> Error {
    Error::Invalid(Diagnostics(vec![
        Diagnostic::error("", message).in_file(file),
    ]))
}

/// Reads a batch file, or a directory holding `batch.yaml` and one YAML file
/// per district under `districts/`. Returns the batch and its directory.
pub fn load(path: &Path) -> Result<(Batch, PathBuf)> {
    let (file, district_dir) = if path.is_dir() {
        (path.join("batch.yaml"), Some(path.join("districts")))
    } else {
        (path.to_path_buf(), None)
    };
    let base = FsLoader::beside(&file);
    let shown = file.display().to_string();
    let text = crate::loader::read_text_file(&file)?;
    let mut district_files = Vec::new();
    if let Some(dir) = district_dir.filter(|d| d.is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|source| Error::Io {
                path: dir.display().to_string(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        files.sort();
        for f in files {
            district_files.push((f.display().to_string(), crate::loader::read_text_file(&f)?));
        }
    }
    let batch = Batch::read(&text, &shown, &district_files, &base)?;
    let dir = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok((batch, dir))
}

impl Batch {
    /// Reads a batch from its text (`name` as shown in messages), the texts
    /// of district files (name, text), and its figures CSV through `loader`.
    pub fn read(
        text: &str,
        name: &str,
        district_files: &[(String, String)],
        loader: &dyn Loader,
    ) -> Result<Batch> {
        let text = vi::nfc(text);
        let mut batch: Batch = parse_yaml(&text, name)?;
        batch.source = Source {
            name: name.to_string(),
            map: SourceMap::build(&text),
            csv: String::new(),
        };
        for (i, d) in batch.districts.iter_mut().enumerate() {
            d.origin = Origin::Inline(i);
        }
        for (file, text) in district_files {
            let text = vi::nfc(text);
            let mut district: DistrictInput = parse_yaml(&text, file)?;
            district.origin = Origin::File(Box::new(Source {
                name: file.clone(),
                map: SourceMap::build(&text),
                csv: String::new(),
            }));
            batch.districts.push(district);
        }
        if let Some(csv_file) = batch.figures_csv.clone() {
            let bytes = loader
                .read(&csv_file, MAX_FILE_BYTES)
                .map_err(|e| batch_error(name, format!("the figures CSV cannot be read: {e}")))?;
            let csv_text = crate::loader::text_of(bytes)
                .map_err(|d| Error::Invalid(Diagnostics(vec![d.in_file(&csv_file)])))?;
            batch.source.csv = csv_file.clone();
            read_csv(&mut batch, &vi::nfc(&csv_text), &csv_file)?;
        }
        check_names(&batch, name)?;
        Ok(batch)
    }

    /// Where a problem of the district at `index` is: in the CSV, its own
    /// file or mapping, or the shared form.
    fn locate(&self, district: &DistrictInput, mut d: Diagnostic) -> Diagnostic {
        if d.line.is_some() {
            return d;
        }
        // A figure: its CSV cell or its YAML value.
        if let Some((k, field)) = figure_of(&d.path)
            && let Some(def) = self.indicators.get(k)
        {
            if let Some(&(row, column)) = district.cells.get(&(def.id.clone(), field)) {
                return d.at(row, column).in_file(&self.source.csv);
            }
            let own = join_key(&join_key("figures", &def.id), field);
            if let Some(found) = self.locate_own(district, &own) {
                return found(d);
            }
        }
        let path = d.path.clone();
        if let Some(found) = self.locate_own(district, &join_key("document", &path)) {
            return found(d);
        }
        if let Some((line, column)) = self.source.map.locate(&join_key("form", &path)) {
            return d.at(line, column).in_file(&self.source.name);
        }
        d.file = Some(self.source.name.clone());
        d
    }

    /// The place of `path` in a district's own YAML (`figures…`, `document…`).
    fn locate_own(
        &self,
        district: &DistrictInput,
        path: &str,
    ) -> Option<Box<dyn FnOnce(Diagnostic) -> Diagnostic>> {
        let (file, map, full) = match &district.origin {
            Origin::Inline(i) => (
                &self.source.name,
                &self.source.map,
                join_key(&join_index("districts", *i), path),
            ),
            Origin::File(source) => (&source.name, &source.map, path.to_string()),
            Origin::Csv => return None,
        };
        let (line, column) = map.locate(&full)?;
        let file = file.clone();
        Some(Box::new(move |d: Diagnostic| {
            d.at(line, column).in_file(file)
        }))
    }
}

/// `results.indicators[2].actual` → (2, "actual"): a district figure.
fn figure_of(path: &str) -> Option<(usize, &'static str)> {
    let rest = path.strip_prefix("results.indicators[")?;
    let (index, field) = rest.split_once(']')?;
    let field = match field {
        ".actual" | "" => "actual",
        ".plan" => "plan",
        ".previous" => "previous",
        _ => return None,
    };
    Some((index.parse().ok()?, field))
}

/// A batch or district file, every problem at its line.
fn parse_yaml<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T> {
    serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text)).map_err(|e| {
        let mut d = Diagnostic::error(e.path().to_string(), e.inner().to_string()).in_file(file);
        if let Some(loc) = e.inner().location() {
            d = d.at(loc.line(), loc.column());
        }
        Error::Invalid(Diagnostics(vec![d]))
    })
}

/// Merges figures from a CSV file: one row per district. A bad cell is the
/// district's problem (reported with its row and column), not the batch's.
fn read_csv(batch: &mut Batch, text: &str, shown: &str) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| batch_error(shown, format!("cannot read the header row: {e}")))?
        .clone();
    let name_col = headers
        .iter()
        .position(|h| h == "district" || h == "name" || h == "huyen")
        .ok_or_else(|| batch_error(shown, "the CSV needs a `district` column"))?;
    let ids: Vec<&str> = batch.indicators.iter().map(|i| i.id.as_str()).collect();
    for h in headers
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != name_col)
        .map(|(_, h)| h)
    {
        let id = h.trim_end_matches(".plan").trim_end_matches(".previous");
        if !ids.contains(&id) {
            return Err(batch_error(
                shown,
                format!(
                    "the column `{h}` names no indicator; the indicators are {}",
                    ids.join(", ")
                ),
            ));
        }
    }
    // A district's row, by name: a second row would silently replace its figures.
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    // When the batch lists its districts, the CSV fills them in; a row for
    // another name is a misspelling or a district the batch forgot.
    let listed = !batch.districts.is_empty();
    let mut unlisted = Vec::new();
    for (row_index, record) in reader.records().enumerate() {
        let row = row_index + 2; // 1-based, after the header row
        let record = record.map_err(|e| batch_error(shown, format!("row {row}: {e}")))?;
        let name = record.get(name_col).unwrap_or("").trim().to_string();
        if name.is_empty() {
            return Err(batch_error(
                shown,
                format!("row {row} has no district name"),
            ));
        }
        if let Some(first) = rows.insert(name.clone(), row) {
            return Err(batch_error(
                shown,
                format!("rows {first} and {row} are both `{name}`: district names must be unique"),
            ));
        }
        let position = match batch.districts.iter().position(|d| d.name == name) {
            Some(p) => p,
            None if listed => {
                let names: Vec<&str> = batch.districts.iter().map(|d| d.name.as_str()).collect();
                let hint = match crate::suggest::closest(&name, &names) {
                    Some(best) => format!("did you mean `{best}`? Or add `{name}` to `districts:`"),
                    None => format!("correct the name, or add `{name}` to `districts:`"),
                };
                unlisted.push(
                    Diagnostic::error(
                        "district",
                        format!("row {row}: `{name}` is not one of the batch's districts"),
                    )
                    .with_hint(hint)
                    .at(row, name_col + 1)
                    .in_file(shown),
                );
                continue;
            }
            None => {
                batch.districts.push(DistrictInput {
                    name: name.clone(),
                    ..Default::default()
                });
                batch.districts.len() - 1
            }
        };
        let district = &mut batch.districts[position];
        for (col, header) in headers.iter().enumerate() {
            if col == name_col {
                continue;
            }
            let cell = record.get(col).unwrap_or("").trim();
            if cell.is_empty() {
                continue;
            }
            let (id, part) = match header.rsplit_once('.') {
                Some((id, "plan")) => (id, "plan"),
                Some((id, "previous")) => (id, "previous"),
                _ => (header, "actual"),
            };
            let Some(value) = vi::parse_number(cell) else {
                district.problems.push(
                    Diagnostic::error(
                        header,
                        format!("`{cell}` is not a number"),
                    )
                    .with_hint("write 1200 or 1.200 (a dot between thousands, a comma before decimals)")
                    .at(row, col + 1)
                    .in_file(shown),
                );
                continue;
            };
            district
                .cells
                .insert((id.to_string(), part), (row, col + 1));
            let figure = district.figures.entry(id.to_string()).or_default();
            let value = match Amount::exact(value, cell) {
                Ok(v) => v,
                Err(why) => {
                    district.problems.push(
                        Diagnostic::error(header, why)
                            .at(row, col + 1)
                            .in_file(shown),
                    );
                    continue;
                }
            };
            match part {
                "plan" => figure.plan = Some(value),
                "previous" => figure.previous = Some(value),
                _ => figure.actual = value,
            }
        }
    }
    if unlisted.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(Diagnostics(unlisted)))
    }
}

/// Deep-merges `over` into `base`: mappings merge key by key, anything else replaces.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Replaces `{district}` in every string.
fn substitute(v: &mut Value, name: &str) {
    match v {
        Value::String(s) if s.contains("{district}") => *s = s.replace("{district}", name),
        Value::Sequence(seq) => seq.iter_mut().for_each(|x| substitute(x, name)),
        Value::Mapping(m) => m.iter_mut().for_each(|(_, x)| substitute(x, name)),
        _ => {}
    }
}

/// The results of `figures`, one per indicator, in table order.
/// `lead` goes before each indicator's sentence lead ("toàn tỉnh").
pub(crate) fn indicators(
    defs: &[IndicatorDef],
    figures: &BTreeMap<String, Figure>,
    lead: Option<&str>,
) -> std::result::Result<Vec<IndicatorResult>, Vec<Diagnostic>> {
    let missing: Vec<&str> = defs
        .iter()
        .filter(|d| !figures.contains_key(&d.id))
        .map(|d| d.id.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(vec![
            Diagnostic::error(
                "figures",
                format!("no figures for the indicator(s) {}", missing.join(", ")),
            )
            .with_hint("give every indicator of the batch a figure (a CSV column or `figures:`)"),
        ]);
    }
    Ok(defs
        .iter()
        .map(|def| {
            let f = figures[&def.id];
            let text = def.text.clone().unwrap_or_else(|| def.name.to_lowercase());
            IndicatorResult {
                id: Some(def.id.clone()),
                name: Some(def.name.clone()),
                text: Some(match lead {
                    Some(lead) => format!("{lead} {text}"),
                    None => text,
                }),
                unit: Some(def.unit.clone()),
                actual: f.actual,
                plan: f.plan,
                target: None,
                previous: f.previous,
                of_which: Vec::new(),
            }
        })
        .collect())
}

/// A report: the form merged with `own` (`{district}` replaced by `name`),
/// then the period and the results set as model values; `extra` is a
/// section added to the results (the summary's table of districts).
pub(crate) fn report_document(
    form: &Mapping,
    own: &Mapping,
    name: Option<&str>,
    period: Period,
    indicators: Vec<IndicatorResult>,
    extra: Option<model::CustomSection>,
    deny_warnings: bool,
) -> std::result::Result<Document, Vec<Diagnostic>> {
    let mut v = Value::Mapping(form.clone());
    merge(&mut v, Value::Mapping(own.clone()));
    if let Some(name) = name {
        substitute(&mut v, name);
    }
    if let Value::Mapping(m) = &mut v {
        m.insert(Value::from("kind"), Value::from("bao-cao"));
    }
    let mut model: model::Document = serde_path_to_error::deserialize(v).map_err(|e| {
        vec![Diagnostic::error(
            e.path().to_string(),
            e.inner().to_string(),
        )]
    })?;
    model.period = Some(period);
    let results = model.results.get_or_insert_with(Default::default);
    results.indicators = indicators;
    if let Some(section) = extra {
        results
            .fields
            .get_or_insert_with(Default::default)
            .other
            .push(section);
    }
    let options = crate::ReadOptions::default().deny_warnings(deny_warnings);
    Document::read_model(model, &options).map_err(|e| e.to_diagnostics())
}

impl Batch {
    /// Every district's document, in the order of the batch (the YAML list,
    /// then CSV rows not in it, or the district files by name); a failed
    /// district keeps its problems, located in the batch's files.
    pub fn districts(&self) -> Vec<District> {
        self.districts
            .iter()
            .map(|d| {
                let document = if d.problems.is_empty() {
                    indicators(&self.indicators, &d.figures, None).and_then(|ind| {
                        report_document(
                            &self.form,
                            &d.document,
                            Some(&d.name),
                            self.period,
                            ind,
                            None,
                            self.deny_warnings,
                        )
                    })
                } else {
                    Err(d.problems.clone())
                };
                District {
                    name: d.name.clone(),
                    slug: slug(&d.name),
                    figures: d.figures.clone(),
                    document: document
                        .map_err(|ds| ds.into_iter().map(|x| self.locate(d, x)).collect()),
                }
            })
            .collect()
    }
}

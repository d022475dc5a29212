//! Reading a batch: the batch file (or a directory of district files beside
//! a shared one), district figures from YAML or CSV, and each district's
//! document built from the shared form.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value};

use super::{District, slug};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::model::Period;
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
    /// Problems found while reading its figures (a bad CSV cell).
    #[serde(skip)]
    pub problems: Vec<String>,
}

/// A district's figure for one indicator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Figure {
    /// The achieved value.
    pub actual: f64,
    /// The plan target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<f64>,
    /// The same period last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<f64>,
}

fn batch_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Invalid(Diagnostics(vec![Diagnostic::error(
        "",
        format!("{}: {}", path.display(), message.into()),
    )]))
}

/// Reads a batch file, or a directory holding `batch.yaml` and one YAML file
/// per district under `districts/`.
pub fn load(path: &Path) -> Result<(Batch, PathBuf)> {
    let (file, district_dir) = if path.is_dir() {
        (path.join("batch.yaml"), Some(path.join("districts")))
    } else {
        (path.to_path_buf(), None)
    };
    let base = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let text = std::fs::read_to_string(&file).map_err(|source| Error::Io {
        path: file.display().to_string(),
        source,
    })?;
    let text = vi::nfc(&text);
    let mut batch: Batch =
        serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(&text))
            .map_err(|e| batch_error(&file, format!("{} ({})", e.inner(), e.path())))?;
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
            let text = std::fs::read_to_string(&f).map_err(|source| Error::Io {
                path: f.display().to_string(),
                source,
            })?;
            let district: DistrictInput = serde_path_to_error::deserialize(
                serde_yaml::Deserializer::from_str(&vi::nfc(&text)),
            )
            .map_err(|e| batch_error(&f, format!("{} ({})", e.inner(), e.path())))?;
            batch.districts.push(district);
        }
    }
    if let Some(csv_file) = batch.figures_csv.clone() {
        read_csv(&mut batch, &base.join(&csv_file), &csv_file)?;
    }
    let mut seen = BTreeMap::new();
    for d in &batch.districts {
        if let Some(first) = seen.insert(slug(&d.name), d.name.clone()) {
            return Err(batch_error(
                &file,
                format!(
                    "the districts `{first}` and `{}` have the same file name `{}.pdf`: district names must be unique",
                    d.name,
                    slug(&d.name)
                ),
            ));
        }
    }
    Ok((batch, base))
}

/// Merges figures from a CSV file: one row per district. A bad cell is the
/// district's problem (reported with its row and column), not the batch's.
fn read_csv(batch: &mut Batch, path: &Path, shown: &str) -> Result<()> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    let text = vi::nfc(&text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| batch_error(path, format!("cannot read the header row: {e}")))?
        .clone();
    let name_col = headers
        .iter()
        .position(|h| h == "district" || h == "name" || h == "huyen")
        .ok_or_else(|| batch_error(path, "the CSV needs a `district` column"))?;
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
                path,
                format!(
                    "the column `{h}` names no indicator; the indicators are {}",
                    ids.join(", ")
                ),
            ));
        }
    }
    // A district's row, by name: a second row would silently replace its figures.
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    for (row_index, record) in reader.records().enumerate() {
        let row = row_index + 2; // 1-based, after the header row
        let record = record.map_err(|e| batch_error(path, format!("row {row}: {e}")))?;
        let name = record.get(name_col).unwrap_or("").trim().to_string();
        if name.is_empty() {
            return Err(batch_error(path, format!("row {row} has no district name")));
        }
        if let Some(first) = rows.insert(name.clone(), row) {
            return Err(batch_error(
                path,
                format!("rows {first} and {row} are both `{name}`: district names must be unique"),
            ));
        }
        let position = match batch.districts.iter().position(|d| d.name == name) {
            Some(p) => p,
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
            let Some(value) = vi::parse_number(cell) else {
                district.problems.push(format!(
                    "{shown}: row {row}, column {} (`{header}`): `{cell}` is not a number (write 1200 or 1.200)",
                    col + 1
                ));
                continue;
            };
            let (id, part) = match header.rsplit_once('.') {
                Some((id, p @ ("plan" | "previous"))) => (id, p),
                _ => (header, "actual"),
            };
            let figure = district.figures.entry(id.to_string()).or_default();
            match part {
                "plan" => figure.plan = Some(value),
                "previous" => figure.previous = Some(value),
                _ => figure.actual = value,
            }
        }
    }
    Ok(())
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

fn key(s: &str) -> Value {
    Value::String(s.to_string())
}

/// The results of `figures` as YAML `results.indicators`.
/// `lead` goes before each indicator's sentence lead ("toàn tỉnh").
pub(crate) fn indicators_value(
    defs: &[IndicatorDef],
    figures: &BTreeMap<String, Figure>,
    lead: Option<&str>,
) -> std::result::Result<Value, Vec<String>> {
    let mut list = Vec::new();
    let mut missing = Vec::new();
    for def in defs {
        let Some(f) = figures.get(&def.id) else {
            missing.push(def.id.clone());
            continue;
        };
        let mut m = Mapping::new();
        m.insert(key("id"), key(&def.id));
        m.insert(key("name"), key(&def.name));
        let text = def.text.clone().unwrap_or_else(|| def.name.to_lowercase());
        let text = match lead {
            Some(lead) => format!("{lead} {text}"),
            None => text,
        };
        m.insert(key("text"), key(&text));
        m.insert(key("unit"), key(&def.unit));
        m.insert(key("actual"), Value::from(f.actual));
        if let Some(p) = f.plan {
            m.insert(key("plan"), Value::from(p));
        }
        if let Some(p) = f.previous {
            m.insert(key("previous"), Value::from(p));
        }
        list.push(Value::Mapping(m));
    }
    if missing.is_empty() {
        Ok(Value::Sequence(list))
    } else {
        Err(vec![format!(
            "no figures for the indicator(s) {}",
            missing.join(", ")
        )])
    }
}

/// Builds a report document from a form mapping plus computed keys.
pub(crate) fn report_document(
    form: &Mapping,
    own: &Mapping,
    name: Option<&str>,
    period: Period,
    indicators: Value,
    extra_results: Option<Value>,
) -> std::result::Result<Document, Vec<String>> {
    let mut v = Value::Mapping(form.clone());
    merge(&mut v, Value::Mapping(own.clone()));
    if let Some(name) = name {
        substitute(&mut v, name);
    }
    let Value::Mapping(m) = &mut v else {
        unreachable!("a mapping stays a mapping")
    };
    m.insert(key("kind"), key("bao-cao"));
    m.insert(
        key("period"),
        serde_yaml::to_value(period).map_err(|e| vec![e.to_string()])?,
    );
    let results = m
        .entry(key("results"))
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if let Value::Mapping(r) = results {
        r.insert(key("indicators"), indicators);
    }
    if let Some(extra) = extra_results {
        merge(results, extra);
    }
    let model: crate::model::Document = serde_path_to_error::deserialize(v)
        .map_err(|e| vec![format!("{}: {}", e.path(), e.inner())])?;
    Document::from_model(model).map_err(|e| super::error_lines(&e))
}

impl Batch {
    /// Every district's document, in the order of the batch (the YAML list,
    /// then CSV rows not in it, or the district files by name).
    pub fn districts(&self) -> Vec<District> {
        let out: Vec<District> = self
            .districts
            .iter()
            .map(|d| {
                let document = if d.problems.is_empty() {
                    indicators_value(&self.indicators, &d.figures, None).and_then(|ind| {
                        report_document(
                            &self.form,
                            &d.document,
                            Some(&d.name),
                            self.period,
                            ind,
                            None,
                        )
                    })
                } else {
                    Err(d.problems.clone())
                };
                let document = document.and_then(|doc| {
                    if self.deny_warnings && !doc.warnings().is_empty() {
                        Err(doc
                            .warnings()
                            .iter()
                            .map(|w| format!("{w} (a warning; --deny-warnings makes it an error)"))
                            .collect())
                    } else {
                        Ok(doc)
                    }
                });
                District {
                    name: d.name.clone(),
                    slug: slug(&d.name),
                    figures: d.figures.clone(),
                    document,
                }
            })
            .collect();
        out
    }
}

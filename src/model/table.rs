//! Tables: columns, rows of cells, a computed totals row, and computed rows
//! of figures (`figure: id`) whose columns say what they `show`.

use std::fmt;

use schemars::JsonSchema;
use serde::de::IntoDeserializer;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Amount;

/// A table: one or two header rows, rows of cells, an optional computed totals row.
///
/// ```yaml
/// table:
///   numbered: true                 # a first STT column, numbered by the library
///   columns:
///     - Huyện                      # a plain text column
///     - { title: Kế hoạch, group: Giải quyết việc làm, numeric: true, total: true }
///     - { title: Thực hiện, group: Giải quyết việc làm, numeric: true, total: true }
///   rows:
///     - [ Văn Yên, 1200, 1100 ]
///   totals: Tổng cộng              # a last row summing the `total` columns
/// ```
/// Adjacent columns with the same `group` share a merged heading above theirs.
///
/// A table of figures: its columns say what they `show`, its rows cite
/// figures, and every cell of those columns is computed:
/// ```yaml
/// table:
///   numbered: true
///   columns:
///     - { title: Chỉ tiêu, show: name }
///     - { title: Đơn vị tính, show: unit }
///     - { title: Kế hoạch, show: plan, total: true }
///     - { title: Thực hiện, show: actual, total: true }
///     - { title: Tỷ lệ % KH, show: percent, total: true }
///     - Ghi chú                    # free text: the row's `cells`
///   rows:
///     - { figure: viec-lam }       # its row, then its parts indented
///     - { figure: xkld, parts: false, cells: [ Vượt kế hoạch ] }
///   totals: Tổng cộng
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// Relative column widths (e.g. `[1, 6, 3]`); equal when left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<f64>,
    /// The rows: cells (one per column), or a figure's computed row.
    #[serde(default)]
    pub rows: Vec<Row>,
    /// Number the rows in a first "STT" column (breakdown rows are not numbered).
    #[serde(default)]
    pub numbered: bool,
    /// Label of a totals row computed from the columns marked `total`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<String>,
}

/// What a column of a table of figures shows, computed from each row's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Show {
    /// The figure's name (parts indented, with "- ").
    Name,
    /// Its unit.
    Unit,
    /// The figure (achieved): `9.043`.
    Actual,
    /// The plan figure: `17.700`.
    Plan,
    /// The figure of the same period: `8.637`.
    Previous,
    /// The share of the plan, actual ÷ plan × 100: `51,09`.
    Percent,
    /// Against the same period, actual ÷ previous × 100: `104,70`.
    Ratio,
    /// The change on the same period: `+4,7%`.
    Change,
    /// Actual − previous: `+406`.
    Difference,
    /// The share of the figure named by `share-of`, else of the row above it: `13,8`.
    Portion,
}

impl Show {
    /// Numbers, right-aligned (names and units are not).
    pub fn is_numeric(self) -> bool {
        !matches!(self, Show::Name | Show::Unit)
    }
}

/// A table column: a heading, or a mapping with its options.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// The heading.
    pub title: String,
    /// A heading shared with adjacent columns, in a first header row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Cells are numbers: formatted the Vietnamese way and right-aligned.
    pub numeric: bool,
    /// Summed in the totals row.
    pub total: bool,
    /// Decimals shown for numbers (default: as written, at most 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimals: Option<usize>,
    /// What the column shows in a figure's row (none: the row's `cells`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show: Option<Show>,
}

impl Column {
    /// A plain text column with a heading.
    pub fn text(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            group: None,
            numeric: false,
            total: false,
            decimals: None,
            show: None,
        }
    }

    /// A column that shows `show` of each figure.
    pub fn showing(title: impl Into<String>, show: Show) -> Self {
        Self {
            numeric: show.is_numeric(),
            show: Some(show),
            ..Self::text(title)
        }
    }
}

/// A table row: its cells, with how it is set, or a figure's computed row.
///
/// In YAML a row is a list of cells, or a mapping:
/// `{ cells: [...], level: 1, strong: true }` (an indented or bold row) or
/// `{ figure: id, parts: false, cells: [...] }` (a figure's row; `cells`
/// fill the columns that show nothing, in order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// The cells: one per column, or, in a figure's row, one per free column.
    pub cells: Vec<Cell>,
    /// Indent of the name cell: 0 for a main row, 1 for its parts …
    pub level: usize,
    /// Printed bold (a totals or group row).
    pub strong: bool,
    /// The figure the row shows.
    pub figure: Option<String>,
    /// With the figure's parts as indented rows below it (default: true).
    pub parts: bool,
}

impl Row {
    /// A plain row of cells.
    pub fn cells(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            parts: true,
            ..Self::default()
        }
    }
}

/// A row written as a mapping.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RowMap {
    /// The cells (in a figure's row: the columns that show nothing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cells: Vec<Cell>,
    /// Indent of the name cell (0, 1, 2 …).
    #[serde(default, skip_serializing_if = "is_zero")]
    level: usize,
    /// Printed bold.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    strong: bool,
    /// The id of the figure the row shows, computed in the columns with `show`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    figure: Option<String>,
    /// With the figure's parts below it (default: true).
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    parts: bool,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn yes() -> bool {
    true
}

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.level == 0 && !self.strong && self.figure.is_none() {
            return self.cells.serialize(s);
        }
        RowMap {
            cells: self.cells.clone(),
            level: self.level,
            strong: self.strong,
            figure: self.figure.clone(),
            parts: self.parts,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Row;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a row: a list of cells, or a mapping with `cells` or `figure`")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Row, A::Error> {
                let cells = Vec::<Cell>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Row::cells(cells))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Row, A::Error> {
                let m = RowMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Row {
                    cells: m.cells,
                    level: m.level,
                    strong: m.strong,
                    figure: m.figure,
                    parts: m.parts,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A table cell: text, or a number the library formats.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Text as written.
    Text(String),
    /// A number (exact).
    Number(Amount),
}

impl Cell {
    /// The number it holds: a number, or a text written the Vietnamese way
    /// ("12.375,3", as a figure's string reads).
    pub fn as_number(&self) -> Option<Amount> {
        match self {
            Cell::Number(n) => Some(*n),
            Cell::Text(t) => {
                crate::vi::parse_number(t).and_then(|d| Amount::exact(d, t.trim()).ok())
            }
        }
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a cell: text or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell, E> {
                Ok(Cell::Text(if v { "có" } else { "không" }.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                Amount::deserialize(v.into_deserializer()).map(Cell::Number)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                Amount::deserialize(v.into_deserializer()).map(Cell::Number)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                Amount::deserialize(v.into_deserializer()).map(Cell::Number)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
                Ok(Cell::Text(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A table column with its options.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct ColumnMap {
    /// The heading.
    title: String,
    /// A heading shared with adjacent columns.
    #[serde(default)]
    group: Option<String>,
    /// Cells are numbers.
    #[serde(default)]
    numeric: bool,
    /// Summed (or, for a computed share, computed from the sums) in the totals row.
    #[serde(default)]
    total: bool,
    /// Decimals shown for numbers.
    #[serde(default)]
    decimals: Option<usize>,
    /// What the column shows in a figure's row.
    #[serde(default)]
    show: Option<Show>,
}

impl<'de> Deserialize<'de> for Column {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Column;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a column heading, or a mapping with `title`, `group`, `numeric`, `total`, `show`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Column, E> {
                Ok(Column::text(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Column, A::Error> {
                let m = ColumnMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Column {
                    title: m.title,
                    group: m.group,
                    numeric: m.numeric || m.total || m.show.is_some_and(Show::is_numeric),
                    total: m.total,
                    decimals: m.decimals,
                    show: m.show,
                })
            }
        }
        d.deserialize_any(V)
    }
}

// JSON Schemas for the hand-written deserialisers above.

impl JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A table cell: text, or a number the library formats.",
            "type": ["string", "number", "boolean", "null"]
        })
    }
}

impl JsonSchema for Column {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Column".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let map = generator.subschema_for::<ColumnMap>();
        schemars::json_schema!({
            "description": "A column heading, or a mapping with `title`, `group`, `numeric`, `total`, `decimals`, `show`.",
            "anyOf": [ { "type": "string" }, map ]
        })
    }
}

impl JsonSchema for Row {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Row".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let cells = generator.subschema_for::<Vec<Cell>>();
        let map = generator.subschema_for::<RowMap>();
        schemars::json_schema!({
            "description": "A row: a list of cells (one per column), or a mapping: `cells` with `level` (indent) and `strong` (bold), or `figure` (a figure's computed row, `parts: false` without its parts).",
            "anyOf": [ cells, map ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_as_lists_or_mappings_and_write_back_as_they_read() {
        let t: Table = serde_yaml::from_str(
            "columns: [ A, { title: B, show: percent } ]\n\
             rows: [ [ x, 1 ], { cells: [ y, 2 ], level: 1, strong: true }, { figure: f, parts: false, cells: [ z ] } ]\n",
        )
        .unwrap();
        assert!(t.columns[1].numeric);
        assert_eq!(
            t.rows[0],
            Row::cells(vec![
                Cell::Text("x".into()),
                Cell::Number(Amount::from_int(1))
            ])
        );
        assert_eq!((t.rows[1].level, t.rows[1].strong), (1, true));
        assert_eq!(t.rows[2].figure.as_deref(), Some("f"));
        assert!(!t.rows[2].parts);
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["rows"][0], serde_json::json!(["x", 1]));
        let back: Table = serde_json::from_value(json).unwrap();
        assert_eq!(back, t);
    }
}

//! The sections of a report (Báo cáo) and the results it measures.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Amount, Block, Column, Tasks};

/// The period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Period {
    /// Which span of the year.
    pub kind: PeriodKind,
    /// The year.
    pub year: i32,
    /// The quarter (1–4) or month (1–12), for `quy` and `thang`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
}

/// The span of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodKind {
    /// 6 tháng đầu năm.
    #[serde(rename = "6-thang-dau-nam")]
    FirstHalf,
    /// 6 tháng cuối năm.
    #[serde(rename = "6-thang-cuoi-nam")]
    SecondHalf,
    /// 9 tháng.
    #[serde(rename = "9-thang")]
    NineMonths,
    /// Năm.
    Nam,
    /// Quý (with `number` 1–4).
    Quy,
    /// Tháng (with `number` 1–12).
    Thang,
}

/// How many decimals the computed figures show: `precision: 1` sets both,
/// `precision: { share: 2, change: 1 }` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Precision {
    /// Decimals of the share of the plan (`đạt 51,09% kế hoạch`): 2.
    pub share: usize,
    /// Decimals of the change against the same period (`tăng 4,7%`): 1.
    pub change: usize,
}

/// What `precision:` accepts.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // the schema's shape; the reading is below
enum PrecisionInput {
    /// Decimals of every share and change (0, 1 or 2).
    Both(usize),
    /// Decimals of each.
    Each(PrecisionMap),
}

/// `{ share: 2, change: 1 }`.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct PrecisionMap {
    /// Decimals of the share of the plan (default 2).
    #[serde(default)]
    share: Option<usize>,
    /// Decimals of the change on the same period (default 1).
    #[serde(default)]
    change: Option<usize>,
}

impl<'de> Deserialize<'de> for Precision {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Precision;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("decimals (0, 1 or 2), or a mapping with `share` and `change`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Precision, E> {
                let n = usize::try_from(v).map_err(E::custom)?;
                Ok(Precision {
                    share: n,
                    change: n,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Precision, E> {
                let n = usize::try_from(v)
                    .map_err(|_| E::custom(format!("{v} decimals: write 0, 1 or 2")))?;
                self.visit_u64(n as u64)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Precision, A::Error> {
                let m = PrecisionMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let default = Precision::default();
                Ok(Precision {
                    share: m.share.unwrap_or(default.share),
                    change: m.change.unwrap_or(default.change),
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Precision {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Precision".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        PrecisionInput::json_schema(generator)
    }
}

impl Default for Precision {
    fn default() -> Self {
        Self {
            share: 2,
            change: 1,
        }
    }
}

/// A measured result: the achieved value against the plan and the same period last year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct IndicatorResult {
    /// A stable id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The indicator's name, as in the table ("Giải quyết việc làm").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How a sentence reads before the figure ("toàn tỉnh đã hỗ trợ giải quyết việc làm cho").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The unit; taken from the plan's target when `target` refers to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The achieved value.
    pub actual: Amount,
    /// The plan target, as a figure …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Amount>,
    /// … or the id of a target in the plan file (`plan-file`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The value of the same period last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Amount>,
    /// Parts of the result ("trong đó"), shown as indented rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub of_which: Vec<IndicatorResult>,
}

/// II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Results {
    /// Paragraphs before the main indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<Block>,
    /// The main indicators: stated in the text and in the results table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorResult>,
    /// The results table's columns (default: STT, Chỉ tiêu, Đơn vị, Kế
    /// hoạch, Thực hiện, Tỷ lệ % KH, So cùng kỳ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<ResultsTable>,
    /// Results field by field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Tasks>,
}

/// How the results table is set: its columns (each `show`s a part of every
/// result), their widths, and a totals row.
///
/// ```yaml
/// table:
///   columns:
///     - { title: Chỉ tiêu, show: name }
///     - { title: ĐVT, show: unit }
///     - { title: Kế hoạch năm 2017, show: plan }
///     - { title: Thực hiện 6 tháng, show: actual }
///     - { title: Tỷ lệ % so KH, show: percent }
///     - { title: Cùng kỳ năm 2016, show: previous }
///     - { title: So cùng kỳ (%), show: ratio }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ResultsTable {
    /// The columns after STT.
    pub columns: Vec<Column>,
    /// Relative widths, one per column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<f64>,
    /// Label of a totals row (sums of the main results, shares of the sums).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<String>,
}

/// III. ĐÁNH GIÁ CHUNG.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Assessment {
    /// Kết quả đạt được.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub achievements: Vec<Block>,
    /// Tồn tại, hạn chế.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitations: Vec<Block>,
    /// Nguyên nhân.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<Block>,
}

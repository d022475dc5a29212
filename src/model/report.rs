//! The sections of a report (Báo cáo) and the results it measures.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Block, Tasks};

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

/// How many decimals the computed figures show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct Precision {
    /// Decimals of the share of the plan (`đạt 51,09% kế hoạch`): 2.
    pub share: usize,
    /// Decimals of the change against the same period (`tăng 4,7%`): 1.
    pub change: usize,
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
    pub actual: f64,
    /// The plan target, as a figure …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<f64>,
    /// … or the id of a target in the plan file (`plan-file`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The value of the same period last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<f64>,
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
    /// Results field by field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Tasks>,
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

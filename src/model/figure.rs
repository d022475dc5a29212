//! Figures (số liệu) defined once, at the top level, and cited from any text
//! by `((id))` or `((id.part))`:
//!
//! ```yaml
//! figures:
//!   - id: viec-lam
//!     name: Giải quyết việc làm          # its name in tables
//!     unit: lao động
//!     actual: 9043                       # `value:` is the same key
//!     plan: 17700
//!     previous: 8637
//!     precision: 2                       # decimals of its percentages
//!     plan-label: kế hoạch năm 2017
//!     previous-label: cùng kỳ năm 2016
//! ```
//! `((viec-lam))` prints "9.043 lao động (đạt 51,09% kế hoạch năm 2017), tăng
//! 4,7% so với cùng kỳ năm 2016". The parts are listed in [`FIGURE_PARTS`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Amount;

/// The parts a reference may name, `((id.part))`.
pub const FIGURE_PARTS: &[(&str, &str)] = &[
    ("value", "the figure and its unit: 9.043 lao động"),
    ("number", "the figure alone: 9.043"),
    ("unit", "the unit: lao động"),
    ("name", "the figure's name: Giải quyết việc làm"),
    ("plan", "the plan figure and its unit: 17.700 lao động"),
    (
        "share",
        "the share of the plan in words: đạt 51,09% kế hoạch năm 2017",
    ),
    (
        "over",
        "how far above the plan: vượt 11,69% so dự toán (below it: đạt 97% dự toán)",
    ),
    ("percent", "the share of the plan: 51,09%"),
    (
        "change",
        "the change on the same period: tăng 4,7% so với cùng kỳ năm 2016",
    ),
    ("previous", "the figure of the same period and its unit"),
    (
        "difference",
        "the change on the same period as an amount: tăng 406 lao động so với cùng kỳ năm 2016",
    ),
    (
        "portion",
        "the share of the figure named by `share-of`: chiếm 13,8%",
    ),
    ("portion-percent", "that share alone: 13,8%"),
];

/// A figure: a value with its unit, and what it is measured against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[schemars(transform = value_is_actual)]
pub struct Figure {
    /// The id references use: `((viec-lam))`.
    pub id: String,
    /// Its name, as in a table ("Giải quyết việc làm").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The unit (người, lao động, %, triệu đồng …); parts inherit their parent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The figure (achieved, or planned for a plan's figure); `value:` is the same key.
    #[serde(alias = "value")]
    pub actual: Amount,
    /// The plan target it is measured against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Amount>,
    /// The figure of the same period last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Amount>,
    /// Decimals of its percentages: 0, 1 or 2 (default: the document's `precision`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<usize>,
    /// How the plan is named: "kế hoạch năm 2017" (the default, from the
    /// period), "kế hoạch cả năm", "so với chỉ tiêu kế hoạch năm 2017".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_label: Option<String>,
    /// Adds the plan figure in brackets after the label: "(15.200 người)".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plan_figure: bool,
    /// Above the plan, adds "vượt …%" (default: true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceed: Option<bool>,
    /// How the same period is named: "cùng kỳ năm 2016" (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_label: Option<String>,
    /// The id of the figure this one is a share of ("chiếm 13,8%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of: Option<String>,
    /// Its parts ("trong đó"), each a figure with an id of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Figure>,
    /// The parts cover the whole figure and must add up to it exactly.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub complete: bool,
}

/// The schema of `value:`, the same key as `actual:` (serde's alias, which
/// schemars does not see): either is required, not both.
fn value_is_actual(schema: &mut schemars::Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(props) = object.get_mut("properties").and_then(|p| p.as_object_mut())
        && let Some(actual) = props.get("actual").cloned()
    {
        props.insert("value".to_string(), actual);
    }
    if let Some(required) = object.get_mut("required").and_then(|r| r.as_array_mut()) {
        required.retain(|r| r != "actual");
    }
    object.insert(
        "oneOf".to_string(),
        serde_json::json!([ { "required": ["actual"] }, { "required": ["value"] } ]),
    );
}

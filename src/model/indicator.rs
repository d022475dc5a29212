//! Indicators (chỉ tiêu): named figures with a unit and optional breakdowns.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Amount, FieldKey};

/// A direction of change, for targets such as "tỷ lệ hộ nghèo giảm 3,3%".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// tăng
    Tang,
    /// giảm
    Giam,
}

impl Change {
    /// The verb in documents.
    pub fn word(self) -> &'static str {
        match self {
            Change::Tang => "tăng",
            Change::Giam => "giảm",
        }
    }
}

/// A target or a part of one. Parts use the same shape, nested.
///
/// ```yaml
/// - id: nha-o
///   field: giam-ngheo
///   name: Hỗ trợ làm nhà
///   value: 1883
///   unit: nhà
///   split:                       # a complete split: must add up to 1.883
///     - { name: làm mới, value: 1292 }
///     - { name: sửa chữa, value: 591 }
///   of-which:                    # "trong đó"
///     - { name: người có công, value: 459 }
///     - { name: hộ nghèo, hộ cận nghèo, value: 1424 }
///   complete: true               # the of-which parts cover the whole: 459 + 1.424 = 1.883
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Indicator {
    /// A stable id, for reports that refer to this target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The field it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<FieldKey>,
    /// Its name, as in a table ("Giải quyết việc làm").
    pub name: String,
    /// How a sentence reads before the figure, when it differs from the name
    /// ("Phấn đấu giải quyết việc làm cho").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The figure.
    pub value: Amount,
    /// The unit (người, nhà, hộ, %, triệu đồng …); parts inherit their parent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// For a rate or a change: tăng or giảm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// What the change is measured against ("năm 2023").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared_to: Option<String>,
    /// A complete split of the figure, printed in parentheses; must add up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<Indicator>,
    /// Parts of the figure ("trong đó"); they never exceed it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub of_which: Vec<Indicator>,
    /// The `of-which` parts cover the whole figure and must add up to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub complete: bool,
    /// Words after the figure and unit ("sang phi nông nghiệp" in
    /// "chuyển dịch 7.000 lao động nông nghiệp sang phi nông nghiệp").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// A remark printed in parentheses after the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

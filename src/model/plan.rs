//! The sections of a plan (Kế hoạch).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Block, Date, FieldKey, Indicator};

/// I. MỤC TIÊU, YÊU CẦU (or MỤC ĐÍCH, YÊU CẦU).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Goals {
    /// The section title when it is not `MỤC TIÊU, YÊU CẦU`, e.g. `Mục đích, yêu cầu`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// General aims (Mục tiêu chung).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub general: Vec<Block>,
    /// Numeric targets (Chỉ tiêu cụ thể), grouped by field when they have one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Indicator>,
    /// Requirements (Yêu cầu).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Block>,
    /// Other content of the section, numbered after the parts above.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Block>,
}

/// II. NHIỆM VỤ VÀ GIẢI PHÁP: tasks by field in the standard order, then the document's own sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Tasks {
    /// Paragraphs before the first field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<Block>,
    /// Lao động - Việc làm - Giáo dục nghề nghiệp.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lao_dong_viec_lam: Vec<Block>,
    /// Giảm nghèo - Bảo trợ xã hội.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub giam_ngheo: Vec<Block>,
    /// Trẻ em.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tre_em: Vec<Block>,
    /// Bình đẳng giới.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub binh_dang_gioi: Vec<Block>,
    /// Người có công.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nguoi_co_cong: Vec<Block>,
    /// Phòng, chống tệ nạn xã hội.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phong_chong_te_nan: Vec<Block>,
    /// The document's own sections (custom fields or topics), after the standard fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<CustomSection>,
}

/// A titled section the document adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CustomSection {
    /// Its title.
    pub title: String,
    /// Its content.
    #[serde(default)]
    pub body: Vec<Block>,
}

impl Tasks {
    /// The tasks of each standard field that has any, in the standard order
    /// (whatever the order in the YAML).
    pub fn fields(&self) -> Vec<(FieldKey, &[Block])> {
        FieldKey::ALL
            .into_iter()
            .map(|k| (k, self.field(k)))
            .filter(|(_, blocks)| !blocks.is_empty())
            .collect()
    }

    /// The tasks of one standard field.
    pub fn field(&self, key: FieldKey) -> &[Block] {
        match key {
            FieldKey::LaoDongViecLam => &self.lao_dong_viec_lam,
            FieldKey::GiamNgheo => &self.giam_ngheo,
            FieldKey::TreEm => &self.tre_em,
            FieldKey::BinhDangGioi => &self.binh_dang_gioi,
            FieldKey::NguoiCoCong => &self.nguoi_co_cong,
            FieldKey::PhongChongTeNan => &self.phong_chong_te_nan,
        }
    }
}

/// III. TỔ CHỨC THỰC HIỆN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Implementation {
    /// Paragraphs before the responsibilities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<Block>,
    /// Responsibilities, unit by unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitDuty>,
    /// Reporting deadlines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<ReportingDuty>,
    /// The closing paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
}

/// What one unit is responsible for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct UnitDuty {
    /// The unit ("Phòng Lao động - Việc làm").
    pub unit: String,
    /// Its tasks.
    #[serde(default)]
    pub tasks: Vec<Block>,
}

/// A report to send by a deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ReportingDuty {
    /// What to report ("Báo cáo kết quả thực hiện 6 tháng đầu năm").
    pub report: String,
    /// Who sends it ("Các phòng, đơn vị thuộc Sở").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// To whom ("Sở Lao động - Thương binh và Xã hội").
    pub to: String,
    /// The deadline.
    pub deadline: Date,
}

impl super::Document {
    /// The target with `id`, at any depth of the plan's breakdowns.
    pub fn find_target(&self, id: &str) -> Option<&Indicator> {
        fn search<'a>(list: &'a [Indicator], id: &str) -> Option<&'a Indicator> {
            list.iter().find_map(|t| {
                if t.id.as_deref() == Some(id) {
                    Some(t)
                } else {
                    search(&t.split, id).or_else(|| search(&t.of_which, id))
                }
            })
        }
        search(&self.goals.as_ref()?.targets, id)
    }

    /// Every target id of the plan, at any depth, in document order.
    pub fn target_ids(&self) -> Vec<&str> {
        fn collect<'a>(list: &'a [Indicator], out: &mut Vec<&'a str>) {
            for t in list {
                if let Some(id) = &t.id {
                    out.push(id);
                }
                collect(&t.split, out);
                collect(&t.of_which, out);
            }
        }
        let mut out = Vec::new();
        if let Some(goals) = &self.goals {
            collect(&goals.targets, &mut out);
        }
        out
    }
}

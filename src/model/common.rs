//! The parts every document shares: issuer, signature, marks, appendices, layout.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Block;
use crate::nd30;

/// Who issues the document (boxes 2 and 3 of the header).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Issuer {
    /// The parent body (cơ quan chủ quản), e.g. `UBND tỉnh Yên Bái`; printed in capitals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The issuing body as written in running text, e.g.
    /// `Sở Lao động - Thương binh và Xã hội`; printed in capitals in the header.
    pub name: String,
    /// Its code in document numbers, e.g. `SLĐTBXH`.
    pub code: String,
}

/// Urgency (độ khẩn), box 10b.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// KHẨN
    Khan,
    /// THƯỢNG KHẨN
    ThuongKhan,
    /// HỎA TỐC
    HoaToc,
}

impl Urgency {
    /// The printed mark.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Khan => "KHẨN",
            Urgency::ThuongKhan => "THƯỢNG KHẨN",
            Urgency::HoaToc => "HỎA TỐC",
        }
    }
}

/// Secrecy (độ mật), box 10a.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Secrecy {
    /// MẬT
    Mat,
    /// TỐI MẬT
    ToiMat,
    /// TUYỆT MẬT
    TuyetMat,
}

impl Secrecy {
    /// The printed mark.
    pub fn label(self) -> &'static str {
        match self {
            Secrecy::Mat => "MẬT",
            Secrecy::ToiMat => "TỐI MẬT",
            Secrecy::TuyetMat => "TUYỆT MẬT",
        }
    }
}

/// Who signs (box 7): `KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC` / name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Signature {
    /// Signing on behalf of someone: `TM. ỦY BAN NHÂN DÂN`, `KT. GIÁM ĐỐC`,
    /// `Q. GIÁM ĐỐC`, `TL. GIÁM ĐỐC`, `TUQ. GIÁM ĐỐC`; leave out when the
    /// head signs in person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// The signer's title, e.g. `Phó Giám đốc`; printed in capitals.
    pub title: String,
    /// The signer's full name.
    pub name: String,
}

/// An appendix, typeset on its own pages after the signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Appendix {
    /// The title, printed in capitals.
    pub title: String,
    /// Its content.
    #[serde(default)]
    pub body: Vec<Block>,
}

/// Page layout, within the ranges Nghị định 30 allows. The defaults are the
/// values of the decree's sample forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct Layout {
    /// Page margins in millimetres.
    pub margins: Margins,
    /// Body font size in points, 13–14.
    pub font_size: f64,
    /// Line spacing in lines, from 1 (single) to 1.5.
    pub line_spacing: f64,
    /// First-line indent of paragraphs in centimetres (1 or 1.27).
    pub indent: f64,
    /// The font family of the document (`Times New Roman` with fonts added
    /// by `--font-dir`); Liberation Serif when left out. A family that is
    /// not available is an error, never a silent fallback.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            margins: Margins::default(),
            font_size: nd30::FONT_SIZE.default,
            line_spacing: nd30::LINE_SPACING.default,
            indent: nd30::INDENT.default,
            font: None,
        }
    }
}

/// Page margins in millimetres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct Margins {
    /// Top, 20–25 mm.
    pub top: f64,
    /// Bottom, 20–25 mm.
    pub bottom: f64,
    /// Left, 30–35 mm.
    pub left: f64,
    /// Right, 15–20 mm.
    pub right: f64,
}

impl Default for Margins {
    fn default() -> Self {
        Self {
            top: nd30::MARGIN_TOP.default,
            bottom: nd30::MARGIN_BOTTOM.default,
            left: nd30::MARGIN_LEFT.default,
            right: nd30::MARGIN_RIGHT.default,
        }
    }
}

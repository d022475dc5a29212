//! The fields (lĩnh vực) of the sector, in their standard order and titles.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A standard field of the labour, invalids and social affairs sector.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKey {
    /// Lao động - Việc làm - Giáo dục nghề nghiệp.
    LaoDongViecLam,
    /// Giảm nghèo - Bảo trợ xã hội.
    GiamNgheo,
    /// Trẻ em.
    TreEm,
    /// Bình đẳng giới.
    BinhDangGioi,
    /// Người có công.
    NguoiCoCong,
    /// Phòng, chống tệ nạn xã hội.
    PhongChongTeNan,
}

impl FieldKey {
    /// Every standard field, in the standard order.
    pub const ALL: [FieldKey; 6] = [
        FieldKey::LaoDongViecLam,
        FieldKey::GiamNgheo,
        FieldKey::TreEm,
        FieldKey::BinhDangGioi,
        FieldKey::NguoiCoCong,
        FieldKey::PhongChongTeNan,
    ];

    /// The title the field has in documents.
    pub fn title(self) -> &'static str {
        match self {
            FieldKey::LaoDongViecLam => "Lao động - Việc làm - Giáo dục nghề nghiệp",
            FieldKey::GiamNgheo => "Giảm nghèo - Bảo trợ xã hội",
            FieldKey::TreEm => "Trẻ em",
            FieldKey::BinhDangGioi => "Bình đẳng giới",
            FieldKey::NguoiCoCong => "Người có công",
            FieldKey::PhongChongTeNan => "Phòng, chống tệ nạn xã hội",
        }
    }

    /// The YAML key.
    pub fn key(self) -> &'static str {
        match self {
            FieldKey::LaoDongViecLam => "lao-dong-viec-lam",
            FieldKey::GiamNgheo => "giam-ngheo",
            FieldKey::TreEm => "tre-em",
            FieldKey::BinhDangGioi => "binh-dang-gioi",
            FieldKey::NguoiCoCong => "nguoi-co-cong",
            FieldKey::PhongChongTeNan => "phong-chong-te-nan",
        }
    }
}

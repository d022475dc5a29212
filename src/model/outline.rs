//! The document's own outline: which sections, in which order, under which
//! titles, and how each level is numbered.
//!
//! ```yaml
//! sections:                                  # exactly these top-level sections, in this order
//!   - goals                                  # a standard section of the kind
//!   - { use: tasks, title: Nội dung }        # a standard section, renamed
//!   - title: Thời gian và phạm vi            # a section of the document's own
//!     body: [ "Thời gian: năm 2024." ]
//! titles: { tre-em: Công tác trẻ em }        # rename standard sub-headings and field titles
//! numbering: [ "I.", "1.", "1.1.", "1.1.1.", "a)" ]   # the scheme of each level (defaults)
//! closing: Trên đây là …                     # a closing paragraph, or a list of blocks
//! ```

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::{Block, CustomSection, Kind};

/// One top-level section of a document's own outline (`sections:`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SectionEntry {
    /// A standard section of the kind by its key (`goals`), with its standard title.
    Name(String),
    /// A standard section of the kind, renamed: `{ use: tasks, title: Nội dung }`.
    Use {
        /// The standard section's key.
        #[serde(rename = "use")]
        key: String,
        /// Its title in this document.
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    },
    /// A section of the document's own: a title and its blocks.
    Own(CustomSection),
}

impl SectionEntry {
    /// The standard section's key, for a standard section.
    pub fn standard_key(&self) -> Option<&str> {
        match self {
            SectionEntry::Name(key) | SectionEntry::Use { key, .. } => Some(key.trim()),
            SectionEntry::Own(_) => None,
        }
    }
}

const SECTION_KEYS: &[&str] = &["use", "title", "body"];

impl<'de> Deserialize<'de> for SectionEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SectionEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a standard section's name, `{ use: name, title: … }`, or a section of your own with `title` and `body`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SectionEntry, E> {
                Ok(SectionEntry::Name(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SectionEntry, A::Error> {
                let mut key: Option<String> = None;
                let mut title: Option<String> = None;
                let mut body: Option<Vec<Block>> = None;
                while let Some(k) = map.next_key::<String>()? {
                    match k.as_str() {
                        "use" if key.is_none() => key = Some(map.next_value()?),
                        "title" if title.is_none() => title = Some(map.next_value()?),
                        "body" if body.is_none() => body = Some(map.next_value()?),
                        "use" => return Err(de::Error::duplicate_field("use")),
                        "title" => return Err(de::Error::duplicate_field("title")),
                        "body" => return Err(de::Error::duplicate_field("body")),
                        other => return Err(de::Error::unknown_field(other, SECTION_KEYS)),
                    }
                }
                match (key, title, body) {
                    (Some(_), _, Some(_)) => Err(de::Error::custom(
                        "a standard section (`use`) takes its content from its own key: remove `body`, or remove `use` to write a section of your own",
                    )),
                    (Some(key), title, None) => Ok(SectionEntry::Use { key, title }),
                    (None, Some(title), body) => Ok(SectionEntry::Own(CustomSection {
                        title,
                        body: body.unwrap_or_default(),
                    })),
                    (None, None, _) => Err(de::Error::custom(
                        "a section needs `use` (a standard section) or `title` (a section of your own)",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for SectionEntry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SectionEntry".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let body = generator.subschema_for::<Vec<Block>>();
        schemars::json_schema!({
            "description": "A top-level section: a standard section's name (`goals`), `{ use: tasks, title: Nội dung }` (renamed), or a section of the document's own (`title` and `body`).",
            "anyOf": [
                { "type": "string", "description": "A standard section of the kind, with its standard title." },
                {
                    "type": "object",
                    "description": "A standard section of the kind, renamed.",
                    "properties": { "use": { "type": "string" }, "title": { "type": "string" } },
                    "required": ["use"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A section of the document's own; items in its body are numbered 1., 1.1. …",
                    "properties": { "title": { "type": "string" }, "body": body },
                    "required": ["title"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// How one level of the outline is numbered (`numbering:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Scheme {
    /// `I.`, `II.` … (Roman numerals).
    #[serde(rename = "I.")]
    Roman,
    /// `1.`, `2.` …
    #[serde(rename = "1.")]
    Arabic,
    /// `1.1.`: the numbers of this level and the one above.
    #[serde(rename = "1.1.")]
    Arabic2,
    /// `1.1.1.`: the numbers of this level and the two above.
    #[serde(rename = "1.1.1.")]
    Arabic3,
    /// `1)`, `2)` …
    #[serde(rename = "1)")]
    ArabicParen,
    /// `a)`, `b)` … in the Vietnamese letter order.
    #[serde(rename = "a)")]
    Letter,
    /// `A.`, `B.` … in the Vietnamese letter order.
    #[serde(rename = "A.")]
    Capital,
    /// `-` before every entry.
    #[serde(rename = "-")]
    Dash,
    /// `+` before every entry.
    #[serde(rename = "+")]
    Plus,
}

impl Scheme {
    /// The numbering of each level by default: section `I.`, item `1.`,
    /// `1.1.`, `1.1.1.`, `a)`, then `-` and `+`.
    pub const DEFAULT: [Scheme; 7] = [
        Scheme::Roman,
        Scheme::Arabic,
        Scheme::Arabic2,
        Scheme::Arabic3,
        Scheme::Letter,
        Scheme::Dash,
        Scheme::Plus,
    ];

    /// The scheme of every level when a document gives `given` for the
    /// first ones: the levels after them continue the defaults after the
    /// last one given (`[I., 1., 1.1., a)]` → then `-`, `+`), or from the
    /// same level when it is not a default one.
    pub fn levels(given: &[Scheme]) -> Vec<Scheme> {
        let mut out = given.to_vec();
        let rest = match given.last() {
            None => 0,
            Some(last) => match Scheme::DEFAULT.iter().position(|s| s == last) {
                Some(i) => i + 1,
                None => given.len(),
            },
        };
        out.extend(Scheme::DEFAULT.iter().skip(rest));
        out
    }

    /// How it is written in YAML.
    pub fn key(self) -> &'static str {
        match self {
            Scheme::Roman => "I.",
            Scheme::Arabic => "1.",
            Scheme::Arabic2 => "1.1.",
            Scheme::Arabic3 => "1.1.1.",
            Scheme::ArabicParen => "1)",
            Scheme::Letter => "a)",
            Scheme::Capital => "A.",
            Scheme::Dash => "-",
            Scheme::Plus => "+",
        }
    }
}

/// A standard section or sub-heading: its key (`goals`, `general`), and
/// (for the reader: the view words it) the title printed by default.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StandardTitle {
    /// The key (`goals`, `general`, `tre-em`).
    pub key: &'static str,
}

const fn st(key: &'static str, _title: &'static str) -> StandardTitle {
    StandardTitle { key }
}

/// The standard top-level sections of a kind, in their standard order.
pub(crate) fn standard_sections(kind: Kind) -> &'static [StandardTitle] {
    const PLAN: &[StandardTitle] = &[
        st("goals", "Mục tiêu, yêu cầu"),
        st("tasks", "Nhiệm vụ và giải pháp"),
        st("implementation", "Tổ chức thực hiện"),
        st("funding", "Kinh phí thực hiện"),
    ];
    const REPORT: &[StandardTitle] = &[
        st("direction", "Công tác tham mưu, chỉ đạo điều hành"),
        st("results", "Kết quả thực hiện nhiệm vụ"),
        st("assessment", "Đánh giá chung"),
        st("next-tasks", "Phương hướng, nhiệm vụ kỳ tới"),
        st("proposals", "Kiến nghị, đề xuất"),
    ];
    match kind {
        Kind::KeHoach => PLAN,
        Kind::BaoCao => REPORT,
        Kind::CongVan | Kind::QuyetDinh | Kind::ToTrinh | Kind::ThongBao => &[],
    }
}

/// The standard sub-headings `titles:` may rename (the fields' titles are
/// renamed by their keys, `tre-em`, as well).
pub(crate) const SUB_TITLES: &[StandardTitle] = &[
    st("general", "Mục tiêu chung"),
    st("targets", "Chỉ tiêu cụ thể"),
    st("requirements", "Yêu cầu"),
    st("reporting", "Chế độ báo cáo"),
    st("indicators", "Các chỉ tiêu chủ yếu"),
    st("fields", "Kết quả thực hiện trên các lĩnh vực"),
    st("achievements", "Kết quả đạt được"),
    st("limitations", "Tồn tại, hạn chế"),
    st("causes", "Nguyên nhân"),
    st("other-targets", "Các chỉ tiêu khác"),
];

/// `closing:` is a paragraph (text) or a list of blocks.
pub(crate) fn blocks_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Block>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Block>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a paragraph (text) or a list of blocks")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<Block>, E> {
            Ok(vec![Block::Paragraph(v.to_string())])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Block>, A::Error> {
            let mut out = Vec::new();
            while let Some(b) = seq.next_element::<Block>()? {
                out.push(b);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Block>, A::Error> {
            Ok(vec![Block::deserialize(
                de::value::MapAccessDeserializer::new(map),
            )?])
        }
    }
    d.deserialize_any(V)
}

/// The schema of [`blocks_or_text`].
pub(crate) fn blocks_or_text_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let block = generator.subschema_for::<Block>();
    let blocks = generator.subschema_for::<Vec<Block>>();
    schemars::json_schema!({
        "description": "A closing paragraph (text), or a list of blocks; the body ends with `./.` (added by the library).",
        "anyOf": [ { "type": "string" }, blocks, block ]
    })
}

//! The parts every document shares: issuer, signature, marks, appendices, layout.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::Block;
use crate::nd30;

/// Who issues the document (boxes 2 and 3 of the header).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Issuer {
    /// The parent body (cơ quan chủ quản), e.g. `UBND tỉnh Yên Bái`; printed in
    /// capitals. Text, or the lines the header breaks it into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<OfficeName>,
    /// The issuing body as written in running text, e.g.
    /// `Sở Lao động - Thương binh và Xã hội`; printed in capitals in the header.
    /// Text, or the lines the header breaks it into
    /// (`[Sở Lao động - Thương binh, và Xã hội]`).
    pub name: OfficeName,
    /// Its code in document numbers, e.g. `SLĐTBXH`.
    pub code: String,
    /// The short name running text uses where the document names its issuer
    /// again, e.g. `Ủy ban nhân dân Thành phố`: the attachment line of an
    /// appendix or an attached plan ends "… của Ủy ban nhân dân Thành phố".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
}

/// The name of an office: text, or the lines a header prints it on. The
/// lines join with a space wherever the name runs in text (the PDF's author,
/// "của Sở …"); only the header breaks there, on every header of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum OfficeName {
    /// One text: the header breaks it where it must.
    Text(String),
    /// The header's lines, in order.
    Lines(Vec<String>),
}

impl OfficeName {
    /// The name as it runs in text: the lines joined with a space.
    pub fn text(&self) -> String {
        self.lines().join(" ")
    }

    /// Its lines, trimmed: one for a name given as text.
    pub fn lines(&self) -> Vec<&str> {
        match self {
            OfficeName::Text(t) => vec![t.trim()],
            OfficeName::Lines(lines) => lines.iter().map(|l| l.trim()).collect(),
        }
    }
}

impl From<&str> for OfficeName {
    fn from(s: &str) -> Self {
        OfficeName::Text(s.to_string())
    }
}

impl From<String> for OfficeName {
    fn from(s: String) -> Self {
        OfficeName::Text(s)
    }
}

impl JsonSchema for OfficeName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OfficeName".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An office's name: text, or the lines the header prints it on (`[Sở Lao động - Thương binh, và Xã hội]`).",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "minItems": 1 }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for OfficeName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OfficeName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name, or a list of the lines the header prints it on")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OfficeName, E> {
                Ok(OfficeName::Text(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OfficeName, A::Error> {
                let mut lines = Vec::new();
                while let Some(line) = seq.next_element::<String>()? {
                    lines.push(line);
                }
                if lines.is_empty() {
                    return Err(de::Error::invalid_length(0, &"at least one line"));
                }
                Ok(OfficeName::Lines(lines))
            }
        }
        d.deserialize_any(V)
    }
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
    /// head signs in person. Two lines as a list:
    /// `[TM. Ủy ban nhân dân, KT. Chủ tịch]` (kept here one per line).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "authority_lines"
    )]
    #[schemars(schema_with = "authority_schema")]
    pub authority: Option<String>,
    /// The signer's title, e.g. `Phó Giám đốc`; printed in capitals.
    pub title: String,
    /// The signer's full name.
    pub name: String,
    /// Box 7c of an electronic document: the signer's signature as a PNG
    /// file with a transparent background, in blue (`chu-ky.png`, beside
    /// the document). Centred between the title and the name, scaled to
    /// the box; without it, the box keeps its blank lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Box 8 of an electronic document: the organisation's seal, a red PNG
    /// with a transparent background, printed at its real size over the
    /// left third of the signer's image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<Seal>,
}

/// The seal's image (box 8) and its real size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Seal {
    /// The PNG file (`dau.png`, beside the document).
    pub file: String,
    /// The seal's diameter in millimetres (organisations' seals are
    /// 30–42 mm across), its printed size.
    pub diameter: f64,
}

impl Signature {
    /// The authority's lines (`TM. Ủy ban nhân dân`, `KT. Chủ tịch`), trimmed;
    /// empty when the head signs in person.
    pub fn authority_lines(&self) -> Vec<&str> {
        self.authority
            .as_deref()
            .map(|a| a.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
            .unwrap_or_default()
    }
}

/// `authority:` is a line, or a list of lines (kept one per line).
fn authority_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an authority (`KT. Giám đốc`), or a list of its lines (`[TM. Ủy ban nhân dân, KT. Chủ tịch]`)")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<String>, A::Error> {
            let mut lines = Vec::new();
            while let Some(line) = seq.next_element::<String>()? {
                lines.push(line);
            }
            if lines.is_empty() {
                return Err(de::Error::invalid_length(0, &"at least one line"));
            }
            Ok(Some(lines.join("\n")))
        }
    }
    d.deserialize_any(V)
}

fn authority_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "Signing on behalf: `KT. Giám đốc`, or its lines as a list: `[TM. Ủy ban nhân dân, KT. Chủ tịch]`. Leave out when the head signs in person.",
        "anyOf": [
            { "type": "string" },
            { "type": "array", "items": { "type": "string" }, "minItems": 1 }
        ]
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer(yaml: &str) -> Result<Issuer, serde_yaml::Error> {
        serde_yaml::from_str(yaml)
    }

    #[test]
    fn a_name_is_text_or_the_header_lines() {
        let one = issuer("{ name: Sở Lao động - Thương binh và Xã hội, code: S }").unwrap();
        let lines = issuer("{ name: [Sở Lao động - Thương binh, và Xã hội], code: S }").unwrap();
        assert_eq!(one.name.text(), lines.name.text());
        assert_eq!(
            lines.name.lines(),
            ["Sở Lao động - Thương binh", "và Xã hội"]
        );
        assert_eq!(one.name.lines().len(), 1);
        let err = issuer("{ name: [], code: S }").unwrap_err().to_string();
        assert!(err.contains("at least one line"), "{err}");
        let err = issuer("{ name: 5, code: S }").unwrap_err().to_string();
        assert!(err.contains("a list of the lines"), "{err}");
    }
}

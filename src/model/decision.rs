//! The bodies of a decision (Quyết định), a submission (Tờ trình) and a
//! notice (Thông báo).

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use std::collections::BTreeMap;

use super::{Block, CustomSection, Goals, Implementation, Scheme, SectionEntry, Tasks};

/// The content of a Quyết định: the issuing authority, who proposed it,
/// its articles (Điều 1., Điều 2. …) and the document it issues, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Decision {
    /// The title of the authority that decides, as in running text:
    /// `Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Yên Bái`;
    /// printed in capitals above the legal bases.
    pub authority: String,
    /// Who proposed the decision: `Trưởng phòng Trẻ em` → the last line of
    /// the legal bases, `Theo đề nghị của Trưởng phòng Trẻ em.`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<String>,
    /// The articles, printed `Điều 1.`, `Điều 2.` …; the last ends with `./.`.
    pub articles: Vec<Article>,
    /// A plan issued with the decision, typeset after the signature with the
    /// line `(Ban hành kèm theo Quyết định số … ngày … của …)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
}

/// One article (Điều) of a decision: its text, and clauses under it
/// (numbered items become `1.`, `2.`; points `a)`, `b)`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The text after `Điều N.`.
    pub text: String,
    /// Clauses (khoản) and points (điểm) under the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Block>,
}

const ARTICLE_KEYS: &[&str] = &["text", "body"];

impl JsonSchema for Article {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Article".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let body = generator.subschema_for::<Vec<Block>>();
        schemars::json_schema!({
            "description": "An article (Điều) of a decision: its text, or a mapping with `text` and the clauses of its `body`.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "text": { "type": "string" }, "body": body },
                    "required": ["text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Article {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Article;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an article's text, or a mapping with `text` and `body`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Article, E> {
                Ok(Article {
                    text: v.to_string(),
                    body: Vec::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Article, A::Error> {
                let mut text: Option<String> = None;
                let mut body: Option<Vec<Block>> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" if text.is_none() => text = Some(map.next_value()?),
                        "body" if body.is_none() => body = Some(map.next_value()?),
                        "text" | "body" => {
                            return Err(de::Error::custom(format!("duplicate field `{key}`")));
                        }
                        other => return Err(de::Error::unknown_field(other, ARTICLE_KEYS)),
                    }
                }
                Ok(Article {
                    text: text.ok_or_else(|| de::Error::missing_field("text"))?,
                    body: body.unwrap_or_default(),
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A plan issued with a decision ("Ban hành kèm theo Quyết định …"): its
/// subject and the sections of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Attachment {
    /// The plan's subject (trích yếu), sentence case.
    pub subject: String,
    /// Opening paragraphs before the first section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Block>,
    /// I. goals, targets and requirements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Goals>,
    /// II. tasks and solutions, by field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Tasks>,
    /// III. implementation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Implementation>,
    /// IV. funding (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<Block>,
    /// The plan's own outline, as a plan's `sections:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<SectionEntry>>,
    /// New titles for its standard sections, sub-headings and fields.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    /// The numbering scheme of each level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbering: Vec<Scheme>,
    /// A closing paragraph (or list of blocks) after its last section.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::outline::blocks_or_text"
    )]
    #[schemars(schema_with = "super::outline::blocks_or_text_schema")]
    pub closing: Vec<Block>,
}

/// The body of a Tờ trình or a Thông báo: opening paragraphs, Roman-numbered
/// sections (I., II. …), closing paragraphs (the last ends with `./.`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Outline {
    /// Paragraphs (and numbered items) before the first section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Block>,
    /// Sections `I.`, `II.` … with their titles in capitals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<CustomSection>,
    /// Closing paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closing: Vec<Block>,
}

impl Outline {
    /// True when there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.sections.is_empty() && self.closing.is_empty()
    }
}

impl super::Document {
    /// The plan a decision issues, as a plan document of the same issuer and
    /// date, so that a plan's outline and checks apply to it unchanged.
    pub fn attached_plan(&self) -> Option<super::Document> {
        let a = self.decision.as_ref()?.attachment.as_ref()?;
        let mut plan = self.clone();
        plan.kind = super::Kind::KeHoach;
        plan.subject = a.subject.clone();
        plan.legal_bases = Vec::new();
        plan.addressees = Vec::new();
        plan.preamble = a.preamble.clone();
        plan.goals = a.goals.clone();
        plan.tasks = a.tasks.clone();
        plan.implementation = a.implementation.clone();
        plan.funding = a.funding.clone();
        plan.sections = a.sections.clone();
        plan.titles.extend(a.titles.clone());
        if !a.numbering.is_empty() {
            plan.numbering = a.numbering.clone();
        }
        plan.closing = a.closing.clone();
        plan.decision = None;
        plan.appendices = Vec::new();
        Some(plan)
    }
}

//! The input data: what a YAML document says, as Rust types.
//!
//! One [`Document`] type holds every kind: the shared parts (issuer, number,
//! date, signature, recipients …) and the sections of each kind, which
//! validation requires or forbids by kind (from the registry in `kind.rs`). One struct (rather than
//! one per kind) keeps serde's line numbers in every error and lets an error
//! say "the section `goals` is needed by a ke-hoach".
//!
//! # Glossary
//! | Vietnamese | here |
//! |---|---|
//! | văn bản | document |
//! | Kế hoạch (KH) | plan, `kind: ke-hoach` |
//! | Báo cáo (BC) | report, `kind: bao-cao` |
//! | Công văn | official letter, `kind: cong-van` |
//! | Quyết định (QĐ) | decision, `kind: quyet-dinh`; Điều = article |
//! | Tờ trình (TTr) | submission to a superior, `kind: to-trinh` |
//! | Thông báo (TB) | notice, `kind: thong-bao` |
//! | cơ quan chủ quản | parent body (`issuer.parent`) |
//! | cơ quan ban hành | issuing body (`issuer.name`) |
//! | số, ký hiệu | number and code (`number`, `issuer.code`) |
//! | trích yếu | subject |
//! | căn cứ | legal bases |
//! | lĩnh vực | field |
//! | chỉ tiêu | indicator, target |
//! | trong đó | of which (`of-which`) |
//! | nhiệm vụ và giải pháp | tasks |
//! | tổ chức thực hiện | implementation |
//! | kinh phí | funding |
//! | nơi nhận | recipients |
//! | lưu | archive |
//! | phụ lục | appendix |
//! | độ khẩn / độ mật | urgency / secrecy |

mod amount;
mod body;
mod common;
mod date;
mod decision;
mod field;
mod figure;
mod indicator;
mod kind;
mod letter;
mod outline;
mod plan;
mod report;
mod table;
pub(crate) mod texts;

pub use amount::{Amount, MAX_DIGITS};
pub use body::{Block, Bullet};
pub use common::{
    Appendix, Issuer, Layout, Margins, OfficeName, Seal, Secrecy, Signature, Urgency,
};
pub use date::Date;
pub use decision::{Article, Attachment, Decision, Outline};
pub use field::FieldKey;
pub use figure::{FIGURE_PARTS, Figure};
pub use indicator::{Change, Indicator};
pub(crate) use kind::KINDS;
pub use kind::Kind;
pub use letter::Letter;
pub(crate) use outline::{SUB_TITLES, standard_sections};
pub use outline::{Scheme, SectionEntry};
pub use plan::{CustomSection, Goals, Implementation, ReportingDuty, Tasks, UnitDuty};
pub use report::{
    Assessment, IndicatorResult, Period, PeriodKind, Precision, Results, ResultsTable,
};
pub use table::{Cell, Column, Row, Show, Table};

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A document as written in YAML (or JSON): every kind's fields, checked by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Document {
    /// Which kind of document this is.
    pub kind: Kind,
    /// Who issues it.
    pub issuer: Issuer,
    /// The registered number; leave it out for a draft (`Số:      /KH-…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The place of issue (`Yên Bái`).
    pub place: String,
    /// The date of issue.
    pub date: Date,
    /// The subject (trích yếu), sentence case.
    pub subject: String,
    /// Urgency mark (`khan`, `thuong-khan`, `hoa-toc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Secrecy mark (`mat`, `toi-mat`, `tuyet-mat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<Secrecy>,
    /// Addressees (Kính gửi): a công văn's, or a report's to a superior.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<String>,
    /// Legal bases (căn cứ), one per line; the library adds the `;` and final `.`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_bases: Vec<String>,
    /// Opening paragraphs before the first section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Block>,
    /// Plan: I. goals, targets and requirements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Goals>,
    /// Plan: II. tasks and solutions, by field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Tasks>,
    /// Plan: III. implementation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Implementation>,
    /// Plan: IV. funding (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<Block>,
    /// Report: the period covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Report: a plan file (YAML) whose targets results refer to by id;
    /// relative to the report's own file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_file: Option<String>,
    /// Decimals of computed shares and changes: `2`, or `{ share: 2, change: 1 }`.
    #[serde(default)]
    pub precision: Precision,
    /// Figures defined once and cited from any text: `((id))`, `((id.part))`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    /// Report: I. Công tác tham mưu, chỉ đạo điều hành.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub direction: Vec<Block>,
    /// Report: II. Kết quả thực hiện nhiệm vụ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Results>,
    /// Report: III. Đánh giá chung.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    /// Report: IV. Phương hướng, nhiệm vụ kỳ tới, field by field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_tasks: Option<Tasks>,
    /// Report: V. Kiến nghị, đề xuất.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Block>,
    /// Công văn: opening, ordinal tasks, closing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<Letter>,
    /// Quyết định: the authority, articles and an attached plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Tờ trình: its body and sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission: Option<Outline>,
    /// Thông báo: its body and sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Outline>,
    /// Who signs.
    pub signature: Signature,
    /// Where the document goes (Nơi nhận), without the archive line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// The archive line (`VT, KHTC` → `- Lưu: VT, KHTC.`).
    pub archive: String,
    /// Drafter's initials and number of copies (`PL` and 30 → `PL.(30)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter: Option<Drafter>,
    /// Appendices, each on its own pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// Page layout within the ranges of Nghị định 30.
    #[serde(default)]
    pub layout: Layout,
    /// The document's own outline: exactly these top-level sections, in this
    /// order (standard ones by name, renamed with `use:`, or its own with a
    /// `title` and `body`). Left out: the kind's standard outline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<SectionEntry>>,
    /// New titles for standard sections, sub-headings and fields, by key
    /// (`tre-em: Công tác trẻ em`, `general: Mục tiêu`), order unchanged.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    /// The numbering scheme of each level, from the sections down
    /// (default `[I., 1., 1.1., 1.1.1., a), -, +]`); levels left out keep theirs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbering: Vec<Scheme>,
    /// A closing paragraph (or list of blocks) after the last section; the
    /// body ends with `./.`, added by the library.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "outline::blocks_or_text"
    )]
    #[schemars(schema_with = "outline::blocks_or_text_schema")]
    pub closing: Vec<Block>,
    /// An electronic document (Nghị định 30, Điều 5 and Phụ lục I): the
    /// number and the day and month are left blank for the signing tool to
    /// stamp at issue, and the PDF carries signature fields.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub electronic: bool,
}

impl Document {
    /// Whether the section (or shared part) written under the YAML key `key`
    /// is present: what the kind registry ([`KindSpec`]) requires or forbids.
    pub(crate) fn has(&self, key: &str) -> bool {
        match key {
            "goals" => self.goals.is_some(),
            "tasks" => self.tasks.is_some(),
            "implementation" => self.implementation.is_some(),
            "funding" => !self.funding.is_empty(),
            "period" => self.period.is_some(),
            "plan-file" => self.plan_file.is_some(),
            "direction" => !self.direction.is_empty(),
            "results" => self.results.is_some(),
            "assessment" => self.assessment.is_some(),
            "next-tasks" => self.next_tasks.is_some(),
            "proposals" => !self.proposals.is_empty(),
            "letter" => self.letter.is_some(),
            "decision" => self.decision.is_some(),
            "submission" => self.submission.as_ref().is_some_and(|o| !o.is_empty()),
            "notice" => self.notice.as_ref().is_some_and(|o| !o.is_empty()),
            "addressees" => !self.addressees.is_empty(),
            _ => false,
        }
    }

    /// A document with the parts every kind needs and every other part empty:
    /// set the sections of its kind (`letter`, `decision`, `goals` …) after.
    /// For software that builds documents in Rust rather than YAML
    /// (see `examples/embed.rs`); validate it with [`crate::Document::from_model`].
    pub fn new(
        kind: Kind,
        issuer: Issuer,
        place: impl Into<String>,
        date: Date,
        subject: impl Into<String>,
        signature: Signature,
        archive: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            issuer,
            number: None,
            place: place.into(),
            date,
            subject: subject.into(),
            urgency: None,
            secrecy: None,
            addressees: Vec::new(),
            legal_bases: Vec::new(),
            preamble: Vec::new(),
            goals: None,
            tasks: None,
            implementation: None,
            funding: Vec::new(),
            period: None,
            plan_file: None,
            precision: Precision::default(),
            figures: Vec::new(),
            direction: Vec::new(),
            results: None,
            assessment: None,
            next_tasks: None,
            proposals: Vec::new(),
            letter: None,
            decision: None,
            submission: None,
            notice: None,
            signature,
            recipients: Vec::new(),
            archive: archive.into(),
            drafter: None,
            appendices: Vec::new(),
            layout: Layout::default(),
            sections: None,
            titles: BTreeMap::new(),
            numbering: Vec::new(),
            closing: Vec::new(),
            electronic: false,
        }
    }
}

/// Box 12: drafter's initials and the number of copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Drafter {
    /// Initials of the drafting officer (`PL`).
    pub initials: String,
    /// Number of copies issued.
    pub copies: u32,
}

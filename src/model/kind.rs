//! The kinds of document, and the registry that says everything about each
//! in one row: its YAML key, its type line, its name in running text, its
//! abbreviation in the number, and its sections (which it needs, which only
//! it may have). Adding a kind: a model file for its sections (a field of
//! [`super::Document`] and an arm of `Document::has`), a row here, a view
//! file (and its arm in `view::build`), and a template named after its key.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kind of document, which decides its outline and its type line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Kế hoạch: goals and targets, tasks by field, implementation.
    KeHoach,
    /// Báo cáo: results against the plan, assessment, next tasks.
    BaoCao,
    /// Công văn: an official letter with a `V/v` subject and no type line.
    CongVan,
    /// Quyết định: legal bases, `QUYẾT ĐỊNH:`, articles; may issue a plan.
    QuyetDinh,
    /// Tờ trình: a submission to a superior (Kính gửi), in sections.
    ToTrinh,
    /// Thông báo: a notice, in paragraphs or sections.
    ThongBao,
}

/// One section (or shared part) a kind needs or owns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SectionRule {
    /// Its YAML key.
    pub key: &'static str,
    /// The kind cannot do without it.
    pub required: bool,
    /// Only this kind may have it.
    pub owned: bool,
    /// What it is, for messages (`I. MỤC TIÊU, YÊU CẦU`).
    pub what: &'static str,
    /// How to add it.
    pub hint: &'static str,
}

/// Everything about one kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KindSpec {
    /// The kind.
    pub kind: Kind,
    /// Its YAML spelling, and the name of its template (`<key>.typ.j2`).
    pub key: &'static str,
    /// The type line above the subject (`KẾ HOẠCH`); none for a công văn.
    pub title: Option<&'static str>,
    /// The type as a word in running text (`Kế hoạch`).
    pub name: &'static str,
    /// The abbreviation in the number (Nghị định 30, Phụ lục III); none for a công văn.
    pub code: Option<&'static str>,
    /// Its sections.
    pub sections: &'static [SectionRule],
}

const fn needs(key: &'static str, what: &'static str, hint: &'static str) -> SectionRule {
    SectionRule {
        key,
        required: true,
        owned: true,
        what,
        hint,
    }
}

const fn may(key: &'static str) -> SectionRule {
    SectionRule {
        key,
        required: false,
        owned: true,
        what: "",
        hint: "",
    }
}

/// A shared part (not owned) that the kind needs.
const fn shared(key: &'static str, what: &'static str, hint: &'static str) -> SectionRule {
    SectionRule {
        key,
        required: true,
        owned: false,
        what,
        hint,
    }
}

/// The registry: one row per kind.
pub(crate) const KINDS: [KindSpec; 6] = [
    KindSpec {
        kind: Kind::KeHoach,
        key: "ke-hoach",
        title: Some("KẾ HOẠCH"),
        name: "Kế hoạch",
        code: Some("KH"),
        sections: &[
            needs(
                "goals",
                "I. MỤC TIÊU, YÊU CẦU",
                "add `goals:` with `general`, `targets`, `requirements` or `body`",
            ),
            needs(
                "tasks",
                "II. NHIỆM VỤ VÀ GIẢI PHÁP",
                "add `tasks:` with the tasks of each field",
            ),
            may("implementation"),
            may("funding"),
        ],
    },
    KindSpec {
        kind: Kind::BaoCao,
        key: "bao-cao",
        title: Some("BÁO CÁO"),
        name: "Báo cáo",
        code: Some("BC"),
        sections: &[
            needs(
                "period",
                "the period the report covers",
                "add e.g. `period: { kind: 6-thang-dau-nam, year: 2017 }`",
            ),
            needs(
                "results",
                "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
                "add `results:` with `indicators` and/or `fields`",
            ),
            may("plan-file"),
            may("direction"),
            may("assessment"),
            may("next-tasks"),
            may("proposals"),
        ],
    },
    KindSpec {
        kind: Kind::CongVan,
        key: "cong-van",
        title: None,
        name: "Công văn",
        code: None,
        sections: &[
            needs(
                "letter",
                "its opening, tasks and closing",
                "add `letter:` with `opening`, `tasks`, `closing`",
            ),
            shared("addressees", "Kính gửi", "add `addressees: [ … ]`"),
        ],
    },
    KindSpec {
        kind: Kind::QuyetDinh,
        key: "quyet-dinh",
        title: Some("QUYẾT ĐỊNH"),
        name: "Quyết định",
        code: Some("QĐ"),
        sections: &[needs(
            "decision",
            "the authority and the articles",
            "add `decision:` with `authority` and `articles`",
        )],
    },
    KindSpec {
        kind: Kind::ToTrinh,
        key: "to-trinh",
        title: Some("TỜ TRÌNH"),
        name: "Tờ trình",
        code: Some("TTr"),
        sections: &[
            needs(
                "submission",
                "its body or sections",
                "add `submission:` with `body`, `sections` and/or `closing`",
            ),
            shared(
                "addressees",
                "Kính gửi: the superior it is submitted to",
                "add `addressees: [ Ủy ban nhân dân tỉnh … ]`",
            ),
        ],
    },
    KindSpec {
        kind: Kind::ThongBao,
        key: "thong-bao",
        title: Some("THÔNG BÁO"),
        name: "Thông báo",
        code: Some("TB"),
        sections: &[needs(
            "notice",
            "its body or sections",
            "add `notice:` with `body`, `sections` and/or `closing`",
        )],
    },
];

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 6] = [
        Kind::KeHoach,
        Kind::BaoCao,
        Kind::CongVan,
        Kind::QuyetDinh,
        Kind::ToTrinh,
        Kind::ThongBao,
    ];

    /// Its row in the registry.
    pub(crate) fn spec(self) -> &'static KindSpec {
        KINDS
            .iter()
            .find(|s| s.kind == self)
            .expect("every kind has a row in KINDS")
    }

    /// The type line printed above the subject (`KẾ HOẠCH`); none for a công văn.
    pub fn title(self) -> Option<&'static str> {
        self.spec().title
    }

    /// The type as a word in running text (`Kế hoạch`).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The abbreviation in the number (`KH`), Nghị định 30 Phụ lục III; none for a công văn.
    pub fn code(self) -> Option<&'static str> {
        self.spec().code
    }

    /// The YAML spelling of the kind.
    pub fn key(self) -> &'static str {
        self.spec().key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_row_and_its_key_is_its_serde_name() {
        for kind in Kind::ALL {
            assert_eq!(KINDS.iter().filter(|s| s.kind == kind).count(), 1);
            let serde_name = serde_json::to_value(kind).unwrap();
            assert_eq!(serde_name, kind.key());
        }
    }

    #[test]
    fn an_owned_section_belongs_to_one_kind() {
        let mut owned: Vec<&str> = KINDS
            .iter()
            .flat_map(|s| s.sections.iter().filter(|r| r.owned).map(|r| r.key))
            .collect();
        let n = owned.len();
        owned.sort();
        owned.dedup();
        assert_eq!(owned.len(), n, "a section is owned by two kinds");
    }
}

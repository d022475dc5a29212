//! How a document numbers and titles its outline: the scheme and style of
//! each level (I. → 1. → 1.1. → 1.1.1. → a) → - → +, or the document's
//! `numbering:`), and the titles it gives its standard parts (`titles:`).

use std::collections::BTreeMap;

use crate::model::{Document, Scheme};
use crate::vi;

/// How a document numbers and titles its outline.
#[derive(Debug, Clone)]
pub(crate) struct Ctx<'a> {
    /// The scheme of each level: 0 is the section (`I.`), 1 the item (`1.`) …
    numbering: Vec<Scheme>,
    /// New titles of standard parts, by key.
    titles: &'a BTreeMap<String, String>,
}

static NO_TITLES: BTreeMap<String, String> = BTreeMap::new();

/// The style of a heading at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

impl Ctx<'static> {
    /// The standard numbering and titles.
    pub(crate) fn plain() -> Self {
        Ctx {
            numbering: Scheme::DEFAULT.to_vec(),
            titles: &NO_TITLES,
        }
    }
}

impl<'a> Ctx<'a> {
    /// The document's numbering (its `numbering:` over the defaults) and titles.
    pub(crate) fn of(doc: &'a Document) -> Self {
        Ctx {
            numbering: Scheme::levels(&doc.numbering),
            titles: &doc.titles,
        }
    }

    /// The title of the standard part `key`: the document's, or `default`.
    pub(crate) fn title(&self, key: &str, default: &str) -> String {
        match self.titles.get(key).map(|t| t.trim()) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => default.trim().to_string(),
        }
    }

    /// The scheme of `level` (0: sections); past the last, `+`.
    pub(crate) fn scheme(&self, level: usize) -> Scheme {
        self.numbering.get(level).copied().unwrap_or(Scheme::Plus)
    }

    /// The label of the entry whose numbers, from the first item level down,
    /// are `trail` (its own number last), at `level`.
    pub(crate) fn label(&self, level: usize, trail: &[usize]) -> String {
        let n = trail.last().copied().unwrap_or(1);
        let compound = |k: usize| -> String {
            let start = trail.len().saturating_sub(k);
            trail[start..].iter().map(|n| format!("{n}.")).collect()
        };
        match self.scheme(level) {
            Scheme::Roman => format!("{}.", vi::roman(n as u32).unwrap_or_default()),
            Scheme::Arabic => format!("{n}."),
            Scheme::Arabic2 => compound(2),
            Scheme::Arabic3 => compound(3),
            Scheme::ArabicParen => format!("{n})"),
            Scheme::Letter => format!("{})", vi::letter(n)),
            Scheme::Capital => format!("{}.", vi::upper(&vi::letter(n))),
            Scheme::Dash => "-".to_string(),
            Scheme::Plus => "+".to_string(),
        }
    }

    /// The style of an item heading at `level` (1 for `1.`): `1.` and
    /// `1.1.` bold, `1.1.1.` bold italic, `a)` and below upright.
    pub(crate) fn style(&self, level: usize) -> Style {
        match level {
            1 | 2 => Style {
                bold: true,
                italic: false,
            },
            3 => Style {
                bold: true,
                italic: true,
            },
            _ => Style {
                bold: false,
                italic: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_has_its_label_and_style() {
        let ctx = Ctx::plain();
        assert_eq!(ctx.label(0, &[4]), "IV.");
        assert_eq!(ctx.label(1, &[2]), "2.");
        assert_eq!(ctx.label(2, &[2, 4]), "2.4.");
        assert_eq!(ctx.label(3, &[2, 4, 1]), "2.4.1.");
        assert_eq!(ctx.label(4, &[2, 4, 1, 5]), "đ)");
        assert_eq!(ctx.label(5, &[2, 4, 1, 6, 1]), "-");
        assert_eq!(ctx.label(6, &[2, 4, 1, 6, 1, 1]), "+");
        assert_eq!(ctx.label(9, &[1; 9]), "+");
        let styles: Vec<(bool, bool)> = (1..=5)
            .map(|l| (ctx.style(l).bold, ctx.style(l).italic))
            .collect();
        assert_eq!(
            styles,
            [
                (true, false),
                (true, false),
                (true, true),
                (false, false),
                (false, false)
            ]
        );
    }

    #[test]
    fn a_document_chooses_the_scheme_of_a_level() {
        let mut doc: Document = serde_yaml::from_str(
            "kind: ke-hoach\nissuer: { name: Sở, code: S }\nplace: P\ndate: 2024-03-05\n\
             subject: S\nsignature: { title: Giám đốc, name: A }\narchive: VT\n\
             numbering: [ \"A.\", \"1)\" ]\n",
        )
        .unwrap();
        let ctx = Ctx::of(&doc);
        assert_eq!(ctx.label(0, &[5]), "Đ.");
        assert_eq!(ctx.label(1, &[3]), "3)");
        assert_eq!(ctx.label(2, &[3, 2]), "3.2.");
        assert_eq!(ctx.label(4, &[3, 2, 1, 1]), "a)");
        doc.numbering = vec![
            Scheme::Roman,
            Scheme::Arabic,
            Scheme::Arabic2,
            Scheme::Letter,
        ];
        let ctx = Ctx::of(&doc);
        assert_eq!(ctx.label(3, &[3, 2, 1]), "a)");
        assert_eq!(ctx.label(4, &[3, 2, 1, 1]), "-");
        assert_eq!(ctx.label(5, &[3, 2, 1, 1, 1]), "+");
        doc.titles.insert("tre-em".into(), "Công tác trẻ em".into());
        let ctx = Ctx::of(&doc);
        assert_eq!(ctx.title("tre-em", "Trẻ em"), "Công tác trẻ em");
        assert_eq!(ctx.title("general", "Mục tiêu chung"), "Mục tiêu chung");
    }
}

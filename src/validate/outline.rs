//! The document's own outline: `sections:` names real standard sections,
//! once each, and leaves out none that has content; `titles:` renames
//! parts that exist; `numbering:` keeps neighbouring levels distinct.

use crate::error::Diagnostic;
use crate::input::{join_index, join_key};
use crate::model::{Document, FieldKey, Kind, SUB_TITLES, Scheme, SectionEntry, standard_sections};
use crate::suggest::did_you_mean;

/// Checks `sections:`, `titles:` and `numbering:`.
pub(super) fn check_outline(doc: &Document, out: &mut Vec<Diagnostic>) {
    check_sections(doc, out);
    check_titles(doc, out);
    check_numbering(doc, out);
}

fn check_sections(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(entries) = &doc.sections else {
        return;
    };
    let kind = doc.kind.key();
    if doc.kind == Kind::QuyetDinh {
        out.push(
            Diagnostic::error(
                "sections",
                "a quyet-dinh is written in articles, not sections",
            )
            .with_hint("give the plan it issues its outline: `decision.attachment.sections`"),
        );
        return;
    }
    let standard: Vec<&str> = standard_sections(doc.kind).iter().map(|s| s.key).collect();
    if entries.is_empty() {
        out.push(
            Diagnostic::error(
                "sections",
                "`sections` is empty: the document would have no outline",
            )
            .with_hint(
                "list the sections in their order, or remove `sections` for the standard outline",
            ),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let path = join_index("sections", i);
        match entry {
            SectionEntry::Own(own) => {
                if own.title.trim().is_empty() {
                    out.push(
                        Diagnostic::error(
                            join_key(&path, "title"),
                            "this section's title is empty",
                        )
                        .with_hint("write its title, e.g. `Thời gian và phạm vi`"),
                    );
                }
            }
            SectionEntry::Name(_) | SectionEntry::Use { .. } => {
                let key = entry.standard_key().unwrap_or_default();
                let at = match entry {
                    SectionEntry::Use { .. } => join_key(&path, "use"),
                    _ => path.clone(),
                };
                if !standard.contains(&key) {
                    let hint = if standard.is_empty() {
                        format!(
                            "a {kind} has no standard sections: write a section of your own, `{{ title: …, body: [ … ] }}`"
                        )
                    } else {
                        format!(
                            "{}; or write a section of your own, `{{ title: …, body: [ … ] }}`",
                            did_you_mean(key, &standard, &format!("the sections of a {kind}"))
                        )
                    };
                    out.push(
                        Diagnostic::error(at, format!("`{key}` is not a section of a {kind}"))
                            .with_hint(hint),
                    );
                    continue;
                }
                if seen.contains(&key) {
                    out.push(
                        Diagnostic::error(at, format!("the section `{key}` is listed twice"))
                            .with_hint("list each section once, where it stands"),
                    );
                    continue;
                }
                seen.push(key);
                if !doc.has(key) {
                    out.push(
                        Diagnostic::error(
                            at,
                            format!(
                                "the section `{key}` is listed, but the document has no `{key}:`"
                            ),
                        )
                        .with_hint(format!(
                            "write its content under `{key}:`, or remove it from `sections`"
                        )),
                    );
                }
                if let SectionEntry::Use { title: Some(t), .. } = entry
                    && t.trim().is_empty()
                {
                    out.push(
                        Diagnostic::error(
                            join_key(&path, "title"),
                            "this section's title is empty",
                        )
                        .with_hint("write its title, or leave `title` out for the standard one"),
                    );
                }
            }
        }
    }
    // Content under a standard key that `sections` leaves out would vanish.
    for key in standard {
        if doc.has(key) && !seen.contains(&key) {
            out.push(
                Diagnostic::error(
                    key,
                    format!("`{key}` has content, but `sections` does not list it: it would not be printed"),
                )
                .with_hint(format!(
                    "add `{key}` (or `{{ use: {key}, title: … }}`) to `sections` where it stands, or remove `{key}:`"
                )),
            );
        }
    }
}

fn check_titles(doc: &Document, out: &mut Vec<Diagnostic>) {
    if doc.titles.is_empty() {
        return;
    }
    let mut valid: Vec<&str> = standard_sections(doc.kind).iter().map(|s| s.key).collect();
    valid.extend(SUB_TITLES.iter().map(|s| s.key));
    valid.extend(FieldKey::ALL.iter().map(|f| f.key()));
    for (key, title) in &doc.titles {
        let path = join_key("titles", key);
        if !valid.contains(&key.as_str()) {
            out.push(
                Diagnostic::error(
                    path,
                    format!("`{key}` is not a standard title `titles` can rename"),
                )
                .with_hint(did_you_mean(key, &valid, "the titles it renames")),
            );
        } else if title.trim().is_empty() {
            out.push(
                Diagnostic::error(path, format!("the new title of `{key}` is empty"))
                    .with_hint("write the title, or remove this line for the standard one"),
            );
        }
    }
}

fn check_numbering(doc: &Document, out: &mut Vec<Diagnostic>) {
    let n = &doc.numbering;
    if n.is_empty() {
        return;
    }
    let max = Scheme::DEFAULT.len();
    if n.len() > max {
        out.push(
            Diagnostic::error(
                join_index("numbering", max),
                format!(
                    "{} levels of numbering; documents use at most {max}",
                    n.len()
                ),
            )
            .with_hint(
                "number the levels from the sections down: `[I., 1., 1.1., 1.1.1., a), -, +]`",
            ),
        );
    }
    let levels = Scheme::levels(n);
    for i in 1..levels.len().min(max) {
        if levels[i] == levels[i - 1] {
            out.push(
                Diagnostic::warning(
                    join_index("numbering", i.min(n.len() - 1)),
                    format!(
                        "levels {} and {} are both numbered `{}`: a reader cannot tell them apart",
                        i,
                        i + 1,
                        levels[i].key()
                    ),
                )
                .with_hint("choose a different scheme for one of them"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: &str, extra: &str) -> Document {
        serde_yaml::from_str(&format!(
            "kind: {kind}\nissuer: {{ name: Sở, code: S }}\nplace: Yên Bái\ndate: 2024-03-05\n\
             subject: S\nsignature: {{ title: Giám đốc, name: A }}\narchive: VT\n{extra}"
        ))
        .unwrap()
    }

    fn paths(d: &Document) -> Vec<String> {
        let mut out = Vec::new();
        check_outline(d, &mut out);
        out.into_iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect()
    }

    #[test]
    fn sections_name_real_sections_once_and_leave_out_none_with_content() {
        let d = doc(
            "ke-hoach",
            "goals: { general: [ x ] }\ntasks: { tre-em: [ y ] }\nfunding: [ z ]\n\
             sections: [ goals, { use: taks }, { title: Thời gian, body: [ t ] }, goals, implementation ]\n",
        );
        assert_eq!(
            paths(&d),
            [
                "sections[1].use: `taks` is not a section of a ke-hoach",
                "sections[3]: the section `goals` is listed twice",
                "sections[4]: the section `implementation` is listed, but the document has no `implementation:`",
                "tasks: `tasks` has content, but `sections` does not list it: it would not be printed",
                "funding: `funding` has content, but `sections` does not list it: it would not be printed",
            ]
        );
        let ok = doc(
            "ke-hoach",
            "goals: { general: [ x ] }\ntasks: { tre-em: [ y ] }\n\
             sections: [ goals, { title: Thời gian, body: [ t ] }, { use: tasks, title: Nội dung } ]\n",
        );
        assert!(paths(&ok).is_empty(), "{:?}", paths(&ok));
    }

    #[test]
    fn titles_rename_only_what_exists_and_levels_stay_distinct() {
        let d = doc(
            "bao-cao",
            "titles: { tre-em: Công tác trẻ em, results: Kết quả 6 tháng, goals: X, achivements: Y }\n\
             numbering: [ \"I.\", \"1.\", \"1.\" ]\n",
        );
        let m = paths(&d);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].starts_with("titles.achivements: "), "{m:?}");
        assert!(m[1].starts_with("titles.goals: "), "{m:?}");
        assert_eq!(
            m[2],
            "numbering[2]: levels 2 and 3 are both numbered `1.`: a reader cannot tell them apart"
        );
    }
}

//! The signature block and the recipients (boxes 7 and 9b).

use crate::error::Diagnostic;
use crate::input::join_index;
use crate::model::Document;

/// The signing authorities Nghị định 30 knows.
const AUTHORITIES: [&str; 5] = ["TM.", "KT.", "Q.", "TL.", "TUQ."];

/// The first word of a line of the authority, upper-cased (`TM.`).
fn lead(line: &str) -> String {
    line.split_whitespace().next().unwrap_or("").to_uppercase()
}

/// The signing authority, a deputy's KT., and the archive line.
pub(super) fn check_signature(doc: &Document, out: &mut Vec<Diagnostic>) {
    let lines = doc.signature.authority_lines();
    let many = lines.len() > 1;
    for (i, line) in lines.iter().enumerate() {
        if !AUTHORITIES.contains(&lead(line).as_str()) {
            let path = if many {
                join_index("signature.authority", i)
            } else {
                "signature.authority".to_string()
            };
            out.push(
                Diagnostic::error(
                    path,
                    format!("`{line}` does not start with a signing authority"),
                )
                .with_hint(
                    "write TM., KT., Q., TL. or TUQ. followed by the office, e.g. `KT. GIÁM ĐỐC`",
                ),
            );
        }
        // `TM. Ủy ban nhân dân KT. Chủ tịch` on one line: two authorities, one line.
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(second) = words
            .iter()
            .skip(1)
            .find(|w| AUTHORITIES.contains(&w.to_uppercase().as_str()))
        {
            let at = line.find(second).unwrap_or(0);
            let (first, rest) = line.split_at(at);
            let path = if many {
                join_index("signature.authority", i)
            } else {
                "signature.authority".to_string()
            };
            out.push(
                Diagnostic::warning(path, format!("`{line}` holds two authorities on one line"))
                    .with_hint(format!(
                        "write them as a list, one per line: `authority: [{}, {}]`",
                        first.trim(),
                        rest.trim()
                    )),
            );
        }
    }
    // KT. (ký thay): a deputy signs for the head, and the title says so.
    // "Phó …", or a ministry's deputy, "Thứ trưởng".
    let title = doc.signature.title.trim_start().to_lowercase();
    let deputy = title.starts_with("phó") || title.starts_with("thứ trưởng");
    // `KT.` anywhere (even on the line of another authority, warned above).
    let on_behalf = lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .any(|w| w.eq_ignore_ascii_case("KT."));
    let collective = lines.iter().any(|l| lead(l) == "TM.");
    if on_behalf && !deputy {
        out.push(
            Diagnostic::error(
                "signature.title",
                format!(
                    "`KT.` is signed by a deputy, but the title is `{}`",
                    doc.signature.title
                ),
            )
            .with_hint(
                "write the deputy's title (`Phó Giám đốc`), or remove `KT.` if the head signs",
            ),
        );
    } else if deputy && !on_behalf && lines.is_empty() {
        out.push(
            Diagnostic::warning(
                "signature.title",
                format!("a {} signs without `KT.`", doc.signature.title),
            )
            .with_hint(
                "a deputy signs for the head: add `authority: KT. GIÁM ĐỐC` (or the head's title)",
            ),
        );
    } else if deputy && !on_behalf && collective {
        let tm = lines
            .iter()
            .find(|l| lead(l) == "TM.")
            .copied()
            .unwrap_or("TM.");
        let head = doc.signature.title.trim();
        let head = head
            .get("phó".len()..)
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .unwrap_or("Chủ tịch");
        out.push(
            Diagnostic::warning(
                "signature.title",
                format!("a {} signs under `{tm}` without `KT.`", doc.signature.title),
            )
            .with_hint(format!(
                "a deputy signs for the head of the body: `authority: [{tm}, KT. {head}]`"
            )),
        );
    }
    if doc.archive.trim().is_empty() {
        out.push(
            Diagnostic::error("archive", "the archive line is empty").with_hint(
                "write who keeps copies, e.g. `VT, KHTC` (printed as `- Lưu: VT, KHTC.`)",
            ),
        );
    }
}

/// The archive line is `archive:`, printed last; a recipient that is an
/// archive line would print it twice, and not last.
pub(super) fn check_recipients(doc: &Document, out: &mut Vec<Diagnostic>) {
    for (i, r) in doc.recipients.iter().enumerate() {
        let lead = r.trim_start_matches(['-', '+', ' ']).to_lowercase();
        if lead.starts_with("lưu:") || lead.starts_with("lưu ") || lead == "lưu" {
            out.push(
                Diagnostic::error(
                    join_index("recipients", i),
                    "the archive line is written in `archive`, not among the recipients",
                )
                .with_hint(
                    "remove this entry and write `archive: VT, …`; it is printed as the list's last line",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(signature: &str, recipients: &str) -> Document {
        serde_yaml::from_str(&format!(
            "kind: thong-bao\nissuer: {{ name: Sở, code: S }}\nplace: Yên Bái\ndate: 2024-03-05\n\
             subject: S\nsignature: {signature}\nrecipients: {recipients}\narchive: VT\n"
        ))
        .unwrap()
    }

    fn messages(d: &Document) -> Vec<String> {
        let mut out = Vec::new();
        check_signature(d, &mut out);
        check_recipients(d, &mut out);
        out.into_iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect()
    }

    #[test]
    fn kt_needs_a_deputy_and_a_deputy_warns_without_kt() {
        let m = messages(&doc(
            "{ authority: KT. Giám đốc, title: Giám đốc, name: A }",
            "[]",
        ));
        assert_eq!(
            m,
            ["signature.title: `KT.` is signed by a deputy, but the title is `Giám đốc`"]
        );
        let mut out = Vec::new();
        check_signature(&doc("{ title: Phó Giám đốc, name: A }", "[]"), &mut out);
        assert!(!out[0].is_error() && out[0].message.contains("without `KT.`"));
        assert!(
            messages(&doc(
                "{ authority: KT. Giám đốc, title: Phó Giám đốc, name: A }",
                "[]"
            ))
            .is_empty()
        );
    }

    #[test]
    fn an_unknown_authority_and_an_archive_recipient_are_errors() {
        let m = messages(&doc(
            "{ authority: Thay mặt, title: Giám đốc, name: A }",
            "[ \"- Lưu: VT\" ]",
        ));
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].starts_with("signature.authority"), "{m:?}");
        assert!(m[1].starts_with("recipients[0]"), "{m:?}");
    }
}

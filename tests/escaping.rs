//! No user string ever reaches Typst as markup.

mod common;

use common::{engine, layout, minimal_plan, yaml_quote};
use vanban::Document;

const HOSTILE: &[&str] = &[
    r#"#read("/etc/passwd")"#,
    "*bold* and _emph_",
    "$x^2$ math",
    "] closing bracket",
    "[ opening bracket",
    "@ref to a label",
    "<label> here",
    "// a comment",
    "/* block comment",
    "= Heading at line start",
    "- list at line start",
    "+ enum at line start",
    "1. numbered at line start",
    r"back\slash and \u{41}",
    r#"quote " inside"#,
    "`raw` and ```block```",
    "#set page(paper: \"a5\")",
    "#{ panic() }",
    "smart \"quotes\" -- dashes --- ... and ~tilde",
    "#pagebreak()",
    "https://example.com/link",
    "term: / description",
    "\\",
    "#",
];

/// How a short data string reaches Typst: as a string literal, `#"…";`,
/// with only `\` and `"` escaped (written here independently of the library).
fn typst_string(s: &str) -> String {
    format!("#\"{}\";", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn all_text(doc: &Document) -> String {
    let l = layout(doc);
    let mut text = String::new();
    for p in 0..l.pages.len() {
        text.push_str(&l.page_text(p));
        text.push('\n');
    }
    text
}

#[test]
fn hostile_strings_print_literally_and_change_nothing() {
    let baseline = layout(&Document::from_yaml_str(&minimal_plan("Chủ đề", "Đoạn văn")).unwrap());
    for hostile in HOSTILE {
        let yaml = minimal_plan(&yaml_quote(hostile), &yaml_quote(hostile));
        let doc = Document::from_yaml_str(&yaml).unwrap_or_else(|e| panic!("{hostile:?}: {e}"));
        let typst = engine().render_typst(&doc).unwrap();
        // In the paragraph's literal, which the closing mark `./.` ends (the
        // subject is set in groups of words, each its own literal).
        let literal = typst_string(hostile);
        assert!(
            typst.contains(literal.strip_suffix("\";").unwrap_or(&literal)),
            "{hostile:?} is not a string literal in the Typst source"
        );
        let l = layout(&doc);
        assert_eq!(
            l.pages.len(),
            baseline.pages.len(),
            "{hostile:?} changed the page count"
        );
        let text = all_text(&doc);
        // Printed literally: in the subject (bold) and in the paragraph (after "- ").
        let squeezed: String = hostile.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.matches(squeezed.as_str()).count() >= 2,
            "{hostile:?} is not printed literally twice:\n{text}"
        );
        // No style leaks: the paragraph under "1. Trẻ em" is upright and regular.
        let heading = l.find_line("1. Trẻ em").expect("the field heading");
        let para = l
            .lines()
            .into_iter()
            .find(|r| r.page == heading.page && r.y > heading.y)
            .unwrap_or_else(|| panic!("{hostile:?}: paragraph line not found in\n{text}"));
        assert!(
            !para.bold && !para.italic,
            "{hostile:?} changed the style: {para:?}"
        );
        // Same structure: the sections and the signature are all there once.
        for fixed in [
            "I. MỤC TIÊU, YÊU CẦU",
            "II. NHIỆM VỤ VÀ GIẢI PHÁP",
            "Nơi nhận:",
            "KT. GIÁM ĐỐC",
        ] {
            assert_eq!(text.matches(fixed).count(), 1, "{hostile:?}: {fixed:?}");
        }
    }
}

#[test]
fn hostile_strings_in_every_kind_of_field() {
    let hostile = r#"#read("/etc/passwd") *x* ]"#;
    let q = yaml_quote(hostile);
    let yaml = format!(
        r#"kind: ke-hoach
issuer: {{ parent: {q}, name: {q}, code: {q} }}
place: {q}
date: 2024-01-05
subject: {q}
legal-bases: [ {q} ]
preamble: [ {q} ]
goals:
  heading: {q}
  general: [ {{ bullets: [ {q}, {{ text: {q}, bullets: [ {q} ] }} ] }} ]
  targets:
    - {{ name: {q}, value: 1, unit: {q}, split: [ {{ name: {q}, value: 1 }} ], note: {q} }}
  body: [ {{ title: {q}, body: [ {{ point: {q}, body: [ {q} ] }} ] }} ]
tasks:
  other: [ {{ title: {q}, body: [ {{ table: {{ columns: [ {q} ], rows: [ [ {q} ] ], numbered: true }} }} ] }} ]
implementation:
  units: [ {{ unit: {q}, tasks: [ {q} ] }} ]
  reporting: [ {{ report: {q}, by: {q}, to: {q}, deadline: 2024-06-01 }} ]
  closing: {q}
funding: [ {q} ]
signature: {{ authority: {q}, title: {q}, name: {q} }}
recipients: [ {q} ]
archive: {q}
drafter: {{ initials: {q}, copies: 3 }}
appendices: [ {{ title: {q}, body: [ {q} ] }} ]
"#
    );
    // The authority is checked: replace it for this test only.
    // A KT. signature is a deputy's, whose title says so.
    let deputy = yaml_quote(&format!("Phó {hostile}"));
    let yaml = yaml.replacen(
        &format!("authority: {q}, title: {q}"),
        &format!("authority: KT. GIÁM ĐỐC, title: {deputy}"),
        1,
    );
    let doc = Document::from_yaml_str(&yaml).unwrap_or_else(|e| panic!("{e}"));
    let pdf = engine().render_pdf(&doc).expect("renders");
    assert!(pdf.starts_with(b"%PDF"));
    let text = all_text(&doc);
    // Every field printed the text literally (upper-cased ones as capitals).
    let lower = text.matches("#read(\"/etc/passwd\")").count();
    let upper = text.matches("#READ(\"/ETC/PASSWD\")").count();
    assert!(lower >= 25, "only {lower} literal copies:\n{text}");
    // Parent, goals heading, signature title, appendix title (the issuer wraps).
    assert!(upper >= 3, "only {upper} upper-case copies:\n{text}");
}

/// A plan whose field tasks are one numbered item per text, each with the
/// text as its title and as its paragraph.
fn plan_of_items(texts: &[String]) -> String {
    let items: String = texts
        .iter()
        .map(|t| {
            let q = yaml_quote(t);
            format!("    - {{ title: {q}, body: [ {q} ] }}\n")
        })
        .collect();
    minimal_plan("Chủ đề", "Đoạn mở đầu.").replace(
        "  tre-em:\n    - Đoạn mở đầu.\n",
        &format!("  tre-em:\n{items}"),
    )
}

/// The PDF's own text, as a reader's copy-and-paste gets it (pdftotext).
fn pdf_text(pdf: &[u8], name: &str) -> String {
    let path = common::scratch_path("escaping", &format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    common::pdf_text_of(&path)
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn hostile_markup_never_changes_the_structure() {
    // Same count of items: plain titles against hostile ones.
    let hostile: Vec<String> = HOSTILE
        .iter()
        .filter(|h| h.chars().count() < 40)
        .map(|h| h.to_string())
        .collect();
    let plain: Vec<String> = (1..=hostile.len())
        .map(|i| format!("Nội dung số {i}"))
        .collect();
    let styles = |texts: &[String]| {
        let doc = Document::from_yaml_str(&plan_of_items(texts)).unwrap();
        let l = layout(&doc);
        let lines = l.lines();
        let bold = lines.iter().filter(|r| r.bold).count();
        let mut kinds: Vec<(i64, bool, bool)> = lines
            .iter()
            .map(|r| ((r.size * 10.0).round() as i64, r.bold, r.italic))
            .collect();
        kinds.sort();
        kinds.dedup();
        (doc, bold, kinds)
    };
    let (_, plain_bold, plain_kinds) = styles(&plain);
    let (doc, hostile_bold, hostile_kinds) = styles(&hostile);
    // One bold heading per item, as many as with plain titles; no new size or style.
    assert_eq!(hostile_bold, plain_bold, "the number of headings changed");
    assert_eq!(
        hostile_kinds, plain_kinds,
        "a size or style appeared or vanished"
    );
    let text = squeeze(&pdf_text(&engine().render_pdf(&doc).unwrap(), "hostile"));
    for h in &hostile {
        assert!(
            text.matches(&squeeze(h)).count() >= 2,
            "{h:?} is not in the PDF's text twice (title and paragraph):\n{text}"
        );
    }
}

#[test]
fn a_long_word_or_url_stays_inside_the_text_area() {
    let url = format!("https://dichvucong.gov.vn/{}", "a1b2c3d4e5".repeat(50));
    let word = "x".repeat(500);
    let yaml = plan_of_items(&[url.clone(), word.clone()]).replace(
        "signature:",
        &format!(
            "appendices:\n  - title: Bảng\n    body:\n      - table: {{ columns: [ Huyện, Ghi chú ], widths: [1, 1], rows: [ [ Văn Yên, {} ] ] }}\nsignature:",
            yaml_quote(&word)
        ),
    );
    let doc = Document::from_yaml_str(&yaml).unwrap();
    let l = layout(&doc);
    for run in l.lines() {
        assert!(
            run.right() <= 210.0 - 20.0 + 0.5,
            "{:?} runs out of the text area to {:.1} mm",
            run.text,
            run.right()
        );
    }
    // Broken over lines, never cut: the PDF's text holds both whole.
    let text: String = pdf_text(&engine().render_pdf(&doc).unwrap(), "long-words")
        .split_whitespace()
        .collect();
    assert!(
        text.contains(&url),
        "the URL is not whole in the PDF's text"
    );
    // The word three times (title, paragraph, table cell); a page number may
    // fall between two pieces, so count the letters of its long runs.
    let in_runs: usize = text
        .split(|c: char| c != 'x')
        .filter(|run| run.len() >= 10)
        .map(str::len)
        .sum();
    assert_eq!(in_runs, 3 * word.len(), "a piece of the word is missing");
}

#[test]
fn invisible_characters_are_removed_with_a_warning() {
    let pasted = "Tổ chức\u{200B} Tháng hành động\u{00AD} vì trẻ em\u{202E}.";
    let yaml = minimal_plan("Chủ đề", &yaml_quote(pasted));
    let doc = Document::from_yaml_str(&yaml).unwrap();
    let warning = &doc.warnings()[0];
    assert_eq!(warning.path, "tasks.tre-em[0]");
    assert!(
        warning.message.contains("U+200B ZERO WIDTH SPACE")
            && warning.message.contains("U+00AD SOFT HYPHEN"),
        "{warning}"
    );
    let text = pdf_text(&engine().render_pdf(&doc).unwrap(), "invisible");
    assert!(
        text.contains("Tổ chức Tháng hành động vì trẻ em."),
        "{text}"
    );
    assert!(!text.contains(['\u{200B}', '\u{00AD}', '\u{202E}']));
}

#[test]
fn hostile_strings_in_the_fields_of_decisions_submissions_and_notices() {
    let hostile = r#"#read("/etc/passwd") *x* ]"#;
    let q = yaml_quote(hostile);
    // A KT. signature is a deputy's, whose title says so.
    let deputy = yaml_quote(&format!("Phó {hostile}"));
    let head = format!(
        r#"issuer: {{ parent: {q}, name: {q}, code: {q} }}
number: 3
place: {q}
date: 2024-01-05
subject: {q}
legal-bases: [ {q} ]
signature: {{ authority: KT. GIÁM ĐỐC, title: {deputy}, name: {q} }}
recipients: [ {q} ]
archive: {q}
"#
    );
    let decision = format!(
        r#"kind: quyet-dinh
{head}decision:
  authority: {q}
  proposed-by: {q}
  articles: [ {q}, {{ text: {q}, body: [ {{ title: {q}, body: [ {q} ] }} ] }} ]
  attachment:
    subject: {q}
    preamble: [ {q} ]
    goals: {{ general: [ {q} ] }}
    tasks: {{ other: [ {{ title: {q}, body: [ {q} ] }} ] }}
"#
    );
    let outline = |kind: &str, key: &str| {
        format!(
            r#"kind: {kind}
{head}addressees: [ {q}, {q} ]
{key}:
  body: [ {q} ]
  sections: [ {{ title: {q}, body: [ {q} ] }} ]
  closing: [ {q} ]
"#
        )
    };
    for (yaml, min_lower) in [
        (decision, 12),
        (outline("to-trinh", "submission"), 8),
        (outline("thong-bao", "notice"), 8),
    ] {
        let doc = Document::from_yaml_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        assert!(engine().render_pdf(&doc).unwrap().starts_with(b"%PDF"));
        let text = all_text(&doc);
        let lower = text.matches("#read(\"/etc/passwd\")").count();
        assert!(lower >= min_lower, "only {lower} literal copies:\n{text}");
        assert!(
            text.matches("#READ(\"/ETC/PASSWD\")").count() >= 2,
            "{text}"
        );
    }
    // A hostile font family is a missing family, never markup.
    let yaml = format!(
        "{}layout: {{ font: {q} }}\n",
        outline("thong-bao", "notice")
    );
    let doc = Document::from_yaml_str(&yaml).unwrap();
    let err = engine().render_pdf(&doc).unwrap_err();
    assert!(matches!(err, vanban::Error::Font(_)), "{err}");
}

#[test]
fn hostile_strings_in_the_outline_and_the_new_blocks() {
    let hostile = r#"#read("/etc/passwd") *x* ]"#;
    let q = yaml_quote(hostile);
    let yaml = format!(
        r#"kind: ke-hoach
issuer: {{ name: [ {q}, {q} ], code: S, short-name: {q} }}
number: 3
place: Yên Bái
date: 2024-01-05
subject: Chủ đề
goals: {{ general: [ {{ note: {q} }} ] }}
tasks:
  tre-em:
    - {{ title: {q}, text: {q}, body: [ {{ star: {q}, body: [ {{ list: [ {q}, {q} ] }} ] }} ] }}
    - {{ text: {q}, of-which: [ {q}, {q} ] }}
sections:
  - {{ use: goals, title: {q} }}
  - {{ title: {q}, body: [ {q} ] }}
  - tasks
titles: {{ tre-em: {q} }}
closing: [ {q} ]
signature: {{ authority: [ TM. Ủy ban nhân dân, KT. Chủ tịch ], title: Phó Chủ tịch, name: {q} }}
recipients: [ x ]
archive: VT
appendices: [ {{ title: Phụ lục, body: [ x ] }} ]
"#
    );
    let doc = Document::from_yaml_str(&yaml).unwrap_or_else(|e| panic!("{e}"));
    let pdf = engine().render_pdf(&doc).expect("renders");
    assert!(pdf.starts_with(b"%PDF"));
    let text = all_text(&doc).replace('\n', " ");
    let lower = text.matches("#read(\"/etc/passwd\")").count();
    let upper = text.matches("#READ(\"/ETC/PASSWD\")").count();
    // note, run-in title and text, star, two list entries, the of-which
    // sentence and its two parts, the own section's paragraph, the renamed
    // field, the closing, the signer, the appendix line (short name).
    assert!(lower >= 13, "only {lower} literal copies:\n{text}");
    // The issuer's two header lines and the two section titles.
    assert!(upper >= 4, "only {upper} upper-case copies:\n{text}");
}

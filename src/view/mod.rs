//! The derived document: everything the templates place, already computed.
//!
//! This stage turns a validated [`Document`] into a [`View`]: section numbers
//! (I., 1., 1.1., a)), bullet markers, the "Số:" line, the date line, the
//! sentences that state each target, punctuation of legal bases and
//! recipients. A template only places these strings; it computes nothing.

mod blocks;
mod breaks;
mod decision;
mod figures;
mod letter;
mod number;
mod numbering;
mod outline;
mod plan;
mod report;
mod results;

use figures::indicator_phrase;
use number::{NumberLine, number_line};

use serde::Serialize;

use crate::model::{Document, Kind, Layout, OfficeName, Urgency};
use crate::nd30;
use crate::resolve::Resolved;
use crate::vi;

use breaks::{Style, groups, phrases, unbreakable};

/// Everything a template needs, computed.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// The kind's YAML key (`ke-hoach`): the template to use.
    pub kind: &'static str,
    /// Page layout.
    pub layout: LayoutView,
    /// Header boxes.
    pub header: HeaderView,
    /// Kính gửi: one addressee ending with "."; several as "- A;" … "- B.".
    pub addressees: Vec<String>,
    /// A decision's authority line in capitals (`GIÁM ĐỐC SỞ …`), above the legal bases.
    pub authority_line: Option<String>,
    /// The authority line in phrases of groups that stay on one line.
    pub authority_phrases: Vec<Vec<String>>,
    /// Legal bases with their final punctuation.
    pub legal_bases: Vec<String>,
    /// The body, flattened, with numbers and markers computed.
    pub body: Vec<ViewBlock>,
    /// The signature block.
    pub signature: SignatureView,
    /// The recipient lines, each with its dash and punctuation, the archive line last.
    pub recipients: Vec<String>,
    /// Box 12 (`PL.(30)`), if any.
    pub drafter: Option<String>,
    /// The plan a decision issues, after the signature.
    pub attachment: Option<AttachmentView>,
    /// Appendices.
    pub appendices: Vec<AppendixView>,
    /// One appendix filed as its own PDF (Phụ lục I, II.8.b): only
    /// `appendices[0]` is laid out, with the top-right corner of its first
    /// page kept free for the organisation's signature.
    pub appendix_file: bool,
    /// PDF metadata.
    pub meta: MetaView,
}

/// Page layout in the units the template uses.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutView {
    /// Margins in mm.
    pub top: f64,
    /// Margins in mm.
    pub bottom: f64,
    /// Margins in mm.
    pub left: f64,
    /// Margins in mm.
    pub right: f64,
    /// Body size in pt.
    pub font_size: f64,
    /// Line spacing in lines (1–1.5).
    pub line_spacing: f64,
    /// First-line indent in cm.
    pub indent: f64,
    /// The font family, when the document or the engine asks for one
    /// (Liberation Serif otherwise).
    pub font: Option<String>,
}

/// The header boxes (1–5 and 10 of Nghị định 30).
#[derive(Debug, Clone, Serialize)]
pub struct HeaderView {
    /// Parent body in capitals.
    pub parent: Option<String>,
    /// Issuing body in capitals.
    pub issuer: String,
    /// The parent body's header lines (the writer's, or one), each in
    /// phrases of groups that stay on one line; empty without a parent.
    pub parent_lines: Vec<Vec<Vec<String>>>,
    /// The issuing body's header lines, each in phrases of groups.
    pub issuer_lines: Vec<Vec<Vec<String>>>,
    /// `Số: 05/KH-SLĐTBXH`.
    pub number_line: String,
    /// `Yên Bái, ngày 05 tháng 3 năm 2024`.
    pub place_date: String,
    /// `KẾ HOẠCH`, or none for a công văn.
    pub doc_type: Option<String>,
    /// The subject (trích yếu).
    pub subject: String,
    /// The subject in phrases of groups that stay on one line.
    pub subject_phrases: Vec<Vec<String>>,
    /// Urgency mark and its box width in mm.
    pub urgency: Option<(String, u32)>,
    /// Secrecy mark.
    pub secrecy: Option<String>,
}

/// The signature block (box 7).
#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    /// `KT. GIÁM ĐỐC`, if signing on behalf.
    pub authority: Option<String>,
    /// `PHÓ GIÁM ĐỐC`.
    pub title: String,
    /// The signer's name.
    pub name: String,
    /// Box 7c: the signer's image, when one is given.
    pub image: Option<ImageView>,
    /// Box 8: the seal, when one is given.
    pub seal: Option<ImageView>,
}

/// An image the layout places (the signer's signature, the seal).
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// The image's name in the layout (`/vanban-signer.png`), never a user string.
    pub file: &'static str,
    /// Width over height.
    pub aspect: f64,
    /// The printed width in mm, for the seal (its real diameter).
    pub width_mm: Option<f64>,
}

/// An appendix.
#[derive(Debug, Clone, Serialize)]
pub struct AppendixView {
    /// `Phụ lục` or `Phụ lục II`.
    pub label: String,
    /// Title in capitals.
    pub title: String,
    /// The title in phrases of groups that stay on one line.
    pub title_phrases: Vec<Vec<String>>,
    /// `(Kèm theo Kế hoạch số … ngày … của …)`.
    pub attached_to: String,
    /// The attachment line in phrases of groups.
    pub attached_phrases: Vec<Vec<String>>,
    /// Its content.
    pub body: Vec<ViewBlock>,
}

/// A document issued with a decision (a plan), on its own pages.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    /// `KẾ HOẠCH`.
    pub doc_type: String,
    /// Its subject.
    pub subject: String,
    /// The subject in phrases of groups that stay on one line.
    pub subject_phrases: Vec<Vec<String>>,
    /// `(Ban hành kèm theo Quyết định số … ngày … của …)`, computed.
    pub attached_to: String,
    /// The attachment line in phrases of groups.
    pub attached_phrases: Vec<Vec<String>>,
    /// Its body.
    pub body: Vec<ViewBlock>,
}

/// PDF document information.
#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    /// Type and subject.
    pub title: String,
    /// The issuing body.
    pub author: String,
    /// The subject (trích yếu).
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Date of issue: year, month, day.
    pub date: (i32, u32, u32),
}

/// One block of the flattened body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum ViewBlock {
    /// A Roman-numbered section: `I.` + title in capitals, bold.
    Section {
        /// `I.`
        label: String,
        /// The title in capitals.
        title: String,
    },
    /// A numbered heading: `1.`, `1.1.` bold; `1.1.1.` bold italic; `a)`
    /// upright; a `*` lead-in upright.
    Heading {
        /// `1.`, `2.1.`, `2.1.1.`, `a)`, `*`.
        label: String,
        /// The title.
        title: String,
        /// Bold (numbered) or upright (a) points).
        bold: bool,
        /// Italic (the third level, `1.1.1.`).
        italic: bool,
        /// Depth below the section (1 for `1.`).
        depth: usize,
    },
    /// A run-in heading: the label and title styled as a heading of its
    /// level, then its sentence on the same line.
    RunIn {
        /// `2.`, `2.1.` …
        label: String,
        /// The title (`Sở Giáo dục và Đào tạo`).
        title: String,
        /// The sentence after it (`chủ trì, phối hợp …`).
        text: String,
        /// The title is bold.
        bold: bool,
        /// The title is italic.
        italic: bool,
    },
    /// An italic paragraph.
    Note {
        /// The text.
        text: String,
    },
    /// A paragraph, optionally led by a marker (`-`, `+`, `a)`).
    Paragraph {
        /// Marker before the text, if any.
        label: Option<String>,
        /// The text.
        text: String,
    },
    /// A table.
    Table(TableView),
    /// A centred bold line: a decision's `QUYẾT ĐỊNH:`.
    Caption {
        /// The text.
        text: String,
    },
    /// An article of a decision: `Điều 1.` in bold, then its text.
    Article {
        /// `Điều 1.`
        label: String,
        /// The text.
        text: String,
    },
}

/// A table, every cell formatted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TableView {
    /// Column widths as Typst lengths (`13mm`, `3fr`), computed from numbers.
    pub widths: Vec<String>,
    /// Header rows (one or two), with merged cells.
    pub header: Vec<Vec<HeaderCell>>,
    /// Body rows, cells formatted.
    pub rows: Vec<Vec<String>>,
    /// Each cell of `rows` in groups of words that never break (`Thành phố`
    /// | `Yên Bái`; a number or a unit whole), filled by [`TableView::group_cells`].
    pub groups: Vec<Vec<Vec<String>>>,
    /// Indent level of each row's name cell (breakdown rows are indented).
    pub levels: Vec<usize>,
    /// The column holding row names.
    pub name_column: usize,
    /// Columns whose cells are numbers (right-aligned).
    pub numeric: Vec<usize>,
    /// Columns whose cells are centred (STT).
    pub centred: Vec<usize>,
    /// Rows printed bold (totals).
    pub strong_rows: Vec<usize>,
}

/// A header cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderCell {
    /// Its text.
    pub text: String,
    /// Columns it spans.
    pub colspan: usize,
    /// Header rows it spans.
    pub rowspan: usize,
    /// Its words in groups that stay on one line (`So` | `cùng kỳ`).
    pub groups: Vec<String>,
}

impl TableView {
    /// The table with `groups` computed from its rows: a number, and a short
    /// text outside the name column (a unit: "triệu đồng"), stay whole; other
    /// text keeps its words and names whole.
    pub fn group_cells(mut self) -> Self {
        let whole = |x: usize, cell: &str| {
            self.numeric.contains(&x)
                || self.centred.contains(&x)
                || (x != self.name_column && cell.split_whitespace().count() <= 3)
        };
        let groups = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(x, cell)| match cell.trim() {
                        "" => Vec::new(),
                        c if whole(x, c) => vec![c.to_string()],
                        c => unbreakable(c, Style::Sentence),
                    })
                    .collect()
            })
            .collect();
        self.groups = groups;
        self
    }
}

impl HeaderCell {
    /// A cell with `text`, spanning `colspan` columns and `rowspan` header rows.
    pub fn new(text: &str, colspan: usize, rowspan: usize) -> Self {
        let text = text.trim().to_string();
        HeaderCell {
            groups: groups(&text, Style::Sentence),
            text,
            colspan,
            rowspan,
        }
    }
}

/// Builds the view of a resolved, validated document; `electronic` leaves the number and the day and month
/// of the date blank, for the signing tool to stamp at issue (Nghị định 30,
/// Điều 15.3), whatever the draft says.
pub(crate) fn build_as(r: &Resolved, electronic: bool) -> View {
    let doc = &r.doc;
    let number = if electronic { None } else { doc.number };
    let body = match doc.kind {
        Kind::KeHoach => plan::body(doc),
        Kind::BaoCao => report::body(r),
        Kind::CongVan => letter::body(doc),
        Kind::QuyetDinh => decision::decision_body(doc),
        Kind::ToTrinh => decision::outline_body(doc, doc.submission.as_ref()),
        Kind::ThongBao => decision::outline_body(doc, doc.notice.as_ref()),
    };
    let number_line = match doc.kind.code() {
        Some(type_code) => number_line(&NumberLine::Typed {
            number,
            type_code,
            issuer_code: &doc.issuer.code,
        }),
        None => number_line(&NumberLine::Letter {
            number,
            issuer_code: &doc.issuer.code,
            unit_code: doc
                .letter
                .as_ref()
                .and_then(|l| l.unit.as_deref())
                .unwrap_or(""),
        }),
    };
    let date_words = if electronic {
        vi::date_of_issue_blank(doc.date.year())
    } else {
        vi::date_of_issue(doc.date.year(), doc.date.month(), doc.date.day())
    };
    let appendices = appendices(doc, &number_line, &date_words);
    let attachment = doc
        .decision
        .as_ref()
        .and_then(|d| decision::attachment(r, d, &number_line));
    let subject = match doc.kind {
        Kind::CongVan => format!("V/v {}", clean_sentence(&doc.subject)),
        _ => clean_sentence(&doc.subject),
    };
    let authority_line = decision::authority_line(doc);
    View {
        kind: doc.kind.key(),
        layout: layout(&doc.layout),
        header: HeaderView {
            parent: doc.issuer.parent.as_ref().map(|p| vi::upper(&p.text())),
            issuer: vi::upper(&doc.issuer.name.text()),
            parent_lines: doc
                .issuer
                .parent
                .as_ref()
                .map_or_else(Vec::new, header_lines),
            issuer_lines: header_lines(&doc.issuer.name),
            number_line,
            place_date: format!("{}, {}", doc.place.trim(), date_words),
            doc_type: doc.kind.title().map(str::to_string),
            subject_phrases: phrases(&subject, Style::Sentence),
            subject,
            urgency: doc
                .urgency
                .map(|u| (u.label().to_string(), urgency_box_width_mm(u))),
            secrecy: doc.secrecy.map(|s| s.label().to_string()),
        },
        addressees: addressees(&doc.addressees),
        authority_phrases: doc
            .decision
            .as_ref()
            .map(|d| upper_phrases(d.authority.trim(), Style::Name))
            .unwrap_or_default(),
        authority_line,
        legal_bases: punctuate_list(&decision::legal_bases(doc), ";", "."),
        body,
        signature: SignatureView {
            authority: Some(doc.signature.authority_lines())
                .filter(|lines| !lines.is_empty())
                .map(|lines| vi::upper(&lines.join("\n"))),
            title: vi::upper(&doc.signature.title),
            name: doc.signature.name.trim().to_string(),
            image: None,
            seal: None,
        },
        recipients: recipients(doc),
        drafter: doc
            .drafter
            .as_ref()
            .map(|d| format!("{}.({})", d.initials.trim().trim_end_matches('.'), d.copies)),
        attachment,
        appendices,
        appendix_file: false,
        meta: MetaView {
            title: format!("{}: {}", doc.kind.name(), clean_sentence(&doc.subject)),
            author: doc.issuer.name.text(),
            subject: clean_sentence(&doc.subject),
            keywords: keywords(doc),
            date: (doc.date.year(), doc.date.month(), doc.date.day()),
        },
    }
}

/// An office's header lines: the writer's lines, or its one name, each in
/// phrases and capitals.
fn header_lines(name: &OfficeName) -> Vec<Vec<Vec<String>>> {
    name.lines()
        .into_iter()
        .filter(|line| !line.is_empty())
        .map(|line| upper_phrases(line, Style::Name))
        .collect()
}

/// `text` in phrases (read in natural case), in capitals.
fn upper_phrases(text: &str, style: Style) -> Vec<Vec<String>> {
    phrases(text, style)
        .iter()
        .map(|p| p.iter().map(|g| vi::upper(g)).collect())
        .collect()
}

fn layout(l: &Layout) -> LayoutView {
    LayoutView {
        top: l.margins.top,
        bottom: l.margins.bottom,
        left: l.margins.left,
        right: l.margins.right,
        font_size: l.font_size,
        line_spacing: l.line_spacing,
        indent: l.indent,
        font: l.font.as_deref().map(str::trim).map(str::to_string),
    }
}

/// Trims a sentence and drops a final period the user may have typed.
fn clean_sentence(s: &str) -> String {
    s.trim().trim_end_matches(['.', ';']).trim_end().to_string()
}

/// Strips list punctuation a user may have typed (`- `, trailing `;` or `.`).
fn clean_item(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix("- ").unwrap_or(s);
    s.trim()
        .trim_end_matches([';', '.', ','])
        .trim_end()
        .to_string()
}

/// Each item ends with `sep`, the last with `last`.
fn punctuate_list(items: &[String], sep: &str, last: &str) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}{}", clean_item(s), if i + 1 == n { last } else { sep }))
        .collect()
}

fn addressees(list: &[String]) -> Vec<String> {
    match list {
        [one] => vec![format!("{}.", clean_item(one))],
        many => punctuate_list(many, ";", ".")
            .into_iter()
            .map(|a| format!("- {a}"))
            .collect(),
    }
}

fn recipients(doc: &Document) -> Vec<String> {
    let mut lines: Vec<String> = doc
        .recipients
        .iter()
        .map(|r| format!("- {};", clean_item(r)))
        .collect();
    lines.push(format!("- Lưu: {}.", clean_item(&doc.archive)));
    lines
}

fn appendices(doc: &Document, number_line: &str, date_words: &str) -> Vec<AppendixView> {
    let n = doc.appendices.len();
    let number = number_line.strip_prefix("Số:").unwrap_or(number_line);
    let attached_to = format!(
        "(Kèm theo {} số{} {} của {})",
        doc.kind.name(),
        number,
        date_words,
        issuer_in_text(doc)
    );
    doc.appendices
        .iter()
        .enumerate()
        .map(|(i, a)| AppendixView {
            label: if n >= 2 {
                format!("Phụ lục {}", vi::roman(i as u32 + 1).unwrap_or_default())
            } else {
                "Phụ lục".to_string()
            },
            title: vi::upper(a.title.trim()),
            title_phrases: upper_phrases(a.title.trim(), Style::Sentence),
            attached_to: attached_to.clone(),
            attached_phrases: phrases(&attached_to, Style::Sentence),
            body: blocks::flatten(&a.body, &numbering::Ctx::of(doc)),
        })
        .collect()
}

/// The issuer as running text names it again: its short name when it has
/// one (`Ủy ban nhân dân Thành phố`), else its full name.
pub(crate) fn issuer_in_text(doc: &Document) -> String {
    match doc.issuer.short_name.as_deref().map(str::trim) {
        Some(short) if !short.is_empty() => short.to_string(),
        _ => doc.issuer.name.text(),
    }
}

/// Box 10b's width for an urgency mark, from the decree's numbers.
fn urgency_box_width_mm(u: Urgency) -> u32 {
    match u {
        Urgency::Khan => nd30::URGENCY_KHAN_MM,
        Urgency::ThuongKhan => nd30::URGENCY_THUONG_KHAN_MM,
        Urgency::HoaToc => nd30::URGENCY_HOA_TOC_MM,
    }
}

fn keywords(doc: &Document) -> Vec<String> {
    let mut k = vec![doc.kind.name().to_string(), doc.issuer.code.clone()];
    if let Some(p) = doc.period {
        k.push(report::period_text(p));
    }
    if let Some(tasks) = &doc.tasks {
        k.extend(
            tasks
                .fields()
                .into_iter()
                .map(|(f, _)| f.title().to_string()),
        );
    }
    k
}

/// Appends the closing mark `./.` to the last words of a body, as a clerk
/// types it: after a final table, in its last cell that holds text; after a
/// final heading, to its title. Never on a line of its own.
fn close_body(body: &mut Vec<ViewBlock>) {
    let last_words = match body.last_mut() {
        Some(
            ViewBlock::Paragraph { text, .. }
            | ViewBlock::Article { text, .. }
            | ViewBlock::RunIn { text, .. }
            | ViewBlock::Note { text }
            | ViewBlock::Caption { text },
        ) => Some(text),
        Some(ViewBlock::Heading { title, .. } | ViewBlock::Section { title, .. }) => Some(title),
        Some(ViewBlock::Table(table)) => table.rows.last_mut().and_then(|row| {
            let filled = row.iter().rposition(|c| !c.trim().is_empty());
            let i = filled.unwrap_or(row.len().saturating_sub(1));
            row.get_mut(i)
        }),
        None => None,
    };
    match last_words {
        Some(text) => close_text(text),
        None => body.push(ViewBlock::Paragraph {
            label: None,
            text: "./.".to_string(),
        }),
    }
    if let Some(ViewBlock::Table(table)) = body.last_mut() {
        *table = std::mem::take(table).group_cells();
    }
}

/// `text` with its final punctuation replaced by `./.`.
fn close_text(text: &mut String) {
    let trimmed = blocks::without_close_mark(text)
        .trim_end_matches(['.', ';', ','])
        .to_string();
    *text = format!("{trimmed}./.");
}

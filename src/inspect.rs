//! What was laid out where: text runs and rules with their page positions.
//!
//! Tests (and tools that check documents against Nghị định 30) read positions
//! here rather than guessing from strings. Units are millimetres from the top
//! left corner of the page.

use typst::layout::{Abs, Frame, FrameItem, Transform};
use typst::text::FontStyle;
use typst::visualize::Geometry;
use typst_layout::PagedDocument;

/// A run of text as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// 0-based page index.
    pub page: usize,
    /// Left edge, mm from the left of the page.
    pub x: f64,
    /// Baseline, mm from the top of the page.
    pub y: f64,
    /// Width in mm.
    pub width: f64,
    /// Font size in pt.
    pub size: f64,
    /// Bold (weight ≥ 600).
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Font family.
    pub family: String,
    /// The text.
    pub text: String,
}

impl TextRun {
    /// Right edge in mm.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// Horizontal centre in mm.
    pub fn centre(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// A straight horizontal or vertical rule (a `line`), in mm.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// 0-based page index.
    pub page: usize,
    /// Start x.
    pub x: f64,
    /// y.
    pub y: f64,
    /// Length.
    pub length: f64,
}

impl Rule {
    /// Horizontal centre in mm.
    pub fn centre(&self) -> f64 {
        self.x + self.length / 2.0
    }
}

/// Everything visible on the pages of a document.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Page sizes in mm (width, height).
    pub pages: Vec<(f64, f64)>,
    /// Text runs, in layout order.
    pub texts: Vec<TextRun>,
    /// Horizontal rules.
    pub rules: Vec<Rule>,
}

impl Layout {
    /// Reads a laid-out document.
    pub(crate) fn of(document: &PagedDocument) -> Self {
        let mut layout = Layout::default();
        for (i, page) in document.pages().iter().enumerate() {
            let size = page.frame.size();
            layout.pages.push((size.x.to_mm(), size.y.to_mm()));
            walk(&page.frame, Transform::identity(), i, &mut layout);
        }
        layout
    }

    /// Text runs merged into lines: runs on the same page and baseline (within
    /// 0.3 mm) that touch or nearly touch, joined with a space where there is a gap.
    pub fn lines(&self) -> Vec<TextRun> {
        let mut runs = self.texts.clone();
        runs.sort_by(|a, b| {
            (a.page, (a.y * 10.0).round() as i64, (a.x * 100.0) as i64).cmp(&(
                b.page,
                (b.y * 10.0).round() as i64,
                (b.x * 100.0) as i64,
            ))
        });
        let mut lines: Vec<TextRun> = Vec::new();
        for run in runs {
            if let Some(last) = lines.last_mut() {
                let gap = run.x - last.right();
                if last.page == run.page
                    && (last.y - run.y).abs() < 0.3
                    && (-0.5..6.0).contains(&gap)
                {
                    if gap > 0.5 {
                        last.text.push(' ');
                    }
                    last.text.push_str(&run.text);
                    last.width = run.right() - last.x;
                    continue;
                }
            }
            lines.push(run);
        }
        lines
    }

    /// The first line (see [`Layout::lines`]) containing `needle`.
    pub fn find_line(&self, needle: &str) -> Option<TextRun> {
        self.lines().into_iter().find(|l| l.text.contains(needle))
    }

    /// All text of a page in layout order, lines separated by newlines.
    pub fn page_text(&self, page: usize) -> String {
        self.lines()
            .into_iter()
            .filter(|l| l.page == page)
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn walk(frame: &Frame, ts: Transform, page: usize, out: &mut Layout) {
    for (pos, item) in frame.items() {
        let at = pos.transform(ts);
        match item {
            FrameItem::Group(group) => {
                let inner = Transform::translate(pos.x, pos.y).pre_concat(group.transform);
                walk(&group.frame, ts.pre_concat(inner), page, out);
            }
            FrameItem::Text(text) => {
                let info = text.font.font().info();
                // A line's last run carries the space that ended the line;
                // measure the ink, not that space.
                let trailing: Abs = text
                    .glyphs
                    .iter()
                    .rev()
                    .take_while(|g| {
                        text.text
                            .get(g.range())
                            .is_some_and(|s| s.chars().all(char::is_whitespace))
                    })
                    .map(|g| g.x_advance.at(text.size))
                    .sum();
                out.texts.push(TextRun {
                    page,
                    x: at.x.to_mm(),
                    y: at.y.to_mm(),
                    width: (text.width() - trailing).to_mm(),
                    size: text.size.to_pt(),
                    bold: info.variant.weight.to_number() >= 600,
                    italic: info.variant.style != FontStyle::Normal,
                    family: info.family.clone(),
                    text: text.text.trim_end().to_string(),
                });
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry {
                    let end = (*pos + to).transform(ts);
                    if (end.y - at.y).abs() < Abs::pt(0.01) {
                        let (x0, x1) = if at.x <= end.x {
                            (at.x, end.x)
                        } else {
                            (end.x, at.x)
                        };
                        out.rules.push(Rule {
                            page,
                            x: x0.to_mm(),
                            y: at.y.to_mm(),
                            length: (x1 - x0).to_mm(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

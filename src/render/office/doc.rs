//! The rendered Markdown read back into a small document model (headings, paragraphs, list
//! items, tables, rules) that the docx and odt writers share. Gaps ("[in te vullen: …]") are
//! found here, once, and marked on the runs that hold them.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::render::dpia::{GAP_CLOSE, GAP_OPEN};

/// A run of text with one look.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    /// An `http(s)://` or `mailto:` address the run links to.
    pub link: Option<String>,
    /// Part of a gap: highlighted.
    pub gap: bool,
    /// A line break (`text` is empty).
    pub line_break: bool,
}

impl Span {
    /// Whether two runs look the same (and can be one run).
    fn same_look(&self, other: &Span) -> bool {
        self.bold == other.bold
            && self.italic == other.italic
            && self.code == other.code
            && self.link == other.link
            && self.gap == other.gap
            && self.line_break == other.line_break
    }
}

/// Where a paragraph sits in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListPos {
    /// 0 for a top-level list.
    pub level: usize,
    /// The item's number in an ordered list; `None` for a bullet.
    pub number: Option<u64>,
    /// The first paragraph of its item (the one with the bullet).
    pub first: bool,
}

/// A block of the document, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// Level 1–6.
    Heading(u8, Vec<Span>),
    Para(Vec<Span>, Option<ListPos>),
    Table(Table),
    Rule,
    Code(String),
}

/// A table: one header row, then the body rows; each cell is its runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<Vec<Span>>,
    pub rows: Vec<Vec<Vec<Span>>>,
}

/// The most columns one table of the document has: more do not fit an A4 page legibly (and
/// Word takes at most 63). A wider table (the requirement matrix of an organisation with many
/// deployments) becomes several, each repeating the first column.
pub const MAX_COLUMNS: usize = 8;

impl Table {
    /// This table, or for more than `max` columns (`max` ≥ 2) several tables of at most `max`
    /// columns, each with the first column and the next `max - 1` others.
    pub fn split(self, max: usize) -> Vec<Table> {
        let columns = self.header.len();
        let max = max.max(2);
        if columns <= max {
            return vec![self];
        }
        let pick = |row: &[Vec<Span>], from: usize| -> Vec<Vec<Span>> {
            let to = (from + max - 1).min(row.len());
            let mut cells: Vec<Vec<Span>> = row.first().cloned().into_iter().collect();
            cells.extend(row.get(from..to).unwrap_or_default().iter().cloned());
            cells
        };
        (1..columns)
            .step_by(max - 1)
            .map(|from| Table {
                header: pick(&self.header, from),
                rows: self.rows.iter().map(|r| pick(r, from)).collect(),
            })
            .collect()
    }

    /// Relative column widths from the longest text in each column (bounded, so one long
    /// cell does not squeeze the others to nothing).
    pub fn widths(&self) -> Vec<u32> {
        let n = self
            .header
            .len()
            .max(self.rows.iter().map(Vec::len).max().unwrap_or(0));
        let mut w = vec![4u32; n];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate() {
                let len: usize = cell.iter().map(|s| s.text.chars().count()).sum();
                w[i] = w[i].max(u32::try_from(len.min(40)).unwrap_or(40) + 4);
            }
        }
        w
    }
}

/// The document: its blocks and its title (the text of the first level-1 heading).
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    pub title: String,
}

/// Plain text of runs.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

#[derive(Default)]
struct Builder {
    doc: Doc,
    spans: Vec<Span>,
    bold: usize,
    italic: usize,
    links: Vec<Option<String>>,
    /// Open lists: the next item number (`None` for bullets).
    lists: Vec<Option<u64>>,
    /// The current item's next paragraph is its first.
    item_first: bool,
    heading: Option<u8>,
    table: Option<Table>,
    row: Vec<Vec<Span>>,
    code: Option<String>,
}

impl Builder {
    fn push_text(&mut self, text: &str, code: bool) {
        if text.is_empty() {
            return;
        }
        let link = self.links.last().cloned().flatten();
        let span = Span {
            text: text.to_string(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            code,
            link,
            ..Span::default()
        };
        if let Some(last) = self.spans.last_mut()
            && !last.line_break
            && last.same_look(&span)
        {
            last.text.push_str(text);
            return;
        }
        self.spans.push(span);
    }

    fn take_spans(&mut self) -> Vec<Span> {
        let mut spans = std::mem::take(&mut self.spans);
        mark_gaps(&mut spans);
        spans
    }

    /// Ends the paragraph being collected (also the text of a tight list item).
    fn flush_para(&mut self) {
        if self.spans.is_empty() {
            return;
        }
        let spans = self.take_spans();
        let list = self.lists.last().map(|&number| {
            let first = std::mem::take(&mut self.item_first);
            ListPos {
                level: self.lists.len() - 1,
                number,
                first,
            }
        });
        self.doc.blocks.push(Block::Para(spans, list));
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => match &mut self.code {
                Some(code) => code.push_str(&t),
                None => self.push_text(&t, false),
            },
            Event::Code(t) => self.push_text(&t, true),
            Event::SoftBreak => self.push_text(" ", false),
            Event::HardBreak => self.line_break(),
            Event::InlineHtml(h) | Event::Html(h) => {
                if is_br(&h) {
                    self.line_break();
                } else {
                    self.push_text(&h, false);
                }
            }
            Event::Rule => {
                self.flush_para();
                self.doc.blocks.push(Block::Rule);
            }
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(&t, false);
            }
            Event::TaskListMarker(done) => self.push_text(if done { "☑ " } else { "☐ " }, false),
        }
    }

    fn line_break(&mut self) {
        self.spans.push(Span {
            line_break: true,
            ..Span::default()
        });
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_para();
                self.heading = Some(heading_level(level));
            }
            Tag::Paragraph => self.flush_para(),
            Tag::List(start) => {
                self.flush_para();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush_para();
                self.item_first = true;
            }
            Tag::Table(_) => {
                self.flush_para();
                self.table = Some(Table::default());
            }
            Tag::TableHead | Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.spans.clear(),
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            Tag::Link { dest_url, .. } => self.links.push(linkable(&dest_url)),
            Tag::CodeBlock(_) => {
                self.flush_para();
                self.code = Some(String::new());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                let spans = self.take_spans();
                let level = self.heading.take().unwrap_or(1);
                if level == 1 && self.doc.title.is_empty() {
                    self.doc.title = plain(&spans);
                }
                self.doc.blocks.push(Block::Heading(level, spans));
            }
            TagEnd::Paragraph => self.flush_para(),
            TagEnd::Item => {
                self.flush_para();
                if let Some(Some(n)) = self.lists.last_mut() {
                    *n += 1;
                }
            }
            TagEnd::List(_) => {
                self.flush_para();
                self.lists.pop();
            }
            TagEnd::TableCell => {
                let spans = self.take_spans();
                self.row.push(spans);
            }
            TagEnd::TableHead => {
                let row = std::mem::take(&mut self.row);
                if let Some(t) = &mut self.table {
                    t.header = row;
                }
            }
            TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                if let Some(t) = &mut self.table {
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.doc
                        .blocks
                        .extend(t.split(MAX_COLUMNS).into_iter().map(Block::Table));
                }
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Link => {
                self.links.pop();
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.doc.blocks.push(Block::Code(code));
                }
            }
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn is_br(html: &str) -> bool {
    matches!(
        html.trim().to_ascii_lowercase().as_str(),
        "<br>" | "<br/>" | "<br />"
    )
}

/// A link target that may become a link in the document: web and mail addresses only.
fn linkable(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        .then(|| url.to_string())
}

/// Reads rendered Markdown (CommonMark with GFM tables) into the document model.
pub fn parse(markdown: &str) -> Doc {
    let mut b = Builder::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        b.event(event);
    }
    b.flush_para();
    b.doc
}

/// The byte ranges of the gaps in `text`: from a gap's opening ([`GAP_OPEN`], either language)
/// to its matching [`GAP_CLOSE`] (brackets inside the gap text are balanced). An opening that
/// is never closed is not a gap.
pub fn gap_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some((start, open)) = GAP_OPEN
        .iter()
        .filter_map(|o| text[from..].find(o).map(|i| (from + i, *o)))
        .min()
    {
        let body = start + open.len();
        let mut depth = 1usize;
        let mut end = None;
        for (i, c) in text[body..].char_indices() {
            if c == '[' {
                depth += 1;
            } else if text[body + i..].starts_with(GAP_CLOSE) {
                depth -= 1;
                if depth == 0 {
                    end = Some(body + i + GAP_CLOSE.len());
                    break;
                }
            }
        }
        match end {
            Some(end) => {
                ranges.push((start, end));
                from = end;
            }
            None => from = body,
        }
    }
    ranges
}

/// Marks the runs (split where needed) that lie in a gap. A gap may span runs (bold text in
/// it, a link); line breaks count as no text.
pub fn mark_gaps(spans: &mut Vec<Span>) {
    let text = plain(spans);
    let ranges = gap_ranges(&text);
    if ranges.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(spans.len() + 2 * ranges.len());
    let mut offset = 0;
    for span in spans.drain(..) {
        let len = span.text.len();
        if len == 0 {
            out.push(span);
            continue;
        }
        let mut cuts: Vec<usize> = ranges
            .iter()
            .flat_map(|&(s, e)| [s, e])
            .filter(|&p| p > offset && p < offset + len)
            .map(|p| p - offset)
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        cuts.push(len);
        let mut at = 0;
        for cut in cuts {
            let abs = offset + at;
            out.push(Span {
                text: span.text[at..cut].to_string(),
                gap: ranges.iter().any(|&(s, e)| abs >= s && abs < e),
                ..span.clone()
            });
            at = cut;
        }
        offset += len;
    }
    *spans = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_is_found_across_runs_and_with_brackets_inside() {
        let doc = parse("- **\\[in te vullen: veld `a[b]` hier\\]** (G3) en meer\n");
        let Block::Para(spans, Some(pos)) = &doc.blocks[0] else {
            panic!("{doc:?}")
        };
        assert!(pos.first && pos.level == 0 && pos.number.is_none());
        let gap: String = spans
            .iter()
            .filter(|s| s.gap)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(gap, "[in te vullen: veld a[b] hier]");
        let rest: String = spans
            .iter()
            .filter(|s| !s.gap)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(rest, " (G3) en meer");
        assert!(spans.iter().any(|s| s.gap && s.code && s.text == "a[b]"));
    }

    #[test]
    fn a_wide_table_is_split_repeating_its_first_column() {
        let md = "| k | a | b | c | d |\n| --- | --- | --- | --- | --- |\n| 1 | 2 | 3 | 4 | 5 |\n";
        let Block::Table(t) = parse(md).blocks.remove(0) else {
            panic!()
        };
        let parts = t.split(3);
        let texts: Vec<Vec<String>> = parts
            .iter()
            .map(|t| t.rows[0].iter().map(|c| plain(c)).collect())
            .collect();
        assert_eq!(texts, [["1", "2", "3"], ["1", "4", "5"]]);
        assert_eq!(plain(&parts[1].header[2]), "d");
    }

    #[test]
    fn an_unclosed_opening_is_no_gap() {
        assert!(gap_ranges("[to fill in: never closed").is_empty());
        assert_eq!(gap_ranges("x [to fill in: y] z").len(), 1);
    }

    #[test]
    fn tables_lists_and_breaks() {
        let doc = parse(
            "# T\n\n| a | b |\n| --- | --- |\n| 1<br>2 | [x](<https://e.nl>) |\n\n- one\n  - two\n",
        );
        assert_eq!(doc.title, "T");
        let Block::Table(t) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(t.rows.len(), 1);
        assert!(t.rows[0][0].iter().any(|s| s.line_break));
        assert_eq!(t.rows[0][1][0].link.as_deref(), Some("https://e.nl"));
        assert!(matches!(
            &doc.blocks[3],
            Block::Para(_, Some(ListPos { level: 1, .. }))
        ));
    }
}

//! The document model as OpenDocument text (`.odt`): `content.xml` with `text:h` headings in
//! the "Heading 1" … "Heading 6" styles (outline levels set, so a table of contents finds them),
//! nested `text:list`s, tables with header rows, and gaps in a text style with a yellow
//! background; `styles.xml`, `meta.xml` and the manifest. The `mimetype` entry comes first,
//! stored uncompressed, as ODF requires.

use std::fmt::Write as _;

use super::doc::{Block, Span, Table};
use super::splice::{NUMBER, TABLE, TEXT};
use super::{Meta, Part, esc};

const MIME: &str = "application/vnd.oasis.opendocument.text";
const NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"";
/// The width of the text on an A4 page with 2 cm margins.
const TEXT_WIDTH_CM: f64 = 17.0;

/// The package parts before `content.xml`, `mimetype` first.
pub(crate) fn parts_before(meta: &Meta) -> Vec<Part> {
    vec![
        Part {
            name: "mimetype",
            data: MIME.to_string(),
            stored: true,
        },
        Part {
            name: "META-INF/manifest.xml",
            data: manifest(),
            stored: false,
        },
        Part {
            name: "meta.xml",
            data: meta_xml(meta),
            stored: false,
        },
        Part {
            name: "styles.xml",
            data: styles(meta),
            stored: false,
        },
    ]
}

fn manifest() -> String {
    let entry = |path: &str| {
        format!(
            "<manifest:file-entry manifest:full-path=\"{path}\" manifest:media-type=\"text/xml\"/>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"{MIME}\"/>{}{}{}</manifest:manifest>",
        entry("content.xml"),
        entry("styles.xml"),
        entry("meta.xml")
    )
}

fn meta_xml(meta: &Meta) -> String {
    let date = meta.timestamp();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta {NS} office:version=\"1.3\"><office:meta><meta:generator>beeldbel/{}</meta:generator><dc:title>{}</dc:title><dc:language>{}</dc:language><meta:creation-date>{date}</meta:creation-date><dc:date>{date}</dc:date></office:meta></office:document-meta>",
        env!("CARGO_PKG_VERSION"),
        esc(&meta.title),
        meta.lang
    )
}

/// The look of a text style `T{mask}`: bold 1, italic 2, code 4, gap 8.
fn text_props(mask: u8) -> String {
    let mut p = String::new();
    if mask & 1 != 0 {
        p.push_str(" fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"");
    }
    if mask & 2 != 0 {
        p.push_str(" fo:font-style=\"italic\" style:font-style-asian=\"italic\" style:font-style-complex=\"italic\"");
    }
    if mask & 4 != 0 {
        p.push_str(" style:font-name=\"Mono\" fo:font-size=\"10pt\"");
    }
    if mask & 8 != 0 {
        p.push_str(" fo:background-color=\"#ffff00\"");
    }
    p
}

fn mask(span: &Span, bold: bool) -> u8 {
    u8::from(span.bold || bold)
        | (u8::from(span.italic) << 1)
        | (u8::from(span.code) << 2)
        | (u8::from(span.gap) << 3)
}

const FONTS: &str = "<office:font-face-decls><style:font-face style:name=\"Mono\" svg:font-family=\"&apos;Liberation Mono&apos;\" style:font-family-generic=\"modern\" style:font-pitch=\"fixed\"/><style:font-face style:name=\"Sans\" svg:font-family=\"&apos;Liberation Sans&apos;\" style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/></office:font-face-decls>";

/// The start of `content.xml`, up to the automatic styles of the tables.
pub(crate) fn content_start() -> String {
    let mut auto = String::new();
    for m in 1..16u8 {
        let _ = write!(
            auto,
            "<style:style style:name=\"T{m}\" style:family=\"text\"><style:text-properties{}/></style:style>",
            text_props(m)
        );
    }
    auto.push_str("<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.07cm\" fo:border=\"0.5pt solid #000000\"/></style:style>");
    auto.push_str("<style:style style:name=\"HeadCell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.07cm\" fo:border=\"0.5pt solid #000000\" fo:background-color=\"#e7e6e6\"/></style:style>");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content {NS} office:version=\"1.3\">{FONTS}<office:automatic-styles>{auto}"
    )
}

/// Between the automatic styles and the text of `content.xml`.
pub(crate) const CONTENT_MIDDLE: &str = "</office:automatic-styles><office:body><office:text>";

/// The end of `content.xml`.
pub(crate) const CONTENT_END: &str = "</office:text></office:body></office:document-content>";

/// The text of `blocks`, with each table's automatic styles marked ([`super::splice`]): between
/// [`TABLE`] and [`TEXT`] the styles of a new table, and its number as [`NUMBER`].
pub(crate) fn fragment(blocks: &[Block]) -> String {
    let mut body = String::new();
    let mut lists = Lists::default();
    for block in blocks {
        if let Block::Para(spans, Some(pos)) = block {
            lists.enter(&mut body, pos.level + 1, pos.first, pos.number.is_some());
            let spans = numbered(spans, pos.first.then_some(pos.number).flatten());
            para(&mut body, "text:p", "List_20_Paragraph", "", &spans, false);
            continue;
        }
        lists.close_to(&mut body, 0);
        match block {
            Block::Heading(level, spans) => {
                let attrs = format!(" text:outline-level=\"{level}\"");
                para(
                    &mut body,
                    "text:h",
                    &format!("Heading_20_{level}"),
                    &attrs,
                    spans,
                    false,
                );
            }
            Block::Para(spans, _) => para(&mut body, "text:p", "Text_20_body", "", spans, false),
            Block::Table(t) => table(&mut body, t),
            Block::Rule => body.push_str("<text:p text:style-name=\"Rule\"/>"),
            Block::Code(code) => {
                let spans: Vec<Span> = code
                    .trim_end_matches('\n')
                    .split('\n')
                    .enumerate()
                    .flat_map(|(i, line)| {
                        let brk = (i > 0).then(|| Span {
                            line_break: true,
                            ..Span::default()
                        });
                        brk.into_iter().chain(std::iter::once(Span {
                            text: line.to_string(),
                            ..Span::default()
                        }))
                    })
                    .collect();
                para(
                    &mut body,
                    "text:p",
                    "Preformatted_20_Text",
                    "",
                    &spans,
                    false,
                );
            }
        }
    }
    lists.close_to(&mut body, 0);
    body
}

/// The runs of an ordered list item's first paragraph, with its number in front.
fn numbered(spans: &[Span], number: Option<u64>) -> Vec<Span> {
    let mut spans = spans.to_vec();
    if let Some(n) = number {
        spans.insert(
            0,
            Span {
                text: format!("{n}. "),
                ..Span::default()
            },
        );
    }
    spans
}

/// The open `text:list`s, innermost last; for each, whether an item is open in it.
#[derive(Default)]
struct Lists {
    open: Vec<bool>,
}

impl Lists {
    /// Closes lists until `depth` remain.
    fn close_to(&mut self, s: &mut String, depth: usize) {
        while self.open.len() > depth {
            if self.open.pop() == Some(true) {
                s.push_str("</text:list-item>");
            }
            s.push_str("</text:list>");
        }
    }

    /// Places the next paragraph at list `depth` (1 = top level): in a new item when it is the
    /// first paragraph of its item, else in the open one.
    fn enter(&mut self, s: &mut String, depth: usize, first: bool, ordered: bool) {
        self.close_to(s, depth);
        while self.open.len() < depth {
            if let Some(top) = self.open.last_mut()
                && !*top
            {
                s.push_str("<text:list-item>");
                *top = true;
            }
            let style = if ordered { "Numbers" } else { "Bullets" };
            let _ = write!(s, "<text:list text:style-name=\"{style}\">");
            self.open.push(false);
        }
        if let Some(top) = self.open.last_mut() {
            if first && *top {
                s.push_str("</text:list-item>");
                *top = false;
            }
            if !*top {
                s.push_str("<text:list-item>");
                *top = true;
            }
        }
    }
}

/// One paragraph or heading (`element`) in paragraph style `style`.
fn para(s: &mut String, element: &str, style: &str, attrs: &str, spans: &[Span], bold: bool) {
    let _ = write!(s, "<{element} text:style-name=\"{style}\"{attrs}>");
    let mut i = 0;
    while i < spans.len() {
        match &spans[i].link {
            Some(url) => {
                let end = spans[i..]
                    .iter()
                    .position(|x| x.link.as_ref() != Some(url))
                    .map_or(spans.len(), |p| i + p);
                let _ = write!(
                    s,
                    "<text:a xlink:type=\"simple\" xlink:href=\"{}\" text:style-name=\"Internet_20_link\" text:visited-style-name=\"Visited_20_Internet_20_Link\">",
                    esc(url)
                );
                for span in &spans[i..end] {
                    run(s, span, bold);
                }
                s.push_str("</text:a>");
                i = end;
            }
            None => {
                run(s, &spans[i], bold);
                i += 1;
            }
        }
    }
    let _ = write!(s, "</{element}>");
}

fn run(s: &mut String, span: &Span, bold: bool) {
    if span.line_break {
        s.push_str("<text:line-break/>");
        return;
    }
    match mask(span, bold) {
        0 => text(s, &span.text),
        m => {
            let _ = write!(s, "<text:span text:style-name=\"T{m}\">");
            text(s, &span.text);
            s.push_str("</text:span>");
        }
    }
}

/// Text with ODF's white space: a second space in a row is `text:s`, a tab `text:tab`.
fn text(s: &mut String, t: &str) {
    let mut spaces = 0u32;
    let flush = |s: &mut String, spaces: &mut u32| {
        match *spaces {
            0 => {}
            1 => s.push(' '),
            n => {
                let _ = write!(s, " <text:s text:c=\"{}\"/>", n - 1);
            }
        }
        *spaces = 0;
    };
    for c in t.chars() {
        match c {
            ' ' => spaces += 1,
            '\t' => {
                flush(s, &mut spaces);
                s.push_str("<text:tab/>");
            }
            '\n' => {
                flush(s, &mut spaces);
                s.push_str("<text:line-break/>");
            }
            c => {
                flush(s, &mut spaces);
                crate::render::common::push_xml_char(s, c, false);
            }
        }
    }
    flush(s, &mut spaces);
}

/// A table: first, between [`TABLE`] and [`TEXT`], its automatic styles, then the table; its
/// number (in document order, known when the parts are put together) as [`NUMBER`].
fn table(s: &mut String, t: &Table) {
    let widths = t.widths();
    let total: u32 = widths.iter().sum::<u32>().max(1);
    s.push(TABLE);
    let _ = write!(
        s,
        "<style:style style:name=\"Tbl{NUMBER}\" style:family=\"table\"><style:table-properties style:width=\"{TEXT_WIDTH_CM}cm\" table:align=\"margins\"/></style:style>"
    );
    for (i, w) in widths.iter().enumerate() {
        let cm = TEXT_WIDTH_CM * f64::from(*w) / f64::from(total);
        let _ = write!(
            s,
            "<style:style style:name=\"Tbl{NUMBER}.C{}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{cm:.3}cm\" style:rel-column-width=\"{w}*\"/></style:style>",
            i + 1
        );
    }
    s.push(TEXT);
    let _ = write!(
        s,
        "<table:table table:name=\"{}{NUMBER}\" table:style-name=\"Tbl{NUMBER}\">",
        crate::i18n::tr("Tabel", "Table")
    );
    for i in 0..widths.len() {
        let _ = write!(
            s,
            "<table:table-column table:style-name=\"Tbl{NUMBER}.C{}\"/>",
            i + 1
        );
    }
    let row = |s: &mut String, cells: &[Vec<Span>], header: bool| {
        s.push_str("<table:table-row>");
        for i in 0..widths.len() {
            let (cell_style, p_style) = if header {
                ("HeadCell", "Table_20_Heading")
            } else {
                ("Cell", "Table_20_Contents")
            };
            let _ = write!(
                s,
                "<table:table-cell table:style-name=\"{cell_style}\" office:value-type=\"string\">"
            );
            para(
                s,
                "text:p",
                p_style,
                "",
                cells.get(i).map_or(&[][..], Vec::as_slice),
                header,
            );
            s.push_str("</table:table-cell>");
        }
        s.push_str("</table:table-row>");
    };
    s.push_str("<table:table-header-rows>");
    row(s, &t.header, true);
    s.push_str("</table:table-header-rows>");
    for r in &t.rows {
        row(s, r, false);
    }
    s.push_str("</table:table>");
}

fn styles(meta: &Meta) -> String {
    let (language, country) = meta.lang.split_once('-').unwrap_or((meta.lang, ""));
    let mut st = format!(
        "<style:default-style style:family=\"paragraph\"><style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.21cm\"/><style:text-properties style:font-name=\"Sans\" fo:font-size=\"11pt\" fo:language=\"{language}\" fo:country=\"{country}\"/></style:default-style>"
    );
    st.push_str(
        "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>",
    );
    st.push_str("<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\"/>");
    st.push_str("<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\" style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.42cm\" fo:margin-bottom=\"0.21cm\" fo:keep-with-next=\"always\"/><style:text-properties fo:color=\"#1f3864\" fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"/></style:style>");
    for (i, size) in ["18pt", "15pt", "13pt", "12pt", "11pt", "11pt"]
        .iter()
        .enumerate()
    {
        let level = i + 1;
        let _ = write!(
            st,
            "<style:style style:name=\"Heading_20_{level}\" style:display-name=\"Heading {level}\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"{level}\" style:class=\"text\"><style:text-properties fo:font-size=\"{size}\"/></style:style>"
        );
    }
    st.push_str("<style:style style:name=\"List_20_Paragraph\" style:display-name=\"List Paragraph\" style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\" style:class=\"list\"><style:paragraph-properties fo:margin-bottom=\"0.1cm\"/></style:style>");
    st.push_str("<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"><style:paragraph-properties fo:margin-bottom=\"0cm\"/><style:text-properties fo:font-size=\"9pt\"/></style:style>");
    st.push_str("<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\"><style:text-properties fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"/></style:style>");
    st.push_str("<style:style style:name=\"Preformatted_20_Text\" style:display-name=\"Preformatted Text\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"html\"><style:text-properties style:font-name=\"Mono\" fo:font-size=\"10pt\"/></style:style>");
    st.push_str("<style:style style:name=\"Rule\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:border-bottom=\"0.5pt solid #808080\" fo:padding=\"0cm\"/></style:style>");
    st.push_str("<style:style style:name=\"Internet_20_link\" style:display-name=\"Internet link\" style:family=\"text\"><style:text-properties fo:color=\"#0563c1\" style:text-underline-style=\"solid\" style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"/></style:style>");
    st.push_str("<style:style style:name=\"Visited_20_Internet_20_Link\" style:display-name=\"Visited Internet Link\" style:family=\"text\"><style:text-properties fo:color=\"#800080\" style:text-underline-style=\"solid\" style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"/></style:style>");
    for (name, ordered) in [("Bullets", false), ("Numbers", true)] {
        let _ = write!(st, "<text:list-style style:name=\"{name}\">");
        for level in 1..=10u32 {
            let indent = 0.635 * f64::from(level);
            let props = format!(
                "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"{indent:.3}cm\" fo:text-indent=\"-0.635cm\" fo:margin-left=\"{indent:.3}cm\"/></style:list-level-properties>"
            );
            if ordered {
                let _ = write!(
                    st,
                    "<text:list-level-style-number text:level=\"{level}\" style:num-format=\"\">{props}</text:list-level-style-number>"
                );
            } else {
                let bullet = ["•", "◦", "▪"][(level as usize - 1) % 3];
                let _ = write!(
                    st,
                    "<text:list-level-style-bullet text:level=\"{level}\" text:bullet-char=\"{bullet}\">{props}</text:list-level-style-bullet>"
                );
            }
        }
        st.push_str("</text:list-style>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles {NS} office:version=\"1.3\">{FONTS}<office:styles>{st}</office:styles><office:automatic-styles><style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" fo:margin-top=\"2cm\" fo:margin-bottom=\"2cm\" fo:margin-left=\"2cm\" fo:margin-right=\"2cm\"/></style:page-layout></office:automatic-styles><office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\"/></office:master-styles></office:document-styles>"
    )
}

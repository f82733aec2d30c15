//! The document model as WordprocessingML (`.docx`): `word/document.xml` with the built-in
//! heading styles ("heading 1" … "heading 6", with outline levels, so Word's table of contents
//! and navigation pane find them), bullet lists through `word/numbering.xml`, tables with a
//! repeated header row, and gaps with a yellow highlight.

use std::fmt::Write as _;

use super::doc::{Block, Span, Table};
use super::splice::LINK;
use super::{Meta, Part, esc};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// A4 less 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 9638;

/// The package parts before `word/document.xml`.
pub(crate) fn parts_before(meta: &Meta) -> Vec<Part> {
    vec![
        part("[Content_Types].xml", content_types()),
        part("_rels/.rels", root_rels()),
        part("docProps/core.xml", core(meta)),
        part("docProps/app.xml", app()),
    ]
}

/// The package parts after `word/document.xml`, whose hyperlinks were `links` (in order of their
/// ids).
pub(crate) fn parts_after(meta: &Meta, links: &[String]) -> Vec<Part> {
    vec![
        part("word/_rels/document.xml.rels", document_rels(links)),
        part("word/styles.xml", styles(meta)),
        part("word/numbering.xml", numbering()),
        part("word/settings.xml", settings(meta)),
    ]
}

fn part(name: &'static str, data: String) -> Part {
    Part {
        name,
        data,
        stored: false,
    }
}

/// The start of `word/document.xml`.
pub(crate) fn document_start() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"
    )
}

/// The end of `word/document.xml`.
pub(crate) const DOCUMENT_END: &str = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";

fn content_types() -> String {
    let ov = |part: &str, ty: &str| {
        format!(
            "<Override PartName=\"{part}\" ContentType=\"application/vnd.openxmlformats-{ty}+xml\"/>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>{}{}{}{}{}{}</Types>",
        ov(
            "/word/document.xml",
            "officedocument.wordprocessingml.document.main"
        ),
        ov("/word/styles.xml", "officedocument.wordprocessingml.styles"),
        ov(
            "/word/numbering.xml",
            "officedocument.wordprocessingml.numbering"
        ),
        ov(
            "/word/settings.xml",
            "officedocument.wordprocessingml.settings"
        ),
        ov("/docProps/core.xml", "package.core-properties"),
        ov("/docProps/app.xml", "officedocument.extended-properties"),
    )
}

fn root_rels() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{REL_NS}\"><Relationship Id=\"rId1\" Type=\"{REL_TYPE}/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"{REL_TYPE}/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"
    )
}

fn core(meta: &Meta) -> String {
    let date = meta.timestamp();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>beeldbel</dc:creator><dc:language>{}</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>",
        esc(&meta.title),
        meta.lang
    )
}

fn app() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>beeldbel {}</Application></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

fn document_rels(links: &[String]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{REL_NS}\"><Relationship Id=\"rId1\" Type=\"{REL_TYPE}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"{REL_TYPE}/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId3\" Type=\"{REL_TYPE}/settings\" Target=\"settings.xml\"/>"
    );
    for (i, url) in links.iter().enumerate() {
        let _ = write!(
            s,
            "<Relationship Id=\"rIdL{}\" Type=\"{REL_TYPE}/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
            i + 1,
            esc(url)
        );
    }
    s.push_str("</Relationships>");
    s
}

/// The body of `blocks`; each hyperlink's relationship id names its address between two
/// [`LINK`] marks ([`super::splice`] numbers them).
pub(crate) fn fragment(blocks: &[Block]) -> String {
    let mut s = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, spans) => {
                let ppr = format!("<w:pStyle w:val=\"Heading{level}\"/>");
                para(&mut s, &ppr, spans);
            }
            Block::Para(spans, None) => para(&mut s, "", spans),
            Block::Para(spans, Some(pos)) => {
                let ppr = match (pos.first, pos.number) {
                    (true, None) => format!(
                        "<w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"1\"/></w:numPr>",
                        pos.level.min(8)
                    ),
                    _ => format!(
                        "<w:pStyle w:val=\"ListParagraph\"/><w:ind w:left=\"{}\"/>",
                        360 * (pos.level.min(8) + 1)
                    ),
                };
                let mut spans = spans.clone();
                if let (true, Some(n)) = (pos.first, pos.number) {
                    spans.insert(0, Span { text: format!("{n}. "), ..Span::default() });
                }
                para(&mut s, &ppr, &spans);
            }
            Block::Table(t) => table(&mut s, t),
            Block::Rule => s.push_str(
                "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr></w:pPr></w:p>",
            ),
            Block::Code(code) => {
                let spans: Vec<Span> = code
                    .trim_end_matches('\n')
                    .split('\n')
                    .enumerate()
                    .flat_map(|(i, line)| {
                        let brk = (i > 0).then(|| Span { line_break: true, ..Span::default() });
                        brk.into_iter().chain(std::iter::once(Span {
                            text: line.to_string(),
                            code: true,
                            ..Span::default()
                        }))
                    })
                    .collect();
                para(&mut s, "", &spans);
            }
        }
    }
    s
}

/// One paragraph with properties `ppr` (the inside of `w:pPr`).
fn para(s: &mut String, ppr: &str, spans: &[Span]) {
    s.push_str("<w:p>");
    if !ppr.is_empty() {
        let _ = write!(s, "<w:pPr>{ppr}</w:pPr>");
    }
    runs(s, spans, false);
    s.push_str("</w:p>");
}

/// The runs of a paragraph; consecutive runs with the same link share one `w:hyperlink`.
fn runs(s: &mut String, spans: &[Span], bold: bool) {
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
                    "<w:hyperlink r:id=\"rIdL{LINK}{}{LINK}\">",
                    url.replace(LINK, "\u{FFFD}")
                );
                for span in &spans[i..end] {
                    run(s, span, bold);
                }
                s.push_str("</w:hyperlink>");
                i = end;
            }
            None => {
                run(s, &spans[i], bold);
                i += 1;
            }
        }
    }
}

/// One run. The children of `w:rPr` are in the order the schema requires.
fn run(s: &mut String, span: &Span, bold: bool) {
    if span.line_break {
        s.push_str("<w:r><w:br/></w:r>");
        return;
    }
    let mut rpr = String::new();
    if span.code {
        rpr.push_str("<w:rStyle w:val=\"Code\"/>");
    } else if span.link.is_some() {
        rpr.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
    }
    if span.bold || bold {
        rpr.push_str("<w:b/>");
    }
    if span.italic {
        rpr.push_str("<w:i/>");
    }
    if span.gap {
        rpr.push_str("<w:highlight w:val=\"yellow\"/>");
    }
    s.push_str("<w:r>");
    if !rpr.is_empty() {
        let _ = write!(s, "<w:rPr>{rpr}</w:rPr>");
    }
    let _ = write!(
        s,
        "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(&span.text)
    );
}

fn table(s: &mut String, t: &Table) {
    let widths = t.widths();
    let total: u32 = widths.iter().sum::<u32>().max(1);
    let cols: Vec<u32> = widths.iter().map(|w| TEXT_WIDTH * w / total).collect();
    s.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for w in &cols {
        let _ = write!(s, "<w:gridCol w:w=\"{w}\"/>");
    }
    s.push_str("</w:tblGrid>");
    let row = |s: &mut String, cells: &[Vec<Span>], header: bool| {
        s.push_str("<w:tr>");
        if header {
            s.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for (i, w) in cols.iter().enumerate() {
            let _ = write!(s, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
            if header {
                s.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>");
            }
            s.push_str("</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>");
            if let Some(cell) = cells.get(i) {
                runs(s, cell, header);
            }
            s.push_str("</w:p></w:tc>");
        }
        s.push_str("</w:tr>");
    };
    row(s, &t.header, true);
    for r in &t.rows {
        row(s, r, false);
    }
    s.push_str("</w:tbl>");
    // Two tables in a row would merge into one; a paragraph after each keeps them apart.
    s.push_str("<w:p/>");
}

fn styles(meta: &Meta) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W_NS}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{0}\" w:eastAsia=\"{0}\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        meta.lang
    );
    s.push_str("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>");
    let sizes = [36, 30, 26, 24, 22, 22];
    for (i, size) in sizes.iter().enumerate() {
        let level = i + 1;
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{}\" w:after=\"120\"/><w:outlineLvl w:val=\"{i}\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            if level <= 2 { 360 } else { 240 }
        );
    }
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/></w:pPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:uiPriority w:val=\"99\"/><w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"character\" w:styleId=\"Code\"><w:name w:val=\"Code\"/><w:rPr><w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/><w:sz w:val=\"20\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    s.push_str("</w:styles>");
    s
}

/// One bullet list definition, nine levels deep.
fn numbering() -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"{W_NS}\"><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
    );
    for level in 0..9u32 {
        let bullet = ["•", "◦", "▪"][level as usize % 3];
        let _ = write!(
            s,
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"{bullet}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
            360 * (level + 1)
        );
    }
    s.push_str(
        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
    );
    s
}

fn settings(meta: &Meta) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{W_NS}\"><w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"{}\"/></w:settings>",
        meta.lang
    )
}

//! What a document's fragments leave open until they are put together in order: the number of
//! each hyperlink (docx) and of each table (odt), and, in an odt, where a table's automatic
//! styles go (before all of the text). A fragment marks these with control characters, which
//! never occur in its XML otherwise (every input string is escaped, a forbidden character
//! replaced); the writers here resolve the marks as the fragments stream through them.

use std::collections::HashMap;
use std::io::{self, Write};

/// docx: a hyperlink's relationship id names its address between two of these.
pub(crate) const LINK: char = '\u{1}';
/// odt: the automatic styles of a new table follow, up to [`TEXT`].
pub(crate) const TABLE: char = '\u{2}';
/// odt: the number of the current table.
pub(crate) const NUMBER: char = '\u{3}';
/// odt: the text follows.
pub(crate) const TEXT: char = '\u{4}';

/// Writes docx fragments into `out`, numbering the hyperlinks in order of first appearance.
pub(crate) struct Links<'a> {
    out: &'a mut dyn Write,
    /// The addresses, in the order of their ids (`rIdL1` first).
    pub(crate) links: Vec<String>,
    ids: HashMap<String, usize>,
    /// The address being read between two marks.
    reading: Option<Vec<u8>>,
}

impl<'a> Links<'a> {
    pub(crate) fn new(out: &'a mut dyn Write) -> Links<'a> {
        Links {
            out,
            links: Vec::new(),
            ids: HashMap::new(),
            reading: None,
        }
    }
}

impl Write for Links<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            let p = rest.iter().position(|&b| b == LINK as u8);
            match (&mut self.reading, p) {
                (Some(url), None) => {
                    url.extend_from_slice(rest);
                    rest = &[];
                }
                (Some(url), Some(p)) => {
                    url.extend_from_slice(&rest[..p]);
                    rest = &rest[p + 1..];
                    let url = String::from_utf8_lossy(url).into_owned();
                    self.reading = None;
                    let id = match self.ids.get(&url) {
                        Some(&id) => id,
                        None => {
                            self.links.push(url.clone());
                            self.ids.insert(url, self.links.len());
                            self.links.len()
                        }
                    };
                    write!(self.out, "{id}")?;
                }
                (None, None) => {
                    self.out.write_all(rest)?;
                    rest = &[];
                }
                (None, Some(p)) => {
                    self.out.write_all(&rest[..p])?;
                    rest = &rest[p + 1..];
                    self.reading = Some(Vec::new());
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Writes odt fragments: the tables' automatic styles into `styles`, the rest into `text`, each
/// table numbered in order (from 1).
pub(crate) struct Tables<'a> {
    styles: &'a mut dyn Write,
    text: &'a mut dyn Write,
    in_styles: bool,
    tables: usize,
}

impl<'a> Tables<'a> {
    pub(crate) fn new(styles: &'a mut dyn Write, text: &'a mut dyn Write) -> Tables<'a> {
        Tables {
            styles,
            text,
            in_styles: false,
            tables: 0,
        }
    }

    fn sink(&mut self) -> &mut dyn Write {
        if self.in_styles {
            &mut *self.styles
        } else {
            &mut *self.text
        }
    }
}

impl Write for Tables<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(p) = rest
            .iter()
            .position(|&b| b == TABLE as u8 || b == NUMBER as u8 || b == TEXT as u8)
        {
            self.sink().write_all(&rest[..p])?;
            match rest[p] {
                b if b == TABLE as u8 => {
                    self.tables += 1;
                    self.in_styles = true;
                }
                b if b == TEXT as u8 => self.in_styles = false,
                _ => {
                    let n = self.tables;
                    write!(self.sink(), "{n}")?;
                }
            }
            rest = &rest[p + 1..];
        }
        self.sink().write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.styles.flush()?;
        self.text.flush()
    }
}

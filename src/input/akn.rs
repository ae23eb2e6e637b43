//! Akoma Ntoso XML → text "as a person reads it".
//!
//! One streaming pass over quick-xml events, with an explicit stack instead
//! of recursion, so deep nesting cannot overflow the call stack. Each piece of
//! text goes to one place depending on where it stands: the paragraph being
//! read, the footnote being read (`<authorialNote>`), the pending paragraph
//! number (`<num>`), or nowhere (`<meta>`). A paragraph is written out when a
//! block element (`<p>`, `<heading>`, ...) starts or ends, followed by the
//! footnotes whose markers it contained, so a footnote reads right after the
//! paragraph that cites it, as on the printed page.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::DocMeta;

/// The readable text and metadata of an Akoma Ntoso document.
pub(super) struct AknText {
    pub text: String,
    pub meta: DocMeta,
    pub warnings: Vec<String>,
}

/// Why the XML could not be read, and where (byte offset in the text given).
pub(super) struct XmlFailure {
    pub message: String,
    pub position: usize,
}

/// True when the first element of `text` (after any BOM, whitespace, XML
/// declaration, comments or DOCTYPE) is `akomaNtoso`, with any prefix.
pub(super) fn is_akoma_ntoso(text: &str) -> bool {
    let Some(tag) = first_tag(text) else {
        return false;
    };
    let end = tag
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(tag.len());
    let name = &tag[..end];
    name.rsplit_once(':').map_or(name, |(_, local)| local) == "akomaNtoso"
}

/// True when `text` starts like a markup document (`<name ...`).
pub(super) fn starts_with_markup(text: &str) -> bool {
    first_tag(text).is_some_and(|tag| tag.starts_with(char::is_alphabetic))
}

/// The text right after the `<` of the first element, skipping the prolog.
fn first_tag(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        let close = if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<!") {
            ">"
        } else {
            break;
        };
        // Search past the opening "<?" / "<!" (ASCII, so index 2 is a boundary).
        let end = rest[2..].find(close)? + 2 + close.len();
        rest = &rest[end..];
    }
    rest.strip_prefix('<')
}

/// Reads a whole Akoma Ntoso document in one pass.
pub(super) fn read(xml: &str) -> Result<AknText, XmlFailure> {
    let mut reader = Reader::from_str(xml);
    let mut walker = Walker::default();
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => return Err(failure(error.to_string(), reader.error_position())),
        };
        let step = match event {
            Event::Start(e) => walker.open(&e),
            Event::Empty(e) => walker.open(&e).map(|()| walker.close()),
            Event::End(_) => {
                walker.close();
                Ok(())
            }
            Event::Text(t) => t.unescape().map(|text| walker.text(&text)),
            Event::CData(c) => {
                walker.text(&String::from_utf8_lossy(&c));
                Ok(())
            }
            Event::Eof => break,
            // Declaration, comments, processing instructions, DOCTYPE: not read.
            _ => Ok(()),
        };
        step.map_err(|error| failure(error.to_string(), reader.buffer_position()))?;
    }
    walker.finish(xml.len())
}

fn failure(message: String, position: u64) -> XmlFailure {
    let position = usize::try_from(position).unwrap_or(usize::MAX);
    XmlFailure { message, position }
}

/// What an open element means for the text; kept on the stack until it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// `<meta>`: no text is read inside, only attributes.
    Meta,
    /// `<FRBRWork>`: its FRBRuri identifies the resolution itself.
    Work,
    /// `<authorialNote>`: a footnote.
    Note,
    /// `<num>`: a paragraph number, prefixed to the next paragraph.
    Num,
    /// `<preface>`: holds the "78/311. Title" line.
    Preface,
    /// An element whose text is also captured as metadata.
    Capture(Slot),
    /// Starts and ends a paragraph.
    Block,
    /// A line break inside a paragraph (`<eol/>`): reads as a space.
    Break,
    /// Anything else (`<span>`, `<a>`, `<ref>`, ...): its text only.
    Inline,
}

/// Which metadata a captured element's text fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    ResolutionTitle,
    PrefaceTitle,
    Symbol,
}

struct Frame {
    role: Role,
    name: String,
}

/// How many elements of each kind are open around the current event.
#[derive(Default)]
struct Depths {
    meta: usize,
    work: usize,
    note: usize,
    num: usize,
    preface: usize,
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    depths: Depths,
    paragraphs: Paragraphs,
    note: Note,
    /// Text of the element being captured for metadata, if any.
    capture: Option<String>,
    meta: MetaFields,
}

impl Walker {
    fn open(&mut self, e: &BytesStart) -> Result<(), quick_xml::Error> {
        let role = if self.depths.meta > 0 {
            self.read_meta_element(e)?
        } else {
            self.body_role(e)?
        };
        self.enter(role, e)?;
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        self.stack.push(Frame { role, name });
        Ok(())
    }

    fn body_role(&self, e: &BytesStart) -> Result<Role, quick_xml::Error> {
        let role = match e.local_name().as_ref() {
            b"meta" => Role::Meta,
            b"authorialNote" => Role::Note,
            // A <num> inside a footnote is part of the footnote's text.
            b"num" if self.depths.note == 0 => Role::Num,
            b"preface" => Role::Preface,
            b"docTitle" => self.title_role(e)?,
            b"docNumber" if refers_to(e)?.as_deref() == Some("symbol") => {
                self.capture_role(Slot::Symbol)
            }
            b"p" | b"heading" | b"subheading" | b"crossHeading" | b"li" | b"tr" | b"td" | b"th" => {
                Role::Block
            }
            b"eol" | b"br" => Role::Break,
            _ => Role::Inline,
        };
        Ok(role)
    }

    /// The cover page also has a docTitle ("Resolution adopted by ..."); the
    /// resolution's own title is marked as such, or else sits in the preface.
    fn title_role(&self, e: &BytesStart) -> Result<Role, quick_xml::Error> {
        let role = if refers_to(e)?.as_deref() == Some("resolutionTitle") {
            self.capture_role(Slot::ResolutionTitle)
        } else if self.depths.preface > 0 {
            self.capture_role(Slot::PrefaceTitle)
        } else {
            Role::Inline
        };
        Ok(role)
    }

    /// Captures do not nest; footnote text never belongs to a title.
    fn capture_role(&self, slot: Slot) -> Role {
        if self.capture.is_some() || self.depths.note > 0 {
            Role::Inline
        } else {
            Role::Capture(slot)
        }
    }

    fn enter(&mut self, role: Role, e: &BytesStart) -> Result<(), quick_xml::Error> {
        match role {
            Role::Meta => self.depths.meta += 1,
            Role::Work => self.depths.work += 1,
            Role::Note => self.enter_note(e)?,
            Role::Num => self.depths.num += 1,
            Role::Preface => self.depths.preface += 1,
            Role::Capture(_) => self.capture = Some(String::new()),
            Role::Block => self.block_boundary(),
            Role::Break => self.text(" "),
            Role::Inline => {}
        }
        Ok(())
    }

    /// The marker stays inline where the note was ("...Human Rights,1"); the
    /// note's own text is collected apart.
    fn enter_note(&mut self, e: &BytesStart) -> Result<(), quick_xml::Error> {
        self.depths.note += 1;
        if self.depths.note > 1 {
            return Ok(());
        }
        let marker = attribute(e, b"marker")?.map(|m| m.trim().to_owned());
        let marker = self.note.start(marker);
        self.inline_target().push_str(&marker);
        Ok(())
    }

    fn close(&mut self) {
        // quick-xml checks that end tags match, so the stack cannot underflow
        // on well-formed input; on anything else there is nothing to close.
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame.role {
            Role::Meta => self.depths.meta -= 1,
            Role::Work => self.depths.work -= 1,
            Role::Note => self.leave_note(),
            Role::Num => self.depths.num -= 1,
            Role::Preface => self.depths.preface -= 1,
            Role::Capture(slot) => self.store_capture(slot),
            Role::Block => self.block_boundary(),
            Role::Break | Role::Inline => {}
        }
    }

    fn leave_note(&mut self) {
        self.depths.note -= 1;
        if self.depths.note == 0 {
            let note = self.note.finish();
            self.paragraphs.notes.push(note);
        }
    }

    fn store_capture(&mut self, slot: Slot) {
        let Some(text) = self.capture.take() else {
            return;
        };
        let text = collapse(&text);
        let field = match slot {
            Slot::ResolutionTitle => &mut self.meta.resolution_title,
            Slot::PrefaceTitle => &mut self.meta.preface_title,
            Slot::Symbol => &mut self.meta.number_symbol,
        };
        if field.is_none() && !text.is_empty() {
            *field = Some(text);
        }
    }

    /// Inside a footnote a block only separates words; elsewhere it ends the
    /// paragraph being read.
    fn block_boundary(&mut self) {
        if self.depths.meta > 0 {
            return;
        }
        if self.depths.note > 0 {
            self.note.text.push(' ');
        } else {
            self.paragraphs.flush();
        }
    }

    fn text(&mut self, text: &str) {
        if self.depths.meta > 0 {
            return;
        }
        if self.depths.note > 0 {
            self.note.text.push_str(text);
            return;
        }
        if let Some(capture) = &mut self.capture {
            capture.push_str(text);
        }
        self.inline_target().push_str(text);
    }

    fn inline_target(&mut self) -> &mut String {
        if self.depths.num > 0 {
            &mut self.paragraphs.num
        } else {
            &mut self.paragraphs.current
        }
    }

    /// Reads the attributes that carry metadata; all text in <meta> is skipped.
    fn read_meta_element(&mut self, e: &BytesStart) -> Result<Role, quick_xml::Error> {
        match e.local_name().as_ref() {
            b"FRBRWork" => return Ok(Role::Work),
            b"meta" => return Ok(Role::Meta),
            b"FRBRuri" if self.depths.work > 0 => {
                if let Some(uri) = attribute(e, b"value")? {
                    self.meta.uri_symbol = self.meta.uri_symbol.take().or(symbol_from_uri(&uri));
                }
            }
            b"FRBRdate" if attribute(e, b"name")?.as_deref() == Some("adoption") => {
                if let Some(date) = attribute(e, b"date")? {
                    self.meta.set_adopted(date.trim());
                }
            }
            b"FRBRlanguage" => {
                if let Some(code) = attribute(e, b"language")? {
                    self.meta.set_language(code.trim());
                }
            }
            _ => {}
        }
        Ok(Role::Inline)
    }

    fn finish(self, end: usize) -> Result<AknText, XmlFailure> {
        if let Some(innermost) = self.stack.last() {
            let message = format!(
                "unexpected end of file: {} element(s) not closed, the innermost <{}> (truncated file?)",
                self.stack.len(),
                innermost.name
            );
            return Err(XmlFailure {
                message,
                position: end,
            });
        }
        let text = self.paragraphs.finish();
        let (meta, warnings) = self.meta.finish();
        Ok(AknText {
            text,
            meta,
            warnings,
        })
    }
}

/// The value of `refersTo` without its leading "#".
fn refers_to(e: &BytesStart) -> Result<Option<String>, quick_xml::Error> {
    let value = attribute(e, b"refersTo")?;
    Ok(value.map(|v| v.trim().trim_start_matches('#').to_owned()))
}

fn attribute(e: &BytesStart, name: &[u8]) -> Result<Option<String>, quick_xml::Error> {
    match e.try_get_attribute(name)? {
        Some(attribute) => Ok(Some(attribute.unescape_value()?.into_owned())),
        None => Ok(None),
    }
}

/// The paragraphs written so far and the one being read.
#[derive(Default)]
struct Paragraphs {
    out: String,
    current: String,
    /// A `<num>` waiting for the paragraph it numbers.
    num: String,
    /// Footnotes whose markers are in `current`, written after it.
    notes: Vec<String>,
}

impl Paragraphs {
    fn flush(&mut self) {
        let body = collapse(&self.current);
        self.current.clear();
        if !body.is_empty() {
            let num = collapse(&std::mem::take(&mut self.num));
            if num.is_empty() {
                self.emit(&body);
            } else {
                self.emit(&format!("{num} {body}"));
            }
        }
        for note in std::mem::take(&mut self.notes) {
            self.emit(&note);
        }
    }

    /// Paragraphs are separated by one blank line.
    fn emit(&mut self, paragraph: &str) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(paragraph);
    }

    fn finish(mut self) -> String {
        self.flush();
        let num = collapse(&self.num);
        if !num.is_empty() {
            self.emit(&num);
        }
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

/// The footnote being read.
#[derive(Default)]
struct Note {
    marker: String,
    text: String,
    /// Notes seen so far, to number those without a `marker` attribute.
    count: usize,
}

impl Note {
    /// Starts a note and returns its marker.
    fn start(&mut self, marker: Option<String>) -> String {
        self.count += 1;
        self.marker = marker
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| self.count.to_string());
        self.text.clear();
        self.marker.clone()
    }

    /// "1 Resolution 217 A (III)." — marker, space, the note's text.
    fn finish(&mut self) -> String {
        let text = collapse(&self.text);
        if text.is_empty() {
            self.marker.clone()
        } else {
            format!("{} {text}", self.marker)
        }
    }
}

/// Metadata as found, before choosing between sources.
#[derive(Default)]
struct MetaFields {
    uri_symbol: Option<String>,
    number_symbol: Option<String>,
    resolution_title: Option<String>,
    preface_title: Option<String>,
    adopted: Option<String>,
    language: Option<String>,
    warnings: Vec<String>,
}

impl MetaFields {
    fn set_adopted(&mut self, date: &str) {
        if self.adopted.is_some() {
            return;
        }
        if is_iso_date(date) {
            self.adopted = Some(date.to_owned());
        } else {
            self.warnings.push(format!(
                "adoption date {date:?} in <meta> is not an ISO date; ignored"
            ));
        }
    }

    fn set_language(&mut self, code: &str) {
        if self.language.is_some() {
            return;
        }
        match two_letter_language(code) {
            Some(language) => self.language = Some(language.to_owned()),
            None => self.warnings.push(format!(
                "FRBRlanguage {code:?} is not one of the six UN languages; language unknown"
            )),
        }
    }

    fn finish(mut self) -> (DocMeta, Vec<String>) {
        if let (Some(uri), Some(number)) = (&self.uri_symbol, &self.number_symbol) {
            if uri != number {
                self.warnings.push(format!(
                    "the FRBRuri names {uri} but the cover page says {number}; using {uri}"
                ));
            }
        }
        let meta = DocMeta {
            symbol: self.uri_symbol.or(self.number_symbol),
            title: self.resolution_title.or(self.preface_title),
            adopted: self.adopted,
            language: self.language,
        };
        (meta, self.warnings)
    }
}

/// ISO 639-2 (as in FRBRlanguage) or 639-1 → the two-letter code.
fn two_letter_language(code: &str) -> Option<&'static str> {
    let language = match code.to_ascii_lowercase().as_str() {
        "ara" | "ar" => "ar",
        "zho" | "chi" | "zh" => "zh",
        "eng" | "en" => "en",
        "fra" | "fre" | "fr" => "fr",
        "rus" | "ru" => "ru",
        "spa" | "es" => "es",
        _ => return None,
    };
    Some(language)
}

/// "/akn/un/statement/deliberation/unga/2024-07-01/78-311/" → "A/RES/78/311":
/// the organ comes right before the date, the number right after it.
fn symbol_from_uri(uri: &str) -> Option<String> {
    let parts: Vec<&str> = uri.split('/').filter(|p| !p.is_empty()).collect();
    let at = parts.iter().position(|p| is_iso_date(p))?;
    let organ = parts.get(at.checked_sub(1)?)?;
    let number = parts.get(at + 1)?;
    match *organ {
        "unga" => ga_symbol(number),
        // Security Council resolutions carry their year: S/RES/2231(2015).
        "unsc" => all_digits(number).then(|| format!("S/RES/{number}({})", &parts[at][..4])),
        _ => None,
    }
}

/// "78-311" → A/RES/78/311; "es-11-1" → A/RES/ES-11/1; "s-27-2" → A/RES/S-27/2.
fn ga_symbol(number: &str) -> Option<String> {
    let pieces: Vec<&str> = number.split('-').collect();
    match pieces[..] {
        [session, n] if all_digits(session) && all_digits(n) => {
            Some(format!("A/RES/{session}/{n}"))
        }
        [kind, session, n] if all_digits(session) && all_digits(n) => {
            let kind = kind.to_ascii_uppercase();
            matches!(kind.as_str(), "ES" | "S").then(|| format!("A/RES/{kind}-{session}/{n}"))
        }
        _ => None,
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Collapses each run of whitespace into one space and trims the ends. Inside
/// the text, non-breaking spaces are kept as they are: "25\u{a0}September" is
/// how the UN prints dates, and the extractor expects it. At the ends they
/// are only layout (an indent after "a)"), so they go with the rest.
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_collapsible_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let trimmed = out.trim_matches(char::is_whitespace);
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_owned()
    }
}

fn is_collapsible_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

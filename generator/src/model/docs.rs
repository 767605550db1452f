//! Doc comment text gathered from the spec.

/// Paragraphs of a doc comment; empty paragraphs are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    paragraphs: Vec<String>,
}

impl Docs {
    /// Docs made of one paragraph (none if `text` is blank).
    pub fn from_text(text: Option<&str>) -> Self {
        let mut docs = Self::default();
        docs.push(text);
        docs
    }

    /// Appends a paragraph unless it is blank.
    pub fn push<S: AsRef<str>>(&mut self, text: Option<S>) {
        if let Some(text) = text {
            let text = text.as_ref().trim();
            if !text.is_empty() {
                self.paragraphs.push(text.to_owned());
            }
        }
    }

    /// Appends a line to the last paragraph (starting one if there is none), for lists built item by item.
    pub fn push_line(&mut self, line: &str) {
        match self.paragraphs.last_mut() {
            Some(last) => {
                last.push('\n');
                last.push_str(line);
            }
            None => self.paragraphs.push(line.to_owned()),
        }
    }

    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

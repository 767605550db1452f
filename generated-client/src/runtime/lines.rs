//! Newline-delimited JSON (NDJSON) bodies, decoded one line at a time as they arrive.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use super::download::Download;
use super::error::Error;

/// A response body of newline-delimited JSON: one record per line, read and decoded as the lines
/// arrive, so a long report is never held whole. A line that is not a record (a trailing checksum, a
/// record of a shape the spec does not know) is returned as [`Line::Other`] with its text, rather than
/// ending the read.
pub struct JsonLines<T> {
    download: Download,
    pending: Vec<u8>,
    number: usize,
    ended: bool,
    records: PhantomData<fn() -> T>,
}

/// One line of a [`JsonLines`] body.
#[derive(Debug, Clone, PartialEq)]
pub enum Line<T> {
    /// A record.
    Record(T),
    /// A line that does not decode as a record, as it came.
    Other {
        /// Its number in the body, from 1 (blank lines count).
        number: usize,
        /// Its text, without the line break.
        text: String,
        /// Why it is not a record.
        error: String,
    },
}

impl<T: DeserializeOwned> JsonLines<T> {
    pub(crate) fn new(download: Download) -> Self {
        Self {
            download,
            pending: Vec::new(),
            number: 0,
            ended: false,
            records: PhantomData,
        }
    }

    /// The next line that is not blank, or `None` at the end of the body.
    pub async fn next(&mut self) -> Result<Option<Line<T>>, Error> {
        loop {
            if let Some(end) = self.pending.iter().position(|byte| *byte == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=end).collect();
                self.number += 1;
                if let Some(line) = self.decode(&line[..end]) {
                    return Ok(Some(line));
                }
                continue;
            }
            if self.ended {
                let rest = std::mem::take(&mut self.pending);
                if rest.is_empty() {
                    return Ok(None);
                }
                self.number += 1;
                if let Some(line) = self.decode(&rest) {
                    return Ok(Some(line));
                }
                continue;
            }
            match self.download.chunk().await? {
                Some(chunk) => self.pending.extend_from_slice(&chunk),
                None => self.ended = true,
            }
        }
    }

    /// Every remaining line.
    pub async fn collect(mut self) -> Result<Vec<Line<T>>, Error> {
        let mut lines = Vec::new();
        while let Some(line) = self.next().await? {
            lines.push(line);
        }
        Ok(lines)
    }

    /// `line` (without its `\n`) as a record or another line; `None` when it is blank.
    fn decode(&self, line: &[u8]) -> Option<Line<T>> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some(match serde_json::from_slice(line) {
            Ok(record) => Line::Record(record),
            Err(error) => Line::Other {
                number: self.number,
                text: String::from_utf8_lossy(line).into_owned(),
                error: error.to_string(),
            },
        })
    }
}

impl<T> fmt::Debug for JsonLines<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonLines")
            .field("download", &self.download)
            .field("lines_read", &self.number)
            .finish_non_exhaustive()
    }
}

//! Response bodies read as they arrive, for archives too large to hold in memory.

use std::fmt;
use std::future::{poll_fn, Future};
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::{HeaderMap, CONTENT_DISPOSITION};
use reqwest::StatusCode;
use tokio::io::AsyncWriteExt;

use super::error::Error;
use super::request::{Operation, Receive};

type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// The body of a successful response that is a file (an archive, a binary), read chunk by chunk as
/// it arrives rather than held in memory: with [`chunk`](Self::chunk), as a [`Stream`] of chunks, or
/// written to a file with [`save`](Self::save).
///
/// The client's [`timeout`](crate::ClientBuilder::timeout) covers the whole transfer: raise it, turn it
/// off, or give the request its own ([`Request::timeout`](crate::Request::timeout)), for downloads
/// that may take longer.
pub struct Download {
    operation: String,
    idempotent: bool,
    status: StatusCode,
    length: Option<u64>,
    file_name: Option<String>,
    chunks: Chunks,
}

impl Receive for Download {
    fn receive(
        operation: &Operation<'_>,
        response: reqwest::Response,
    ) -> impl Future<Output = Result<Self, Error>> + Send {
        let download = Self {
            operation: operation.to_string(),
            idempotent: operation.idempotent,
            status: response.status(),
            length: response.content_length(),
            file_name: attachment_name(response.headers()),
            chunks: Box::pin(response.bytes_stream()),
        };
        std::future::ready(Ok(download))
    }
}

impl Download {
    /// The length the server announced (`Content-Length`), if it did.
    pub fn content_length(&self) -> Option<u64> {
        self.length
    }

    /// The file name the server suggested (`Content-Disposition: attachment; filename=...`), if any.
    /// It comes from the server: do not use it as a path without checking it.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The next chunk of the body, or `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        poll_fn(|context| Pin::new(&mut *self).poll_next(context))
            .await
            .transpose()
    }

    /// Writes the whole body to a new file at `path` (replacing any file there) and returns how many
    /// bytes it wrote. When the transfer or a write fails, the partial file is removed, so a file left
    /// at `path` is always complete.
    pub async fn save(mut self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let path = path.as_ref();
        let written = async {
            let mut file = tokio::fs::File::create(path)
                .await
                .map_err(|error| self.file_error(path, error))?;
            let mut written = 0;
            while let Some(chunk) = self.chunk().await? {
                file.write_all(&chunk)
                    .await
                    .map_err(|error| self.file_error(path, error))?;
                written += chunk.len() as u64;
            }
            file.flush()
                .await
                .map_err(|error| self.file_error(path, error))?;
            Ok(written)
        }
        .await;
        if written.is_err() {
            // Best effort: the error being returned says what went wrong.
            let _ = tokio::fs::remove_file(path).await;
        }
        written
    }

    fn file_error(&self, path: &Path, source: std::io::Error) -> Error {
        Error::File {
            operation: self.operation.clone(),
            path: path.to_owned(),
            source,
        }
    }
}

impl Stream for Download {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        this.chunks.as_mut().poll_next(context).map(|chunk| {
            chunk.map(|chunk| {
                chunk.map_err(|source| Error::Transport {
                    operation: this.operation.clone(),
                    idempotent: this.idempotent,
                    status: Some(this.status),
                    source,
                })
            })
        })
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("operation", &self.operation)
            .field("content_length", &self.length)
            .field("file_name", &self.file_name)
            .finish_non_exhaustive()
    }
}

/// The `filename` of a `Content-Disposition: attachment` header, unquoted.
fn attachment_name(headers: &HeaderMap) -> Option<String> {
    let disposition = headers.get(CONTENT_DISPOSITION)?.to_str().ok()?;
    disposition.split(';').find_map(|parameter| {
        let (key, value) = parameter.split_once('=')?;
        (key.trim().eq_ignore_ascii_case("filename"))
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|name| !name.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn reads_the_attachment_name() {
        let name = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_DISPOSITION, HeaderValue::from_static(value));
            attachment_name(&headers)
        };
        assert_eq!(
            name("attachment; filename=debuginfo.tar.gz").as_deref(),
            Some("debuginfo.tar.gz")
        );
        assert_eq!(
            name("attachment; FILENAME=\"a b.tgz\"").as_deref(),
            Some("a b.tgz")
        );
        assert_eq!(name("attachment"), None);
        assert_eq!(name("attachment; filename=\"\""), None);
    }
}

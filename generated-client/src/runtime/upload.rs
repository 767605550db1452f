//! Request bodies sent as `multipart/form-data`, whose files are streamed rather than read whole.

use std::fmt;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use reqwest::multipart::{Form as HttpForm, Part};

use super::error::Error;
use super::request::Operation;

/// A file sent in a `multipart/form-data` request, such as a module archive.
///
/// A file on disk is opened when the request is sent and streamed as it is read, so its size does not
/// matter; it is opened again for each attempt when the request is sent again. Bytes already in memory
/// are sent as they are. The part's media type is guessed from the file name (`application/zip` for
/// `.zip`), `application/octet-stream` when it says nothing, unless set with
/// [`content_type`](Self::content_type).
#[derive(Clone)]
pub struct Upload {
    source: Source,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[derive(Clone)]
enum Source {
    Path(PathBuf),
    Bytes(Bytes),
}

impl Upload {
    /// The file at `path`, sent under its own file name.
    pub fn from_path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        Self {
            source: Source::Path(path),
            file_name,
            content_type: None,
        }
    }

    /// `bytes`, sent as a file called `file_name`.
    pub fn from_bytes(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self {
            source: Source::Bytes(bytes.into()),
            file_name: Some(file_name.into()),
            content_type: None,
        }
    }

    /// Sends the file under another name.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sends the file as `content_type` (`application/zip`), whatever its name says.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The media type the part is sent as.
    fn media_type(&self) -> String {
        self.content_type.clone().unwrap_or_else(|| {
            let guess = self.file_name.as_deref().map(mime_guess::from_path);
            guess
                .and_then(|guess| guess.first())
                .unwrap_or(mime_guess::mime::APPLICATION_OCTET_STREAM)
                .to_string()
        })
    }

    /// The media type a whole request body of `documented` type is sent as: the one given with
    /// [`content_type`](Self::content_type), else the documented one, else (when that is a range such
    /// as `image/*`) the one the file name suggests.
    pub(crate) fn body_media_type(&self, documented: &str) -> String {
        match (&self.content_type, documented.contains('*')) {
            (Some(given), _) => given.clone(),
            (None, false) => documented.to_owned(),
            (None, true) => self.media_type(),
        }
    }

    /// The bytes to send, the file opened now, with their length so the request has one.
    pub(crate) async fn open(
        &self,
        operation: &Operation<'_>,
    ) -> Result<(reqwest::Body, u64), Error> {
        match &self.source {
            Source::Bytes(bytes) => Ok((reqwest::Body::from(bytes.clone()), bytes.len() as u64)),
            Source::Path(path) => {
                let file_error = |source| Error::File {
                    operation: operation.to_string(),
                    path: path.clone(),
                    source,
                };
                let file = tokio::fs::File::open(path).await.map_err(file_error)?;
                let length = file.metadata().await.map_err(file_error)?.len();
                Ok((reqwest::Body::from(file), length))
            }
        }
    }

    /// The part to send: the file opened now, with its length so the request has one.
    async fn part(&self, operation: &Operation<'_>) -> Result<Part, Error> {
        let (body, length) = self.open(operation).await?;
        let part = Part::stream_with_length(body, length)
            .mime_str(&self.media_type())
            .map_err(|error| Error::Request {
                operation: operation.to_string(),
                message: format!("the upload's content type is not a media type: {error}"),
            })?;
        Ok(match &self.file_name {
            Some(name) => part.file_name(name.clone()),
            None => part,
        })
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Upload");
        match &self.source {
            Source::Path(path) => debug.field("path", &Path::new(path)),
            Source::Bytes(bytes) => debug.field("bytes", &bytes.len()),
        };
        debug
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The parts of a `multipart/form-data` body, kept until each attempt turns them into a form.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    parts: Vec<(&'static str, Value)>,
}

#[derive(Debug, Clone)]
enum Value {
    Text(String),
    File(Upload),
}

#[allow(dead_code)] // Generated code calls these; a given spec may not.
impl Form {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds a text part.
    pub(crate) fn text(&mut self, name: &'static str, value: &impl fmt::Display) {
        self.parts.push((name, Value::Text(value.to_string())));
    }

    /// Adds a file part.
    pub(crate) fn file(&mut self, name: &'static str, upload: &Upload) {
        self.parts.push((name, Value::File(upload.clone())));
    }

    /// The form to send in one attempt, with its files opened.
    pub(crate) async fn open(&self, operation: &Operation<'_>) -> Result<HttpForm, Error> {
        let mut form = HttpForm::new();
        for (name, value) in &self.parts {
            form = match value {
                Value::Text(text) => form.text(*name, text.clone()),
                Value::File(upload) => form.part(*name, upload.part(operation).await?),
            };
        }
        Ok(form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPERATION: Operation<'static> = Operation {
        id: "modules_upload",
        method: reqwest::Method::POST,
        path: "/v2/modules",
        idempotent: false,
        retryable_error_codes: &[],
    };

    #[test]
    fn a_file_is_sent_under_its_own_name_unless_renamed() {
        let upload = Upload::from_path("/tmp/builds/search.zip");
        assert_eq!(upload.file_name.as_deref(), Some("search.zip"));
        let renamed = upload.file_name("redisearch.zip");
        assert_eq!(renamed.file_name.as_deref(), Some("redisearch.zip"));
    }

    #[test]
    fn the_media_type_comes_from_the_name_unless_given() {
        assert_eq!(
            Upload::from_path("a/module.zip").media_type(),
            "application/zip"
        );
        assert_eq!(
            Upload::from_bytes("module", vec![]).media_type(),
            "application/octet-stream"
        );
        let given = Upload::from_bytes("module.zip", vec![]).content_type("application/x-zip");
        assert_eq!(given.media_type(), "application/x-zip");
    }

    #[test]
    fn a_whole_body_is_sent_as_documented_unless_given_another_type() {
        let upload = Upload::from_path("photo.png");
        assert_eq!(
            upload.body_media_type("application/octet-stream"),
            "application/octet-stream"
        );
        assert_eq!(upload.body_media_type("image/*"), "image/png");
        let given = upload.content_type("image/x-png");
        assert_eq!(
            given.body_media_type("application/octet-stream"),
            "image/x-png"
        );
    }

    #[test]
    fn debug_shows_where_the_bytes_come_from_not_the_bytes() {
        let upload = Upload::from_bytes("module.zip", vec![b's'; 2048]);
        assert_eq!(
            format!("{upload:?}"),
            r#"Upload { bytes: 2048, file_name: Some("module.zip"), content_type: None }"#
        );
    }

    #[tokio::test]
    async fn a_missing_file_is_an_error_naming_it() {
        let path = std::env::temp_dir().join("no-such-dir-for-uploads/module.zip");
        let mut form = Form::new();
        form.file("module", &Upload::from_path(&path));

        let error = form.open(&OPERATION).await.unwrap_err();

        assert!(
            matches!(&error, Error::File { path: named, .. } if *named == path),
            "{error:?}"
        );
        assert!(
            error
                .to_string()
                .starts_with("modules_upload (POST /v2/modules): "),
            "{error}"
        );
    }
}

//! Media types of request and response bodies, and how the client sends or reads each kind.

/// What the client does with a body of a given media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// JSON (`application/json`, `application/problem+json`, with or without parameters): encoded and
    /// decoded with serde.
    Json,
    /// `multipart/form-data`: a request body of named parts, files among them.
    Form,
    /// `application/x-www-form-urlencoded`: a request body of named text fields.
    UrlEncoded,
    /// Newline-delimited JSON (`application/x-ndjson`, `application/jsonl`...): a response read one
    /// record per line.
    JsonLines,
    /// `text/*`: a response read as a string.
    Text,
    /// Anything else: a file, streamed.
    Binary,
}

impl Media {
    /// The kind of `media_type`, ignoring its parameters (`; charset=utf-8`) and case.
    pub fn of(media_type: &str) -> Self {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if essence == "application/json" || essence.ends_with("+json") {
            Self::Json
        } else if matches!(
            essence.as_str(),
            "application/x-ndjson"
                | "application/ndjson"
                | "application/jsonl"
                | "application/x-jsonlines"
                | "application/jsonlines"
        ) {
            Self::JsonLines
        } else if essence == "multipart/form-data" {
            Self::Form
        } else if essence == "application/x-www-form-urlencoded" {
            Self::UrlEncoded
        } else if essence.starts_with("text/") {
            Self::Text
        } else {
            Self::Binary
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Media;

    #[test]
    fn classifies_by_essence() {
        for (media_type, media) in [
            ("application/json", Media::Json),
            ("application/json; charset=utf-8", Media::Json),
            ("Application/Problem+JSON", Media::Json),
            ("multipart/form-data", Media::Form),
            (
                "application/x-www-form-urlencoded; charset=utf-8",
                Media::UrlEncoded,
            ),
            ("application/x-ndjson", Media::JsonLines),
            ("application/jsonl; charset=utf-8", Media::JsonLines),
            ("text/plain", Media::Text),
            ("text/csv; charset=utf-8", Media::Text),
            ("application/x-gzip", Media::Binary),
            ("application/octet-stream", Media::Binary),
            ("*/*", Media::Binary),
        ] {
            assert_eq!(Media::of(media_type), media, "{media_type}");
        }
    }
}

//! Decoding helpers for generated types, tolerant of what real servers send.

use std::str::FromStr;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Decodes a string enum; values the enum does not list are kept by its `Unknown` variant.
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub fn string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    let value = String::deserialize(deserializer)?;
    Ok(T::from(value.as_str()))
}

/// Decodes a required number that may also arrive as a string holding one (`"5"`).
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub fn required_number<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + FromStr,
    T::Err: std::fmt::Display,
{
    number(deserializer)?.ok_or_else(|| D::Error::custom("expected a number, found nothing"))
}

/// Decodes an optional number that may also arrive as a string holding one. `null` and `""` read as
/// absent.
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub fn number<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + FromStr,
    T::Err: std::fmt::Display,
{
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        Value::String(text) if text.trim().is_empty() => Ok(None),
        Value::String(text) => text.trim().parse().map(Some).map_err(|error| {
            D::Error::custom(format!(
                "expected a number, found the string {text:?}: {error}"
            ))
        }),
        other => T::deserialize(other).map(Some).map_err(D::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Sample {
        #[serde(default, deserialize_with = "number")]
        size: Option<u64>,
        #[serde(deserialize_with = "required_number")]
        ratio: f64,
    }

    fn decode(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn numbers_decode_from_numbers_and_numeric_strings() {
        assert_eq!(
            decode(r#"{"size": 7, "ratio": 0.5}"#).unwrap(),
            Sample {
                size: Some(7),
                ratio: 0.5
            }
        );
        assert_eq!(
            decode(r#"{"size": "7", "ratio": "0.5"}"#).unwrap(),
            Sample {
                size: Some(7),
                ratio: 0.5
            }
        );
        assert_eq!(decode(r#"{"size": null, "ratio": 1}"#).unwrap().size, None);
        assert_eq!(decode(r#"{"size": "", "ratio": 1}"#).unwrap().size, None);
        assert_eq!(decode(r#"{"ratio": 1}"#).unwrap().size, None);
    }

    #[test]
    fn non_numeric_values_are_errors() {
        assert!(decode(r#"{"size": "auto", "ratio": 1}"#)
            .unwrap_err()
            .to_string()
            .contains("\"auto\""));
        assert!(decode(r#"{"size": -1, "ratio": 1}"#).is_err());
        assert!(decode(r#"{"size": 1, "ratio": null}"#).is_err());
    }
}

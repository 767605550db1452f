//! Decoding helpers for generated types, tolerant of what real servers send.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::de::DeserializeOwned;
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

/// A type whose numbers may arrive as strings holding them (`"5"`), at any depth of arrays and maps.
pub trait Lenient: Sized {
    /// What is read from the wire before conversion.
    type Wire: DeserializeOwned;

    /// Converts what was read.
    fn from_wire(wire: Self::Wire) -> Self;
}

/// A number, or a string holding one.
pub struct NumberOrString<T>(T);

impl<'de, T> Deserialize<'de> for NumberOrString<T>
where
    T: DeserializeOwned + FromStr,
    T::Err: std::fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_number(Value::deserialize(deserializer)?).map(Self)
    }
}

macro_rules! lenient_numbers {
    ($($number:ty),*) => {
        $(
            impl Lenient for $number {
                type Wire = NumberOrString<$number>;

                fn from_wire(wire: Self::Wire) -> Self {
                    wire.0
                }
            }
        )*
    };
}

lenient_numbers!(i8, i16, i32, i64, u8, u16, u32, u64, f64);

impl<T: Lenient> Lenient for Vec<T> {
    type Wire = Vec<T::Wire>;

    fn from_wire(wire: Self::Wire) -> Self {
        wire.into_iter().map(T::from_wire).collect()
    }
}

impl<T: Lenient> Lenient for BTreeMap<String, T> {
    type Wire = BTreeMap<String, T::Wire>;

    fn from_wire(wire: Self::Wire) -> Self {
        wire.into_iter()
            .map(|(key, value)| (key, T::from_wire(value)))
            .collect()
    }
}

/// Decodes a required number, or array or map of numbers, whose numbers may arrive as strings.
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub fn lenient<'de, D: Deserializer<'de>, T: Lenient>(deserializer: D) -> Result<T, D::Error> {
    T::Wire::deserialize(deserializer).map(T::from_wire)
}

/// Decodes an optional array or map of numbers whose numbers may arrive as strings. `null` reads as
/// absent.
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub fn lenient_option<'de, D: Deserializer<'de>, T: Lenient>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    Option::<T::Wire>::deserialize(deserializer).map(|wire| wire.map(T::from_wire))
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
        other => parse_number(other).map(Some),
    }
}

/// A number from a JSON number or a string holding one.
fn parse_number<T, E>(value: Value) -> Result<T, E>
where
    T: DeserializeOwned + FromStr,
    T::Err: std::fmt::Display,
    E: serde::de::Error,
{
    match value {
        Value::String(text) => text.trim().parse().map_err(|error| {
            E::custom(format!(
                "expected a number, found the string {text:?}: {error}"
            ))
        }),
        other => T::deserialize(other).map_err(E::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Sample {
        #[serde(default, deserialize_with = "number")]
        size: Option<u64>,
        #[serde(deserialize_with = "lenient")]
        ratio: f64,
        #[serde(default, deserialize_with = "lenient_option")]
        shards: Option<Vec<u32>>,
        #[serde(default, deserialize_with = "lenient")]
        limits: BTreeMap<String, Vec<i64>>,
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
                ratio: 0.5,
                shards: None,
                limits: BTreeMap::new(),
            }
        );
        assert_eq!(
            decode(r#"{"size": "7", "ratio": "0.5"}"#).unwrap(),
            Sample {
                size: Some(7),
                ratio: 0.5,
                shards: None,
                limits: BTreeMap::new(),
            }
        );
        assert_eq!(decode(r#"{"size": null, "ratio": 1}"#).unwrap().size, None);
        assert_eq!(decode(r#"{"size": "", "ratio": 1}"#).unwrap().size, None);
        assert_eq!(decode(r#"{"ratio": 1}"#).unwrap().size, None);
    }

    #[test]
    fn numbers_inside_arrays_and_maps_decode_from_numeric_strings() {
        let sample = decode(
            r#"{"ratio": 1, "shards": ["1", 2, " 3 "], "limits": {"a": ["-4", 5], "b": []}}"#,
        )
        .unwrap();
        assert_eq!(sample.shards, Some(vec![1, 2, 3]));
        assert_eq!(sample.limits["a"], [-4, 5]);
        assert!(sample.limits["b"].is_empty());
        assert_eq!(
            decode(r#"{"ratio": 1, "shards": null}"#).unwrap().shards,
            None
        );
    }

    #[test]
    fn non_numeric_values_inside_arrays_are_errors() {
        let error = decode(r#"{"ratio": 1, "shards": ["1", "many"]}"#).unwrap_err();
        assert!(error.to_string().contains("\"many\""), "{error}");
        assert!(decode(r#"{"ratio": 1, "shards": ["-1"]}"#).is_err());
        assert!(decode(r#"{"ratio": 1, "shards": [null]}"#).is_err());
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

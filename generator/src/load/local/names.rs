//! Names for the values that references make components, read from where each was written.
//!
//! A pointer spells words: an operation its `operationId` (else its method and path), a parameter its
//! `name`, a property, header, example or component its key; a response its status
//! (`200_response`), a request body `body`, array items `item`, map values `value`, a part of a
//! composition its index (`all_of_1`). The words that name something start a candidate: the shortest
//! starts at the last of them (`droplets_item` for `.../properties/droplets/items`), longer ones at
//! those before (`droplets_list_200_response_droplets_item`). Each value takes its shortest candidate
//! that no other value and no component of its kind wants; when two want the same, both take longer
//! ones, so a name does not depend on which value comes first. A numeric suffix is the last resort.

use std::collections::{HashMap, HashSet};

use serde_yaml::Value;

use super::super::objects::{Object, Slot};
use super::super::yaml::lookup;
use crate::pointer::JsonPointer;

/// One word of a name, spelled by a step of a pointer.
enum Word {
    /// It names something: a name may start with it.
    Names(String),
    /// It only qualifies the words before it.
    Qualifies(String),
}

/// The names a value of one kind of component may take; never none.
pub struct Wanted {
    /// The `components` member it goes into.
    pub kind: &'static str,
    /// Its names, shortest first.
    pub candidates: Vec<String>,
}

/// The names the value at `pointer` in `document` may take, shortest first.
pub fn candidates(document: &Value, pointer: &JsonPointer) -> Vec<String> {
    let words = words(document, pointer);
    let text = |word: &Word| match word {
        Word::Names(text) | Word::Qualifies(text) => text.clone(),
    };
    let starts = words
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, word)| matches!(word, Word::Names(_)))
        .map(|(start, _)| start);
    let mut candidates: Vec<String> = starts
        .map(|start| {
            words[start..]
                .iter()
                .map(text)
                .collect::<Vec<_>>()
                .join("_")
        })
        .collect();
    if candidates.is_empty() {
        candidates.push(words.iter().map(text).collect::<Vec<_>>().join("_"));
    }
    if candidates.iter().all(String::is_empty) {
        candidates = vec!["value".to_owned()];
    }
    candidates
}

/// The words `pointer` spells, from the root down.
fn words(document: &Value, pointer: &JsonPointer) -> Vec<Word> {
    let mut words = Vec::new();
    let mut object = Some(Object::Document);
    let mut at = JsonPointer::root();
    let mut segments = pointer.segments();
    let mut parent = String::new();
    while let Some(segment) = segments.next() {
        at = at.push(&segment);
        let word = match object.and_then(|object| object.member(&segment)) {
            Some(Slot::One(inner)) => {
                object = Some(inner);
                member_word(inner, &segment, &parent, lookup(document, &at))
            }
            Some(Slot::Each(inner)) => {
                object = Some(inner);
                match segments.next() {
                    Some(key) => {
                        at = at.push(&key);
                        element_word(&segment, &key, lookup(document, &at))
                    }
                    None => Some(Word::Names(segment.clone())),
                }
            }
            None => {
                object = None;
                Some(Word::Names(segment.clone()))
            }
        };
        words.extend(word.and_then(spelled));
        parent = at.last().unwrap_or_default();
    }
    words
}

/// The word of the member `key` holding one `object`, `value`; `parent` is the key above it.
fn member_word(object: Object, key: &str, parent: &str, value: Option<&Value>) -> Option<Word> {
    Some(match (object, key) {
        (Object::Operation, method) => {
            let id = value.and_then(|operation| operation.get("operationId")?.as_str());
            Word::Names(id.map_or_else(|| format!("{method} {parent}"), str::to_owned))
        }
        (_, "requestBody") => Word::Qualifies("body".to_owned()),
        (_, "items") => Word::Qualifies("item".to_owned()),
        (_, "additionalProperties") => Word::Qualifies("value".to_owned()),
        (_, "not") => Word::Qualifies("not".to_owned()),
        _ => return None,
    })
}

/// The word of the entry `key` of the member `member` that holds several objects; `value` is the
/// entry.
fn element_word(member: &str, key: &str, value: Option<&Value>) -> Option<Word> {
    Some(match member {
        "paths" | "content" => return None,
        "parameters" => {
            let name = value.and_then(|parameter| parameter.get("name")?.as_str());
            Word::Names(name.unwrap_or(key).to_owned())
        }
        "responses" => Word::Qualifies(format!("{key}_response")),
        "allOf" => Word::Qualifies(format!("all_of_{key}")),
        "oneOf" => Word::Qualifies(format!("one_of_{key}")),
        "anyOf" => Word::Qualifies(format!("any_of_{key}")),
        _ => Word::Names(key.to_owned()),
    })
}

/// The word with what is neither an ASCII letter nor a digit turned into single underscores; `None`
/// when nothing is left.
fn spelled(word: Word) -> Option<Word> {
    let spell = |text: String| {
        let parts: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join("_"))
    };
    Some(match word {
        Word::Names(text) => Word::Names(spell(text)?),
        Word::Qualifies(text) => Word::Qualifies(spell(text)?),
    })
}

/// A name as it matters for clashes: generated code writes `ssh_keys` and `sshKeys` alike.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The name of each value of `wanted`, none of them in `taken` (kinds and [folded](fold) names).
pub fn assign(wanted: &[Wanted], taken: &HashSet<(&'static str, String)>) -> Vec<String> {
    let mut levels = vec![0; wanted.len()];
    loop {
        let mut claims: HashMap<(&str, String), Vec<usize>> = HashMap::new();
        for (index, value) in wanted.iter().enumerate() {
            let name = fold(&value.candidates[levels[index]]);
            claims.entry((value.kind, name)).or_default().push(index);
        }
        let mut lengthened = false;
        for (claim, claimants) in &claims {
            if claimants.len() == 1 && !taken.contains(claim) {
                continue;
            }
            for &index in claimants {
                if levels[index] + 1 < wanted[index].candidates.len() {
                    levels[index] += 1;
                    lengthened = true;
                }
            }
        }
        if !lengthened {
            break;
        }
    }
    let mut used = taken.clone();
    wanted
        .iter()
        .zip(levels)
        .map(|(value, level)| {
            let base = &value.candidates[level];
            let mut name = base.clone();
            let mut suffix = 1;
            while !used.insert((value.kind, fold(&name))) {
                suffix += 1;
                name = format!("{base}_{suffix}");
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates_at(document: &str, pointer: &str) -> Vec<String> {
        let document: Value = serde_yaml::from_str(document).unwrap();
        candidates(&document, &JsonPointer::from_fragment(pointer).unwrap())
    }

    #[test]
    fn a_pointer_spells_names_from_its_last_named_step_outwards() {
        let document = "paths: {'/v2/a/{id}': {get: {parameters: [{name: page-size}]}}}";
        assert_eq!(
            candidates_at(
                document,
                "/paths/~1v2~1a~1{id}/get/responses/200/content/application~1json/schema/allOf/1/properties/droplets/items"
            ),
            ["droplets_item", "get_v2_a_id_200_response_all_of_1_droplets_item"]
        );
        assert_eq!(
            candidates_at(document, "/paths/~1v2~1a~1{id}/get/parameters/0"),
            ["page_size", "get_v2_a_id_page_size"]
        );
        assert_eq!(
            candidates_at(document, "/paths/~1v2~1a~1{id}/get/requestBody"),
            ["get_v2_a_id_body"]
        );
        assert_eq!(
            candidates_at(document, "/components/schemas/A/additionalProperties"),
            ["A_value"]
        );
    }

    #[test]
    fn values_wanting_one_name_both_take_longer_ones_and_a_suffix_comes_last() {
        let wanted = |candidates: &[&str]| Wanted {
            kind: "schemas",
            candidates: candidates.iter().map(|name| name.to_string()).collect(),
        };
        let taken = HashSet::from([("schemas", fold("Taken"))]);
        let names = assign(
            &[
                wanted(&["region", "a_region"]),
                wanted(&["region", "b_region"]),
                wanted(&["taken", "c_taken"]),
                wanted(&["same"]),
                wanted(&["Same"]),
                wanted(&["alone", "d_alone"]),
            ],
            &taken,
        );
        assert_eq!(
            names,
            ["a_region", "b_region", "c_taken", "same", "Same_2", "alone"]
        );
    }
}

use std::cell::RefCell;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::*;

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

/// A spec whose root is `spec/api.yaml` with `root`, and whose other files are `others` (paths relative to
/// `spec/`); also returns the paths read, in order.
fn spec(root: &str, others: &[(&str, &str)]) -> (Result<Loaded, Diagnostics>, Vec<PathBuf>) {
    let files: HashMap<PathBuf, String> = others
        .iter()
        .map(|(path, text)| (Path::new("spec").join(path), (*text).to_owned()))
        .collect();
    let reads = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&reads);
    let reader: Reader = Box::new(move |path| {
        log.borrow_mut().push(path.to_path_buf());
        files
            .get(path)
            .cloned()
            .ok_or_else(|| io::ErrorKind::NotFound.into())
    });
    let loaded = load_with(Path::new("spec/api.yaml"), root, reader);
    let reads = reads.borrow().clone();
    (loaded, reads)
}

/// The problems of a spec that must fail, as `file#pointer: message` lines.
fn problems(root: &str, others: &[(&str, &str)]) -> Vec<String> {
    match spec(root, others).0 {
        Ok(_) => panic!("the spec loaded without a problem"),
        Err(diagnostics) => diagnostics
            .problems
            .iter()
            .map(|problem| {
                format!(
                    "{}{}: {}",
                    problem.file.display(),
                    problem.pointer,
                    problem.message
                )
            })
            .collect(),
    }
}

/// Where the model finds problems in `loaded`, as `file#pointer` lines.
fn model_problems(loaded: &Loaded) -> Vec<String> {
    let mut collector = crate::diagnostics::Collector::default();
    crate::model::build(&loaded.document, &mut collector);
    collector
        .into_diagnostics(&loaded.origins)
        .problems
        .iter()
        .map(|problem| format!("{}{}", problem.file.display(), problem.pointer))
        .collect()
}

fn loaded(root: &str, others: &[(&str, &str)]) -> OpenAPI {
    spec(root, others)
        .0
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
        .document
}

#[test]
fn a_shape_error_names_the_innermost_pointer() {
    let source = format!("{HEAD}paths:\n  /a:\n    get:\n      responses: 7\n");
    assert_eq!(
        problems(&source, &[]),
        ["spec/api.yaml#/paths/~1a/get/responses: invalid type: integer `7`, expected struct Responses"]
    );

    let source = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {{type: integer, minimum: lots}}\n"
    );
    let found = problems(&source, &[]);
    assert!(
        found[0].starts_with("spec/api.yaml#/components/schemas/A/properties/b: "),
        "{found:?}"
    );
}

#[test]
fn a_message_quoting_text_with_line_breaks_stays_one_line() {
    let source = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters: [{{name: a, in: \"one\\ntwo\"}}]\n      responses: {{}}\n"
    );
    assert_eq!(
        problems(&source, &[]),
        ["spec/api.yaml#/paths/~1a/get/parameters/0: unknown variant `one\\ntwo`, expected one of `query`, `header`, `path`, `cookie`"]
    );
}

#[test]
fn a_shape_error_in_a_referenced_file_names_that_file_and_its_innermost_pointer() {
    let root = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'schemas/a.yaml#/A'}}\n"
    );
    let a = "A:\n  type: object\n  properties:\n    b: {$ref: '#/B'}\nB:\n  type: object\n  properties:\n    c: {type: integer, minimum: lots}\n";
    let found = problems(&root, &[("schemas/a.yaml", a)]);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("spec/schemas/a.yaml#/B/properties/c: "),
        "{found:?}"
    );
}

#[test]
fn invalid_yaml_reports_its_line_in_its_file() {
    let source = format!("{HEAD}paths: [\n");
    assert!(problems(&source, &[])[0].contains("line"));

    let root = format!(
        "{HEAD}paths:\n  /a: {{$ref: 'paths/a.yaml#/a'}}\n  /b: {{$ref: 'paths/a.yaml#/b'}}\n"
    );
    let found = problems(&root, &[("paths/a.yaml", "a: [\n")]);
    assert_eq!(found.len(), 1, "reported once: {found:?}");
    assert!(found[0].starts_with("spec/paths/a.yaml#: ") && found[0].contains("line"));
}

#[test]
fn other_openapi_versions_are_refused() {
    let source = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    assert!(problems(source, &[])[0].contains("only 3.0.x"));
}

#[test]
fn values_in_other_files_become_components_named_by_the_root() {
    let root = format!(
        "{HEAD}paths:\n  /nodes: {{$ref: 'paths/nodes.yaml#/~1nodes'}}\ncomponents:\n  schemas:\n    Local: {{type: string}}\n    Tree: {{$ref: 'schemas/tree.yaml#/Tree'}}\n    Alias: {{$ref: 'schemas/tree.yaml#/Tree'}}\n"
    );
    let nodes = "/nodes:\n  get:\n    parameters:\n      - $ref: '../parameters.yaml#/limit'\n    responses:\n      '200':\n        description: ok\n        content:\n          application/json:\n            schema: {$ref: '../schemas/tree.yaml#/Node'}\n";
    // Node and Tree refer to each other across files, and Node to itself.
    let tree = "Tree:\n  type: object\n  properties:\n    root: {$ref: 'node.yaml'}\n    local: {$ref: '../api.yaml#/components/schemas/Local'}\nNode:\n  type: object\n  properties:\n    tree: {$ref: '#/Tree'}\n";
    let node = "type: object\nproperties:\n  next: {$ref: 'node.yaml#'}\n  up: {$ref: 'tree.yaml#/Tree'}\n";
    let limit = "name: limit\nin: query\nschema: {type: integer}\n";
    let (loaded, reads) = spec(
        &root,
        &[
            ("paths/nodes.yaml", nodes),
            ("schemas/tree.yaml", tree),
            ("schemas/node.yaml", node),
            ("parameters.yaml", &format!("limit:\n{}", indent(limit))),
        ],
    );
    let document = loaded.unwrap_or_else(|d| panic!("{d}")).document;
    assert_eq!(
        reads,
        [
            "spec/paths/nodes.yaml",
            "spec/parameters.yaml",
            "spec/schemas/tree.yaml",
            "spec/schemas/node.yaml"
        ]
        .map(PathBuf::from),
        "each file is read once"
    );
    let components = document.components.unwrap();
    let schemas: Vec<&str> = components.schemas.keys().map(String::as_str).collect();
    assert_eq!(schemas, ["Local", "Tree", "Alias", "Node", "node"]);
    let json = serde_json::to_value(&components.schemas).unwrap();
    assert_eq!(json["Alias"]["$ref"], "#/components/schemas/Tree");
    assert_eq!(
        json["Tree"]["properties"]["root"]["$ref"],
        "#/components/schemas/node"
    );
    assert_eq!(
        json["Tree"]["properties"]["local"]["$ref"],
        "#/components/schemas/Local"
    );
    assert_eq!(
        json["Node"]["properties"]["tree"]["$ref"],
        "#/components/schemas/Tree"
    );
    assert_eq!(
        json["node"]["properties"]["next"]["$ref"],
        "#/components/schemas/node"
    );
    assert_eq!(
        serde_json::to_value(&components.parameters).unwrap()["limit"]["name"],
        "limit"
    );
    let path = serde_json::to_value(&document.paths).unwrap();
    assert_eq!(
        path["/nodes"]["get"]["parameters"][0]["$ref"],
        "#/components/parameters/limit"
    );
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("  {line}\n")).collect()
}

#[test]
fn broken_references_are_reported_where_they_are_written() {
    let root = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'schemas/a.yaml#/A'}}\n    Gone: {{$ref: 'gone.yaml#/Gone'}}\n    Far: {{$ref: '../far.yaml#/Far'}}\n    Web: {{$ref: 'https://example.com/x.yaml#/X'}}\n"
    );
    let a = "A:\n  type: object\n  properties:\n    b: {$ref: 'b.yaml#/Tag'}\n    c: {$ref: '#/Tag'}\n    d: {$ref: '#/Nowhere'}\nTag: {type: string}\n";
    let b = "Tag: {type: integer}\n";
    let found = problems(&root, &[("schemas/a.yaml", a), ("schemas/b.yaml", b)]);
    let expected = [
        "spec/api.yaml#/components/schemas/Gone/$ref: spec/gone.yaml does not exist",
        "spec/api.yaml#/components/schemas/Far/$ref: `../far.yaml#/Far` leaves the directory of the spec's root file; keep every file of the spec inside it",
        "spec/api.yaml#/components/schemas/Web/$ref: `https://example.com/x.yaml#/X` is a URL: only files of the spec, by relative path, are read",
        "spec/schemas/a.yaml#/A/properties/c/$ref: `#/Tag` would be bundled as #/components/schemas/Tag, which is already spec/schemas/b.yaml#/Tag; list it in the root document's `components` under a name of its own",
        "spec/schemas/a.yaml#/A/properties/d/$ref: spec/schemas/a.yaml has nothing at #/Nowhere",
    ];
    assert_eq!(found, expected);
}

#[test]
fn a_derived_name_may_not_take_a_root_components_name() {
    let root = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Tag: {{type: string}}\n    A: {{$ref: 'a.yaml#/A'}}\n"
    );
    let a = "A:\n  type: object\n  properties:\n    tag: {$ref: '#/Tag'}\nTag: {type: integer}\n";
    let found = problems(&root, &[("a.yaml", a)]);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("already a component of the root document"),
        "{found:?}"
    );
}

#[test]
fn a_path_item_that_contains_itself_is_refused() {
    let root = format!("{HEAD}paths:\n  /a: {{$ref: 'a.yaml#/a'}}\n");
    let a = "a:\n  post:\n    callbacks:\n      done:\n        '{$request.body#/url}': {$ref: '#/a'}\n    responses: {'200': {description: ok}}\n";
    let found = problems(&root, &[("a.yaml", a)]);
    assert_eq!(
        found,
        ["spec/a.yaml#/a/post/callbacks/done/{$request.body#~1url}/$ref: `#/a` is a path item that contains itself"]
    );
}

#[test]
fn a_single_document_is_read_as_it_is() {
    let root = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{b: {{$ref: '#/components/schemas/B', description: kept}}}}}}\n    B: {{type: string}}\n"
    );
    let bundled = bundled(Path::new("api.yaml"), &root, disk()).unwrap();
    let original: Value = serde_yaml::from_str(&root).unwrap();
    assert_eq!(bundled.document, original);
    assert_eq!(loaded(&root, &[]).components.unwrap().schemas.len(), 2);
}

#[test]
fn members_beside_a_reference_are_kept() {
    let root = format!(
        "{HEAD}paths:\n  /x: {{$ref: 'p.yaml#/x', summary: Beside}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{b: {{$ref: 'a.yaml#/B', description: Kept.}}}}}}\n"
    );
    let read: Reader = Box::new(|path| match path.to_str() {
        Some("p.yaml") => Ok("x: {description: Own.}".to_owned()),
        Some("a.yaml") => Ok("B: {type: string}".to_owned()),
        _ => Err(io::ErrorKind::NotFound.into()),
    });
    let document = bundled(Path::new("api.yaml"), &root, read)
        .unwrap()
        .document;
    let expected: Value = serde_yaml::from_str(&format!(
        "{HEAD}paths:\n  /x: {{description: Own., summary: Beside}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{b: {{$ref: '#/components/schemas/B', description: Kept.}}}}}}\n    B: {{type: string}}\n"
    ))
    .unwrap();
    assert_eq!(document, expected);
}

#[test]
fn a_json_document_may_hold_integers_beyond_64_bits() {
    let root = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"Big": {"type": "integer", "maximum": 18446744073709552000}}}}"#;
    let loaded = spec(root, &[]).0.unwrap_or_else(|error| panic!("{error}"));
    let components = loaded.document.components.unwrap();
    assert!(components.schemas.contains_key("Big"));
}

#[test]
fn a_malformed_json_document_is_reported_with_its_line() {
    assert_eq!(
        problems("{\"openapi\": \"3.0.3\",\n \"info\": }", &[]),
        ["spec/api.yaml#: expected value at line 2 column 10"]
    );
}

/// A one-file spec with two operations: `/a` writes the values `/b` and the components refer to.
const SHARED: &str = r##"
paths:
  /a:
    get:
      operationId: list_a
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: order, in: query, schema: {type: string, enum: [asc, desc]}}
      responses:
        '200':
          description: ok
          headers:
            rate: {schema: {type: integer}}
          content:
            application/json:
              schema:
                type: object
                properties:
                  items:
                    type: array
                    items:
                      type: object
                      properties:
                        region: {type: object, properties: {slug: {type: string}}}
                        parent: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/items/items'}
                  region: {type: object, properties: {name: {type: string}}}
  /b:
    get:
      parameters:
        - $ref: '#/paths/~1a/get/parameters/0'
        - $ref: '#/paths/~1a/get/parameters/1'
      responses:
        '200':
          description: ok
          headers:
            rate: {$ref: '#/paths/~1a/get/responses/200/headers/rate'}
          content:
            application/json:
              schema:
                type: object
                properties:
                  item: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/items/items'}
                  inner: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/items/items/properties/region'}
                  outer: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/region'}
                  same: {$ref: '#/paths/~1b/get/responses/200/content/application~1json/schema/properties/item'}
components:
  schemas:
    Wrapper: {type: object, properties: {value: {type: object, properties: {x: {type: string}}}}}
    Value: {type: string}
    Other: {type: object, properties: {value: {$ref: '#/components/schemas/Wrapper/properties/value'}}}
"##;

#[test]
fn values_referred_to_outside_components_become_components_or_copies() {
    let document = loaded(&format!("{HEAD}{SHARED}"), &[]);
    let json = serde_json::to_value(&document).unwrap();
    let schemas: Vec<&str> = document
        .components
        .as_ref()
        .unwrap()
        .schemas
        .keys()
        .map(String::as_str)
        .collect();
    // The two `region`s are told apart by what is above them; `value` is taken by a component.
    assert_eq!(
        schemas,
        [
            "Wrapper",
            "Value",
            "Other",
            "items_item",
            "items_item_region",
            "list_a_200_response_region",
            "Wrapper_value"
        ]
    );
    let schema = |name: &str| format!("#/components/schemas/{name}");
    let a = &json["paths"]["/a"]["get"];
    let b = &json["paths"]["/b"]["get"];
    let a_body = &a["responses"]["200"]["content"]["application/json"]["schema"];
    let b_body = &b["responses"]["200"]["content"]["application/json"]["schema"];
    // The original place refers to the component, as every reference to it does: one Rust type.
    assert_eq!(
        a_body["properties"]["items"]["items"]["$ref"],
        schema("items_item")
    );
    assert_eq!(
        a_body["properties"]["region"]["$ref"],
        schema("list_a_200_response_region")
    );
    assert_eq!(b_body["properties"]["item"]["$ref"], schema("items_item"));
    assert_eq!(
        b_body["properties"]["inner"]["$ref"],
        schema("items_item_region")
    );
    // A reference to a reference points where that one ends.
    assert_eq!(b_body["properties"]["same"]["$ref"], schema("items_item"));
    let item = &json["components"]["schemas"]["items_item"];
    assert_eq!(
        item["properties"]["region"]["$ref"],
        schema("items_item_region")
    );
    assert_eq!(
        item["properties"]["parent"]["$ref"],
        schema("items_item"),
        "a schema containing itself"
    );
    assert_eq!(
        json["components"]["schemas"]["Other"]["properties"]["value"]["$ref"],
        schema("Wrapper_value")
    );
    // A parameter defining an enum becomes a component named after it; a plain one, and a plain
    // header, are copied.
    assert_eq!(b["parameters"][0], a["parameters"][0]);
    assert_eq!(b["parameters"][1]["$ref"], "#/components/parameters/order");
    assert_eq!(a["parameters"][1]["$ref"], "#/components/parameters/order");
    assert_eq!(
        b["responses"]["200"]["headers"]["rate"]["schema"]["type"],
        "integer"
    );
}

#[test]
fn references_to_values_that_cannot_be_components_are_reported_where_they_are_written() {
    let root = format!(
        "{HEAD}paths:
  /a:
    get:
      parameters:
        - $ref: '#/paths/~1a/get/responses/200'
        - $ref: '#/paths/~1a/get/parameters'
        - $ref: '#/x-shared'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  gone: {{$ref: '#/paths/~1a/get/responses/201'}}
                  operation: {{$ref: '#/paths/~1a/get'}}
                  loop: {{$ref: '#/x-loop/a'}}
                  shared: {{$ref: '#/x-shared'}}
                  info: {{$ref: '#/info'}}
x-loop:
  a: {{$ref: '#/x-loop/b'}}
  b: {{$ref: '#/x-loop/a'}}
x-shared: {{name: order, in: query, schema: {{type: string, enum: [asc]}}}}
"
    );
    let at = "spec/api.yaml#/paths/~1a/get";
    let body = "responses/200/content/application~1json/schema/properties";
    assert_eq!(
        problems(&root, &[]),
        [
            format!("{at}/parameters/0/$ref: `#/paths/~1a/get/responses/200` is a response, not a parameter"),
            format!("{at}/parameters/1/$ref: `#/paths/~1a/get/parameters` is the `parameters` of an operation, not a parameter"),
            format!("{at}/{body}/gone/$ref: `#/paths/~1a/get/responses/201` does not exist"),
            format!("{at}/{body}/operation/$ref: `#/paths/~1a/get` is an operation, not a schema"),
            format!("{at}/{body}/loop/$ref: `#/x-loop/a` leads to references that lead back to each other"),
            format!("{at}/{body}/shared/$ref: `#/x-shared` is a parameter where it is used elsewhere, not a schema"),
            format!("{at}/{body}/info/$ref: `#/info` is the `info` of the document, not a schema"),
        ]
    );
}

#[test]
fn a_problem_inside_a_value_referred_to_is_reported_once_where_it_is_written() {
    let root = format!(
        "{HEAD}paths:
  /a:
    get:
      parameters:
        - {{name: my session, in: cookie, schema: {{type: string}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  moved: {{type: object, properties: {{b: {{oneOf: []}}}}}}
  /b:
    get:
      parameters:
        - $ref: '#/paths/~1a/get/parameters/0'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  moved: {{$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/moved'}}
"
    );
    let loaded = spec(&root, &[]).0.unwrap_or_else(|d| panic!("{d}"));
    let found = model_problems(&loaded);
    let at = "spec/api.yaml#/paths/~1a/get";
    assert_eq!(
        found,
        [
            format!(
                "{at}/responses/200/content/application~1json/schema/properties/moved/properties/b"
            ),
            format!("{at}/parameters/0/name"),
        ]
    );
}

#[test]
fn a_value_under_an_extension_takes_the_place_of_the_component_referring_to_it() {
    let root = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A: {{$ref: '#/x-schemas/A'}}
x-schemas:
  A: {{type: object, properties: {{b: {{$ref: '#/x-schemas/B'}}}}}}
  B: {{type: object, properties: {{c: {{type: string}}}}}}
"
    );
    let components = loaded(&root, &[]).components.unwrap();
    let json = serde_json::to_value(&components.schemas).unwrap();
    // The component referring to the value gives it its name and place, as for another file.
    assert_eq!(
        json["A"]["properties"]["b"]["$ref"],
        "#/components/schemas/B"
    );
    assert_eq!(json["B"]["properties"]["c"]["type"], "string");
}

#[test]
fn a_value_of_another_file_referred_to_inside_keeps_its_file_in_problems() {
    let root = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    B: {{$ref: 'b.yaml#/B'}}
    C: {{type: object, properties: {{c: {{$ref: '#/components/schemas/B/properties/c'}}}}}}
"
    );
    let b =
        "B:\n  type: object\n  properties:\n    c: {type: object, properties: {d: {oneOf: []}}}\n";
    let loaded = spec(&root, &[("b.yaml", b)])
        .0
        .unwrap_or_else(|d| panic!("{d}"));
    let json = serde_json::to_value(&loaded.document.components).unwrap();
    assert_eq!(
        json["schemas"]["C"]["properties"]["c"]["$ref"],
        "#/components/schemas/B_c"
    );
    let found = model_problems(&loaded);
    assert_eq!(found, ["spec/b.yaml#/B/properties/c/properties/d"]);
}

#[test]
fn a_path_item_referring_into_the_document_is_copied_in_place() {
    let root = format!(
        "{HEAD}paths:
  /v1/a:
    get: {{operationId: a_get, responses: {{'204': {{description: Done.}}}}}}
  /v2/a: {{$ref: '#/paths/~1v1~1a', summary: Beside}}
"
    );
    let document = loaded(&root, &[]);
    let json = serde_json::to_value(&document.paths).unwrap();
    assert_eq!(json["/v2/a"]["get"], json["/v1/a"]["get"]);
    assert_eq!(json["/v2/a"]["summary"], "Beside");
}

#[test]
fn a_path_item_referring_to_nothing_or_to_itself_is_reported() {
    let root = format!(
        "{HEAD}paths:
  /a:
    post:
      callbacks:
        done: {{'{{$request.body#/url}}': {{$ref: '#/paths/~1a'}}}}
      responses: {{'204': {{description: Done.}}}}
  /b: {{$ref: '#/paths/~1c'}}
  /d: {{$ref: '#/paths/~1a/post'}}
"
    );
    assert_eq!(
        problems(&root, &[]),
        [
            "spec/api.yaml#/paths/~1b/$ref: `#/paths/~1c` does not exist",
            "spec/api.yaml#/paths/~1d/$ref: `#/paths/~1a/post` is an operation, not a path item",
        ]
    );
    let root = root.replace(
        "  /b: {$ref: '#/paths/~1c'}\n  /d: {$ref: '#/paths/~1a/post'}\n",
        "",
    );
    assert_eq!(
        problems(&root, &[]),
        ["spec/api.yaml#/paths/~1a/post/callbacks/done/{$request.body#~1url}/$ref: `#/paths/~1a` is a path item that contains itself"]
    );
}

#[test]
fn a_discriminator_mapping_into_the_document_points_where_its_alternative_does() {
    let root = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Pet:
      oneOf: [{{$ref: '#/x-pets/Dog'}}, {{$ref: '#/x-pets/Cat'}}]
      discriminator:
        propertyName: kind
        mapping: {{dog: '#/x-pets/Dog', cat: '#/x-pets/Cat', bird: '#/x-pets/Bird'}}
x-pets:
  Dog: {{type: object, properties: {{kind: {{type: string}}}}}}
  Cat: {{type: object, properties: {{kind: {{type: string}}}}}}
"
    );
    assert_eq!(
        problems(&root, &[]),
        ["spec/api.yaml#/components/schemas/Pet/discriminator/mapping/bird: `#/x-pets/Bird` does not exist"]
    );
    let root = root.replace(", bird: '#/x-pets/Bird'", "");
    let components = loaded(&root, &[]).components.unwrap();
    let json = serde_json::to_value(&components.schemas).unwrap();
    assert_eq!(json["Pet"]["oneOf"][0]["$ref"], "#/components/schemas/Dog");
    let mapping = &json["Pet"]["discriminator"]["mapping"];
    assert_eq!(mapping["dog"], "#/components/schemas/Dog");
    assert_eq!(mapping["cat"], "#/components/schemas/Cat");
}

#[test]
fn a_discriminator_mapping_into_another_file_points_where_its_alternative_does() {
    let root = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Pet:
      oneOf: [{{$ref: 'pets.yaml#/Dog'}}, {{$ref: 'pets.yaml#/Cat'}}]
      discriminator:
        propertyName: kind
        mapping: {{dog: 'pets.yaml#/Dog', cat: 'pets.yaml#/Cat', fish: 'pets.yaml#/Fish', Bird: Bird}}
"
    );
    let pets = "Dog: {type: object, properties: {kind: {type: string}}}\nCat: {type: object}\n";
    assert_eq!(
        problems(&root, &[("pets.yaml", pets)]),
        ["spec/api.yaml#/components/schemas/Pet/discriminator/mapping/fish: spec/pets.yaml has nothing at #/Fish"]
    );
    let root = root.replace(", fish: 'pets.yaml#/Fish'", "");
    let loaded = spec(&root, &[("pets.yaml", pets)])
        .0
        .unwrap_or_else(|d| panic!("{d}"));
    let json = serde_json::to_value(&loaded.document.components).unwrap();
    let mapping = &json["schemas"]["Pet"]["discriminator"]["mapping"];
    assert_eq!(mapping["dog"], "#/components/schemas/Dog");
    assert_eq!(mapping["cat"], "#/components/schemas/Cat");
    assert_eq!(mapping["Bird"], "Bird", "a schema name is left as it is");
}

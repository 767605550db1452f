//! Paths and operations to grouped endpoint methods.

use std::collections::HashSet;

use indexmap::IndexMap;
use openapiv3::{
    MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr, RequestBody,
    Response, Schema, SchemaKind, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::media::Media;
use super::refs;
use super::required_members::Listed;
use super::types::{Placement, TypeBuilder};
use super::value_or_list;
use super::{
    Body, BodyEncoding, Docs, ErrorCodeVariant, Group, HttpMethod, Operation, OperationErrorCode,
    Param, ParamLocation, PathSegment, QueryEncoding, ResponseBody, RustType, StatusVariant,
    Variant,
};
use crate::diagnostics::Collector;
use crate::naming::{self, Namespace};
use crate::pointer::JsonPointer;

/// Names a request uses for itself (the methods of the runtime's `Request`, the body's field, the
/// locals of `Endpoint::call`), which parameters therefore cannot take.
pub const BUILDER_MEMBERS: &[&str] = &[
    "new",
    "send",
    "send_with_response",
    "into_future",
    "timeout",
    "body",
    "client",
    "query",
    "path",
];

/// Request headers the client sets itself; OpenAPI says parameters naming them are ignored.
const RESERVED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

/// What [`build`] makes of the paths.
pub struct Built {
    /// The operation groups, in document order.
    pub groups: Vec<Group>,
    /// The catalogue of documented error codes.
    pub error_codes: Vec<ErrorCodeVariant>,
    /// The `x-required-members` of each operation that lists some, resolved once types are built.
    pub required_members: Vec<Listed>,
}

/// Builds the operation groups, the catalogue of error codes and the lists of required members.
pub fn build<'a>(
    document: &'a OpenAPI,
    types: &mut TypeBuilder<'a>,
    problems: &mut Collector,
) -> Built {
    let mut builder = OperationBuilder {
        document,
        groups: IndexMap::new(),
        group_tags: IndexMap::new(),
        accessors: accessor_names(),
        group_names: IndexMap::new(),
        error_codes: IndexMap::new(),
        error_code_names: error_code_names(),
        required_members: Vec::new(),
        explicit_methods: explicit_methods(document),
    };
    let paths = JsonPointer::root().push("paths");
    for (path, item) in &document.paths.paths {
        let pointer = paths.push(path);
        let ReferenceOr::Item(item) = item else {
            problems.report(&pointer, "path item references are not supported");
            continue;
        };
        let methods = [
            ("get", HttpMethod::Get, &item.get),
            ("put", HttpMethod::Put, &item.put),
            ("post", HttpMethod::Post, &item.post),
            ("delete", HttpMethod::Delete, &item.delete),
            ("patch", HttpMethod::Patch, &item.patch),
            ("head", HttpMethod::Head, &item.head),
            ("options", HttpMethod::Options, &item.options),
            ("trace", HttpMethod::Trace, &item.trace),
        ];
        for (key, method, operation) in methods {
            if let Some(operation) = operation {
                let context = OperationContext {
                    path,
                    method,
                    pointer: pointer.push(key),
                    shared_params: &item.parameters,
                    path_pointer: pointer.clone(),
                };
                builder.operation(&context, operation, types, problems);
            }
        }
    }
    let error_codes: Vec<ErrorCodeVariant> = builder
        .error_codes
        .into_values()
        .map(|known| ErrorCodeVariant {
            variant: known.variant,
            retryable: known.retryable.is_some_and(|(retryable, _)| retryable),
        })
        .collect();
    if super::types::fallback_variant(error_codes.iter().map(|code| &code.variant)).is_none() {
        problems.report(
            &paths,
            "the documented error codes take every name of the variant that keeps undocumented codes",
        );
    }
    Built {
        groups: builder.groups.into_values().collect(),
        error_codes,
        required_members: builder.required_members,
    }
}

struct OperationBuilder<'a> {
    document: &'a OpenAPI,
    groups: IndexMap<String, Group>,
    /// The tag each group was made from, to report tags that name the same group.
    group_tags: IndexMap<String, String>,
    /// Group accessors, which are methods of the client.
    accessors: Namespace,
    /// Method and builder names taken in each group.
    group_names: IndexMap<String, GroupNames>,
    error_codes: IndexMap<String, KnownErrorCode>,
    error_code_names: Namespace,
    required_members: Vec<Listed>,
    /// The method names `operationId`s give, which names derived for operations without one avoid.
    explicit_methods: HashSet<String>,
}

/// An error code some operation documents.
struct KnownErrorCode {
    variant: Variant,
    /// The first `x-retryable` given for the code, and where: a code names a temporary condition for
    /// every operation or for none, since `ErrorCode::is_retryable` cannot tell operations apart.
    retryable: Option<(bool, JsonPointer)>,
}

struct OperationContext<'a> {
    path: &'a str,
    method: HttpMethod,
    pointer: JsonPointer,
    shared_params: &'a [ReferenceOr<Parameter>],
    path_pointer: JsonPointer,
}

impl<'a> OperationBuilder<'a> {
    fn operation(
        &mut self,
        context: &OperationContext<'a>,
        operation: &'a openapiv3::Operation,
        types: &mut TypeBuilder<'a>,
        problems: &mut Collector,
    ) {
        let Some(names) = self.names(context, operation, problems) else {
            return;
        };
        let pointer = &context.pointer;
        let placement = Placement {
            name: format!("{}{}", names.tag_type, names.builder_type),
            module: names.group.clone(),
        };

        let (mut params, declared) = self.params(context, operation, &placement, types, problems);
        let path_segments = path_segments(
            context.path,
            &params,
            declared.as_deref(),
            pointer,
            problems,
        );
        let (body, required_members) =
            match self.body(operation, &placement, pointer, &params, types, problems) {
                Some(RequestContent::Whole(body, members)) => (Some(body), members),
                Some(RequestContent::Form(parts)) => {
                    params.extend(parts);
                    (None, Vec::new())
                }
                None => (None, Vec::new()),
            };
        let response_type = format!("{}Response", names.builder_type);
        let mut responses = self.responses(
            operation,
            &response_type,
            &placement,
            pointer,
            types,
            problems,
        );
        if context.method == HttpMethod::Head {
            // A response to HEAD has no body, whatever its documentation describes: it says what a
            // GET would answer. Its status and headers are what the caller asks for.
            responses.body = ResponseBody::Empty;
            responses.accept = None;
        }
        let error_codes = self.error_codes(operation, &names.id, pointer, problems);

        let mut docs = Docs::from_text(operation.summary.as_deref());
        docs.push(operation.description.as_deref());
        if operation.operation_id.is_none() {
            docs.push(Some(
                "The API document gives this operation no `operationId`: its method is named after \
                 its HTTP method and path.",
            ));
        }
        let permissions = string_list(
            operation.extensions.get("x-permissions"),
            &pointer.push("x-permissions"),
            problems,
        );
        let idempotent = idempotent(operation, context.method, pointer, problems);

        if let ResponseBody::ByStatus { type_name, .. } = &responses.body {
            let builders = self
                .group_names
                .get_mut(&names.group)
                .map(|names| &mut names.builders);
            if !builders.is_some_and(|builders| builders.claim(type_name, pointer, problems)) {
                return;
            }
        }
        let document = self.document;
        let entry = self.groups.entry(names.group.clone());
        let group_index = entry.index();
        let group = entry.or_insert_with(|| {
            let tag = &names.tag;
            let description = document
                .tags
                .iter()
                .find(|t| &t.name == tag)
                .and_then(|t| t.description.as_deref());
            Group {
                api_type: names.api_type.clone(),
                module: names.group.clone(),
                docs: Docs::from_text(description),
                operations: Vec::new(),
            }
        });
        if !required_members.is_empty() {
            self.required_members.push(Listed {
                group: group_index,
                operation: group.operations.len(),
                members: required_members,
            });
        }
        group.operations.push(Operation {
            id: names.id,
            method_name: names.method,
            builder_type: names.builder_type,
            args_type: names.args_type,
            http_method: context.method,
            path: context.path.to_owned(),
            path_segments,
            params,
            body,
            response: responses.body,
            accept: responses.accept,
            docs,
            permissions,
            idempotent,
            deprecated: operation.deprecated,
            error_codes,
            error_statuses: responses.failures,
        });
    }

    /// Decides the group, method and builder names of an operation, reporting missing or clashing ones
    /// before anything is built for it; `None` when it cannot be generated.
    fn names(
        &mut self,
        context: &OperationContext<'a>,
        operation: &'a openapiv3::Operation,
        problems: &mut Collector,
    ) -> Option<OperationNames> {
        let pointer = &context.pointer;
        // Without a usable tag, the operation joins the group of the resource its path starts with.
        let Some(tag) = group_tag(operation, context.path) else {
            problems.report(
                pointer,
                "operation has no tag with letters or digits, and its path names no resource to group \
                 it by",
            );
            return None;
        };
        let tag = &tag;
        let tag_pointer = match operation.tags.first() {
            Some(first) if first == tag => pointer.push("tags").push(0),
            _ => pointer.clone(),
        };
        let (Some(group), Some(tag_type)) = (naming::module(tag), naming::camel(tag)) else {
            problems.report(&tag_pointer, "tag has no letters or digits to name a group");
            return None;
        };
        // A group named like a method of the client is reached through `<group>_api()` instead.
        let group = match self.accessors.is_free(&group) || self.group_names.contains_key(&group) {
            true => group,
            false => format!("{group}_api"),
        };
        let (id, method) = match operation.operation_id.as_deref() {
            Some(id) => match method_name(id, tag) {
                Some(method) => (id.to_owned(), method),
                None => {
                    problems.report(
                        &pointer.push("operationId"),
                        "operationId has no letters or digits to name a method",
                    );
                    return None;
                }
            },
            None => {
                let method = self.derived_method(&group, context);
                (method.clone(), method)
            }
        };
        let builder_type = naming::camel(&method).unwrap_or_default();
        let args_type = format!("{builder_type}Args");
        let api_type = format!("{tag_type}Api");

        let first_tag = self
            .group_tags
            .entry(group.clone())
            .or_insert_with(|| tag.clone());
        if first_tag != tag {
            problems.report(
                &tag_pointer,
                format!(
                    "tag `{tag}` and tag `{first_tag}` both name the group `{group}`; rename one"
                ),
            );
            return None;
        }
        if !self.group_names.contains_key(&group) {
            if !self.accessors.claim(&group, &tag_pointer, problems) {
                return None;
            }
            self.group_names
                .insert(group.clone(), GroupNames::new(&api_type));
        }
        let names = self.group_names.get_mut(&group)?;
        let id_pointer = match operation.operation_id {
            Some(_) => pointer.push("operationId"),
            None => pointer.clone(),
        };
        if !names.methods.claim(&method, &id_pointer, problems)
            || !names.builders.claim(&builder_type, &id_pointer, problems)
            || !names.builders.claim(&args_type, &id_pointer, problems)
        {
            return None;
        }
        Some(OperationNames {
            id: id.to_owned(),
            tag: tag.clone(),
            group,
            tag_type,
            api_type,
            method,
            builder_type,
            args_type,
        })
    }

    /// The method name of an operation without `operationId`: its HTTP method and path in snake case
    /// (`get_v1_users_id` for `GET /v1/users/{id}`), numbered from 2 when another method of its group,
    /// or any operation's `operationId`, has that name already.
    fn derived_method(&self, group: &str, context: &OperationContext<'a>) -> String {
        let words = context.path.replace(['{', '}', '/'], " ");
        let base = naming::snake(&format!("{} {words}", context.method.as_str()))
            .unwrap_or_else(|| context.method.as_str().to_ascii_lowercase());
        let names = self.group_names.get(group);
        let free = |name: &String| {
            let builder = naming::camel(name).unwrap_or_default();
            !self.explicit_methods.contains(name)
                && names.is_none_or(|names| {
                    names.methods.is_free(name) && names.builders.is_free(&builder)
                })
        };
        std::iter::once(base.clone())
            .chain((2..).map(|number| format!("{base}_{number}")))
            .find(free)
            .unwrap_or(base)
    }

    fn params(
        &mut self,
        context: &OperationContext<'a>,
        operation: &'a openapiv3::Operation,
        placement: &Placement,
        types: &mut TypeBuilder<'a>,
        problems: &mut Collector,
    ) -> (Vec<Param>, Option<Vec<String>>) {
        let components = self.document.components.as_ref().map(|c| &c.parameters);
        // Operation-level parameters override path-level ones with the same name and location.
        let mut merged: IndexMap<(String, &'static str), refs::Resolved<'a, Parameter>> =
            IndexMap::new();
        let levels = [
            (
                context.shared_params,
                context.path_pointer.push("parameters"),
            ),
            (
                operation.parameters.as_slice(),
                context.pointer.push("parameters"),
            ),
        ];
        let mut unreadable = false;
        for (list, base) in levels {
            for (index, parameter) in list.iter().enumerate() {
                let pointer = base.push(index);
                match refs::resolve(parameter, "parameters", components, &pointer) {
                    Ok(resolved) => {
                        let data = resolved.item.parameter_data_ref();
                        let key = (data.name.clone(), location_name(resolved.item));
                        merged.insert(key, resolved);
                    }
                    Err(message) => {
                        problems.report(&pointer, message);
                        unreadable = true;
                    }
                }
            }
        }
        // Every declared path parameter, including those refused below (already reported), so that
        // the path template does not report them again as undeclared; unknown when a parameter could
        // not be read, as it may be any of them.
        let declared = (!unreadable).then(|| {
            merged
                .keys()
                .filter(|(_, location)| *location == "path")
                .map(|(name, _)| name.clone())
                .collect()
        });
        let mut names = Namespace::new(
            "parameter",
            "parameters are renamed when their names are taken",
        );
        for member in BUILDER_MEMBERS {
            names.reserve(member, "the request builder uses it");
        }
        let mut params: Vec<Param> = Vec::new();
        for resolved in merged.into_values() {
            let (parameter, pointer) = (resolved.item, resolved.pointer);
            // A shared parameter's inline types are named after its component, and built once.
            let placement = match resolved.component.and_then(naming::camel) {
                Some(name) => Placement {
                    name: format!("{name}Parameter"),
                    module: naming::model_module(&name).unwrap_or_default(),
                },
                None => placement.nested(&parameter.parameter_data_ref().name),
            };
            let data = parameter.parameter_data_ref();
            let location = match parameter {
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Query { style, .. } => {
                    ParamLocation::Query(query_encoding(style, data.explode))
                }
                Parameter::Header { .. }
                    if RESERVED_HEADERS.contains(&data.name.to_ascii_lowercase().as_str()) =>
                {
                    continue;
                }
                Parameter::Header { .. } if !is_token(&data.name) => {
                    problems.report(
                        &pointer.push("name"),
                        "a header name must be an HTTP token (letters, digits and `!#$%&'*+-.^_`|~`)",
                    );
                    continue;
                }
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Cookie { .. } if !is_token(&data.name) => {
                    problems.report(
                        &pointer.push("name"),
                        "a cookie name must be an HTTP token (letters, digits and `!#$%&'*+-.^_`|~`)",
                    );
                    continue;
                }
                Parameter::Cookie { .. } => ParamLocation::Cookie,
            };
            let (schema, json, schema_pointer) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => (schema, false, pointer.push("schema")),
                ParameterSchemaOrContent::Content(content) => match json_content(content) {
                    Some((media_type, schema)) => (
                        schema,
                        true,
                        pointer.push("content").push(media_type).push("schema"),
                    ),
                    None => {
                        problems.report(
                            &pointer.push("content"),
                            "a parameter's `content` must be one JSON media type with a schema",
                        );
                        continue;
                    }
                },
            };
            let Some(rust_name) =
                free_name(&mut names, &data.name, location.label(), &pointer, problems)
            else {
                problems.report(
                    &pointer.push("name"),
                    "parameter name has no letters or digits",
                );
                continue;
            };
            let list_items = match location {
                ParamLocation::Query(QueryEncoding::Repeated | QueryEncoding::Joined(_))
                    if !json =>
                {
                    value_or_list::list_items(self.document, schema, &schema_pointer)
                }
                _ => None,
            };
            let ty = match list_items {
                Some((items, items_pointer)) => RustType::Array(Box::new(types.type_of(
                    items,
                    &placement.nested("item"),
                    &items_pointer,
                    problems,
                ))),
                None => types.type_of(schema.into(), &placement, &schema_pointer, problems),
            };
            let object = matches!(ty, RustType::Named(_) | RustType::Map(_) | RustType::Any)
                && !types.is_scalar(&ty);
            let writable = match (&location, &ty) {
                // Any value has a JSON text.
                _ if json => Ok(location),
                (ParamLocation::Query(QueryEncoding::Deep), _) if object => Ok(location),
                (ParamLocation::Query(QueryEncoding::Deep), _) => {
                    Err("a `deepObject` parameter must be an object")
                }
                (ParamLocation::Query(QueryEncoding::Repeated), _) if object => {
                    Ok(ParamLocation::Query(QueryEncoding::Members(None)))
                }
                (ParamLocation::Query(QueryEncoding::Joined(separator)), _) if object => {
                    Ok(ParamLocation::Query(QueryEncoding::Members(Some(*separator))))
                }
                (ParamLocation::Query(_), RustType::Array(item)) if types.is_scalar(item) => {
                    Ok(location)
                }
                _ if types.is_scalar(&ty) => Ok(location),
                _ => Err(
                    "only strings, numbers, booleans, string enums (and, in a query, arrays of those \
                     and objects) can be parameters",
                ),
            };
            let location = match writable {
                Ok(location) => location,
                Err(message) => {
                    problems.report(&schema_pointer, message);
                    continue;
                }
            };
            let mut docs = Docs::from_text(data.description.as_deref());
            if let (true, ReferenceOr::Reference { reference }) = (docs.is_empty(), schema) {
                docs = types.referenced_docs(reference);
            }
            docs.push(renamed_note(&data.name, &rust_name));
            params.push(Param {
                wire_name: data.name.clone(),
                rust_name,
                location,
                ty,
                json,
                required: data.required,
                docs,
            });
        }
        // Path parameters come first, in the order the template names them.
        let order = |param: &Param| match param.location {
            ParamLocation::Path => context
                .path
                .find(&format!("{{{}}}", param.wire_name))
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        };
        params.sort_by_key(order);
        (params, declared)
    }

    /// The request body: JSON, with the members it lists in `x-required-members`, or form parts.
    fn body(
        &mut self,
        operation: &'a openapiv3::Operation,
        placement: &Placement,
        pointer: &JsonPointer,
        params: &[Param],
        types: &mut TypeBuilder<'a>,
        problems: &mut Collector,
    ) -> Option<RequestContent> {
        let body = operation.request_body.as_ref()?;
        let pointer = pointer.push("requestBody");
        let components = self.document.components.as_ref().map(|c| &c.request_bodies);
        let resolved = match refs::resolve(body, "requestBodies", components, &pointer) {
            Ok(resolved) => resolved,
            Err(message) => {
                problems.report(&pointer, message);
                return None;
            }
        };
        let body: &RequestBody = resolved.item;
        let placement =
            shared_placement(resolved.component).unwrap_or_else(|| placement.nested("body"));
        let pointer = resolved.pointer;
        let Some((media, media_type, content)) = request_content(&body.content) else {
            problems.report(
                &pointer.push("content"),
                "a request body needs at least one media type",
            );
            return None;
        };
        let raw = |encoding, ty| {
            let docs = Docs::from_text(body.description.as_deref());
            RequestContent::Whole(
                Body {
                    ty,
                    encoding,
                    required: body.required,
                    docs,
                    required_members: Vec::new(),
                },
                Vec::new(),
            )
        };
        let mut valid_media_type = || match is_header_value(media_type) {
            true => Some(media_type.clone()),
            false => {
                problems.report(
                    &pointer.push("content").push(media_type),
                    "a media type must be printable ASCII to be sent in `Content-Type`",
                );
                None
            }
        };
        let location = match media {
            Media::Text => {
                return Some(raw(
                    BodyEncoding::Text(valid_media_type()?),
                    RustType::String,
                ))
            }
            Media::JsonLines | Media::Binary => {
                return Some(raw(
                    BodyEncoding::File(valid_media_type()?),
                    RustType::Upload,
                ))
            }
            Media::Form => Some(ParamLocation::FormPart),
            Media::UrlEncoded => Some(ParamLocation::FormField),
            Media::Json => None,
        };
        let schema_pointer = pointer.push("content").push(media_type).push("schema");
        let Some(schema) = content.schema.as_ref() else {
            problems.report(&schema_pointer, "a request body needs a schema");
            return None;
        };
        if let Some(location) = location {
            let fields = self.form_fields(
                schema,
                location,
                &placement,
                &schema_pointer,
                params,
                types,
                problems,
            );
            return Some(RequestContent::Form(fields));
        }
        let ty = types.type_of(schema.into(), &placement, &schema_pointer, problems);
        let members_pointer = pointer.push("x-required-members");
        if !body.required && body.extensions.contains_key("x-required-members") {
            problems.report(
                &members_pointer,
                "members an operation needs make its body required: set `required: true`",
            );
        }
        // Each member becomes an argument of the method, so a name listed twice would be two arguments
        // of the same name.
        let mut listed = Namespace::new("required member", "list each member once");
        let required_members = string_list(
            body.extensions.get("x-required-members"),
            &members_pointer,
            problems,
        )
        .into_iter()
        .enumerate()
        .map(|(index, json_name)| (json_name, members_pointer.push(index)))
        .filter(|(json_name, pointer)| listed.claim(json_name, pointer, problems))
        .collect();
        let body = Body {
            ty,
            encoding: BodyEncoding::Json,
            required: body.required,
            docs: Docs::from_text(body.description.as_deref()),
            required_members: Vec::new(),
        };
        Some(RequestContent::Whole(body, required_members))
    }

    /// The fields of a form body, each a property of its object schema: for `multipart/form-data`,
    /// files (`type: string, format: binary`) and scalars; for `application/x-www-form-urlencoded`,
    /// scalars and arrays of them. They become parameters of the method, required ones arguments, so
    /// they are renamed when their names are the operation's parameters'.
    #[allow(clippy::too_many_arguments)]
    fn form_fields(
        &self,
        schema: &'a ReferenceOr<Schema>,
        location: ParamLocation,
        placement: &Placement,
        use_site: &JsonPointer,
        params: &[Param],
        types: &mut TypeBuilder<'a>,
        problems: &mut Collector,
    ) -> Vec<Param> {
        let (schema, pointer) = match refs::schema(self.document, schema.into(), use_site) {
            Ok(found) => found,
            Err(message) => {
                problems.report(use_site, message);
                return Vec::new();
            }
        };
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            problems.report(
                &pointer,
                "a form body must be an object whose properties are its fields",
            );
            return Vec::new();
        };
        let mut names = Namespace::new(
            "form field",
            "fields are renamed when their names are taken",
        );
        for member in BUILDER_MEMBERS {
            names.reserve(member, "the request builder uses it");
        }
        for param in params {
            names.reserve(&param.rust_name, "a parameter of the operation has it");
        }
        let mut parts = Vec::new();
        for (name, property) in &object.properties {
            let pointer = pointer.push("properties").push(name);
            let (property_schema, _) = match refs::schema(self.document, property.into(), &pointer)
            {
                Ok(found) => found,
                Err(message) => {
                    problems.report(&pointer, message);
                    continue;
                }
            };
            let Some(rust_name) = free_name(&mut names, name, location.label(), &pointer, problems)
            else {
                problems.report(&pointer, "form field name has no letters or digits");
                continue;
            };
            let ty = match (location, is_binary(property_schema)) {
                (ParamLocation::FormPart, true) => RustType::Upload,
                _ => types.type_of(property.into(), &placement.nested(name), &pointer, problems),
            };
            let (sendable, json) = match (location, &ty) {
                (_, RustType::Upload) => (true, false),
                (ParamLocation::FormField, RustType::Array(item)) if types.is_scalar(item) => {
                    (true, false)
                }
                // Objects and free-form values go as their JSON text, as OpenAPI's encoding of a
                // form field has it by default.
                (ParamLocation::FormField, _) => (true, !types.is_scalar(&ty)),
                _ => (types.is_scalar(&ty), false),
            };
            if !sendable {
                problems.report(
                    &pointer,
                    "a form part must be a file (`type: string, format: binary`) or a string, \
                     number, boolean or string enum",
                );
                continue;
            }
            let mut docs = Docs::from_text(property_schema.schema_data.description.as_deref());
            docs.push(renamed_note(name, &rust_name));
            parts.push(Param {
                wire_name: name.clone(),
                rust_name,
                location,
                ty,
                json,
                required: object.required.contains(name),
                docs,
            });
        }
        parts
    }

    /// The success body (with the media type asked for), and the documented failure statuses. The
    /// 2xx responses describe success; without any, the `default` response does (it still describes
    /// failures too, which the runtime reads from any other status); without either, success has no
    /// body.
    fn responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        response_type: &str,
        placement: &Placement,
        pointer: &JsonPointer,
        types: &mut TypeBuilder<'a>,
        problems: &mut Collector,
    ) -> Responses {
        let components = self.document.components.as_ref().map(|c| &c.responses);
        let base = pointer.push("responses");
        let mut successes = Vec::new();
        let mut failures = Vec::new();
        for (status, response) in &operation.responses.responses {
            let is_success = match status {
                StatusCode::Code(code) => (200..300).contains(code),
                StatusCode::Range(range) => *range == 2,
            };
            let use_site = base.push(status);
            match refs::resolve(response, "responses", components, &use_site) {
                Ok(resolved) if is_success => successes.push((status, use_site, resolved)),
                Ok(resolved) => failures.push((
                    status.to_string(),
                    resolved.item.description.trim().to_owned(),
                )),
                Err(message) => problems.report(&use_site, message),
            }
        }
        if successes.is_empty() {
            if let Some(default) = &operation.responses.default {
                let use_site = base.push("default");
                match refs::resolve(default, "responses", components, &use_site) {
                    Ok(resolved) => successes.push((&DEFAULT_STATUS, use_site, resolved)),
                    Err(message) => problems.report(&use_site, message),
                }
            }
        }
        let schema_of = |resolved: &refs::Resolved<'a, Response>| {
            success_content(&resolved.item.content).and_then(|(_, _, entry)| entry.schema.as_ref())
        };
        // Several 2xx statuses carrying the same body are one type; different ones an enum.
        let (body, accept) = match successes.as_slice() {
            [] => (ResponseBody::Empty, None),
            [(_, _, first), rest @ ..]
                if rest
                    .iter()
                    .all(|(_, _, other)| schema_of(other) == schema_of(first)) =>
            {
                success_body(first, &placement.nested("response"), types, problems)
            }
            _ => by_status(&successes, response_type, placement, types, problems),
        };
        Responses {
            body,
            accept,
            failures,
        }
    }

    /// The documented error codes of `operation`, known as `id` in their docs.
    fn error_codes(
        &mut self,
        operation: &openapiv3::Operation,
        id: &str,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> Vec<OperationErrorCode> {
        let pointer = pointer.push("x-error-codes");
        let Some(value) = operation.extensions.get("x-error-codes") else {
            return Vec::new();
        };
        let Some(entries) = value.as_array() else {
            problems.report(&pointer, "must be a list of `{code, description}` objects");
            return Vec::new();
        };
        let mut codes = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let pointer = pointer.push(index);
            let code = entry.get("code").and_then(|c| c.as_str());
            let description = entry
                .get("description")
                .and_then(|d| d.as_str())
                .unwrap_or_default();
            let Some(code) = code else {
                problems.report(&pointer, "needs a string `code`");
                continue;
            };
            let retryable_pointer = pointer.push("x-retryable");
            let retryable = bool_extension(entry.get("x-retryable"), &retryable_pointer, problems);
            // One list item per operation: a description written over several lines is joined.
            let documented = format!(
                "- `{id}`: {}",
                description.split_whitespace().collect::<Vec<_>>().join(" "),
            );
            let known = match self.error_codes.get_mut(code) {
                Some(known) => {
                    // The same code can mean different things to different operations: each says its own.
                    known.variant.docs.push_line(&documented);
                    match (&known.retryable, retryable) {
                        (Some((first, first_pointer)), Some(retryable)) if *first != retryable => {
                            problems.report(
                                &retryable_pointer,
                                format!(
                                    "error code `{code}` is `x-retryable: {retryable}` here but \
                                     `{first}` at {first_pointer}; a code is retryable for every \
                                     operation or for none"
                                ),
                            );
                        }
                        (None, Some(retryable)) => {
                            known.retryable = Some((retryable, retryable_pointer));
                        }
                        _ => {}
                    }
                    known.variant.rust_name.clone()
                }
                None => {
                    let Some(rust_name) = naming::camel(code) else {
                        problems.report(
                            &pointer.push("code"),
                            format!("`{code}` cannot name an `ErrorCode` variant"),
                        );
                        continue;
                    };
                    if !self.error_code_names.claim(&rust_name, &pointer, problems) {
                        continue;
                    }
                    let mut docs = Docs::from_text(Some("Documented by:"));
                    docs.push(Some(documented));
                    self.error_codes.insert(
                        code.to_owned(),
                        KnownErrorCode {
                            variant: Variant {
                                value: code.to_owned(),
                                rust_name: rust_name.clone(),
                                docs,
                            },
                            retryable: retryable.map(|retryable| (retryable, retryable_pointer)),
                        },
                    );
                    rust_name
                }
            };
            codes.push(OperationErrorCode {
                code: code.to_owned(),
                rust_name: known,
                description: description.to_owned(),
            });
        }
        codes
    }
}

/// Whether sending the operation twice has the effect of sending it once: `x-idempotent` when given,
/// otherwise what HTTP says of the method (GET, PUT and DELETE are, POST and PATCH are not).
fn idempotent(
    operation: &openapiv3::Operation,
    method: HttpMethod,
    pointer: &JsonPointer,
    problems: &mut Collector,
) -> bool {
    let by_method = !matches!(method, HttpMethod::Post | HttpMethod::Patch);
    bool_extension(
        operation.extensions.get("x-idempotent"),
        &pointer.push("x-idempotent"),
        problems,
    )
    .unwrap_or(by_method)
}

/// The method name for `operation_id` in the group of `tag`: the id in snake case, minus a `<tag>_`
/// prefix.
fn method_name(operation_id: &str, tag: &str) -> Option<String> {
    let id = naming::snake_case(operation_id);
    let prefix = format!("{}_", naming::snake_case(tag));
    match id.strip_prefix(&prefix) {
        Some(rest) if !rest.is_empty() => naming::snake(rest),
        _ => naming::snake(&id),
    }
}

/// The tag an operation is grouped by: its first tag when that has letters or digits, else the resource
/// its path starts with.
fn group_tag(operation: &openapiv3::Operation, path: &str) -> Option<String> {
    operation
        .tags
        .first()
        .filter(|tag| naming::module(tag).is_some())
        .cloned()
        .or_else(|| path_resource(path))
}

/// The method names of every operation that has an `operationId`.
fn explicit_methods(document: &OpenAPI) -> HashSet<String> {
    document
        .paths
        .iter()
        .filter_map(|(path, item)| Some((path, item.as_item()?)))
        .flat_map(|(path, item)| item.iter().map(move |(_, operation)| (path, operation)))
        .filter_map(|(path, operation)| {
            let id = operation.operation_id.as_deref()?;
            method_name(id, &group_tag(operation, path)?)
        })
        .collect()
}

/// Claims the Rust name of the parameter (or form field) `wire_name`, sent in `location`: its name in
/// snake case, with the operators snake case would drop spelled out (`StartTime<` ->
/// `start_time_less_than`);
/// when the request builder or another parameter has that name already, the name followed by its
/// location (`sid_query`; `query_param` for a `query` in the query), then numbered from 2. `None`
/// when the name has no letters or digits.
fn free_name(
    names: &mut Namespace,
    wire_name: &str,
    location: &str,
    pointer: &JsonPointer,
    problems: &mut Collector,
) -> Option<String> {
    let base = naming::snake(&naming::spell_operators(wire_name))?;
    let suffix = match base == location || base.ends_with(&format!("_{location}")) {
        true => "param",
        false => location,
    };
    let located = naming::snake(&format!("{base} {suffix}"))?;
    let name = [base, located.clone()]
        .into_iter()
        .chain((2..).map(|number| format!("{located}_{number}")))
        .find(|name| names.is_free(name))?;
    // Free, so claiming it reports nothing.
    names.claim(&name, pointer, problems);
    Some(name)
}

/// How a query parameter of `style` is written; `explode` is true by default for `form`, the only style
/// OpenAPI gives a default.
fn query_encoding(style: &QueryStyle, explode: Option<bool>) -> QueryEncoding {
    let explode = explode.unwrap_or(*style == QueryStyle::Form);
    match style {
        QueryStyle::DeepObject => QueryEncoding::Deep,
        _ if explode => QueryEncoding::Repeated,
        QueryStyle::SpaceDelimited => QueryEncoding::Joined(' '),
        QueryStyle::PipeDelimited => QueryEncoding::Joined('|'),
        QueryStyle::Form => QueryEncoding::Joined(','),
    }
}

/// The media type and schema of a parameter's `content` when it is one JSON media type with a
/// schema: the parameter is sent as the JSON text of its value.
fn json_content(content: &IndexMap<String, MediaType>) -> Option<(&str, &ReferenceOr<Schema>)> {
    let [(media_type, entry)] = content.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    match Media::of(media_type) {
        Media::Json => Some((media_type, entry.schema.as_ref()?)),
        _ => None,
    }
}

/// A line telling the reader of a renamed parameter's docs its name in the API: when the name was
/// taken, or had symbols spelled out.
fn renamed_note(wire_name: &str, rust_name: &str) -> Option<String> {
    (naming::snake(wire_name).as_deref() != Some(rust_name))
        .then(|| format!("Sent as `{wire_name}`."))
}

/// The resource a path starts with, after its version and a `local` prefix: `bdbs` for
/// `/v1/bdbs/{uid}/actions`, `modules` for `/v2/local/modules/user-defined`, `pets` for `/pets/{id}`.
fn path_resource(path: &str) -> Option<String> {
    let is_version = |segment: &str| {
        segment.len() > 1
            && segment.starts_with('v')
            && segment[1..].chars().all(|c| c.is_ascii_digit())
    };
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .find(|segment| !(is_version(segment) || *segment == "local"))
        .filter(|segment| !segment.starts_with('{'))
        .map(str::to_owned)
}

/// Where the inline types of a shared request body or response component go: named after it.
fn shared_placement(component: Option<&str>) -> Option<Placement> {
    let name = naming::camel(component?)?;
    Some(Placement {
        module: naming::model_module(&name)?,
        name,
    })
}

/// The names an operation is generated under.
struct OperationNames {
    id: String,
    tag: String,
    /// Module and accessor of the group.
    group: String,
    /// The tag in UpperCamelCase, which prefixes the names of types made for the operation.
    tag_type: String,
    api_type: String,
    method: String,
    builder_type: String,
    args_type: String,
}

/// Names taken in one group: its methods, and the request builder types of its module.
struct GroupNames {
    methods: Namespace,
    builders: Namespace,
}

impl GroupNames {
    fn new(api_type: &str) -> Self {
        let mut builders = Namespace::new("request builder", "change the operationId");
        builders.reserve(api_type, "it names the group's type");
        for name in GROUP_MODULE_NAMES {
            builders.reserve(
                name,
                "the group's module uses the standard item of that name",
            );
        }
        Self {
            methods: Namespace::new("method", "change the operationId"),
            builders,
        }
    }
}

/// Methods of the runtime's `Client` (public or not), which group accessors cannot be named after. A
/// test holds this list to the runtime's sources.
pub const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "node_urls",
    "current_node",
    "stick_to",
    "move_on_from",
    "http",
    "credentials",
    "token_source",
    "retry_policy",
    "url",
    "raw",
    "call",
];

/// Standard names used unqualified in a group's module.
const GROUP_MODULE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Into",
    "IntoIterator",
];

fn accessor_names() -> Namespace {
    let mut names = Namespace::new("group accessor", "rename the tag");
    for method in CLIENT_METHODS {
        names.reserve(method, "the client has a method of that name");
    }
    names
}

/// The names of `ErrorCode` variants.
fn error_code_names() -> Namespace {
    Namespace::new("error code", "error codes must differ in UpperCamelCase")
}

fn location_name(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// Splits `/v1/bdbs/{uid}` into literals and references to path parameters, checking that the template
/// and the parameters name each other.
fn path_segments(
    path: &str,
    params: &[Param],
    declared: Option<&[String]>,
    pointer: &JsonPointer,
    problems: &mut Collector,
) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|close| open + close) else {
            problems.report(pointer, format!("path `{path}` has an unclosed `{{`"));
            break;
        };
        if open > 0 {
            segments.push(PathSegment::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        let index = params
            .iter()
            .position(|param| param.location == ParamLocation::Path && param.wire_name == name);
        match index {
            Some(index) => segments.push(PathSegment::Param(index)),
            // A declared parameter that was refused, or one that could not be read, has its own
            // problem already.
            None if declared.is_none_or(|declared| declared.iter().any(|d| d == name)) => {}
            None => problems.report(pointer, format!("path parameter `{name}` is not declared")),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_owned()));
    }
    for param in params
        .iter()
        .filter(|param| param.location == ParamLocation::Path)
    {
        if !param.required {
            problems.report(
                pointer,
                format!("path parameter `{}` must be required", param.wire_name),
            );
        }
        if !path.contains(&format!("{{{}}}", param.wire_name)) {
            problems.report(
                pointer,
                format!("path parameter `{}` is not in the path", param.wire_name),
            );
        }
    }
    segments
}

fn string_list(
    value: Option<&serde_json::Value>,
    pointer: &JsonPointer,
    problems: &mut Collector,
) -> Vec<String> {
    let Some(value) = value else {
        return Vec::new();
    };
    match value.as_array().map(|items| {
        items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect()
    }) {
        Some(Some(items)) => items,
        _ => {
            problems.report(pointer, "must be a list of strings");
            Vec::new()
        }
    }
}

/// A `true`/`false` extension: `None` when it is absent, or (reported) not a boolean.
fn bool_extension(
    value: Option<&serde_json::Value>,
    pointer: &JsonPointer,
    problems: &mut Collector,
) -> Option<bool> {
    match value? {
        serde_json::Value::Bool(value) => Some(*value),
        _ => {
            problems.report(pointer, "must be `true` or `false`");
            None
        }
    }
}

/// What an operation's request body becomes.
enum RequestContent {
    /// A body sent whole, with the members it lists in `x-required-members` (each with where it is
    /// named; JSON bodies only).
    Whole(Body, Vec<(String, JsonPointer)>),
    /// The fields of a form body, which are parameters of the method.
    Form(Vec<Param>),
}

/// The entry of a success response's `content` its body is read from, with its kind: JSON when
/// offered, else newline-delimited JSON, else text, else a file, so one method returns one type
/// whatever else the server can send; `None` without content.
fn success_content(content: &IndexMap<String, MediaType>) -> Option<(Media, &String, &MediaType)> {
    preferred(
        content,
        &[
            Media::Json,
            Media::JsonLines,
            Media::Text,
            Media::UrlEncoded,
            Media::Binary,
            Media::Form,
        ],
    )
}

/// Stands for the `default` response where success responses are listed by status: only ever alone,
/// so its code names nothing.
const DEFAULT_STATUS: StatusCode = StatusCode::Range(2);

/// A success response of an operation: its status, where it is used, and what it is.
type Success<'a> = (&'a StatusCode, JsonPointer, refs::Resolved<'a, Response>);

/// What a success response carries, and the media type asked for in `Accept`; inline types of its
/// schema are placed at `placement`.
fn success_body<'a>(
    resolved: &refs::Resolved<'a, Response>,
    placement: &Placement,
    types: &mut TypeBuilder<'a>,
    problems: &mut Collector,
) -> (ResponseBody, Option<String>) {
    let pointer = &resolved.pointer;
    let Some((media, media_type, entry)) = success_content(&resolved.item.content) else {
        return (ResponseBody::Empty, None);
    };
    let content_pointer = pointer.push("content").push(media_type);
    let accept = match is_header_value(media_type) {
        true => Some(media_type.clone()),
        false => {
            problems.report(
                &content_pointer,
                "a media type must be printable ASCII to be sent in `Accept`",
            );
            None
        }
    };
    // The type of the JSON values the body holds, whole or one per line.
    let mut decoded = || match &entry.schema {
        Some(schema) => types.type_of(
            schema.into(),
            &shared_placement(resolved.component).unwrap_or_else(|| placement.clone()),
            &content_pointer.push("schema"),
            problems,
        ),
        None => RustType::Any,
    };
    let body = match (media, &entry.schema) {
        (Media::Json, None) => ResponseBody::Empty,
        (Media::Json, Some(_)) => ResponseBody::Json(decoded()),
        (Media::JsonLines, _) => ResponseBody::JsonLines(decoded()),
        (Media::Text | Media::UrlEncoded, _) => ResponseBody::Text,
        (Media::Binary | Media::Form, _) => ResponseBody::Download,
    };
    (body, accept)
}

/// The bodies of 2xx responses that differ: the enum `type_name`, with a variant per status, each
/// JSON or empty.
fn by_status<'a>(
    successes: &[Success<'a>],
    type_name: &str,
    placement: &Placement,
    types: &mut TypeBuilder<'a>,
    problems: &mut Collector,
) -> (ResponseBody, Option<String>) {
    let mut variants = Vec::new();
    let mut accept = None;
    for (status, use_site, resolved) in successes {
        let StatusCode::Code(code) = status else {
            problems.report(
                use_site,
                "2xx responses with different bodies must each have an exact status, not a range",
            );
            continue;
        };
        let rust_name = status_variant(*code);
        let (body, media_type) =
            success_body(resolved, &placement.nested(&rust_name), types, problems);
        let body = match body {
            ResponseBody::Json(ty) => Some(ty),
            ResponseBody::Empty => None,
            _ => {
                problems.report(
                    &resolved.pointer.push("content"),
                    "2xx responses with different bodies must each be JSON or empty",
                );
                continue;
            }
        };
        accept = accept.or(media_type);
        variants.push(StatusVariant {
            status: *code,
            rust_name,
            body,
            docs: Docs::from_text(Some(resolved.item.description.trim())),
        });
    }
    let body = ResponseBody::ByStatus {
        type_name: type_name.to_owned(),
        variants,
    };
    (body, accept)
}

/// The variant of a success status: its reason phrase (`Created` for 201), or `Status299`.
fn status_variant(code: u16) -> String {
    let reason = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        208 => "AlreadyReported",
        226 => "ImUsed",
        _ => return format!("Status{code}"),
    };
    reason.to_owned()
}

/// The entry of a request body's `content` the client sends: JSON when the API takes it, else a
/// form (`multipart/form-data`, then `application/x-www-form-urlencoded`), else text, else a file;
/// `None` without content.
fn request_content(content: &IndexMap<String, MediaType>) -> Option<(Media, &String, &MediaType)> {
    preferred(
        content,
        &[
            Media::Json,
            Media::Form,
            Media::UrlEncoded,
            Media::Text,
            Media::JsonLines,
            Media::Binary,
        ],
    )
}

/// The first entry of `content` of the first kind in `preference` it has.
fn preferred<'c>(
    content: &'c IndexMap<String, MediaType>,
    preference: &[Media],
) -> Option<(Media, &'c String, &'c MediaType)> {
    preference.iter().find_map(|wanted| {
        content
            .iter()
            .find(|(media_type, _)| Media::of(media_type) == *wanted)
            .map(|(media_type, entry)| (*wanted, media_type, entry))
    })
}

/// Whether `value` can be sent as an HTTP header value as it is: printable ASCII.
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|byte| byte == b' ' || byte.is_ascii_graphic())
}

/// What an operation's responses say.
struct Responses {
    /// What a successful response holds.
    body: ResponseBody,
    /// The media type of that body, asked for in `Accept`.
    accept: Option<String>,
    /// Documented failure statuses with their meaning.
    failures: Vec<(String, String)>,
}

/// Whether `schema` is a file: `type: string, format: binary`.
fn is_binary(schema: &Schema) -> bool {
    matches!(
        &schema.schema_kind,
        SchemaKind::Type(Type::String(string))
            if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
    )
}

/// Whether `name` is an HTTP token (RFC 9110), as header names must be.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_parameter_names_get_their_location_then_a_number() {
        let mut names = Namespace::new("parameter", "-");
        names.reserve("query", "the request builder uses it");
        let mut problems = Collector::default();
        let pointer = JsonPointer::root();
        let mut claim =
            |wire, location| free_name(&mut names, wire, location, &pointer, &mut problems);

        assert_eq!(
            claim("StartTime<", "query").as_deref(),
            Some("start_time_less_than")
        );
        assert_eq!(claim("StartTime", "query").as_deref(), Some("start_time"));
        assert_eq!(
            claim("start-time", "header").as_deref(),
            Some("start_time_header")
        );
        assert_eq!(
            claim("start_time", "header").as_deref(),
            Some("start_time_header_2")
        );
        assert_eq!(claim("query", "query").as_deref(), Some("query_param"));
        assert_eq!(claim("%%", "query"), None);
        assert!(problems.is_empty());
    }

    #[test]
    fn success_statuses_are_named_after_their_reason() {
        assert_eq!(status_variant(201), "Created");
        assert_eq!(status_variant(204), "NoContent");
        assert_eq!(status_variant(299), "Status299");
    }
}

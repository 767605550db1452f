//! Endpoint groups: `client.<group>()` accessors, one method per operation, and a request builder each.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_text, inner_doc_attrs};
use super::rust_type::{ident, tokens, type_link, Scope};
use crate::model::{
    Body, BodyEncoding, Docs, Group, Operation, Param, ParamLocation, PathSegment, QueryEncoding,
    ResponseBody, RustType, StatusVariant,
};

/// Tokens of the module of one group.
/// Operations hand the runtime `retryable_codes`, the error codes worth a retry.
pub fn group_module(group: &Group, retryable_codes: &TokenStream) -> TokenStream {
    let module_docs = group
        .docs
        .paragraphs()
        .first()
        .map(|text| inner_doc_attrs(text))
        .unwrap_or_default();
    let api = ident(&group.api_type);
    let accessor = ident(&group.module);
    let accessor_docs = doc_attrs(&group.docs);
    let methods = group.operations.iter().map(start_method);
    let builders = group
        .operations
        .iter()
        .map(|operation| builder(group, operation, retryable_codes));
    // A spec without tag or parameter descriptions leaves items undocumented; say so rather than fail.
    let undocumented = group.docs.is_empty()
        || group
            .operations
            .iter()
            .flat_map(|operation| &operation.params)
            .any(|param| !param.required && param.docs.is_empty());
    let allow = undocumented.then(|| quote!(#![allow(missing_docs)]));
    quote! {
        #module_docs
        #allow

        impl crate::Client {
            #accessor_docs
            pub fn #accessor(&self) -> #api<'_> {
                #api { client: self }
            }
        }

        #accessor_docs
        #[derive(Debug, Clone, Copy)]
        pub struct #api<'a> {
            client: &'a crate::Client,
        }

        impl<'a> #api<'a> {
            #(#methods)*
        }

        #(#builders)*
    }
}

/// The group method that starts a call: required parameters as arguments, the rest left to the builder.
fn start_method(operation: &Operation) -> TokenStream {
    let docs = doc_attrs(&operation_docs(operation));
    let deprecated = operation
        .deprecated
        .then(|| quote!(#[deprecated = "the API deprecates this operation; its documentation names what replaces it"]));
    let method = ident(&operation.method_name);
    let builder = ident(&operation.builder_type);
    let required: Vec<&Param> = operation
        .params
        .iter()
        .filter(|param| param.required)
        .collect();
    let arguments = required.iter().map(|param| {
        let name = ident(&param.rust_name);
        let ty = argument_type(&param.ty);
        quote!(#name: #ty)
    });
    let required_inits = required.iter().map(|param| {
        let name = ident(&param.rust_name);
        match argument_conversion(&param.ty, quote!(#name)) {
            Some(value) => quote!(#name: #value,),
            None => quote!(#name,),
        }
    });
    let optional_inits = operation
        .params
        .iter()
        .filter(|param| !param.required)
        .map(|param| {
            let name = ident(&param.rust_name);
            quote!(#name: None,)
        });
    let (body_argument, body_init) = match &operation.body {
        Some(body) if !body.required_members.is_empty() => {
            let ty = tokens(&body.ty, Scope::Crate);
            let members = &body.required_members;
            let arguments = members.iter().map(|field| {
                let name = ident(&field.rust_name);
                let ty = argument_type(&field.ty);
                quote!(, #name: #ty)
            });
            let inits = members.iter().map(|field| {
                let name = ident(&field.rust_name);
                let value = argument_conversion(&field.ty, quote!(#name)).unwrap_or(quote!(#name));
                let value = if field.boxed {
                    quote!(Box::new(#value))
                } else {
                    value
                };
                quote!(#name: Some(#value),)
            });
            (
                quote!(#(#arguments)*),
                quote!(body: #ty { #(#inits)* ..::std::default::Default::default() },),
            )
        }
        Some(body) if body.required => {
            let ty = tokens(&body.ty, Scope::Crate);
            (quote!(, body: #ty), quote!(body,))
        }
        Some(_) => (TokenStream::new(), quote!(body: None,)),
        None => (TokenStream::new(), TokenStream::new()),
    };
    // Every argument is something the API requires; there are as many as the document says.
    let argument_count = required.len()
        + match &operation.body {
            Some(body) if !body.required_members.is_empty() => body.required_members.len(),
            Some(body) if body.required => 1,
            _ => 0,
        };
    let many = (argument_count >= CLIPPY_TOO_MANY_ARGUMENTS)
        .then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let args = args_value(
        operation,
        quote!(#(#required_inits)* #(#optional_inits)* #body_init),
    );
    quote! {
        #docs
        #deprecated
        #many
        pub fn #method(&self #(, #arguments)* #body_argument) -> #builder {
            #builder::new(self.client, #args)
        }
    }
}

/// The operation's arguments type, built from `fields` (the initializers of its fields); a unit
/// struct when the operation has no arguments.
fn args_value(operation: &Operation, fields: TokenStream) -> TokenStream {
    let args = ident(&operation.args_type);
    if has_args(operation) {
        quote!(#args { #fields })
    } else {
        quote!(#args)
    }
}

/// Whether the operation takes anything: a parameter or a body.
fn has_args(operation: &Operation) -> bool {
    !operation.params.is_empty() || operation.body.is_some()
}

/// The number of arguments besides `self` from which clippy finds a function has too many.
const CLIPPY_TOO_MANY_ARGUMENTS: usize = 7;

/// Summary, description, method and path, permission, arguments and documented failures.
fn operation_docs(operation: &Operation) -> Docs {
    let mut docs = operation.docs.clone();
    docs.push(Some(format!(
        "`{} {}`",
        operation.http_method.as_str(),
        operation.path
    )));
    if !operation.permissions.is_empty() {
        let permissions: Vec<String> = operation
            .permissions
            .iter()
            .map(|p| format!("`{p}`"))
            .collect();
        docs.push(Some(format!(
            "Required permission: {}.",
            permissions.join(", ")
        )));
    }
    let mut arguments: Vec<String> = operation
        .params
        .iter()
        .filter(|param| param.required)
        .map(|param| list_item(&param.rust_name, &param.docs))
        .collect();
    // With required members, the body is not an argument: its other members are set with `body`.
    let mut rest_of_body = None;
    match &operation.body {
        Some(body) if !body.required_members.is_empty() => {
            arguments.extend(
                body.required_members
                    .iter()
                    .map(|field| list_item(&field.rust_name, &field.docs)),
            );
            let setter = format!("[`body`]({}::body)", operation.builder_type);
            rest_of_body = Some(match body.docs.paragraphs().first() {
                Some(text) => format!(
                    "The request body: {} Its other members are set with {setter}.",
                    one_line(text)
                ),
                None => format!("The other members of the request body are set with {setter}."),
            });
        }
        Some(body) if body.required => arguments.push(list_item("body", &body.docs)),
        Some(_) | None => {}
    }
    if !arguments.is_empty() {
        docs.push(Some(format!("# Arguments\n\n{}", arguments.join("\n"))));
    }
    docs.push(rest_of_body);
    let mut errors = Vec::new();
    if !operation.error_statuses.is_empty() {
        let statuses: Vec<String> = operation
            .error_statuses
            .iter()
            .map(|(status, description)| format!("- {status}: {}", one_line(description)))
            .collect();
        errors.push(format!(
            "Documented failure statuses:\n\n{}",
            statuses.join("\n")
        ));
    }
    if !operation.error_codes.is_empty() {
        let codes: Vec<String> = operation
            .error_codes
            .iter()
            .map(|code| {
                format!(
                    "- [`{}`](crate::models::ErrorCode::{}): {}",
                    code.code,
                    code.rust_name,
                    one_line(&code.description)
                )
            })
            .collect();
        errors.push(format!("Documented error codes:\n\n{}", codes.join("\n")));
    }
    if !errors.is_empty() {
        docs.push(Some(format!("# Errors\n\n{}", errors.join("\n\n"))));
    }
    docs
}

fn list_item(name: &str, docs: &Docs) -> String {
    match docs.paragraphs().first() {
        Some(text) => format!("- `{}`: {}", name.trim_start_matches("r#"), one_line(text)),
        None => format!("- `{}`", name.trim_start_matches("r#")),
    }
}

/// `text` on one line, so it stays inside a Markdown list item.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The request of one operation: an alias of the runtime's `Request` of its arguments type, the
/// setters of its optional parameters, and how the arguments make the request.
fn builder(group: &Group, operation: &Operation, retryable_codes: &TokenStream) -> TokenStream {
    let builder = ident(&operation.builder_type);
    let args = ident(&operation.args_type);
    let setters_note = if operation.params.iter().any(|param| !param.required) {
        "set its optional parameters, then "
    } else {
        ""
    };
    let builder_docs = doc_text(&format!(
        "Request started by [`{api}::{method}`]: {setters_note}`.await` it, or call \
         [`send`](crate::Request::send), for {returns}.",
        api = group.api_type,
        method = operation.method_name.trim_start_matches("r#"),
        returns = returns(operation),
    ));
    let args_docs = doc_text(&format!(
        "The arguments of [`{}`] requests.",
        operation.builder_type
    ));
    let param_fields = operation.params.iter().map(|param| {
        let name = ident(&param.rust_name);
        let ty = tokens(&param.ty, Scope::Crate);
        if param.required {
            quote!(#name: #ty,)
        } else {
            quote!(#name: Option<#ty>,)
        }
    });
    let body_field = operation.body.as_ref().map(|body| {
        let ty = tokens(&body.ty, Scope::Crate);
        if body.required {
            quote!(body: #ty,)
        } else {
            quote!(body: Option<#ty>,)
        }
    });
    let args_struct = if has_args(operation) {
        quote!(pub struct #args { #(#param_fields)* #body_field })
    } else {
        quote!(pub struct #args;)
    };
    let setters: Vec<TokenStream> = operation
        .params
        .iter()
        .filter(|param| !param.required)
        .map(setter)
        .chain(operation.body.as_ref().and_then(body_setter))
        .collect();
    let setters = (!setters.is_empty()).then(|| quote!(impl #builder { #(#setters)* }));
    let (output, decode) = match &operation.response {
        ResponseBody::Json(ty) => (tokens(ty, Scope::Crate), quote!(AsJson)),
        ResponseBody::JsonLines(ty) => {
            let ty = tokens(ty, Scope::Crate);
            (quote!(crate::JsonLines<#ty>), quote!(AsJsonLines))
        }
        ResponseBody::Text => (quote!(String), quote!(AsText)),
        ResponseBody::Download => (quote!(crate::Download), quote!(AsDownload)),
        ResponseBody::Empty => (quote!(()), quote!(AsEmpty)),
        ResponseBody::ByStatus { type_name, .. } => {
            let name = ident(type_name);
            (quote!(#name), quote!(ByStatus))
        }
    };
    let call = call_body(operation, retryable_codes);
    let status_enum = match &operation.response {
        ResponseBody::ByStatus {
            type_name,
            variants,
        } => Some(status_enum(group, operation, type_name, variants)),
        _ => None,
    };
    quote! {
        #builder_docs
        pub type #builder = crate::Request<#args>;

        #args_docs
        #[derive(Debug, Clone)]
        #args_struct

        #setters

        impl crate::runtime::Endpoint for #args {
            type Output = #output;
            type Decode = crate::runtime::#decode;

            fn call<'a>(
                &'a self,
                client: &'a crate::Client,
            ) -> Result<crate::runtime::Call<'a>, crate::Error> {
                #call
            }
        }

        #status_enum
    }
}

/// What awaiting an operation's request gives, for its docs.
fn returns(operation: &Operation) -> String {
    match &operation.response {
        ResponseBody::Json(ty) => format!("the decoded {}", type_link(ty)),
        ResponseBody::JsonLines(ty) => format!(
            "the response's lines as they arrive, each a {}",
            type_link(ty)
        ),
        ResponseBody::Text => "the response's text".to_owned(),
        ResponseBody::Download => {
            "the response's body as it arrives, a [`Download`](crate::Download)".to_owned()
        }
        ResponseBody::Empty => "`()` once the server accepted it".to_owned(),
        ResponseBody::ByStatus { type_name, .. } => {
            format!("a [`{type_name}`], the body the status says")
        }
    }
}

/// The setter of an optional body; with required members (`x-required-members`), the setter for the
/// rest of the body, which keeps the members' values.
fn body_setter(body: &Body) -> Option<TokenStream> {
    if !body.required {
        let ty = tokens(&body.ty, Scope::Crate);
        let mut docs = Docs::from_text(Some(
            "The request body, which the operation may go without.",
        ));
        for paragraph in body.docs.paragraphs() {
            docs.push(Some(paragraph));
        }
        let docs = doc_attrs(&docs);
        return Some(quote! {
            #docs
            pub fn body(mut self, body: #ty) -> Self {
                self.args.body = Some(body);
                self
            }
        });
    }
    let (last, rest) = body.required_members.split_last()?;
    let ty = tokens(&body.ty, Scope::Crate);
    let names: Vec<_> = body
        .required_members
        .iter()
        .map(|field| ident(&field.rust_name))
        .collect();
    let quoted = |name: &str| format!("`{}`", name.trim_start_matches("r#"));
    let listed = if rest.is_empty() {
        format!("{} keeps its value", quoted(&last.rust_name))
    } else {
        let rest: Vec<String> = rest.iter().map(|field| quoted(&field.rust_name)).collect();
        format!(
            "{} and {} keep their values",
            rest.join(", "),
            quoted(&last.rust_name)
        )
    };
    let mut docs = Docs::from_text(Some(&format!(
        "The other members of the request body. {listed} from the start of the request, whatever \
         `body` holds."
    )));
    for paragraph in body.docs.paragraphs() {
        docs.push(Some(paragraph));
    }
    let docs = doc_attrs(&docs);
    Some(quote! {
        #docs
        pub fn body(mut self, body: #ty) -> Self {
            self.args.body = #ty { #(#names: self.args.body.#names,)* ..body };
            self
        }
    })
}

fn setter(param: &Param) -> TokenStream {
    let docs = doc_attrs(&param.docs);
    let name = ident(&param.rust_name);
    let ty = argument_type(&param.ty);
    let value = argument_conversion(&param.ty, quote!(value)).unwrap_or_else(|| quote!(value));
    quote! {
        #docs
        pub fn #name(mut self, value: #ty) -> Self {
            self.args.#name = Some(#value);
            self
        }
    }
}

/// Type of an argument or setter taking a value of `ty`: strings and lists of strings accept anything
/// that converts, so callers can pass `&str` and arrays.
fn argument_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(impl Into<String>),
        RustType::Secret => quote!(impl Into<crate::Secret>),
        RustType::Array(item) if **item == RustType::String => {
            quote!(impl IntoIterator<Item = impl Into<String>>)
        }
        RustType::Array(item) => {
            let item = tokens(item, Scope::Crate);
            quote!(impl IntoIterator<Item = #item>)
        }
        other => tokens(other, Scope::Crate),
    }
}

/// Turns an argument of [`argument_type`] back into a value of `ty`; `None` when it already is one.
fn argument_conversion(ty: &RustType, value: TokenStream) -> Option<TokenStream> {
    match ty {
        RustType::String | RustType::Secret => Some(quote!(#value.into())),
        RustType::Array(item) if **item == RustType::String => {
            Some(quote!(#value.into_iter().map(Into::into).collect()))
        }
        RustType::Array(_) => Some(quote!(#value.into_iter().collect())),
        _ => None,
    }
}

/// Name of the local holding an encoded path parameter: the parameter's name, with a trailing `_`
/// instead of `r#` since format strings cannot name raw identifiers.
fn path_local(rust_name: &str) -> String {
    match rust_name.strip_prefix("r#") {
        Some(raw) => format!("{raw}_"),
        None => rust_name.to_owned(),
    }
}

/// Body of `Endpoint::call`: the operation, then its path, query, body and headers.
fn call_body(operation: &Operation, retryable_codes: &TokenStream) -> TokenStream {
    let id = &operation.id;
    let method = ident(operation.http_method.as_str());
    let template = &operation.path;
    let idempotent = operation.idempotent;
    // Each path parameter is encoded into a local named after it, so the format string mirrors the
    // spec's template.
    let mut template_text = String::new();
    let mut segments = Vec::new();
    for segment in &operation.path_segments {
        match segment {
            PathSegment::Literal(text) => {
                template_text.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathSegment::Param(index) => {
                let field = ident(&operation.params[*index].rust_name);
                let local = path_local(&operation.params[*index].rust_name);
                template_text.push_str(&format!("{{{local}}}"));
                let local = ident(&local);
                let value = sent(&operation.params[*index], quote!(&self.#field));
                segments
                    .push(quote!(let #local = crate::runtime::path_segment(&OPERATION, #value)?;));
            }
        }
    }
    let path = if segments.is_empty() {
        quote!(let path = String::from(#template_text);)
    } else {
        quote!(#(#segments)* let path = format!(#template_text);)
    };
    let query = pairs(operation, "query", |location| match location {
        ParamLocation::Query(encoding) => Some(encoding),
        _ => None,
    })
    .unwrap_or_else(|| quote!(let query = crate::runtime::Query::new();));
    // Form fields are encoded like an exploded query.
    let fields = pairs(operation, "fields", |location| {
        (location == ParamLocation::FormField).then_some(QueryEncoding::Repeated)
    });
    let url_encoded = fields.as_ref().map(|_| quote!(.url_encoded(fields)));
    // A required body is chained; an optional one, like headers, is added when present.
    let body = operation
        .body
        .as_ref()
        .filter(|body| body.required)
        .map(|body| {
            let send = send_whole(body, quote!(&self.body));
            quote!(.#send)
        });
    let optional_body = operation
        .body
        .as_ref()
        .filter(|body| !body.required)
        .map(|body| {
            let send = send_whole(body, quote!(body));
            quote!(if let Some(body) = &self.body {
                call = call.#send;
            })
        });
    // The runtime asks for the kind of body it reads unless told otherwise.
    let accept = operation
        .accept
        .as_deref()
        .filter(|media_type| *media_type != "application/json")
        .map(|media_type| quote!(.accept(#media_type)));
    let form = form(operation);
    let multipart = form.as_ref().map(|_| quote!(.multipart(form)));
    let form = quote!(#form #fields);
    let multipart = quote!(#multipart #url_encoded);
    let call = match (headers(operation), optional_body) {
        (None, None) => quote! {
            #form
            Ok(client.call(&OPERATION, path, query)#multipart #body #accept)
        },
        (headers, optional_body) => quote! {
            #form
            let mut call = client.call(&OPERATION, path, query)#multipart;
            #headers
            #optional_body
            Ok(call #body #accept)
        },
    };
    quote! {
        static OPERATION: crate::runtime::Operation = crate::runtime::Operation {
            id: #id,
            method: crate::runtime::Method::#method,
            path: #template,
            idempotent: #idempotent,
            retryable_error_codes: #retryable_codes,
        };
        #query
        #path
        #call
    }
}

/// The match turning `response`, a successful response to `operation` with its raw body, into the
/// variant of its status; a 2xx status the document does not list is read like the first one it does.
fn decode_by_status(variants: &[StatusVariant]) -> TokenStream {
    let read = |variant: &StatusVariant| {
        let name = ident(&variant.rust_name);
        match variant.body {
            Some(_) => quote! {
                crate::runtime::decode_json(operation, response)
                    .map(|response| response.map(Self::#name))
            },
            None => quote!(Ok(response.map(|_| Self::#name))),
        }
    };
    let Some((first, rest)) = variants.split_first() else {
        return quote!(Ok(response.map(drop)));
    };
    let arms = rest.iter().map(|variant| {
        let status = proc_macro2::Literal::u16_unsuffixed(variant.status);
        let read = read(variant);
        quote!(#status => #read,)
    });
    let first = read(first);
    quote! {
        match response.status().as_u16() {
            #(#arms)*
            _ => #first,
        }
    }
}

/// The enum of the bodies of an operation's 2xx statuses.
fn status_enum(
    group: &Group,
    operation: &Operation,
    type_name: &str,
    variants: &[StatusVariant],
) -> TokenStream {
    let docs = doc_text(&format!(
        "What a successful [`{}::{}`] request answers, by status.",
        group.api_type,
        operation.method_name.trim_start_matches("r#"),
    ));
    let enum_type = ident(type_name);
    let decode = decode_by_status(variants);
    let variants = variants.iter().map(|variant| {
        let description = variant.docs.paragraphs().join(" ");
        let docs = doc_text(&format!("{}: {}", variant.status, one_line(&description)));
        let name = ident(&variant.rust_name);
        match &variant.body {
            Some(ty) => {
                let ty = tokens(ty, Scope::Crate);
                quote!(#docs #name(#ty),)
            }
            None => quote!(#docs #name,),
        }
    });
    // A response is moved once, from the request to its caller, who matches on it: bodies are held
    // inline, however different their sizes, so that matching needs no unboxing.
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #enum_type {
            #(#variants)*
        }

        impl crate::runtime::FromStatus for #enum_type {
            fn from_status(
                operation: &crate::runtime::Operation<'_>,
                response: crate::Response<::bytes::Bytes>,
            ) -> Result<crate::Response<Self>, crate::Error> {
                #decode
            }
        }
    }
}

/// Statements building the local `name`, a `crate::runtime::Query` of the parameters for which
/// `encoding` says how they are written; `None` without any.
fn pairs(
    operation: &Operation,
    name: &str,
    encoding: impl Fn(ParamLocation) -> Option<QueryEncoding>,
) -> Option<TokenStream> {
    let local = ident(name);
    let pushes: Vec<TokenStream> = operation
        .params
        .iter()
        .filter_map(|param| {
            let encoding = encoding(param.location)?;
            let wire = &param.wire_name;
            let local = &local;
            let push = move |value: TokenStream| match (&param.ty, encoding) {
                _ if param.json => quote!(#local.push(#wire, #value);),
                (_, QueryEncoding::Deep) => {
                    quote!(crate::runtime::push_deep(&OPERATION, &mut #local, #wire, #value)?;)
                }
                (_, QueryEncoding::Members(separator)) => {
                    let separator = match separator {
                        Some(separator) => quote!(Some(#separator)),
                        None => quote!(None),
                    };
                    quote!(crate::runtime::push_members(&OPERATION, &mut #local, #wire, #value, #separator)?;)
                }
                (RustType::Array(_), QueryEncoding::Repeated) => {
                    quote!(#local.push_each(#wire, #value);)
                }
                (RustType::Array(_), QueryEncoding::Joined(separator)) => {
                    quote!(#local.push_joined(#wire, #value, #separator);)
                }
                _ => quote!(#local.push(#wire, #value);),
            };
            Some(with_value(param, |value| push(sent(param, value))))
        })
        .collect();
    (!pushes.is_empty()).then(|| {
        quote! {
            let mut #local = crate::runtime::Query::new();
            #(#pushes)*
        }
    })
}

/// What is sent of `value`, a reference to the value of `param`: its JSON text for a parameter sent as
/// JSON, the value itself otherwise.
fn sent(param: &Param, value: TokenStream) -> TokenStream {
    if param.json {
        quote!(&crate::runtime::json_text(&OPERATION, #value)?)
    } else {
        value
    }
}

/// The call sending `value`, a reference to a body sent whole.
fn send_whole(body: &Body, value: TokenStream) -> TokenStream {
    match &body.encoding {
        BodyEncoding::Json => quote!(json(#value)),
        BodyEncoding::Text(media_type) => quote!(text(#media_type, #value)),
        BodyEncoding::File(media_type) => quote!(upload(#media_type, #value)),
    }
}

/// `statement` applied to a reference to the value of `param`: always for a required parameter, when
/// it is set for an optional one.
fn with_value(param: &Param, statement: impl Fn(TokenStream) -> TokenStream) -> TokenStream {
    let name = ident(&param.rust_name);
    if param.required {
        statement(quote!(&self.#name))
    } else {
        let statement = statement(quote!(value));
        quote!(if let Some(value) = &self.#name { #statement })
    }
}

/// Statements adding the header and cookie parameters to `call`; `None` without any.
fn headers(operation: &Operation) -> Option<TokenStream> {
    let headers: Vec<TokenStream> = operation
        .params
        .iter()
        .filter_map(|param| {
            let add = match param.location {
                ParamLocation::Header => quote!(header),
                ParamLocation::Cookie => quote!(cookie),
                _ => return None,
            };
            let wire = match param.location {
                ParamLocation::Header => param.wire_name.to_ascii_lowercase(),
                _ => param.wire_name.clone(),
            };
            Some(with_value(param, |value| {
                let value = sent(param, value);
                quote!(call = call.#add(#wire, #value);)
            }))
        })
        .collect();
    (!headers.is_empty()).then(|| quote!(#(#headers)*))
}

/// Statements building `form`, the parts of a `multipart/form-data` body; `None` without any.
fn form(operation: &Operation) -> Option<TokenStream> {
    let parts: Vec<TokenStream> = operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::FormPart)
        .map(|param| {
            let wire = &param.wire_name;
            let add = match param.ty {
                RustType::Upload => quote!(file),
                _ => quote!(text),
            };
            with_value(param, |value| quote!(form.#add(#wire, #value);))
        })
        .collect();
    (!parts.is_empty()).then(|| {
        quote! {
            let mut form = crate::runtime::Form::new();
            #(#parts)*
        }
    })
}

//! The LDAP mappings, LDAP configuration and single sign-on operations of the client against a local
//! mock server: method, path, raw query string, `Authorization` and `Accept` headers, exact JSON body
//! (or none), and the decoding of the pages' examples, each with a member the spec does not know,
//! which must be kept.

use std::future::Future;
use std::pin::Pin;

use redis_enterprise_client::models::{
    ErrorCode, Ldap, LdapMapping, LdapQuery, LdapQueryScope, Sso, SsoIdpMetadataRequest, SsoIssuer,
    SsoProtocol, SsoService,
};
use redis_enterprise_client::{Client, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{client, NoBody, RawQuery, AUTHORIZATION};

fn expect(verb: &str, route: &str, accept: &str) -> wiremock::MockBuilder {
    Mock::given(method(verb))
        .and(path(route))
        .and(RawQuery(None))
        .and(header("authorization", AUTHORIZATION))
        .and(header("accept", accept))
}

/// The mapping of the LDAP mappings page's examples, plus a member no page documents.
fn mapping() -> Value {
    json!({
        "uid": 17,
        "name": "Admins",
        "dn": "OU=ops.group,DC=redislabs,DC=com",
        "email": "ops.group@redislabs.com",
        "role_uids": [1],
        "email_alerts": true,
        "bdbs_email_alerts": ["1", "2"],
        "cluster_email_alerts": true,
        "ldap_new_member": {"on": true}
    })
}

/// Checks `mapping` holds what [`mapping`] sends.
fn assert_mapping(mapping: &LdapMapping) {
    assert_eq!(mapping.uid, Some(17));
    assert_eq!(mapping.name.as_deref(), Some("Admins"));
    assert_eq!(
        mapping.dn.as_deref(),
        Some("OU=ops.group,DC=redislabs,DC=com")
    );
    assert_eq!(mapping.email.as_deref(), Some("ops.group@redislabs.com"));
    assert_eq!(mapping.role_uids, Some(vec![1]));
    assert_eq!(mapping.email_alerts, Some(true));
    assert_eq!(
        mapping.bdbs_email_alerts,
        Some(vec!["1".to_owned(), "2".to_owned()])
    );
    assert_eq!(mapping.cluster_email_alerts, Some(true));
    assert_eq!(
        mapping.unknown_fields["ldap_new_member"],
        json!({"on": true})
    );
}

/// The SSO configuration of the SSO page's first example, plus members no page documents.
fn sso() -> Value {
    json!({
        "control_plane": true,
        "protocol": "saml2",
        "enforce_control_plane": false,
        "issuer": {
            "id": "urn:sso:example:idp",
            "login_url": "https://idp.example.com/sso/saml",
            "logout_url": "https://idp.example.com/sso/slo",
            "metadata": "PEVudGl0eURlc2NyaXB0b3IvPg=="
        },
        "service": {
            "address": "https://cluster.example.com:8443",
            "saml2": {
                "entity_id": "https://cnm.cluster.fqdn/sp",
                "acs_url": "https://cnm.cluster.fqdn/v1/cluster/sso/saml/acs",
                "slo_url": "https://cnm.cluster.fqdn/v1/cluster/sso/saml/slo",
                "binding": "redirect"
            }
        },
        "sso_new_setting": 3
    })
}

/// Checks `sso` holds what [`sso`] sends.
fn assert_sso(sso: Sso) {
    assert_eq!(sso.control_plane, Some(true));
    assert_eq!(sso.protocol, Some(SsoProtocol::Saml2));
    assert_eq!(sso.enforce_control_plane, Some(false));
    let issuer = sso.issuer.unwrap();
    assert_eq!(issuer.id.as_deref(), Some("urn:sso:example:idp"));
    assert_eq!(
        issuer.logout_url.as_deref(),
        Some("https://idp.example.com/sso/slo")
    );
    assert_eq!(
        issuer.metadata.as_deref(),
        Some("PEVudGl0eURlc2NyaXB0b3IvPg==")
    );
    let service = sso.service.unwrap();
    assert_eq!(
        service.address.as_deref(),
        Some("https://cluster.example.com:8443")
    );
    let saml2 = service.saml2.unwrap();
    assert_eq!(
        saml2.acs_url.as_deref(),
        Some("https://cnm.cluster.fqdn/v1/cluster/sso/saml/acs")
    );
    assert_eq!(
        saml2.entity_id.as_deref(),
        Some("https://cnm.cluster.fqdn/sp")
    );
    assert_eq!(saml2.unknown_fields["binding"], json!("redirect"));
    assert_eq!(sso.unknown_fields["sso_new_setting"], json!(3));
}

type Call = fn(Client) -> Pin<Box<dyn Future<Output = ()>>>;

/// One operation: the request it must send (`body`: the exact JSON body, `None` for no body at all),
/// the body the server answers (`None`: an empty one), and the call that sends it and checks what it
/// decoded.
struct Case {
    verb: &'static str,
    route: &'static str,
    body: Option<fn() -> Value>,
    response: Option<fn() -> Value>,
    call: Call,
}

const CASES: &[Case] = &[
    Case {
        verb: "GET",
        route: "/v1/ldap_mappings",
        body: None,
        response: Some(|| json!([mapping(), {"uid": 18, "name": "Viewers", "role_uids": [2, 3]}])),
        call: |api| {
            Box::pin(async move {
                let mappings = api.ldap_mappings().list().await.unwrap();
                assert_eq!(mappings.len(), 2);
                assert_mapping(&mappings[0]);
                assert_eq!(mappings[1].uid, Some(18));
                assert_eq!(mappings[1].role_uids, Some(vec![2, 3]));
                assert_eq!(mappings[1].email, None);
            })
        },
    },
    Case {
        verb: "POST",
        route: "/v1/ldap_mappings",
        body: Some(|| {
            json!({
                "name": "Admins",
                "dn": "OU=ops.group,DC=redislabs,DC=com",
                "email": "ops.group@redislabs.com",
                "role_uids": [1]
            })
        }),
        response: Some(mapping),
        call: |api| {
            Box::pin(async move {
                let new = LdapMapping {
                    name: Some("Admins".to_owned()),
                    dn: Some("OU=ops.group,DC=redislabs,DC=com".to_owned()),
                    email: Some("ops.group@redislabs.com".to_owned()),
                    role_uids: Some(vec![1]),
                    ..LdapMapping::default()
                };
                let created = api.ldap_mappings().create(new).await.unwrap();
                assert_mapping(&created);
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/ldap_mappings/17",
        body: None,
        response: Some(mapping),
        call: |api| {
            Box::pin(async move {
                let mapping = api.ldap_mappings().get(17).await.unwrap();
                assert_mapping(&mapping);
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/ldap_mappings/17",
        body: Some(|| {
            json!({
                "dn": "OU=ops,DC=redislabs,DC=com",
                "email": "ops@redislabs.com",
                "email_alerts": true,
                "bdbs_email_alerts": ["1", "2"],
                "cluster_email_alerts": true
            })
        }),
        response: Some(|| {
            let mut updated = mapping();
            updated["dn"] = json!("OU=ops,DC=redislabs,DC=com");
            updated["email"] = json!("ops@redislabs.com");
            updated
        }),
        call: |api| {
            Box::pin(async move {
                let change = LdapMapping {
                    dn: Some("OU=ops,DC=redislabs,DC=com".to_owned()),
                    email: Some("ops@redislabs.com".to_owned()),
                    email_alerts: Some(true),
                    bdbs_email_alerts: Some(vec!["1".to_owned(), "2".to_owned()]),
                    cluster_email_alerts: Some(true),
                    ..LdapMapping::default()
                };
                let updated = api.ldap_mappings().update(17, change).await.unwrap();
                assert_eq!(updated.uid, Some(17));
                assert_eq!(updated.dn.as_deref(), Some("OU=ops,DC=redislabs,DC=com"));
                assert_eq!(updated.email.as_deref(), Some("ops@redislabs.com"));
                assert_eq!(
                    updated.unknown_fields["ldap_new_member"],
                    json!({"on": true})
                );
            })
        },
    },
    Case {
        verb: "DELETE",
        route: "/v1/ldap_mappings/17",
        body: None,
        response: None,
        call: |api| {
            Box::pin(async move {
                api.ldap_mappings().delete(17).await.unwrap();
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/ldap",
        body: None,
        response: Some(|| {
            json!({
                "bind_dn": "rl_admin",
                "bind_pass": "***",
                "ca_cert": "",
                "control_plane": false,
                "data_plane": false,
                "dn_group_attr": "MemberOf",
                "dn_group_query": {
                    "base": "DC=windowsAD,DC=qa,DC=redislabs,DC=com",
                    "filter": "member=%D",
                    "scope": "subtree"
                },
                "starttls": false,
                "uris": ["ldap://ldap.example.org:636"],
                "user_dn_query": {
                    "base": "DC=windowsAD,DC=qa,DC=redislabs,DC=com",
                    "filter": "(&(objectClass=Person)(cn=%u))",
                    "scope": "one"
                },
                "user_dn_template": "cn=%u, ou=users,dc=example,dc=org",
                "cba_identity_source": "subject_oid",
                "ldap_new_setting": "x"
            })
        }),
        call: |api| {
            Box::pin(async move {
                let ldap = api.cluster().ldap_get().await.unwrap();
                assert_eq!(ldap.bind_dn.as_deref(), Some("rl_admin"));
                assert_eq!(
                    ldap.bind_pass.as_ref().map(|secret| secret.expose()),
                    Some("***")
                );
                assert_eq!(ldap.ca_cert.as_deref(), Some(""));
                assert_eq!(ldap.data_plane, Some(false));
                let groups = ldap.dn_group_query.as_ref().unwrap();
                assert_eq!(groups.filter.as_deref(), Some("member=%D"));
                assert_eq!(groups.scope, Some(LdapQueryScope::Subtree));
                let users = ldap.user_dn_query.as_ref().unwrap();
                assert_eq!(users.scope, Some(LdapQueryScope::One));
                assert_eq!(
                    ldap.uris,
                    Some(vec!["ldap://ldap.example.org:636".to_owned()])
                );
                assert_eq!(
                    ldap.cba_identity_source
                        .as_ref()
                        .map(|source| source.as_str()),
                    Some("subject_oid")
                );
                assert_eq!(ldap.unknown_fields["ldap_new_setting"], json!("x"));
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster/ldap",
        body: Some(|| {
            json!({
                "uris": ["ldap://ldap.redislabs.com:389"],
                "bind_dn": "rl_admin",
                "bind_pass": "secret",
                "user_dn_template": "cn=%u,dc=example,dc=org",
                "dn_group_attr": "MemberOf",
                "directory_timeout_s": 5
            })
        }),
        response: None,
        call: |api| {
            Box::pin(async move {
                let ldap = Ldap {
                    uris: Some(vec!["ldap://ldap.redislabs.com:389".to_owned()]),
                    bind_dn: Some("rl_admin".to_owned()),
                    bind_pass: Some("secret".into()),
                    user_dn_template: Some("cn=%u,dc=example,dc=org".to_owned()),
                    dn_group_attr: Some("MemberOf".to_owned()),
                    directory_timeout_s: Some(5),
                    ..Ldap::default()
                };
                assert!(!format!("{ldap:?}").contains("secret"));
                api.cluster().ldap_update(ldap).await.unwrap();
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster/ldap",
        body: Some(|| {
            json!({
                "control_plane": true,
                "user_dn_query": {
                    "base": "DC=example,DC=com",
                    "filter": "(&(objectClass=Person)(cn=%u))",
                    "scope": "subtree"
                }
            })
        }),
        response: None,
        call: |api| {
            Box::pin(async move {
                let ldap = Ldap {
                    control_plane: Some(true),
                    user_dn_query: Some(LdapQuery {
                        base: Some("DC=example,DC=com".to_owned()),
                        filter: Some("(&(objectClass=Person)(cn=%u))".to_owned()),
                        scope: Some(LdapQueryScope::Subtree),
                        ..LdapQuery::default()
                    }),
                    ..Ldap::default()
                };
                api.cluster().ldap_update(ldap).await.unwrap();
            })
        },
    },
    Case {
        verb: "DELETE",
        route: "/v1/cluster/ldap",
        body: None,
        response: None,
        call: |api| {
            Box::pin(async move {
                api.cluster().ldap_delete().await.unwrap();
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/sso",
        body: None,
        response: Some(sso),
        call: |api| {
            Box::pin(async move {
                assert_sso(api.cluster().sso_get().await.unwrap());
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster/sso",
        body: Some(|| {
            json!({
                "control_plane": false,
                "protocol": "saml2",
                "enforce_control_plane": false,
                "issuer": {
                    "id": "urn:sso:example:idp",
                    "login_url": "https://idp.example.com/sso/saml",
                    "logout_url": "https://idp.example.com/sso/slo"
                },
                "service": {"address": "https://hostname:port"}
            })
        }),
        response: None,
        call: |api| {
            Box::pin(async move {
                let sso = Sso {
                    control_plane: Some(false),
                    protocol: Some(SsoProtocol::Saml2),
                    enforce_control_plane: Some(false),
                    issuer: Some(SsoIssuer {
                        id: Some("urn:sso:example:idp".to_owned()),
                        login_url: Some("https://idp.example.com/sso/saml".to_owned()),
                        logout_url: Some("https://idp.example.com/sso/slo".to_owned()),
                        ..SsoIssuer::default()
                    }),
                    service: Some(SsoService {
                        address: Some("https://hostname:port".to_owned()),
                        ..SsoService::default()
                    }),
                    ..Sso::default()
                };
                api.cluster().sso_update(sso).await.unwrap();
            })
        },
    },
    Case {
        verb: "DELETE",
        route: "/v1/cluster/sso",
        body: None,
        response: None,
        call: |api| {
            Box::pin(async move {
                api.cluster().sso_delete().await.unwrap();
            })
        },
    },
    Case {
        verb: "POST",
        route: "/v1/cluster/sso/saml/metadata/idp",
        body: Some(|| json!({"idp_metadata": "YWp3cjkwcHR1eWF3MHJ0eTkwYXc0eXQwOW4..."})),
        response: Some(sso),
        call: |api| {
            Box::pin(async move {
                let metadata = SsoIdpMetadataRequest {
                    idp_metadata: "YWp3cjkwcHR1eWF3MHJ0eTkwYXc0eXQwOW4...".to_owned(),
                    unknown_fields: Default::default(),
                };
                let sso = api
                    .cluster()
                    .sso_saml_idp_metadata_upload(metadata)
                    .await
                    .unwrap();
                assert_sso(sso);
            })
        },
    },
];

#[tokio::test]
async fn each_operation_sends_its_request_and_decodes_the_answer() {
    for case in CASES {
        let server = MockServer::start().await;
        let mock = expect(case.verb, case.route, "application/json");
        let mock = match case.body {
            Some(body) => mock
                .and(header("content-type", "application/json"))
                .and(body_json(body())),
            None => mock.and(NoBody),
        };
        let answer = match case.response {
            Some(body) => ResponseTemplate::new(200).set_body_json(body()),
            None => ResponseTemplate::new(200),
        };
        mock.respond_with(answer)
            .expect(1)
            .named(format!("{} {}", case.verb, case.route))
            .mount(&server)
            .await;

        (case.call)(client(&server)).await;

        server.verify().await;
    }
}

#[tokio::test]
async fn the_service_provider_metadata_is_read_as_a_file() {
    const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" \
        entityID=\"https://cnm.cluster.fqdn/sp\">\n</md:EntityDescriptor>";
    let server = MockServer::start().await;
    expect(
        "GET",
        "/v1/cluster/sso/saml/metadata/sp",
        "application/samlmetadata+xml",
    )
    .and(NoBody)
    .respond_with(
        ResponseTemplate::new(200)
            .insert_header(
                "content-disposition",
                "attachment; filename=sp-metadata.xml",
            )
            .set_body_raw(XML, "application/samlmetadata+xml"),
    )
    .expect(1)
    .mount(&server)
    .await;

    let mut download = client(&server)
        .cluster()
        .sso_saml_sp_metadata_get()
        .await
        .unwrap();

    assert_eq!(download.file_name(), Some("sp-metadata.xml"));
    assert_eq!(download.content_length(), Some(XML.len() as u64));
    let mut body = Vec::new();
    while let Some(chunk) = download.chunk().await.unwrap() {
        body.extend_from_slice(&chunk);
    }
    assert_eq!(String::from_utf8(body).unwrap(), XML);
}

#[tokio::test]
async fn a_missing_mapping_fails_with_the_status_and_its_error_code() {
    let server = MockServer::start().await;
    let body = json!({
        "error_code": "ldap_mapping_not_exist",
        "message": "ldap_mapping 99 does not exist"
    });
    expect("GET", "/v1/ldap_mappings/99", "application/json")
        .respond_with(ResponseTemplate::new(404).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server).ldap_mappings().get(99).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.error_code(), Some(ErrorCode::LdapMappingNotExist));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn turning_sso_on_without_its_certificate_fails_with_the_status_and_its_error_code() {
    let server = MockServer::start().await;
    let body = json!({
        "error_code": "missing_certificate",
        "message": "SSO certificate is not found"
    });
    expect("PUT", "/v1/cluster/sso", "application/json")
        .respond_with(ResponseTemplate::new(406).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let sso = Sso {
        control_plane: Some(true),
        ..Sso::default()
    };
    let error = client(&server).cluster().sso_update(sso).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_ACCEPTABLE));
    assert_eq!(error.error_code(), Some(ErrorCode::MissingCertificate));
    assert!(!error.is_retryable());
}

//! The user, password, token, role and Redis ACL operations of the client against a local mock server:
//! method, path, raw query string, exact JSON body, and response decoding, unknown fields included.

use redis_enterprise_client::models::{
    ErrorCode, JwtAuthorize, JwtRefreshRequest, RedisAcl, Role, RoleManagement, RoleResource,
    RoleResourceType, User, UserAuthMethod, UserNewPassword, UserOldPassword,
    UserPasswordHashMethod, UserRole, UserStatus,
};
use redis_enterprise_client::StatusCode;
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{check, client, encoded, Case};

/// The refresh page's example token.
const TOKEN: &str = "eyJ5bGciOiKIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXViOjE0NjU0NzU0ODYsInVpZFI1IjEiLCJleHAiOjE0NjU0Nz30OTZ9.2xYXumd1rDoE0edFzcLElMOHsshaqQk2HUNgdsUKxMU";

/// The users page's list example, plus members the spec does not know.
fn users_json() -> Value {
    json!([
        {
            "uid": 1,
            "password_issue_date": "2017-03-02T09:43:34Z",
            "email": "user@example.com",
            "name": "John Doe",
            "email_alerts": true,
            "bdbs_email_alerts": ["1", "2"],
            "role": "admin",
            "auth_method": "regular",
            "status": "active",
            "future_field": {"kept": true}
        },
        {
            "uid": 2,
            "password_issue_date": "2017-03-02T09:43:34Z",
            "email": "user2@example.com",
            "name": "Jane Poe",
            "email_alerts": true,
            "role": "db_viewer",
            "auth_method": "regular",
            "status": "password_expired",
            "last_login": 1700000000
        }
    ])
}

/// The created user of the users page, plus a member the spec does not know.
fn created_user_json() -> Value {
    json!({
        "uid": 1,
        "password_issue_date": "2017-03-07T15:11:08Z",
        "email": "newuser@example.com",
        "name": "Pat Doe",
        "email_alerts": true,
        "bdbs_email_alerts": ["1", "2"],
        "role": "db_viewer",
        "role_uids": [3, 4],
        "auth_method": "regular",
        "future_field": 7
    })
}

/// The roles page's list example, one role limited to two databases, plus unknown members.
fn roles_json() -> Value {
    json!([
        {"uid": 1, "name": "Admin", "management": "admin"},
        {"uid": 5, "name": "DB Viewer", "management": "db_viewer"},
        {"uid": 6, "name": "None", "management": "none"},
        {
            "uid": 17,
            "name": "DBA",
            "management": "db_member",
            "resources": [{"type": "db", "uids": ["1", "2"], "future_member": 1}],
            "future_field": "kept"
        }
    ])
}

/// The Redis ACL page's list example, plus members the spec does not know.
fn redis_acls_json() -> Value {
    json!([
        {"uid": 1, "name": "Full Access", "acl": "+@all ~*"},
        {"uid": 2, "name": "Read Only", "acl": "+@read ~*"},
        {"uid": 3, "name": "Not Dangerous", "acl": "+@all -@dangerous ~*"},
        {
            "uid": 17,
            "name": "Geo",
            "acl": "~* +@geo",
            "min_version": "6.0",
            "future_field": [1, 2]
        }
    ])
}

fn new_user() -> User {
    User {
        name: Some("Pat Doe".to_owned()),
        email_alerts: Some(true),
        bdbs_email_alerts: Some(vec!["1".to_owned(), "2".to_owned()]),
        role_uids: Some(vec![3, 4]),
        auth_method: Some(UserAuthMethod::Regular),
        ..User::default()
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            id: "users_list",
            verb: "GET",
            route: "/v1/users",
            query: None,
            body: None,
            response: Some(users_json()),
            call: |client| Box::pin(async move { encoded(client.users().list().await) }),
        },
        Case {
            id: "users_get",
            verb: "GET",
            route: "/v1/users/1",
            query: None,
            body: None,
            response: Some(users_json()[0].clone()),
            call: |client| Box::pin(async move { encoded(client.users().get(1).await) }),
        },
        Case {
            id: "users_create",
            verb: "POST",
            route: "/v1/users",
            query: None,
            body: Some(json!({
                "email": "newuser@example.com",
                "password": "my-password",
                "name": "Pat Doe",
                "email_alerts": true,
                "bdbs_email_alerts": ["1", "2"],
                "role_uids": [3, 4],
                "auth_method": "regular"
            })),
            response: Some(created_user_json()),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .users()
                            .create("newuser@example.com", "my-password")
                            .body(new_user())
                            .await,
                    )
                })
            },
        },
        Case {
            id: "users_create (dry run, pre-hashed password)",
            verb: "POST",
            route: "/v1/users",
            query: Some("dry_run=true"),
            body: Some(json!({
                "email": "newuser@example.com",
                "password": "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
                "password_hash_method": "1",
                "role": "db_member"
            })),
            response: Some(created_user_json()),
            call: |client| {
                Box::pin(async move {
                    let hashed = User {
                        password_hash_method: Some(UserPasswordHashMethod::Sha256),
                        role: Some(UserRole::DbMember),
                        ..User::default()
                    };
                    encoded(
                        client
                            .users()
                            .create(
                                "newuser@example.com",
                                "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
                            )
                            .body(hashed)
                            .dry_run(true)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "users_update",
            verb: "PUT",
            route: "/v1/users/1",
            query: Some("dry_run=true"),
            body: Some(json!({"email_alerts": false, "role_uids": [2, 4]})),
            response: Some(json!({
                "uid": 1,
                "password_issue_date": "2017-03-07T15:11:08Z",
                "email": "user@example.com",
                "name": "Jane Poe",
                "email_alerts": false,
                "role": "db_viewer",
                "role_uids": [2, 4],
                "auth_method": "regular",
                "future_field": "x"
            })),
            call: |client| {
                Box::pin(async move {
                    let change = User {
                        email_alerts: Some(false),
                        role_uids: Some(vec![2, 4]),
                        ..User::default()
                    };
                    encoded(client.users().update(1, change).dry_run(true).await)
                })
            },
        },
        Case {
            id: "users_delete",
            verb: "DELETE",
            route: "/v1/users/12",
            query: None,
            body: None,
            response: None,
            call: |client| Box::pin(async move { encoded(client.users().delete(12).await) }),
        },
        Case {
            id: "users_password_update",
            verb: "PUT",
            route: "/v1/users/password",
            query: None,
            body: Some(json!({"username": "user@example.com", "new_password": "the new one"})),
            response: None,
            call: |client| {
                Box::pin(async move {
                    let whose = UserNewPassword {
                        username: Some("user@example.com".to_owned()),
                        ..UserNewPassword::default()
                    };
                    encoded(
                        client
                            .users()
                            .password_update("the new one")
                            .body(whose)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "users_password_add",
            verb: "POST",
            route: "/v1/users/password",
            query: None,
            body: Some(json!({"new_password": "a password to add"})),
            response: None,
            call: |client| {
                Box::pin(
                    async move { encoded(client.users().password_add("a password to add").await) },
                )
            },
        },
        Case {
            id: "users_password_delete",
            verb: "DELETE",
            route: "/v1/users/password",
            query: None,
            body: Some(json!({
                "username": "user@example.com",
                "old_password": "an existing password to delete"
            })),
            response: None,
            call: |client| {
                Box::pin(async move {
                    let whose = UserOldPassword {
                        username: Some("user@example.com".to_owned()),
                        ..UserOldPassword::default()
                    };
                    encoded(
                        client
                            .users()
                            .password_delete("an existing password to delete")
                            .body(whose)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "users_authorize",
            verb: "POST",
            route: "/v1/users/authorize",
            query: None,
            body: Some(json!({"ttl": 3600})),
            response: Some(json!({"access_token": TOKEN, "future_field": "kept"})),
            call: |client| {
                Box::pin(async move {
                    let ttl = JwtAuthorize {
                        ttl: Some(3600),
                        ..JwtAuthorize::default()
                    };
                    encoded(client.users().authorize().body(ttl).await)
                })
            },
        },
        Case {
            id: "users_authorize (default ttl, no body)",
            verb: "POST",
            route: "/v1/users/authorize",
            query: None,
            body: None,
            response: Some(json!({"access_token": TOKEN})),
            call: |client| Box::pin(async move { encoded(client.users().authorize().await) }),
        },
        Case {
            id: "users_refresh_jwt",
            verb: "POST",
            route: "/v1/users/refresh_jwt",
            query: None,
            body: Some(json!({"ttl": 600})),
            response: Some(json!({"access_token": TOKEN})),
            call: |client| {
                Box::pin(async move {
                    let ttl = JwtRefreshRequest {
                        ttl: Some(600),
                        ..JwtRefreshRequest::default()
                    };
                    encoded(client.users().refresh_jwt().body(ttl).await)
                })
            },
        },
        Case {
            id: "roles_list",
            verb: "GET",
            route: "/v1/roles",
            query: None,
            body: None,
            response: Some(roles_json()),
            call: |client| Box::pin(async move { encoded(client.roles().list().await) }),
        },
        Case {
            id: "roles_get",
            verb: "GET",
            route: "/v1/roles/17",
            query: None,
            body: None,
            response: Some(roles_json()[3].clone()),
            call: |client| Box::pin(async move { encoded(client.roles().get(17).await) }),
        },
        Case {
            id: "roles_create",
            verb: "POST",
            route: "/v1/roles",
            query: Some("dry_run=true"),
            body: Some(json!({
                "management": "db_member",
                "name": "DBA",
                "resources": [{"type": "db", "uids": ["1", "2"]}]
            })),
            response: Some(roles_json()[3].clone()),
            call: |client| {
                Box::pin(async move {
                    let role = Role {
                        name: Some("DBA".to_owned()),
                        management: Some(RoleManagement::DbMember),
                        resources: Some(vec![RoleResource {
                            r#type: Some(RoleResourceType::Db),
                            uids: Some(vec!["1".to_owned(), "2".to_owned()]),
                            ..RoleResource::default()
                        }]),
                        ..Role::default()
                    };
                    encoded(client.roles().create(role).dry_run(true).await)
                })
            },
        },
        Case {
            id: "roles_update",
            verb: "PUT",
            route: "/v1/roles/17",
            query: None,
            body: Some(json!({"management": "cluster_member"})),
            response: Some(json!({"uid": 17, "name": "DBA", "management": "cluster_member"})),
            call: |client| {
                Box::pin(async move {
                    let change = Role {
                        management: Some(RoleManagement::ClusterMember),
                        ..Role::default()
                    };
                    encoded(client.roles().update(17, change).await)
                })
            },
        },
        Case {
            id: "roles_delete",
            verb: "DELETE",
            route: "/v1/roles/17",
            query: None,
            body: None,
            response: None,
            call: |client| Box::pin(async move { encoded(client.roles().delete(17).await) }),
        },
        Case {
            id: "redis_acls_list",
            verb: "GET",
            route: "/v1/redis_acls",
            query: None,
            body: None,
            response: Some(redis_acls_json()),
            call: |client| Box::pin(async move { encoded(client.redis_acls().list().await) }),
        },
        Case {
            id: "redis_acls_get",
            verb: "GET",
            route: "/v1/redis_acls/17",
            query: None,
            body: None,
            response: Some(redis_acls_json()[3].clone()),
            call: |client| Box::pin(async move { encoded(client.redis_acls().get(17).await) }),
        },
        Case {
            id: "redis_acls_create",
            verb: "POST",
            route: "/v1/redis_acls",
            query: Some("dry_run=true"),
            body: Some(json!({"name": "Geo", "acl": "~* +@geo"})),
            response: Some(json!({"uid": 17, "name": "Geo", "acl": "~* +@geo"})),
            call: |client| {
                Box::pin(async move {
                    let acl = RedisAcl {
                        name: Some("Geo".to_owned()),
                        acl: Some("~* +@geo".to_owned()),
                        ..RedisAcl::default()
                    };
                    encoded(client.redis_acls().create(acl).dry_run(true).await)
                })
            },
        },
        Case {
            id: "redis_acls_update",
            verb: "PUT",
            route: "/v1/redis_acls/17",
            query: None,
            body: Some(json!({"acl": "~* +@geo -@dangerous"})),
            response: Some(json!({
                "uid": 17,
                "name": "Geo",
                "acl": "~* +@geo -@dangerous",
                "max_version": "7.4"
            })),
            call: |client| {
                Box::pin(async move {
                    let change = RedisAcl {
                        acl: Some("~* +@geo -@dangerous".to_owned()),
                        ..RedisAcl::default()
                    };
                    encoded(client.redis_acls().update(17, change).await)
                })
            },
        },
        Case {
            id: "redis_acls_delete",
            verb: "DELETE",
            route: "/v1/redis_acls/17",
            query: None,
            body: None,
            response: None,
            call: |client| Box::pin(async move { encoded(client.redis_acls().delete(17).await) }),
        },
    ]
}

#[tokio::test]
async fn every_operation_sends_its_request_and_decodes_the_answer_whole() {
    for case in cases() {
        check(&case).await;
    }
}

#[tokio::test]
async fn users_roles_and_acls_decode_into_typed_members() {
    let server = MockServer::start().await;
    for (route, body) in [
        ("/v1/users", users_json()),
        ("/v1/roles", roles_json()),
        ("/v1/redis_acls", redis_acls_json()),
    ] {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let api = client(&server);

    let users = api.users().list().await.unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(users[0].uid, Some(1));
    assert_eq!(users[0].role, Some(UserRole::Admin));
    assert_eq!(users[0].status, Some(UserStatus::Active));
    assert_eq!(users[0].auth_method, Some(UserAuthMethod::Regular));
    assert_eq!(
        users[0].bdbs_email_alerts,
        Some(vec!["1".to_owned(), "2".to_owned()])
    );
    assert_eq!(
        users[0].password_issue_date.as_deref(),
        Some("2017-03-02T09:43:34Z")
    );
    assert_eq!(
        users[0].unknown_fields["future_field"],
        json!({"kept": true})
    );
    assert_eq!(users[1].role, Some(UserRole::DbViewer));
    assert_eq!(users[1].status, Some(UserStatus::PasswordExpired));
    assert_eq!(users[1].last_login, Some(1700000000));
    assert_eq!(users[1].bdbs_email_alerts, None);

    let roles = api.roles().list().await.unwrap();
    assert_eq!(roles[2].management, Some(RoleManagement::None));
    let dba = &roles[3];
    assert_eq!(dba.uid, Some(17));
    assert_eq!(dba.management, Some(RoleManagement::DbMember));
    let scopes = dba.resources.as_ref().unwrap();
    assert_eq!(scopes[0].r#type, Some(RoleResourceType::Db));
    assert_eq!(scopes[0].uids, Some(vec!["1".to_owned(), "2".to_owned()]));
    assert_eq!(scopes[0].unknown_fields["future_member"], json!(1));
    assert_eq!(dba.unknown_fields["future_field"], json!("kept"));

    let acls = api.redis_acls().list().await.unwrap();
    assert_eq!(acls[1].acl.as_deref(), Some("+@read ~*"));
    assert_eq!(acls[3].name.as_deref(), Some("Geo"));
    assert_eq!(acls[3].min_version.as_deref(), Some("6.0"));
    assert_eq!(acls[3].unknown_fields["future_field"], json!([1, 2]));
}

#[tokio::test]
async fn passwords_and_tokens_are_secrets_hidden_from_debug_output() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/users/authorize"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": TOKEN})))
        .expect(1)
        .mount(&server)
        .await;

    let token = client(&server).users().authorize().await.unwrap();
    let access_token = token.access_token.as_ref().unwrap();
    assert_eq!(access_token.expose(), TOKEN);
    assert!(!format!("{token:?}").contains("eyJ"), "{token:?}");

    let user = User {
        password: Some("my-password".into()),
        ..User::default()
    };
    assert!(!format!("{user:?}").contains("my-password"));
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        json!({"password": "my-password"})
    );
}

#[tokio::test]
async fn an_expired_password_refuses_a_token_with_its_documented_code() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/users/authorize"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error_code": "password_expired",
            "message": "The password has expired"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server).users().authorize().await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(error.error_code(), Some(ErrorCode::PasswordExpired));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn removing_the_last_password_keeps_its_documented_code() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1/users/password"))
        .and(body_json(json!({"old_password": "only one"})))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error_code": "cannot_delete_last_password",
            "message": "Cannot delete the last password of a user"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .users()
        .password_delete("only one")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(
        error.error_code(),
        Some(ErrorCode::CannotDeleteLastPassword)
    );
}

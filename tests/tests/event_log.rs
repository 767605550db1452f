//! The event log read as one stream over its pages: every page requested with the query, in order,
//! until a short page; a failed page ends the stream with its error.

use redis_enterprise_client::logs::EventQuery;
use redis_enterprise_client::models::LogOrder;
use redis_enterprise_client::Client;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Answers a page of a 7-event log from the request's `offset` and `limit`, or 500 at `fail_at`.
fn log_of_seven(fail_at: Option<usize>) -> impl Fn(&Request) -> ResponseTemplate {
    move |request: &Request| {
        let number = |key: &str| {
            request
                .url
                .query_pairs()
                .find(|(name, _)| name == key)
                .and_then(|(_, value)| value.parse::<usize>().ok())
                .unwrap()
        };
        let (offset, limit) = (number("offset"), number("limit"));
        if Some(offset) == fail_at {
            return ResponseTemplate::new(500).set_body_json(json!({"error_code": "internal"}));
        }
        let events: Vec<_> = (offset..7.min(offset + limit))
            .map(|index| json!({"time": format!("2026-11-24T00:00:0{index}Z"), "type": "bdb_updated", "bdb_uid": index.to_string()}))
            .collect();
        ResponseTemplate::new(200).set_body_json(events)
    }
}

async fn server(fail_at: Option<usize>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/logs"))
        .respond_with(log_of_seven(fail_at))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

#[tokio::test]
async fn every_page_is_read_in_order_until_a_short_one() {
    let server = server(None).await;
    let query = EventQuery::default()
        .since("2026-11-24T00:00:00Z")
        .order(LogOrder::Asc)
        .page_size(3);

    let mut events = client(&server).logs().events(query);
    let mut uids = Vec::new();
    while let Some(event) = events.next().await {
        uids.push(event.unwrap().bdb_uid.unwrap());
    }

    assert_eq!(uids, ["0", "1", "2", "3", "4", "5", "6"]);
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "stime=2026-11-24T00%3A00%3A00Z&order=asc&limit=3&offset=0",
            "stime=2026-11-24T00%3A00%3A00Z&order=asc&limit=3&offset=3",
            "stime=2026-11-24T00%3A00%3A00Z&order=asc&limit=3&offset=6",
        ]
    );
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_its_error() {
    let server = server(Some(3)).await;

    let mut events = client(&server)
        .logs()
        .events(EventQuery::default().page_size(3));
    let mut read = 0;
    let error = loop {
        match events.next().await {
            Some(Ok(_)) => read += 1,
            Some(Err(error)) => break error,
            None => panic!("the stream ended without the error"),
        }
    };

    assert_eq!(read, 3);
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
    assert!(events.next().await.is_none());
}

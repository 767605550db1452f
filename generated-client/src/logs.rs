//! The cluster's event log as one stream over all its pages.
//!
//! `client.logs().list()` reads one page (`limit` events after `offset`); [`LogsApi::events`] reads
//! them all, a page at a time, as a [`Stream`]:
//!
//! ```no_run
//! # async fn example(client: redis_enterprise_client::Client) -> Result<(), redis_enterprise_client::Error> {
//! use redis_enterprise_client::logs::EventQuery;
//!
//! let mut events = client.logs().events(EventQuery::default().since("2026-11-24T00:00:00Z"));
//! while let Some(event) = events.next().await {
//!     let event = event?;
//!     println!("{:?} {:?}", event.time, event.r#type);
//! }
//! # Ok(()) }
//! ```
//!
//! This module is written by hand on top of the generated `logs` endpoint.

use std::collections::VecDeque;
use std::future::{poll_fn, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::apis::logs::{List, LogsApi};
use crate::models::{LogEvent, LogOrder};
use crate::runtime::BoxFuture;
use crate::Error;

/// How many events a page holds unless told otherwise.
const DEFAULT_PAGE_SIZE: i64 = 500;

/// Which events [`LogsApi::events`] reads, and how many per request.
#[derive(Debug, Clone)]
pub struct EventQuery {
    stime: Option<String>,
    etime: Option<String>,
    order: Option<LogOrder>,
    page_size: i64,
}

impl Default for EventQuery {
    fn default() -> Self {
        Self {
            stime: None,
            etime: None,
            order: None,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl EventQuery {
    /// Only events from `stime` on (ISO 8601, such as `2026-11-24T00:00:00Z`).
    pub fn since(mut self, stime: impl Into<String>) -> Self {
        self.stime = Some(stime.into());
        self
    }

    /// Only events up to `etime` (ISO 8601).
    pub fn until(mut self, etime: impl Into<String>) -> Self {
        self.etime = Some(etime.into());
        self
    }

    /// The order of the events by time (oldest first unless told otherwise).
    pub fn order(mut self, order: LogOrder) -> Self {
        self.order = Some(order);
        self
    }

    /// How many events each request asks for (at least 1; 500 unless told otherwise).
    pub fn page_size(mut self, size: i64) -> Self {
        self.page_size = size.max(1);
        self
    }
}

impl LogsApi<'_> {
    /// Every event of the cluster's event log that `query` selects, read a page at a time (`limit`
    /// and `offset`) as the stream is consumed. A failed request ends the stream with its error.
    pub fn events(&self, query: EventQuery) -> Events {
        let mut request = self.list();
        if let Some(stime) = query.stime {
            request = request.stime(stime);
        }
        if let Some(etime) = query.etime {
            request = request.etime(etime);
        }
        if let Some(order) = query.order {
            request = request.order(order);
        }
        Events {
            request,
            page_size: query.page_size,
            offset: 0,
            ready: VecDeque::new(),
            page: None,
            ended: false,
        }
    }
}

/// The events of [`LogsApi::events`]: a [`Stream`], or read one by one with [`next`](Self::next).
#[must_use = "a stream does nothing until it is read"]
pub struct Events {
    /// Every page's request, but for its `limit` and `offset`.
    request: List,
    page_size: i64,
    /// Events requested so far.
    offset: i64,
    ready: VecDeque<LogEvent>,
    page: Option<BoxFuture<Result<Vec<LogEvent>, Error>>>,
    ended: bool,
}

impl Events {
    /// The next event, or `None` once every page has been read (or a request failed).
    pub async fn next(&mut self) -> Option<Result<LogEvent, Error>> {
        poll_fn(|context| Pin::new(&mut *self).poll_next(context)).await
    }

    fn request_page(&self) -> BoxFuture<Result<Vec<LogEvent>, Error>> {
        self.request
            .clone()
            .limit(self.page_size)
            .offset(self.offset)
            .into_future()
    }
}

impl Stream for Events {
    type Item = Result<LogEvent, Error>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(event) = this.ready.pop_front() {
                return Poll::Ready(Some(Ok(event)));
            }
            if this.ended {
                return Poll::Ready(None);
            }
            let page = match &mut this.page {
                Some(page) => page,
                None => this.page.insert(this.request_page()),
            };
            let result = std::task::ready!(page.as_mut().poll(context));
            this.page = None;
            match result {
                Ok(events) => {
                    // A short page is the last one.
                    this.ended = (events.len() as i64) < this.page_size;
                    this.offset += events.len() as i64;
                    this.ready.extend(events);
                }
                Err(error) => {
                    this.ended = true;
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
    }
}

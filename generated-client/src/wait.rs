//! Waiting for an asynchronous action to finish.
//!
//! Creating, updating, importing, exporting, upgrading and many other requests start an action and
//! return its id (`action_uid`). [`ActionsApi::wait`] polls the action until it completes, fails or a
//! deadline passes, so automation can go on in one call; [`ActionsApi::wait_for`] takes the response
//! of the request that started it:
//!
//! ```no_run
//! # async fn example(client: redis_enterprise_client::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let created = client.bdbs().create("cache", 1 << 30).await?;
//! if let Some(done) = client.actions().wait_for(&created).await? {
//!     println!("{} finished: {}", done.name.unwrap_or_default(), done.status.map(|s| s.to_string()).unwrap_or_default());
//! }
//! # Ok(()) }
//! ```
//!
//! Changes to Active-Active databases return a task of the Active-Active coordinator instead:
//! [`CrdbTasksApi::wait`] polls it the same way.
//!
//! This module is written by hand on top of the generated `actions` endpoints: it is not part of the
//! generic runtime, which knows nothing of Redis Enterprise's resources.

use std::fmt;
use std::future::IntoFuture;
use std::time::Duration;

use crate::apis::actions::ActionsApi;
use crate::apis::crdb_tasks::CrdbTasksApi;
use crate::models::{
    Action, ActionProgress, ActionStatus, ActionV2, ActionV2Status, Bdb, BdbActionOrBlueprint,
    BdbActionStarted, CrdbTask, CrdbTaskStatus, ShardActionResponse,
};

/// How [`ActionsApi::wait_with`] polls: the first pause between polls, which doubles up to
/// `max_interval`, and the overall deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    interval: Duration,
    max_interval: Duration,
    timeout: Duration,
}

impl Default for WaitOptions {
    /// Polls after 500 ms, then ever less often up to every 5 s, for at most 10 minutes.
    fn default() -> Self {
        Self {
            interval: Duration::from_millis(500),
            max_interval: Duration::from_secs(5),
            timeout: Duration::from_secs(600),
        }
    }
}

impl WaitOptions {
    /// The pause before the second poll (the first is immediate); it doubles after each poll.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// The longest pause between two polls.
    pub fn max_interval(mut self, max_interval: Duration) -> Self {
        self.max_interval = max_interval;
        self
    }

    /// How long to wait in all before giving up with [`WaitError::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// Where an action was when it was last seen, for error messages and callers that log.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionState {
    /// The action's id.
    pub uid: String,
    /// Its name, when the server gave one.
    pub name: Option<String>,
    /// Its status as the server wrote it (`running`, `failed`...).
    pub status: Option<String>,
    /// Percentage done, when known.
    pub progress: Option<f64>,
    /// What the server said went wrong, when it did.
    pub message: Option<String>,
}

impl fmt::Display for ActionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "action {}", self.uid)?;
        if let Some(name) = &self.name {
            write!(f, " ({name})")?;
        }
        write!(
            f,
            " is {}",
            self.status.as_deref().unwrap_or("of unknown status")
        )?;
        if let Some(progress) = self.progress {
            write!(f, " at {progress}%")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

/// Why waiting for an action did not end with its completion.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaitError {
    /// The action ended without completing (failed, aborted or cancelled).
    #[error("{0}")]
    Failed(Box<ActionState>),
    /// The deadline passed first. `last` is the last state read, if any poll succeeded; `last_error`
    /// the last transient poll failure, if any. A poll under way at the deadline is finished first, so
    /// the wait can exceed the deadline by up to the client's request timeout.
    #[error("gave up after {timeout:?}: {}", timeout_cause(last, last_error))]
    Timeout {
        /// The deadline that passed.
        timeout: Duration,
        /// The last state read.
        last: Option<Box<ActionState>>,
        /// The last poll that failed and would have been tried again.
        last_error: Option<Box<crate::Error>>,
    },
    /// A poll failed in a way that polling again would not fix (a 404, bad credentials...).
    /// Transient failures (connection errors, 503) are retried until the deadline.
    #[error(transparent)]
    Request(#[from] crate::Error),
}

/// What a timeout says happened: the last state seen, else why no poll succeeded.
fn timeout_cause(
    last: &Option<Box<ActionState>>,
    last_error: &Option<Box<crate::Error>>,
) -> String {
    match (last, last_error) {
        (Some(last), _) => last.to_string(),
        (None, Some(error)) => format!("the action was never read: {error}"),
        (None, None) => "the action was never read".to_owned(),
    }
}

/// Where a polled action stands.
enum Phase {
    Running,
    Completed,
    Ended,
}

/// An action as one of the actions APIs reports it.
trait Polled {
    fn phase(&self) -> Phase;
    fn state(&self, uid: &str) -> ActionState;
}

impl Polled for ActionV2 {
    fn phase(&self) -> Phase {
        match &self.status {
            Some(ActionV2Status::Completed) => Phase::Completed,
            Some(ActionV2Status::Failed) => Phase::Ended,
            // Task statuses that v2 may pass through from the task lifecycle.
            Some(other) if matches!(other.as_str(), "aborted" | "cancelled") => Phase::Ended,
            _ => Phase::Running,
        }
    }

    fn state(&self, uid: &str) -> ActionState {
        ActionState {
            uid: uid.to_owned(),
            name: self.name.clone(),
            status: self
                .status
                .as_ref()
                .map(|status| status.as_str().to_owned()),
            progress: self.progress,
            message: self
                .additional_info
                .as_ref()
                .and_then(|info| info.error.clone()),
        }
    }
}

impl Polled for Action {
    fn phase(&self) -> Phase {
        match &self.status {
            Some(ActionStatus::Completed) => Phase::Completed,
            Some(ActionStatus::Failed | ActionStatus::Aborted | ActionStatus::Cancelled) => {
                Phase::Ended
            }
            _ => Phase::Running,
        }
    }

    fn state(&self, uid: &str) -> ActionState {
        ActionState {
            uid: uid.to_owned(),
            name: self.name.clone(),
            status: self
                .status
                .as_ref()
                .map(|status| status.as_str().to_owned()),
            progress: match &self.progress {
                Some(ActionProgress::Number(progress)) => Some(*progress),
                Some(ActionProgress::String(progress)) => progress.trim().parse().ok(),
                Some(ActionProgress::Other(_)) | None => None,
            },
            message: self.error_message.clone().or_else(|| {
                self.error_code
                    .as_ref()
                    .map(|code| code.as_str().to_owned())
            }),
        }
    }
}

impl Polled for CrdbTask {
    fn phase(&self) -> Phase {
        match &self.status {
            Some(CrdbTaskStatus::Finished) => Phase::Completed,
            Some(CrdbTaskStatus::Failed) => Phase::Ended,
            _ => Phase::Running,
        }
    }

    fn state(&self, uid: &str) -> ActionState {
        let errors: Vec<String> = self
            .errors
            .iter()
            .flatten()
            .map(|error| {
                let cluster = error.cluster_name.as_deref().unwrap_or("a cluster");
                let what = error
                    .description
                    .as_deref()
                    .or(error.error_code.as_deref())
                    .unwrap_or("failed");
                format!("{cluster}: {what}")
            })
            .collect();
        ActionState {
            uid: uid.to_owned(),
            name: self.operation.clone(),
            status: self
                .status
                .as_ref()
                .map(|status| status.as_str().to_owned()),
            progress: None,
            message: (!errors.is_empty()).then(|| errors.join("; ")),
        }
    }
}

/// A response that names the action its request started, for [`ActionsApi::wait_for`].
pub trait StartedAction {
    /// The `action_uid` of the started action, when the response names one.
    fn action_uid(&self) -> Option<&str>;
}

/// Implements [`StartedAction`] for responses that name their action in an `action_uid` member.
macro_rules! started_action {
    ($($response:ty),*) => {
        $(
            impl StartedAction for $response {
                fn action_uid(&self) -> Option<&str> {
                    self.action_uid.as_deref()
                }
            }
        )*
    };
}

started_action!(Bdb, BdbActionStarted, ShardActionResponse);

impl StartedAction for BdbActionOrBlueprint {
    /// The action of a rebalance or revamp; a blueprint (a dry run) started none.
    fn action_uid(&self) -> Option<&str> {
        match self {
            Self::BdbActionStarted(started) => started.action_uid(),
            Self::Blueprint(_) | Self::Other(_) => None,
        }
    }
}

impl ActionsApi<'_> {
    /// Waits, like [`wait`](Self::wait), for the action that `started` (the response of the request
    /// that started it) names, and returns its final state; `None` when the response names no action,
    /// as when a change needed none.
    ///
    /// # Errors
    ///
    /// As [`wait`](Self::wait).
    pub async fn wait_for(
        &self,
        started: &impl StartedAction,
    ) -> Result<Option<ActionV2>, WaitError> {
        match started.action_uid() {
            Some(uid) => self.wait(uid).await.map(Some),
            None => Ok(None),
        }
    }

    /// Waits for an action to complete, polling `GET /v2/actions/{uid}` with the default
    /// [`WaitOptions`], and returns its final state.
    ///
    /// # Errors
    ///
    /// [`WaitError::Failed`] when the action fails, [`WaitError::Timeout`] after 10 minutes,
    /// [`WaitError::Request`] when a poll fails for good. Transient poll failures are retried.
    pub async fn wait(&self, uid: &str) -> Result<ActionV2, WaitError> {
        self.wait_with(uid, WaitOptions::default()).await
    }

    /// [`wait`](Self::wait) with other intervals or deadline.
    ///
    /// ```no_run
    /// # async fn example(client: redis_enterprise_client::Client) -> Result<(), redis_enterprise_client::wait::WaitError> {
    /// use std::time::Duration;
    /// use redis_enterprise_client::wait::WaitOptions;
    ///
    /// let options = WaitOptions::default().timeout(Duration::from_secs(60));
    /// client.actions().wait_with("159ca2f8-7bf3-4cda-97e8-4eb560665c28", options).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`wait`](Self::wait).
    pub async fn wait_with(&self, uid: &str, options: WaitOptions) -> Result<ActionV2, WaitError> {
        poll(uid, options, || self.get_v2(uid)).await
    }

    /// Waits like [`wait_with`](Self::wait_with) but polls the v1 API (`GET /v1/actions/{uid}`), for
    /// clusters older than the v2 actions API. It does not see imports, exports and backups.
    ///
    /// # Errors
    ///
    /// As [`wait`](Self::wait).
    pub async fn wait_v1(&self, uid: &str, options: WaitOptions) -> Result<Action, WaitError> {
        poll(uid, options, || self.get(uid)).await
    }
}

impl CrdbTasksApi<'_> {
    /// Waits for a task of the Active-Active coordinator (the `id` of the [`CrdbTask`] that creating,
    /// changing, flushing, purging or deleting an Active-Active database returns) to finish, polling
    /// `GET /v1/crdb_tasks/{task_id}` as [`ActionsApi::wait`] polls actions, and returns its final
    /// state.
    ///
    /// # Errors
    ///
    /// [`WaitError::Failed`] when the task fails, with the errors of the clusters it reports,
    /// [`WaitError::Timeout`] after the deadline, [`WaitError::Request`] when a poll fails for good.
    pub async fn wait(&self, task_id: &str) -> Result<CrdbTask, WaitError> {
        self.wait_with(task_id, WaitOptions::default()).await
    }

    /// [`wait`](Self::wait) with other intervals or deadline.
    ///
    /// # Errors
    ///
    /// As [`wait`](Self::wait).
    pub async fn wait_with(
        &self,
        task_id: &str,
        options: WaitOptions,
    ) -> Result<CrdbTask, WaitError> {
        poll(task_id, options, || self.get(task_id)).await
    }
}

/// Polls until the action is done, the deadline passes, or a poll fails for good.
async fn poll<T, F, R>(uid: &str, options: WaitOptions, mut request: F) -> Result<T, WaitError>
where
    T: Polled,
    F: FnMut() -> R,
    R: IntoFuture<Output = Result<T, crate::Error>>,
{
    let deadline = tokio::time::Instant::now() + options.timeout;
    let mut pause = options.interval;
    let mut last: Option<Box<ActionState>> = None;
    let mut last_error: Option<Box<crate::Error>> = None;
    loop {
        // A poll is not cut off at the deadline: its time is bounded by the client's request timeout
        // (and retry policy), and a timer racing it would make the wait depend on the transport's pace.
        match request().await {
            Ok(action) => {
                let state = Box::new(action.state(uid));
                match action.phase() {
                    Phase::Completed => return Ok(action),
                    Phase::Ended => return Err(WaitError::Failed(state)),
                    Phase::Running => last = Some(state),
                }
            }
            Err(error) if error.is_retryable() => last_error = Some(Box::new(error)),
            Err(error) => return Err(WaitError::Request(error)),
        }
        let now = tokio::time::Instant::now();
        if now >= deadline {
            break;
        }
        tokio::time::sleep(pause.min(deadline - now)).await;
        pause = (pause * 2).min(options.max_interval);
    }
    Err(WaitError::Timeout {
        timeout: options.timeout,
        last,
        last_error,
    })
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use tokio::time::Instant;

    use super::*;
    use crate::models::ActionV2Status;

    fn action(status: ActionV2Status) -> ActionV2 {
        ActionV2 {
            status: Some(status),
            ..ActionV2::default()
        }
    }

    fn options() -> WaitOptions {
        WaitOptions::default()
            .interval(Duration::from_secs(1))
            .max_interval(Duration::from_secs(4))
            .timeout(Duration::from_secs(60))
    }

    /// Polls with `statuses` (the last one repeating) and returns the result and when each poll came,
    /// in seconds after the start.
    async fn run(statuses: &[ActionV2Status]) -> (Result<ActionV2, WaitError>, Vec<u64>) {
        let start = Instant::now();
        let polls = RefCell::new(Vec::new());
        let result = poll("uid", options(), || {
            let mut polls = polls.borrow_mut();
            polls.push(start.elapsed().as_secs());
            let status = statuses[(polls.len() - 1).min(statuses.len() - 1)].clone();
            std::future::ready(Ok(action(status)))
        })
        .await;
        (result, polls.into_inner())
    }

    #[tokio::test(start_paused = true)]
    async fn the_pause_doubles_up_to_the_maximum() {
        use ActionV2Status::*;
        let (result, polls) = run(&[Queued, Running, Running, Running, Running, Completed]).await;
        assert_eq!(result.unwrap().status, Some(Completed));
        assert_eq!(polls, [0, 1, 3, 7, 11, 15]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_deadline_is_kept_to_the_second() {
        let (result, polls) = run(&[ActionV2Status::Running]).await;
        assert!(matches!(result, Err(WaitError::Timeout { .. })));
        // Every 4 s after 0, 1, 3, 7; the last poll is at the deadline itself, never after it.
        let expected: Vec<u64> = [0, 1, 3]
            .into_iter()
            .chain((7..60).step_by(4))
            .chain([60])
            .collect();
        assert_eq!(polls, expected);
    }

    #[tokio::test(start_paused = true)]
    async fn a_failure_ends_the_wait_at_once() {
        let (result, polls) = run(&[ActionV2Status::Running, ActionV2Status::Failed]).await;
        assert!(matches!(result, Err(WaitError::Failed(_))));
        assert_eq!(polls, [0, 1]);
    }
}

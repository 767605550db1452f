//! When a failed request is sent again, and how long to wait first.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::Duration;

/// Sends a request again after a failure that may go away: the connection could not be made, an
/// idempotent request timed out or broke off, the node answered 503, or the body's `error_code` is one
/// the spec marks temporary (such as `busy`). See [`Error::is_retryable`](crate::Error::is_retryable).
///
/// Waits grow exponentially from [`initial_backoff`](Self::initial_backoff) up to
/// [`max_backoff`](Self::max_backoff), each shortened by a random amount of up to half (jitter), so
/// clients that failed together do not retry together. Retries stop after
/// [`max_attempts`](Self::max_attempts) attempts in all (with [several nodes](crate::ClientBuilder::nodes),
/// an attempt tries each unavailable node once before waiting), or when the next wait would end after
/// [`max_elapsed`](Self::max_elapsed) from the first attempt. Retries are off unless a policy is given
/// to [`ClientBuilder::retry`](crate::ClientBuilder::retry).
///
/// `max_elapsed` bounds when the last retry starts, not how long it runs: each attempt is bounded by
/// the client's [request timeout](crate::ClientBuilder::timeout), so a request can take up to about
/// `max_elapsed` plus one round of attempts in all.
///
/// ```
/// use std::time::Duration;
/// use redis_enterprise_client::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .base_url("https://cluster.example.com:9443")
///     .retry(
///         RetryPolicy::default()
///             .max_attempts(5)
///             .initial_backoff(Duration::from_millis(500))
///             .max_elapsed(Duration::from_secs(60)),
///     )
///     .build()?;
/// # Ok::<(), redis_enterprise_client::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, waits from 200 ms up to 5 s, no retry starting later than 30 s after the first
    /// attempt.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Attempts in all, the first one included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Wait before the first retry; each later one doubles it.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// Longest wait between two attempts.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// No retry starts later than this after the first attempt.
    pub fn max_elapsed(mut self, limit: Duration) -> Self {
        self.max_elapsed = limit;
        self
    }

    /// The wait before attempt `attempt + 1`, after `elapsed` since the first; `None` to give up.
    pub(crate) fn backoff(&self, attempt: u32, elapsed: Duration) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let doublings = attempt.saturating_sub(1).min(31);
        let full = self
            .initial_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        let wait = full - full.mul_f64(jitter() / 2.0);
        (elapsed + wait <= self.max_elapsed).then_some(wait)
    }
}

/// A random number in `[0, 1)`. The standard library seeds each `RandomState` randomly, which is all
/// jitter needs; no random number generator crate is worth its weight here.
fn jitter() -> f64 {
    let bits = RandomState::new().hash_one(0u8);
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn waits_double_up_to_the_cap_minus_at_most_half() {
        let policy = RetryPolicy::default()
            .max_attempts(10)
            .initial_backoff(100 * MS)
            .max_backoff(500 * MS)
            .max_elapsed(Duration::from_secs(60));
        for (attempt, full) in [(1, 100), (2, 200), (3, 400), (4, 500), (9, 500)] {
            let wait = policy.backoff(attempt, Duration::ZERO).unwrap();
            assert!(
                wait <= full * MS && wait >= full * MS / 2,
                "attempt {attempt}: {wait:?}"
            );
        }
    }

    #[test]
    fn gives_up_after_max_attempts_or_max_elapsed() {
        let policy = RetryPolicy::default()
            .max_attempts(3)
            .initial_backoff(100 * MS)
            .max_elapsed(Duration::from_secs(1));
        assert!(policy.backoff(2, Duration::ZERO).is_some());
        assert_eq!(policy.backoff(3, Duration::ZERO), None);
        assert_eq!(policy.backoff(1, 960 * MS), None);
        assert_eq!(
            RetryPolicy::default()
                .max_attempts(0)
                .backoff(1, Duration::ZERO),
            None
        );
    }

    #[test]
    fn jitter_varies_within_its_range() {
        let samples: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(samples.iter().all(|sample| (0.0..1.0).contains(sample)));
        assert!(samples.iter().any(|sample| *sample != samples[0]));
    }
}

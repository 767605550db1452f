//! How fast the generated models decode and encode a cluster's database list.
//!
//! `cargo bench -p redis-enterprise-client` prints one line per measurement; results are kept in
//! `BENCHMARKS.md`. The input is `bdb.json`: one database with every documented field set and two
//! undocumented ones, repeated to form `GET /v1/bdbs` responses of several sizes. Plain `std::time` is
//! enough here: each measurement repeats the work for at least a second and reports the median of five.

use std::hint::black_box;
use std::time::{Duration, Instant};

use redis_enterprise_client::models::Bdb;

const BDB: &str = include_str!("bdb.json");

/// Runs `work` repeatedly for about `budget`, five times, and returns the median time per run.
fn measure(budget: Duration, mut work: impl FnMut()) -> Duration {
    let mut samples: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let mut runs = 0u32;
            while start.elapsed() < budget / 5 {
                work();
                runs += 1;
            }
            start.elapsed() / runs
        })
        .collect();
    samples.sort();
    samples[2]
}

fn main() {
    let one: serde_json::Value = serde_json::from_str(BDB).expect("bdb.json is JSON");
    for count in [1, 100, 1000] {
        let list = serde_json::to_vec(&vec![one.clone(); count]).unwrap();
        let megabytes = list.len() as f64 / 1e6;
        let decode = measure(Duration::from_secs(1), || {
            black_box(serde_json::from_slice::<Vec<Bdb>>(black_box(&list)).unwrap());
        });
        let decoded: Vec<Bdb> = serde_json::from_slice(&list).unwrap();
        let encode = measure(Duration::from_secs(1), || {
            black_box(serde_json::to_vec(black_box(&decoded)).unwrap());
        });
        let untyped = measure(Duration::from_secs(1), || {
            black_box(serde_json::from_slice::<serde_json::Value>(black_box(&list)).unwrap());
        });
        println!(
            "{count:>5} databases ({:>8.3} MB): decode {:>10.1?} ({:>6.1} MB/s), encode {:>10.1?}, \
             untyped serde_json::Value decode {:>10.1?}",
            megabytes,
            decode,
            megabytes / decode.as_secs_f64(),
            encode,
            untyped,
        );
    }
    println!("size_of::<Bdb>() = {} bytes", std::mem::size_of::<Bdb>());
}

//! `GET /metrics`: Prometheus text — requests by status, render time
//! histogram, renders in flight and waiting.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// The histogram's upper bounds, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The service's counters.
#[derive(Default)]
pub(super) struct Metrics {
    by_status: Mutex<BTreeMap<u16, u64>>,
    /// Renders at most each bound (not cumulative; summed when printed).
    renders: [AtomicU64; BUCKETS.len() + 1],
    render_micros: AtomicU64,
}

impl Metrics {
    pub(super) fn request(&self, status: u16) {
        let mut map = self.by_status.lock().unwrap_or_else(|e| e.into_inner());
        *map.entry(status).or_default() += 1;
    }

    pub(super) fn render(&self, took: Duration) {
        let secs = took.as_secs_f64();
        let bucket = BUCKETS
            .iter()
            .position(|b| secs <= *b)
            .unwrap_or(BUCKETS.len());
        self.renders[bucket].fetch_add(1, Ordering::Relaxed);
        self.render_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    fn text(&self, inflight: usize, waiting: usize) -> String {
        let mut s = String::new();
        s.push_str("# HELP vanban_requests_total Requests answered, by HTTP status.\n");
        s.push_str("# TYPE vanban_requests_total counter\n");
        let map = self.by_status.lock().unwrap_or_else(|e| e.into_inner());
        for (status, n) in map.iter() {
            let _ = writeln!(s, "vanban_requests_total{{status=\"{status}\"}} {n}");
        }
        drop(map);
        s.push_str("# HELP vanban_render_seconds Time to read and render one document.\n");
        s.push_str("# TYPE vanban_render_seconds histogram\n");
        let mut cumulative = 0;
        for (i, bound) in BUCKETS.iter().enumerate() {
            cumulative += self.renders[i].load(Ordering::Relaxed);
            let _ = writeln!(
                s,
                "vanban_render_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
            );
        }
        cumulative += self.renders[BUCKETS.len()].load(Ordering::Relaxed);
        let _ = writeln!(
            s,
            "vanban_render_seconds_bucket{{le=\"+Inf\"}} {cumulative}"
        );
        let sum = self.render_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(s, "vanban_render_seconds_sum {sum}");
        let _ = writeln!(s, "vanban_render_seconds_count {cumulative}");
        s.push_str("# HELP vanban_inflight Renders running now.\n# TYPE vanban_inflight gauge\n");
        let _ = writeln!(s, "vanban_inflight {inflight}");
        s.push_str("# HELP vanban_waiting Requests waiting for a render slot.\n# TYPE vanban_waiting gauge\n");
        let _ = writeln!(s, "vanban_waiting {waiting}");
        s
    }
}

/// `GET /metrics`.
pub(super) async fn metrics(State(state): State<AppState>) -> Response {
    let text = state
        .metrics
        .text(state.gate.inflight(), state.gate.waiting());
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_is_cumulative_and_counts_every_render() {
        let m = Metrics::default();
        m.render(Duration::from_millis(3));
        m.render(Duration::from_millis(40));
        m.render(Duration::from_secs(20));
        m.request(200);
        m.request(200);
        m.request(422);
        let text = m.text(1, 0);
        assert!(
            text.contains("vanban_requests_total{status=\"200\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("vanban_requests_total{status=\"422\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("vanban_render_seconds_bucket{le=\"0.005\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("vanban_render_seconds_bucket{le=\"0.05\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("vanban_render_seconds_bucket{le=\"10\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("vanban_render_seconds_bucket{le=\"+Inf\"} 3\n"),
            "{text}"
        );
        assert!(text.contains("vanban_render_seconds_count 3\n"), "{text}");
        assert!(text.contains("vanban_inflight 1\n"), "{text}");
    }
}

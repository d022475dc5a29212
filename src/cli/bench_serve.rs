//! `vanban bench-serve`: the service measured on loopback with a load
//! generator of its own (bounded in requests and in time), beside the CLI
//! spawned once per document.
//!
//! It starts `vanban serve` as a child process (so that its memory is its
//! own), sends three-page district reports from many connections at once,
//! and prints throughput, latency percentiles, every status seen and the
//! service's resident memory as the load goes on.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// The options of `vanban bench-serve`.
#[derive(clap::Args)]
pub struct BenchServeArgs {
    /// Render requests per load.
    #[arg(long, default_value_t = 2000)]
    requests: usize,
    /// Connections sending at once.
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Documents rendered by spawning the CLI once each, for comparison (0: none).
    #[arg(long, default_value_t = 100)]
    cli: usize,
    /// The whole run stops after this many seconds, whatever is left.
    #[arg(long, default_value_t = 600)]
    deadline: u64,
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// What one load gave.
struct Load {
    seconds: f64,
    /// (status, latency) of every request, in completion order.
    answers: Vec<(u16, Duration)>,
    /// The service's resident memory (MB) after each quarter of the load.
    rss: Vec<f64>,
}

impl Load {
    fn count(&self, status: u16) -> usize {
        self.answers.iter().filter(|(s, _)| *s == status).count()
    }

    fn percentile(&self, status: u16, p: f64) -> f64 {
        let mut ms: Vec<f64> = self
            .answers
            .iter()
            .filter(|(s, _)| *s == status)
            .map(|(_, d)| d.as_secs_f64() * 1000.0)
            .collect();
        if ms.is_empty() {
            return f64::NAN;
        }
        ms.sort_by(f64::total_cmp);
        let i = ((ms.len() as f64 - 1.0) * p).round() as usize;
        ms[i]
    }

    fn statuses(&self) -> String {
        let mut seen: std::collections::BTreeMap<u16, usize> = Default::default();
        for (s, _) in &self.answers {
            *seen.entry(*s).or_default() += 1;
        }
        seen.iter()
            .map(|(s, n)| format!("{n}×{s}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A running `vanban serve` child and its address.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(extra: &[&str]) -> Result<Self, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start `vanban serve`: {e}"))?;
        let stdout = child.stdout.take().ok_or("no standard output")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let base = line
            .trim()
            .strip_prefix("vanban: listening on ")
            .ok_or_else(|| format!("`vanban serve` did not start: {line:?}"))?
            .to_string();
        Ok(Self { child, base })
    }
}

/// The resident memory of process `pid` now, in MB.
fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn run(args: BenchServeArgs) -> ExitCode {
    match measure(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn measure(args: &BenchServeArgs) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(args.deadline);
    let valid = documents(args.requests.clamp(1, 200))?;
    let invalid = invalid_document(&valid[0]);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(args.connections)
        .build_http();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    println!(
        "vanban serve on loopback, {cores} cores; three-page district reports, {} requests from {} connections",
        args.requests, args.connections
    );

    let queue = (args.connections * 2).to_string();
    let measured = |name: &str, bodies: Vec<Bytes>, allowed: &[u16]| -> Result<Load, String> {
        let server = Server::start(&["--max-queue", &queue])?;
        let load = runtime.block_on(send_all(
            &client,
            &server,
            &bodies,
            args.connections,
            deadline,
        ))?;
        report(name, &load, args.requests, allowed)?;
        Ok(load)
    };

    // 1. Every document valid: every answer must be 200.
    let body = |i: usize| Bytes::from(valid[i % valid.len()].clone());
    measured("all valid", (0..args.requests).map(body).collect(), &[200])?;

    // 2. One document in ten invalid: each 422, the others unaffected.
    let bodies = (0..args.requests)
        .map(|i| {
            if i % 10 == 9 {
                Bytes::from(invalid.clone())
            } else {
                body(i)
            }
        })
        .collect();
    let load = measured("10% invalid", bodies, &[200, 422])?;
    if load.count(422) != args.requests / 10 {
        return Err(format!(
            "expected {} answers 422, got {}",
            args.requests / 10,
            load.count(422)
        ));
    }

    // 3. A burst beyond the limits: 503s, and the service still answers.
    let server = Server::start(&["--max-inflight", "1", "--max-queue", "2"])?;
    let burst: Vec<Bytes> = (0..64).map(body).collect();
    let load = runtime.block_on(send_all(&client, &server, &burst, 64, deadline))?;
    let healthy = runtime.block_on(get(&client, &format!("{}/healthz", server.base)))?;
    println!(
        "burst: 64 requests at once on --max-inflight 1 --max-queue 2: {}; /healthz after it: {healthy}",
        load.statuses()
    );
    if load.count(503) == 0 || load.count(200) == 0 || healthy != 200 {
        return Err(
            "the burst should be partly refused with 503 and the service should stay up".into(),
        );
    }
    drop(server);

    // 4. The CLI, one process per document, as many at once as cores.
    if args.cli > 0 {
        let rate = cli_rate(&valid, args.cli, cores)?;
        println!("CLI spawned once per document ({cores} at once): {rate:.1} documents/s");
    }
    Ok(())
}

/// Sends `bodies` to `POST /render` from `connections` tasks at once, each
/// sending its next one when the last is answered.
async fn send_all(
    client: &HttpClient,
    server: &Server,
    bodies: &[Bytes],
    connections: usize,
    deadline: Instant,
) -> Result<Load, String> {
    let url = format!("{}/render", server.base);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let bodies: Arc<Vec<Bytes>> = Arc::new(bodies.to_vec());
    let started = Instant::now();
    let quarter = (bodies.len() / 4).max(1);
    let rss = Arc::new(std::sync::Mutex::new(Vec::new()));
    let pid = server.child.id();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, url, next, bodies, rss) = (
            client.clone(),
            url.clone(),
            next.clone(),
            bodies.clone(),
            rss.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= bodies.len() || Instant::now() > deadline {
                    return Ok::<_, String>(answers);
                }
                let request = hyper::Request::post(&url)
                    .header("content-type", "application/yaml")
                    .body(Full::new(bodies[i].clone()))
                    .map_err(|e| e.to_string())?;
                let sent = Instant::now();
                let response = client.request(request).await.map_err(|e| e.to_string())?;
                let status = response.status().as_u16();
                // The whole body is read: a PDF is only done when it has arrived.
                response
                    .into_body()
                    .collect()
                    .await
                    .map_err(|e| e.to_string())?;
                answers.push((status, sent.elapsed()));
                if (i + 1) % quarter == 0 {
                    rss.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(rss_mb(pid));
                }
            }
        }));
    }
    let mut answers = Vec::new();
    for t in tasks {
        answers.extend(t.await.map_err(|e| e.to_string())??);
    }
    let seconds = started.elapsed().as_secs_f64();
    if answers.len() < bodies.len() {
        return Err(format!(
            "the deadline passed after {} of {} requests",
            answers.len(),
            bodies.len()
        ));
    }
    let rss = rss.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Ok(Load {
        seconds,
        answers,
        rss,
    })
}

async fn get(client: &HttpClient, url: &str) -> Result<u16, String> {
    let request = hyper::Request::get(url)
        .body(Full::new(Bytes::new()))
        .map_err(|e| e.to_string())?;
    let response = client.request(request).await.map_err(|e| e.to_string())?;
    Ok(response.status().as_u16())
}

/// Prints a load's figures; an error if a status other than `allowed` came.
fn report(name: &str, load: &Load, requests: usize, allowed: &[u16]) -> Result<(), String> {
    let rate = requests as f64 / load.seconds;
    let rss: Vec<String> = load.rss.iter().map(|m| format!("{m:.0}")).collect();
    println!(
        "{name}: {} in {:.2} s: {rate:.0} requests/s; 200 latency p50 {:.1} ms, p99 {:.1} ms; service RSS after each quarter: {} MB",
        load.statuses(),
        load.seconds,
        load.percentile(200, 0.5),
        load.percentile(200, 0.99),
        rss.join(" / ")
    );
    if load.answers.iter().any(|(s, _)| !allowed.contains(s)) {
        return Err(format!("{name}: unexpected statuses: {}", load.statuses()));
    }
    Ok(())
}

/// `n` distinct three-page district reports, as YAML request bodies.
fn documents(n: usize) -> Result<Vec<String>, String> {
    crate::synthetic::synthetic(n)
        .districts()
        .into_iter()
        .map(|d| {
            let doc = d
                .document
                .map_err(|_| "the synthetic batch has an invalid district".to_string())?;
            serde_yaml::to_string(doc.model()).map_err(|e| e.to_string())
        })
        .collect()
}

/// A report that fails validation (its number is negative).
fn invalid_document(valid: &str) -> String {
    format!("{valid}\nnumber: -5\n")
}

/// Documents per second when the CLI renders `count` of them, one process
/// each, `parallel` at once.
fn cli_rate(docs: &[String], count: usize, parallel: usize) -> Result<f64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = std::env::temp_dir().join(format!("vanban-bench-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let files: Vec<_> = (0..count)
        .map(|i| {
            let path = dir.join(format!("doc{i}.yaml"));
            std::fs::write(&path, &docs[i % docs.len()]).map(|()| path)
        })
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    for chunk in files.chunks(parallel.max(1)) {
        let children: Vec<_> = chunk
            .iter()
            .map(|f| {
                Command::new(&exe)
                    .arg("render")
                    .arg(f)
                    .arg("-o")
                    .arg(f.with_extension("pdf"))
                    .stderr(Stdio::null())
                    .spawn()
            })
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        for mut c in children {
            let status = c.wait().map_err(|e| e.to_string())?;
            if !status.success() {
                return Err("`vanban render` failed on a benchmark document".into());
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(count as f64 / secs)
}

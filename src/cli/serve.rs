//! `vanban serve`: the HTTP service on one warm engine, until SIGTERM or
//! Ctrl-C (then it finishes the requests in flight and exits 0).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use crate::engine_args::EngineArgs;

/// The options of `vanban serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The address to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// The largest request body (`4MiB`, `512KiB`, or bytes).
    #[arg(long, default_value = "4MiB", value_parser = parse_size)]
    max_body: usize,
    /// Renders at once (1 or more); the number of cores by default.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    max_inflight: Option<u64>,
    /// Requests that may wait for a render; one more is answered 503.
    #[arg(long, default_value_t = 64)]
    max_queue: usize,
    /// The longest a request may take, in seconds (503 beyond).
    #[arg(long, default_value_t = 60.0)]
    time_limit: f64,
    #[command(flatten)]
    engine: EngineArgs,
}

/// `4MiB`, `512KiB`, `1MB`, or a number of bytes.
fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: usize = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size: write e.g. 4MiB"))?;
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kib" | "kb" | "k" => 1024,
        "mib" | "mb" | "m" => 1024 * 1024,
        other => return Err(format!("`{other}` is not a unit of size: use KiB or MiB")),
    };
    n.checked_mul(factor)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{text}` is not a usable size"))
}

pub fn run(args: ServeArgs) -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    if !(args.time_limit.is_finite() && args.time_limit > 0.0) {
        eprintln!(
            "error: --time-limit {} must be a positive number of seconds",
            args.time_limit
        );
        return ExitCode::from(2);
    }
    let engine = match args.engine.build_or_report() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let mut config = vanban::serve::Config {
        max_body: args.max_body,
        max_queue: args.max_queue,
        time_limit: Duration::from_secs_f64(args.time_limit),
        ..Default::default()
    };
    if let Some(n) = args.max_inflight {
        config.max_inflight = usize::try_from(n).unwrap_or(usize::MAX);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: the service cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let service = vanban::serve::Service::new(engine, config);
    let listen = args.listen;
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&listen).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {listen}: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Ok(addr) = listener.local_addr() {
            // Tools that start the service read the address from this line.
            println!("vanban: listening on http://{addr}");
            let _ = std::io::stdout().flush();
        }
        match service.serve(listener, stop_signal()).await {
            Ok(()) => {
                tracing::info!("stopped");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: the service stopped: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// SIGTERM or Ctrl-C.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("stopping: no new connections; finishing the requests in flight");
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(parse_size("4MiB"), Ok(4 * 1024 * 1024));
        assert_eq!(parse_size("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("4GB").is_err());
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("0").is_err());
    }
}

//! Every public function works from any thread: a plain `std::thread` with
//! the default 2 MiB stack, a default rayon pool, a tokio runtime's worker.
//! Typst's layout recurses deeply; before the library ran it on its own
//! large-stack threads, an embedder's debug build (Typst unoptimised, large
//! frames) aborted the whole process ("thread has overflowed its stack") on
//! an ordinary five-page report. This optimised build fits in 2 MiB, so each
//! case also runs on a 64 KiB stack, which aborts without the library's own
//! stacks (checked by hand) and passes with them.

mod common;

use common::{engine, files_with_extension};
use rayon::prelude::*;
use vanban::Document;

/// Every example document (the batch's district files are fragments).
fn examples() -> Vec<Document> {
    files_with_extension("examples", "yaml")
        .into_iter()
        .map(|p| Document::from_path(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

/// Renders `doc` every way the engine offers and checks each result is real.
fn render_every_way(doc: &Document) {
    let e = engine();
    let pdf = e.render_pdf(doc).unwrap();
    assert!(pdf.starts_with(b"%PDF") && pdf.len() > 10_000);
    let laid = e.render_layout(doc).unwrap();
    assert!(laid.page_count() >= 1);
    assert_eq!(e.export_pdf(doc, &laid, Default::default()).unwrap(), pdf);
    assert!(e.render_png(doc, 20.0).unwrap().starts_with(b"\x89PNG"));
    assert!(!laid.inspect().lines().is_empty());
}

/// The default stack of `std::thread::spawn`, tokio's workers and rayon's threads.
const DEFAULT_STACK: usize = 2 * 1024 * 1024;

/// Far below what Typst's layout needs.
const TINY_STACK: usize = 64 * 1024;

#[test]
fn every_example_renders_from_a_plain_thread() {
    let docs = std::sync::Arc::new(examples());
    assert!(docs.len() >= 8, "{} examples", docs.len());
    for stack in [DEFAULT_STACK, TINY_STACK] {
        let docs = docs.clone();
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || docs.iter().for_each(render_every_way))
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("rendering on a {stack}-byte stack"));
    }
}

#[test]
fn every_example_renders_from_a_rayon_pool() {
    let docs = examples();
    // rayon's global pool, as a plain `par_iter` uses it (2 MiB stacks).
    docs.par_iter().for_each(render_every_way);
    // A pool of the caller's, with tiny stacks.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .stack_size(TINY_STACK)
        .build()
        .unwrap();
    pool.install(|| docs.par_iter().for_each(render_every_way));
}

#[test]
fn every_example_renders_from_a_tokio_worker_thread() {
    for stack in [DEFAULT_STACK, TINY_STACK] {
        on_tokio_workers(stack);
    }
}

fn on_tokio_workers(stack: usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_stack_size(stack)
        .build()
        .unwrap();
    let docs = std::sync::Arc::new(examples());
    runtime.block_on(async move {
        let tasks: Vec<_> = (0..docs.len())
            .map(|i| {
                let docs = docs.clone();
                // On the worker itself, as a handler that calls the library directly would.
                tokio::spawn(async move { render_every_way(&docs[i]) })
            })
            .collect();
        for t in tasks {
            t.await.expect("rendering on a tokio worker");
        }
    });
}

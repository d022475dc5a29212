//! Where Typst runs: on threads whose stacks the library controls.
//!
//! Typst lays out nested content recursively and spreads page layout over
//! rayon's *current* pool. Called from a thread with the default 2 MiB stack
//! (a tokio or actix worker, `std::thread::spawn`, a default rayon pool) an
//! ordinary report overflows it and aborts the whole process. So every
//! compile runs inside the library's own pool, whose threads have large
//! stacks, and so does the parallel work Typst starts from there; a caller
//! already on that pool (a batch) runs inline.
//!
//! Measured (see the README): the hop onto the pool costs a few
//! microseconds against milliseconds of layout, and the stacks are only
//! reserved address space until used.

use std::sync::OnceLock;

/// The stack of every render thread. Typst's deepest layouts of real
/// documents need a few MiB; nesting is capped far below what 64 MiB holds.
pub(crate) const RENDER_STACK: usize = 64 * 1024 * 1024;

/// The library's render pool: one thread per core.
pub(crate) fn render_pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(RENDER_STACK)
            .thread_name(|i| format!("vanban-render-{i}"))
            .build()
            .expect("the render pool can be built")
    })
}

/// Runs `f` on a render thread (inline when already on one), with Typst's
/// parallel work on the same pool.
pub(crate) fn on_render_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    render_pool().install(f)
}

/// Runs `f` on the calling thread with at least `RENDER_STACK` of stack
/// available (a fresh segment when the caller's is small). For work that
/// must stay on its thread, such as PDF export on the batch's one exporter.
pub(crate) fn with_large_stack<T>(f: impl FnOnce() -> T) -> T {
    // Enough left: run as is. Otherwise run on a fresh segment.
    stacker::maybe_grow(RENDER_STACK / 2, RENDER_STACK, f)
}

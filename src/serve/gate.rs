//! Back-pressure: a fixed number of render slots and a short, bounded queue
//! in front of them. A request that finds the queue full is told to come
//! back (`503`), never parked without end.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The render slots and the queue.
pub(super) struct Gate {
    slots: Arc<Semaphore>,
    size: usize,
    waiting: AtomicUsize,
    max_queue: usize,
}

/// A render slot, held until dropped (by the render's own thread, so that a
/// request whose client gave up still counts while its render runs).
pub(super) type Slot = OwnedSemaphorePermit;

/// The queue is full.
pub(super) struct Full;

impl Gate {
    pub(super) fn new(size: usize, max_queue: usize) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(size)),
            size,
            waiting: AtomicUsize::new(0),
            max_queue,
        }
    }

    /// A slot now, or after waiting in the queue if there is room in it.
    pub(super) async fn enter(&self) -> Result<Slot, Full> {
        if let Ok(slot) = self.slots.clone().try_acquire_owned() {
            return Ok(slot);
        }
        let place = Waiting::join(&self.waiting);
        if place.ahead >= self.max_queue {
            return Err(Full);
        }
        self.slots.clone().acquire_owned().await.map_err(|_| Full)
    }

    /// Renders running now.
    pub(super) fn inflight(&self) -> usize {
        self.size - self.slots.available_permits()
    }

    /// Requests waiting for a slot now.
    pub(super) fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Relaxed)
    }
}

/// A place in the queue, left when dropped (a request that times out while
/// waiting leaves too).
struct Waiting<'a> {
    count: &'a AtomicUsize,
    ahead: usize,
}

impl<'a> Waiting<'a> {
    fn join(count: &'a AtomicUsize) -> Self {
        let ahead = count.fetch_add(1, Ordering::SeqCst);
        Self { count, ahead }
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn beyond_the_slots_and_the_queue_a_request_is_refused() {
        let gate = Arc::new(Gate::new(1, 1));
        let first = gate.enter().await.ok().expect("a free slot");
        assert_eq!(gate.inflight(), 1);
        let waiter = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.enter().await.is_ok() })
        };
        while gate.waiting() == 0 {
            tokio::task::yield_now().await;
        }
        assert!(gate.enter().await.is_err(), "the queue holds one");
        drop(first);
        assert!(waiter.await.unwrap(), "the waiting request gets the slot");
        assert_eq!(gate.waiting(), 0);
    }
}

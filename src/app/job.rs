//! The one background-job type behind both runs (the connector check and the 5.7.64 diagnosis):
//! a task on the app's runtime with a run id, a cancellation token and its `JoinHandle`, progress
//! events and the outcome coming back over the job's own channel, drained with `try_recv` each
//! frame (the pattern of rerun's viewer and egui's `http_app`).
//!
//! Each run gets a fresh channel, dropped with the job: once a run is stopped or replaced,
//! nothing it still sends can reach the next one.

use std::future::Future;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use eframe::egui;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::background::Background;

/// What the task sends back.
enum Update<E, O> {
    Progress(E),
    Done(O),
}

/// The task's side: reports progress and wakes the window.
pub struct Reporter<E, O> {
    tx: Sender<Update<E, O>>,
    ctx: egui::Context,
}

impl<E, O> Reporter<E, O> {
    pub fn progress(&self, event: E) {
        let _ = self.tx.send(Update::Progress(event));
        self.ctx.request_repaint();
    }
}

/// How a job ended.
pub enum Ended<O> {
    Done(O),
    /// The task is gone without an outcome: it panicked.
    Vanished,
}

/// A run in flight.
pub struct Job<E, O> {
    id: u64,
    started: Instant,
    cancel: CancellationToken,
    task: JoinHandle<()>,
    rx: Receiver<Update<E, O>>,
}

impl<E, O> Job<E, O> {
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Stops the task at once: the token for a clean stop, the abort in case it does not listen.
    fn stop(&self) {
        self.cancel.cancel();
        self.task.abort();
    }
}

/// The current run of one kind, and the ids of the next ones.
pub struct JobSlot<E, O> {
    next_id: u64,
    current: Option<Job<E, O>>,
}

impl<E, O> Default for JobSlot<E, O> {
    fn default() -> Self {
        JobSlot {
            next_id: 1,
            current: None,
        }
    }
}

impl<E: Send + 'static, O: Send + 'static> JobSlot<E, O> {
    /// Stops the run still going, if any, and spawns `work` on the runtime. `work` gets the
    /// reporter for its progress and the token that asks it to stop; its result is the outcome.
    pub fn start<W, F>(&mut self, bg: &Background, work: W) -> u64
    where
        W: FnOnce(Reporter<E, O>, CancellationToken) -> F,
        F: Future<Output = O> + Send + 'static,
    {
        self.stop();
        let id = self.next_id;
        self.next_id += 1;
        let (tx, rx) = channel();
        let cancel = CancellationToken::new();
        let reporter = Reporter {
            tx: tx.clone(),
            ctx: bg.ctx().clone(),
        };
        let work = work(reporter, cancel.clone());
        let ctx = bg.ctx().clone();
        let task = bg.spawn(async move {
            let outcome = work.await;
            let _ = tx.send(Update::Done(outcome));
            ctx.request_repaint();
        });
        self.current = Some(Job {
            id,
            started: Instant::now(),
            cancel,
            task,
            rx,
        });
        id
    }

    /// Stops the current run; what it may still send goes nowhere. Whether one was running.
    pub fn stop(&mut self) -> bool {
        match self.current.take() {
            Some(job) => {
                job.stop();
                true
            }
            None => false,
        }
    }

    pub fn current(&self) -> Option<&Job<E, O>> {
        self.current.as_ref()
    }

    pub fn is_running(&self) -> bool {
        self.current.is_some()
    }

    /// Takes what the current run sent since the last frame: each progress event goes to
    /// `on_progress`; the outcome, once there is one, ends the run (returned with its run id).
    pub fn poll(&mut self, mut on_progress: impl FnMut(E)) -> Option<(u64, Ended<O>)> {
        let job = self.current.as_mut()?;
        // Read before draining: a task that finished has already sent its outcome, so a finished
        // task with nothing in the channel died without one.
        let finished = job.task.is_finished();
        loop {
            match job.rx.try_recv() {
                Ok(Update::Progress(event)) => on_progress(event),
                Ok(Update::Done(outcome)) => {
                    let id = job.id;
                    self.current = None;
                    return Some((id, Ended::Done(outcome)));
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        if finished {
            let id = job.id;
            self.current = None;
            return Some((id, Ended::Vanished));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    const LIMIT: Duration = Duration::from_secs(5);

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("test runtime")
    }

    fn background(rt: &tokio::runtime::Runtime) -> Background {
        let (tx, _rx) = channel();
        Background::new(rt.handle().clone(), tx, egui::Context::default())
    }

    /// Polls until the current run ends (a generous limit proves it does not hang).
    fn wait_for_end<E: Send + 'static, O: Send + 'static>(
        slot: &mut JobSlot<E, O>,
        mut on_progress: impl FnMut(E),
    ) -> (u64, Ended<O>) {
        let start = Instant::now();
        loop {
            if let Some(end) = slot.poll(&mut on_progress) {
                return end;
            }
            assert!(start.elapsed() < LIMIT, "the run did not end");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_replaced_run_sends_nothing_to_the_next_one() {
        let rt = runtime();
        let bg = background(&rt);
        let mut slot: JobSlot<&'static str, &'static str> = JobSlot::default();
        // The old run hands its reporter to a thread that outlives the task, as the log reader's
        // blocking thread does; it reports after the new run has started.
        let (go_tx, go_rx) = channel::<()>();
        let (sent_tx, sent_rx) = channel::<()>();
        let first = slot.start(&bg, move |reporter, _cancel| {
            std::thread::spawn(move || {
                let _ = go_rx.recv();
                reporter.progress("from the old run");
                let _ = sent_tx.send(());
            });
            std::future::pending::<&'static str>()
        });
        let second = slot.start(&bg, |reporter, _cancel| async move {
            reporter.progress("from the new run");
            "new run done"
        });
        assert_ne!(first, second);
        go_tx.send(()).expect("old thread waiting");
        sent_rx.recv_timeout(LIMIT).expect("old thread reported");
        let mut seen = Vec::new();
        let (id, end) = wait_for_end(&mut slot, |event| seen.push(event));
        assert_eq!(id, second);
        assert!(matches!(end, Ended::Done("new run done")));
        assert_eq!(seen, vec!["from the new run"]);
    }

    #[test]
    fn a_run_that_panics_is_reported_as_vanished() {
        let rt = runtime();
        let bg = background(&rt);
        let mut slot: JobSlot<(), u8> = JobSlot::default();
        slot.start(&bg, |_reporter, _cancel| async {
            panic!("engine bug");
        });
        let (_, end) = wait_for_end(&mut slot, |()| {});
        assert!(matches!(end, Ended::Vanished));
        assert!(!slot.is_running());
    }

    #[test]
    fn stop_cancels_the_token_and_forgets_the_run() {
        let rt = runtime();
        let bg = background(&rt);
        let mut slot: JobSlot<(), ()> = JobSlot::default();
        let (token_tx, token_rx) = channel();
        slot.start(&bg, move |_reporter, cancel| {
            let _ = token_tx.send(cancel.clone());
            std::future::pending::<()>()
        });
        let token = token_rx.recv_timeout(LIMIT).expect("token");
        assert!(slot.stop());
        assert!(token.is_cancelled());
        assert!(!slot.is_running());
        assert!(slot.poll(|()| {}).is_none());
        assert!(!slot.stop(), "nothing left to stop");
    }
}

//! How work leaves the UI thread and comes back: the runtime the app was given, the channel its
//! messages come back on, and the egui context that wakes the window when one arrives.

use std::future::Future;
use std::sync::mpsc::Sender;

use eframe::egui;
use tokio::runtime::Handle;
use tokio::task::JoinHandle;

use super::msg::UiMsg;

/// Cheap to clone and `Send`: a task takes its own copy to answer with.
#[derive(Clone)]
pub struct Background {
    runtime: Handle,
    tx: Sender<UiMsg>,
    ctx: egui::Context,
    /// Whether file dialogs are tried (off in tests: the wizard's own path field instead).
    file_dialogs: bool,
}

impl Background {
    pub fn new(runtime: Handle, tx: Sender<UiMsg>, ctx: egui::Context) -> Background {
        Background {
            runtime,
            tx,
            ctx,
            file_dialogs: true,
        }
    }

    /// Never opens a file dialog: the path field inside the wizard instead (tests).
    pub fn without_file_dialogs(mut self) -> Background {
        self.file_dialogs = false;
        self
    }

    pub fn file_dialogs(&self) -> bool {
        self.file_dialogs
    }

    pub fn runtime(&self) -> &Handle {
        &self.runtime
    }

    pub fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// Hands `msg` to the UI thread and wakes it (from any thread). A closed window has dropped
    /// the receiver: the message has nobody to go to, which is fine.
    pub fn send(&self, msg: impl Into<UiMsg>) {
        let _ = self.tx.send(msg.into());
        self.ctx.request_repaint();
    }

    pub fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) -> JoinHandle<()> {
        self.runtime.spawn(work)
    }

    /// Disk work: on the runtime's blocking threads, never on the UI thread.
    pub fn spawn_blocking(&self, work: impl FnOnce() + Send + 'static) {
        self.runtime.spawn_blocking(work);
    }
}

//! What the app tells the user: the notice on show (a result, a problem) and the live region's
//! last sentence. A narrow context for the views that show or post them.

use leptos::prelude::*;

/// How a notice should look and be announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something worked; announced politely.
    Info,
    /// Something failed; announced at once.
    Error,
}

/// A message for the user, with optional detail lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Info or error.
    pub tone: Tone,
    /// The main sentence.
    pub title: String,
    /// Detail lines (for example each problem in a file).
    pub details: Vec<String>,
}

/// The notice on show and the last announcement. `Copy`.
#[derive(Clone, Copy)]
pub struct Notices {
    notice: RwSignal<Option<Notice>>,
    announcement: RwSignal<String>,
}

impl Notices {
    pub(crate) fn new() -> Self {
        Self {
            notice: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
        }
    }

    /// The notice on show (tracked).
    pub fn notice(&self) -> Option<Notice> {
        self.notice.get()
    }

    /// Shows a notice with detail lines.
    pub fn show(&self, tone: Tone, title: impl Into<String>, details: Vec<String>) {
        self.notice.set(Some(Notice {
            tone,
            title: title.into(),
            details,
        }));
    }

    /// Shows a one-line notice.
    pub fn notify(&self, tone: Tone, title: impl Into<String>) {
        self.show(tone, title, Vec::new());
    }

    /// Hides the notice.
    pub fn dismiss(&self) {
        self.notice.set(None);
    }

    /// The last move or placement in words, e.g. "Dana Ortiz moved to influence 70,
    /// skepticism 60: Win over" (tracked; read by the live region).
    pub fn announcement(&self) -> String {
        self.announcement.get()
    }

    /// True while an error notice is on show (untracked).
    pub(crate) fn showing_error(&self) -> bool {
        self.notice
            .with_untracked(|n| n.as_ref().is_some_and(|n| n.tone == Tone::Error))
    }

    /// Puts a sentence into the live region.
    pub(crate) fn announce(&self, words: String) {
        self.announcement.set(words);
    }
}

/// The notices provided by the nearest `Store::provide`.
pub fn use_notices() -> Notices {
    // Every component is mounted under `App`, which provides it before rendering them.
    use_context::<Notices>().unwrap_or_else(|| {
        panic!("Store::provide must run before components that use notices are rendered")
    })
}

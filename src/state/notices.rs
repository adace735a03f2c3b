//! What the app tells the user: the notice on show (a result, a problem) and the live region's
//! last sentence. A narrow context for the views that show or post them.
//!
//! An action that is done (an action planned, a contact logged, a file opened or saved) is
//! [`Notices::confirm`]ed: its sentence is shown and also put into the live region, which is
//! always on the page, so a screen reader hears it (a notice's own banner is drawn anew for
//! each notice, and a live region that appears with its text already in it is often not read).

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

/// Added to a sentence said again word for word, every other time: a live region reads only
/// what changed, so the same sentence twice would otherwise be heard once. A no-break space is
/// not read out, and a visible reader ignores it.
const SAID_AGAIN: char = '\u{a0}';

/// The notice on show and the last announcement. `Copy`.
#[derive(Clone, Copy)]
pub struct Notices {
    notice: RwSignal<Option<Notice>>,
    /// How many notices have been shown, so a view can tell those shown since it opened.
    posted: RwSignal<u64>,
    announcement: RwSignal<String>,
}

impl Notices {
    pub(crate) fn new() -> Self {
        Self {
            notice: RwSignal::new(None),
            posted: RwSignal::new(0),
            announcement: RwSignal::new(String::new()),
        }
    }

    /// The notice on show (tracked).
    pub fn notice(&self) -> Option<Notice> {
        self.notice.get()
    }

    /// How many notices have been shown so far (tracked): a dialog, which makes the page behind
    /// it inert, says in itself the notices shown since it opened.
    pub fn posted(&self) -> u64 {
        self.posted.get()
    }

    /// How many notices have been shown so far, not tracked; `None` once the page is gone.
    pub fn posted_untracked(&self) -> Option<u64> {
        self.posted.try_get_untracked()
    }

    /// Shows a notice with detail lines.
    pub fn show(&self, tone: Tone, title: impl Into<String>, details: Vec<String>) {
        self.notice.set(Some(Notice {
            tone,
            title: title.into(),
            details,
        }));
        self.posted.update(|n| *n += 1);
    }

    /// Shows a one-line notice.
    pub fn notify(&self, tone: Tone, title: impl Into<String>) {
        self.show(tone, title, Vec::new());
    }

    /// Says that an action is done: shows `title` and puts it into the live region.
    pub fn confirm(&self, title: impl Into<String>) {
        self.confirm_with(title, Vec::new());
    }

    /// [`confirm`](Self::confirm) with detail lines, which are shown but not read out.
    pub fn confirm_with(&self, title: impl Into<String>, details: Vec<String>) {
        let title = title.into();
        self.announce(title.clone());
        self.show(Tone::Info, title, details);
    }

    /// Hides the notice.
    pub fn dismiss(&self) {
        self.notice.set(None);
    }

    /// The last move, placement or confirmation in words, e.g. "Dana Ortiz moved to influence
    /// 70, skepticism 60: Win over" (tracked; read by the live region). A sentence said twice in
    /// a row ends in a no-break space the second time, so the region changes and is read again.
    pub fn announcement(&self) -> String {
        self.announcement.get()
    }

    /// True while an error notice is on show (untracked).
    pub(crate) fn showing_error(&self) -> bool {
        self.notice
            .with_untracked(|n| n.as_ref().is_some_and(|n| n.tone == Tone::Error))
    }

    /// Puts a sentence into the live region (see [`SAID_AGAIN`]).
    pub(crate) fn announce(&self, mut words: String) {
        self.announcement.update(|said| {
            if said.as_str() == words {
                words.push(SAID_AGAIN);
            }
            *said = words;
        });
    }
}

/// The notices provided by the nearest `Store::provide`.
pub fn use_notices() -> Notices {
    // Every component is mounted under `App`, which provides it before rendering them.
    use_context::<Notices>().unwrap_or_else(|| {
        panic!("Store::provide must run before components that use notices are rendered")
    })
}

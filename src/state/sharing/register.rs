//! Bringing in a register: the app's side of the conversation with the register session in
//! the sheets worker ([`RegisterEngine`]). The session reads the file, guesses the mapping,
//! draws the preview and brings the rows in; the app shows the preview, sends each choice the
//! user makes, and on confirmation applies the map it gets back as one undoable step (a patch
//! of the open map, or a new map), remembers the mapping and fills the quick-add tray.

use super::super::notices::Tone;
use super::Sharing;
use crate::format::register::{Act, Done, Reply, Request};
use crate::format::{self, ImportError};
use crate::model::{MapPatch, Op, TrayPerson};
use leptos::prelude::*;

/// The setting that keeps the mappings remembered per header set.
pub const MAPPINGS_SETTING: &str = "register-mappings";

/// Who hears the session's answer to one request.
pub type Answer = Box<dyn FnOnce(Reply)>;

/// The register session, wherever it runs: `send` hands one request (with the file's bytes for
/// an open) and calls back with the answer, later; `close` ends the session.
#[derive(Clone, Copy)]
pub struct RegisterEngine {
    /// Sends a request; the callback gets the answer (none for a choice with nothing open).
    pub send: fn(Request, Option<Vec<u8>>, Answer),
    /// Ends the session and frees what it holds.
    pub close: fn(),
}

/// The preview on show.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterView {
    /// The file under review.
    pub file_name: String,
    /// The preview's body, as the session drew it (text from the file escaped).
    pub html: String,
    /// How many people the confirm button brings in.
    pub coming: usize,
    /// False while the preview cannot be confirmed (no name column, nobody to bring in).
    pub can_confirm: bool,
}

impl Sharing {
    /// Uses `engine` for spreadsheets.
    pub fn with_registers(mut self, engine: RegisterEngine) -> Self {
        self.engine = Some(engine);
        self
    }

    /// Sends `request` and hands the answer to `then`, unless the review was cancelled (or
    /// another file opened) meanwhile.
    fn ask(
        &self,
        request: Request,
        bytes: Option<Vec<u8>>,
        then: impl FnOnce(Sharing, Reply) + 'static,
    ) {
        let Some(engine) = self.engine else {
            return;
        };
        let this = *self;
        let round = self.round_no.get_value();
        (engine.send)(
            request,
            bytes,
            Box::new(move |reply| {
                if this.round_no.get_value() == round {
                    then(this, reply);
                }
            }),
        );
    }

    /// Reads a spreadsheet (CSV, Excel or OpenDocument) for review. `into_current`
    /// preselects bringing it into the open map.
    pub fn open_register(&self, file_name: &str, bytes: &[u8], into_current: bool) {
        if self.engine.is_none() {
            let e = ImportError::WorkbookUnreadable {
                detail: "spreadsheets cannot be read here".into(),
            };
            self.store.reject_file(file_name, &e);
            return;
        }
        self.round_no.update_value(|n| *n += 1);
        let now = self.store.now();
        let map = self
            .store
            .with_current_untracked(|m| format::to_json(m, now));
        self.base.set_value(map.clone());
        self.register.set(None);
        self.reading.set(Some(file_name.to_owned()));
        let request = Request::Open {
            file_name: file_name.to_owned(),
            into_current,
            map,
            memory: self.store.setting(MAPPINGS_SETTING),
            now: now.unix_millis(),
        };
        self.ask(request, Some(bytes.to_vec()), |this, reply| {
            this.hear(reply)
        });
    }

    /// Takes in the session's answer.
    fn hear(&self, reply: Reply) {
        self.reading.set(None);
        self.bringing_in.set(false);
        match reply {
            Reply::Review {
                file_name,
                html,
                coming,
                can_confirm,
            } => self.register.set(Some(RegisterView {
                file_name,
                html,
                coming,
                can_confirm,
            })),
            Reply::Refused { file_name, lines } => {
                self.end_register();
                self.store.reject_file_saying(&file_name, lines);
            }
            Reply::Done(done) => self.bring_in(done),
        }
    }

    /// The name of a file the session is reading, before its preview is ready (tracked).
    pub fn reading_workbook(&self) -> Option<String> {
        self.reading.get()
    }

    /// True while a confirmed register is being brought in (tracked).
    pub fn bringing_in(&self) -> bool {
        self.bringing_in.get()
    }

    /// The preview on show (tracked).
    pub fn register_review(&self) -> Option<RegisterView> {
        self.register.get()
    }

    /// Sends a choice made in the preview; the preview is redrawn when the answer comes.
    pub fn register_act(&self, act: Act) {
        if self.register.with_untracked(Option::is_some) {
            self.ask(Request::Act(act), None, |this, reply| this.hear(reply));
        }
    }

    /// People waiting to go into the open map's quick-add tray, taken once (tracked).
    pub fn take_tray_people(&self) -> Vec<TrayPerson> {
        let people = self.tray_people.get();
        if !people.is_empty() {
            self.tray_people.set(Vec::new());
        }
        people
    }

    /// Ends the review; nothing changes.
    pub fn cancel_register(&self) {
        self.end_register();
    }

    fn end_register(&self) {
        self.round_no.update_value(|n| *n += 1);
        self.bringing_in.set(false);
        self.register.set(None);
        self.reading.set(None);
        if let Some(engine) = self.engine {
            (engine.close)();
        }
    }

    /// Brings the rows in as previewed: one undoable step.
    pub fn confirm_register(&self) {
        if !self
            .register
            .with_untracked(|r| r.as_ref().is_some_and(|r| r.can_confirm))
        {
            return;
        }
        if self.bringing_in.get_untracked() {
            return;
        }
        self.bringing_in.set(true);
        let request = Request::Confirm {
            seed: format!("{:032x}", self.store.new_uuid().as_u128()),
            now: self.store.now().unix_millis(),
        };
        self.ask(request, None, |this, reply| this.hear(reply));
    }

    /// Applies what the session brought in: a patch of the open map (by the same reading of
    /// the same file on both sides, so only what the import changed is in it), or a new map.
    fn bring_in(&self, done: Done) {
        let base = self.base.get_value();
        self.end_register();
        let now = self.store.now();
        let filled = match format::read_text(&done.map, now) {
            Ok(read) => read.map,
            Err(e) => {
                self.store
                    .reject_file_saying("the spreadsheet", vec![e.headline()]);
                return;
            }
        };
        let ok = match base
            .filter(|_| done.into_current)
            .and_then(|b| format::read_text(&b, now).ok())
        {
            Some(base) => self
                .store
                .dispatch(Op::MergeMap(MapPatch::between(&base.map, &filled))),
            None => self.store.open_as_new_map(filled, Vec::new()),
        };
        if !ok {
            return;
        }
        self.store.set_setting(MAPPINGS_SETTING, Some(&done.memory));
        self.store
            .notices()
            .show(Tone::Info, done.title, done.details);
        self.tray_people.set(done.to_tray);
    }
}

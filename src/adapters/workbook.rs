//! Excel and OpenDocument workbooks, read by the sheets worker: a web worker of its own
//! (`sheets/`, the `stakemap-sheets` binary, built by Trunk beside the app), started only when
//! a workbook is opened, so the app's own download does not carry the reader and reading a
//! large file does not hold up the page.
//!
//! The conversation is the core's contract ([`WorkbookReply`]): the worker says
//! [`WorkbookReply::WORKER_READY`], the file's bytes are handed over (transferred, not copied),
//! and the worker answers with the reply as JSON. The worker is stopped after one file.

use crate::format::register::{Workbook, WorkbookProblem, WorkbookReply};
use js_sys::{Array, Function, Promise, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's script as Trunk writes it beside `index.html` (its loader shim, a module that
/// starts the worker's WebAssembly). Relative, so the app works under any sub-path.
pub const WORKER_SCRIPT: &str = "./stakemap-sheets_loader.js";

const NOT_STARTED: &str = "the spreadsheet reader could not start; reload the page and try again";
const STOPPED: &str = "the spreadsheet reader stopped on this file; it may be damaged";
const GARBLED: &str = "the spreadsheet reader's answer could not be understood; reload the \
     page and try again";

fn unreadable(detail: impl Into<String>) -> WorkbookProblem {
    WorkbookProblem::Unreadable {
        detail: detail.into(),
    }
}

/// Reads a workbook's sheets (an .xlsx, .xlsm, .xlsb, .xls or .ods file's bytes) in the sheets
/// worker: every sheet's non-empty rows as text, or why the file cannot be read. A worker that
/// cannot start or stops on the file is `Unreadable`, in plain words.
///
/// The worker is started here and stopped once it has answered, or when the returned future is
/// dropped (a cancelled import), so nothing keeps running after it.
pub async fn read_workbook(bytes: Vec<u8>) -> Result<Workbook, WorkbookProblem> {
    let options = WorkerOptions::new();
    // A module worker: Trunk's loader imports the worker's bindings beside it.
    options.set_type(WorkerType::Module);
    let worker =
        Worker::new_with_options(WORKER_SCRIPT, &options).map_err(|_| unreadable(NOT_STARTED))?;
    let file = Uint8Array::from(bytes.as_slice());
    drop(bytes);
    let conversation = Conversation::start(worker, file)?;
    let answer = JsFuture::from(conversation.answer.clone()).await;
    drop(conversation);
    match answer {
        Ok(json) => match json.as_string().map(|j| serde_json::from_str(&j)) {
            Some(Ok(WorkbookReply::Read(book))) => Ok(book),
            Some(Ok(WorkbookReply::Failed(problem))) => Err(problem),
            Some(Err(_)) | None => Err(unreadable(GARBLED)),
        },
        Err(why) => Err(unreadable(
            why.as_string().unwrap_or_else(|| STOPPED.into()),
        )),
    }
}

/// One file's conversation with a worker. `answer` resolves with the worker's reply (its JSON)
/// or rejects with what went wrong, in words. Dropping it stops the worker.
struct Conversation {
    worker: Worker,
    answer: Promise,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Conversation {
    fn start(worker: Worker, file: Uint8Array) -> Result<Self, WorkbookProblem> {
        let mut settle: Option<(Function, Function)> = None;
        // The executor runs at once, inside `Promise::new`.
        let answer = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
        let Some((resolve, reject)) = settle else {
            worker.terminate();
            return Err(unreadable(NOT_STARTED));
        };
        let started = Rc::new(Cell::new(false));
        let file = RefCell::new(Some(file));

        let on_message = {
            let (worker, started, reject) = (worker.clone(), started.clone(), reject.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if data.as_string().as_deref() != Some(WorkbookReply::WORKER_READY) {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                    return;
                }
                started.set(true);
                let Some(file) = file.borrow_mut().take() else {
                    return;
                };
                // Handed over, not copied: the page keeps no second copy of the file.
                let buffer = file.buffer();
                if worker
                    .post_message_with_transfer(&buffer, &Array::of1(&buffer))
                    .is_err()
                {
                    let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(NOT_STARTED));
                }
            })
        };
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            // Answered here: not reported again as an error of the page.
            event.prevent_default();
            let why = if started.get() { STOPPED } else { NOT_STARTED };
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(why));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Conversation {
            worker,
            answer,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}

impl Drop for Conversation {
    fn drop(&mut self) {
        // Before the listeners go: nothing may call them once they are dropped.
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

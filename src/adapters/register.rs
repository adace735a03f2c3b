//! The register session in the sheets worker: a web worker of its own (`sheets/`, the
//! `stakemap-sheets` binary, built by Trunk beside the app), started when the first spreadsheet
//! is opened and stopped when its review ends, so the app's own download carries neither the
//! workbook reader nor the register's guessing, and reading a large file does not hold up the
//! page.
//!
//! The conversation: the worker says [`WorkbookReply::WORKER_READY`]; each request then goes
//! as `[request JSON]` or `[request JSON, file bytes]` (the bytes handed over, not copied), and
//! the worker answers each in order with a [`Reply`] as JSON, or `none` when there was nothing
//! to answer. Requests made before the worker is ready wait for it.

use crate::format::register::{Reply, Request, WorkbookReply};
use js_sys::{Array, Uint8Array};
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's script as Trunk writes it beside `index.html` (its loader shim, a module that
/// starts the worker's WebAssembly). Relative, so the app works under any sub-path.
pub const WORKER_SCRIPT: &str = "./stakemap-sheets_loader.js";

/// What the worker answers when a request had nothing to answer.
pub const NO_ANSWER: &str = "none";

const NOT_STARTED: &str = "The spreadsheet reader could not start. Reload the page and try again.";
const STOPPED: &str = "The spreadsheet reader stopped on this file; it may be damaged. Try \
     saving it again from your spreadsheet program, or as CSV.";
const GARBLED: &str =
    "The spreadsheet reader's answer could not be understood. Reload the page and try again.";

type Answer = Box<dyn FnOnce(Reply)>;

/// The running worker, what waits to be sent to it and who waits for its answers.
struct Client {
    worker: Worker,
    ready: bool,
    outbox: Vec<Array>,
    waiting: VecDeque<Answer>,
    /// The file under review, to name in a refusal.
    file_name: String,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

fn refusal(file_name: &str, why: &str) -> Reply {
    Reply::Refused {
        file_name: file_name.to_owned(),
        lines: vec![why.to_owned()],
    }
}

/// Stops the worker. Dropped a moment later, not now: this may run inside one of its own
/// listeners, which must not be dropped while running.
fn stop(client: Client) {
    client.worker.set_onmessage(None);
    client.worker.set_onerror(None);
    client.worker.terminate();
    wasm_bindgen_futures::spawn_local(async move { drop(client) });
}

fn heard(event: MessageEvent) {
    let text = event.data().as_string().unwrap_or_default();
    let answer = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let client = c.as_mut()?;
        if text == WorkbookReply::WORKER_READY {
            client.ready = true;
            for message in client.outbox.drain(..) {
                post(&client.worker, &message);
            }
            return None;
        }
        let reply = match text.as_str() {
            NO_ANSWER => None,
            json => Some(
                serde_json::from_str::<Reply>(json)
                    .unwrap_or_else(|_| refusal(&client.file_name, GARBLED)),
            ),
        };
        Some((client.waiting.pop_front()?, reply))
    });
    // Answered outside the borrow: the answer may send again, or end the session.
    if let Some((answer, Some(reply))) = answer {
        answer(reply);
    }
}

fn failed(event: Event) {
    // Answered here: not reported again as an error of the page.
    event.prevent_default();
    let Some(client) = CLIENT.with(|c| c.borrow_mut().take()) else {
        return;
    };
    let why = if client.ready { STOPPED } else { NOT_STARTED };
    let file_name = client.file_name.clone();
    let mut client = client;
    let answers: Vec<Answer> = client.waiting.drain(..).collect();
    stop(client);
    for answer in answers {
        answer(refusal(&file_name, why));
    }
}

fn post(worker: &Worker, message: &Array) {
    // A file's bytes are handed over rather than copied.
    let transfer = Array::new();
    if let Some(bytes) = message.get(1).dyn_ref::<Uint8Array>() {
        transfer.push(&bytes.buffer());
    }
    let _ = worker.post_message_with_transfer(message, &transfer);
}

fn start() -> Option<Client> {
    let options = WorkerOptions::new();
    // A module worker: Trunk's loader imports the worker's bindings beside it.
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(WORKER_SCRIPT, &options).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(heard);
    let on_error = Closure::<dyn FnMut(Event)>::new(failed);
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Client {
        worker,
        ready: false,
        outbox: Vec::new(),
        waiting: VecDeque::new(),
        file_name: String::new(),
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Sends one request to the register session, starting the worker if it is not running;
/// `answer` gets its reply. A worker that cannot start, or stops, is answered with a refusal in
/// plain words.
pub fn send(request: Request, bytes: Option<Vec<u8>>, answer: Answer) {
    let file_name = match &request {
        Request::Open { file_name, .. } => Some(file_name.clone()),
        _ => None,
    };
    let json = serde_json::to_string(&request).unwrap_or_default();
    let message = Array::of1(&JsValue::from_str(&json));
    if let Some(bytes) = bytes {
        message.push(&Uint8Array::from(bytes.as_slice()));
    }
    let refused = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = start();
        }
        let Some(client) = c.as_mut() else {
            return Some(answer);
        };
        if let Some(name) = file_name.clone() {
            client.file_name = name;
        }
        client.waiting.push_back(answer);
        if client.ready {
            post(&client.worker, &message);
        } else {
            client.outbox.push(message);
        }
        None
    });
    if let Some(answer) = refused {
        answer(refusal(
            file_name.as_deref().unwrap_or("The spreadsheet"),
            NOT_STARTED,
        ));
    }
}

/// Ends the session: the worker stops, and answers still on their way are dropped.
pub fn close() {
    if let Some(client) = CLIENT.with(|c| c.borrow_mut().take()) {
        stop(client);
    }
}

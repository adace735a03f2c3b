//! The sheets worker: a dedicated web worker holding the register session.
//!
//! Once started it posts [`WorkbookReply::WORKER_READY`]. Then each message is an array: a
//! [`Request`] as JSON, and for an open the file's bytes. Each is answered in order with the
//! session's [`Reply`] as JSON, or `none` when there is nothing to answer. It talks to nothing
//! but the page that started it. Built by Trunk from `index.html` (`data-type="worker"`), for
//! wasm32 only: elsewhere `main` does nothing.
//!
//! [`WorkbookReply::WORKER_READY`]: stakemap_core::format::register::WorkbookReply::WORKER_READY
//! [`Request`]: stakemap_core::format::register::Request
//! [`Reply`]: stakemap_core::format::register::Reply

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, ArrayBuffer, Uint8Array};
    use stakemap_core::format::register::{Reply, Request, Session, WorkbookReply};
    use std::cell::RefCell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        static SESSION: RefCell<Session> = RefCell::new(Session::default());
    }

    /// The file's bytes in a message part, if it holds any.
    fn bytes_of(data: &JsValue) -> Option<Vec<u8>> {
        if let Some(buffer) = data.dyn_ref::<ArrayBuffer>() {
            Some(Uint8Array::new(buffer).to_vec())
        } else {
            data.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
        }
    }

    /// The answer to one message, as the text to post.
    fn answer(data: &JsValue) -> String {
        let parts = Array::from(data);
        let request = parts
            .get(0)
            .as_string()
            .and_then(|json| serde_json::from_str::<Request>(&json).ok());
        let Some(request) = request else {
            return reply_json(&Reply::Refused {
                file_name: String::new(),
                lines: vec![
                    "The spreadsheet reader was sent something it does not understand. \
                             Reload the page and try again."
                        .into(),
                ],
            });
        };
        let bytes = bytes_of(&parts.get(1));
        SESSION
            .with(|s| {
                s.borrow_mut()
                    .handle(request, bytes.as_deref(), &stakemap_sheets::read_workbook)
            })
            .map_or_else(|| "none".to_owned(), |r| reply_json(&r))
    }

    /// The reply as JSON. The reply's types always serialize; should that ever change, the app
    /// still hears that the file could not be read.
    fn reply_json(reply: &Reply) -> String {
        serde_json::to_string(reply).unwrap_or_else(|_| {
            r#"{"reply":"refused","file_name":"","lines":["The spreadsheet reader could not write its answer."]}"#
                .to_owned()
        })
    }

    /// Listens for requests, then says it is ready.
    pub fn start() {
        // Loaded anywhere but a dedicated worker, it has nothing to do.
        let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
            return;
        };
        let replier = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = answer(&event.data());
            // Posting a string cannot fail (it is always cloneable); nothing to do if it did.
            let _ = replier.post_message(&JsValue::from_str(&text));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The listener lives as long as the worker.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str(WorkbookReply::WORKER_READY));
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

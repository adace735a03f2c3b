//! The sheets worker: a dedicated web worker that reads the workbooks the app sends it.
//!
//! Once started it posts [`WorkbookReply::WORKER_READY`]. Then, for each message holding a
//! file's bytes (an `ArrayBuffer` or a `Uint8Array`), it posts back the [`WorkbookReply`] as a
//! JSON string. It keeps nothing between files and talks to nothing but the page that started
//! it. Built by Trunk from `index.html` (`data-type="worker"`), for wasm32 only: elsewhere
//! `main` does nothing.
//!
//! [`WorkbookReply`]: stakemap_core::format::register::WorkbookReply
//! [`WorkbookReply::WORKER_READY`]: stakemap_core::format::register::WorkbookReply::WORKER_READY

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{ArrayBuffer, Uint8Array};
    use stakemap_core::format::register::{WorkbookProblem, WorkbookReply};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// The file's bytes in a message, if it holds any.
    fn bytes_of(data: &JsValue) -> Option<Vec<u8>> {
        if let Some(buffer) = data.dyn_ref::<ArrayBuffer>() {
            Some(Uint8Array::new(buffer).to_vec())
        } else {
            data.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
        }
    }

    /// The reply as JSON. The reply's types always serialize; should that ever change, the app
    /// still hears that the file could not be read.
    fn json(reply: &WorkbookReply) -> String {
        serde_json::to_string(reply).unwrap_or_else(|_| {
            r#"{"failed":{"problem":"unreadable","detail":"the sheets worker could not write its answer"}}"#
                .to_owned()
        })
    }

    /// Listens for files, then says it is ready.
    pub fn start() {
        // Loaded anywhere but a dedicated worker, it has nothing to do.
        let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
            return;
        };
        let replier = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = match bytes_of(&event.data()) {
                Some(bytes) => stakemap_sheets::read_workbook(&bytes),
                None => WorkbookReply::Failed(WorkbookProblem::Unreadable {
                    detail: "the sheets worker was sent no file".to_owned(),
                }),
            };
            // Posting a string cannot fail (it is always cloneable); nothing to do if it did.
            let _ = replier.post_message(&JsValue::from_str(&json(&reply)));
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

//! The register session in the tests' own thread, answering at once: what the sheets worker
//! does in the browser, through the same `Session`.

use stakemap::format::register::Session;
use stakemap::state::RegisterEngine;
use std::cell::RefCell;

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
}

/// The engine: each request answered in this thread before `send` returns, workbooks read by
/// the sheets worker's own reader.
pub const IN_PROCESS: RegisterEngine = RegisterEngine {
    send: |request, bytes, reply| {
        let answer = SESSION.with(|s| {
            s.borrow_mut()
                .handle(request, bytes.as_deref(), &stakemap_sheets::read_workbook)
        });
        if let Some(answer) = answer {
            reply(answer);
        }
    },
    close: || SESSION.with(|s| *s.borrow_mut() = Session::default()),
};

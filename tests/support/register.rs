//! The register session in the tests' own thread, answering at once: what the sheets worker
//! does in the browser, through the same `Session`.

use stakemap::format::register::{Session, WorkbookProblem, WorkbookReply};
use stakemap::state::RegisterEngine;
use std::cell::RefCell;

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
}

fn no_workbooks(_: &[u8]) -> WorkbookReply {
    WorkbookReply::Failed(WorkbookProblem::Unreadable {
        detail: "the tests read CSV only".into(),
    })
}

/// The engine: each request answered in this thread before `send` returns.
pub const IN_PROCESS: RegisterEngine = RegisterEngine {
    send: |request, bytes, reply| {
        let answer = SESSION.with(|s| {
            s.borrow_mut()
                .handle(request, bytes.as_deref(), &no_workbooks)
        });
        if let Some(answer) = answer {
            reply(answer);
        }
    },
    close: || SESSION.with(|s| *s.borrow_mut() = Session::default()),
};

//! Damaged workbooks: every fixture cut short at many points, and with bytes changed, is read
//! or refused as unreadable; the reader never takes the process down (no abort, no hang).
//! Its own test binary, because it silences the panic messages of the damage calamine panics on.
#![cfg(not(target_arch = "wasm32"))]

use stakemap_core::format::register::{WorkbookProblem, WorkbookReply};
use stakemap_sheets::read_workbook;

const FIXTURES: [&str; 6] = [
    "register-two-sheets.xlsx",
    "register.ods",
    "register.xls",
    "protected.xlsx",
    "empty.xlsx",
    "not-a-workbook.xlsx",
];

fn fixture(name: &str) -> std::io::Result<Vec<u8>> {
    std::fs::read(format!(
        "{}/../tests/fixtures/sheets/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// True for any answer but a problem other than the ones a damaged file can give.
fn answered(reply: &WorkbookReply) -> bool {
    match reply {
        WorkbookReply::Read(_) => true,
        WorkbookReply::Failed(problem) => matches!(
            problem,
            WorkbookProblem::Unreadable { .. }
                | WorkbookProblem::Empty
                | WorkbookProblem::Protected
        ),
    }
}

#[test]
fn cut_short_or_changed_files_are_read_or_refused() -> Result<(), Box<dyn std::error::Error>> {
    // calamine's panics on damaged files are answered as unreadable; their messages are noise.
    std::panic::set_hook(Box::new(|_| {}));
    for name in FIXTURES {
        let bytes = fixture(name)?;
        let step = (bytes.len() / 60).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let reply = read_workbook(&bytes[..cut]);
            assert!(answered(&reply), "{name} cut at {cut}: {reply:?}");
            if cut > 0 {
                assert!(
                    matches!(reply, WorkbookReply::Failed(_)),
                    "{name} cut at {cut} still read"
                );
            }
        }
        for at in (0..bytes.len()).step_by(step) {
            let mut changed = bytes.clone();
            changed[at] ^= 0x5A;
            let reply = read_workbook(&changed);
            assert!(answered(&reply), "{name} changed at {at}: {reply:?}");
        }
    }
    let _ = std::panic::take_hook();
    Ok(())
}

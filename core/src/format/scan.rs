//! A cheap look at the shape of JSON text before it is parsed.
//!
//! Parsing into a `serde_json::Value` costs far more memory than the text: every number in a
//! list takes 32 bytes (24 in the browser), and every record (object) at least one node of a
//! B-tree, about 600 bytes, however small it is. A 64 MB file of tiny values
//! (`{"stakeholders":[0,0,0,…]}` or `[{"a":0},{"a":0},…]`) would take gigabytes and end the tab
//! before the reader could say anything. So the bytes are walked once first, counting values,
//! records and how deep lists and records nest (outside strings only), and a file beyond
//! [`MAX_JSON_VALUES`], [`MAX_JSON_RECORDS`] or [`MAX_JSON_DEPTH`] is refused in words. The walk
//! allocates nothing but a small stack of at most [`MAX_JSON_DEPTH`] entries.
//!
//! The caps are far above what a real map needs: the 5,000-stakeholder file the project is
//! measured with (29 MB indented, five actions, five contacts and ten points of history each)
//! holds 865,000 values in 105,000 records, nested 4 deep (5 with snapshots). At the caps, the
//! parsed value takes at most about 350 MB natively (less in the browser, where pointers are
//! half the size); see `cargo run --release --example import_memory`.
//!
//! The scan only counts; it does not check the syntax. Broken text is left for the parser to
//! describe with its line and column.

use super::ImportError;

/// The most values (numbers, texts, true/false/null, lists and records) a file may hold.
pub const MAX_JSON_VALUES: usize = 4_000_000;
/// The most records (JSON objects) a file may hold.
pub const MAX_JSON_RECORDS: usize = 500_000;
/// How deep lists and records may nest. A map needs 5 levels (a snapshot's entries); the rest
/// is room for fields other programs add.
pub const MAX_JSON_DEPTH: usize = 64;

/// What one reading may still take. A stored map is read from several parts; they share one
/// budget, so many parts cannot add up to more than one file may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Budget {
    values: usize,
    records: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            values: MAX_JSON_VALUES,
            records: MAX_JSON_RECORDS,
        }
    }
}

impl Budget {
    /// Counts the values and records in `text`, taking them from the budget; refuses text that
    /// needs more than is left, or nests deeper than [`MAX_JSON_DEPTH`].
    pub(crate) fn take(&mut self, text: &[u8]) -> Result<(), ImportError> {
        // For each open list or record: true for a list. A fixed array, so nothing grows.
        let mut open = [false; MAX_JSON_DEPTH];
        let mut depth = 0usize;
        let (mut in_string, mut escaped) = (false, false);
        // True where the next non-space byte begins a value: at the start, after `[`, after
        // `:`, and after `,` in a list (in a record, a `,` is followed by a key).
        let mut expect_value = true;
        for &b in text {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
                continue;
            }
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                continue;
            }
            if expect_value && b != b']' && b != b'}' {
                self.values = self
                    .values
                    .checked_sub(1)
                    .ok_or(ImportError::TooManyValues {
                        limit: MAX_JSON_VALUES,
                    })?;
            }
            expect_value = false;
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    if depth >= MAX_JSON_DEPTH {
                        return Err(ImportError::TooDeep {
                            limit: MAX_JSON_DEPTH,
                        });
                    }
                    open[depth] = b == b'[';
                    depth += 1;
                    if b == b'{' {
                        self.records =
                            self.records
                                .checked_sub(1)
                                .ok_or(ImportError::TooManyRecords {
                                    limit: MAX_JSON_RECORDS,
                                })?;
                    }
                    expect_value = b == b'[';
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b':' => expect_value = true,
                b',' => expect_value = depth > 0 && open[depth - 1],
                _ => {}
            }
        }
        Ok(())
    }
}

/// Checks the shape of one file's text against a fresh budget.
pub(crate) fn check_shape(text: &[u8]) -> Result<(), ImportError> {
    Budget::default().take(text)
}

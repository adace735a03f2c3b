//! The pure core: maps, stakeholders, quadrants, and every edit as an operation on the maps.
//!
//! Nothing in here touches the DOM, browser storage or the clock, so all of it runs under plain
//! `cargo test`. Components and browser adapters depend on this module, never the other way.

#[macro_use]
mod token;

mod action;
mod backup;
mod board;
mod cadence;
mod confirmations;
mod draft;
mod drawing;
mod evidence;
mod example;
mod fields;
mod history;
mod ids;
mod layout;
mod list;
mod map;
mod markup;
mod merge;
mod names;
mod network;
mod patch;
mod playbook;
mod plot;
mod redact;
mod relationship;
mod report;
mod stakeholder;
mod tie_drawing;
mod time;
mod touchpoint;
mod tray;
mod workshop;
mod workspace;

pub use action::{
    message_for, validate_action, Action, ActionFields, ActionStatus, DueGroup, FormError,
    MAX_ACTIONS, STATUSES, TACTICS,
};
pub use backup::{export_age_words, export_nudge, NUDGE_AFTER_DAYS};
pub use board::{due_for_contact, BoardGroup, BoardQuery, GroupBy, TacticFilter};
pub use cadence::{cadence_words, last_contact_words, ContactStatus, CADENCE_RANGE};
pub use confirmations::{contact_logged_words, imported_words, planned_words, plural, saved_words};
pub use draft::{Field, FieldError, StakeholderDraft};
pub use drawing::{
    draw_map, names_area, next_marker_that_way, short_label, short_name, target_view, Caption,
    ComparisonView, DrawSettings, Drawing, GhostView, MarkerView, RemovedView, TargetView,
    LABEL_MAX, TARGET_GAPS,
};
pub use evidence::{
    same_stem, standing, words, Evidence, EvidenceFields, EvidenceKind, EvidenceMatch, Standing,
    EVIDENCE_KINDS, MAX_EVIDENCE,
};
pub use example::{example_map, EXAMPLE_MAP_NAME};
pub use fields::{
    field, token_entry, Amount, Codes, Column, FieldSpec, Fields, Judgment, Kind, Merge, Redact,
    TokenSet, Val,
};
pub use history::{
    position_at, snapshot_taken_words, weighted_skepticism, Comparison, HistoryPoint, MoveSource,
    Movement, Snapshot, SnapshotEntry, COALESCE_MS, MAX_HISTORY_POINTS, MAX_SNAPSHOTS,
    MOVE_SOURCES,
};
pub use ids::{
    uuid_from_random, ActionId, EvidenceId, MapId, RelationshipId, SequentialIds, SnapshotId,
    StakeholderId, TouchpointId,
};
pub use layout::{
    estimate_text_width, place_labels, Anchor, LabelMetrics, LabelRequest, LabelSpot, Rect, Scene,
    Spot, ASCENT, DESCENT, RINGS,
};
pub use list::{Direction, ListQuery, SearchIndex, SortKey};
pub use map::{Attention, StakeMap};
pub use markup::escape_markup;
pub use merge::{
    aligned_to, merge, name_key, people_by_name, ChangedStakeholder, FieldDiff, MergeChoices,
    MergeDecision, MergeField, MergePreview, OneSided,
};
pub use names::{first_name, fit_name, shorten, unused_map_name, unused_name, ELLIPSIS};
pub use network::{Link, Network, Node, Route, Tie, TieStrength, AT_ODDS_FACTOR};
pub use patch::{Change, MapPatch, Placed, Record, Records, Taken, Way};
pub use playbook::{
    suggest, Approach, EvidenceItem, EvidenceNote, EvidenceUse, HistoryNote, PastAction, PlanState,
    Rule, Strength, SuggestInput, Suggestion, Tactic, RULES,
};
pub use plot::{MapText, Plot};
pub use redact::{
    field_outcome, initials, labels, redacted, redaction_summary, LabelStyle, Outcome,
    RedactOptions, RedactionLine, TagRule, SHARED_MAP_NAME, TAG_CODES,
};
pub use relationship::{
    said_once, Relationship, RelationshipFields, TieDirection, MAX_RELATIONSHIPS, TIES,
    TIE_DIRECTIONS, TIE_STRENGTHS,
};
pub use report::{
    move_words, place_words, short_date, target_reached, with_unit, ContactLine, Dot, MeasureLine,
    MetricLine, PlannedAction, Presence, ProgramEvidence, Report, SentimentCounts, ShareLine,
    SharedCounts, StillToWin, ToWinOver, CONTACTS_LISTED, INDEX_FOOTNOTE, MIN_COMPARED,
    MOVERS_LISTED, REDACTED_NOTE, SHARES_LISTED, TARGET_TOLERANCE,
};
pub use stakeholder::{
    describe_added, describe_move, describe_position, normalise_causes, normalise_tags, Position,
    Quadrant, RootCause, Stakeholder, StakeholderFields, AXIS_MAX, MAX_LONG_TEXT_CHARS,
    MAX_NAME_CHARS, MAX_SHORT_TEXT_CHARS, MAX_STAKEHOLDERS, MAX_TAGS, QUADRANT_THRESHOLD,
    ROOT_CAUSES,
};
pub use tie_drawing::{
    batch_ties, draw_ties, ties_markup, Point, ShownTies, TieBatch, TieShow, TieView, TIE_GAP,
    TIE_KEY_NOTE,
};
pub use time::{LocalDate, Timestamp};
pub use touchpoint::{
    validate_touchpoint, Channel, Sentiment, Touchpoint, TouchpointFields, CHANNELS,
    MAX_TOUCHPOINTS, SENTIMENTS,
};
pub use tray::{clean_tray_line, read_tray_text, Tray, TrayAdded, TrayPerson, MAX_TRAY};
pub use workshop::{adopt_means, adopt_view, round_rows, Participant, RoundRow, Spread};
pub use workspace::{clean_map_name, Op, OpError, Touched, Workspace};

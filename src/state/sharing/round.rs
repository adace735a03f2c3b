//! The workshop round: participants' files of the same map, compared person by person, and
//! the positions the room adopts (one undoable step each).

use super::{plural, Headed, Sharing};
use crate::format::{self};
use crate::model::{adopt_means, adopt_view, round_rows, Op, Participant, RoundRow, StakeholderId};
use crate::state::notices::Tone;
use leptos::prelude::*;

impl Sharing {
    /// Adds a participant's file to the round. A locked file asks for its passphrase first.
    pub fn add_participant(&self, file_name: &str, bytes: &[u8]) {
        if let Some(read) = self.read_or_ask(file_name, bytes, Headed::Round) {
            self.add_participant_read(file_name, read);
        }
    }

    pub(super) fn add_participant_read(&self, file_name: &str, read: format::Read) {
        let (theirs, repairs) = (read.map, read.repairs);
        let Some(participant) = self.store.with_current_untracked(|mine| {
            let label = file_name
                .trim_end_matches(".json")
                .trim_end_matches(".stakemap")
                .to_owned();
            Participant::from_map(label, &theirs, mine)
        }) else {
            return;
        };
        if participant.positions.is_empty() {
            self.store.notices().notify(
                Tone::Error,
                format!(
                    "“{file_name}” has nobody who is on this map (by id or by name), so it was \
                     not added to the round."
                ),
            );
            return;
        }
        if participant.unmatched > 0 {
            self.store.notices().notify(
                Tone::Info,
                format!(
                    "“{file_name}”: {} not on this map, so not counted.",
                    plural(participant.unmatched, "person is", "people are")
                ),
            );
        } else {
            self.tell_repairs(file_name, repairs);
        }
        let current = self.store.current_id();
        if self.round_map.get_untracked() != current {
            // A round belongs to one map: starting one on another map starts afresh.
            self.participants.set(Vec::new());
            self.round_map.set(current);
        }
        self.participants.update(|list| list.push(participant));
    }

    /// The participants so far, for the open map (tracked).
    pub fn participants(&self) -> Vec<Participant> {
        if self.round_map.get() != self.store.current_id() {
            return Vec::new();
        }
        self.participants.get()
    }

    /// Removes one participant from the round.
    pub fn remove_participant(&self, index: usize) {
        self.participants.update(|list| {
            if index < list.len() {
                list.remove(index);
            }
        });
    }

    /// Ends the round (the map keeps whatever was adopted).
    pub fn clear_round(&self) {
        self.participants.set(Vec::new());
    }

    /// The round's rows for the open map (tracked).
    pub fn round(&self) -> Vec<RoundRow> {
        let participants = self.participants();
        self.store
            .with_current(|m| round_rows(m, &participants))
            .unwrap_or_default()
    }

    pub(super) fn adopt(&self, moves: Vec<(StakeholderId, crate::model::Position)>, what: String) {
        let Some(map) = self.store.current_id() else {
            return;
        };
        if moves.is_empty() {
            self.store.notices().notify(
                Tone::Info,
                "Nobody moved: the map already shows those positions.",
            );
            return;
        }
        let n = moves.len();
        if self.store.dispatch(Op::MoveMany { map, moves }) {
            self.store.notices().notify(
                Tone::Info,
                format!("Adopted {what}: {} moved.", plural(n, "person", "people")),
            );
        }
    }

    /// Moves everyone placed in the round to the mean of the placements.
    pub fn adopt_all_means(&self) {
        let rows = self.round_untracked();
        self.adopt(adopt_means(&rows), "the round's means".to_owned());
    }

    /// Moves one stakeholder to the mean of the placements.
    pub fn adopt_mean(&self, id: StakeholderId) {
        let rows: Vec<RoundRow> = self
            .round_untracked()
            .into_iter()
            .filter(|r| r.id == id)
            .collect();
        let name = rows.first().map(|r| r.name.clone()).unwrap_or_default();
        self.adopt(adopt_means(&rows), format!("the mean for {name}"));
    }

    /// Moves everyone to where one participant placed them.
    pub fn adopt_participant(&self, index: usize) {
        let rows = self.round_untracked();
        let label = self
            .participants
            .with_untracked(|p| p.get(index).map(|p| p.label.clone()))
            .unwrap_or_default();
        self.adopt(adopt_view(&rows, index), format!("{label}'s view"));
    }

    pub(super) fn round_untracked(&self) -> Vec<RoundRow> {
        let participants = untrack(|| self.participants());
        self.store
            .with_current_untracked(|m| round_rows(m, &participants))
            .unwrap_or_default()
    }
}
